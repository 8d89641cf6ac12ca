import type * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { attr, partText, sheetParts } from "./packageXml";
import { restoreInternalLinks } from "./internalLinks";
import { excelJsReadable, restoreMisdatedNumbers } from "./loadFixes";

/**
 * The package a workbook was opened from, and what the product has done to it since. ExcelJS drops what it
 * does not model (charts, pivots, slicers, VBA, ...), so saving builds the new file from these original
 * bytes and replaces only the parts the product changed (see preservePackage.ts).
 */

/** What the product changed through the port, per sheet name. */
export interface PackageEdits {
  /** Sheets whose cells, rows, columns or merges the product wrote. */
  readonly written: Set<string>;
  /** Sheets the product added. */
  readonly added: Set<string>;
  /** Notes the product set (text) or deleted (null): sheet → address → text. */
  readonly notes: Map<string, Map<string, string | null>>;
  /** Cells whose list validation (dropdown) the product set or removed, per sheet. */
  readonly validations: Map<string, Set<string>>;
  /** Sheets whose visibility the product set. */
  readonly visibility: Set<string>;
  /** Sheets whose row page breaks the product set (saved as ExcelJS holds them, the opened ones read in). */
  readonly rowBreaks: Set<string>;
  /** Rows inserted per sheet, in order: drawings and formats below them move down with the cells. */
  readonly insertedRows: Map<string, { readonly row: number; readonly count: number }[]>;
}

/** An opened package: its bytes, the defined names ExcelJS read from it and the edits since. */
export interface PackageOrigin {
  readonly bytes: Uint8Array;
  readonly names: ReadonlyMap<string, string>;
  readonly edits: PackageEdits;
}

const origins = new WeakMap<ExcelJS.Workbook, PackageOrigin>();

/**
 * Each defined name's ranges as ExcelJS holds them (sorted, joined), to find the names the product changed.
 *
 * @example
 * definedNameRanges(wb).get("mtfs_X_durationWeeks") // "'X'!$B$49"
 */
export function definedNameRanges(wb: ExcelJS.Workbook): Map<string, string> {
  const model = wb.definedNames.model as unknown as { name: string; ranges: string[] }[];
  return new Map(model.map((m) => [m.name, [...m.ranges].sort().join(",")]));
}

/**
 * Loads .xlsx bytes into `wb` and keeps them, so that saving through ExcelJsPort keeps every part the
 * product does not own byte-identical.
 *
 * @example
 * const wb = new ExcelJS.Workbook();
 * await loadXlsxPreserving(wb, fs.readFileSync("programme.xlsx"));
 */
export async function loadXlsxPreserving(
  wb: ExcelJS.Workbook,
  bytes: Uint8Array | ArrayBuffer,
): Promise<void> {
  const copy = new Uint8Array(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  // ExcelJS reads a copy with LibreOffice's escaped formats quoted; the original bytes are what saving keeps.
  const readable = await excelJsReadable(copy);
  await wb.xlsx.load(readable.bytes as unknown as ArrayBuffer);
  await restoreMisdatedNumbers(wb, readable.zip);
  await restoreInternalLinks(wb, readable.zip);
  origins.set(wb, {
    bytes: Uint8Array.from(copy),
    names: definedNameRanges(wb),
    edits: {
      written: new Set(),
      added: new Set(),
      notes: new Map(),
      validations: new Map(),
      visibility: new Set(),
      insertedRows: new Map(),
      rowBreaks: new Set(),
    },
  });
}

/**
 * The package `wb` was loaded from by loadXlsxPreserving, if any.
 *
 * @example
 * packageOrigin(new ExcelJS.Workbook()) // undefined
 */
export function packageOrigin(wb: ExcelJS.Workbook): PackageOrigin | undefined {
  return origins.get(wb);
}

/**
 * The manual row page breaks of a sheet in the opened package (ExcelJS reads none); `absent` when the package
 * has no such sheet (one the product added).
 *
 * @example
 * await originalRowBreaks(origin, "Risk", []) // [{ id: 40, max: 16383, min: 0, man: 1 }]
 */
export async function originalRowBreaks(
  origin: PackageOrigin,
  sheet: string,
  absent: ExcelJS.RowBreak[],
): Promise<ExcelJS.RowBreak[]> {
  const zip = await JSZip.loadAsync(origin.bytes);
  const part = (await sheetParts(zip)).get(sheet);
  const xml = part === undefined ? undefined : await partText(zip, part);
  if (xml === undefined) return absent;
  const breaks = /<rowBreaks\b[\s\S]*?<\/rowBreaks>/.exec(xml)?.[0] ?? "";
  return [...breaks.matchAll(/<brk\b[^>]*>/g)].map((m) => ({
    id: Number(attr(m[0], "id") ?? 0),
    // OOXML's defaults for an attribute left out (CT_Break): max 0, min 0, man false; `pt` kept as written.
    max: Number(attr(m[0], "max") ?? 0),
    min: Number(attr(m[0], "min") ?? 0),
    man: attr(m[0], "man") === "1" || attr(m[0], "man") === "true" ? 1 : 0,
    ...(attr(m[0], "pt") === undefined
      ? {}
      : { pt: attr(m[0], "pt") === "1" || attr(m[0], "pt") === "true" ? 1 : 0 }),
  }));
}
