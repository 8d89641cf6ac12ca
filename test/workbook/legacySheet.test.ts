import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { readProposal, refreshWorkbook, updateProposal } from "../../src/workbook/operations";
import { readRegister } from "../../src/workbook/register";
import { plain, readExample } from "./fixtures";
import { NO_COSTS_TEXT } from "../../src/engine";

/**
 * A workbook written before the assumptions were laid out in words (issue 13): `mtfs-benefits new` of
 * independent-travel-training.json by the code of commit 0171405, one row per JSON path. It must keep
 * refreshing where its cells are.
 */
const FIXTURE = path.join(__dirname, "fixtures", "legacy-path-captions.xlsx");
const ITT = "Independent Travel Training";

/** A change that only rounds a figure to the penny (the in-year and swing formulas are ROUND(…, 2) now). */
function withinAPenny(c: { before: unknown; after: unknown }): boolean {
  const n = (v: unknown): number => (v === null || v === "" ? 0 : Number(v));
  return Math.abs(n(c.after) - n(c.before)) <= 0.005;
}

/**
 * What a first refresh of a sheet written by older code rewrites: differences rounded to the penny now, and the
 * payback formulas now counted from the last year in deficit (the same figure there, a new formula).
 */
function expectedRewrite(c: { key: string; before: unknown; after: unknown }): boolean {
  // A payback with nothing to pay back (no costs, never in deficit) now reads NO_COSTS_TEXT, not a blank or 0.
  if (/payback/i.test(c.key) && c.after === NO_COSTS_TEXT && c.before !== c.after)
    return c.before === null || c.before === 0;
  if (/payback/i.test(c.key)) return c.before === c.after || withinAPenny(c);
  return /\.(inYear|swing)$/.test(c.key) && withinAPenny(c);
}

async function legacy(): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(FIXTURE) as unknown as ArrayBuffer);
  return { wb, port: new ExcelJsPort(wb) };
}

describe("a proposal sheet written with path captions (before issue 13)", () => {
  it("reads back its proposal, and refreshes changing only its differences to the penny, then nothing", async () => {
    const { port } = await legacy();
    const stored = (await readRegister(port)).proposals[0];
    expect(stored.assumptionsInWords).toBeUndefined();
    const back = (await readProposal(port, ITT)) as { assumptions: unknown };
    expect(back.assumptions).toEqual(readExample("independent-travel-training.json").assumptions);
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    // The first refresh rewrites only those (expectedRewrite), the second nothing.
    expect(report.changes.filter((c) => !expectedRewrite(c))).toEqual([]);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("recomputes from its old cells: a duration typed into B38 moves the profile", async () => {
    const { wb, port } = await legacy();
    const ws = wb.getWorksheet(ITT)!;
    expect(plain(ws.getCell("A38").value)).toBe("Average duration (weeks)");
    const layout = proposalSheetLayout((await readRegister(port)).proposals[0]);
    expect(
      layout.cells.find((c) => c.kind === "input" && c.path === "assumptions.durationWeeks")?.address,
    ).toBe("B38");
    ws.getCell("B38").value = 100;
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    expect(report.changes.length).toBeGreaterThan(0);
    // Its captions, written by the old code, stay as they are: refresh writes only owned cells.
    expect(plain(ws.getCell("A33").value)).toBe("Target value");
    expect(
      ((await readProposal(port, ITT)) as { assumptions: { durationWeeks: number } }).assumptions
        .durationWeeks,
    ).toBe(100);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("is laid out in words when the proposal is updated", async () => {
    const { wb, port } = await legacy();
    const itt = readExample("independent-travel-training.json");
    await updateProposal(port, ITT, itt);
    const stored = (await readRegister(port)).proposals[0];
    expect(stored.assumptionsInWords).toBe(true);
    const layout = proposalSheetLayout(stored);
    const duration = layout.cells.find((c) => c.kind === "input" && c.path === "assumptions.durationWeeks")!;
    const r = duration.address.slice(1);
    expect(plain(wb.getWorksheet(ITT)!.getCell(`A${r}`).value)).toBe("Average duration");
    expect(plain(wb.getWorksheet(ITT)!.getCell(`C${r}`).value)).toBe("weeks");
    expect(((await readProposal(port, ITT)) as { assumptions: unknown }).assumptions).toEqual(
      itt.assumptions,
    );
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });
});

/**
 * A workbook written before the breakdown left out measures the inputs do not drive: `mtfs-benefits new` of
 * income-maximisation.json by the code of commit 6c4416d, with a column of 0.0 units charged under the
 * traded services stream. It must keep refreshing where its cells are.
 */
const ZERO_COLUMNS = path.join(__dirname, "fixtures", "zero-measure-columns.xlsx");
const INCOME = "Income Maximisation";

describe("a proposal sheet written with a measure column of zeros (before drivenMeasures)", () => {
  async function load(): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(ZERO_COLUMNS) as unknown as ArrayBuffer);
    return { wb, port: new ExcelJsPort(wb) };
  }

  it("refreshes and reads back with its columns where they were, then refreshes without a change", async () => {
    const { wb, port } = await load();
    expect((await readRegister(port)).proposals[0].measureColumns).toBeUndefined();
    const ws = wb.getWorksheet(INCOME)!;
    const row = (r: number): unknown[] => (ws.getRow(r).values as unknown[]).slice(1, 6).map(plain);
    const headings = row(29);
    expect(headings[4]).toBe("Units charged at the new fees (units)");
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    // Only the rewrites of newer formulas (expectedRewrite); nothing in the breakdown moves under its headings.
    expect(report.changes.filter((c) => !expectedRewrite(c))).toEqual([]);
    expect(row(29)).toEqual(headings);
    expect(row(31)[4]).toBe(0);
    const back = (await readProposal(port, INCOME)) as { assumptions: unknown };
    expect(back.assumptions).toEqual(readExample("income-maximisation.json").assumptions);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });
});
