/**
 * Number-format checks shared by the adapters.
 */

/**
 * Whether a number format really shows a date. A file saved by LibreOffice writes our £m format as
 * `\£#,##0.00,,\m`, which ExcelJS reads as `£#,##0.00,,m` and takes for a date format.
 *
 * @example
 * isDateFormat("yyyy-mm-dd") // true
 * isDateFormat("£#,##0.00,,m") // false
 */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "");
  const text = bare.replace(/General/gi, "");
  // ExcelJS hands back LibreOffice's escaped "\m" as a bare "m": with digit placeholders it is a literal.
  return /[ydhs]/i.test(text) || (/m/i.test(text) && !/[#0]/.test(text));
}

/** Days from the 1900 date system's serial 0 to the 1904 system's (1 January 1904). */
export const DATE1904_OFFSET = 1462;

/** Serial of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_1900 = 25_569;

/**
 * An Excel date serial as an ISO date; `date1904` for a workbook on the 1904 date system (see
 * `WorkbookPort.usesDate1904`). The one place serials become dates, for both adapters.
 *
 * @example
 * serialToIsoDate(46235) // "2026-08-01"
 * serialToIsoDate(44773, true) // "2026-08-01"
 */
export function serialToIsoDate(serial: number, date1904 = false): string {
  return serialToDate(serial, date1904).toISOString().slice(0, 10);
}

/**
 * An Excel date serial as a JavaScript Date (UTC midnight for a whole serial).
 *
 * @example
 * serialToDate(46235).toISOString() // "2026-08-01T00:00:00.000Z"
 */
export function serialToDate(serial: number, date1904 = false): Date {
  const days = serial - UNIX_EPOCH_1900 + (date1904 ? DATE1904_OFFSET : 0);
  return new Date(Math.round(days * 86_400_000));
}

/**
 * A JavaScript Date as an Excel date serial (inverse of `serialToDate`).
 *
 * @example
 * dateToSerial(new Date("2026-08-01")) // 46235
 */
export function dateToSerial(date: Date, date1904 = false): number {
  return date.getTime() / 86_400_000 + UNIX_EPOCH_1900 - (date1904 ? DATE1904_OFFSET : 0);
}
