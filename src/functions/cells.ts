import {
  Decimal,
  EngineError,
  dateValue,
  decimalValue,
  describeValue,
  fyOf,
  fyValue,
  isEngineError,
  looksLikeFyLabel,
  isoDate,
  rateValue,
  fyStartDay,
  wholePercentRefusal,
  YEAR_RATE_RULES,
  type FyStartYear,
  type NumberRules,
} from "../engine";

/**
 * Readers for single cell values as Excel passes them to a custom function: numbers, text, booleans, and
 * null for an omitted optional argument or an empty cell. Each returns an engine value or throws the
 * engine's EngineError naming the argument, which the function's single catch turns into an Excel error.
 */

/** One value as Excel passes it (a scalar argument or one element of a range). */
export type CellValue = number | string | boolean | null | undefined;

/** Days from Excel's day 0 (1899-12-30, counting the fictitious 29 Feb 1900) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;
/** Serial 61 is 1 March 1900, the first date on which Excel's serials and the real calendar agree. */
const FIRST_SAFE_SERIAL = 61;
/** Serial of 31 Dec 2200, the engine's last accepted date. */
const LAST_SERIAL = 109_939;

/**
 * True for an omitted argument or an empty cell (Excel passes null; empty text counts as empty).
 *
 * @example
 * isBlank(null) // true
 * isBlank("  ") // true
 * isBlank(0) // false
 */
