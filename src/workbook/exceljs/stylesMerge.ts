import { quoteEscapes } from "../numberFormat";
import { attr, childElements, escapeXml, innerXml, splitRoot, withAttr, type XmlElement } from "./packageXml";

/**
 * Cell formats of sheets ExcelJS rewrote, added to the original styles.xml so that the sheets kept byte for
 * byte still point at the formats they had. Entries equal to existing ones are reused, so refreshing again
 * adds nothing.
 */

// CT_Stylesheet child order.
const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

interface Section {
  readonly element: XmlElement | undefined;
  readonly items: string[];
  readonly before: number;
}

function section(children: readonly XmlElement[], name: string): Section {
  const element = children.find((c) => c.name === name);
  const items = element ? childElements(innerXml(element)).map((e) => e.xml) : [];
  return { element, items, before: items.length };
}

function indexOrPush(list: string[], xml: string): number {
  const i = list.indexOf(xml);
  if (i >= 0) return i;
  list.push(xml);
  return list.length - 1;
}

/** The result: the styles part to write and, per ExcelJS cell-format index, the index in that part. */
export interface MergedStyles {
  readonly xml: string;
  readonly xfIndex: readonly number[];
}

/**
 * Merges the cell formats of ExcelJS's styles.xml into the original one; the original comes back unchanged
 * when it already holds them all.
 *
 * @example
 * const { xml, xfIndex } = mergeStyles(originalStylesXml, excelJsStylesXml);
 */
export function mergeStyles(original: string, excel: string): MergedStyles {
  const o = splitRoot(original);
  const e = splitRoot(excel);
  const sections = new Map(ORDER.map((n) => [n, section(o.children, n)]));
  const get = (n: string): Section => sections.get(n) as Section;
  const eFonts = section(e.children, "fonts").items;
  const eFills = section(e.children, "fills").items;
  const eBorders = section(e.children, "borders").items;
  const codes = (items: readonly string[]): Map<string, string> =>
    new Map(items.map((x) => [attr(x, "numFmtId") ?? "", attr(x, "formatCode") ?? ""]));
  const eCodes = codes(section(e.children, "numFmts").items);
  const oNumFmts = get("numFmts").items;
  const numFmtId = (id: string): string => {
    const code = eCodes.get(id);
    if (Number(id) < 164 || code === undefined) return id;
    // ExcelJS reads a format without its backslash escapes (LibreOffice writes our £m as `\£#,##0.00,,\m`,
    // which it hands back as `£#,##0.00,,m`, a month): the original's escaped code is the one meant.
    const known = [...codes(oNumFmts)];
    const same =
      known.find(([, ocode]) => ocode === code) ??
      known.find(([, ocode]) => quoteEscapes(ocode) === code) ??
      known.find(([, ocode]) => ocode.replace(/[\\](.)/g, "$1") === code);
    if (same) return same[0];
    const next = Math.max(163, ...[...codes(oNumFmts).keys()].map(Number).filter(Number.isFinite)) + 1;
    oNumFmts.push(`<numFmt numFmtId="${next}" formatCode="${escapeXml(code)}"/>`);
    return String(next);
  };
  const sub = (list: readonly string[], target: Section, id: string | undefined): string =>
    String(indexOrPush(target.items, list[Number(id ?? 0)] ?? list[0]));
  const xfIndex = childElements(innerXml(e.children.find((c) => c.name === "cellXfs") ?? e.children[0])).map(
    (xf) => {
      let tag = xf.startTag;
      tag = withAttr(tag, "numFmtId", numFmtId(attr(tag, "numFmtId") ?? "0"));
      tag = withAttr(tag, "fontId", sub(eFonts, get("fonts"), attr(tag, "fontId")));
      tag = withAttr(tag, "fillId", sub(eFills, get("fills"), attr(tag, "fillId")));
      tag = withAttr(tag, "borderId", sub(eBorders, get("borders"), attr(tag, "borderId")));
      tag = withAttr(tag, "xfId", "0");
      const inner = innerXml(xf);
      const xml = inner ? `${tag.replace(/\s*\/>$/, ">")}${inner}</xf>` : tag.replace(/\s*\/?>$/, "/>");
      return indexOrPush(get("cellXfs").items, xml);
    },
  );
  if (ORDER.every((n) => get(n).items.length === get(n).before)) return { xml: original, xfIndex };
  const rebuilt = (name: string): string => {
    const s = get(name);
    const start = s.element ? s.element.startTag.replace(/\s*\/>$/, ">") : `<${name}>`;
    return `${withAttr(start, "count", String(s.items.length))}${s.items.join("")}</${name}>`;
  };
  const out: string[] = [];
  const pending = ORDER.filter((n) => get(n).items.length > get(n).before);
  for (const child of o.children) {
    const at = ORDER.indexOf(child.name);
    // A section the original lacked goes before the first later one.
    while (pending.length && at >= 0 && ORDER.indexOf(pending[0]) < at && !get(pending[0]).element)
      out.push(rebuilt(pending.shift() as string));
    if (pending.includes(child.name)) {
      out.push(rebuilt(child.name));
      pending.splice(pending.indexOf(child.name), 1);
    } else out.push(child.xml);
  }
  for (const n of pending) out.push(rebuilt(n));
  return { xml: o.head + out.join("") + o.tail, xfIndex };
}
