import { createHash, randomBytes } from "crypto";
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import { join } from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { EMPTY_PROGRAMME } from "../../src/workbook/layouts/programmeConfig";
import { addProposal, buildProgrammeWorkbook } from "../../src/workbook/operations";
import { readRegister, REGISTER_SHEET, writeRegister } from "../../src/workbook/register";
import { example, run, tempDir } from "./workbookCli";

/** The CLI's file handling: names, kinds, modes, symlinks, backups and what it refuses to touch. */

const hash = (file: string): string => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

async function demo(dir = tempDir()): Promise<string> {
  const file = join(dir, "programme.xlsx");
  expect((await run(["demo", "--out", file])).code).toBe(0);
  return file;
}

function proposalNamed(dir: string, name: string, directorate?: string): string {
  const raw = JSON.parse(fs.readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
  raw.opportunity.name = name;
  if (directorate) raw.opportunity.directorate = directorate;
  const file = join(dir, `${name.replace(/\W/g, "_")}.json`);
  fs.writeFileSync(file, JSON.stringify(raw));
  return file;
}

describe("workbook names and input kinds", () => {
  it.each([
    [
      "new",
      (dir: string) => [
        "new",
        "--input",
        example("cfs-targeted-prevention.json"),
        "--into",
        join(dir, "x.csv"),
      ],
    ],
    ["demo", (dir: string) => ["demo", "--out", join(dir, "x.csv")]],
  ])("%s refuses a workbook name that is not .xlsx, writing nothing", async (_c, argv) => {
    const dir = tempDir();
    const r = await run(argv(dir));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^mtfs-benefits: --(into|out) .*x\.csv: a workbook name must end in \.xlsx$/,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("calc on a workbook says it is a workbook, without quoting its bytes", async () => {
    const file = await demo();
    const r = await run(["calc", "profile", "--input", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`mtfs-benefits: ${file}: is an .xlsx workbook, not a JSON file`);
  });

  it("calc profile on the programme file says it is a programme file", async () => {
    const r = await run(["calc", "profile", "--input", example("programme.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/programme\.json: is a programme file .*not a proposal/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
    "adds a proposal (and directorate) named %s like any other",
    async (name) => {
      const dir = tempDir();
      const into = join(dir, "wb.xlsx");
      const r = await run(["new", "--input", proposalNamed(dir, name, name), "--into", into]);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      expect(({} as Record<string, unknown>)[44]).toBeUndefined();
      const again = await run(["refresh", into]);
      expect(again).toMatchObject({ code: 0, stderr: "" });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(into);
      expect(wb.worksheets.map((w) => w.name)).toContain(name);
      expect(wb.definedNames.model.some((n) => n.ranges[0].includes(`${name}`))).toBe(true);
    },
  );
});

describe("a workbook MTFS Benefits did not make", () => {
  async function foreign(dir: string): Promise<string> {
    const file = join(dir, "budget.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").getCell("A1").value = "My own figures";
    await wb.xlsx.writeFile(file);
    return file;
  }

  it("is refused by refresh and left byte-identical, with no backup", async () => {
    const dir = tempDir();
    const file = await foreign(dir);
    const before = hash(file);
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `mtfs-benefits: ${file} is not an MTFS workbook (no ${REGISTER_SHEET} register): nothing written`,
    );
    expect(hash(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(["budget.xlsx"]);
  });

  it("is refused by new --into, left byte-identical", async () => {
    const dir = tempDir();
    const file = await foreign(dir);
    const before = hash(file);
    const r = await run(["new", "--input", example("cfs-targeted-prevention.json"), "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not an MTFS workbook .*nothing written; give --into a new file name/);
    expect(hash(file)).toBe(before);
  });
});

describe("writing a workbook", () => {
  it("keeps the file's mode", async () => {
    const file = await demo();
    // An edit, so that refresh rewrites the file (an unchanged one is left alone).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const name = wb.definedNames.model.find((n) => n.name === "mtfs_CFSTargetedPrevention_durationWeeks")!;
    wb
      .getWorksheet("CFS Targeted Prevention")!
      .getCell(name.ranges[0].split("!")[1].replace(/\$/g, "")).value = 120;
    await wb.xlsx.writeFile(file);
    fs.chmodSync(file, 0o600);
    expect((await run(["refresh", file])).code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${file}.bak`).mode & 0o777).toBe(0o600);
  });

  it("writes through a symlink to its target, keeping the link", async () => {
    const dir = tempDir();
    const target = await demo(dir);
    const link = join(dir, "link.xlsx");
    fs.symlinkSync(target, link);
    const ws = "CFS Targeted Prevention";
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const name = wb.definedNames.model.find((n) => n.name === "mtfs_CFSTargetedPrevention_durationWeeks")!;
    wb.getWorksheet(ws)!.getCell(name.ranges[0].split("!")[1].replace(/\$/g, "")).value = 120;
    await wb.xlsx.writeFile(target);
    const before = hash(target);
    const r = await run(["refresh", link]);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(hash(target)).not.toBe(before);
    expect(hash(`${target}.bak`)).toBe(before);
    expect((await run(["refresh", link])).stdout).toMatch(/ 0 cells changed/);
  });

  it("stores only the fields the proposal format defines: another field is refused by name (issue 13)", async () => {
    const dir = tempDir();
    const raw = JSON.parse(fs.readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
    const input = join(dir, "big.json");
    fs.writeFileSync(input, JSON.stringify({ ...raw, attachment: "x".repeat(2_000_000) }));
    const into = join(dir, "wb.xlsx");
    const r = await run(["new", "--input", input, "--into", into]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/attachment: unknown field\n$/);
    expect(fs.existsSync(into)).toBe(false);
  });

  it("sheds unknown fields an earlier version stored in the register, moving no cell", async () => {
    const dir = tempDir();
    const file = join(dir, "old.xlsx");
    const raw = JSON.parse(fs.readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
    // Earlier versions stored what they were given, unknown fields included (today they are refused on the
    // way in, so the old register is made by hand).
    await addProposal(port, raw);
    const old = await readRegister(port);
    const [first] = old.proposals;
    await writeRegister(port, {
      ...old,
      proposals: [
        {
          ...first,
          proposal: {
            ...first.proposal,
            attachment: randomBytes(1_500_000).toString("base64"), // incompressible, as a real attachment
            opportunity: { ...(first.proposal.opportunity as object), scan: "y".repeat(100_000) },
          },
        },
      ],
    });
    fs.writeFileSync(file, Buffer.from(await port.toXlsx()));
    const bloated = fs.statSync(file).size;
    const r = await run(["refresh", file]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/ 0 cells changed/);
    expect(fs.statSync(file).size).toBeLessThan(bloated / 5);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const reg = await readRegister(new ExcelJsPort(back));
    expect(Object.keys(reg.proposals[0].proposal).sort()).toEqual(
      Object.keys(raw)
        .filter((k) => k !== "narrative")
        .sort(),
    );
    expect((reg.proposals[0].proposal.opportunity as Record<string, unknown>).scan).toBeUndefined();
    expect((await run(["refresh", file])).stdout).toMatch(/ 0 cells changed/);
  });

  it("refuses a workbook over the size limit before reading it (exit 2, one line)", async () => {
    const dir = tempDir();
    const file = join(dir, "huge.xlsx");
    fs.writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    fs.truncateSync(file, 60 * 1024 * 1024); // sparse: no 60 MB written
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/huge\.xlsx: too large to open safely \(60\.0 MB; the limit is 50 MB\)/);
  });
});

describe("a refresh in which a proposal fails", () => {
  it("writes the consistent result, says how many failed, exits 2, and keeps the previous file as .bak", async () => {
    const file = await demo();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const name = wb.definedNames.model.find((n) => n.name === "mtfs_CFSTargetedPrevention_durationWeeks")!;
    wb
      .getWorksheet("CFS Targeted Prevention")!
      .getCell(name.ranges[0].split("!")[1].replace(/\$/g, "")).value = -3;
    await wb.xlsx.writeFile(file);
    const before = hash(file);
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /11 proposals: 10 refreshed, 1 failed \(CFS Targeted Prevention\); 0 cells changed/,
    );
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^mtfs-benefits: CFS Targeted Prevention: .*B\d+ .*: must be > 0, got -3$/),
    ]);
    expect(hash(`${file}.bak`)).toBe(before);
  });
});
