import { isEngineError, type EngineErrorCode } from "../engine";
import { ChunkLoadError } from "./lazy";

/**
 * The one place where engine errors become Excel errors. Every custom function catches, calls
 * `toCellError` and returns the result: a formula never throws and never shows NaN or Infinity.
 */

/** The Excel error a function returns, before it is wrapped in the runtime's CustomFunctions.Error. */
export interface CellError {
  readonly kind: "cellError";
  /** "#VALUE!", "#NUM!" or "#N/A". */
  readonly code: CellErrorCode;
  /** "argument: rule", shown in Excel's error indicator (Excel shows messages on #VALUE! and #N/A only). */
  readonly message: string;
}

export type CellErrorCode = "#VALUE!" | "#NUM!" | "#N/A";

/**
 * Every input error is #VALUE! (or #N/A when the value is missing), because Excel keeps a message only on
 * those two: a range error as #NUM! reached the user with no explanation. #NUM! is left for results.
 */
const CODE_OF: Readonly<Record<EngineErrorCode, CellErrorCode>> = {
  "invalid-type": "#VALUE!",
  "out-of-range": "#VALUE!",
  missing: "#N/A",
  "invalid-date": "#VALUE!",
  "unknown-option": "#VALUE!",
  "unknown-field": "#VALUE!",
  contradictory: "#VALUE!",
};

/**
 * A result Excel cannot hold (beyond ±9.99e307, or not finite), as opposed to bad input: the one case that
 * becomes #NUM!.
 *
 * @example
 * throw new ExcelLimitError("result: is beyond what Excel can hold, got Infinity")
 */
export class ExcelLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExcelLimitError";
  }
}

/** Renames an engine field path to the argument the user typed: a lookup table or a function. */
export type FieldNames = Readonly<Record<string, string>> | ((field: string) => string);

/**
 * The Excel error for anything a function caught. An EngineError keeps its `field: rule` message, with the
 * engine's field path renamed to the argument the user typed (`names`), as #VALUE! (#N/A when missing); a
 * result Excel cannot hold is #NUM!; a family of functions whose chunk would not load (lazy.ts) is #VALUE!
 * saying how to retry; anything else is a bug, reported as #VALUE! with its message rather than thrown into
 * Excel's calculation chain.
 *
 * @example
 * toCellError(new EngineError("out-of-range", "durationWeeks", "must be > 0, got -3"))
 * // { kind: "cellError", code: "#VALUE!", message: "durationWeeks: must be > 0, got -3" }
 */
export function toCellError(e: unknown, names: FieldNames = {}): CellError {
  if (isEngineError(e)) {
    const field = typeof names === "function" ? names(e.field) : (names[e.field] ?? e.field);
    return { kind: "cellError", code: CODE_OF[e.code], message: `${field}: ${e.rule}` };
  }
  if (e instanceof ExcelLimitError) return { kind: "cellError", code: "#NUM!", message: e.message };
  if (e instanceof ChunkLoadError) {
    const message = `the ${e.family} functions could not be loaded from the add-in's host; recalculate (Ctrl+Alt+F9) to retry`;
    return { kind: "cellError", code: "#VALUE!", message };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { kind: "cellError", code: "#VALUE!", message: `unexpected error: ${message}` };
}
/**
 * True for a CellError value.
 *
 * @example
 * isCellError(toCellError(new Error("x"))) // true
 * isCellError(42) // false
 */
export function isCellError(value: unknown): value is CellError {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "cellError";
}

/**
 * The runtime error object Excel shows for a CellError. The message is attached only where Excel displays
 * it (#VALUE!, #N/A); #NUM! carries none by Excel's rules.
 *
 * @example
 * toRuntimeError({ kind: "cellError", code: "#NUM!", message: "x: must be > 0" }).code // "#NUM!"
 */
export function toRuntimeError(error: CellError): CustomFunctions.Error {
  const codes = CustomFunctions.ErrorCode;
  switch (error.code) {
    case "#VALUE!":
      return new CustomFunctions.Error(codes.invalidValue, error.message);
    case "#N/A":
      return new CustomFunctions.Error(codes.notAvailable, error.message);
    case "#NUM!":
      return new CustomFunctions.Error(codes.invalidNumber);
  }
}
