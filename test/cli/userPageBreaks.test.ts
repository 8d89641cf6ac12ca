import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { copyFileSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { loadXlsxPreserving } from "../../src/workbook/exceljs/packageOrigin";
import { sheetParts } from "../../src/workbook/exceljs/packageXml";
import { DASHBOARD_SHEET } from "../../src/workbook/layouts/dashboardSheet";
import { example, run, tempDir } from "./workbookCli";

/**
 * A page break the user put inside a sheet's rows is theirs: a Dashboard refresh (`track import`) and a Risk
 * re-run (`simulate --xlsx`) move only the breaks the product put there, above its charts.
 */

let tracked: string;

const csv = (row: string): string => {
  const f = join(tempDir(), "actuals.csv");
  writeFileSync(f, ["proposal,stream,period,measure,value", row].join("\n"));
  return f;
};

const trackImport = async (file: string, row: string): Promise<void> => {
  const r = await run(["track", "import", csv(row), "--into", file]);
  expect([r.code, r.stderr]).toEqual([0, ""]);
};

const simulate = async (xlsx: string): Promise<void> => {
  const r = await run([
    "simulate",
    "--input",
    example("cfs-targeted-prevention.json"),
    "--iterations",
    "50",
    "--xlsx",
    xlsx,
  ]);
  expect(r.code).toBe(0);
};

/** The rows a saved sheet's manual row breaks start a page at (a break's id is the row above it). */
async function breaksOf(file: string, sheet: string): Promise<number[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const part = (await sheetParts(zip)).get(sheet);
  const xml = (part && (await zip.file(part)?.async("string"))) || "";
  const breaks = /<rowBreaks\b[\s\S]*?<\/rowBreaks>/.exec(xml)?.[0] ?? "";
  return [...breaks.matchAll(/<brk\b[^>]*\bid="(\d+)"/g)].map((m) => Number(m[1]) + 1);
}

/** What the user does in Excel: a page break above `row`, or a note typed into a cell; saved. */
async function userEdit(
  file: string,
  sheet: string,
  edit: { readonly breakAt?: number; readonly note?: { address: string; value: string } },
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await loadXlsxPreserving(wb, readFileSync(file));
  const port = new ExcelJsPort(wb);
  if (edit.breakAt) await port.setRowBreaks(sheet, [edit.breakAt], []);
  if (edit.note) await port.writeCells(sheet, [edit.note]);
  writeFileSync(file, await port.toXlsx());
}

/** The last row holding anything in the Dashboard's first columns (its last table's last row). */
async function lastTableRow(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  let last = 0;
  wb.getWorksheet(DASHBOARD_SHEET)!.eachRow((row, r) => {
    if (row.getCell(1).value !== null) last = r;
  });
  return last;
}

/** Where the Dashboard's chart is anchored in the saved file (1-based first row of its frame). */
async function chartAnchor(file: string): Promise<{ fromRow: number }> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const part = (await sheetParts(zip)).get(DASHBOARD_SHEET) as string;
  const rels = (await zip.file(part.replace(/([^/]+)$/, "_rels/$1.rels"))?.async("string")) ?? "";
  const target = /Type="[^"]*\/drawing"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Type="[^"]*\/drawing"/.exec(
    rels,
  );
  const name = (target?.[1] ?? target?.[2] ?? "").replace(/^.*\//, "");
  const xml = (await zip.file(`xl/drawings/${name}`)?.async("string")) ?? "";
  const row = /<xdr:from>[\s\S]*?<xdr:row>(\d+)<\/xdr:row>/.exec(xml)?.[1];
  return { fromRow: Number(row) + 1 };
}

function copy(file: string): string {
  const out = join(tempDir(), "w.xlsx");
  copyFileSync(file, out);
  return out;
}

beforeAll(async () => {
  tracked = join(tempDir(), "demo.xlsx");
  expect((await run(["demo", "--out", tracked])).code).toBe(0);
  await trackImport(tracked, "CFS Targeted Prevention,,2027-10,saving,5000");
}, 120_000);

describe("the user's page breaks inside the product's sheets", () => {
  it("a Dashboard refresh keeps the user's break inside its rows and moves its own with its chart", async () => {
    const file = copy(tracked);
    const [own] = await breaksOf(file, DASHBOARD_SHEET);
    // The chart starts a page two rows under the last table.
    expect(own).toBe((await lastTableRow(file)) + 2);
    const inside = 10;
    expect(inside).toBeLessThan(own);
    await userEdit(file, DASHBOARD_SHEET, { breakAt: inside });
    // Another proposal's saving: the table grows and the chart moves down.
    await trackImport(file, "Family Based Placements,,2027-10,saving,5000");
    const moved = (await lastTableRow(file)) + 2;
    expect(moved).toBeGreaterThan(own);
    expect(await breaksOf(file, DASHBOARD_SHEET)).toEqual([inside, moved]);
  }, 60_000);

  // The table grows two rows with another proposal's saving: into the chart's old rows, as the notes block
  // the rows under the table. The chart goes to the first rows below, never over the table or a note.
  it.each([
    ["typed over the chart's old rows", 3],
    ["just below the chart", 17],
  ])(
    "puts the chart on the first free rows when the table grows into its place and a note is %s",
    async (_, below) => {
      const file = copy(tracked);
      const [own] = await breaksOf(file, DASHBOARD_SHEET);
      const noteRow = own + below;
      const note = { address: `B${noteRow}`, value: "my note under the Dashboard" };
      await userEdit(file, DASHBOARD_SHEET, { note });
      await trackImport(file, "Family Based Placements,,2027-10,saving,5000");
      const last = await lastTableRow(file);
      expect(last).toBeGreaterThanOrEqual(own);
      // The chart's frame is 17 rows from its break; under the table it starts two rows below it.
      const covers = (top: number, row: number): boolean => row >= top && row <= top + 16;
      const free = (top: number): boolean => top > last && !covers(top, noteRow);
      const [at] = await breaksOf(file, DASHBOARD_SHEET);
      expect(free(at)).toBe(true);
      expect(Array.from({ length: at - (last + 2) }, (_, i) => last + 2 + i).filter(free)).toEqual([]);
      expect((await chartAnchor(file)).fromRow).toBe(at);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
      expect(wb.getWorksheet(DASHBOARD_SHEET)!.getCell(note.address).value).toBe(note.value);
    },
    60_000,
  );

  it("a Risk re-run keeps the user's break inside the sheet's rows", async () => {
    const fresh = join(tempDir(), "risk.xlsx");
    await simulate(fresh);
    const own = await breaksOf(fresh, "Risk");
    expect(own.length).toBeGreaterThan(0);
    const file = copy(fresh);
    const inside = own[0] - 3;
    await userEdit(file, "Risk", { breakAt: inside });
    await simulate(file);
    expect(await breaksOf(file, "Risk")).toEqual([inside, ...own].sort((a, b) => a - b));
  }, 60_000);
});
