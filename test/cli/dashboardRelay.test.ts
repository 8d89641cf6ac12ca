import * as ExcelJS from "exceljs";
import { copyFileSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { loadXlsxPreserving } from "../../src/workbook/exceljs/packageOrigin";
import { DASHBOARD_SHEET } from "../../src/workbook/layouts/dashboardSheet";
import { run, tempDir } from "./workbookCli";

/**
 * A Dashboard whose rows `track import` lays out again (another proposal's actuals) when an earlier layout
 * wrote it: the intro's merge and row height, which that layout may lack, come back as a new Dashboard has them.
 */

let tracked: string;

const csv = (row: string): string => {
  const f = join(tempDir(), "actuals.csv");
  writeFileSync(f, ["proposal,stream,period,measure,value", row].join("\n"));
  return f;
};

/** The Dashboard's merges, row 2's height and the text of its first rows. */
async function dashboard(
  file: string,
): Promise<{ merges: string[]; row2: number | undefined; text: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(DASHBOARD_SHEET)!;
  const text = ["A2", "B2", "C2"].map((a) => String(ws.getCell(a).value ?? ""));
  return { merges: (ws.model as unknown as { merges: string[] }).merges, row2: ws.getRow(2).height, text };
}

/** A copy of the tracked demo whose Dashboard is as an earlier layout wrote it: A2 alone, one line high. */
async function earlierDashboard(edit?: { address: string; value: string }): Promise<string> {
  const file = join(tempDir(), "w.xlsx");
  copyFileSync(tracked, file);
  const wb = new ExcelJS.Workbook();
  await loadXlsxPreserving(wb, readFileSync(file));
  const port = new ExcelJsPort(wb);
  const { merges } = await dashboard(file);
  await port.unmergeCells(DASHBOARD_SHEET, merges);
  await port.setRowHeights(DASHBOARD_SHEET, [{ row: 2, height: 15 }]);
  if (edit) await port.writeCells(DASHBOARD_SHEET, [edit]);
  writeFileSync(file, await port.toXlsx());
  expect((await dashboard(file)).merges).toEqual([]);
  return file;
}

const importMore = async (file: string): Promise<void> => {
  const more = await run([
    "track",
    "import",
    csv("Family Based Placements,,2027-10,saving,5000"),
    "--into",
    file,
  ]);
  expect([more.code, more.stderr]).toEqual([0, ""]);
};

beforeAll(async () => {
  tracked = join(tempDir(), "demo.xlsx");
  expect((await run(["demo", "--out", tracked])).code).toBe(0);
  const first = await run([
    "track",
    "import",
    csv("CFS Targeted Prevention,,2027-10,avoidedEvents,1"),
    "--into",
    tracked,
  ]);
  expect(first.code).toBe(0);
}, 120_000);

it("gets back the intro's merge and row height when its rows are laid out again", async () => {
  const fresh = await dashboard(tracked);
  expect(fresh.merges.length).toBeGreaterThan(0);
  const file = await earlierDashboard();
  await importMore(file);
  const after = await dashboard(file);
  expect({ merges: after.merges, row2: after.row2 }).toEqual({ merges: fresh.merges, row2: fresh.row2 });
}, 120_000);

it("leaves the intro unmerged when the user typed beside it, keeping what they typed", async () => {
  const fresh = await dashboard(tracked);
  const file = await earlierDashboard({ address: "C2", value: "my note" });
  await importMore(file);
  const after = await dashboard(file);
  expect(after.merges).toEqual([]);
  expect(after.text.slice(1)).toEqual(["", "my note"]);
  expect(after.row2).toBe(fresh.row2);
}, 120_000);
