import * as ExcelJS from "exceljs";
import fc from "fast-check";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { ZERO, parseProposal, periodProfile } from "../../src/engine";
import { example, run, tempDir } from "./workbookCli";

const HEADER = "proposal,stream,period,measure,value";
const CFS = "CFS Targeted Prevention";
let demoFile: string;
/** The demo workbook after one `track import` of `quarter`: the starting point of the tests that need actuals. */
let importedFile: string;

beforeAll(async () => {
  demoFile = join(tempDir(), "demo.xlsx");
  expect((await run(["demo", "--out", demoFile])).code).toBe(0);
  const { file, csvFile } = workbookWith(quarter);
  expect((await run(["track", "import", csvFile, "--into", file])).code).toBe(0);
  importedFile = file;
}, 120_000);

/** A fresh copy of the demo workbook and a CSV beside it. */
function workbookWith(csv: string): { file: string; csvFile: string } {
  const dir = tempDir();
  const file = join(dir, "w.xlsx");
  copyFileSync(demoFile, file);
  const csvFile = join(dir, "actuals.csv");
  writeFileSync(csvFile, csv);
  return { file, csvFile };
}

/** A fresh copy of the workbook with `quarter` imported (each test its own, as if it had imported it). */
function withQuarterImported(): { file: string; csvFile: string } {
  const w = workbookWith(quarter);
  copyFileSync(importedFile, w.file);
  return w;
}

const quarter = [
  HEADER,
  `${CFS},,2027-10,avoidedEvents,0`,
  `${CFS},,2027-11,avoidedEvents,0`,
  `${CFS},,2027-12,avoidedEvents,1`,
].join("\n");

/** The demo workbook with a sheet of the user's own, named `name`, holding a note in A1. */
async function withUserSheet(name: string): Promise<{ file: string; csvFile: string }> {
  const w = workbookWith(quarter);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(w.file);
  wb.addWorksheet(name).getCell("A1").value = "my own notes";
  await wb.xlsx.writeFile(w.file);
  return w;
}

