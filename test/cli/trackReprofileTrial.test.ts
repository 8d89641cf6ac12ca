import { copyFileSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { example, run, tempDir } from "./workbookCli";

/**
 * A new user's trial of reprofile and forecast (fixreprofile): one quarter short of plan ties the readings
 * (a later start, indicative only), closure's expected figures come from the forecast the report prints,
 * actuals ahead of plan propose no reprofile, and the fit is an RMS error in the measure's units.
 */

const HEADER = "proposal,stream,period,measure,value";
const CFS = "CFS Targeted Prevention";
const FBP = "Family Based Placements";
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
    // Indicative only, said once, in the table itself (a table sent to a file keeps it), as the Track tab's note.
    expect((r.stdout + r.stderr).match(/indicative/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/^Note: the reprofile is indicative only: 1 period \(2027-Q3\) of actuals/m);
    expect(r.stderr).toBe("");
    // The JSON keeps its flag and its warning, as before.
    const json = await run(["track", "reprofile", file, "--proposal", CFS, "--format", "json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ indicative: true });
    expect(json.stderr).toMatch(/^warning: the reprofile is indicative only: 1 period \(2027-Q3\)/m);
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
    // No hint to keep what --accept refuses (new-user trial).
    expect(r.stdout).not.toMatch(/add --accept/);
    const accepted = await run(["track", "reprofile", file, "--proposal", CFS, "--accept"]);
    expect(accepted.code).toBe(2);
    expect(accepted.stderr).toMatch(/ahead of plan: no reprofile proposed; nothing to keep/);
  }, 60_000);
});

/** A row of a printed table: its cells after the label, split on runs of spaces. */
const cellsOf = (stdout: string, label: string): string[] =>
  stdout
    .split("\n")
    .find((l) => l.startsWith(label))!
    .slice(label.length)
    .trim()
    .split(/\s{2,}/);

