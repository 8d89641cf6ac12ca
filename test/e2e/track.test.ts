/**
 * End-to-end, the Track tab (issue 15): the demo workbook opened in the standalone page (dist/standalone.html)
 * on its CFS Targeted Prevention sheet, a quarter of actuals pasted as CSV into the Track tab, and the variance, RAG,
 * forecast and proposed reprofile shown. Requires `npm run build` first and /usr/bin/chromium.
 */
import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { ExcelJsPort, buildProgrammeWorkbook, type ProgrammeConfig } from "../../src/workbook";
import {
  ARTIFACTS,
  ROOT,
  DIST,
  launchBrowser,
  requirePrerequisites,
  serveDirectory,
  type StaticServer,
} from "./harness";

let server: StaticServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  requirePrerequisites();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await serveDirectory(DIST);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

const QUARTER = [
  ["2027-10", "0"],
  ["2027-11", "0"],
  ["2027-12", "1"],
] as const;

describe("standalone wizard: Track tab", () => {
  it("tracks a quarter of CFS Targeted Prevention actuals from the demo workbook", async () => {
    const read = (f: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, "examples", f), "utf8"));
    const config = read("programme.json") as ProgrammeConfig;
    const examples = config.directorates.flatMap((d) =>
      d.rows.flatMap((r) => (r.example ? [r.example] : [])),
    );
    const wb = new ExcelJS.Workbook();
    await buildProgrammeWorkbook(new ExcelJsPort(wb), config, examples.map(read));
    const cfsIndex = wb.worksheets.findIndex((w) => w.name === "CFS Targeted Prevention");
    wb.views = [
      { x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: cfsIndex, visibility: "visible" },
    ];
    const file = path.join(ARTIFACTS, "e2e-track-input.xlsx");
    await wb.xlsx.writeFile(file);

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: "en-GB" });
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/standalone.html`);
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByText("Loaded the proposal on the active sheet for editing.").waitFor();

    await page.getByRole("tab", { name: "Track" }).click();
    await page.getByTestId("track-tab").waitFor();
    // The tab replaces the proposal's steps rather than stacking on them.
    expect(await page.getByRole("heading", { name: /Step 1 of/ }).isVisible()).toBe(false);
    // A quarter of actuals from a CSV, as a finance system exports it (the columns `track import` reads).
    const csv = [
      "proposal,stream,period,measure,value",
      ...QUARTER.map(([p, v]) => `CFS Targeted Prevention,,${p},avoidedEvents,${v}`),
    ];
    await page.getByTestId("actuals-csv").fill(csv.join("\n"));
    await page.getByTestId("use-csv").click();
    await page.getByText("3 actuals for this proposal").waitFor();
    // and one more typed by hand, then removed again
    await page.getByTestId("add-actual").click();
    await page.getByTestId("actual-3-period").fill("2028-01");
    await page.getByTestId("actual-3").getByRole("button", { name: "Remove" }).click();
    await page.getByTestId("track-reprofile").waitFor();
    expect(await page.getByTestId("variance-avoidedEvents").innerText()).toBe("-1.19");
    expect(await page.getByTestId("rag-avoidedEvents").innerText()).toBe("Red");
    expect(await page.getByTestId("track-forecast").innerText()).toMatch(
      /^Forecast FY27\/28: -£1\.50m \(plan -£1\.50m\)$/,
    );
    expect(await page.getByTestId("track-slippage").innerText()).toMatch(
      /^Slippage: [\d.]+ months behind the plan$/,
    );
    expect(await page.getByTestId("track-reprofile").innerText()).toMatch(
      /^Proposed reprofile: a later start: \d+ days/,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, "e2e-track-tab.png"), fullPage: true });

    // Back on the proposal, the wizard is as it was.
    await page.getByRole("tab", { name: "Proposal" }).click();
    await page.getByRole("heading", { name: /Step 1 of/ }).waitFor();
    await context.close();
  }, 120_000);
});
