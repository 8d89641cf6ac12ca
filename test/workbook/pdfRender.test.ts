import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { loadXlsxPreserving } from "../../src/workbook/exceljs/packageOrigin";
import { trackForDashboard } from "../../src/workbook/dashboard";
import { DASHBOARD_SHEET, dashboardLayout } from "../../src/workbook/layouts/dashboardSheet";
import { PROGRAMME_SHEET } from "../../src/workbook/layouts/programmeSheet";
import { PROPOSAL_LAYOUT_ID, proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { RISK_SHEET } from "../../src/workbook/layouts/riskSheet";
import type { SheetLayout } from "../../src/workbook/layouts/types";
import type { PrintSetup } from "../../src/workbook/port";
import { programmeLayouts } from "../../src/workbook/programme";
import { REGISTER_SHEET, readRegister } from "../../src/workbook/register";
import { run } from "../cli/workbookCli";
import {
  EXAMPLES,
  MODELLED_EXAMPLES,
  programmeConfig,
  readExample,
  tempDir,
  trackedDemoWorkbook,
} from "./fixtures";
import {
  chartsOnPages,
  hasLibreOffice,
  hasPdfToText,
  pdfPages,
  printedPoints,
  recalcInLibreOffice,
  type PdfPage,
} from "./libreoffice";

/**
 * The demo workbook as it prints, with a Dashboard (from a few actuals) and a Risk sheet (with its tornado):
 * LibreOffice renders every sheet to PDF and the page text is checked, so a clipped heading, a cut-off
 * label, a paragraph lost past Excel's row height limit, text off the page's edge or print too small to
 * read fails here, not only on paper. (To look at the pages: KEEP_PDF=/tmp/demo.pdf, then
 * `pdftoppm -r 80 -png /tmp/demo.pdf p`.)
 */

/** The last sheet: one word of 11 pt text at 100%, what the other sheets' print size is measured against. */
const CALIBRATION = "Calibration";
/** The longest proposal name in Appendix A: 40 units of column width cut its last letters. */
const LONGEST_NAME = "Maximising Independence for Working Age Adults";
/** The demo, as a user prints it, and the layouts its sheets were written from (by sheet name). */
interface Printed {
  readonly file: string;
  readonly wb: ExcelJS.Workbook;
  readonly layouts: ReadonlyMap<string, SheetLayout>;
}

/**
 * The demo with the Tracking sheet's actuals and its Dashboard, saved, then the Risk sheet (and its tornado)
 * added by `simulate --xlsx` as a user runs it, then a calibration sheet.
 */
async function printedWorkbook(): Promise<Printed> {
  const { port } = await trackedDemoWorkbook();
  const layouts = new Map<string, SheetLayout>();
  for (const l of programmeLayouts(programmeConfig())) layouts.set(l.sheet, l);
  for (const p of (await readRegister(port)).proposals) layouts.set(p.sheet, proposalSheetLayout(p));
  const tracked = (await trackForDashboard(port))!;
  layouts.set(DASHBOARD_SHEET, dashboardLayout({ ...tracked.tracking, thresholds: tracked.thresholds }));
  const file = path.join(tempDir(), "demo.xlsx");
  fs.writeFileSync(file, await port.toXlsx());
  const inputs = MODELLED_EXAMPLES.map((f) => path.join(EXAMPLES, f));
  const simulated = await run(["simulate", ...inputs, "--iterations", "100", "--seed", "1", "--xlsx", file]);
  expect([simulated.code, simulated.stderr]).toEqual([0, ""]);
  const wb = new ExcelJS.Workbook();
  await loadXlsxPreserving(wb, fs.readFileSync(file));
  const cal = wb.addWorksheet(CALIBRATION, {
    pageSetup: { paperSize: 9, orientation: "landscape", scale: 100 },
  });
  cal.getCell("A1").value = `${CALIBRATION} CFS`;
  cal.getCell("B1").value = "EDGE";
  cal.getCell("A2").value = LONGEST_NAME;
  cal.getColumn(1).width = wb.getWorksheet(DASHBOARD_SHEET)!.getColumn(1).width;
  const printed = path.join(tempDir(), "printed.xlsx");
  fs.writeFileSync(printed, await new ExcelJsPort(wb).toXlsx());
  return { file: printed, wb, layouts };
}

/** The sheets printed two pages wide with their caption columns repeated: each at 8 pt or more. */
const legible = (layouts: ReadonlyMap<string, SheetLayout>): string[] => [
  PROGRAMME_SHEET,
  ...[...layouts.values()].filter((l) => l.layoutId === PROPOSAL_LAYOUT_ID).map((l) => l.sheet),
];

// Never skipped, as the LibreOffice recalculation test: without the tools the check is missing.
beforeAll(() => {
  if (!hasLibreOffice() || !hasPdfToText())
    throw new Error("LibreOffice or pdftotext is missing: run `bash scripts/install-system-deps.sh`");
});

/** Words as pdftotext gives them: split at spaces, and after a hyphen or slash where a line may wrap. */
const words = (text: string): string[] =>
  text
    .replace(/([-–/])/g, "$1 ")
    .split(/\s+/)
    .filter((w) => w !== "");

function counts(ws: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of ws) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** Words of `text` that the pages hold fewer times than the text does (a clipped or lost word). */
function missingWords(text: string, pages: readonly PdfPage[]): string[] {
  const have = counts(pages.flatMap((p) => words(p.words.map((w) => w.text).join(" "))));
  return [...counts(words(text))].filter(([w, n]) => (have.get(w) ?? 0) < n).map(([w]) => w);
}

/** The text of every text cell of a sheet (a merged range's text once). */
function sheetTexts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const v = cell.value;
      if (typeof v === "string") out.push(v);
      else if (v && typeof v === "object" && "text" in v && typeof v.text === "string") out.push(v.text);
    }),
  );
  return out;
}

