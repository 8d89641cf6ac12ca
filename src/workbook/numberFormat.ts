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
 * A format code with each backslash-escaped literal written as a quoted one (`\£#,##0.00,,\m` becomes
 * `"£"#,##0.00,,"m"`): the same format in Excel and LibreOffice, but one ExcelJS reads intact. ExcelJS drops
 * the backslashes when it loads a file, so the `m` of LibreOffice's £m turns into a month, the cell's number
 * into a Date, and a figure above ~£100m into an invalid one (NaN).
 *
 * @example
 * quoteEscapes('\\£#,##0.00,,\\m;"-£"#,##0.00,,\\m;\\-') // '"£"#,##0.00,,"m";"-£"#,##0.00,,"m";"-"'
 * quoteEscapes("yyyy\\-mm\\-dd") // 'yyyy"-"mm"-"dd'
 */
export function quoteEscapes(fmt: string): string {
  let out = "";
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"' || ch === "[") {
      // A quoted literal or a [condition]/[colour] is copied whole: a backslash inside it is no escape.
      const close = fmt.indexOf(ch === '"' ? '"' : "]", i + 1);
      const end = close < 0 ? fmt.length : close + 1;
      out += fmt.slice(i, end);
      i = end - 1;
    } else if (ch === "\\" && i + 1 < fmt.length && fmt[i + 1] !== '"') {
      out += `"${fmt[i + 1]}"`;
      i++;
    } else out += ch;
  }
  return out;
}
