import { Decimal } from "../money";
import { EngineError } from "../errors";

/**
 * Value readers shared by every input format (src/engine/format/) and the cell adapters: each takes one value
 * (JSON, a cell, a taskpane draft's text) and the field it is for, and either returns a typed value or throws
 * one EngineError naming the field and the rule, e.g. `assumptions.durationWeeks: must be > 0, got -3`.
 * Which keys an object has, and which are required, is the formats' business, not this module's.
 */

/** A plain JSON-like object. */
export type RawObject = Readonly<Record<string, unknown>>;

/** Range rules for numbers. All optional; a reader applies the ones given. */
export interface NumberRules {
  /** Value must be >= min. */
  readonly min?: number;
  /** Value must be > gt. */
  readonly gt?: number;
  /** Value must be <= max. */
  readonly max?: number;
  /** Value must be a whole number. */
  readonly integer?: boolean;
}

/**
 * Joins a parent path and a key into a dotted field path.
 *
 * @example
 * fieldPath("assumptions", "durationWeeks") // "assumptions.durationWeeks"
 * fieldPath("", "name") // "name"
 */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/**
 * Short, safe rendering of a bad value for an error rule.
 *
 * @example
 * describeValue("soon") // '"soon"'
 * describeValue([1, 2]) // "a list"
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Decimal) return value.toString();
  return typeof value === "object" ? "an object" : typeof value;
}

/**
 * Checks that a value is a plain object (for the top level of a parser).
 *
 * @example
 * asObject({ x: 1 }, "proposal") // { x: 1 }
 */
export function asObject(value: unknown, field: string): RawObject {
  if (value === undefined || value === null) throw new EngineError("missing", field, "is required");
  if (typeof value !== "object" || Array.isArray(value) || value instanceof Decimal) {
    throw new EngineError("invalid-type", field, `must be an object, got ${describeValue(value)}`);
  }
  return value as RawObject;
}

/**
 * The longest text read as a number. Checked before any scanning, so a 32,767-character cell costs nothing;
 * no number anyone types (commas, £, an exponent included) comes near it.
 */
export const MAX_NUMBER_TEXT = 100;

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

/** Index after the run of digits starting at `i`. */
function skipDigits(text: string, i: number): number {
  let j = i;
  while (j < text.length && isDigit(text[j])) j++;
  return j;
}

/**
 * True for decimal number text: optional sign, digits with an optional point (or a point and digits), an
 * optional exponent. One left-to-right pass: a regular expression here backtracked quadratically on
 * "111…1x" (seconds per call on a long cell).
 *
 * @example
 * isNumberText("-1.5e3") // true
 * isNumberText("1.2.3") // false
 */
export function isNumberText(text: string): boolean {
  let i = text[0] === "+" || text[0] === "-" ? 1 : 0;
  const intEnd = skipDigits(text, i);
  let digits = intEnd - i;
  i = intEnd;
  if (text[i] === ".") {
    const fracEnd = skipDigits(text, i + 1);
    digits += fracEnd - (i + 1);
    i = fracEnd;
  }
  if (digits === 0) return false;
  if (text[i] === "e" || text[i] === "E") {
    i++;
    if (text[i] === "+" || text[i] === "-") i++;
    const expEnd = skipDigits(text, i);
    if (expEnd === i) return false;
    i = expEnd;
  }
  return i === text.length;
}

/** Beyond this magnitude a number cannot be held as a double (Excel's and JavaScript's number). */
const LARGEST_NUMBER = new Decimal(Number.MAX_VALUE);

/** Parses a number-like value (number, numeric string with optional commas/£, Decimal) or throws. */
function toFiniteDecimal(value: unknown, field: string): Decimal {
  if (value instanceof Decimal) {
    if (!value.isFinite())
      throw new EngineError("out-of-range", field, `must be a finite number, got ${value}`);
    return value;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new EngineError("out-of-range", field, `must be a finite number, got ${String(value)}`);
    }
    return new Decimal(value);
  }
  if (typeof value === "string") {
    if (value.trim().length > MAX_NUMBER_TEXT) {
      throw new EngineError(
        "invalid-type",
        field,
        `must be a number, got text of ${value.trim().length} characters (at most ${MAX_NUMBER_TEXT})`,
      );
    }
    const cleaned = value.trim().replace(/^£/, "").replace(/,/g, "");
    if (isNumberText(cleaned)) {
      const d = new Decimal(cleaned);
      // "1e400" is valid text but no double holds it: it would reach Excel (or a message) as Infinity.
      if (d.abs().gt(LARGEST_NUMBER)) {
        throw new EngineError("out-of-range", field, `must be a number Excel can hold, got ${cleaned}`);
      }
      if (d.isFinite()) return d;
    }
  }
  throw new EngineError("invalid-type", field, `must be a number, got ${describeValue(value)}`);
}

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\u00a0";
}

/**
 * The two sides of range text "low to high", split at the first word "to" between spaces, trimmed; undefined
 * when the text is not a range. A scan, not a regular expression, so it is linear in the length of the text.
 *
 * @example
 * splitRangeText("-9% to -30%") // ["-9%", "-30%"]
 * splitRangeText("FY26/27 TO FY31/32") // ["FY26/27", "FY31/32"]
 * splitRangeText("toast") // undefined
 */
