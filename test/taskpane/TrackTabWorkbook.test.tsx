/**
 * @jest-environment ./test/setup/jsdomEnvironment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Fluent UI imports `scheduler`, which the lockfile nests under react-dom (webpack aliases it the same way).
jest.mock(
  "scheduler",
  () => jest.requireActual(require.resolve("scheduler", { paths: [require.resolve("react-dom")] })),
  { virtual: true },
);
import * as React from "react";
import { configure, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type * as ExcelJS from "exceljs";
import { describeReading, formatMoney } from "../../src/engine";
import { TrackTab } from "../../src/taskpane/components/TrackTab";
import {
  actualsFromCsv,
  trackMeasures,
  trackOps,
  trackView,
  type TrackWorkbookOps,
} from "../../src/taskpane/trackBridge";
import { enterActuals } from "../../src/workbook/enterActuals";
import { acceptReprofile, proposeReprofile } from "../../src/workbook/history";
import { HISTORY_SHEET } from "../../src/workbook/layouts/historySheet";
import { DASHBOARD_SHEET } from "../../src/workbook/layouts/dashboardSheet";
import { TRACKING_SHEET } from "../../src/workbook/layouts/trackingSheet";
import { readRegister } from "../../src/workbook/register";
import { trackWorkbook } from "../../src/workbook/tracking";
import type { WorkbookPort } from "../../src/workbook/port";
import { demoWorkbook, plain, readExample } from "../workbook/fixtures";
import { run, tempDir } from "../cli/workbookCli";
import { writeFileSync } from "fs";
import { join } from "path";

/**
 * The Track tab over a real workbook (the demo's, through the ExcelJS port, as in the standalone page): actuals
 * written to the Tracking sheet by the writer `track import` uses, read back with what they show, conflicts
 * with typed actuals reported, a bad actual writing nothing, and the reprofile accepted as `--accept` keeps it.
 */

const CFS = "CFS Targeted Prevention";
const cfs: unknown = readExample("cfs-targeted-prevention.json");
const QUARTER_CSV = [
  "proposal,stream,period,measure,value",
  `${CFS},,2027-10,avoidedEvents,0`,
  `${CFS},,2027-11,avoidedEvents,0`,
  `${CFS},,2027-12,avoidedEvents,1`,
].join("\n");

function renderTab(
  port: WorkbookPort,
  options: { sheet?: string; raw?: unknown; today?: string; workbook?: TrackWorkbookOps } = {},
) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <TrackTab
        raw={options.raw ?? cfs}
        sheet={"sheet" in options ? options.sheet : CFS}
        track={trackView}
        fromCsv={actualsFromCsv}
        measures={trackMeasures}
        workbook={options.workbook ?? trackOps(() => port)}
        today={() => options.today ?? "2028-01-15"}
      />
    </FluentProvider>,
  );
}

/** The Tracking sheet's rows below its header, as plain values (none when it is absent). */
function trackingRows(wb: ExcelJS.Workbook): unknown[][] {
  const ws = wb.getWorksheet(TRACKING_SHEET);
  if (!ws) return [];
  const rows: unknown[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) {
    const values = [1, 2, 3, 4, 5, 6].map((c) => plain(ws.getCell(r, c).value));
    if (values.some((v) => v !== null)) rows.push(values);
  }
  return rows;
}

async function pasteAndWrite(csv: string): Promise<void> {
  await screen.findByTestId("book-track");
  fireEvent.change(screen.getByTestId("actuals-csv"), { target: { value: csv } });
  fireEvent.click(screen.getByTestId("use-csv"));
  await waitFor(() => expect(screen.getByTestId("write-actuals")).not.toHaveProperty("disabled", true));
  fireEvent.click(screen.getByTestId("write-actuals"));
}

/** What `track reprofile` prints for CFS on a copy of `wb`: its reading, the line under it, its indicative warning. */
async function cliReprofile(
  wb: ExcelJS.Workbook,
): Promise<{ proposed: string; basis: string; indicative: string }> {
  const file = join(tempDir(), "w.xlsx");
  await wb.xlsx.writeFile(file);
  const cli = await run(["track", "reprofile", file, "--proposal", CFS]);
  expect(cli.code).toBe(0);
  const lines = cli.stdout.split("\n");
  const at = lines.findIndex((l) => l.startsWith("Proposed: "));
  // The table says it is indicative itself, in a Note line under the reading.
  const note = lines.find((l) => l.startsWith("Note: the reprofile is indicative"));
  return {
    proposed: lines[at].slice("Proposed: ".length),
    basis: lines[at + 1],
    indicative: note?.slice("Note: ".length) ?? "",
  };
}

