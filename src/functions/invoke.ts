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

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * The answer of a body that returned a Promise: in the functions bundle, the first calls of a family loaded on
 * first use (lazy.ts). Excel waits for a Promise a custom function returns, so the function's declared (and
 * metadata) type stays the settled one; the cast says so. Outside the bundle no body returns a Promise.
 */
function settle<V, R>(value: PromiseLike<V>, shape: (v: V) => R, fail: (e: unknown) => R): R {
  return Promise.resolve(value).then((v) => {
    try {
      return shape(v);
    } catch (e) {
      return fail(e);
    }
  }, fail) as unknown as R;
}

/**
 * Runs a scalar function body: its value, or the Excel error for whatever it threw.
 *
 * @example
 * scalar(() => 42) // 42
 */
export function scalar<T extends GridCell>(body: () => T, names?: FieldNames): T | CustomFunctions.Error {
  const shape = (value: T): T | CustomFunctions.Error =>
    typeof value === "number" ? (cellNumberOf(value) as T) : value;
  const fail = (e: unknown): CustomFunctions.Error => toRuntimeError(toCellError(e, names));
  try {
    const value: unknown = body();
    return isPromiseLike(value) ? settle(value as PromiseLike<T>, shape, fail) : shape(value as T);
  } catch (e) {
    return fail(e);
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
  const shape = (rows: Grid): (GridCell | CustomFunctions.Error)[][] =>
    rows.map((row) => row.map((cell) => (typeof cell === "number" ? cellNumberOf(cell) : cell)));
  const fail = (e: unknown): (GridCell | CustomFunctions.Error)[][] => [
    [toRuntimeError(toCellError(e, names))],
  ];
  try {
    const rows: unknown = body();
    return isPromiseLike(rows) ? settle(rows as PromiseLike<Grid>, shape, fail) : shape(rows as Grid);
  } catch (e) {
    return fail(e);
  }
}