describe("mtfs-benefits track import into a sheet it did not make", () => {
  it("refuses a Tracking sheet without its header, writing nothing", async () => {
    const { file, csvFile } = await withUserSheet("Tracking");
    const before = readFileSync(file);
    const r = await run(["track", "import", csvFile, "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing imported: Tracking: no header row/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("refuses when another sheet's name differs from Tracking only in case, writing nothing", async () => {
    const { file, csvFile } = await withUserSheet("tracking");
    const before = readFileSync(file);
    const r = await run(["track", "import", csvFile, "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a sheet named "tracking" is in the workbook/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe("mtfs-benefits track", () => {
  it("imports a quarter of actuals for CFS Targeted Prevention and reports variance, RAG and forecast", async () => {
    const { file, csvFile } = workbookWith(quarter);
    const imported = await run(["track", "import", csvFile, "--into", file]);
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    expect(imported.stdout).toMatch(
      /^Imported 3 actuals into .*w\.xlsx \(0 already there, 0 conflicts\)\.$/m,
    );
    const table = await run(["track", "report", file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Avoided events +2027-10–2027-12 +2\.19 +1\.00 +-1\.19 +46% +Red$/m);
    expect(table.stdout).toMatch(/^Slippage: [\d.]+ months behind the plan$/m);

    const json = JSON.parse((await run(["track", "report", file, "--format", "json"])).stdout);
    const input = parseProposal(JSON.parse(readFileSync(example("cfs-targeted-prevention.json"), "utf8")))
      .assumptions.cohort!;
    const plan = periodProfile(input, "month")
      .filter((r) => ["2027-10", "2027-11", "2027-12"].includes(r.label))
      .reduce((a, r) => a.plus(r.avoidedEvents), ZERO);
    expect(json[0]).toMatchObject({ sheet: CFS, proposal: CFS });
    expect(json[0].measures[0]).toMatchObject({ measure: "avoidedEvents", actual: 1, rag: "Red" });
    // Rounded at presentation, as calc's JSON rounds a count: to 4 dp.
    expect(json[0].measures[0].plan).toBe(plan.toDecimalPlaces(4).toNumber());
    expect(json[0].forecast.currentFy).toBe("FY27/28");
    expect(json[0].forecast.slippageMonths).toBeGreaterThan(0);
  }, 60_000);

  it("rounds every figure of the report and reprofile JSON: £ to pennies, KPIs and rates to 4 dp", async () => {
    const MIWAA = "Maximising Independence for Working Age Adults";
    const { file, csvFile } = workbookWith(
      [quarter, `${MIWAA},reviews,2027-Q1,saving,1000`, `${MIWAA},reviews,2027-Q1,reducedPackages,3`].join(
        "\n",
      ),
    );
    expect((await run(["track", "import", csvFile, "--into", file])).code).toBe(0);
    const report = JSON.parse((await run(["track", "report", file, "--format", "json"])).stdout);
    const reprofile = JSON.parse(
      (await run(["track", "reprofile", file, "--proposal", CFS, "--format", "json"])).stdout,
    );
    const byReviews = JSON.parse(
      (
        await run([
          "track",
          "reprofile",
          file,
          "--proposal",
          MIWAA,
          "--measure",
          "saving",
          "--format",
          "json",
        ])
      ).stdout,
    );
    /** Every number in a JSON value with its path, leaving out the revised assumptions (inputs, kept exact). */
    const numbers = (x: unknown, at = ""): [string, number][] =>
      typeof x === "number"
        ? [[at, x]]
        : x !== null && typeof x === "object"
          ? Object.entries(x).flatMap(([k, y]) => (k === "assumptions" ? [] : numbers(y, `${at}.${k}`)))
          : [];
    const all = [...numbers(report), ...numbers(reprofile), ...numbers(byReviews)];
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter(([, n]) => Number(n.toFixed(4)) !== n)).toEqual([]);
    // Money (the saving measure, forecast years, £ errors) to pennies.
    const miwaa = report.find((p: { proposal: string }) => p.proposal === MIWAA);
    const money = [
      ...numbers(miwaa.measures.find((m: { measure: string }) => m.measure === "saving")).filter(
        ([k]) => k !== ".percentOfPlan",
      ),
      ...numbers(report.map((p: { forecast: unknown }) => p.forecast)).filter(
        ([k]) => !/slippage|Events/.test(k),
      ),
      ...numbers(byReviews.candidates).filter(([k]) => /Error/.test(k)),
      ["approvedRmsError", byReviews.approvedRmsError] as [string, number],
    ];
    expect(money.filter(([, n]) => Number(n.toFixed(2)) !== n)).toEqual([]);
    const kpi = miwaa.measures.find((m: { measure: string }) => m.measure === "reducedPackages");
    expect(kpi.variance).toBe(Number((kpi.actual - kpi.plan).toFixed(4)));
  }, 60_000);

  it("reports bad rows by line number and writes nothing", async () => {
    const { file, csvFile } = workbookWith(
      [HEADER, `${CFS},,2027-10,avoidedEvents,1`, "Nobody,,2027-10,saving,5", `${CFS},,2027-11,hours,1`].join(
        "\n",
      ),
    );
    const before = readFileSync(file);
    const r = await run(["track", "import", csvFile, "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /line 3: proposal: no proposal sheet is called "Nobody"; line 4: measure: must be one of "Saving \(£\)", "Avoided events", "Caseload reduction" \(or saving, avoidedEvents, caseloadReduction\) for stream cohort, got "hours"; nothing was imported/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 60_000);

  it("never changes a typed actual: a contradicting import is reported, the rest imported", async () => {
    const { file, csvFile } = withQuarterImported();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.getWorksheet("Tracking")!.getCell("E4").value = 2; // typed over 2027-10
    await wb.xlsx.writeFile(file);
    writeFileSync(
      csvFile,
      [HEADER, `${CFS},,2027-10,avoidedEvents,0`, `${CFS},,2028-01,avoidedEvents,1`].join("\n"),
    );
    const r = await run(["track", "import", csvFile, "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^conflict: Tracking!E4 CFS Targeted Prevention 2027-10 Avoided events is 2 on the sheet; actuals\.csv line 2 says 0: the sheet's value is kept$/m,
    );
    expect(r.stdout).toMatch(/Imported 1 actual into/);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(file);
    const ws = after.getWorksheet("Tracking")!;
    expect(ws.getCell("E4").value).toBe(2);
    expect([ws.getCell("C7").value, ws.getCell("E7").value]).toEqual(["2028-01", 1]);
  }, 60_000);

  it("leaves refresh idempotent with actuals present, and refresh never writes the Tracking sheet", async () => {
    const { file } = withQuarterImported();
    const cells = async (): Promise<unknown[]> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const out: unknown[] = [];
      wb.getWorksheet("Tracking")!.eachRow((row) => out.push(row.values));
      return out;
    };
    const before = await cells();
    for (let i = 0; i < 2; i++) {
      const r = await run(["refresh", file]);
      expect(r.stdout).toMatch(/0 cells changed, 0 hand edits kept, 0 warnings\.$/m);
    }
    expect(await cells()).toEqual(before);
  }, 60_000);

  it("still tracks the other proposals when one sheet's assumptions are invalid, and names that sheet", async () => {
    const { file } = withQuarterImported();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const name = wb.definedNames.model.find((n) => n.name === "mtfs_FamilyBasedPlacements_durationWeeks")!;
    const [sheet, address] = name.ranges[0].split("!");
    wb.getWorksheet(sheet.replace(/^'|'$/g, ""))!.getCell(address.replace(/\$/g, "")).value = -3;
    await wb.xlsx.writeFile(file);
    const r = await run(["track", "report", file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^CFS Targeted Prevention$/m);
    // Tracked on the assumptions it was last refreshed with; the field in the sheet's words, its path in brackets.
    expect(r.stderr).toMatch(
      /^Family Based Placements: not refreshed \(tracked on its last refreshed assumptions\): Average duration \(weeks\) \(assumptions\.durationWeeks\): must be > 0, got -3$/m,
    );
  }, 60_000);

  it("writes nothing whenever any row of the CSV is bad (property)", async () => {
    const { file, csvFile } = workbookWith("");
    const before = readFileSync(file);
    const bad = fc.constantFrom(
      "Nobody,,2027-10,saving,1",
      `${CFS},,2027-13,saving,1`,
      `${CFS},,2027-10,saving,lots`,
      `${CFS},x,2027-10,saving,1`,
      `${CFS},,2040-10,saving,1`,
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), bad, async (at, line) => {
        const good = ["2027-10", "2027-11", "2027-12"].map((p) => `${CFS},,${p},avoidedEvents,1`);
        good.splice(at, 0, line);
        writeFileSync(csvFile, [HEADER, ...good].join("\n"));
        const r = await run(["track", "import", csvFile, "--into", file]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`line ${at + 2}: .*nothing was imported`));
        expect(readFileSync(file).equals(before)).toBe(true);
      }),
      { numRuns: 5 },
    );
  }, 120_000);
});

describe("mtfs-benefits track reprofile and closure", () => {
  it("proposes a reprofile from the imported quarter, prints it without writing, and keeps it with --accept", async () => {
    const { file } = withQuarterImported();
    const before = readFileSync(file);
    const shown = await run(["track", "reprofile", file, "--proposal", CFS]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Proposed: a later start: \d+ days \([\d.]+ months\) later$/m);
    expect(shown.stdout).toMatch(/^FY29\/30 +£1\.10m +£[\d.]+m/m);
    expect(shown.stdout).toMatch(/^Not written: add --accept/m);
    expect(readFileSync(file).equals(before)).toBe(true);

    const kept = await run([
      "track",
      "reprofile",
      file,
      "--proposal",
      CFS,
      "--accept",
      "--date",
      "2028-01-15",
    ]);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/Kept as the version of 2028-01-15 on the Reprofiles sheet/);
    expect(existsSync(`${file}.bak`)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const rows: unknown[][] = [];
    wb.getWorksheet("Reprofiles")!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.filter((r) => r[0] === CFS && r[1] === "2028-01-15")).toHaveLength(6);

    const json = JSON.parse(
      (await run(["track", "reprofile", file, "--proposal", CFS, "--format", "json"])).stdout,
    );
    expect(json.reading.kind).toBe("laterStart");
    expect(json.assumptions.timeline.startDate > "2026-08-01").toBe(true);
  }, 60_000);

  it("refuses a proposal without avoided-events actuals, and --date without --accept, with exit 2", async () => {
    const { file } = workbookWith(quarter);
    const none = await run(["track", "reprofile", file, "--proposal", CFS]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no avoidedEvents actuals on the Tracking sheet/);
    const date = await run(["track", "reprofile", file, "--proposal", CFS, "--date", "2028-01-01"]);
    expect(date.code).toBe(2);
    // A proposal without a cohort stream and without actuals is named as such, not as missing.
    const multi = await run(["track", "reprofile", file, "--proposal", "Reablement"]);
    expect(multi.code).toBe(2);
    expect(multi.stderr).toMatch(
      /: Reablement: no actuals on the Tracking sheet for its streams hart \(reablement\) to fit a reprofile to/,
    );
  }, 60_000);

  it("refuses a --date that is not a calendar date (2026-13-45, 2027-02-29) with exit 2 and one line, writing nothing", async () => {
    const { file } = withQuarterImported();
    const before = readFileSync(file);
    for (const d of ["2026-13-45", "2027-02-29", "2026-04-31"]) {
      const r = await run(["track", "reprofile", file, "--proposal", CFS, "--accept", "--date", d]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([
        expect.stringContaining(`--date must be a date YYYY-MM-DD, got "${d}"`),
      ]);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 60_000);

  it("prints the closure table: per proposal and the programme", async () => {
    const { file } = withQuarterImported();
    const table = await run(["track", "closure", file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^CFS Targeted Prevention +£3\.29m +£[\d.]+m/m);
    // The sum of the modelled proposals only: the Programme sheet's total adds the typed rows, so the row says so.
    expect(table.stdout).toMatch(/^Programme \(modelled proposals\) +£/m);
    const json = JSON.parse((await run(["track", "closure", file, "--format", "json"])).stdout);
    expect(json.programme.name).toBe("Programme (modelled proposals)");
    const cfs = json.proposals.find((p: { name: string }) => p.name === CFS);
    expect(cfs.fromActuals).toBe(true);
    expect(cfs.mtfs.map((y: { fy: string }) => y.fy)).toEqual(["FY26/27", "FY27/28", "FY28/29", "FY29/30"]);
    // The JSON rounds each figure to the penny, so the sum of the proposals' may differ by half a penny each.
    const sum = json.proposals.reduce(
      (s: number, p: { targetFullRunRate: number }) => s + p.targetFullRunRate,
      0,
    );
    expect(Math.abs(json.programme.targetFullRunRate - sum)).toBeLessThanOrEqual(
      0.005 * json.proposals.length,
    );
  }, 60_000);

  it("writes the Dashboard on import", async () => {
    const { file } = withQuarterImported();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Dashboard")!;
    expect(ws.getCell("A9").value).toBe(CFS);
    expect(ws.getCell("C9").value).toBe("Avoided events");
  }, 60_000);
});

describe("mtfs-benefits track with streams", () => {
  const streams = [
    HEADER,
    "Income Maximisation,fees,2026-Q3,saving,5000",
    "Income Maximisation,traded,2027-Q1,saving,20000",
    "Reablement,,2026-Q3,saving,1000000",
  ].join("\n");

  it("imports actuals per stream and reports each stream's row, its £ total and a warning on far-above-plan actuals", async () => {
    const { file, csvFile } = workbookWith(streams);
    expect((await run(["track", "import", csvFile, "--into", file])).code).toBe(0);
    const r = await run(["track", "report", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Income Maximisation\n\s*Stream\s+Measure/m);
    expect(r.stdout).toMatch(/^fees\s+Saving \(£\)\s+2026-Q3/m);
    expect(r.stdout).toMatch(/^traded\s+Saving \(£\)\s+2027-Q1/m);
    expect(r.stdout).toMatch(/^all streams\s+Saving \(£\)\s+2026-Q3–2027-Q1/m);
    expect(r.stdout).toMatch(
      /Warning: Stream hart, Saving \(£\): actual to date is [\d.]+× the plan from 1 period \(2026-Q3\)/,
    );
    // Small £ figures in £k, as the Dashboard shows them (£m read "£0.02m £0.01m"), and large ones in £m.
    expect(r.stdout).toMatch(/^fees\s+Saving \(£\)\s+2026-Q3\s+£\d+\.\dk\s+£5\.0k\s+-£\d+\.\dk\s/m);
    expect(r.stdout).toMatch(/^hart\s+Saving \(£\)\s+2026-Q3\s+£0\.\d\dm\s+£1\.00m\s/m);
    const c = await run(["track", "closure", file]);
    expect(c.stderr).toMatch(/warning: Reablement: Stream hart, Saving \(£\): actual to date is/);
    // Delivered to date and the first MTFS year in £k (the trial read "£0.03m" and "£0.07m").
    expect(c.stdout).toMatch(/^Income Maximisation\s+£0\.25m\s+£0\.2\dm\s+\S+\s+£25\.0k\s+£\d+\.\dk\s/m);
    const json = JSON.parse((await run(["track", "report", file, "--format", "json"])).stdout);
    const income = json.find((p: { proposal: string }) => p.proposal === "Income Maximisation");
    expect(income.measures.map((m: { stream: string }) => m.stream)).toEqual([
      "fees",
      "traded",
      "all streams",
    ]);
    expect(income.forecast.streams.map((s: { basis: string }) => s.basis)).toEqual(["saving", "saving"]);
  }, 60_000);

  it("refuses a row naming a stream the proposal does not have, or none on a two-stream proposal, writing nothing", async () => {
    const bad = [
      HEADER,
      "Income Maximisation,rent,2026-Q3,saving,5000",
      "Income Maximisation,,2026-Q3,saving,5",
    ].join("\n");
    const { file, csvFile } = workbookWith(bad);
    const before = readFileSync(file);
    const r = await run(["track", "import", csvFile, "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /line 2: stream: must be one of fees, traded for Income Maximisation, got "rent"/,
    );
    expect(r.stderr).toMatch(/line 3: stream: Income Maximisation has 2 streams \(fees, traded\): name one/);
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 60_000);
});

describe("mtfs-benefits track --edge-of-care", () => {
  it("feeds the named programme's YTD diversions into the linked proposal's forecast; without the file, nothing", async () => {
    const dir = tempDir();
    const raw = JSON.parse(
      readFileSync(join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8"),
    );
    delete raw.$schema;
    const proposal = join(dir, "linked.json");
    writeFileSync(
      proposal,
      JSON.stringify({
        ...raw,
        tracking: { edgeOfCare: { programme: "MST standard (STD 1 and 2)", fy: "FY27/28", quarters: 2 } },
      }),
    );
    const file = join(dir, "w.xlsx");
    expect((await run(["new", "--input", proposal, "--into", file])).code).toBe(0);
    const mst = join(__dirname, "../../examples/edge-of-care-mst.json");
    const r = await run(["track", "report", file, "--edge-of-care", mst, "--format", "json"]);
    expect(r.stderr).toBe("");
    const [p] = JSON.parse(r.stdout);
    expect(p.proposal).toBe(CFS);
    expect(p.measures.map((m: { measure: string; periods: string[] }) => [m.measure, m.periods])).toEqual([
      ["avoidedEvents", ["2027-Q1", "2027-Q2"]],
    ]);
    expect(p.forecast.years).toHaveLength(6);
    expect(JSON.parse((await run(["track", "report", file, "--format", "json"])).stdout)).toEqual([]);
  }, 60_000);
});