/** A note as a sentence of its own, as the tab shows the CLI's lower-case note. */
const sentence = (t: string): string => `${t[0].toUpperCase()}${t.slice(1)}${t.endsWith(".") ? "" : "."}`;

// Fitting a reprofile takes a moment on a shared machine: wait for the figures, not a fixed second.
configure({ asyncUtilTimeout: 20_000 });

describe("TrackTab on a workbook", () => {
  it("writes a quarter of CFS actuals to the Tracking sheet and shows what the workbook then says", async () => {
    const { wb, port } = await demoWorkbook();
    renderTab(port);
    expect((await screen.findByTestId("book-problem")).textContent).toBe(
      `No actuals for ${CFS} on the Tracking sheet yet: enter some and write them.`,
    );
    await pasteAndWrite(QUARTER_CSV);
    await waitFor(() =>
      expect(screen.getByTestId("track-note").textContent).toMatch(
        /^Wrote 3 actuals to the Tracking sheet \(0 already there, 0 conflicts\)\./,
      ),
    );
    expect(trackingRows(wb)).toEqual([
      [CFS, null, "2027-10", "Avoided events", 0, "pasted CSV line 2"],
      [CFS, null, "2027-11", "Avoided events", 0, "pasted CSV line 3"],
      [CFS, null, "2027-12", "Avoided events", 1, "pasted CSV line 4"],
    ]);
    expect(wb.getWorksheet(DASHBOARD_SHEET)).toBeDefined();
    // What the tab shows is what `track report` reads from the same workbook.
    await waitFor(() =>
      expect(screen.getByTestId("book-count").textContent).toBe(`3 actuals for ${CFS} on the Tracking sheet`),
    );
    const report = (await trackWorkbook(port)).proposals.find((p) => p.sheet === CFS)!.summary;
    const events = report.measures.find((m) => m.measure === "avoidedEvents")!;
    expect(screen.getByTestId("book-variance-avoidedEvents").textContent).toBe(events.variance.toFixed(2));
    expect(screen.getByTestId("book-rag-avoidedEvents").textContent).toBe(events.rag);
    expect(screen.getByTestId("book-forecast").textContent).toMatch(
      /^Forecast cumulative benefit FY27\/28: /,
    );
    expect(screen.getByTestId("book-slippage").textContent).toMatch(/months behind the plan$/);
    const proposed = await proposeReprofile(port, CFS);
    expect(screen.getByTestId("book-reprofile").textContent).toBe(
      `Proposed reprofile: ${describeReading(proposed.reprofile.reading)}`,
    );
    // Three periods: a reprofile to rely on, no "indicative only" note.
    expect(screen.queryByTestId("book-reprofile-note")).toBeNull();
    const years = screen.getByTestId("book-reprofile-years").querySelectorAll("tbody tr");
    // Beside the revised plan, the forecast `track report` gives (the one reportedForecast computes).
    const forecast =
      proposed.forecast && "forecast" in proposed.forecast ? proposed.forecast.forecast : undefined;
    expect(forecast).toBeDefined();
    expect([...years].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent))).toEqual(
      proposed.reprofile.approved.years.map((y, i) => [
        y.label,
        formatMoney(y.cumulative),
        formatMoney(proposed.reprofile.revised.years[i].cumulative),
        formatMoney(y.mtfsImpact),
        formatMoney(proposed.reprofile.revised.years[i].mtfsImpact),
        formatMoney(forecast!.years.find((f) => f.fy === y.fy)!.mtfsImpact),
      ]),
    );
    // The rows went to the sheet: the grid is empty again, its (deferred) preview says so.
    expect((await screen.findByTestId("track-problem")).textContent).toMatch(/Enter an actual/);
  });

  it("shows the reprofile's forecast MTFS row and the like-for-like later run rate as track reprofile prints them", async () => {
    // Family Based Placements behind plan (none avoided Apr–Dec 2027, one in Jan 2028): a later start whose
    // revised run rate is reached a year later, at that year's prices.
    const FBP = "Family Based Placements";
    const { wb, port } = await demoWorkbook();
    renderTab(port, { sheet: FBP, raw: readExample("family-based-placements.json") });
    const months = ["04", "05", "06", "07", "08", "09", "10", "11", "12"];
    await pasteAndWrite(
      [
        "proposal,stream,period,measure,value",
        ...months.map((m) => `${FBP},,2027-${m},avoidedEvents,0`),
        `${FBP},,2028-01,avoidedEvents,1`,
      ].join("\n"),
    );
    await screen.findByTestId("book-reprofile-years");
    const file = join(tempDir(), "w.xlsx");
    await wb.xlsx.writeFile(file);
    const cli = await run(["track", "reprofile", file, "--proposal", FBP]);
    expect(cli.code).toBe(0);
    const lines = cli.stdout.split("\n");
    // The CLI's table: its header, a rule, then a row per FY up to the run-rate line.
    const head = lines.findIndex((l) => l.startsWith("FY "));
    const runRate = lines.findIndex((l) => l.startsWith("Full run rate: "));
    const cells = (l: string): string[] => l.trim().split(/\s{2,}/);
    const cliRows = lines.slice(head + 1, runRate).filter((l) => /^FY\d/.test(l.trim()));
    expect(cells(lines[head])).toContain("Forecast MTFS row");
    const table = screen.getByTestId("book-reprofile-years");
    const th = [...table.querySelectorAll("thead th")].map((x) => x.textContent);
    expect(th).toEqual(cells(lines[head]));
    const rows = [...table.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent),
    );
    expect(rows).toEqual(cliRows.map(cells));
    // The later revised run rate beside the approved plan's in that FY, and the forecast's.
    expect(lines[runRate]).toMatch(
      /later, at FY\d\d\/\d\d prices; the approved plan in FY\d\d\/\d\d: .*; forecast /,
    );
    expect(screen.getByTestId("book-run-rate").textContent).toBe(lines[runRate]);
    const means = lines.slice(runRate + 1).filter((l) => /^(Revised|Forecast): /.test(l));
    expect(means).toHaveLength(2);
    expect(screen.getAllByTestId("book-reprofile-means").map((p) => p.textContent)).toEqual(means);
  });

  it("never changes an actual typed on the sheet: the contradicting one is reported, the rest written", async () => {
    const { wb, port } = await demoWorkbook();
    const typed = {
      proposal: CFS,
      stream: "",
      period: "2027-10",
      measure: "avoidedEvents",
      value: 2,
      source: "",
    };
    await enterActuals(port, [typed], { where: () => "typed", dryRun: false });
    renderTab(port);
    await screen.findByTestId("book-actuals");
    await pasteAndWrite(QUARTER_CSV);
    await waitFor(() =>
      expect(screen.getByTestId("track-note").textContent).toMatch(/^Wrote 2 actuals .*1 conflict\)\./),
    );
    expect(screen.getAllByTestId("track-note-detail").map((d) => d.textContent)).toEqual([
      `Conflict: Tracking!E4 ${CFS} 2027-10 Avoided events is 2 on the sheet; pasted CSV line 2 says 0: the sheet's value is kept`,
    ]);
    expect(trackingRows(wb).map((r) => [r[2], r[4]])).toEqual([
      ["2027-10", 2],
      ["2027-11", 0],
      ["2027-12", 1],
    ]);
    // The typed actual shows in the tab beside the written ones.
    await waitFor(() => expect(screen.getByTestId("book-count").textContent).toMatch(/^3 actuals/));
    expect(screen.getByTestId("book-actuals").textContent).toContain("typed on the sheet");
  });

  it.each([
    ["a period that is not a month", "2027-13", /^Not written: actual 2: period: must be a month/],
    ["a period outside the horizon", "2040-01", /^Not written: actual 2: period: 2040-01 is outside/],
  ])("writes nothing when an actual is bad (%s)", async (_, period, message) => {
    const { wb, port } = await demoWorkbook();
    renderTab(port);
    await screen.findByTestId("book-track");
    fireEvent.change(screen.getByTestId("actual-0-period"), { target: { value: "2027-10" } });
    fireEvent.change(screen.getByTestId("actual-0-value"), { target: { value: "1" } });
    fireEvent.click(screen.getByTestId("add-actual"));
    fireEvent.change(screen.getByTestId("actual-1-period"), { target: { value: period } });
    fireEvent.change(screen.getByTestId("actual-1-value"), { target: { value: "1" } });
    // The bad one is second: the first, good, is not written either.
    fireEvent.click(screen.getByTestId("write-actuals"));
    await waitFor(() => expect(screen.getByTestId("track-note").textContent).toMatch(message));
    expect(wb.getWorksheet(TRACKING_SHEET)).toBeUndefined();
    // What was typed stays, to be put right.
    expect((screen.getByTestId("actual-1-period") as HTMLInputElement).value).toBe(period);
  });

  it("lists the CSV's own bad lines and the workbook's at once, as track import does, and takes none", async () => {
    const { wb, port } = await demoWorkbook();
    const csv = [
      "proposal,stream,period,measure,value",
      `${CFS},,2027-10,avoidedEvents,0`,
      `${CFS},,2027-13,avoidedEvents,1`, // the CSV's rules: not a month
      `${CFS},,2040-01,saving,5`, // the workbook's: outside the proposal's horizon
      `${CFS},nope,2027-11,saving,1`, // the workbook's: no such stream
    ].join("\n");
    renderTab(port);
    await screen.findByTestId("book-track");
    fireEvent.change(screen.getByTestId("actuals-csv"), { target: { value: csv } });
    fireEvent.click(screen.getByTestId("use-csv"));
    await waitFor(() =>
      expect(screen.getByTestId("csv-note").textContent).toMatch(
        /^pasted CSV: 3 bad lines; no actuals were taken/,
      ),
    );
    const shown = screen.getAllByTestId("csv-problem").map((p) => p.textContent);
    expect(shown.map((p) => /^line (\d+):/.exec(p ?? "")?.[1])).toEqual(["3", "4", "5"]);
    // `track import` on the same CSV and workbook names the same problems, in the same order.
    const dir = tempDir();
    const file = join(dir, "w.xlsx");
    await wb.xlsx.writeFile(file);
    writeFileSync(join(dir, "pasted CSV"), csv);
    const cli = await run(["track", "import", join(dir, "pasted CSV"), "--into", file]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(
      `mtfs-benefits: ${join(dir, "pasted CSV")}: ${shown.join("; ")}; nothing was imported`,
    );
    // Nothing was taken into the grid, nor written.
    expect((screen.getByTestId("actual-0-period") as HTMLInputElement).value).toBe("");
    expect(wb.getWorksheet(TRACKING_SHEET)).toBeUndefined();
  });

  it("keeps the reprofile under the date typed in its box, and refuses a box that holds no date", async () => {
    const { port } = await demoWorkbook();
    renderTab(port, { today: "2028-01-15" });
    await pasteAndWrite(QUARTER_CSV);
    const box = (await screen.findByTestId("version-date")) as HTMLInputElement;
    expect(box.type).toBe("date");
    expect(box.value).toBe("2028-01-15");
    // A date box holds "" while its date is not a whole calendar date (2027-02-29 included).
    fireEvent.change(box, { target: { value: "" } });
    expect(await screen.findByText("Version date is required: a date YYYY-MM-DD")).toBeTruthy();
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("accept-reprofile")).toHaveProperty("disabled", true);
    // Any calendar date `track reprofile --date` takes, a later one too.
    fireEvent.change(box, { target: { value: "2028-03-31" } });
    const accept = screen.getByTestId("accept-reprofile");
    expect(accept.textContent).toBe("Accept reprofile (version of 2028-03-31)");
    fireEvent.click(accept);
    await waitFor(() =>
      expect(screen.getByTestId("track-note").textContent).toMatch(
        /as the version of 2028-03-31 on the Reprofiles/,
      ),
    );
    const versions = (await readRegister(port)).proposals.find((x) => x.sheet === CFS)?.versions ?? [];
    expect(versions.map((v) => v.date)).toEqual(["2028-03-31"]);
  });

  it("keeps the proposed reprofile as a dated version, as track reprofile --accept does", async () => {
    const { wb, port } = await demoWorkbook();
    renderTab(port, { today: "2028-01-15" });
    await pasteAndWrite(QUARTER_CSV);
    const accept = await screen.findByTestId("accept-reprofile");
    expect(accept.textContent).toBe("Accept reprofile (version of 2028-01-15)");
    fireEvent.click(accept);
    await waitFor(() =>
      expect(screen.getByTestId("track-note").textContent).toMatch(
        /^Kept "a later start: \d+ days.*" as the version of 2028-01-15 on the Reprofiles sheet\.$/,
      ),
    );
    // The CLI's way on a twin workbook: the same Reprofiles rows and register version.
    const twin = await demoWorkbook();
    const rows = [0, 0, 1].map((value, k) => ({
      proposal: CFS,
      stream: "",
      period: `2027-${10 + k}`,
      measure: "avoidedEvents",
      value,
      source: `pasted CSV line ${k + 2}`,
    }));
    await enterActuals(twin.port, rows, { where: String, dryRun: false });
    await acceptReprofile(twin.port, await proposeReprofile(twin.port, CFS), "2028-01-15");
    const sheetValues = (w: ExcelJS.Workbook) => {
      const out: unknown[] = [];
      w.getWorksheet(HISTORY_SHEET)!.eachRow((r) => r.eachCell((c) => out.push([c.address, plain(c.value)])));
      return out;
    };
    expect(sheetValues(wb)).toEqual(sheetValues(twin.wb));
    const versions = async (p: WorkbookPort) =>
      (await readRegister(p)).proposals.find((x) => x.sheet === CFS)?.versions;
    expect(await versions(port)).toEqual(await versions(twin.port));
    expect((await versions(port))?.length).toBe(1);
  });

  it("tracks a typed £ saving alone, with the reprofile track reprofile fits to it", async () => {
    const { wb, port } = await demoWorkbook();
    renderTab(port);
    await screen.findByTestId("book-track");
    fireEvent.change(screen.getByTestId("actual-0-period"), { target: { value: "2027-Q3" } });
    fireEvent.click(screen.getByTestId("actual-0-measure"));
    fireEvent.click(await screen.findByRole("option", { name: "Saving (£)" }));
    fireEvent.change(screen.getByTestId("actual-0-value"), { target: { value: "£10,000" } });
    fireEvent.click(screen.getByTestId("write-actuals"));
    await screen.findByTestId("book-rag-saving");
    expect(trackingRows(wb)).toEqual([
      [CFS, null, "2027-Q3", "Saving (£)", 10_000, "typed in the Track tab"],
    ]);
    // One period cannot tell the readings apart: indicative only, in the words `track reprofile` prints.
    const cli = await cliReprofile(wb);
    // Said once, in the note beside it: the reading is the CLI's "Proposed:" line, word for word.
    const reading = (await screen.findByTestId("book-reprofile")).textContent!;
    expect(reading).not.toMatch(/indicative/);
    expect(reading).toBe(`Proposed reprofile: ${cli.proposed}`);
    expect(screen.getByTestId("book-reprofile-note").textContent).toBe(sentence(cli.indicative));
    expect(screen.getByTestId("accept-reprofile")).toBeDefined();
  });

  it("says no reprofile is proposed when the actuals are ahead of the plan, as track reprofile does, and offers none to keep", async () => {
    const { wb, port } = await demoWorkbook();
    renderTab(port);
    await pasteAndWrite(QUARTER_CSV.replace(/,0$/gm, ",40").replace(/,1$/m, ",40"));
    await screen.findByTestId("book-rag-avoidedEvents");
    const cli = await cliReprofile(wb);
    expect(cli.proposed).toBe("ahead of plan: no reprofile proposed");
    expect(screen.getByTestId("book-reprofile").textContent).toBe(`Proposed reprofile: ${cli.proposed}`);
    expect(screen.getByTestId("book-reprofile-note").textContent).toBe(cli.basis);
    expect(cli.basis).toMatch(/^The avoided-events actuals are at or ahead of the approved plan/);
    // `--accept` refuses it ("nothing to keep"): the tab offers no Accept.
    expect(screen.queryByTestId("accept-reprofile")).toBeNull();
  });

  it("says a proposal not yet in the workbook has to be finished first, and writes nothing", async () => {
    const { wb, port } = await demoWorkbook();
    const raw = {
      ...(cfs as object),
      opportunity: { ...(cfs as { opportunity: object }).opportunity, name: "New idea" },
    };
    renderTab(port, { sheet: undefined, raw });
    expect((await screen.findByTestId("book-absent")).textContent).toMatch(
      /^The workbook has no proposal sheet "New idea": Finish the proposal first/,
    );
    fireEvent.change(screen.getByTestId("actual-0-period"), { target: { value: "2027-10" } });
    fireEvent.change(screen.getByTestId("actual-0-value"), { target: { value: "1" } });
    expect(screen.getByTestId("write-actuals")).toHaveProperty("disabled", true);
    expect(wb.getWorksheet(TRACKING_SHEET)).toBeUndefined();
  });

  it("says it could not check the workbook when a workbook call fails on a CSV, and takes none of it", async () => {
    const { port } = await demoWorkbook();
    // Excel failing a sync (a lost connection, a locked sheet) is no workbook or engine error: a plain Error.
    let broken = false;
    const flaky = new Proxy(port, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver) as unknown;
        if (typeof v !== "function") return v;
        return (...args: unknown[]) =>
          broken
            ? Promise.reject(new Error("GeneralException: The request failed"))
            : (v as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
    renderTab(port, { workbook: trackOps(() => flaky) });
    await screen.findByTestId("book-track");
    broken = true;
    fireEvent.change(screen.getByTestId("actuals-csv"), { target: { value: QUARTER_CSV } });
    fireEvent.click(screen.getByTestId("use-csv"));
    await waitFor(() =>
      expect(screen.getByTestId("csv-note").textContent).toBe(
        "Could not check the workbook: GeneralException: The request failed; no actuals were taken.",
      ),
    );
    expect((screen.getByTestId("actual-0-period") as HTMLInputElement).value).toBe("");
  });
});