describe("track reprofile beside the forecast: Family Based Placements behind plan", () => {
  // No placements avoided Apr–Dec 2027 and one in Jan 2028 (the plan: 2.33): a later start of 106 days.
  const behind = [
    ...["04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => `${FBP},,2027-${m},avoidedEvents,0`),
    `${FBP},,2028-01,avoidedEvents,1`,
  ];

  it("shows track report's forecast MTFS row and closure's expected run rate, and says what revised and forecast each are", async () => {
    const file = await imported(behind);
    const r = await run(["track", "reprofile", file, "--proposal", FBP]);
    expect(r.code).toBe(0);
    const report = await run(["track", "report", file]);
    const reported = new Map(
      report.stdout
        .split("\n")
        .find((l) => l.startsWith("Forecast MTFS row: "))!
        .slice("Forecast MTFS row: ".length)
        .split(", ")
        .map((x) => x.split(" ") as [string, string]),
    );
    const head = r.stdout.split("\n").find((l) => l.startsWith("FY "))!;
    expect(head).toMatch(/Revised MTFS row +Forecast MTFS row$/);
    // One forecast: every FY of the reprofile's forecast column is the report's, and it differs from the revised plan.
    for (const [fy, money] of reported) expect(cellsOf(r.stdout, fy)[4]).toBe(money);
    expect(cellsOf(r.stdout, "FY27/28")[3]).not.toBe(cellsOf(r.stdout, "FY27/28")[4]);
    expect(r.stdout).toMatch(/^Revised: the approved plan refitted to the actuals, every period modelled/m);
    expect(r.stdout).toMatch(/^Forecast: the expected outturn that track report and closure give/m);
    // The revised run rate reads higher only because it is reached a year later, at that year's prices.
    const closure = await run(["track", "closure", file]);
    const expected = cellsOf(closure.stdout, FBP)[1];
    expect(r.stdout).toMatch(
      new RegExp(
        `^Full run rate: approved £2\\.00m in FY30/31, revised (£[\\d.]+m) in FY31/32 \\(reached 1 year later, at FY31/32 prices; the approved plan in FY31/32: \\1\\); forecast ${expected.replace(/[.$]/g, "\\$&")} in FY30/31$`,
        "m",
      ),
    );
  }, 60_000);
});

describe("track reprofile --format json: what the table shows", () => {
  it("gives per FY the report's forecast MTFS row and the full run rates of the table's line", async () => {
    const file = await imported([
      ...["04", "05", "06", "07", "08", "09", "10", "11", "12"].map(
        (m) => `${FBP},,2027-${m},avoidedEvents,0`,
      ),
      `${FBP},,2028-01,avoidedEvents,1`,
    ]);
    const before = await run(["track", "reprofile", file, "--proposal", FBP]);
    const j = JSON.parse(
      (await run(["track", "reprofile", file, "--proposal", FBP, "--format", "json"])).stdout,
    );
    const [reported] = JSON.parse((await run(["track", "report", file, "--format", "json"])).stdout);
    const forecastByFy = new Map(
      reported.forecast.years.map((y: { fy: string; forecastMtfsRow: number }) => [y.fy, y.forecastMtfsRow]),
    );
    for (const y of j.years) expect(y.forecastMtfsRow).toBe(forecastByFy.get(y.fy) ?? null);
    expect(j.years.some((y: { forecastMtfsRow: number | null }) => y.forecastMtfsRow !== null)).toBe(true);
    expect(j).not.toHaveProperty("forecastWithheld");
    // The run rates are the table line's: approved, revised (a year later), the approved plan that FY, the forecast.
    const closure = JSON.parse((await run(["track", "closure", file, "--format", "json"])).stdout);
    const expected = closure.proposals.find((c: { name: string }) => c.name === FBP);
    expect(j.fullRunRate.forecast.value).toBe(expected.expectedFullRunRate);
    expect(j.fullRunRate.approved.value).toBe(expected.targetFullRunRate);
    const sameFy = j.years.find((y: { fy: string }) => y.fy === j.fullRunRate.revised.fy);
    expect(j.fullRunRate.approvedSameFy).toEqual({ fy: sameFy.fy, value: sameFy.approvedCumulative });
    const line = before.stdout.split("\n").find((l) => l.startsWith("Full run rate: "))!;
    for (const rate of [j.fullRunRate.approved, j.fullRunRate.revised, j.fullRunRate.forecast])
      expect(line).toContain(` in ${rate.fy}`);
    // The fields scripts read are still there.
    expect(Object.keys(j.years[0])).toEqual(
      expect.arrayContaining([
        "fy",
        "approvedCumulative",
        "revisedCumulative",
        "approvedMtfsRow",
        "revisedMtfsRow",
      ]),
    );
  }, 60_000);
});

describe("track reprofile --edge-of-care: the report's forecast, with the programme's diversions", () => {
  const MST = "MST standard (STD 1 and 2)";
  /** A workbook of CFS linked to the MST programme (its diversions 2027-Q1 and Q2) with `lines` imported. */
  async function linked(lines: readonly string[]): Promise<string> {
    const dir = tempDir();
    const raw = JSON.parse(readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
    delete raw.$schema;
    const proposal = join(dir, "linked.json");
    writeFileSync(
      proposal,
      JSON.stringify({ ...raw, tracking: { edgeOfCare: { programme: MST, fy: "FY27/28", quarters: 2 } } }),
    );
    const file = join(dir, "w.xlsx");
    expect((await run(["new", "--input", proposal, "--into", file])).code).toBe(0);
    const csv = join(dir, "a.csv");
    writeFileSync(csv, [HEADER, ...lines].join("\n"));
    expect((await run(["track", "import", csv, "--into", file])).code).toBe(0);
    return file;
  }
  const mst = example("edge-of-care-mst.json");
  const forecastRows = (json: { years: { fy: string; forecastMtfsRow: number | null }[] }) =>
    json.years.map((y) => [y.fy, y.forecastMtfsRow]);

  it("prints the forecast track report --edge-of-care prints; without the summaries, says why there is none", async () => {
    const file = await linked([`${CFS},,2027-Q3,avoidedEvents,1`]);
    const reprofile = async (...extra: string[]) =>
      JSON.parse(
        (await run(["track", "reprofile", file, "--proposal", CFS, "--format", "json", ...extra])).stdout,
      );
    const withEdge = await reprofile("--edge-of-care", mst);
    const [p] = JSON.parse(
      (await run(["track", "report", file, "--format", "json", "--edge-of-care", mst])).stdout,
    );
    expect(forecastRows(withEdge)).toEqual(
      p.forecast.years.map((y: { fy: string; forecastMtfsRow: number }) => [y.fy, y.forecastMtfsRow]),
    );
    expect(withEdge).not.toHaveProperty("forecastWithheld");
    // Without the summaries the report cannot track the linked proposal and says so: the reprofile says the same.
    const report = await run(["track", "report", file]);
    expect(report.code).toBe(2);
    const sheetOnly = await reprofile();
    expect(report.stderr).toContain(sheetOnly.forecastWithheld);
    expect(sheetOnly.forecastWithheld).toMatch(/no edge-of-care summary is for "MST standard/);
    expect(forecastRows(sheetOnly).every(([, v]) => v === null)).toBe(true);
    // The fit reads the Tracking sheet either way: the same reading.
    expect(withEdge.reading).toEqual(sheetOnly.reading);
    const table = await run(["track", "reprofile", file, "--proposal", CFS, "--edge-of-care", mst]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Forecast MTFS row$/m);
  }, 60_000);

  it("withholds the forecast as the report does, saying why in the JSON", async () => {
    // Diversions to 2027-Q2 and the sheet's from 2027-Q4: a gap, so the report has no forecast.
    const file = await linked([`${CFS},,2027-Q4,avoidedEvents,1`]);
    const [p] = JSON.parse(
      (await run(["track", "report", file, "--edge-of-care", mst, "--format", "json"])).stdout,
    );
    expect(p.forecast).toBeNull();
    const r = await run([
      "track",
      "reprofile",
      file,
      "--proposal",
      CFS,
      "--edge-of-care",
      mst,
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.forecastWithheld).toBe(p.forecastWithheld);
    expect(j.years.every((y: { forecastMtfsRow: number | null }) => y.forecastMtfsRow === null)).toBe(true);
    expect(j.fullRunRate.forecast).toBeNull();
  }, 60_000);
});
