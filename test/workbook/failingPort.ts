import type * as ExcelJS from "exceljs";
import { WORKBOOK_CHANGES, type WorkbookPort } from "../../src/workbook/port";

/** A port whose Nth change fails, and what a user can see of a workbook: for the nothing-is-lost tests. */

/** Calls that change the workbook: the ones a failure can interrupt. */
const CHANGES = new Set<string>(WORKBOOK_CHANGES);

/** `port` whose `failAt`th change (1-based) throws as Excel does when a sync fails; `count()` counts them. */
export function failing(port: WorkbookPort, failAt: number): { port: WorkbookPort; count: () => number } {
  let n = 0;
  const proxy = new Proxy(port, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        if (CHANGES.has(String(key)) && ++n === failAt) throw new Error("GeneralException: sync failed");
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { port: proxy, count: () => n };
}

/** Everything a user could see of the workbook: sheets, each cell's value, format and note, merges, names. */
export function state(wb: ExcelJS.Workbook): unknown {
  return {
    sheets: wb.worksheets.map((ws) => {
      const cells: Record<string, unknown> = {};
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.value === null && !cell.note) return;
          cells[cell.address] = { value: cell.value, numFmt: cell.numFmt, font: cell.font, note: cell.note };
        }),
      );
      // ExcelJS keeps its merges by top-left cell, with no public reader.
      const merges = Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges)
        .map((m) => m.range)
        .sort();
      return { name: ws.name, state: ws.state, rowCount: ws.actualRowCount, cells, merges };
    }),
    names: wb.definedNames.model,
  };
}
