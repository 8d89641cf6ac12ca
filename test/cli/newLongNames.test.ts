import * as ExcelJS from "exceljs";
import { readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { parseProposal, proposalRiskModel } from "../../src/engine";
import { example, run, tempDir } from "./workbookCli";

/**
 * A new user's trial: two opportunities whose names share the 31 characters a sheet name keeps are two
 * proposals (each its own sheet, each simulated as itself), and a workbook `new` just made from a JSON that
 * leaves optional fields out is not reported as differing from that JSON.
 */

type Json = Record<string, unknown>;
const cfs = JSON.parse(readFileSync(example("cfs-targeted-prevention.json"), "utf8")) as Json;
const PHASE_1 = "Residential step-down to foster care";
const PHASE_2 = `${PHASE_1} (phase 2)`;

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The example under `name`, its target `target`, without the optional unit-cost fields the trial left out
 * (and, `bare`, without every optional field `new` gives a blank row).
 */
function proposalFile(name: string, target: number, bare = false): string {
  const all = cfs.assumptions as Json;
  const unitCost = { ...(all.unitCost as Json) };
  delete unitCost.alternativeWeeklyCost;
  delete unitCost.overlapWeeklyCost;
  const a: Json = { ...all, unitCost, target: { kind: "percent", value: target } };
  if (bare) {
    delete a.mtfsOverlap;
    delete unitCost.inflationPerYear;
    a.baseline = { ...(all.baseline as Json) };
    delete (a.baseline as Json).growthPerYear;
  }
  const raw = { ...cfs, opportunity: { ...(cfs.opportunity as Json), name }, assumptions: a };
  const file = join(dir, `${name.length}-${target}${bare ? "-bare" : ""}.json`);
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

/** The simulated proposals' names and planned MTFS rows (£), from `simulate --format json`. */
function simulated(stdout: string): { name: string; planned: number[] }[] {
  const json = JSON.parse(stdout) as { proposals: { name: string; years: { planned: number }[] }[] };
  return json.proposals.map((p) => ({ name: p.name, planned: p.years.map((y) => y.planned) }));
}

/** The MTFS row a proposal file plans, per FY (£), as the engine computes it. */
function plannedBy(file: string): number[] {
  const model = proposalRiskModel(parseProposal(JSON.parse(readFileSync(file, "utf8"))));
  return model.exact().mtfs.map((x) => Number(x));
}

describe("mtfs-benefits new and simulate: names that share their first 31 characters", () => {
  const phase1 = (): string => proposalFile(PHASE_1, 0.08);
  const phase2 = (): string => proposalFile(PHASE_2, 0.12);

  it("adds the second as its own proposal on its own sheet, saying what each sheet is called and why", async () => {
    const xlsx = join(dir, "two.xlsx");
    const first = await run(["new", "--input", phase1(), "--into", xlsx]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('sheet "Residential step-down to foster" and its Programme row.');
    expect(first.stdout).toContain(
      `Sheet "Residential step-down to foster" is not named "${PHASE_1}" as the opportunity is: a sheet name can have at most 31 characters.`,
    );
    const second = await run(["new", "--input", phase2(), "--into", xlsx]);
    expect(second).toMatchObject({ code: 0, stderr: "" });
    const sheet = /sheet "([^"]+)" and its Programme row/.exec(second.stdout)?.[1] ?? "";
    expect(sheet).toMatch(/ \(2\)$/);
    expect(sheet.length).toBeLessThanOrEqual(31);
    expect(second.stdout).toContain(`Sheet "${sheet}" is not named "${PHASE_2}"`);
    expect(second.stdout).toContain(`"Residential step-down to foster" is already another proposal's sheet`);
    expect(await sheetNames(xlsx)).toEqual(
      expect.arrayContaining(["Residential step-down to foster", sheet]),
    );
    // The same proposal again is still refused, naming its own sheet.
    const again = await run(["new", "--input", phase2(), "--into", xlsx]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      `a proposal named "${PHASE_2}" is already in the workbook, on sheet "${sheet}"`,
    );
    const refresh = await run(["refresh", xlsx]);
    expect(refresh).toMatchObject({ code: 0, stderr: "" });
    expect(refresh.stdout).toMatch(/2 proposals: 2 refreshed, 0 failed/);
    expect(refresh.stdout).not.toMatch(/count it \d+ times/);
  });

  it("simulates each as itself from --xlsx, and one the workbook lacks as its file says, without a warning", async () => {
    const xlsx = join(dir, "sim.xlsx");
    expect((await run(["new", "--input", phase1(), "--into", xlsx])).code).toBe(0);
    const sim = (file: string) =>
      run(["simulate", "--input", file, "--iterations", "50", "--format", "json", "--xlsx", xlsx]);
    // Phase 2 not added yet: the workbook has no sheet of it, so it is simulated as its file says.
    const absent = await sim(phase2());
    expect(absent).toMatchObject({ code: 0, stderr: `Wrote ${xlsx}: Risk sheet.\n` });
    expect(simulated(absent.stdout)).toEqual([{ name: PHASE_2, planned: expect.any(Array) }]);
    simulated(absent.stdout)[0].planned.forEach((x, i) => expect(x).toBeCloseTo(plannedBy(phase2())[i], 2));
    expect((await run(["new", "--input", phase2(), "--into", xlsx])).code).toBe(0);
    for (const [file, name] of [
      [phase1(), PHASE_1],
      [phase2(), PHASE_2],
    ]) {
      const r = await sim(file);
      expect(r).toMatchObject({ code: 0, stderr: `Wrote ${xlsx}: Risk sheet.\n` });
      const [got] = simulated(r.stdout);
      expect(got.name).toBe(name);
      got.planned.forEach((x, i) => expect(x).toBeCloseTo(plannedBy(file)[i], 2));
    }
    expect(plannedBy(phase1())).not.toEqual(plannedBy(phase2()));
  });
});

describe("mtfs-benefits simulate --xlsx on a workbook new made from a JSON without its optional fields", () => {
  it.each([
    ["the unit costs' optional fields", false],
    ["every optional field", true],
  ])(
    "without %s, warns of nothing while the sheet is untouched, and names only the field edited after",
    async (_, bare) => {
      const xlsx = join(dir, `fresh-${bare}.xlsx`);
      const file = proposalFile("Trial prevention", 0.08, bare);
      expect((await run(["new", "--input", file, "--into", xlsx])).code).toBe(0);
      const sim = ["simulate", "--input", file, "--iterations", "50", "--format", "json", "--xlsx", xlsx];
      const fresh = await run(sim);
      expect(fresh).toMatchObject({ code: 0, stderr: `Wrote ${xlsx}: Risk sheet.\n` });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const target = wb.definedNames.model.find((x) => x.name === "mtfs_Trialprevention_target_value")!;
      wb.getWorksheet("Trial prevention")!.getCell(target.ranges[0].split("!")[1].replace(/\$/g, "")).value =
        0.1;
      await wb.xlsx.writeFile(xlsx);
      const edited = await run(sim);
      expect(edited.code).toBe(0);
      const [warning, ...rest] = edited.stderr.trim().split("\n");
      expect(rest).toEqual([`Wrote ${xlsx}: Risk sheet.`]);
      expect(warning).toMatch(
        /^warning: [^:]+\.json: simulated as sheet "Trial prevention" of .*fresh-\w+\.xlsx says, where Target \(% of starts\) differs from the file \(FY29\/30 MTFS row £[\d.]+m on the sheet, £[\d.]+m in the file\), so the Risk sheet agrees with the workbook's other sheets\.$/,
      );
    },
  );
});
