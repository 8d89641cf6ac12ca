import { Decimal } from "../money";
import { EngineError } from "../errors";

/**
 * Field readers shared by every engine parser. Each takes a plain object (JSON, a cell range turned into
 * label/value pairs, a taskpane draft), a key and the dotted path of that object, and either returns a typed
 * value or throws one EngineError naming the full field path and the rule, e.g.
 * `assumptions.durationWeeks: must be > 0, got -3`.
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

/** Options of a reader: absent values are an error unless `optional` or a `default` is given. */
export interface ReadOptions<T> {
  readonly optional?: boolean;
  readonly default?: T;
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

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * The shared body of the readers: an absent value gives the default (through `fromDefault`), undefined
 * when optional, or a `missing` error; a present value goes through `convert` with its field path.
 */
function readPresent<T, D>(
  obj: RawObject,
  key: string,
  path: string,
  options: ReadOptions<D>,
  convert: (value: unknown, field: string) => T,
  fromDefault: (d: D) => T,
): T | undefined {
  const value = obj[key];
  const field = fieldPath(path, key);
  if (isAbsent(value)) {
    if (options.default !== undefined) return fromDefault(options.default);
    if (options.optional) return undefined;
    throw new EngineError("missing", field, "is required");
  }
  return convert(value, field);
}

/**
 * Reads a required plain object (not an array).
 *
 * @example
 * readObject({ a: { b: 1 } }, "a", "") // { b: 1 }
 */
export function readObject(obj: RawObject, key: string, path: string): RawObject;
export function readObject(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly optional: true },
): RawObject | undefined;
export function readObject(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly optional?: boolean } = {},
): RawObject | undefined {
  const value = obj[key];
  const field = fieldPath(path, key);
  if (value === undefined || value === null) {
    if (options.optional) return undefined;
    throw new EngineError("missing", field, "is required");
  }
  return asObject(value, field);
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
 * Reads a list. Absent → error, or [] when optional.
 *
 * @example
 * readArray({ rows: [1, 2] }, "rows", "triangulation") // [1, 2]
 */
export function readArray(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly optional?: boolean } = {},
): readonly unknown[] {
  const value = obj[key];
  const field = fieldPath(path, key);
  if (value === undefined || value === null) {
    if (options.optional) return [];
    throw new EngineError("missing", field, "is required");
  }
  if (!Array.isArray(value))
    throw new EngineError("invalid-type", field, `must be a list, got ${describeValue(value)}`);
  return value;
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
 * Reads a Decimal. Accepts numbers, numeric strings ("1,487", "£1487") and Decimals.
 *
 * @example
 * readDecimal({ weeklyCost: "1,487" }, "weeklyCost", "unitCost").toNumber() // 1487
 * readDecimal({}, "growthPerYear", "baseline", { default: ZERO }) // Decimal 0
 */
export function readDecimal(obj: RawObject, key: string, path: string, options?: NumberRules): Decimal;
export function readDecimal(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & { readonly default: Decimal | number },
): Decimal;
export function readDecimal(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & { readonly optional: true },
): Decimal | undefined;
export function readDecimal(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & ReadOptions<Decimal | number> = {},
): Decimal | undefined {
  return readPresent(
    obj,
    key,
    path,
    options,
    (value, field) => decimalValue(value, field, options),
    (d) => new Decimal(d),
  );
}

/**
 * Reads a plain number (for counts and settings that are not money), with the same rules as readDecimal.
 *
 * @example
 * readNumber({ designMonths: 2 }, "designMonths", "timeline", { min: 0 }) // 2
 */
export function readNumber(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & ReadOptions<number> = {},
): number {
  const d =
    options.default !== undefined
      ? readDecimal(obj, key, path, { ...options, default: options.default })
      : readDecimal(obj, key, path, options as NumberRules);
  return d.toNumber();
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
 * Reads a rate as a fraction; "8%" and 0.08 both give 0.08.
 *
 * @example
 * readRate({ inflationPerYear: "4%" }, "inflationPerYear", "unitCost").toNumber() // 0.04
 */
export function readRate(obj: RawObject, key: string, path: string, options?: NumberRules): Decimal;
export function readRate(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & { readonly default: Decimal | number },
): Decimal;
export function readRate(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & { readonly optional: true },
): Decimal | undefined;
export function readRate(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & ReadOptions<Decimal | number> = {},
): Decimal | undefined {
  return readPresent(
    obj,
    key,
    path,
    options,
    (value, field) => rateValue(value, field, options),
    (d) => new Decimal(d),
  );
}

function textValue(value: unknown, field: string): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") {
    throw new EngineError("invalid-type", field, `must be text, got ${describeValue(value)}`);
  }
  return value.trim();
}

