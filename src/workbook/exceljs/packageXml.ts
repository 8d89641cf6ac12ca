import type JSZip from "jszip";

/**
 * Small, dependency-free helpers for the XML parts of an .xlsx package: sibling elements, relationships and
 * the sheet-name → part map. They read the markup Excel, LibreOffice and ExcelJS write (no DTDs, no CDATA).
 */

export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
// Packages list parts only: no zip entries for folders.
export const NO_FOLDERS = { createFolders: false } as const;

/** One element among its siblings: its qualified name, its full markup and its start tag. */
export interface XmlElement {
  readonly name: string;
  readonly xml: string;
  readonly startTag: string;
}

// A tag with quoted attributes (which may hold ">"), a comment or a processing instruction.
const TAG =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/**
 * The elements at depth 0 of an XML fragment (text between them is dropped).
 *
 * @example
 * childElements('<a x="1"/><b><c/></b>').map((e) => e.name) // ["a", "b"]
 */
export function childElements(fragment: string): XmlElement[] {
  const out: XmlElement[] = [];
  let depth = 0;
  let start = -1;
  let startTag = "";
  let name = "";
  for (const m of fragment.matchAll(TAG)) {
    if (m[2] === undefined) continue;
    const at = m.index ?? 0;
    const closing = m[1] === "/";
    const selfClosing = m[4] === "/";
    if (!closing && depth === 0) {
      start = at;
      startTag = m[0];
      name = m[2];
    }
    if (closing) depth--;
    else if (!selfClosing) depth++;
    if (depth === 0 && start >= 0) {
      out.push({ name, xml: fragment.slice(start, at + m[0].length), startTag });
      start = -1;
    }
  }
  return out;
}

/** A part's root element split into what comes before its children, the children and the closing tag. */
export interface XmlRoot {
  readonly head: string;
  readonly children: XmlElement[];
  readonly tail: string;
}

/**
 * Splits a whole part (prolog and root element) into head, children and tail.
 *
 * @example
 * splitRoot('<?xml version="1.0"?><r a="1"><x/></r>').head // '<?xml version="1.0"?><r a="1">'
 */
export function splitRoot(part: string): XmlRoot {
  const root = childElements(part).find((e) => !e.name.startsWith("?"));
  if (!root) return { head: part, children: [], tail: "" };
  const rootStart = part.indexOf(root.xml);
  if (root.startTag.endsWith("/>")) {
    const open = root.startTag.replace(/\s*\/>$/, ">");
    return { head: part.slice(0, rootStart) + open, children: [], tail: `</${root.name}>` };
  }
  const inner = root.xml.slice(root.startTag.length, root.xml.lastIndexOf("</"));
  return {
    head: part.slice(0, rootStart) + root.startTag,
    children: childElements(inner),
    tail: root.xml.slice(root.xml.lastIndexOf("</")),
  };
}

/** The markup between an element's start and end tags ("" when it is self-closing). */
export function innerXml(element: XmlElement): string {
  if (element.startTag.endsWith("/>")) return "";
  return element.xml.slice(element.startTag.length, element.xml.lastIndexOf("</"));
}

/**
 * An attribute of a start tag, unescaped; undefined when absent.
 *
 * @example
 * attr('<sheet name="A &amp; B" r:id="rId1"/>', "name") // "A & B"
 */
export function attr(startTag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(startTag);
  return m ? unescapeXml(m[2] ?? m[3] ?? "") : undefined;
}

/**
 * The start tag with one attribute set (added, or replaced when present); undefined removes it.
 *
 * @example
 * withAttr('<c r="A1" s="3">', "s", "7") // '<c r="A1" s="7">'
 */
export function withAttr(startTag: string, name: string, value: string | undefined): string {
  const re = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*("[^"]*"|'[^']*')`);
  if (value === undefined) return startTag.replace(re, "");
  const set = ` ${name}="${escapeXml(value)}"`;
  // In place when present, else last: attribute order is kept, so unchanged tags stay byte-identical.
  return re.test(startTag) ? startTag.replace(re, set) : startTag.replace(/\s*(\/?>)$/, `${set}$1`);
}

/** XML text escaping for attribute values and text. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The inverse of XML escaping (named and numeric character references). */
export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|quot|apos|lt|gt|amp);/g, (_, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return { quot: '"', apos: "'", lt: "<", gt: ">", amp: "&" }[e] as string;
  });
}

/** One package relationship. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/**
 * The relationships of a .rels part (none for an absent part).
 *
 * @example
 * parseRels('<Relationships><Relationship Id="rId1" Type="t" Target="a.xml"/></Relationships>')[0].target // "a.xml"
 */
export function parseRels(xml: string | undefined): Relationship[] {
  if (!xml) return [];
  return [...xml.matchAll(/<Relationship\b(?:"[^"]*"|'[^']*'|[^>])*>/g)].map((m) => ({
    id: attr(m[0], "Id") ?? "",
    type: attr(m[0], "Type") ?? "",
    target: attr(m[0], "Target") ?? "",
    external: attr(m[0], "TargetMode") === "External",
  }));
}

/**
 * A .rels part holding these relationships.
 *
 * @example
 * relsXml([{ id: "rId1", type: "t", target: "a.xml", external: false }]).includes('Id="rId1"') // true
 */
export function relsXml(rels: readonly Relationship[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels
      .map(
        (r) =>
          `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}"` +
          `${r.external ? ' TargetMode="External"' : ""}/>`,
      )
      .join("") +
    `</Relationships>`
  );
}

/**
 * The .rels part of a part: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`.
 *
 * @example
 * relsPathOf("xl/workbook.xml") // "xl/_rels/workbook.xml.rels"
 */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * The part a relationship points at, as a zip path: relative targets resolve against the source part's folder.
 *
 * @example
 * resolveTarget("xl/worksheets/sheet1.xml", "../drawings/drawing1.xml") // "xl/drawings/drawing1.xml"
 */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = source.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/**
 * The text of a zip entry, or undefined when the package has no such part.
 *
 * @example
 * await partText(zip, "xl/workbook.xml")
 */
export async function partText(zip: JSZip, part: string): Promise<string | undefined> {
  return zip.file(part)?.async("string");
}

/**
 * Worksheet part path of each sheet name, from workbook.xml and its relationships (in sheet order).
 *
 * @example
 * (await sheetParts(zip)).get("Programme") // "xl/worksheets/sheet1.xml"
 */
export async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wb = (await partText(zip, "xl/workbook.xml")) ?? "";
  const rels = parseRels(await partText(zip, "xl/_rels/workbook.xml.rels"));
  const targets = new Map(rels.map((r) => [r.id, resolveTarget("xl/workbook.xml", r.target)]));
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b(?:"[^"]*"|'[^']*'|[^>])*>/g)) {
    const name = attr(m[0], "name");
    const rid = attr(m[0], "r:id");
    const target = rid === undefined ? undefined : targets.get(rid);
    if (name !== undefined && target) out.set(name, target);
  }
  return out;
}
