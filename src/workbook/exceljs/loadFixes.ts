import type * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { isDateFormat, quoteEscapes } from "../numberFormat";
import { attr, parseRels, partText, resolveTarget, sheetParts, withAttr } from "./packageXml";

/**
 * What ExcelJS would misread in a file, put right around its load. ExcelJS drops a format's backslash escapes,
 * so LibreOffice's spelling of our £m format (`\£#,##0.00,,\m`) reads as a month and every figure in it as a
 * Date (an invalid one above ~£100m): the copy ExcelJS reads has those escapes quoted, and a number it still
 * made into a Date outside a real date format (or into an invalid Date) is read again from the sheet's XML.
 */

const STYLES_TYPE = /\/styles$/;

/** The styles part of a package, from the workbook's relationships (xl/styles.xml when they name none). */
async function stylesPart(zip: JSZip): Promise<string> {
  const rel = parseRels(await partText(zip, "xl/_rels/workbook.xml.rels")).find((r) =>
    STYLES_TYPE.test(r.type),
  );
  return rel ? resolveTarget("xl/workbook.xml", rel.target) : "xl/styles.xml";
}

/**
 * The package bytes ExcelJS should read: `bytes` itself, or a copy whose styles part spells every escaped
 * format literal as a quoted one (see quoteEscapes). The zip opened is handed back for later reads.
 *
 * @example
 * const { bytes: forExcelJs } = await excelJsReadable(fs.readFileSync("d1lo.xlsx"));
 */
export async function excelJsReadable(bytes: Uint8Array): Promise<{ bytes: Uint8Array; zip: JSZip }> {
  const zip = await JSZip.loadAsync(bytes);
  const part = await stylesPart(zip);
  const styles = await partText(zip, part);
  if (styles === undefined || !styles.includes("\\")) return { bytes, zip };
  const fixed = styles.replace(/<numFmt\b[^>]*>/g, (tag) => {
    const code = attr(tag, "formatCode");
    if (code === undefined) return tag;
    const quoted = quoteEscapes(code);
    return quoted === code ? tag : withAttr(tag, "formatCode", quoted);
  });
  if (fixed === styles) return { bytes, zip };
  const copy = await JSZip.loadAsync(bytes);
  copy.file(part, fixed);
  return { bytes: await copy.generateAsync({ type: "uint8array" }), zip };
}

/** Whether ExcelJS's Date for a cell cannot be the figure meant: not a date format, or no valid date at all. */
function misdated(value: unknown, numFmt: string | undefined): boolean {
  return value instanceof Date && (Number.isNaN(value.getTime()) || !isDateFormat(numFmt));
}

/** The stored numbers of the cells `wanted` of one worksheet part (`<c r="B5"><v>2700000000</v></c>`). */
function storedNumbers(xml: string, wanted: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of xml.matchAll(/<c\b((?:"[^"]*"|'[^']*'|[^>/])*)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const ref = attr(`<c ${m[1]}>`, "r");
    if (ref === undefined || !wanted.has(ref)) continue;
    const type = attr(`<c ${m[1]}>`, "t");
    const v = /<v>([^<]*)<\/v>/.exec(m[2] ?? "");
    if ((type === undefined || type === "n") && v && v[1].trim() !== "") out.set(ref, Number(v[1]));
  }
  return out;
}

/**
 * Puts back, in the loaded `wb`, the stored number of every cell ExcelJS turned into a Date although its format
 * shows no date (or the Date is invalid): the figure, exactly, instead of a Date that rounds it or loses it.
 *
 * @example
 * await restoreMisdatedNumbers(wb, zip);
 */
export async function restoreMisdatedNumbers(wb: ExcelJS.Workbook, zip: JSZip): Promise<void> {
  let parts: Map<string, string> | undefined;
  for (const ws of wb.worksheets) {
    const cells = new Map<string, ExcelJS.Cell>();
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown;
        const result = v !== null && typeof v === "object" && "result" in v ? v.result : v;
        if (misdated(result, cell.numFmt)) cells.set(cell.address, cell);
      }),
    );
    if (cells.size === 0) continue;
    parts ??= await sheetParts(zip);
    const part = parts.get(ws.name);
    const xml = part === undefined ? undefined : await partText(zip, part);
    if (xml === undefined) continue;
    for (const [ref, n] of storedNumbers(xml, new Set(cells.keys()))) {
      const cell = cells.get(ref) as ExcelJS.Cell;
      const v = cell.value as unknown;
      if (v !== null && typeof v === "object" && "result" in v)
        cell.value = { ...(v as ExcelJS.CellFormulaValue), result: n };
      else cell.value = n;
    }
  }
}
