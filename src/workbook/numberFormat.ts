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
 * An Excel date serial (1900 system) as an ISO date.
 *
 * @example
 * serialToIsoDate(46235) // "2026-08-01"
 */
export function serialToIsoDate(serial: number): string {
  return new Date(Math.round((serial - 25_569) * 86_400_000)).toISOString().slice(0, 10);
}