const phrase = (pages: readonly PdfPage[]): string =>
  pages.map((p) => p.words.map((w) => w.text).join(" ")).join(" ");

describe("the demo workbook printed to PDF", () => {
  let wb: ExcelJS.Workbook;
  let layouts: ReadonlyMap<string, SheetLayout>;
  let printedFile: string;
  let pages: PdfPage[];
  /** Pages of each visible sheet, in sheet order. */
  const bySheet = new Map<string, PdfPage[]>();

  beforeAll(async () => {
    const printed = await printedWorkbook();
    ({ wb, layouts } = printed);
    printedFile = printed.file;
    const pdf = await recalcInLibreOffice(printed.file, "pdf");
    if (process.env.KEEP_PDF) fs.copyFileSync(pdf, process.env.KEEP_PDF);
    pages = await pdfPages(pdf);
    // A sheet's pages run from the page whose first line holds its title (A1) to the next sheet's first page.
    const sheets = wb.worksheets.filter((ws) => ws.name !== REGISTER_SHEET && ws.state !== "hidden");
    let k = -1;
    for (const page of pages) {
      const next = sheets[k + 1];
      const top = Math.min(...page.words.map((w) => w.yMin));
      const firstLine = words(
        page.words
          .filter((w) => w.yMin < top + 12)
          .map((w) => w.text)
          .join(" "),
      ).join(" ");
      if (next && firstLine.includes(words(String(next.getCell("A1").value)).join(" "))) k++;
      const name = sheets[Math.max(k, 0)].name;
      bySheet.set(name, [...(bySheet.get(name) ?? []), page]);
    }
    expect([...bySheet.keys()]).toEqual(sheets.map((s) => s.name));
    // The demo's build and its LibreOffice print (allowed 180 s itself) take longer than Jest's 120 s on a loaded machine.
  }, 300_000);

  it("prints Resource cost and Themes on one page each, every other sheet on the pages its rows need", () => {
    for (const sheet of ["Resource cost", "Themes"]) expect(bySheet.get(sheet)).toHaveLength(1);
    for (const [sheet, ps] of bySheet) {
      // Its pages across, each scaled down to fit, so at most the pages its rows fill at full size (and a part
      // page) down each.
      const ws = wb.getWorksheet(sheet)!;
      const margins = ws.pageSetup.margins ?? { top: 0.75, bottom: 0.75 };
      const printable = ps[0].height - (margins.top + margins.bottom) * 72;
      let tall = 0;
      for (let r = 1; r <= ws.rowCount; r++) tall += ws.getRow(r).height ?? 15;
      expect(ps.length).toBeGreaterThanOrEqual(1);
      expect(ps.length).toBeLessThanOrEqual(
        (ws.pageSetup.fitToWidth ?? 1) * (Math.ceil(tall / printable) + 1),
      );
    }
  });

  it("prints the Programme, each proposal sheet, the Dashboard and the Risk sheet at 8 pt or more", () => {
    // One page across printed the Programme at about 4 pt, a proposal at about 5, the Risk sheet (charts
    // beside its tables) at about 5.5.
    const calibration = bySheet.get(CALIBRATION)![0].words.find((w) => w.text === "CFS")!;
    const full = calibration.yMax - calibration.yMin;
    const sizes = [...legible(layouts), DASHBOARD_SHEET, RISK_SHEET].map((sheet) => [
      sheet,
      Math.round(printedPoints(bySheet.get(sheet)!, full) * 10) / 10,
    ]);
    expect(sizes.filter(([, pt]) => Number(pt) < 8)).toEqual([]);
  });

  it("prints the Programme and each proposal sheet two pages across, their caption columns on each", () => {
    for (const sheet of legible(layouts)) {
      const setup = wb.getWorksheet(sheet)!.pageSetup;
      const print = layouts.get(sheet)!.print as PrintSetup;
      const titles = [print.titleColumns, print.titleRows];
      expect([sheet, setup.fitToWidth, setup.orientation, setup.paperSize]).toEqual([
        sheet,
        2,
        "landscape",
        9,
      ]);
      expect([sheet, setup.printTitlesColumn, setup.printTitlesRow]).toEqual([sheet, ...titles]);
    }
    // The Programme's headings (rows 2:3) on each of its pages, the opportunities (column B) beside its figures.
    const programme = bySheet.get(PROGRAMME_SHEET)!;
    expect(programme.length).toBeGreaterThanOrEqual(2);
    for (const [i, p] of programme.entries())
      expect([i, phrase([p]).includes("Directorate Opportunity")]).toEqual([i, true]);
    const theme = programme.filter((p) => phrase([p]).includes("Theme Source"));
    expect(theme.length).toBeGreaterThan(0);
    for (const p of theme) expect(phrase([p])).toContain("Maximising Independence for Working Age Adults");
  });

  it("prints the Dashboard's table headings and its proposals' names on each page", () => {
    const ps = bySheet.get(DASHBOARD_SHEET)!;
    expect(ps.length).toBeGreaterThanOrEqual(2);
    // Column A repeats, so every page names the proposals its figures belong to.
    for (const [i, p] of ps.entries())
      expect([i, phrase([p]).includes("CFS Targeted Prevention")]).toEqual([i, true]);
    // The table's heading row repeats: each page shows the headings of its columns.
    const headings = new Set<string>();
    const [first, last] = (layouts.get(DASHBOARD_SHEET)!.print?.titleRows ?? "").split(":").map(Number);
    expect(last - first).toBeGreaterThanOrEqual(0);
    for (let r = first; r <= last; r++)
      wb.getWorksheet(DASHBOARD_SHEET)!
        .getRow(r)
        .eachCell((c) => words(String(c.value)).forEach((w) => headings.add(w)));
    for (const [i, p] of ps.entries())
      expect([i, p.words.filter((w) => headings.has(w.text)).length >= 3]).toEqual([i, true]);
  });

  it("holds the longest Appendix A name on one line in the Dashboard's Proposal and the Programme's Opportunity columns", () => {
    // The calibration sheet shows the name in a column of the Dashboard's width, EDGE in the next column.
    const page = bySheet.get(CALIBRATION)![0];
    const edge = page.words.find((w) => w.text === "EDGE")!;
    const last = page.words.find((w) => w.text === "Adults")!;
    expect(last.xMax).toBeLessThan(edge.xMin);
    expect(wb.getWorksheet(PROGRAMME_SHEET)!.getColumn(2).width).toBeGreaterThanOrEqual(
      wb.getWorksheet(DASHBOARD_SHEET)!.getColumn(1).width!,
    );
  });

  it("shows every heading, label and text of every sheet whole (nothing clipped at its cell's edge)", () => {
    const clipped: string[] = [];
    for (const [sheet, ps] of bySheet) {
      for (const text of sheetTexts(wb.getWorksheet(sheet)!)) {
        const missing = missingWords(text, ps);
        if (missing.length)
          clipped.push(`${sheet}: "${text.slice(0, 60)}" lacks ${missing.slice(0, 5).join(", ")}`);
      }
    }
    expect(clipped).toEqual([]);
  });

  it("keeps the Programme's headings on one line each where they have the room", () => {
    const text = phrase(bySheet.get("Programme")!);
    for (const heading of ["Impact within the MTFS", "Demand Management and Maximising Independence"])
      expect(text).toContain(heading);
  });

  it("prints the whole of CFS Targeted Prevention's proposed solutions (longer than one row can show)", () => {
    const solutions = readExample("cfs-targeted-prevention.json").narrative.proposedSolutions as string;
    expect(missingWords(solutions, bySheet.get("CFS Targeted Prevention")!)).toEqual([]);
  });

  it("prints each chart whole on one page (no page starts inside one)", async () => {
    const charts = await chartsOnPages(printedFile);
    // A profile chart and a tornado on each proposal sheet, the Dashboard's, the Risk sheet's fan and tornado.
    expect(charts.map((c) => c.sheet).sort()).toEqual(
      [
        ...legible(layouts).flatMap((s) => (s === PROGRAMME_SHEET ? [] : [s, s])),
        DASHBOARD_SHEET,
        RISK_SHEET,
        RISK_SHEET,
      ].sort(),
    );
    // A page starting at the chart's top (its page break) is not inside it; 1 unit (0.01 mm) for rounding.
    const cut = charts.filter((c) => c.breaks.some((y) => y > c.top + 1 && y < c.bottom - 1));
    expect(cut.map((c) => `${c.sheet}: ${c.name}`)).toEqual([]);
  }, 60_000);

  it("keeps every word inside the page's margins", () => {
    const outside: string[] = [];
    pages.forEach((page, i) => {
      // Margins are in inches; a point of slack for font rounding.
      const sheet = [...bySheet].find(([, ps]) => ps.includes(page))![0];
      const margins = wb.getWorksheet(sheet)!.pageSetup.margins ?? { left: 0.7, right: 0.7 };
      const left = margins.left * 72 - 1;
      const right = page.width - margins.right * 72 + 1;
      for (const w of page.words)
        if (w.xMin < left || w.xMax > right)
          outside.push(`page ${i + 1} (${sheet}): "${w.text}" at ${w.xMax}`);
    });
    expect(outside).toEqual([]);
  });
});
