import type * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { WorkbookError } from "../errors";
import { definedNameRanges, type PackageOrigin } from "./packageOrigin";
import {
  attr,
  childElements,
  escapeXml,
  innerXml,
  NO_FOLDERS,
  NS_REL,
  parseRels,
  partText,
  relsPathOf,
  relsXml,
  resolveTarget,
  sheetParts,
  splitRoot,
  withAttr,
  type Relationship,
  type XmlElement,
} from "./packageXml";
import { EMPTY_COMMENTS, EMPTY_VML, mergeComments } from "./commentsMerge";
import { mergeStyles } from "./stylesMerge";

/**
 * Saving a workbook that was opened from a file: the new package is the ORIGINAL package with only the parts
 * the product changed replaced. Every other part (charts, drawings, images, pivot tables, slicers, VBA,
 * external links, custom XML, comments, ...) comes out byte-identical.
 *
 * A sheet the product wrote to takes its cells, columns, merges and hyperlinks from ExcelJS (strings inline,
 * formats merged into the original styles.xml, so the untouched sheets stay valid as they are) and every other
 * element from the original sheet: drawings, comments, conditional formats, data validations, tables, extLst,
 * views, page setup. What cannot be kept that way is refused (WorkbookError "would-lose") before anything is
 * written.
 */

const REL = `${NS_REL}/`;
const CT = {
  sheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
};

// CT_Worksheet child order (ECMA-376 Part 1, 18.3.1.99).
const SHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
// What the product writes on a sheet; everything else on it is the user's and is kept from the original.
const FROM_EXCELJS = new Set(["dimension", "cols", "sheetData", "mergeCells", "hyperlinks"]);
const OWN_DRAWING = /\/mtfsDrawing\d+\.xml$/;

interface Part {
  xml: string;
  rels: Relationship[];
}

/** What the save would lose, as one sentence naming the sheets and things. */
function refuse(problems: readonly string[]): never {
  throw new WorkbookError(
    "would-lose",
    `cannot save without losing ${problems.join("; ")}: nothing was written. ` +
      `Make this change in Excel, or remove those items first.`,
  );
}

/** Shared strings of ExcelJS's package, as the inner markup of each <si>. */
function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return splitRoot(xml)
    .children.filter((c) => c.name === "si")
    .map(innerXml);
}

/**
 * A sheet part as ExcelJS wrote it, made consistent with the original package: string cells inline (the
 * original sharedStrings.xml stays valid for the sheets kept as they were) and format indices mapped into the
 * merged styles.xml.
 */
function normaliseExcelJsSheet(xml: string, strings: readonly string[], xf: readonly number[]): string {
  const style = (s: string | undefined): string | undefined =>
    s === undefined ? s : String(xf[Number(s)] ?? 0);
  return (
    xml
      // Row heights in the x14ac namespace are a hint Excel recomputes; the original root may not declare it.
      .replace(/\s+x14ac:\w+="[^"]*"/g, "")
      .replace(/<row\b[^>]*>/g, (tag) => withAttr(tag, "s", style(attr(tag, "s"))))
      .replace(/<col\b[^>]*>/g, (tag) => withAttr(tag, "style", style(attr(tag, "style"))))
      .replace(
        /<c\b((?:"[^"]*"|[^>"])*?)(\/>|>([\s\S]*?)<\/c>)/g,
        (whole, attrs: string, end: string, body?: string) => {
          let tag = withAttr(`<c${attrs}>`, "s", style(attr(`<c${attrs}>`, "s")));
          if (attr(tag, "t") === "s" && body !== undefined) {
            const index = Number(/<v>(\d+)<\/v>/.exec(body)?.[1]);
            tag = withAttr(tag, "t", "inlineStr");
            return `${tag}<is>${strings[index] ?? "<t></t>"}</is></c>`;
          }
          return end === "/>" ? tag.replace(/>$/, "/>") : `${tag}${body ?? ""}</c>`;
        },
      )
  );
}

/**
 * Cell attributes ExcelJS drops, put back from the original sheet: `cm` (a dynamic-array formula) and `vm` (a
 * value with metadata: a picture in a cell, a linked data type). Addresses follow rows the product inserted.
 */
