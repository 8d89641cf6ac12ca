import { parseAddress } from "../address";
import { attr, childElements, escapeXml, innerXml, splitRoot } from "./packageXml";

/**
 * The product's notes (a hand-edited owned cell is flagged with one) written into a sheet's existing comments
 * and VML parts, so that every comment of the user's stays as it was: ExcelJS would drop comments on empty
 * cells and all their formatting. A note at an address replaces the comment there (null removes it, with its
 * shape); shapes are added for new ones.
 */

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const AUTHOR = "MTFS Benefits";

/** An empty comments part, for a sheet that had none. */
export const EMPTY_COMMENTS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors/><commentList/></comments>`;

/** An empty legacy (VML) drawing, for a sheet that had none. */
export const EMPTY_VML =
  `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
  `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout></xml>`;

const SHAPE_TYPE =
  `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
  `<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

function replaceSection(xml: string, name: string, inner: string): string {
  const root = splitRoot(xml);
  let found = false;
  const children = root.children.map((c) => {
    if (c.name !== name) return c.xml;
    found = true;
    return `${c.startTag.replace(/\s*\/>$/, ">")}${inner}</${name}>`;
  });
  if (!found) children.push(`<${name}>${inner}</${name}>`);
  return root.head + children.join("") + root.tail;
}

function shape(id: number, row0: number, col0: number): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:200pt;height:60pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col0 + 1}, 15, ${row0}, 2, ${col0 + 4}, 15, ${row0 + 4}, 16</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row0}</x:Row><x:Column>${col0}</x:Column></x:ClientData></v:shape>`
  );
}

/**
 * The comments and VML parts with `notes` (address → text) set.
 *
 * @example
 * mergeComments(EMPTY_COMMENTS, EMPTY_VML, new Map([["H9", "edited by hand"]])).comments.includes('ref="H9"') // true
 */
export function mergeComments(
  comments: string,
  originalVml: string,
  notes: ReadonlyMap<string, string | null>,
): { comments: string; vml: string } {
  let vml = originalVml;
  const root = splitRoot(comments);
  const authorsEl = root.children.find((c) => c.name === "authors");
  const authors = authorsEl ? childElements(innerXml(authorsEl)).map(innerXml) : [];
  let authorId = authors.indexOf(AUTHOR);
  if (authorId < 0) {
    authors.push(AUTHOR);
    authorId = authors.length - 1;
  }
  const listEl = root.children.find((c) => c.name === "commentList");
  const list = (listEl ? childElements(innerXml(listEl)) : []).filter(
    (c) => !notes.has(attr(c.startTag, "ref") ?? ""),
  );
  const items = list.map((c) => c.xml);
  for (const [address, text] of notes)
    if (text !== null)
      items.push(
        `<comment ref="${address}" authorId="${authorId}"><text><r><t xml:space="preserve">${escapeXml(text)}</t></r></text></comment>`,
      );
  let out = replaceSection(comments, "authors", authors.map((a) => `<author>${a}</author>`).join(""));
  out = replaceSection(out, "commentList", items.join(""));

  const at = (shapeXml: string, row0: number, col0: number): boolean =>
    /ObjectType="Note"/.test(shapeXml) &&
    new RegExp(`<x:Row>\\s*${row0}\\s*</x:Row>`).test(shapeXml) &&
    new RegExp(`<x:Column>\\s*${col0}\\s*</x:Column>`).test(shapeXml);
  const shapeRe = /<v:shape\b[^>]*>[\s\S]*?<\/v:shape>/g;
  const cellOf = (address: string): [number, number] => {
    const { row, column } = parseAddress(address);
    return [row - 1, column - 1];
  };
  // A deleted note takes its shape with it.
  const deleted = [...notes].filter(([, t]) => t === null).map(([a]) => cellOf(a));
  vml = vml.replace(shapeRe, (sh) => (deleted.some(([r, c]) => at(sh, r, c)) ? "" : sh));
  const hasShape = (row0: number, col0: number): boolean =>
    [...vml.matchAll(shapeRe)].some((m) => at(m[0], row0, col0));
  let next = Math.max(1024, ...[...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1])));
  let shapes = vml.includes('id="_x0000_t202"') ? "" : SHAPE_TYPE;
  for (const [address, text] of notes) {
    const [r, c] = cellOf(address);
    if (text !== null && !hasShape(r, c)) shapes += shape(++next, r, c);
  }
  const end = vml.lastIndexOf("</xml>");
  const outVml = end < 0 ? vml : vml.slice(0, end) + shapes + vml.slice(end);
  return { comments: out, vml: outVml };
}
