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