function restoreCellMetadata(
  xml: string,
  original: string,
  inserts: readonly { readonly row: number; readonly count: number }[],
): string {
  if (!/<c\b[^>]*\s[cv]m="/.test(original)) return xml;
  const meta = new Map<string, { cm?: string; vm?: string }>();
  for (const m of original.matchAll(/<c\b(?:"[^"]*"|[^>"])*>/g)) {
    const cm = attr(m[0], "cm");
    const vm = attr(m[0], "vm");
    let ref = attr(m[0], "r");
    if ((cm === undefined && vm === undefined) || ref === undefined) continue;
    for (const { row, count } of inserts) ref = shiftSqref(ref, row, count);
    meta.set(ref, { cm, vm });
  }
  return xml.replace(/<c\b(?:"[^"]*"|[^>"])*?(?=\/?>)/g, (tag) => {
    const m = meta.get(attr(`${tag}>`, "r") ?? "");
    if (!m) return tag;
    let out = `${tag}>`;
    if (m.cm !== undefined && attr(out, "cm") === undefined) out = withAttr(out, "cm", m.cm);
    if (m.vm !== undefined && attr(out, "vm") === undefined) out = withAttr(out, "vm", m.vm);
    return out.slice(0, -1);
  });
}

/** Elements put back in CT_Worksheet order: `add` goes before the first later element already in `kept`. */
function inOrder(kept: XmlElement[], add: readonly XmlElement[]): XmlElement[] {
  const out = [...kept];
  for (const el of add) {
    const at = SHEET_ORDER.indexOf(el.name);
    const i = out.findIndex((k) => SHEET_ORDER.indexOf(k.name) > at);
    out.splice(i < 0 ? out.length : i, 0, el);
  }
  return out;
}

/** Shifts the row numbers of A1 references at or below `row` by `count` (a space-separated sqref). */
function shiftSqref(sqref: string, row: number, count: number): string {
  return sqref.replace(
    /(\$?[A-Z]{1,3}\$?)(\d+)/g,
    (_, col: string, r: string) => `${col}${Number(r) >= row ? Number(r) + count : Number(r)}`,
  );
}

/** The ranges a kept element applies to (sqref/ref attributes, x14 <xm:sqref>), moved down with the cells. */
function shiftSqrefs(xml: string, row: number, count: number): string {
  return xml
    .replace(
      /(<(?:conditionalFormatting|dataValidation|autoFilter)\b[^>]*\s(?:sq)?ref=")([^"]*)"/g,
      (_, head: string, ref: string) => `${head}${shiftSqref(ref, row, count)}"`,
    )
    .replace(
      /(<xm:sqref>)([^<]*)(<\/xm:sqref>)/g,
      (_, a: string, ref: string, b: string) => `${a}${shiftSqref(ref, row, count)}${b}`,
    );
}

/**
 * A column page break's row extent (`min`/`max`, 0-based rows) at or below `row` moves down `count`, as in
 * Excel, to the sheet's last row at most (a break down the whole sheet stays so). Row breaks move in the port.
 */
function shiftColBreakRows(xml: string, row: number, count: number): string {
  const LAST_ROW = 1048575;
  return xml.replace(/(\s(?:min|max)=")(\d+)"/g, (_, head: string, r: string) => {
    const n = Number(r);
    return `${head}${n >= row - 1 ? Math.min(n + count, LAST_ROW) : n}"`;
  });
}

/** The ranges of a table part (the table, its filter and sort state). */
function shiftTableRefs(xml: string, row: number, count: number): string {
  return xml.replace(
    /(<(?:table|autoFilter|sortState|sortCondition)\b[^>]*\sref=")([^"]*)"/g,
    (_, head: string, ref: string) => `${head}${shiftSqref(ref, row, count)}"`,
  );
}

/** Comment refs (comments part) and note shapes (VML, 0-based rows) at or below `row` move down `count`. */
function shiftComments(xml: string, row: number, count: number): string {
  return xml
    .replace(
      /(<comment\b[^>]*\sref=")([^"]*)"/g,
      (_, head: string, ref: string) => `${head}${shiftSqref(ref, row, count)}"`,
    )
    .replace(
      /(<x:Row>\s*)(\d+)(\s*<\/x:Row>)/g,
      (_, a: string, r: string, b: string) =>
        `${a}${Number(r) >= row - 1 ? Number(r) + count : Number(r)}${b}`,
    );
}

/** Drawing anchors at or below (0-based) row `row0` move down `count` rows, as Excel moves them. */
function shiftAnchors(xml: string, row0: number, count: number): string {
  return xml.replace(
    /(<xdr:(?:from|to)>[\s\S]*?<xdr:row>)(\d+)(<\/xdr:row>)/g,
    (_, a: string, r: string, b: string) => `${a}${Number(r) >= row0 ? Number(r) + count : Number(r)}${b}`,
  );
}

interface Rect {
  readonly c0: number;
  readonly r0: number;
  readonly c1: number;
  readonly r1: number;
}

