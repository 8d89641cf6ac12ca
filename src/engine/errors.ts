/**
 * The one error type the engine raises for bad input. `field` names the input (as the user wrote it,
 * e.g. `durationWeeks` or `timeline.startDate`), `rule` says what was expected. Each edge translates it
 * once: functions/ to #VALUE! or #N/A (the errors Excel shows a message on), the CLI to exit code 2 and one line, the taskpane to a message
 * beside the field. A bug is never dressed up as an EngineError.
 */
export type EngineErrorCode =
  | "invalid-type" // wrong kind of value (text where a number was expected) -> #VALUE!
  | "out-of-range" // a number outside its allowed range -> #VALUE! (Excel drops a #NUM!'s message)
  | "missing" // a required value is absent -> #N/A
  | "invalid-date" // not a date, or dates in the wrong order -> #VALUE!
  | "unknown-option" // a choice outside the allowed set -> #VALUE!
  | "unknown-field" // a key the input format does not have (a typo, a field from elsewhere) -> #VALUE!
  | "contradictory"; // inputs that cannot all hold (weeklyCost and components, shares not summing to 1) -> #VALUE!

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly field: string;
  readonly rule: string;

  constructor(code: EngineErrorCode, field: string, rule: string) {
    super(`${field}: ${rule}`);
    this.name = "EngineError";
    this.code = code;
    this.field = field;
    this.rule = rule;
  }
}

/**
 * True when `e` is the engine's own input error (as opposed to a bug).
 *
 * @example
 * isEngineError(new EngineError("missing", "name", "is required")) // true
 * isEngineError(new TypeError("x")) // false
 */
export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}
