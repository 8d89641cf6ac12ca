import JSZip from "jszip";
import {
  parseRels,
  relsPathOf,
  resolveTarget,
  sheetParts,
  splitRoot,
} from "../../../src/workbook/exceljs/packageXml";
import type { UserThing } from "./userParts";

/** Test helpers: compare two .xlsx packages part by part, and edit one as a user in Excel would. */

export const CFS = "CFS Targeted Prevention";
export const PROPOSALS = [CFS, "Family Based Placements", "Independent Travel Training"];
// Sheets MTFS Benefits writes to; their parts, and workbook-wide parts it must patch, may change.
const PRODUCT_SHEETS = ["Programme", "Resource cost", "Themes", "Scenarios", "_mtfs", ...PROPOSALS];
// The shared tables: formats are only added, strings no sheet uses any more are emptied (indices stay).
const PATCHED = [
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "[Content_Types].xml",
  "xl/styles.xml",
  "xl/sharedStrings.xml",
];
// Elements of a rewritten sheet that ExcelJS writes; everything else on the sheet is the user's.
const FROM_EXCELJS = ["dimension", "cols", "sheetData", "mergeCells", "hyperlinks", "legacyDrawing"];
export const EVERYTHING: UserThing[] = [
  "chart",
  "image",
  "comment",
  "validation",
  "format",
  "x14",
  "dynamicArray",
];

export async function entries(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async("nodebuffer"));
  return out;
}

/** The parts the product may rewrite: its sheets (and their .rels), its own charts, the patched parts. */
export async function productParts(bytes: Uint8Array): Promise<Set<string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await sheetParts(zip);
  const owned = new Set(PATCHED);
  for (const s of PRODUCT_SHEETS) {
    const p = parts.get(s);
    if (p) owned.add(p).add(relsPathOf(p));
  }
  for (const name of Object.keys(zip.files)) if (/\/mtfs(Chart|Drawing)\d+\.xml/.test(name)) owned.add(name);
  return owned;
}

/** Every part the product does not own (nor `alsoOwned`) is in `after`, byte for byte. */
export async function expectUnownedPartsIdentical(
  before: Uint8Array,
  after: Uint8Array,
  alsoOwned: readonly string[] = [],
): Promise<void> {
  const owned = new Set([...(await productParts(before)), ...alsoOwned]);
  const a = await entries(before);
  const b = await entries(after);
  const differing = [...a.keys()].filter((k) => !owned.has(k) && !b.get(k)?.equals(a.get(k) as Buffer));
  expect(differing).toEqual([]);
}

/** A sheet's comments and VML parts (where a note the product sets goes). */
export async function noteParts(bytes: Uint8Array, sheet: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const part = (await sheetParts(zip)).get(sheet)!;
  const rels = parseRels(await zip.file(relsPathOf(part))?.async("string"));
  return ["comments", "vmlDrawing"].flatMap((t) =>
    rels.filter((r) => r.type.endsWith(`/${t}`)).map((r) => resolveTarget(part, r.target)),
  );
}

/** A user's elements on a sheet (everything ExcelJS does not write), with the parts their r:ids point at. */
export async function userElements(bytes: Uint8Array, sheet: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const part = (await sheetParts(zip)).get(sheet) as string;
  const rels = parseRels(await zip.file(relsPathOf(part))?.async("string"));
  return splitRoot((await zip.file(part)!.async("string")) ?? "")
    .children.filter((c) => !FROM_EXCELJS.includes(c.name))
    .map((c) =>
      c.xml.replace(
        /r:id="([^"]+)"/g,
        (_, id: string) => `target="${rels.find((r) => r.id === id)?.target ?? "MISSING"}"`,
      ),
    );
}

/** Sets a number in a cell of the package, as Excel would save a user's edit (nothing else changes). */
export async function typeInPackage(
  bytes: Uint8Array,
  sheet: string,
  address: string,
  value: number,
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const part = (await sheetParts(zip)).get(sheet) as string;
  const xml = await zip.file(part)!.async("string");
  const re = new RegExp(`<c r="${address}"([^>]*?)(/>|>[\\s\\S]*?</c>)`);
  expect(re.test(xml)).toBe(true);
  zip.file(
    part,
    xml.replace(
      re,
      (_, attrs: string) => `<c r="${address}"${attrs.replace(/\s+t="[^"]*"/, "")}><v>${value}</v></c>`,
    ),
  );
  return zip.generateAsync({ type: "uint8array" });
}

/** Empties a cell of the package, keeping its format, as Excel saves a cleared cell. */
export async function clearInPackage(bytes: Uint8Array, sheet: string, address: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const part = (await sheetParts(zip)).get(sheet) as string;
  const xml = await zip.file(part)!.async("string");
  const re = new RegExp(`<c r="${address}"([^>]*?)(/>|>[\\s\\S]*?</c>)`);
  zip.file(
    part,
    xml.replace(re, (_, attrs: string) => `<c r="${address}"${attrs.replace(/\s+t="[^"]*"/, "")}/>`),
  );
  return zip.generateAsync({ type: "uint8array" });
}

export async function definedCell(bytes: Uint8Array, name: string): Promise<string> {
  const wb = (await (await JSZip.loadAsync(bytes)).file("xl/workbook.xml")!.async("string")) ?? "";
  const m = new RegExp(
    `<definedName\\b[^>]*\\sname="${name}"[^>]*>[^<]*!\\$([A-Z]+)\\$(\\d+)</definedName>`,
  ).exec(wb);
  return `${m![1]}${m![2]}`;
}