function rects(sqref: string): (Rect | undefined)[] {
  return sqref
    .trim()
    .split(/\s+/)
    .map((ref) => {
      const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref);
      if (!m) return undefined;
      const col = (l: string): number => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return { c0: col(m[1]), r0: Number(m[2]), c1: col(m[3] ?? m[1]), r1: Number(m[4] ?? m[2]) };
    });
}

/** The cells of a range (undefined when it is not a plain A1 range or too large to list). */
function cellsOf(r: Rect | undefined): string[] | undefined {
  if (!r || (r.c1 - r.c0 + 1) * (r.r1 - r.r0 + 1) > 10_000) return undefined;
  const letters = (n: number): string =>
    (n > 26 ? letters(Math.floor((n - 1) / 26)) : "") + String.fromCharCode(65 + ((n - 1) % 26));
  const out: string[] = [];
  for (let c = r.c0; c <= r.c1; c++) for (let row = r.r0; row <= r.r1; row++) out.push(`${letters(c)}${row}`);
  return out;
}

/**
 * The sheet's data validations: the original's as they are, in place, except those only on cells whose dropdown
 * the product set or removed (`mine`): those become ExcelJS's for the same cells, or go. Then ExcelJS's others
 * on such cells, or on cells no original validation covers.
 */
function mergeValidations(
  kept: XmlElement | undefined,
  excel: XmlElement | undefined,
  mine: ReadonlySet<string>,
): XmlElement | undefined {
  const sqref = (e: XmlElement): string => attr(e.startTag, "sqref") ?? "";
  const onlyMine = (e: XmlElement): boolean =>
    mine.size > 0 && rects(sqref(e)).every((r) => cellsOf(r)?.every((c) => mine.has(c)) ?? false);
  const all = kept ? childElements(innerXml(kept)) : [];
  const theirs = excel ? childElements(innerXml(excel)) : [];
  const used = new Set<XmlElement>();
  const items = all.flatMap((i) => {
    if (!onlyMine(i)) return [i];
    const now = theirs.find((e) => !used.has(e) && sqref(e) === sqref(i));
    if (now) used.add(now);
    return now ? [now] : [];
  });
  const covered = items.flatMap((i) => rects(sqref(i)));
  const inside = (r: Rect | undefined): boolean =>
    r === undefined || covered.some((k) => k && k.c0 <= r.c0 && k.r0 <= r.r0 && k.c1 >= r.c1 && k.r1 >= r.r1);
  const added = theirs.filter((e) => !used.has(e) && (onlyMine(e) || !rects(sqref(e)).every(inside)));
  const next = [...items, ...added];
  if (kept && next.length === all.length && next.every((x, n) => x.xml === all[n].xml)) return kept;
  if (!next.length) return undefined;
  const start = withAttr((kept ?? excel)!.startTag.replace(/\s*\/>$/, ">"), "count", String(next.length));
  return {
    name: "dataValidations",
    xml: `${start}${next.map((x) => x.xml).join("")}</dataValidations>`,
    startTag: start,
  };
}

function uniqueId(taken: Set<string>, base: string): string {
  let n = 1;
  while (taken.has(`${base}${n}`)) n++;
  taken.add(`${base}${n}`);
  return `${base}${n}`;
}

function uniquePart(zip: JSZip, make: (n: number) => string): string {
  let n = 1;
  while (zip.file(make(n))) n++;
  return make(n);
}

/** Content-type overrides added and removed on the way. */
class ContentTypes {
  private xml: string;
  constructor(xml: string) {
    this.xml = xml;
  }
  add(part: string, type: string): void {
    this.xml = this.xml.replace(
      "</Types>",
      `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/></Types>`,
    );
  }
  remove(part: string): void {
    this.xml = this.xml.replace(
      new RegExp(`<Override\\b[^>]*PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`),
      "",
    );
  }
  ensureDefault(ext: string, type: string): void {
    if (!new RegExp(`<Default\\b[^>]*Extension="${ext}"`, "i").test(this.xml))
      this.xml = this.xml.replace(
        /(<Types\b[^>]*>)/,
        `$1<Default Extension="${ext}" ContentType="${type}"/>`,
      );
  }
  toString(): string {
    return this.xml;
  }
}

/**
 * The ExcelJS comment parts of a sheet (comments + VML), copied into the output under names of our own; their
 * relationships are returned for the sheet's .rels, with the <legacyDrawing> element that points at the VML.
 */
