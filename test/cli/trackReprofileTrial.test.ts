import { copyFileSync, writeFileSync } from "fs";
import { join } from "path";
import { run, tempDir } from "./workbookCli";

/**
 * A new user's trial of reprofile and forecast (fixreprofile): one quarter short of plan ties the readings
 * (a later start, indicative only), closure's expected figures come from the forecast the report prints,
 * actuals ahead of plan propose no reprofile, and the fit is an RMS error in the measure's units.
 */

const HEADER = "proposal,stream,period,measure,value";
const CFS = "CFS Targeted Prevention";
let demoFile: string;

beforeAll(async () => {
  demoFile = join(tempDir(), "demo.xlsx");
  expect((await run(["demo", "--out", demoFile])).code).toBe(0);
}, 60_000);

async function imported(lines: readonly string[]): Promise<string> {
  const dir = tempDir();
  const file = join(dir, "w.xlsx");
  copyFileSync(demoFile, file);
  const csv = join(dir, "a.csv");
  writeFileSync(csv, [HEADER, ...lines].join("\n"));
  expect((await run(["track", "import", csv, "--into", file])).code).toBe(0);
  return file;
}

describe("track: one quarter of actuals", () => {
  it("proposes a later start (indicative only), and closure reads the report's forecast", async () => {
    const file = await imported([`${CFS},,2027-Q3,avoidedEvents,1`, `${CFS},,2027-Q3,saving,1200`]);
    const r = await run(["track", "reprofile", file, "--proposal", CFS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Proposed: a later start: \d+ days /);
    expect(r.stdout).toMatch(/RMS error/);
    expect(r.stdout).not.toMatch(/squared error/);
    // Indicative only, said once: the engine's note as the warning (the Track tab's note beside the reading).
    expect((r.stdout + r.stderr).match(/indicative/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/^warning: the reprofile is indicative only: 1 period \(2027-Q3\) of actuals/m);
    const report = await run(["track", "report", file]);
    expect(report.stdout).toMatch(/^Forecast cumulative benefit FY27\/28: /m);
    const mtfs = /FY29\/30 (-?£[\d.]+m)/.exec(
      report.stdout.split("\n").find((l) => l.startsWith("Forecast MTFS row"))!,
    )![1];
    const closure = await run(["track", "closure", file]);
    const row = closure.stdout.split("\n").find((l) => l.startsWith(CFS))!;
    const cells = row.slice(CFS.length).trim().split(/\s+/);
    // Target, Expected at FRR, Over/short, Delivered, MTFS FY26/27 … FY29/30
    expect(cells[1]).toBe(cells[0]);
    expect(cells[cells.length - 1]).toBe(mtfs);
  }, 60_000);

  it("a £ reprofile shows its fit as RMS error in £", async () => {
    const file = await imported([`${CFS},,2027-Q3,saving,1200`]);
    const r = await run(["track", "reprofile", file, "--proposal", CFS, "--measure", "saving"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/approved plan £[\d,]+\)/);
    expect(r.stdout).not.toMatch(/\d{6,}\.\d/);
  }, 60_000);
});

describe("track reprofile: actuals ahead of plan", () => {
  it("says ahead of plan, lists no readings and keeps nothing on --accept", async () => {
    const file = await imported(
      ["2027-07", "2027-08", "2027-09"].map((p, k) => `${CFS},,${p},avoidedEvents,${[1, 1, 0][k]}`),
    );
    const report = await run(["track", "report", file]);
    expect(report.stdout).toMatch(/ahead of the plan/);
    const r = await run(["track", "reprofile", file, "--proposal", CFS]);
    expect(r.stdout).toMatch(/Proposed: ahead of plan: no reprofile proposed/);
    expect(r.stdout).not.toMatch(/a later start|target reached|longer ramp/);
    const accepted = await run(["track", "reprofile", file, "--proposal", CFS, "--accept"]);
    expect(accepted.code).toBe(2);
    expect(accepted.stderr).toMatch(/ahead of plan: no reprofile proposed; nothing to keep/);
  }, 60_000);
});
