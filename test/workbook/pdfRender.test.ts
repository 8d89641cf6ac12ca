import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { REGISTER_SHEET } from "../../src/workbook/register";
import { demoWorkbook, readExample, tempDir } from "./fixtures";
import { hasLibreOffice, hasPdfToText, pdfPages, recalcInLibreOffice, type PdfPage } from "./libreoffice";

/**
 * The demo workbook as it prints: LibreOffice renders every sheet to PDF and the page text is checked, so
 * a clipped heading, a cut-off label, a paragraph lost past Excel's row height limit or text off the
 * page's edge fails here, not only on paper. (To look at the pages: `pdftoppm -r 80 -png demo.pdf p`.)
 */

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
  let pages: PdfPage[];
  /** Pages of each visible sheet, in sheet order. */
  const bySheet = new Map<string, PdfPage[]>();

  beforeAll(async () => {
    wb = (await demoWorkbook()).wb;
    const file = path.join(tempDir(), "demo.xlsx");
    fs.writeFileSync(file, await new ExcelJsPort(wb).toXlsx());
    pages = await pdfPages(await recalcInLibreOffice(file, "pdf"));
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
  });

  it("prints the Programme, Resource cost and Themes sheets on one page each, a proposal on the pages its rows need", () => {
    for (const sheet of ["Programme", "Resource cost", "Themes"]) expect(bySheet.get(sheet)).toHaveLength(1);
    for (const [sheet, ps] of bySheet) {
      // One page wide and scaled down to fit, so at most the pages its rows fill at full size (and a part page).
      const ws = wb.getWorksheet(sheet)!;
      const margins = ws.pageSetup.margins ?? { top: 0.75, bottom: 0.75 };
      const printable = ps[0].height - (margins.top + margins.bottom) * 72;
      let tall = 0;
      for (let r = 1; r <= ws.rowCount; r++) tall += ws.getRow(r).height ?? 15;
      expect(ps.length).toBeGreaterThanOrEqual(1);
      expect(ps.length).toBeLessThanOrEqual(Math.ceil(tall / printable) + 1);
    }
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
