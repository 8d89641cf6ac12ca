import type * as ExcelJS from "exceljs";
import { updateDashboard } from "../../src/workbook/dashboard";
import { DASHBOARD_SHEET, NOT_REFRESHED_NOTE } from "../../src/workbook/layouts/dashboardSheet";
import type { TrackingActual } from "../../src/workbook/layouts/trackingSheet";
import { refreshWorkbook } from "../../src/workbook/operations";
import type { WorkbookPort } from "../../src/workbook/port";
import { importActuals } from "../../src/workbook/tracking";
import { fullDemoWorkbook as demoWorkbook } from "./fixtures";

/**
 * A new user's trial (fixstale): a proposal sheet that cannot be read keeps its Dashboard rows, closure and
 * Programme RAG, saying so; a Dashboard laid out again gets the formats of a fresh one; its columns.
 */

const CFS = "CFS Targeted Prevention";
const INCOME = "Income Maximisation";
const on = (
  proposal: string,
  stream: string,
  period: string,
  measure: string,
  value: number,
): TrackingActual => ({
  proposal,
  stream,
  period,
  measure,
  value,
  source: "test",
});
const FIRST = [on(CFS, "", "2027-10", "avoidedEvents", 0)];
const SECOND = [
  ...FIRST,
  on(CFS, "", "2027-11", "avoidedEvents", 1),
  on(INCOME, "fees", "2026-Q3", "saving", 5000),
  on(INCOME, "traded", "2027-Q1", "saving", 20000),
];

async function rowsOf(port: WorkbookPort, sheet: string) {
  return (await port.readUsedRange(sheet)).map((r) => r.map((c) => c.value));
}

async function tracked() {
  const { wb, port } = await demoWorkbook();
  await importActuals(port, SECOND, { dryRun: false });
  await updateDashboard(port);
  await refreshWorkbook(port, { dryRun: false });
  return { wb, port };
}

/** The Programme's RAG of an opportunity (its modelled row). */
async function programmeRag(port: WorkbookPort, opportunity: string) {
  const rows = await rowsOf(port, "Programme");
  const header = rows[2].indexOf("RAG (tracking)");
  return rows.find((r) => r[1] === opportunity && r[10] === "Proposal sheet (modelled)")?.[header] ?? null;
}

describe("a proposal sheet that cannot be read on refresh", () => {
  it.each([
    [INCOME, "B76", "about 1300"],
    [CFS, "B90", 1.5],
  ])(
    "%s!%s = %p keeps its Dashboard rows, closure and RAG, and the Programme says so",
    async (sheet, cell, bad) => {
      const { port } = await tracked();
      const before = await rowsOf(port, DASHBOARD_SHEET);
      const rag = await programmeRag(port, sheet === CFS ? "Targeted Prevention" : sheet);
      expect(rag).not.toBeNull();
      await port.writeCells(sheet, [{ address: cell, value: bad }]);
      const report = await refreshWorkbook(port, { dryRun: false });
      expect(report.errors.map((e) => e.proposal)).toEqual([sheet]);
      const after = await rowsOf(port, DASHBOARD_SHEET);
      const note = after[7].indexOf("Note");
      // Every figure as it was; its rows (and the totals that add them) say they are its last figures.
      const said = (v: unknown) => typeof v === "string" && /not refreshed/i.test(v);
      // A note that says so keeps what it said before (the closure's warnings) after the words.
      const unsaid = (v: string) => v.replace(NOT_REFRESHED_NOTE, "").trim() || null;
      const figures = (rows: typeof before) =>
        rows.map((r) =>
          r.map((v, k) =>
            k === 9 && v === "Note"
              ? null
              : said(v)
                ? v === NOT_REFRESHED_NOTE || /^Includes/.test(v as string)
                  ? null
                  : unsaid(v as string)
                : v,
          ),
        );
      expect(figures(after)).toEqual(figures(before));
      const mine = after.filter((r) => r[0] === sheet && typeof r[2] === "string");
      expect(mine.length).toBeGreaterThan(0);
      for (const r of mine) expect(r[note]).toContain(NOT_REFRESHED_NOTE);
      const total = after.find((r) => r[0] === "Programme (£ saving)")!;
      expect(total[note]).toBe(`Includes 1 proposal not refreshed (last figures): ${sheet}.`);
      const closure = after.find((r) => r[0] === "Programme")!;
      expect(closure).toContain(`Includes 1 proposal not refreshed (last figures): ${sheet}.`);
      expect(await programmeRag(port, sheet === CFS ? "Targeted Prevention" : sheet)).toBe(rag);
      const [status] = await port.readCells("Programme", ["M1"]);
      expect(status.value).toBe(`1 proposal not refreshed: ${sheet}`);
    },
    60_000,
  );
});

