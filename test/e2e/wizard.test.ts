/**
 * End-to-end: the standalone page (dist/standalone.html) in Debian's chromium. Requires `npm run build` first
 * (`npm run check` builds before jest) and /usr/bin/chromium; fails with a clear message otherwise.
 * Screenshots of every step go to test-artifacts/ (git-ignored).
 */
import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { hasLibreOffice, recalcInLibreOffice } from "../workbook/libreoffice";
import { ExcelJsPort, buildProgrammeWorkbook, type ProgrammeConfig } from "../../src/workbook";
import { ARTIFACTS, ROOT, e2eSuite, fieldSelector, parseMillions } from "./harness";

/**
 * CFS Targeted Prevention as stated in seeds/000 (benefit profile assumptions, ~line 100) and DOMAIN §3; the
 * £0.39m overlap is the one inferred value (see examples/cfs-targeted-prevention.json's note).
 */
const CFS: readonly (readonly [step: string, path: string, value: string])[] = [
  ["opportunity", "opportunity.name", "CFS Targeted Prevention"],
  ["opportunity", "opportunity.directorate", "Children and Family Services"],
  ["opportunity", "opportunity.theme", "Prevention"],
  ["opportunity", "opportunity.type", "Significant design needed"],
  [
    "opportunity",
    "opportunity.description",
    "Working with families earlier to prevent escalation into care.",
  ],
  ["opportunity", "opportunity.existingMtfsLines", "CF4 – Strand 3 – Families Together (£900k)"],
  ["opportunity", "assumptions.mtfsOverlap.kind", "amountPerYear"],
  ["opportunity", "assumptions.mtfsOverlap.amountPerYear", "390000"],
  ["baseline", "assumptions.baseline.volumePerYear", "260"],
  ["baseline", "assumptions.target.kind", "percent"],
  ["baseline", "assumptions.target.value", "8"],
  ["baseline", "triangulation.baselineStarts", "260"],
  ["baseline", "triangulation.mtfsCaseload", "734"],
  ["baseline", "triangulation.realisationFactor", "70"],
  ["costs", "assumptions.unitCost.weeklyCost", "1487"],
  ["costs", "assumptions.unitCost.overlapWeeklyCost", "149"],
  ["costs", "assumptions.durationWeeks", "153.1"],
  ["costs", "assumptions.unitCost.inflationPerYear", "4"],
  ["costs", "assumptions.baseline.growthPerYear", "0"],
  ["costs", "assumptions.unitCost.priceBaseFy", "FY26/27"],
  ["timeline", "assumptions.timeline.startDate", "2026-08-01"],
  ["timeline", "assumptions.timeline.designMonths", "0"],
  ["timeline", "assumptions.timeline.pilotMonths", "4"],
  ["timeline", "assumptions.timeline.rolloutMonths", "6"],
  ["timeline", "assumptions.timeline.leadMonths", "8.5"],
  // The engine's documented default phasing for CFS (examples/cfs-targeted-prevention.json).
  ["timeline", "assumptions.timeline.ramp", "monthly-steps"],
  ["confidence", "opportunity.confidence.level", "Low"],
  [
    "confidence",
    "opportunity.confidence.reason",
    "Confidence to be strengthened through detailed design and piloting",
  ],
  ["narrative", "narrative.risks", "=SUM(A1:A9)"],
];

/**
 * Published CFS TP profile, seeds/000 "Benefits profile over the MTFS" table (~line 98–104), £m.
 * Tolerance £0.03m: the engine's documented tolerance for this proposal (docs/engine.md, DOMAIN §3) — the
 * published figures are rounded to £0.01m and the phasing conventions are inferred, not stated.
 */
const PUBLISHED = [
  { fy: "FY26/27", inYear: -0.5, cumulative: -0.5 },
  { fy: "FY27/28", inYear: -1.0, cumulative: -1.5 },
  { fy: "FY28/29", inYear: 0.93, cumulative: -0.57 },
  { fy: "FY29/30", inYear: 1.69, cumulative: 1.12 },
] as const;
const TOLERANCE_M = 0.03;
/** Typed into a narrative field: must reach the sheet as text. */
const RISKS = "=SUM(A1:A9)";

/** Uncaught errors in the page fail the test that caused them (the suite's afterEach). */
const suite = e2eSuite();

function openWizard(width = 1100): Promise<Page> {
  return suite.openStandalone({ width, downloads: true, clearDraft: true });
}

