import { Decimal } from "../engine";
import { ExcelLimitError, toCellError, toRuntimeError, type FieldNames } from "./errors";

/**
 * Wrappers that run a function body and hand Excel either its result or an Excel error. They are the
 * single catch of every custom function, and the last guard against NaN/Infinity reaching a cell.
 */

/** What a spilled result holds: numbers and labels. */
export type GridCell = number | string;
export type Grid = readonly (readonly GridCell[])[];

/** Excel's own limit on the magnitude of a number; beyond it a result would display as #NUM!. */
const EXCEL_MAX = 9.99999999999999e307;

/**
 * A Decimal as the number Excel stores; a value Excel cannot hold is an ExcelLimitError (#NUM!).
 *
 * @example
 * cellNumberOf(new Decimal("1081.6")) // 1081.6
 */
export function cellNumberOf(value: Decimal | number): number {
  const n = value instanceof Decimal ? value.toNumber() : value;
  if (!Number.isFinite(n) || Math.abs(n) > EXCEL_MAX) {
    throw new ExcelLimitError(`result: is beyond what Excel can hold, got ${n}`);
  }
  // -0 shows as 0 in Excel but compares oddly in tests and JSON; normalise it.
  return n === 0 ? 0 : n;
}

/**
 * Runs a scalar function body: its value, or the Excel error for whatever it threw.
 *
 * @example
 * scalar(() => 42) // 42
 */
export function scalar<T extends GridCell>(body: () => T, names?: FieldNames): T | CustomFunctions.Error {
  try {
    const value = body();
    return typeof value === "number" ? (cellNumberOf(value) as T) : value;
  } catch (e) {
    return toRuntimeError(toCellError(e, names));
  }
}

/**
 * Runs a spilling function body: its rows, or a 1×1 array holding the Excel error (a matrix function must
 * return a matrix).
 *
 * @example
 * grid(() => [["FY26/27"], [1]]) // [["FY26/27"], [1]]
 */
export function grid(body: () => Grid, names?: FieldNames): (GridCell | CustomFunctions.Error)[][] {
  try {
    return body().map((row) => row.map((cell) => (typeof cell === "number" ? cellNumberOf(cell) : cell)));
  } catch (e) {
    return [[toRuntimeError(toCellError(e, names))]];
  }
}
