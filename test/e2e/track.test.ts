/**
 * End-to-end, the Track tab (issue 15, "Done when"): the demo workbook opened in the standalone page
 * (dist/standalone.html) on its CFS Targeted Prevention sheet, a quarter of actuals imported from a CSV file
 * into the Track tab and written to the workbook's Tracking sheet, then the variance, RAG, forecast and proposed
 * reprofile read back from the workbook; the workbook downloaded, and the download reported on by the CLI and
 * recalculated in LibreOffice with the Dashboard showing the same numbers. Requires `npm run build` first,
 * /usr/bin/chromium and soffice. Screenshots at 1280 and 320 px go to test-artifacts/e2e-track-*.png.
 */
import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { ExcelJsPort, buildProgrammeWorkbook, type ProgrammeConfig } from "../../src/workbook";
import { DASHBOARD_SHEET } from "../../src/workbook/layouts/dashboardSheet";
import { TRACKING_SHEET } from "../../src/workbook/layouts/trackingSheet";
import { run } from "../cli/workbookCli";
import { hasLibreOffice, recalcInLibreOffice } from "../workbook/libreoffice";
import { plain } from "../workbook/fixtures";
import { ARTIFACTS, ROOT, e2eSuite, figureLines, parseMillions } from "./harness";

const suite = e2eSuite({
  before: () => {
    if (!hasLibreOffice())
      throw new Error("soffice not found: install LibreOffice (bash scripts/install-system-deps.sh)");
  },
});

const CFS = "CFS Targeted Prevention";
const QUARTER = [
  ["2027-10", "0"],
  ["2027-11", "0"],
  ["2027-12", "1"],
] as const;

/** The demo workbook (examples/programme.json and its examples), saved with the CFS sheet active. */
async function demoFile(): Promise<string> {
  const read = (f: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, "examples", f), "utf8"));
  const config = read("programme.json") as ProgrammeConfig;
  const examples = config.directorates.flatMap((d) => d.rows.flatMap((r) => (r.example ? [r.example] : [])));
  const wb = new ExcelJS.Workbook();
  await buildProgrammeWorkbook(new ExcelJsPort(wb), config, examples.map(read));
  const cfsIndex = wb.worksheets.findIndex((w) => w.name === CFS);
  wb.views = [
    { x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: cfsIndex, visibility: "visible" },
  ];
  const file = path.join(ARTIFACTS, "e2e-track-input.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

/** Screenshots of the tab at a width, after checking nothing scrolls sideways. */
async function shots(page: Page, width: number, name: string): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  // Once the page has laid out at the new width, nothing scrolls sideways (wide tables scroll in themselves).
  await page.waitForFunction(
    (w) => window.innerWidth === w && document.documentElement.scrollWidth <= window.innerWidth,
    width,
    { timeout: 10_000 },
  );
  await page.screenshot({ path: path.join(ARTIFACTS, `e2e-track-${name}-${width}px.png`), fullPage: true });
}

/** The Dashboard's delivery columns by heading (the header row is the one whose column A says "Proposal"). */
function dashboardColumns(ws: ExcelJS.Worksheet): (heading: string) => string {
  for (let r = 1; r <= ws.rowCount; r++) {
    if (plain(ws.getCell(`A${r}`).value) !== "Proposal") continue;
    const byHeading = new Map<string, string>();
    ws.getRow(r).eachCell((cell) =>
      byHeading.set(String(plain(cell.value)), cell.address.replace(/\d+$/, "")),
    );
    return (heading) => {
      const column = [...byHeading].find(([h]) => h.startsWith(heading))?.[1];
      if (!column) throw new Error(`no Dashboard column "${heading}"`);
      return column;
    };
  }
  throw new Error("no Dashboard header row");
}

/** The Dashboard's row of a proposal's measure (its Measure column holds the measure in words). */
function dashboardRow(ws: ExcelJS.Worksheet, proposal: string, measure: string): number {
  const m = dashboardColumns(ws)("Measure");
  for (let r = 1; r <= ws.rowCount; r++) {
    if (plain(ws.getCell(`A${r}`).value) === proposal && plain(ws.getCell(`${m}${r}`).value) === measure)
      return r;
  }
  throw new Error(`no Dashboard row for ${proposal} ${measure}`);
}