async function goToStep(page: Page, title: RegExp): Promise<void> {
  await page.getByRole("navigation", { name: "Steps" }).getByRole("button", { name: title }).click();
}

async function setField(page: Page, jsonPath: string, value: string): Promise<void> {
  const input = page.locator(fieldSelector(jsonPath));
  const tag = await input.evaluate((el) => el.tagName.toLowerCase());
  if (tag === "select") await input.selectOption(value);
  else await input.fill(value);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function previewFigure(page: Page, kind: "in-year" | "cumulative", fy: string): Promise<number> {
  return parseMillions(await page.getByTestId(`${kind}-${fy}`).innerText());
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Cell value, or a formula's cached result. LibreOffice writes the £m format's "m" escaped (`\m`), which
 * ExcelJS mistakes for a date format and returns a Date: turn it back into the stored serial number.
 */
function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  const plain = v && typeof v === "object" && "result" in v ? (v as { result: unknown }).result : v;
  return plain instanceof Date ? (plain.getTime() - EXCEL_EPOCH_MS) / 86_400_000 : plain;
}

/**
 * The profile row of a FY on a proposal sheet: the columns headed "In-year spend reduction" and
 * "Cumulative benefit" (the template's wording), in £m (the sheet stores £ with a £m number format).
 */
function sheetFigures(ws: ExcelJS.Worksheet, fy: string): [number, number] {
  let inYearCol = 0;
  let cumulativeCol = 0;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    row.eachCell((cell, col) => {
      if (cell.value === "In-year spend reduction") inYearCol = col;
      if (cell.value === "Cumulative benefit") cumulativeCol = col;
    });
    if (inYearCol && cumulativeCol && row.getCell(1).value === fy) {
      const inYear = valueOf(row.getCell(inYearCol));
      const cumulative = valueOf(row.getCell(cumulativeCol));
      if (typeof inYear !== "number" || typeof cumulative !== "number") {
        throw new Error(`${fy} on ${ws.name} has no numbers: ${String(inYear)}, ${String(cumulative)}`);
      }
      return [inYear / 1e6, cumulative / 1e6];
    }
  }
  throw new Error(`no profile row for ${fy} on sheet ${ws.name}`);
}

/** Every cell whose literal value (or link text) is the text, with whether it was written as a formula. */
function cellsWithText(ws: ExcelJS.Worksheet, text: string): { formula: boolean }[] {
  const found: { formula: boolean }[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      // A merged cell (long texts span B:H) counts once, at its top-left cell.
      if (cell.master !== cell) return;
      const v = cell.value;
      const literal = v && typeof v === "object" && "hyperlink" in v ? (v as { text: unknown }).text : v;
      if (literal === text) found.push({ formula: false });
      if (cell.formula !== undefined && `=${cell.formula}` === text) found.push({ formula: true });
    }),
  );
  return found;
}

