import { isEngineError } from "./errors";
import { dayNumber, isoDate } from "./fiscalYear";

/**
 * Whether text is a real calendar date written YYYY-MM-DD, as every date the engine reads (1900 to 2200; not
 * 2026-13-45 nor 2027-02-29): the rule for a reprofile version's date in `track reprofile --date` and the
 * Track tab alike.
 *
 * @example
 * isCalendarDate("2028-02-29") // true
 * isCalendarDate("2027-02-29") // false
 * isCalendarDate("2027-2-1") // false
 */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    return isoDate(dayNumber(text)) === text;
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return false;
  }
}