async function copyComments(
  ez: JSZip,
  ePart: string,
  eRels: readonly Relationship[],
  out: JSZip,
  types: ContentTypes,
  ids: Set<string>,
  legacy: XmlElement | undefined,
): Promise<{ rels: Relationship[]; legacy: XmlElement | undefined }> {
  const rels: Relationship[] = [];
  let legacyOut: XmlElement | undefined;
  for (const r of eRels) {
    const isComments = r.type === `${REL}comments`;
    const isVml = r.type === `${REL}vmlDrawing`;
    if (!isComments && !isVml) continue;
    const text = (await partText(ez, resolveTarget(ePart, r.target))) ?? "";
    // ExcelJS only reads comments back from these names.
    const part = isComments
      ? uniquePart(out, (n) => `xl/comments${n}.xml`)
      : uniquePart(out, (n) => `xl/drawings/vmlDrawing${n}.vml`);
    out.file(part, text, NO_FOLDERS);
    if (isComments) types.add(part, CT.comments);
    else types.ensureDefault("vml", CT.vml);
    const id = uniqueId(ids, isComments ? "rIdMtfsComments" : "rIdMtfsVml");
    rels.push({ id, type: r.type, target: `../${part.slice(3)}`, external: false });
    if (isVml && legacy && attr(legacy.startTag, "r:id") === r.id) {
      const xml = `<legacyDrawing r:id="${id}"/>`;
      legacyOut = { name: "legacyDrawing", xml, startTag: xml };
    }
  }
  return { rels, legacy: legacyOut };
}

/** ExcelJS's hyperlinks element and their relationships, renamed to ids the original sheet does not use. */
function copyHyperlinks(
  el: XmlElement,
  eRels: readonly Relationship[],
  ids: Set<string>,
): { el: XmlElement; rels: Relationship[] } {
  const rels: Relationship[] = [];
  const xml = el.xml.replace(/(<hyperlink\b[^>]*\sr:id=")([^"]+)"/g, (_, head: string, id: string) => {
    const rel = eRels.find((r) => r.id === id);
    if (!rel) return `${head}${id}"`;
    const fresh = uniqueId(ids, "rIdMtfsLink");
    rels.push({ ...rel, id: fresh });
    return `${head}${fresh}"`;
  });
  return { el: { ...el, xml }, rels };
}

function ensureRelNamespace(head: string): string {
  return /\sxmlns:r=/.test(head) ? head : head.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_REL}"`);
}

/** The parts of ExcelJS's worksheet model that preservePackage takes from the original instead. */
interface UnusedOnSave {
  tables: Record<string, unknown>;
  conditionalFormattings: unknown[];
  _media: unknown[];
}

/**
 * ExcelJS's own save of `wb`, as preservePackage needs it: without the tables, conditional formats and images it
 * read, which the original package keeps as they are (and which ExcelJS cannot always write back, e.g. a table
 * LibreOffice saved without a style). The workbook is left as it was.
 *
 * @example
 * const bytes = await preservePackage(origin, await excelJsSaveForPatching(wb), wb);
 */
export async function excelJsSaveForPatching(wb: ExcelJS.Workbook): Promise<ArrayBuffer> {
  const sheets = wb.worksheets as unknown as UnusedOnSave[];
  const held = sheets.map((ws) => ({
    tables: ws.tables,
    conditionalFormattings: ws.conditionalFormattings,
    _media: ws._media,
  }));
  try {
    for (const ws of sheets) Object.assign(ws, { tables: {}, conditionalFormattings: [], _media: [] });
    return await wb.xlsx.writeBuffer();
  } finally {
    sheets.forEach((ws, i) => Object.assign(ws, held[i]));
  }
}

/**
 * The .xlsx to write: the original package with the product's changes applied part by part.
 *
 * @example
 * const bytes = await preservePackage(origin, await excelJsSaveForPatching(wb), wb);
 */