/** The look of a cell: font, fill, wrap and its row's height. */
function look(ws: ExcelJS.Worksheet, address: string) {
  const c = ws.getCell(address);
  return {
    bold: c.font?.bold ?? false,
    italic: c.font?.italic ?? false,
    color: c.font?.color?.argb ?? null,
    fill: c.fill && c.fill.type === "pattern" ? (c.fill.fgColor?.argb ?? null) : null,
    wrap: c.alignment?.wrapText ?? false,
    height: ws.getRow(Number(address.replace(/^[A-Z]+/, ""))).height ?? 15,
  };
}

describe("a Dashboard laid out again", () => {
  it("has every row formatted as a freshly written Dashboard after imports of different sizes", async () => {
    const grown = await demoWorkbook();
    await importActuals(grown.port, FIRST, { dryRun: false });
    await updateDashboard(grown.port);
    await importActuals(grown.port, SECOND, { dryRun: false });
    await updateDashboard(grown.port);
    const fresh = await demoWorkbook();
    await importActuals(fresh.port, SECOND, { dryRun: false });
    await updateDashboard(fresh.port);
    const a = grown.wb.getWorksheet(DASHBOARD_SHEET)!;
    const b = fresh.wb.getWorksheet(DASHBOARD_SHEET)!;
    expect(await rowsOf(grown.port, DASHBOARD_SHEET)).toEqual(await rowsOf(fresh.port, DASHBOARD_SHEET));
    const last = Math.max(a.rowCount, b.rowCount);
    for (let r = 9; r <= last; r++)
      for (const col of "ABCDEFGHIJKLMNO")
        expect([`${col}${r}`, look(a, `${col}${r}`)]).toEqual([`${col}${r}`, look(b, `${col}${r}`)]);
  }, 60_000);

  it("puts the stream beside the measure and wraps the note in a column of its own width", async () => {
    const { wb, port } = await tracked();
    const rows = await rowsOf(port, DASHBOARD_SHEET);
    expect(rows[7].slice(0, 3)).toEqual(["Proposal", "Stream", "Measure"]);
    expect(rows[7]).toContain("Slippage (months; negative = ahead)");
    const ws = wb.getWorksheet(DASHBOARD_SHEET)!;
    const income = rows.findIndex((r) => r[0] === INCOME && r[1] === "fees") + 1;
    expect(ws.getCell(`B${income}`).value).toBe("fees");
    await port.writeCells(INCOME, [{ address: "B76", value: "about 1300" }]);
    await refreshWorkbook(port, { dryRun: false });
    const note = ws.getCell(`O${income}`);
    expect(note.value).toContain(NOT_REFRESHED_NOTE);
    expect(note.alignment?.wrapText).toBe(true);
    expect(ws.getColumn("O").width).toBeLessThanOrEqual(60);
  }, 60_000);

  it("rewrites a Dashboard of the earlier column order (Stream last) in the new one", async () => {
    const { wb, port } = await tracked();
    const ws = wb.getWorksheet(DASHBOARD_SHEET)!;
    const now = await rowsOf(port, DASHBOARD_SHEET);
    // The old order: Measure … Slippage one column left, Stream in N.
    const old = ["Proposal", ...now[7].slice(2, 14), "Stream", "Note"];
    old.forEach((v, k) => (ws.getRow(8).getCell(k + 1).value = v as string));
    await updateDashboard(port);
    expect(await rowsOf(port, DASHBOARD_SHEET)).toEqual(now);
  }, 60_000);
});
