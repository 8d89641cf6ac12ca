import { Decimal, toDecimal, type DecimalLike } from "./money";
import { EngineError } from "./errors";
import { dateValue, fyValue } from "./parse/read";
import type { FyStartYear } from "./types";

/**
 * The UK fiscal calendar: FY26/27 runs 1 April 2026 to 31 March 2027 and is identified by its start
 * year (2026). Inside the engine dates are UTC day numbers (days since 1970-01-01), so day arithmetic
 * is exact integer arithmetic and independent of the host's time zone.
 */

const MS_PER_DAY = 86_400_000;

/** Days per week, and the engine's default weeks per year (365.25 / 7 ≈ 52.18, as the proposals use). */
export const DAYS_PER_WEEK = 7;
export const WEEKS_PER_YEAR = new Decimal("52.18");

/**
 * Day number (days since 1970-01-01, UTC) of an ISO date.
 *
 * @example
 * dayNumber("1970-01-02") // 1
 * dayNumber("2026-04-01") // 20544
 */
export function dayNumber(isoDate: string): number {
  // A simulation re-reads the same few dates thousands of times: remember valid ones (bounded).
  const known = dayNumbers.get(isoDate);
  if (known !== undefined) return known;
  const iso = dateValue(isoDate, "date");
  const [y, m, d] = iso.split("-").map(Number);
  const day = Date.UTC(y, m - 1, d) / MS_PER_DAY;
  if (dayNumbers.size >= 4096) dayNumbers.clear();
  dayNumbers.set(isoDate, day);
  return day;
}

const dayNumbers = new Map<string, number>();

/**
 * ISO date of a day number.
 *
 * @example
 * isoDate(20544) // "2026-04-01"
 */
export function isoDate(day: number): string {
  return new Date(Math.round(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Fiscal year (start year) containing a date given as ISO text or a day number.
 *
 * @example
 * fyOf("2026-08-01") // 2026
 * fyOf("2027-03-31") // 2026
 * fyOf("2027-04-01") // 2027
 */
export function fyOf(date: string | number): FyStartYear {
  const day = Math.floor(typeof date === "number" ? date : dayNumber(date));
  // Pure functions of a few dozen distinct days and years, called on every simulated draw: remembered.
  const known = fyOfDay.get(day);
  if (known !== undefined) return known;
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const fy = d.getUTCMonth() >= 3 ? y : y - 1;
  if (fyOfDay.size >= 4096) fyOfDay.clear();
  fyOfDay.set(day, fy);
  return fy;
}

const fyOfDay = new Map<number, FyStartYear>();

/**
 * Label of a fiscal year as the MTFS prints it.
 *
 * @example
 * fyLabel(2026) // "FY26/27"
 * fyLabel(2099) // "FY99/00"
 */
export function fyLabel(fy: FyStartYear): string {
  const known = fyLabels.get(fy);
  if (known !== undefined) return known;
  const two = (n: number): string => String(((n % 100) + 100) % 100).padStart(2, "0");
  const label = `FY${two(fy)}/${two(fy + 1)}`;
  if (fyLabels.size >= 4096) fyLabels.clear();
  fyLabels.set(fy, label);
  return label;
}

const fyLabels = new Map<FyStartYear, string>();

/**
 * Start year of a fiscal-year label: "FY26/27", "FY 26/27", "2026/27" or "2026-27".
 *
 * @example
 * parseFy("FY26/27") // 2026
 * parseFy("2029/30") // 2029
 */
export function parseFy(label: string, field = "fy"): FyStartYear {
  return fyValue(label, field);
}

/**
 * First day (1 April) of a fiscal year, as ISO text.
 *
 * @example
 * fyStartDate(2026) // "2026-04-01"
 */
export function fyStartDate(fy: FyStartYear): string {
  return `${String(fy).padStart(4, "0")}-04-01`;
}

/**
 * Last day (31 March) of a fiscal year, as ISO text.
 *
 * @example
 * fyEndDate(2026) // "2027-03-31"
 */
export function fyEndDate(fy: FyStartYear): string {
  return `${String(fy + 1).padStart(4, "0")}-03-31`;
}

/**
 * Day number of 1 April of a fiscal year (the FY's first day; also the exclusive end of the previous FY).
 *
 * @example
 * fyStartDay(2027) - fyStartDay(2026) // 365
 */
export function fyStartDay(fy: FyStartYear): number {
  const known = fyStartDays.get(fy);
  if (known !== undefined) return known;
  const day = Date.UTC(fy, 3, 1) / MS_PER_DAY;
  if (fyStartDays.size >= 4096) fyStartDays.clear();
  fyStartDays.set(fy, day);
  return day;
}

const fyStartDays = new Map<FyStartYear, number>();

/**
 * Number of days in a fiscal year (366 when it contains 29 February).
 *
 * @example
 * daysInFy(2026) // 365
 * daysInFy(2027) // 366
 */
export function daysInFy(fy: FyStartYear): number {
  return fyStartDay(fy + 1) - fyStartDay(fy);
}

/**
 * Days from one ISO date to another (negative when `to` is earlier).
 *
 * @example
 * daysBetween("2026-08-01", "2026-10-17") // 77
 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Whole calendar months added to an ISO date, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
 *
 * @example
 * addCalendarMonths("2026-08-01", 4) // "2026-12-01"
 * addCalendarMonths("2027-01-31", 1) // "2027-02-28"
 */
export function addCalendarMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) {
    throw new EngineError("out-of-range", "months", `must be a whole number, got ${months}`);
  }
  // A simulation re-reads the same move dates on every draw: remember them (bounded).
  const key = `${date}|${months}`;
  const known = monthsLater.get(key);
  if (known !== undefined) return known;
  const [y, m, d] = dateValue(date, "date").split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  const out = isoDate(Date.UTC(ny, nm, Math.min(d, last)) / MS_PER_DAY);
  if (monthsLater.size >= 4096) monthsLater.clear();
  monthsLater.set(key, out);
  return out;
}

const monthsLater = new Map<string, string>();

/**
 * Moves a price between fiscal years with a fixed inflation rate stepped each 1 April:
 * amount × (1 + rate)^(toFy − fromFy). Deflates when toFy is earlier.
 *
 * @example
 * inflate(1000, 2026, 2028, 0.04).toNumber() // 1081.6
 * inflate(1040, 2027, 2026, 0.04).toNumber() // 1000
 */
export function inflate(
  amount: DecimalLike,
  fromFy: FyStartYear,
  toFy: FyStartYear,
  rate: DecimalLike,
): Decimal {
  const r = toDecimal(rate);
  if (r.lte(-1))
    throw new EngineError("out-of-range", "inflationPerYear", `must be > -1, got ${r.toString()}`);
  if (!Number.isInteger(fromFy) || !Number.isInteger(toFy)) {
    throw new EngineError("invalid-type", "fy", "must be a whole fiscal start year");
  }
  return toDecimal(amount).times(r.plus(1).pow(toFy - fromFy));
}
