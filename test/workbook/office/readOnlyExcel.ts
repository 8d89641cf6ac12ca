import type * as ExcelJS from "exceljs";
import { columnLetter, parseAddress, sheetRef } from "../../../src/workbook/address";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";

/**
 * A read-only stand-in for Excel's object model over an ExcelJS workbook, reporting cells as Office.js does:
 * `range.values` gives a date as its serial number (never a Date), empty cells as "", formulas with "=".
 * Enough for OfficePort's reads (sheets, cells, used range, names), so refresh can run as a dry run.
 */

const DAY_MS = 86_400_000;

function officeValue(cell: ExcelJS.Cell): string | number | boolean {
  const v = cell.value as unknown;
  const scalar = (x: unknown): string | number | boolean => {
    if (x === null || x === undefined) return "";
    if (x instanceof Date) return x.getTime() / DAY_MS + 25_569;
    if (typeof x === "object") {
      const o = x as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
      if ("result" in o) return scalar(o.result ?? 0);
      if (o.richText) return o.richText.map((t) => t.text).join("");
      if (o.text !== undefined) return scalar(o.text);
      if (o.error) return o.error;
      return 0;
    }
    return x as string | number | boolean;
  };
  return scalar(v);
}

function officeFormula(cell: ExcelJS.Cell): string | number | boolean {
  const f = cell.formula;
  return f ? `=${f}` : officeValue(cell);
}

/**
 * An `Excel.run` over `wb` for `new OfficePort(run)`.
 *
 * @example
 * const port = new OfficePort(readOnlyExcelRun(wb));
 */
export function readOnlyExcelRun(
  wb: ExcelJS.Workbook,
): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> {
  const port = new ExcelJsPort(wb);
  const range = (ws: ExcelJS.Worksheet, address: string) => {
    const first = parseAddress(address.split(":")[0]);
    const last = parseAddress(address.split(":").pop()!);
    const grid = <T>(f: (c: ExcelJS.Cell) => T): T[][] => {
      const rows: T[][] = [];
      for (let r = first.row; r <= last.row; r++) {
        const row: T[] = [];
        for (let c = first.column; c <= last.column; c++) row.push(f(ws.getCell(r, c)));
        rows.push(row);
      }
      return rows;
    };
    // Read once per range: callers index values[r][c] and formulas[r][c] cell by cell.
    let values: (string | number | boolean)[][] | undefined;
    let formulas: (string | number | boolean)[][] | undefined;
    return {
      load() {
        return this;
      },
      get values() {
        return (values ??= grid(officeValue));
      },
      get formulas() {
        return (formulas ??= grid(officeFormula));
      },
      get numberFormat() {
        return grid((c) => c.numFmt ?? "General");
      },
    };
  };
  const worksheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`ItemNotFound: ${name}`);
    return {
      getRange: (address: string) => range(ws, address),
      getUsedRangeOrNullObject: () => ({
        load() {
          return this;
        },
        isNullObject: ws.rowCount === 0,
        rowIndex: 0,
        columnIndex: 0,
        rowCount: ws.rowCount,
        columnCount: ws.columnCount,
      }),
      getRangeByIndexes: (_r: number, _c: number, rows: number, columns: number) =>
        range(ws, `A1:${columnLetter(Math.max(columns, 1))}${Math.max(rows, 1)}`),
    };
  };
  // Read-only: the names are those of the workbook as given.
  const names = port.listNames().then((list) =>
    list.map((n) => ({
      name: n.name,
      formula: `=${sheetRef(n.sheet)}!$${n.address.replace(/(\d+)$/, "$$$1")}`,
    })),
  );
  let loadedNames: { name: string; formula: string }[] = [];
  const context = {
    workbook: {
      worksheets: {
        getItem: worksheet,
        load() {
          return this;
        },
        get items() {
          return wb.worksheets.map((ws) => ({
            name: ws.name,
            visibility: ws.state === "visible" ? "Visible" : "Hidden",
          }));
        },
      },
      names: {
        load() {
          return this;
        },
        get items() {
          return loadedNames;
        },
      },
    },
    sync: async () => {
      loadedNames = await names;
    },
  };
  return async (batch) => {
    await context.sync();
    return batch(context as unknown as Excel.RequestContext);
  };
}
