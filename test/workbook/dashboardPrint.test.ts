import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { refreshWorkbook } from "../../src/workbook/operations";
import { DASHBOARD_SHEET } from "../../src/workbook/layouts/dashboardSheet";
import { tempDir, trackedDemoWorkbook } from "./fixtures";
import { hasLibreOffice, hasPdfToText, pdfPages, recalcInLibreOffice, type PdfPage } from "./libreoffice";

/**
 * The printed Dashboard (15 columns): A4 landscape, two pages wide with the table's headings repeated, so its
 * text prints at 8 pt or more (one page wide it printed at about 4 pt), with the Proposal column (A) on each
 * page, so page 2's figures keep their names. Measured in LibreOffice's PDF against the same 11 pt
 * text printed at 100% on a calibration sheet.
 */

beforeAll(() => {
  if (!hasLibreOffice() || !hasPdfToText())
    throw new Error("LibreOffice and pdftotext are needed: run `bash scripts/install-system-deps.sh`");
});

const CFS = "CFS Targeted Prevention";
const CALIBRATION = "Calibration";

async function dashboardWorkbook(): Promise<ExcelJS.Workbook> {
  return (await trackedDemoWorkbook()).wb;
}

/** Height of the first word `text` on a page (pdftotext's box: the font's ascent + descent). */
function wordHeight(page: PdfPage, text: string): number | undefined {
  const w = page.words.find((x) => x.text === text);
  return w ? w.yMax - w.yMin : undefined;
}

it("sets the Dashboard to print two pages wide, the table's headings and the Proposal column repeated", async () => {
  const wb = await dashboardWorkbook();
  const file = path.join(tempDir(), "dash.xlsx");
  await wb.xlsx.writeFile(file);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  const setup = back.getWorksheet(DASHBOARD_SHEET)!.pageSetup;
  expect(setup).toMatchObject({
    orientation: "landscape",
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 2,
    fitToHeight: 0,
    printTitlesRow: "8:8",
    printTitlesColumn: "A:A",
  });
});

it("a Dashboard deleted by the user is written afresh by refresh, with the print set-up", async () => {
  const wb = await dashboardWorkbook();
  wb.removeWorksheet(wb.getWorksheet(DASHBOARD_SHEET)!.id);
  const report = await refreshWorkbook(new ExcelJsPort(wb));
  expect(report.errors).toEqual([]);
  expect(wb.getWorksheet(DASHBOARD_SHEET)!.pageSetup).toMatchObject({
    fitToWidth: 2,
    printTitlesRow: "8:8",
  });
});

it("prints its text at 8 pt or more, each page with the table's headings and the proposals' names", async () => {
  const wb = await dashboardWorkbook();
  // Only the Dashboard, and the calibration sheet: 11 pt at 100%, one page.
  for (const ws of [...wb.worksheets]) if (ws.name !== DASHBOARD_SHEET) wb.removeWorksheet(ws.id);
  const cal = wb.addWorksheet(CALIBRATION, {
    pageSetup: { paperSize: 9, orientation: "landscape", scale: 100 },
  });
  cal.getCell("A1").value = CFS;
  cal.getColumn(1).width = 40;
  const dir = tempDir();
  const file = path.join(dir, "dash.xlsx");
  await wb.xlsx.writeFile(file);
  const pdf = await recalcInLibreOffice(file, "pdf");
  if (process.env.KEEP_PDF) fs.copyFileSync(pdf, process.env.KEEP_PDF);
  const pages = await pdfPages(pdf);
  const calPage = pages[pages.length - 1];
  const dashboard = pages.slice(0, -1);
  const full = wordHeight(calPage, "CFS");
  expect(full).toBeGreaterThan(0);
  // Two pages across (the table's first page, and its second with the forecast and notes).
  expect(dashboard.length).toBeGreaterThanOrEqual(2);
  const onPage = (text: string) => dashboard.findIndex((p) => p.words.some((w) => w.text === text));
  expect(onPage("Slippage")).toBeGreaterThan(onPage("Variance"));
  // The same scale on each page: the page with the proposals' names measures it.
  const printed = (11 * (wordHeight(dashboard[0], "CFS") ?? 0)) / full!;
  expect(printed).toBeGreaterThanOrEqual(8);
  for (const [i, page] of dashboard.entries())
    expect([i, page.words.some((w) => w.text === "Targeted")]).toEqual([i, true]);
  for (const [i, page] of dashboard.entries())
    expect([i, page.words.some((w) => w.text === "Proposal" || w.text === "RAG")]).toEqual([i, true]);
  // Every word inside the page's width.
  for (const page of dashboard) for (const w of page.words) expect(w.xMax).toBeLessThanOrEqual(page.width);
});
