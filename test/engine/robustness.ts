import * as fc from "fast-check";
import { Decimal, EngineError, isEngineError } from "../../src/engine";

// "No input makes the engine throw an untyped error or return NaN/Infinity": random JSON-ish values for
// every field of an input either parse and compute to finite Decimals, or raise an EngineError (never a
// TypeError, never NaN). Shared by the parser robustness tests.

/** Any value a user might put in a JSON field, including the awkward ones. */
export const scalar = fc.oneof(
  fc.double(),
  fc.integer({ min: -1000, max: 1_000_000 }),
  fc.constantFrom("8%", "-9% to -30%", "1,487", "", "abc", "NaN", "Infinity", "1e400", "50%"),
  fc.constant(null),
  fc.boolean(),
  fc.constant([] as unknown[]),
  fc.constant({} as Record<string, unknown>),
);

/** True when every number or Decimal anywhere in `value` is finite. */
export function allFinite(value: unknown, seen = new Set<unknown>()): boolean {
  if (value instanceof Decimal) return value.isFinite();
  if (typeof value === "number") return Number.isFinite(value);
  if (value === null || typeof value !== "object" || seen.has(value)) return true;
  seen.add(value);
  return Object.values(value).every((v) => allFinite(v, seen));
}

/** Runs `f`: a finite result or an EngineError passes; any other error is rethrown (a bug). */
export function engineErrorOrFinite(f: () => unknown): boolean {
  try {
    return allFinite(f());
  } catch (e) {
    if (e instanceof EngineError) return true;
    throw e;
  }
}

/** The code of the EngineError `f` throws, or undefined when it returns (any other error is rethrown). */
export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (isEngineError(e)) return e.code;
    throw e;
  }
  return undefined;
}