/**
 * Reads a string (trimmed). Absent → error, or the default / undefined.
 *
 * @example
 * readString({ name: " CFS TP " }, "name", "opportunity") // "CFS TP"
 */
export function readString(obj: RawObject, key: string, path: string): string;
export function readString(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly default: string },
): string;
export function readString(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly optional: true },
): string | undefined;
export function readString(
  obj: RawObject,
  key: string,
  path: string,
  options: ReadOptions<string> = {},
): string | undefined {
  return readPresent(obj, key, path, options, textValue, (d) => d);
}

/**
 * Reads one of a fixed set of options (case-insensitive match, returned in canonical spelling).
 *
 * @example
 * readEnum({ ramp: "Linear" }, "ramp", "timeline", ["linear", "immediate"] as const) // "linear"
 */
export function readEnum<T extends string>(
  obj: RawObject,
  key: string,
  path: string,
  allowed: readonly T[],
  options: ReadOptions<T> = {},
): T {
  const field = fieldPath(path, key);
  const text =
    options.default !== undefined
      ? readString(obj, key, path, { default: options.default })
      : readString(obj, key, path);
  return enumValue(text, field, allowed);
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

/**
 * Reads a boolean (true/false, "yes"/"no", "true"/"false", 1/0).
 *
 * @example
 * readBoolean({ capAtGross: "yes" }, "capAtGross", "mtfsOverlap", { default: true }) // true
 */
export function readBoolean(
  obj: RawObject,
  key: string,
  path: string,
  options: ReadOptions<boolean> = {},
): boolean {
  const value = obj[key];
  const field = fieldPath(path, key);
  if (isAbsent(value)) {
    if (options.default !== undefined) return options.default;
    throw new EngineError("missing", field, "is required");
  }
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === "string") {
    const t = value.trim().toLowerCase();
    if (["true", "yes", "y", "1"].includes(t)) return true;
    if (["false", "no", "n", "0"].includes(t)) return false;
  }
  throw new EngineError("invalid-type", field, `must be true or false, got ${describeValue(value)}`);
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

/**
 * Reads an ISO date "YYYY-MM-DD".
 *
 * @example
 * readDate({ startDate: "2026-08-01" }, "startDate", "assumptions.timeline") // "2026-08-01"
 */
export function readDate(obj: RawObject, key: string, path: string): string;
export function readDate(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly optional: true },
): string | undefined;
export function readDate(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly optional?: boolean } = {},
): string | undefined {
  return readPresent(obj, key, path, options, dateValue, (d: never) => d);
}

const FY_PATTERN = /^(?:FY\s*)?(\d{2}|\d{4})\s*[/-]\s*(\d{2}|\d{4})$/i;

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
    }
  }
  throw new EngineError(
    "invalid-type",
    field,
    `must be a fiscal year like FY26/27, got ${describeValue(value)}`,
  );
}

/**
 * Reads a fiscal year label and returns its start year.
 *
 * @example
 * readFy({ priceBaseFy: "FY26/27" }, "priceBaseFy", "unitCost") // 2026
 */
export function readFy(obj: RawObject, key: string, path: string, options: ReadOptions<number> = {}): number {
  const value = obj[key];
  const field = fieldPath(path, key);
  if (isAbsent(value)) {
    if (options.default !== undefined) return options.default;
    throw new EngineError("missing", field, "is required");
  }
  return fyValue(value, field);
}