export async function preservePackage(
  origin: PackageOrigin,
  excelJsXlsx: ArrayBuffer | Uint8Array,
  wb: ExcelJS.Workbook,
): Promise<Uint8Array> {
  const out = await JSZip.loadAsync(origin.bytes);
  const ez = await JSZip.loadAsync(excelJsXlsx);
  const oSheets = await sheetParts(out);
  const eSheets = await sheetParts(ez);
  const { edits } = origin;
  const names = definedNameRanges(wb);
  const changedNames = [...new Set([...names.keys(), ...origin.names.keys()])].filter(
    (n) => names.get(n) !== origin.names.get(n),
  );
  const added = [...eSheets.keys()].filter((s) => !oSheets.has(s));
  const touched = [...oSheets.keys()].filter(
    (s) => eSheets.has(s) && (edits.written.has(s) || edits.notes.has(s) || edits.rowBreaks.has(s)),
  );
  const hidden = [...oSheets.keys()].filter((s) => edits.visibility.has(s));
  if (!added.length && !touched.length && !changedNames.length && !hidden.length) return origin.bytes;

  const types = new ContentTypes((await partText(out, "[Content_Types].xml")) ?? "");
  const eStyles = (await partText(ez, "xl/styles.xml")) ?? "";
  const oStyles = await partText(out, "xl/styles.xml");
  const styles = oStyles ? mergeStyles(oStyles, eStyles) : { xml: eStyles, xfIndex: [] as number[] };
  const xf = oStyles ? styles.xfIndex : [];
  const strings = sharedStrings(await partText(ez, "xl/sharedStrings.xml"));
  const problems: string[] = [];
  const written = new Map<string, Part>();
  const removed = new Set<string>();

  for (const sheet of touched) {
    const oPart = oSheets.get(sheet) as string;
    const ePart = eSheets.get(sheet) as string;
    const oXml = (await partText(out, oPart)) ?? "";
    const o = splitRoot(oXml);
    const inserts = edits.insertedRows.get(sheet) ?? [];
    const e = splitRoot(
      restoreCellMetadata(
        normaliseExcelJsSheet((await partText(ez, ePart)) ?? "", strings, oStyles ? xf : identity(eStyles)),
        oXml,
        inserts,
      ),
    );
    const oRels = parseRels(await partText(out, relsPathOf(oPart)));
    const eRels = parseRels(await partText(ez, relsPathOf(ePart)));
    const notes = edits.notes.get(sheet);
    const has = (name: string): XmlElement | undefined => o.children.find((c) => c.name === name);
    const byId = (el: XmlElement | undefined): Relationship | undefined =>
      el && oRels.find((r) => r.id === attr(el.startTag, "r:id"));
    if (inserts.length) {
      if (oRels.some((r) => r.type === `${REL}pivotTable`))
        problems.push(`the position of the pivot tables on sheet "${sheet}" (rows were inserted)`);
    }

    const drawingRel = byId(has("drawing"));
    const ownDrawing = drawingRel !== undefined && OWN_DRAWING.test(drawingRel.target);
    const dropRel = (r: Relationship): boolean =>
      r.type === `${REL}hyperlink` || (ownDrawing && r === drawingRel);
    // The row page breaks too when the product set them (ExcelJS holds the opened ones with its own).
    const fromExcelJs = (name: string): boolean =>
      FROM_EXCELJS.has(name) || (name === "rowBreaks" && edits.rowBreaks.has(sheet));
    let kept = o.children.filter((c) => !fromExcelJs(c.name) && !(ownDrawing && c.name === "drawing"));
    const ids = new Set(oRels.filter((r) => !dropRel(r)).map((r) => r.id));
    const rels = oRels.filter((r) => !dropRel(r));
    const fromE: XmlElement[] = [];
    for (const c of e.children) {
      if (c.name === "hyperlinks") {
        const h = copyHyperlinks(c, eRels, ids);
        fromE.push(h.el);
        rels.push(...h.rels);
      } else if (fromExcelJs(c.name)) fromE.push(c);
    }
    for (const { row, count } of inserts) {
      // Excel moves what is below inserted rows with them; the parts of the user's that are anchored to rows
      // are moved here the same way (formulas inside conditional formats are not rewritten).
      kept = kept.map((c) =>
        ["conditionalFormatting", "dataValidations", "autoFilter", "extLst"].includes(c.name)
          ? { ...c, xml: shiftSqrefs(c.xml, row, count) }
          : c.name === "colBreaks"
            ? { ...c, xml: shiftColBreakRows(c.xml, row, count) }
            : c,
      );
      for (const r of oRels.filter((x) => x.type === `${REL}comments` || x.type === `${REL}vmlDrawing`)) {
        const part = resolveTarget(oPart, r.target);
        const text = await partText(out, part);
        if (text !== undefined) out.file(part, shiftComments(text, row, count), NO_FOLDERS);
      }
      // A table below grows or moves as in Excel: its ranges' corners at or below the row move down.
      for (const r of oRels.filter((x) => x.type === `${REL}table`)) {
        const part = resolveTarget(oPart, r.target);
        const text = await partText(out, part);
        if (text !== undefined) out.file(part, shiftTableRefs(text, row, count), NO_FOLDERS);
      }
      if (drawingRel && !ownDrawing) {
        const dPart = resolveTarget(oPart, drawingRel.target);
        const text = await partText(out, dPart);
        if (text !== undefined) out.file(dPart, shiftAnchors(text, row - 1, count), NO_FOLDERS);
      }
    }
    const commentsRel = oRels.find((r) => r.type === `${REL}comments`);
    if (notes && (commentsRel || [...notes.values()].some((t) => t !== null))) {
      // Into the sheet's own comments and VML parts, so the user's comments stay as they are.
      const legacy = byId(has("legacyDrawing"));
      const vmlPart = legacy
        ? resolveTarget(oPart, legacy.target)
        : uniquePart(out, (n) => `xl/drawings/vmlDrawing${n}.vml`);
      const commentsPart = commentsRel
        ? resolveTarget(oPart, commentsRel.target)
        : uniquePart(out, (n) => `xl/comments${n}.xml`);
      const merged = mergeComments(
        (await partText(out, commentsPart)) ?? EMPTY_COMMENTS,
        (await partText(out, vmlPart)) ?? EMPTY_VML,
        notes,
      );
      out.file(commentsPart, merged.comments, NO_FOLDERS);
      out.file(vmlPart, merged.vml, NO_FOLDERS);
      if (!commentsRel) {
        types.add(commentsPart, CT.comments);
        const id = uniqueId(ids, "rIdMtfsComments");
        rels.push({ id, type: `${REL}comments`, target: `../${commentsPart.slice(3)}`, external: false });
      }
      if (!legacy) {
        types.ensureDefault("vml", CT.vml);
        const id = uniqueId(ids, "rIdMtfsVml");
        rels.push({ id, type: `${REL}vmlDrawing`, target: `../${vmlPart.slice(3)}`, external: false });
        const xml = `<legacyDrawing r:id="${id}"/>`;
        fromE.push({ name: "legacyDrawing", xml, startTag: xml });
      }
    }
    for (const r of oRels.filter(dropRel)) {
      if (r.external || r.type === `${REL}hyperlink`) continue;
      removed.add(resolveTarget(oPart, r.target));
    }
    const validations = mergeValidations(
      kept.find((c) => c.name === "dataValidations"),
      e.children.find((c) => c.name === "dataValidations"),
      edits.validations.get(sheet) ?? new Set(),
    );
    kept = kept.filter((c) => c.name !== "dataValidations");
    const children = inOrder(kept, validations ? [...fromE, validations] : fromE);
    written.set(oPart, {
      xml: ensureRelNamespace(o.head) + children.map((c) => c.xml).join("") + o.tail,
      rels,
    });
  }

  // Sheets the product added: ExcelJS's part as a whole (it never holds anything of the user's).
  const wbRels = parseRels(await partText(out, "xl/_rels/workbook.xml.rels"));
  const wbIds = new Set(wbRels.map((r) => r.id));
  const newSheets: { name: string; id: string }[] = [];
  for (const sheet of added) {
    const ePart = eSheets.get(sheet) as string;
    const eRels = parseRels(await partText(ez, relsPathOf(ePart)));
    const e = splitRoot(
      normaliseExcelJsSheet((await partText(ez, ePart)) ?? "", strings, oStyles ? xf : identity(eStyles)),
    );
    const part = uniquePart(out, (n) => `xl/worksheets/sheet${n}.xml`);
    out.file(part, "", NO_FOLDERS); // reserve the name
    const ids = new Set<string>();
    const rels: Relationship[] = [];
    const children: XmlElement[] = [];
    for (const c of e.children) {
      if (c.name === "hyperlinks") {
        const h = copyHyperlinks(c, eRels, ids);
        children.push(h.el);
        rels.push(...h.rels);
      } else if (c.name !== "legacyDrawing" && c.name !== "drawing" && c.name !== "tableParts")
        children.push(c);
    }
    const c = await copyComments(
      ez,
      ePart,
      eRels,
      out,
      types,
      ids,
      e.children.find((x) => x.name === "legacyDrawing"),
    );
    rels.push(...c.rels);
    written.set(part, {
      xml:
        ensureRelNamespace(e.head) +
        inOrder(children, c.legacy ? [c.legacy] : [])
          .map((x) => x.xml)
          .join("") +
        e.tail,
      rels,
    });
    types.add(part, CT.sheet);
    const id = uniqueId(wbIds, "rIdMtfsSheet");
    wbRels.push({ id, type: `${REL}worksheet`, target: part.slice(3), external: false });
    newSheets.push({ name: sheet, id });
  }
  if (problems.length) refuse(problems);

  // Parts only the replaced sheets pointed at (our old chart, replaced comments), unless still referenced.
  const stillReferenced = new Set<string>();
  for (const [part, p] of written)
    for (const r of p.rels) if (!r.external) stillReferenced.add(resolveTarget(part, r.target));
  for (const part of removed) {
    if (stillReferenced.has(part)) continue;
    const rels = parseRels(await partText(out, relsPathOf(part)));
    for (const r of rels)
      if (!r.external && /\/mtfsChart\d+\.xml$/.test(r.target)) {
        const chart = resolveTarget(part, r.target);
        out.remove(chart);
        types.remove(chart);
      }
    out.remove(part);
    out.remove(relsPathOf(part));
    types.remove(part);
  }
  for (const [part, p] of written) {
    out.file(part, p.xml, NO_FOLDERS);
    if (p.rels.length) out.file(relsPathOf(part), relsXml(p.rels), NO_FOLDERS);
    else out.remove(relsPathOf(part));
  }
  if (styles.xml !== oStyles) out.file("xl/styles.xml", styles.xml, NO_FOLDERS);
  if (touched.length) await dropUnusedStrings(out, wbRels);
  if (touched.length || added.length) {
    // Excel's calculation chain lists formula cells; a stale one makes Excel repair the file. It is rebuilt.
    const chain = wbRels.find((r) => r.type === `${REL}calcChain`);
    if (chain) {
      const part = resolveTarget("xl/workbook.xml", chain.target);
      out.remove(part);
      types.remove(part);
      wbRels.splice(wbRels.indexOf(chain), 1);
    }
  }
  if (wbRels.length !== wbIds.size || newSheets.length)
    out.file("xl/_rels/workbook.xml.rels", relsXml(wbRels), NO_FOLDERS);
  const workbookXml = (await partText(out, "xl/workbook.xml")) ?? "";
  const sheetNames = sheetScopedNames((await partText(ez, "xl/workbook.xml")) ?? "", added);
  out.file(
    "xl/workbook.xml",
    patchWorkbookXml(workbookXml, wb, { newSheets, hidden, changedNames, names, sheetNames }),
    NO_FOLDERS,
  );
  out.file("[Content_Types].xml", types.toString(), NO_FOLDERS);
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * Empties the shared strings no sheet uses any more (a rewritten sheet's cells are inline now). Indices stay,
 * so the sheets kept byte for byte still read theirs; what the product stored (and shed) does not linger.
 */
async function dropUnusedStrings(out: JSZip, wbRels: readonly Relationship[]): Promise<void> {
  const sstRel = wbRels.find((r) => r.type === `${REL}sharedStrings`);
  const sstPart = sstRel && resolveTarget("xl/workbook.xml", sstRel.target);
  const sst = sstPart && (await partText(out, sstPart));
  if (!sstPart || !sst) return;
  const used = new Set<number>();
  let refs = 0;
  const cellSheets = /\/(worksheet|xlMacrosheet|xlIntlMacrosheet|dialogsheet)$/;
  for (const r of wbRels.filter((x) => !x.external && cellSheets.test(x.type))) {
    const xml = (await partText(out, resolveTarget("xl/workbook.xml", r.target))) ?? "";
    for (const m of xml.matchAll(/<c\b(?:"[^"]*"|[^>"])*\st="s"(?:"[^"]*"|[^>"])*>\s*<v>\s*(\d+)\s*<\/v>/g)) {
      used.add(Number(m[1]));
      refs++;
    }
  }
  const root = splitRoot(sst);
  let i = -1;
  let dropped = false;
  const items = root.children.map((c) => {
    if (c.name !== "si") return c.xml;
    i++;
    if (used.has(i) || c.xml === "<si><t/></si>") return c.xml;
    dropped = true;
    return "<si><t/></si>";
  });
  if (!dropped) return;
  out.file(sstPart, withAttr(root.head, "count", String(refs)) + items.join("") + root.tail, NO_FOLDERS);
}

