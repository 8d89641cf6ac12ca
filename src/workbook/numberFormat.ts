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

/**
 * An Excel date serial as an ISO date; `date1904` for a workbook on the 1904 date system (see
 * `WorkbookPort.usesDate1904`), whose serials count 1462 days fewer.
 *
 * @example
 * serialToIsoDate(46235) // "2026-08-01"
 * serialToIsoDate(44773, true) // "2026-08-01"
 */
export function serialToIsoDate(serial: number, date1904 = false): string {
  const days = serial - 25_569 + (date1904 ? 1462 : 0);
  return new Date(Math.round(days * 86_400_000)).toISOString().slice(0, 10);
}