describe("standalone wizard", () => {
  it("builds CFS Targeted Prevention step by step, previews the published profile and downloads a workbook with it", async () => {
    const page = await openWizard();
    const steps = ["opportunity", "baseline", "costs", "timeline", "investment", "confidence", "narrative"];
    for (const [index, step] of steps.entries()) {
      await page.locator(`main[data-step="${step}"]`).waitFor();
      for (const [s, jsonPath, value] of CFS) if (s === step) await setField(page, jsonPath, value);
      if (step === "baseline") {
        await page.getByRole("button", { name: "Add method" }).click();
        await setField(page, "triangulation.rows.0.method", "Lower bound of other Newton diagnostics");
        await setField(page, "triangulation.rows.0.percentChange", "8");
        // 260 × 8% = 20.8 → 21 avoided starts; 734 × (1 − 0.7 × 8%) = 692.9 → 693 (seeds/000 triangulation table).
        await page.getByText("Annual avoided starts 21; caseload by end of MTFS 693").waitFor();
      }
      if (step === "investment") {
        await page.getByRole("button", { name: "Add investment line" }).click();
        await setField(page, "assumptions.investment.0.label", "FFPP infrastructure");
        await setField(page, "assumptions.investment.0.amountPerYear", "1500000");
        await setField(page, "assumptions.investment.0.fromDate", "2026-12-01");
      }
      await shot(page, `e2e-cfs-step-${index + 1}-${step}`);
      await page.getByRole("button", { name: "Next", exact: true }).click();
    }
    await page.locator('main[data-step="review"]').waitFor();
    const finish = page.getByRole("button", { name: "Finish", exact: true });
    expect(await finish.isEnabled()).toBe(true);

    for (const p of PUBLISHED) {
      expect(Math.abs((await previewFigure(page, "cumulative", p.fy)) - p.cumulative)).toBeLessThanOrEqual(
        TOLERANCE_M,
      );
      expect(Math.abs((await previewFigure(page, "in-year", p.fy)) - p.inYear)).toBeLessThanOrEqual(
        TOLERANCE_M,
      );
    }
    // Quantified opportunity = cumulative FY29/30 (£1.12m published, seeds/000 line ~8), same tolerance.
    expect(
      Math.abs(parseMillions(await page.getByTestId("quantified").innerText()) - 1.12),
    ).toBeLessThanOrEqual(TOLERANCE_M);
    // The Review step summarises what Finish writes.
    const summary = await page.getByTestId("review-summary").innerText();
    expect(summary).toContain("CFS Targeted Prevention");
    expect(summary).toContain("Fewer entries: 8% of the baseline (260 a year)");
    expect(summary).toContain("FFPP infrastructure: £1,500,000 a year from 1 Dec 2026");
    await shot(page, "e2e-cfs-step-8-review");

    await finish.click();
    // A new workbook is the CLI's `new` one (an empty Programme), so the proposal gets its Programme row.
    await page.getByText('Wrote sheet "CFS Targeted Prevention" and its Programme row.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download workbook" }).click(),
    ]);
    const file = path.join(ARTIFACTS, "e2e-cfs-download.xlsx");
    await download.saveAs(file);
    await shot(page, "e2e-cfs-finished");

    // Reloaded, the page starts another new workbook: the draft names the file it was downloaded as.
    await page.reload();
    await page
      .getByText("This draft belongs to mtfs-programme.xlsx, which is not open.", { exact: false })
      .waitFor();
    // Opening that download again (the browser may have renamed it) reattaches the draft to its sheet.
    await page.locator('input[type="file"]').setInputFiles({
      name: "mtfs-programme (1).xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: fs.readFileSync(file),
    });
    await page.getByTestId("editing").waitFor();
    expect(await page.getByTestId("detached").count()).toBe(0);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("CFS Targeted Prevention");
    expect(sheet).toBeDefined();
    for (const p of PUBLISHED) {
      const [inYear, cumulative] = sheetFigures(sheet as ExcelJS.Worksheet, p.fy);
      expect(Math.abs(inYear - p.inYear)).toBeLessThanOrEqual(TOLERANCE_M);
      expect(Math.abs(cumulative - p.cumulative)).toBeLessThanOrEqual(TOLERANCE_M);
    }
    expect(
      cellsWithText(workbook.getWorksheet("Programme") as ExcelJS.Worksheet, "CFS Targeted Prevention"),
    ).toHaveLength(1);
    // Text a user typed is written as text, never as a formula.
    expect(cellsWithText(sheet as ExcelJS.Worksheet, RISKS)).toEqual([{ formula: false }]);

    // The download opens in LibreOffice, which recalculates every formula to the same profile.
    if (!hasLibreOffice())
      throw new Error("soffice not found: install LibreOffice (bash scripts/install-system-deps.sh)");
    const recalculated = new ExcelJS.Workbook();
    await recalculated.xlsx.readFile(await recalcInLibreOffice(file));
    const loSheet = recalculated.getWorksheet("CFS Targeted Prevention") as ExcelJS.Worksheet;
    for (const p of PUBLISHED) {
      const [inYear, cumulative] = sheetFigures(loSheet, p.fy);
      expect(Math.abs(inYear - p.inYear)).toBeLessThanOrEqual(TOLERANCE_M);
      expect(Math.abs(cumulative - p.cumulative)).toBeLessThanOrEqual(TOLERANCE_M);
    }
    await page.context().close();
  });

  it("opens a programme workbook on a proposal sheet, updates it in place, and adds a new proposal with its Programme row", async () => {
    // The demo programme workbook (examples/programme.json + the modelled examples), saved with the CFS sheet active.
    const read = (f: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, "examples", f), "utf8"));
    const config = read("programme.json") as ProgrammeConfig;
    const examples = config.directorates.flatMap((d) =>
      d.rows.flatMap((r) => (r.example ? [r.example] : [])),
    );
    const input = new ExcelJS.Workbook();
    await buildProgrammeWorkbook(new ExcelJsPort(input), config, examples.map(read));
    const cfsIndex = input.worksheets.findIndex((w) => w.name === "CFS Targeted Prevention");
    expect(cfsIndex).toBeGreaterThanOrEqual(0);
    input.views = [
      { x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: cfsIndex, visibility: "visible" },
    ];
    const inputFile = path.join(ARTIFACTS, "e2e-programme-input.xlsx");
    await input.xlsx.writeFile(inputFile);

    const page = await openWizard();
    await page.locator('input[type="file"]').setInputFiles(inputFile);
    await page.getByText("Loaded the proposal on the active sheet for editing.").waitFor();
    await expect(page.locator(fieldSelector("opportunity.name")).inputValue()).resolves.toBe(
      "CFS Targeted Prevention",
    );
    await shot(page, "e2e-open-programme-editing");

    // Edit the target (8% → 10%) and finish: the sheet it came from is updated in place.
    await goToStep(page, /Baseline and target/);
    await setField(page, "assumptions.target.value", "10");
    const previewFy2930 = await previewFigure(page, "cumulative", "FY29/30");
    expect(previewFy2930).toBeGreaterThan(1.5); // more starts avoided than the published 8% case (£1.12m)
    await page.getByRole("button", { name: "Finish", exact: true }).click();
    await page.getByText('Updated sheet "CFS Targeted Prevention".').waitFor();
    await shot(page, "e2e-open-programme-updated");

    // Then save it as a new proposal beside the original: a new sheet and its Programme row.
    await page.getByRole("button", { name: "Save as a new proposal instead" }).click();
    await goToStep(page, /Opportunity/);
    await setField(page, "opportunity.name", "CFS Targeted Prevention v2");
    await page.getByRole("button", { name: "Finish", exact: true }).click();
    await page.getByText('Wrote sheet "CFS Targeted Prevention v2" and its Programme row.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download workbook" }).click(),
    ]);
    const file = path.join(ARTIFACTS, "e2e-programme-output.xlsx");
    await download.saveAs(file);
    const output = new ExcelJS.Workbook();
    await output.xlsx.readFile(file);
    const [, updated] = sheetFigures(
      output.getWorksheet("CFS Targeted Prevention") as ExcelJS.Worksheet,
      "FY29/30",
    );
    // The sheet holds the engine's £ figure; the preview shows it rounded to £0.01m.
    expect(Math.abs(updated - previewFy2930)).toBeLessThanOrEqual(0.005);
    const programme = output.getWorksheet("Programme") as ExcelJS.Worksheet;
    expect(cellsWithText(programme, "CFS Targeted Prevention v2")).toHaveLength(1);
    expect(output.getWorksheet("CFS Targeted Prevention v2")).toBeDefined();

    // After a reload the draft is kept but the opened workbook is not: the pane says so, and does not claim
    // to edit a sheet that is not there (Finish would fail with "not a proposal sheet of this workbook").
    await page.reload();
    await page
      .getByText(
        "This draft belongs to e2e-programme-input.xlsx, which is not open. Open it, or start the draft as a new proposal in this workbook.",
      )
      .waitFor();
    expect(await page.getByTestId("editing").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Finish", exact: true }).isDisabled()).toBe(true);
    await shot(page, "e2e-reload-draft-of-closed-workbook");
    // Opening that workbook again reattaches the draft to its sheet.
    await page.locator('input[type="file"]').setInputFiles(inputFile);
    await page.getByTestId("editing").waitFor();
    expect(await page.getByTestId("detached").count()).toBe(0);
    await page.context().close();
  });

  it("says what is wrong beside each invalid field and keeps Finish disabled", async () => {
    const page = await openWizard(320);
    // A blank form is not wrong yet: no "required" errors before anything is typed.
    expect(await page.getByText(/is required/).count()).toBe(0);
    // The step list is one row of markers at 320 px, and the file chooser a styled button.
    const stepTops = await page
      .getByRole("navigation", { name: "Steps" })
      .getByRole("button")
      .evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
    expect(stepTops).toHaveLength(8);
    expect(new Set(stepTops).size).toBe(1);
    await page.getByRole("button", { name: "Open workbook (.xlsx)" }).waitFor();
    expect(await page.locator('input[type="file"]').isVisible()).toBe(false);
    await shot(page, "e2e-blank-320px");
    await page.getByLabel("Start from").selectOption("CFS Targeted Prevention");
    await page.getByRole("button", { name: "Load", exact: true }).click();
    await goToStep(page, /Costs and durations/);
    await setField(page, "assumptions.durationWeeks", "-3");
    await setField(page, "assumptions.unitCost.weeklyCost", "lots");
    await page.getByText("Duration must be more than 0 weeks").waitFor();
    await page.getByText("Weekly unit cost must be a number").waitFor();
    expect(await page.getByRole("button", { name: "Finish", exact: true }).isDisabled()).toBe(true);
    await shot(page, "e2e-invalid-costs-320px");

    // The page stays readable at 320 px: nothing overflows sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await goToStep(page, /Review and finish/);
    const list = page.getByTestId("error-list");
    await expect(list.innerText()).resolves.toContain("Duration must be more than 0 weeks");
    await shot(page, "e2e-invalid-review-320px");

    // Every step reads at 320 px: nothing overflows sideways (a screenshot of each for review).
    for (const [index, title] of [
      "Opportunity",
      "Baseline and target",
      "Timeline",
      "Investment",
      "Narrative",
    ].entries()) {
      await goToStep(page, new RegExp(title));
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await shot(page, `e2e-320px-${index + 1}-${title.toLowerCase().replace(/\s+/g, "-")}`);
    }

    // A monthly triangulation table (Family Based Placements) shows its inputs and per-month results.
    await page.getByLabel("Start from").selectOption("Family Based Placements");
    await page.getByRole("button", { name: "Load", exact: true }).click();
    await goToStep(page, /Baseline and target/);
    await expect(page.locator(fieldSelector("triangulation.startsPerMonth")).inputValue()).resolves.toBe(
      "4.7",
    );
    await page.getByText("Children impacted a month 3; resultant caseload in 5 years 64").waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await shot(page, "e2e-320px-fbp-monthly-triangulation");
    // Back to the invalid CFS draft (Undo keeps typing safe).
    await page.getByRole("button", { name: "Undo" }).click();

    // A file that is not a workbook is refused with a message; the wizard keeps its draft.
    await page.locator('input[type="file"]').setInputFiles({
      name: "notes.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from("not a zip"),
    });
    await page.getByText("notes.xlsx is not an Excel workbook (.xlsx).", { exact: false }).waitFor();
    // A .csv gets the same plain message: no zip library text, no URL.
    await page.locator('input[type="file"]').setInputFiles({
      name: "budget.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("FY,Amount\nFY26/27,100\n"),
    });
    const alert = page.getByRole("alert").filter({ hasText: "budget.csv" });
    await alert.waitFor();
    const message = await alert.innerText();
    expect(message).toBe(
      "budget.csv is not an Excel workbook (.xlsx). Open an .xlsx file, or start a new workbook.",
    );
    expect(message).not.toMatch(/https?:|zip/i);
    await shot(page, "e2e-not-a-workbook-320px");
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await goToStep(page, /Costs and durations/);
    await expect(page.locator(fieldSelector("assumptions.durationWeeks")).inputValue()).resolves.toBe("-3");

    // Keyboard: a step button works with Enter and moves focus to the new step's heading.
    await page
      .getByRole("navigation", { name: "Steps" })
      .getByRole("button", { name: /Timeline/ })
      .focus();
    await page.keyboard.press("Enter");
    // The wizard moves focus after the new step renders: wait for it (bounded) rather than read it at once.
    await page
      .waitForFunction(() => document.activeElement?.textContent === "Step 4 of 8: Timeline", null, {
        timeout: 5000,
      })
      .catch(() => undefined);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      "Step 4 of 8: Timeline",
    );
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(
      "f-assumptions-timeline-startDate",
    );

    // Fixing the fields enables Finish again; the typed values survive a reload (draft in localStorage).
    await goToStep(page, /Costs and durations/);
    await setField(page, "assumptions.durationWeeks", "153.1");
    await setField(page, "assumptions.unitCost.weeklyCost", "1487");
    await page.reload();
    await goToStep(page, /Costs and durations/);
    await expect(page.locator(fieldSelector("assumptions.durationWeeks")).inputValue()).resolves.toBe(
      "153.1",
    );
    expect(await page.getByRole("button", { name: "Finish", exact: true }).isEnabled()).toBe(true);
    await page.context().close();
  });
});