export function isBlank(value: unknown): value is null | undefined | "" {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * True for a blank, or for the 0 that some Excel desktop builds pass for an empty cell (office-js issues
 * 5262, 4702, 1951). Use it where a number is never meant: a label, a date, a fiscal year, an option. A
 * number argument keeps its 0.
 *
 * @example
 * isBlankOrZero(0) // true
 * isBlankOrZero(null) // true
 * isBlankOrZero("0") // false (typed text)
 */
export function isBlankOrZero(value: unknown): boolean {
  return value === 0 || isBlank(value);
}

/**
 * ISO date of an Excel date serial (the time of day is ignored).
 *
 * @example
 * excelSerialToIso(46235) // "2026-08-01"
 */
export function excelSerialToIso(serial: number, field = "date"): string {
  if (!Number.isFinite(serial) || serial < FIRST_SAFE_SERIAL || serial > LAST_SERIAL) {
    throw new EngineError(
      "invalid-date",
      field,
      `must be a date from 1 March 1900, got ${describeValue(serial)}`,
    );
  }
  return isoDate(Math.floor(serial) - EXCEL_EPOCH_OFFSET);
}

/** What a date argument accepts, for its refusals. */
const DATE_FORMS = 'a date cell, DATE(2026,10,1) or text "2026-10-01"';
/** What a date-or-fiscal-year argument accepts, for its refusals. */
const DATE_OR_FY_FORMS = `a date (${DATE_FORMS}) or a fiscal year ("FY26/27" or 2026)`;
const ISO_PREFIX = /^\s*\d{4}-\d{2}-\d{2}/;
/** A number Excel users type as a year: 2026. As a date serial it would be a day in 1905. */
const isYearNumber = (n: number): boolean => Number.isInteger(n) && n >= 1900 && n <= 2200;

/**
 * A date argument: an Excel date serial or ISO text "YYYY-MM-DD". A year on its own (2026) is refused: as
 * a serial it is a day in 1905, never the date meant.
 *
 * @example
 * cellDate(46235, "startDate") // "2026-08-01"
 * cellDate("2026-08-01", "startDate") // "2026-08-01"
 */
export function cellDate(value: unknown, field: string): string {
  if (isBlankOrZero(value)) throw new EngineError("missing", field, "is required");
  if (typeof value === "number") {
    if (isYearNumber(value)) {
      throw new EngineError(
        "invalid-date",
        field,
        `must be a date (${DATE_FORMS}), got ${value}, which Excel reads as a day in 1905`,
      );
    }
    return excelSerialToIso(value, field);
  }
  if (typeof value === "string" && ISO_PREFIX.test(value)) return dateValue(value, field);
  throw new EngineError("invalid-date", field, `must be a date (${DATE_FORMS}), got ${describeValue(value)}`);
}

/** A date-or-fiscal-year argument as read: the date, or the fiscal year (its start year). */
export type CellWhen =
  { readonly kind: "date"; readonly date: string } | { readonly kind: "fy"; readonly fy: FyStartYear };

/**
 * A date or a fiscal year, each argument that takes either read the same way: a fiscal-year label
 * ("FY26/27", "2026/27"), a start year (2026, or the text "2026"), a date serial (numbers above 2200) or ISO
 * text "YYYY-MM-DD". Anything else is refused listing all of these.
 *
 * @example
 * cellWhen(2028, "to") // { kind: "fy", fy: 2028 }
 * cellWhen("FY28/29", "to") // { kind: "fy", fy: 2028 }
 * cellWhen(46296, "from") // { kind: "date", date: "2026-10-01" }
 */
export function cellWhen(value: unknown, field: string): CellWhen {
  if (isBlankOrZero(value)) throw new EngineError("missing", field, "is required");
  const text = typeof value === "string" ? value.trim() : undefined;
  if (typeof value === "number" && !isYearNumber(value)) {
    if (value > 2200) return { kind: "date", date: excelSerialToIso(value, field) };
  } else if (text !== undefined && ISO_PREFIX.test(text)) {
    return { kind: "date", date: dateValue(text, field) };
  } else {
    try {
      return {
        kind: "fy",
        fy: fyValue(text !== undefined && /^\d{4}$/.test(text) ? Number(text) : value, field),
      };
    } catch (e) {
      // Text in a fiscal year's shape ("FY26/28") keeps the engine's reason; anything else is refused below.
      if (!isEngineError(e) || (text !== undefined && looksLikeFyLabel(text))) throw e;
    }
  }
  throw new EngineError("invalid-type", field, `must be ${DATE_OR_FY_FORMS}, got ${describeValue(value)}`);
}

/**
 * The first and last day (ISO) a date-or-fiscal-year argument covers: the day itself, or 1 April to 31 March.
 *
 * @example
 * whenDays({ kind: "fy", fy: 2028 }) // { first: "2028-04-01", last: "2029-03-31" }
 */
export function whenDays(when: CellWhen): { readonly first: string; readonly last: string } {
  if (when.kind === "date") return { first: when.date, last: when.date };
  return { first: isoDate(fyStartDay(when.fy)), last: isoDate(fyStartDay(when.fy + 1) - 1) };
}

/**
 * A fiscal-year argument: a label ("FY26/27", "2026/27"), a start year (2026), or a date (serial or ISO
 * text) inside the year, read as cellWhen reads them.
 *
 * @example
 * cellFy("FY26/27", "fromFy") // 2026
 * cellFy(2026, "fromFy") // 2026
 * cellFy(46235, "fromFy") // 2026 (1 Aug 2026)
 */
export function cellFy(value: unknown, field: string): FyStartYear {
  const when = cellWhen(value, field);
  return when.kind === "fy" ? when.fy : fyOf(when.date);
}

/**
 * A required number (numeric text is accepted, as Excel users type it).
 *
 * @example
 * cellNumber(153.1, "durationWeeks", { gt: 0 }).toNumber() // 153.1
 */
export function cellNumber(value: unknown, field: string, rules: NumberRules = {}): Decimal {
  if (isBlank(value)) throw new EngineError("missing", field, "is required");
  return decimalValue(value, field, rules);
}

/** Bounds of a rate or percentage argument. */
export interface PercentRules extends NumberRules {
  /** A rate a year (inflation, growth): the refusal says "a year", as the CLI's does. */
  readonly perYear?: boolean;
}

/** A fraction as the percentage the refusals name: -10 → "-1000%". */
const percentText = (n: number): string => `${new Decimal(n).times(100).toString()}%`;

/**
 * The first bound `x` breaks, as a percentage ("<= 100%"), or undefined. For a bare number a side the
 * rules leave open is bounded at ±100%: beyond it a bare number is almost always a whole percent.
 */
function brokenBound(x: Decimal, rules: NumberRules, bare: boolean): string | undefined {
  if (rules.gt !== undefined && !x.gt(rules.gt)) return `> ${percentText(rules.gt)}`;
  if (rules.min !== undefined && x.lt(rules.min)) return `>= ${percentText(rules.min)}`;
  if (rules.max !== undefined && x.gt(rules.max)) return `<= ${percentText(rules.max)}`;
  if (bare && rules.max === undefined && x.gt(1)) return "<= 100%";
  if (bare && rules.min === undefined && rules.gt === undefined && x.lt(-1)) return ">= -100%";
  return undefined;
}

/**
 * A rate or percentage argument as a fraction: 0.04, 4% (Excel passes 0.04), or text "4%". A bare number is
 * the fraction it is, as a cell formatted as a percentage shows it (1.5 is 150%), within `rules`; a side
 * `rules` leave open stops at ±100% for a bare number. A bare number that breaks a bound but would meet it
 * as a whole percent (5 typed for 5%) is refused saying what it reads as, in the CLI's wording
 * (wholePercentRefusal). Text ending in "%" says what it means and meets `rules` only. Every rate argument
 * of every function is read here.
 *
 * @example
 * cellRate("4%", "inflationPerYear").toNumber() // 0.04
 * cellRate(1.5, "low", { min: -10, max: 10 }).toNumber() // 1.5 (150%)
 * cellRate(5, "inflationPerYear", { gt: -1, max: 1, perYear: true })
 * // throws "inflationPerYear: must be <= 100% a year, got 5, which reads as 500%; type 5% or 0.05"
 */
export function cellRate(value: unknown, field: string, rules: PercentRules = {}): Decimal {
  if (isBlank(value)) throw new EngineError("missing", field, "is required");
  const { perYear, ...bounds } = rules;
  const x = rateValue(value, field);
  const bare = !(typeof value === "string" && value.trim().endsWith("%"));
  const broken = brokenBound(x, bounds, bare);
  if (broken === undefined) return decimalValue(x, field, bounds);
  const limit = `${broken}${perYear ? " a year" : ""}`;
  // Only where the whole-percent reading fits is it the likely slip: -5 for a success rate is just negative.
  if (bare && x.abs().gt(1) && brokenBound(x.div(100), bounds, bare) === undefined) {
    throw new EngineError("out-of-range", field, wholePercentRefusal(x, limit));
  }
  throw new EngineError("out-of-range", field, `must be ${limit}, got ${describeValue(value)}`);
}

/**
 * A rate a year (inflation) argument, by the engine's rule for one (YEAR_RATE_RULES): above -100%, at most
 * 100% a year.
 *
 * @example
 * cellYearRate("4%", "inflationPerYear").toNumber() // 0.04
 */
export function cellYearRate(value: unknown, field: string): Decimal {
  return cellRate(value, field, { ...YEAR_RATE_RULES, perYear: true });
}

/**
 * Optional text, trimmed and lower-cased for matching option words; `fallback` when blank (or 0, an empty
 * cell on some builds).
 *
 * @example
 * cellOption(null, "orientation", "rows") // "rows"
 * cellOption(" Columns ", "orientation", "rows") // "columns"
 */
export function cellOption(value: unknown, field: string, fallback: string): string {
  if (isBlankOrZero(value)) return fallback;
  if (typeof value !== "string") {
    throw new EngineError("invalid-type", field, `must be text, got ${describeValue(value)}`);
  }
  return value.trim().toLowerCase();
}

/**
 * A value Excel passed for a range argument as a 2-D array; a single cell becomes a 1×1 range.
 *
 * @example
 * cellRange(5) // [[5]]
 */
export function cellRange(value: unknown): readonly (readonly unknown[])[] {
  if (Array.isArray(value)) return value.map((row: unknown) => (Array.isArray(row) ? row : [row]));
  return [[value]];
}

/**
 * A list without its trailing empty items (at least one is kept). Excel passes a whole column (B:B) as a
 * million rows of empties, a whole row as 16,384 cells; trimmed, a function works on the cells in use only.
 *
 * @example
 * withoutTrailing([1, null, 0, null], isBlankOrZero) // [1]
 */
export function withoutTrailing<T>(items: readonly T[], isEmpty: (item: T) => boolean): readonly T[] {
  let n = items.length;
  while (n > 1 && isEmpty(items[n - 1])) n--;
  return n === items.length ? items : items.slice(0, n);
}

/**
 * A range argument without its trailing rows of blanks or 0s (an empty cell arrives as 0 on some builds).
 * Columns are kept as given: a column of 0 values is data.
 *
 * @example
 * usedRows([["Growth", 0], [0, 0], [null, null]]) // [["Growth", 0]]
 */
export function usedRows(value: unknown): readonly (readonly unknown[])[] {
  return withoutTrailing(cellRange(value), (row) => row.every(isBlankOrZero));
}
