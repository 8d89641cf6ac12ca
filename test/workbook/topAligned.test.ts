import { REGISTER_SHEET } from "../../src/workbook/register";
import type * as ExcelJS from "exceljs";
import { DASHBOARD_SHEET } from "../../src/workbook/layouts/dashboardSheet";
import { TRACKING_SHEET } from "../../src/workbook/layouts/trackingSheet";
import { demoWorkbook, plain, roundTrip, trackedDemoWorkbook } from "./fixtures";

/**
 * A row a wrapped label can make tall: every cell in it that shows something sits at the top, level with the
 * label's first line (a figure at the row's foot read as belonging to the row below). Read back from the file,
 * as Excel and LibreOffice open it.
 */
/** Per sheet: rows holding wrapped text, and the cells showing something in them that are not top-aligned. */
function lowCells(wb: ExcelJS.Workbook): Map<string, { rows: number; low: string[] }> {
  const out = new Map<string, { rows: number; low: string[] }>();
  for (const ws of wb.worksheets) {
    if (ws.name === REGISTER_SHEET) continue;
    const sheet = { rows: 0, low: [] as string[] };
    out.set(ws.name, sheet);
    ws.eachRow((row) => {
      const cells: { address: string; top: boolean; wrap: boolean; shows: boolean }[] = [];
      row.eachCell((c) =>
        cells.push({
          address: c.address,
          top: c.alignment?.vertical === "top",
          wrap: c.alignment?.wrapText === true,
          shows: plain(c.value) !== null && plain(c.value) !== "",
        }),
      );
      if (!cells.some((c) => c.wrap)) return;
      sheet.rows++;
      for (const c of cells) if (c.shows && !c.top) sheet.low.push(`${ws.name}!${c.address}`);
    });
  }
  return out;
}

it("aligns every written cell to the top in each row holding wrapped text, on every sheet of the demo", async () => {
  const sheets = lowCells((await roundTrip((await demoWorkbook()).wb)).wb);
  const all = [...sheets.values()];
  expect(all.reduce((n, s) => n + s.rows, 0)).toBeGreaterThan(100);
  expect(all.flatMap((s) => s.low)).toEqual([]);
});

it("aligns the Dashboard's and the Tracking sheet's cells to the top too, actuals imported and rows appended", async () => {
  const { wb } = await roundTrip((await trackedDemoWorkbook()).wb);
  const sheets = lowCells(wb);
  for (const name of [DASHBOARD_SHEET, TRACKING_SHEET]) {
    const s = sheets.get(name)!;
    // Each has wrapped rows (headings, notes), so the check is not empty.
    expect([name, s.rows > 0]).toEqual([name, true]);
    expect(s.low).toEqual([]);
  }
  // The imported actuals (rows the Tracking layout did not write at first) are top-aligned as well.
  const tracking = wb.getWorksheet(TRACKING_SHEET)!;
  const shown: string[] = [];
  tracking.eachRow((row) =>
    row.eachCell((c) => {
      if (plain(c.value) !== null && plain(c.value) !== "" && c.alignment?.vertical !== "top")
        shown.push(c.address);
    }),
  );
  expect(shown).toEqual([]);
});