function identity(stylesXml: string): number[] {
  const cellXfs = splitRoot(stylesXml).children.find((c) => c.name === "cellXfs");
  return cellXfs ? childElements(innerXml(cellXfs)).map((_, i) => i) : [];
}

// CT_Workbook child order, for the elements the product may add.
const WORKBOOK_ORDER = [
  "fileVersion",
  "fileSharing",
  "workbookPr",
  "workbookProtection",
  "bookViews",
  "sheets",
  "functionGroups",
  "externalReferences",
  "definedNames",
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

/**
 * The sheet-scoped defined names (print titles, print area) ExcelJS wrote for the named sheets, by sheet name:
 * Excel keeps a sheet's print set-up of that kind in workbook.xml, not in the sheet's part.
 */
function sheetScopedNames(excelJsWorkbookXml: string, sheets: readonly string[]): Map<string, XmlElement[]> {
  const children = splitRoot(excelJsWorkbookXml).children;
  const list = children.find((c) => c.name === "sheets");
  const defined = children.find((c) => c.name === "definedNames");
  const order = list ? childElements(innerXml(list)).map((s) => attr(s.startTag, "name") ?? "") : [];
  const found = new Map<string, XmlElement[]>();
  for (const d of defined ? childElements(innerXml(defined)) : []) {
    const local = attr(d.startTag, "localSheetId");
    const sheet = local === undefined ? undefined : order[Number(local)];
    if (sheet === undefined || !sheets.includes(sheet)) continue;
    found.set(sheet, [...(found.get(sheet) ?? []), d]);
  }
  return found;
}

/**
 * workbook.xml with the product's changes only: sheets it added or hid, defined names whose ranges it set or
 * removed, the print titles of the sheets it added, and recalculation on open. Everything else (pivot caches, external references, slicer caches in
 * extLst, VBA code names) stays as it was.
 */
function patchWorkbookXml(
  xml: string,
  wb: ExcelJS.Workbook,
  change: {
    newSheets: readonly { name: string; id: string }[];
    hidden: readonly string[];
    changedNames: readonly string[];
    names: ReadonlyMap<string, string>;
    sheetNames: ReadonlyMap<string, readonly XmlElement[]>;
  },
): string {
  const root = splitRoot(xml);
  const children = [...root.children];
  const replace = (name: string, next: string | undefined): void => {
    const i = children.findIndex((c) => c.name === name);
    const el = next === undefined ? undefined : { name, xml: next, startTag: next };
    if (i >= 0) {
      if (el) children[i] = el;
      else children.splice(i, 1);
      return;
    }
    if (!el) return;
    const at = WORKBOOK_ORDER.indexOf(name);
    const j = children.findIndex((c) => WORKBOOK_ORDER.indexOf(c.name) > at);
    children.splice(j < 0 ? children.length : j, 0, el);
  };
  const sheets = children.find((c) => c.name === "sheets");
  // A sheet-scoped name points at its sheet by position in <sheets>; added sheets go after the existing ones.
  const localIds = new Map<string, number>();
  if (sheets) {
    const list = childElements(innerXml(sheets));
    const ids = list.map((s) => Number(attr(s.startTag, "sheetId") ?? 0));
    let next = Math.max(0, ...ids);
    const items = list.map((s) => {
      const name = attr(s.startTag, "name") ?? "";
      if (!change.hidden.includes(name)) return s.xml;
      const state = wb.getWorksheet(name)?.state ?? "visible";
      return withAttr(s.startTag, "state", state === "visible" ? undefined : state);
    });
    for (const s of change.newSheets) {
      localIds.set(s.name, items.length);
      const state = wb.getWorksheet(s.name)?.state ?? "visible";
      items.push(
        `<sheet name="${escapeXml(s.name)}" sheetId="${++next}"${state === "visible" ? "" : ` state="${state}"`} r:id="${s.id}"/>`,
      );
    }
    replace("sheets", `${sheets.startTag.replace(/\s*\/>$/, ">")}${items.join("")}</sheets>`);
  }
  const scoped = [...localIds].flatMap(([sheet, id]) =>
    (change.sheetNames.get(sheet) ?? []).map((d) =>
      d.xml.replace(d.startTag, withAttr(d.startTag, "localSheetId", String(id))),
    ),
  );
  if (change.changedNames.length || scoped.length) {
    const defined = children.find((c) => c.name === "definedNames");
    const keep = defined
      ? childElements(innerXml(defined)).filter(
          (d) =>
            !(
              change.changedNames.includes(attr(d.startTag, "name") ?? "") &&
              attr(d.startTag, "localSheetId") === undefined
            ),
        )
      : [];
    const items = [...keep.map((d) => d.xml), ...scoped];
    for (const n of change.changedNames) {
      const ranges = change.names.get(n);
      if (ranges) items.push(`<definedName name="${escapeXml(n)}">${escapeXml(ranges)}</definedName>`);
    }
    replace("definedNames", items.length ? `<definedNames>${items.join("")}</definedNames>` : undefined);
  }
  // Excel and LibreOffice then recompute every formula on open instead of trusting cached results.
  const calc = children.find((c) => c.name === "calcPr");
  replace(
    "calcPr",
    calc
      ? withAttr(calc.startTag, "fullCalcOnLoad", "1").replace(/\s*\/?>$/, "/>")
      : `<calcPr fullCalcOnLoad="1"/>`,
  );
  return root.head + children.map((c) => c.xml).join("") + root.tail;
}