export function splitRangeText(text: string): readonly [string, string] | undefined {
  for (let i = 1; i + 2 < text.length; i++) {
    if (!isSpace(text[i - 1]) || !isSpace(text[i + 2])) continue;
    if (text[i].toLowerCase() !== "t" || text[i + 1].toLowerCase() !== "o") continue;
    const low = text.slice(0, i).trim();
    const high = text.slice(i + 2).trim();
    if (low !== "" && high !== "") return [low, high];
  }
  return undefined;
}

function checkRules(d: Decimal, field: string, rules: NumberRules): Decimal {
  if (rules.gt !== undefined && !d.gt(rules.gt)) {
    throw new EngineError("out-of-range", field, `must be > ${rules.gt}, got ${d.toString()}`);
  }
  if (rules.min !== undefined && d.lt(rules.min)) {
    throw new EngineError("out-of-range", field, `must be >= ${rules.min}, got ${d.toString()}`);
  }
  if (rules.max !== undefined && d.gt(rules.max)) {
    throw new EngineError("out-of-range", field, `must be <= ${rules.max}, got ${d.toString()}`);
  }
  if (rules.integer && !d.isInteger()) {
    throw new EngineError("out-of-range", field, `must be a whole number, got ${d.toString()}`);
  }
  return d;
}

/**
 * Checks a single number-like value against rules (for adapters that already hold the value).
 *
 * @example
 * decimalValue("153.1", "durationWeeks", { gt: 0 }).toNumber() // 153.1
 * decimalValue(-3, "durationWeeks", { gt: 0 }) // throws "durationWeeks: must be > 0, got -3"
 */
export function decimalValue(value: unknown, field: string, rules: NumberRules = {}): Decimal {
  return checkRules(toFiniteDecimal(value, field), field, rules);
}

/**
 * Converts a rate given as a fraction (0.08), a percent string ("8%") or a Decimal to a fraction.
 *
 * @example
 * rateValue("8%", "target.value").toNumber() // 0.08
 * rateValue(0.04, "inflationPerYear").toNumber() // 0.04
 */
export function rateValue(value: unknown, field: string, rules: NumberRules = {}): Decimal {
  if (typeof value === "string" && value.trim().endsWith("%")) {
    const d = toFiniteDecimal(value.trim().slice(0, -1), field).div(100);
    return checkRules(d, field, rules);
  }
  return decimalValue(value, field, rules);
}

/**
 * Matches a text against a fixed set of options (case-insensitive) or throws `unknown-option`.
 *
 * @example
 * enumValue("IMMEDIATE", "ramp", ["linear", "immediate"] as const) // "immediate"
 */
export function enumValue<T extends string>(text: string, field: string, allowed: readonly T[]): T {
  const hit = allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase());
  if (hit === undefined) {
    throw new EngineError(
      "unknown-option",
      field,
      `must be one of ${allowed.join(", ")}, got ${describeValue(text)}`,
    );
  }
  return hit;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Validates an ISO date "YYYY-MM-DD" (a real calendar date) and returns it unchanged.
 * A JS Date (e.g. from ExcelJS) is accepted and converted using its UTC calendar date.
 *
 * @example
 * dateValue("2026-08-01", "timeline.startDate") // "2026-08-01"
 * dateValue("2026-02-30", "timeline.startDate") // throws invalid-date
 */
export function dateValue(value: unknown, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new EngineError("invalid-date", field, "must be a valid date");
    return value.toISOString().slice(0, 10);
  }
  if (typeof value !== "string") {
    throw new EngineError("invalid-date", field, `must be a date YYYY-MM-DD, got ${describeValue(value)}`);
  }
  const text = value.trim().slice(0, 10);
  const m = ISO_DATE.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (y >= 1900 && y <= 2200 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return text;
  }
  throw new EngineError("invalid-date", field, `must be a date YYYY-MM-DD, got ${describeValue(value)}`);
}

const FY_PATTERN = /^(?:FY\s*)?(\d{2}|\d{4})\s*[/-]\s*(\d{2}|\d{4})$/i;

/**
 * True for text in a fiscal-year label's shape ("FY26/28", "2026-27"), valid or not: its refusal is
 * fyValue's own, not a list of every form an argument takes.
 *
 * @example
 * looksLikeFyLabel("FY26/28") // true
 * looksLikeFyLabel("soon") // false
 */
export function looksLikeFyLabel(text: string): boolean {
  return FY_PATTERN.test(text.trim());
}

/**
 * Parses a fiscal-year label to its start year: "FY26/27", "FY 26/27", "2026/27", "2026-27", or 2026.
 *
 * @example
 * fyValue("FY26/27", "horizon.firstFy") // 2026
 * fyValue("2029/30", "horizon.lastFy") // 2029
 */
export function fyValue(value: unknown, field: string): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1900 && value <= 2200) return value;
  if (typeof value === "string") {
    const m = FY_PATTERN.exec(value.trim());
    if (m) {
      const a = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
      const b2 = Number(m[2]) % 100;
      if ((a + 1) % 100 === b2 && a >= 1900 && a <= 2200) return a;
      const why = (a + 1) % 100 === b2 ? "from 1900 to 2200" : "two consecutive years";
      throw new EngineError(
        "invalid-type",
        field,
        `must be a fiscal year like FY26/27 (${why}), got ${describeValue(value)}`,
      );
    }
  }
  throw new EngineError(
    "invalid-type",
    field,
    `must be a fiscal year like FY26/27, got ${describeValue(value)}`,
  );
}
