import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as ExcelJS from "exceljs";
import { run } from "./workbookCli";

const root = join(__dirname, "../..");
const examplePath = (name: string): string => join(root, "examples", name);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mtfs-demand-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe("mtfs-benefits calc demand", () => {
  it("prints one JSON row per year with spend, budget and volumes in £", async () => {
    const r = await run([
      "calc",
      "demand",
      "--input",
      examplePath("national-children-in-care.json"),
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout);
    expect(json.years).toHaveLength(12);
    expect(Object.keys(json.years[0])).toEqual(
      expect.arrayContaining([
        "year",
        "doNothingSpend",
        "withImpactSpend",
        "budget",
        "stock",
        "entries",
        "exits",
      ]),
    );
    expect(json.years[0]).toMatchObject({
      year: "FY24/25",
      base: true,
      doNothingSpend: 3_270_000_000,
      stock: 26_700,
    });
    expect(json.breakEvenYear).toBe("FY33/34");
    // Pennies at this edge only: every money figure has at most 2 dp.
    for (const y of json.years)
      expect(Math.round(y.withImpactSpend * 100)).toBeCloseTo(y.withImpactSpend * 100, 6);
  });

  it("prints the table with the break-even and benefit lines", async () => {
    const r = await run(["calc", "demand", examplePath("national-children-in-care-500k.json")]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Children in care, a council of 500,000 people (national report scaled pro rata)");
    expect(lines.find((l) => l.startsWith("FY24/25 (base)"))).toMatch(/£60\.0m/);
    expect(lines.find((l) => l.startsWith("Break-even:"))).toMatch(
      /^Break-even: FY33\/34, after £45\.6m overspend from FY26\/27$/,
    );
    expect(lines.find((l) => l.startsWith("Cumulative benefit"))).toMatch(/cashable .* cost avoidance/);
  });

  it("turns an unknown key into exit 2 and one line naming it", async () => {
    const raw = JSON.parse(readFileSync(examplePath("national-children-in-care.json"), "utf8"));
    const r = await run(["calc", "demand", "--input", file("typo.json", { ...raw, budgetGrowht: 0.03 })]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("mtfs-benefits: budgetGrowht: unknown field; did you mean budgetGrowth?\n");
  });

  it("turns a bad value into exit 2 naming the field and the rule", async () => {
    const raw = JSON.parse(readFileSync(examplePath("national-children-in-care.json"), "utf8"));
    const r = await run(["calc", "demand", "--input", file("bad.json", { ...raw, exitRate: 1.5 })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mtfs-benefits: exitRate: must be <= 1/);
  });

  it("adds a Demand sheet with --xlsx, and refuses a second one leaving the file as it was", async () => {
    const out = join(dir, "demand.xlsx");
    const input = examplePath("national-children-in-care.json");
    const r = await run(["calc", "demand", "--input", input, "--xlsx", out]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(`Wrote ${out}: Demand sheet.`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("Demand")?.getCell("A16").value).toBe("FY35/36");
    expect(wb.getWorksheet("Programme")).toBeDefined(); // an MTFS workbook, as \`new\` makes
    const before = readFileSync(out);
    const again = await run(["calc", "demand", "--input", input, "--xlsx", out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('mtfs-benefits: a sheet named "Demand" already exists\n');
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it("refuses a workbook MTFS Benefits did not make, and a name that is not .xlsx", async () => {
    const other = join(dir, "other.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget 2026");
    await wb.xlsx.writeFile(other);
    const before = readFileSync(other);
    const input = examplePath("national-children-in-care.json");
    const r = await run(["calc", "demand", "--input", input, "--xlsx", other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/other\.xlsx is not an MTFS workbook/);
    expect(readFileSync(other).equals(before)).toBe(true);
    const csv = await run(["calc", "demand", "--input", input, "--xlsx", join(dir, "x.csv")]);
    expect([csv.code, csv.stdout]).toEqual([2, ""]);
  });

  it("with --format json says what it wrote on stderr, so stdout stays JSON", async () => {
    const out = join(dir, "demand-json.xlsx");
    const input = examplePath("national-children-in-care.json");
    const r = await run(["calc", "demand", "--input", input, "--format", "json", "--xlsx", out]);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toBe(`Wrote ${out}: Demand sheet.\n`);
  });

  it("refuses --xlsx for the other calculations", async () => {
    const r = await run([
      "calc",
      "profile",
      "--input",
      examplePath("cfs-targeted-prevention.json"),
      "--xlsx",
      join(dir, "x.xlsx"),
    ]);
    expect([r.code, r.stderr]).toEqual([2, "mtfs-benefits: calc profile: --xlsx is for calc demand only\n"]);
  });
});

describe("a proposal whose baseline names a demand model file", () => {
  const cfs = JSON.parse(readFileSync(examplePath("cfs-targeted-prevention.json"), "utf8"));
  const model = JSON.parse(readFileSync(examplePath("national-children-in-care-500k.json"), "utf8"));
  const withBaseline = (baseline: unknown) => ({
    ...cfs,
    $schema: undefined,
    assumptions: { ...cfs.assumptions, baseline },
  });

  it("reads the model relative to the proposal file and gives the profile of the same numbers typed", async () => {
    const sub = join(dir, "proposals");
    mkdirSync(sub, { recursive: true });
    file("proposals/model-500k.json", model);
    const named = file(
      "proposals/named.json",
      withBaseline({ demand: { model: "model-500k.json", measure: "entries" } }),
    );
    // The 500k council's do-nothing entries grow at one rate, so typed numbers can say the same.
    const typed = file(
      "typed.json",
      withBaseline({
        volumePerYear: (14_465 * 500_000) / 27_250_000,
        growthPerYear: "0.8796%",
        baseFy: 2024,
      }),
    );
    const a = await run(["calc", "profile", "--input", named, "--format", "json"]);
    const b = await run(["calc", "profile", "--input", typed, "--format", "json"]);
    expect([a.code, a.stderr]).toEqual([0, ""]);
    expect(JSON.parse(a.stdout).years).toEqual(JSON.parse(b.stdout).years);
  });

  it("names a missing model file in one line, exit 2", async () => {
    const named = file(
      "missing.json",
      withBaseline({ demand: { model: "nowhere.json", measure: "entries" } }),
    );
    const r = await run(["calc", "profile", "--input", named]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("nowhere.json: file not found");
  });

  it("puts the model in the workbook with `new`, and a refresh leaves the figures as they were", async () => {
    const sub = join(dir, "wb");
    mkdirSync(sub, { recursive: true });
    file("wb/model.json", model);
    const named = file(
      "wb/named.json",
      withBaseline({ demand: { model: "model.json", measure: "entries" } }),
    );
    const xlsx = join(sub, "demand-baseline.xlsx");
    const made = await run(["new", "--input", named, "--into", xlsx]);
    expect([made.code, made.stderr]).toEqual([0, ""]);
    // Nothing to change: the model read back from the sheet gives the same profile.
    const refreshed = await run(["refresh", xlsx]);
    expect([refreshed.code, refreshed.stderr]).toEqual([0, ""]);
    expect(refreshed.stdout).toMatch(/ 0 cells changed/);
  });
});
