import type * as ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  attr,
  NO_FOLDERS,
  parseRels,
  partText,
  relsPathOf,
  relsXml,
  sheetParts,
  withAttr,
} from "./packageXml";

/**
 * Links to a cell of the same workbook (the Programme's proposal names). Excel spells one as
 * `<hyperlink ref location="'Sheet'!A1"/>` with no relationship; ExcelJS writes an external relationship to
 * `#'Sheet'!A1` beside a `location`, which LibreOffice saves as a link to the file itself plus a location
 * (`Target="e1.xlsx"`, `location="'Sheet'!A1%23%23'Sheet'!A1"`), and a refresh then kept only the file. Saving
 * writes Excel's spelling; loading reads all three as the same internal link.
 */

/** A URL with a scheme (http:, mailto:, file:): a real external link, never the workbook itself. */
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The one reference of LibreOffice's doubled location `X##X` (percent-encoded, `X%23%23X`), both halves
 * equal; `undefined` for any other location, so a sheet named `Pilot #2` or `Cost%20x` is never split or
 * decoded.
 *
 * @example
 * libreOfficeLocation("Reablement!A1%23%23Reablement!A1") // "Reablement!A1"
 * libreOfficeLocation("'Pilot #2'!A1") // undefined
 */
export function libreOfficeLocation(raw: string): string | undefined {
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // not percent-encoded
  }
  for (const text of decoded === undefined ? [raw] : [decoded, raw]) {
    const half = text.slice(0, (text.length - 2) / 2);
    if (half.trim() !== "" && text === `${half}##${half}`) return half.trim();
  }
  return undefined;
}

/**
 * The cell reference a hyperlink's location (or `#` target) stands for: one leading `#` dropped, and of
 * LibreOffice's doubled `X##X` the one reference (decoded); any other location is taken as written.
 *
 * @example
 * linkLocation("'CFS%20Targeted%20Prevention'!A1%23%23'CFS%20Targeted%20Prevention'!A1") // "'CFS Targeted Prevention'!A1"
 * linkLocation("#Reablement!A1") // "Reablement!A1"
 * linkLocation("#'Pilot #2'!A1") // "'Pilot #2'!A1"
 */
export function linkLocation(raw: string): string {
  const text = raw.startsWith("#") ? raw.slice(1) : raw;
  return libreOfficeLocation(text) ?? text.trim();
}

/** The sheet a cell reference such as `'CFS Targeted Prevention'!A1` is on. */
function sheetOf(location: string): string {
  const bang = location.lastIndexOf("!");
  const sheet = bang < 0 ? location : location.slice(0, bang);
  return sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/**
 * The package with every link ExcelJS wrote to a `#` target rewritten as Excel writes an internal link: a
 * `location` (without the `#`) and no relationship.
 *
 * @example
 * const fixed = await locationOnlyLinks(await wb.xlsx.writeBuffer());
 */
export async function locationOnlyLinks(xlsx: ArrayBuffer | Uint8Array): Promise<Uint8Array | ArrayBuffer> {
  const zip = await JSZip.loadAsync(xlsx);
  let changed = false;
  for (const part of (await sheetParts(zip)).values()) {
    const relsPart = relsPathOf(part);
    const rels = parseRels(await partText(zip, relsPart));
    const internal = new Map(
      rels.filter((r) => r.external && r.target.startsWith("#")).map((r) => [r.id, r.target]),
    );
    if (internal.size === 0) continue;
    const xml = (await partText(zip, part)) ?? "";
    const dropped = new Set<string>();
    const fixed = xml.replace(/<hyperlink\b(?:"[^"]*"|'[^']*'|[^>])*>/g, (tag) => {
      const id = attr(tag, "r:id");
      const target = id === undefined ? undefined : internal.get(id);
      if (id === undefined || target === undefined) return tag;
      dropped.add(id);
      return withAttr(withAttr(tag, "r:id", undefined), "location", linkLocation(target));
    });
    zip.file(part, fixed, NO_FOLDERS);
    zip.file(relsPart, relsXml(rels.filter((r) => !dropped.has(r.id))), NO_FOLDERS);
    changed = true;
  }
  return changed ? zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }) : xlsx;
}

/**
 * Gives back, in the loaded `wb`, the internal links ExcelJS reads wrongly: a location-only link (which it
 * drops) and LibreOffice's link to the file itself plus a location (which it reads as the file), each as the
 * `#'Sheet'!A1` link the product writes. Links to other files and URLs are left as they are.
 *
 * @example
 * await restoreInternalLinks(wb, await JSZip.loadAsync(bytes));
 */
export async function restoreInternalLinks(wb: ExcelJS.Workbook, zip: JSZip): Promise<void> {
  const parts = await sheetParts(zip);
  const sheets = new Set(wb.worksheets.map((ws) => ws.name));
  for (const ws of wb.worksheets) {
    const part = parts.get(ws.name);
    const xml = part === undefined ? undefined : await partText(zip, part);
    if (part === undefined || xml === undefined || !xml.includes("<hyperlink")) continue;
    const rels = new Map(parseRels(await partText(zip, relsPathOf(part))).map((r) => [r.id, r]));
    for (const [tag] of xml.matchAll(/<hyperlink\b(?:"[^"]*"|'[^']*'|[^>])*>/g)) {
      const ref = attr(tag, "ref");
      const rawLocation = attr(tag, "location");
      const id = attr(tag, "r:id");
      const rel = id === undefined ? undefined : rels.get(id);
      if (ref === undefined || ref.includes(":")) continue;
      // A link to a file (or URL) is this workbook only in LibreOffice's spelling of an internal link: the
      // file plus the doubled `X##X` location. Another file with a location is the user's link elsewhere.
      const external = rel !== undefined && !rel.target.startsWith("#");
      const location = external
        ? URL_SCHEME.test(rel.target) || rawLocation === undefined
          ? undefined
          : libreOfficeLocation(rawLocation)
        : linkLocation(rawLocation ?? rel?.target ?? "");
      if (location === undefined || location === "" || !sheets.has(sheetOf(location))) continue;
      const cell = ws.getCell(ref);
      const v = cell.value as unknown;
      // Only a text cell keeps the link (the product links only text); a number, formula or rich text is
      // left as it is, since ExcelJS would turn it into text.
      const text =
        typeof v === "string"
          ? v
          : v !== null && typeof v === "object" && "hyperlink" in v && "text" in v
            ? (v as { text: unknown }).text
            : undefined;
      if (typeof text !== "string") continue;
      cell.value = { text, hyperlink: `#${location}` };
    }
  }
}