describe("standalone wizard: Track tab", () => {
  it("imports a quarter of CFS actuals from a CSV into the demo workbook, shows variance, RAG, forecast and reprofile, and downloads it", async () => {
    const input = await demoFile();
    const csvFile = path.join(ARTIFACTS, "e2e-track-cfs-q3.csv");
    fs.writeFileSync(
      csvFile,
      [
        "proposal,stream,period,measure,value",
        ...QUARTER.map(([p, v]) => `${CFS},,${p},avoidedEvents,${v}`),
      ].join("\n"),
    );

    const page = await suite.openStandalone({
      width: 1280,
      downloads: true,
      clearDraft: true,
      waitForWizard: false,
    });
    const context = page.context();
    await page.locator('input[type="file"][accept*="xlsx"]').setInputFiles(input);
    await page.getByText("Loaded the proposal on the active sheet for editing.").waitFor();

    await page.getByRole("tab", { name: "Track" }).click();
    await page.getByTestId("track-tab").waitFor();
    // The tab replaces the proposal's steps rather than stacking on them.
    expect(await page.getByRole("heading", { name: /Step 1 of/ }).isVisible()).toBe(false);
    await page.getByText(`No actuals for ${CFS} on the Tracking sheet yet`).waitFor();
    // A quarter's label is said to be its FY's first year.
    await page
      .getByText(/fiscal quarter .2027-Q3. \(the year is the FY's first: "2027-Q1" = April to June 2027/)
      .waitFor();

    // A pasted CSV with a bad line by its own rules and one by the workbook's: both listed at once, none taken.
    await page
      .getByTestId("actuals-csv")
      .fill(
        [
          "proposal,stream,period,measure,value",
          `${CFS},,2027-13,avoidedEvents,1`,
          `${CFS},nope,2027-10,avoidedEvents,0`,
        ].join("\n"),
      );
    await page.getByTestId("use-csv").click();
    await page.getByText("pasted CSV: 2 bad lines; no actuals were taken").waitFor();
    const problems = await page.getByTestId("csv-problem").allInnerTexts();
    expect(problems.map((p) => p.slice(0, 7))).toEqual(["line 2:", "line 3:"]);
    expect(problems[1]).toMatch(/stream/);
    await shots(page, 1280, "csv-problems");
    await shots(page, 320, "csv-problems");
    await page.setViewportSize({ width: 1280, height: 900 });

    // A quarter of actuals from a CSV file, as a finance system exports it (the columns `track import` reads).
    await page.getByTestId("csv-file").setInputFiles(csvFile);
    await page.getByText("3 actuals for this proposal from e2e-track-cfs-q3.csv").waitFor();
    // The preview, before anything is written.
    await page.getByTestId("track-reprofile").waitFor();
    expect(await page.getByTestId("track-variance-avoidedEvents").innerText()).toBe("-1.19");

    await page.getByTestId("write-actuals").click();
    await page.getByText("Wrote 3 actuals to the Tracking sheet (0 already there, 0 conflicts).").waitFor();
    // Read back from the workbook.
    await page.getByText(`3 actuals for ${CFS} on the Tracking sheet`).waitFor();
    await page.getByTestId("book-reprofile").waitFor();
    const shown = {
      variance: await page.getByTestId("book-variance-avoidedEvents").innerText(),
      rag: await page.getByTestId("book-rag-avoidedEvents").innerText(),
      forecast: await page.getByTestId("book-forecast").innerText(),
      slippage: await page.getByTestId("book-slippage").innerText(),
      reprofile: await page.getByTestId("book-reprofile").innerText(),
    };
    expect(shown.variance).toBe("-1.19");
    expect(shown.rag).toBe("Red");
    expect(shown.forecast).toMatch(/^Forecast cumulative benefit FY27\/28: -£1\.50m \(plan -£1\.50m\)$/);
    expect(shown.slippage).toMatch(/^Slippage: [\d.]+ months behind the plan$/);
    expect(shown.reprofile).toMatch(/^Proposed reprofile: a later start: \d+ days/);
    expect(await page.getByTestId("book-reprofile-years").locator("tbody tr").count()).toBe(6);
    // Beside the revised plan, the forecast `track reprofile` prints: its MTFS row and run rate, said what they are.
    expect(await page.getByTestId("book-reprofile-years").locator("thead th").last().innerText()).toBe(
      "Forecast MTFS row",
    );
    expect(await page.getByTestId("book-run-rate").innerText()).toMatch(
      /^Full run rate: approved .+; forecast /,
    );
    expect(await page.getByTestId("book-reprofile-means").allInnerTexts()).toEqual([
      expect.stringMatching(/^Revised: /),
      expect.stringMatching(/^Forecast: /),
    ]);
    await shots(page, 1280, "written");
    await shots(page, 320, "written");
    // At 320 px the forecast lines wrap, but never inside a money figure ("-" and "£1.50m" apart).
    expect(await page.getByTestId("book-forecast").locator(".mtfs-figure").count()).toBe(2);
    expect((await figureLines(page)).broken).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download workbook" }).click(),
    ]);
    const file = path.join(ARTIFACTS, "e2e-track-download.xlsx");
    await download.saveAs(file);
    // The version date box starts at today (UTC) and takes another date.
    const dateBox = page.getByTestId("version-date");
    expect(await dateBox.inputValue()).toBe(new Date().toISOString().slice(0, 10));
    await dateBox.fill("2028-01-15");
    await page.getByRole("button", { name: "Accept reprofile (version of 2028-01-15)" }).click();
    await page.getByText(/as the version of 2028-01-15 on the Reprofiles sheet\.$/).waitFor();
    await context.close();

    // The download holds the actuals on its Tracking sheet and a Dashboard.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const tracking = wb.getWorksheet(TRACKING_SHEET)!;
    expect([4, 5, 6].map((r) => [3, 5].map((c) => plain(tracking.getCell(r, c).value)))).toEqual(
      QUARTER.map(([p, v]) => [p, Number(v)]),
    );
    const dashboard = wb.getWorksheet(DASHBOARD_SHEET)!;
    const row = dashboardRow(dashboard, CFS, "Avoided events");

    // The CLI reads the same figures from the download.
    const report = await run(["track", "report", file, "--format", "json"]);
    expect(report.code).toBe(0);
    const cfs = (
      JSON.parse(report.stdout) as {
        sheet: string;
        measures: { measure: string; variance: number; rag: string }[];
      }[]
    ).find((p) => p.sheet === CFS)!;
    const events = cfs.measures.find((m) => m.measure === "avoidedEvents")!;
    expect(events.variance.toFixed(2)).toBe(shown.variance);
    expect(events.rag).toBe(shown.rag);

    // LibreOffice recalculates the Dashboard to the numbers the tab showed.
    const lo = new ExcelJS.Workbook();
    await lo.xlsx.readFile(await recalcInLibreOffice(file));
    const back = lo.getWorksheet(DASHBOARD_SHEET)!;
    const column = dashboardColumns(back);
    const at = (heading: string) => plain(back.getCell(`${column(heading)}${row}`).value);
    expect((at("Variance") as number).toFixed(2)).toBe(shown.variance);
    expect(at("RAG")).toBe(shown.rag);
    expect(at("Forecast FY")).toBe("FY27/28");
    const forecastM = parseMillions(/: (-?£[\d.]+m)/.exec(shown.forecast)![1]);
    expect(Math.abs((at("Forecast cumulative") as number) / 1e6 - forecastM)).toBeLessThanOrEqual(0.005);
    const slippage = Number(/([\d.]+) months/.exec(shown.slippage)![1]);
    expect(Math.abs((at("Slippage") as number) - slippage)).toBeLessThanOrEqual(0.05);
  }, 300_000);
});
