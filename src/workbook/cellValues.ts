import { dateToIsoDate, serialToIsoDate } from "./dates";
import type { InputType } from "./layouts/types";

/**
 * Reading an input cell back into proposal JSON. Users edit our sheets in Excel and LibreOffice, which store
 * a typed date as a date serial (ExcelJS hands it over as a Date when the cell keeps a date format), 8% as
 * 0.08, and keep pasted figures such as "£1,487" as text. Each input type accepts those stored forms and
 * gives the JSON the engine reads; anything else passes through unchanged, so the engine's rule names it.
 * A bare 8 in a percent cell stays 8 (the engine's own range rules judge it): it is never guessed at.
 */

/** What a port may hand back for a cell (Date only from ExcelJS-level callers and tests). */
export type StoredCellValue = number | string | boolean | null | Date;

const PERCENT_TEXT = /^([-+]?(?:\d+\.?\d*|\.\d+))\s*%$/;
const NUMBER_TEXT = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

/**
 * The fraction a percent text such as "8%" or "15.7 %" stands for (decimal-exact, so "15.7%" is 0.157), or
 * null when the text is not one.
 *
 * @example
 * percentText("8%") // 0.08
 * percentText("8") // null
 */
export function percentText(text: string): number | null {
  const m = PERCENT_TEXT.exec(text.trim());
  return m ? Number(`${m[1]}e-2`) : null;
}

/**
 * The number a text stands for when a figure was kept as text: spaces, a leading "£" and thousands
 * separators are dropped ("£1,487", " 260 ", "-£1,338.50"); null when it is not a plain figure.
 *
 * @example
 * numberText("£1,487") // 1487
 * numberText("1,2,3") // null
 */
export function numberText(text: string): number | null {
  const compact = text.replace(/[\s\u00a0]/g, "");
  const negative = /^-£|^£-/.test(compact);
  const bare = compact.replace(/^-?£-?/, "");
  if (bare === "" || !/\d/.test(bare) || !NUMBER_TEXT.test(bare)) return null;
  const n = Number(bare.replace(/,/g, ""));
  if (!Number.isFinite(n)) return null;
  return negative ? -n : n;
}

/**
 * The JSON value of an input cell of `type`: undefined when blank, otherwise the stored value in the form the
 * proposal JSON uses (ISO dates, fractions for percentages, numbers for figures, trimmed text).
 *
 * @example
 * inputJson(46266, "date") // "2026-09-01"
 * inputJson("8%", "percent") // 0.08
 * inputJson(" 1,338 ", "number") // 1338
 * inputJson("soon", "date") // "soon" (the engine says: must be a date YYYY-MM-DD)
 */
export function inputJson(value: StoredCellValue, type: InputType = "text", date1904 = false): unknown {
  if (value === null) return undefined;
  if (value instanceof Date) return type === "date" ? (dateToIsoDate(value) ?? value) : value;
  if (typeof value === "string") {
    const text = value.trim();
    if (text === "") return undefined;
    if (type === "percent") return percentText(text) ?? numberText(text) ?? text;
    if (type === "number") return numberText(text) ?? text;
    return text;
  }
  if (typeof value === "number" && type === "date") return serialToIsoDate(value, date1904) ?? value;
  return value;
}
