import JSZip from "jszip";
import {
  childElements,
  parseRels,
  relsPathOf,
  relsXml,
  sheetParts,
  splitRoot,
} from "../../../src/workbook/exceljs/packageXml";

/**
 * Test fixture: a workbook package with everything a finance user might have added in Excel that ExcelJS does
 * not model: charts, a drawing with an image, a pivot table with its cache, a slicer, a table, VBA, an external
 * link, custom XML, comments, data validations (plain and x14), conditional formats. Hand-written parts, as
 * Excel would save them, added to a package the product wrote.
 */

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const T = "application/vnd.openxmlformats-officedocument";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
// Not a real VBA project: the product must carry any binary part it does not understand as it is.
const VBA = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256));

/** Where user things go: each sheet name gets the listed kinds. */
export type UserThing =
  "chart" | "image" | "comment" | "validation" | "format" | "x14" | "table" | "pivot" | "dynamicArray";

/** The user sheet added by the fixture. */
export const USER_SHEET = "Budget notes";

function anchor(c0: number, r0: number, c1: number, r1: number, body: string): string {
  const at = (tag: string, c: number, r: number): string =>
    `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return `<xdr:twoCellAnchor editAs="oneCell">${at("from", c0, r0)}${at("to", c1, r1)}${body}<xdr:clientData/></xdr:twoCellAnchor>`;
}

function userChart(sheet: string, title: string): string {
  const ref = `'${sheet.replace(/'/g, "''")}'!$B$2:$B$3`;
  return (
    `${XML}<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${title}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:plotArea><c:layout/><c:pieChart><c:varyColors val="1"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>${ref}</c:f></c:numRef></c:val></c:ser></c:pieChart></c:plotArea>` +
    `<c:plotVisOnly val="1"/></c:chart></c:chartSpace>`
  );
}

function frame(id: number, rid: string, name: string): string {
  return (
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${name}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${R}" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame>`
  );
}

function picture(id: number, rid: string): string {
  return (
    `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${id}" name="Logo"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
    `<xdr:blipFill><a:blip xmlns:r="${R}" r:embed="${rid}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
    `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`
  );
}

const VML = (row: number, col: number): string =>
  `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
  `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
  `<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
  `<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:100pt;height:50pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
  `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
  `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>1, 15, 0, 2, 3, 15, 3, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape></xml>`;

const ORDER = [
  "sheetData",
  "conditionalFormatting",
  "dataValidations",
  "pageMargins",
  "pageSetup",
  "drawing",
  "legacyDrawing",
  "tableParts",
  "extLst",
];

/** Adds elements to a worksheet part in schema order (after any existing element of a later kind's predecessor). */
function addToSheet(xml: string, elements: readonly string[]): string {
  const root = splitRoot(xml);
  const children = root.children.map((c) => c.xml);
  const names = root.children.map((c) => c.name);
  for (const el of elements) {
    const name = childElements(el)[0].name;
    const at = ORDER.indexOf(name);
    let i = names.findIndex((n) => ORDER.indexOf(n) > at && ORDER.includes(n));
    if (i < 0) i = children.length;
    children.splice(i, 0, el);
    names.splice(i, 0, name);
  }
  let head = root.head;
  if (!head.includes("xmlns:r=")) head = head.replace("<worksheet ", `<worksheet xmlns:r="${R}" `);
  return head + children.join("") + root.tail;
}

class Builder {
  readonly zip: JSZip;
  private types: string[] = [];
  private n = 0;
  constructor(zip: JSZip) {
    this.zip = zip;
  }
  id(): number {
    return ++this.n;
  }
  file(path: string, data: string | Buffer, type?: string): void {
    this.zip.file(path, data, { createFolders: false });
    if (type) this.types.push(`<Override PartName="/${path}" ContentType="${type}"/>`);
  }
  async rel(source: string, type: string, target: string, external = false): Promise<string> {
    const relsPath = relsPathOf(source);
    const rels = parseRels(await this.zip.file(relsPath)?.async("string"));
    const id = `rIdUser${this.id()}`;
    rels.push({ id, type, target, external });
    this.zip.file(relsPath, relsXml(rels), { createFolders: false });
    return id;
  }
  async finish(): Promise<void> {
    let ct = (await this.zip.file("[Content_Types].xml")!.async("string")).replace(
      "</Types>",
      `${this.types.join("")}</Types>`,
    );
    for (const [ext, type] of [
      ["png", "image/png"],
      ["vml", `${T}.vmlDrawing`],
      ["bin", "application/vnd.ms-office.vbaProject"],
    ])
      if (!ct.includes(`Extension="${ext}"`))
        ct = ct.replace(/(<Types[^>]*>)/, `$1<Default Extension="${ext}" ContentType="${type}"/>`);
    this.zip.file("[Content_Types].xml", ct, { createFolders: false });
  }
}

/**
 * The package `bytes` with a user sheet holding everything, and the given things added to other sheets (in
 * columns Q on, rows `top` and `top + 1`).
 *
 * @example
 * const rich = await withUserParts(await port.toXlsx(), { Programme: ["chart", "format"] });
 */
export async function withUserParts(
  bytes: Uint8Array,
  onSheets: Readonly<Record<string, readonly UserThing[]>>,
  top = 1,
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const b = new Builder(zip);
  const wbPath = "xl/workbook.xml";
  let wb = await zip.file(wbPath)!.async("string");

  // The user's own sheet, with a small table of data the chart, pivot and slicer use.
  const userPart = "xl/worksheets/sheet20.xml";
  const cells =
    `<row r="1"><c r="A1" t="inlineStr"><is><t>Region</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c><c r="D1" t="inlineStr"><is><t>Row Labels</t></is></c><c r="E1" t="inlineStr"><is><t>Sum of Amount</t></is></c></row>` +
    `<row r="2"><c r="A2" t="inlineStr"><is><t>North</t></is></c><c r="B2"><v>10</v></c><c r="D2" t="inlineStr"><is><t>North</t></is></c><c r="E2"><v>10</v></c></row>` +
    `<row r="3"><c r="A3" t="inlineStr"><is><t>South</t></is></c><c r="B3"><v>20</v></c><c r="D3" t="inlineStr"><is><t>South</t></is></c><c r="E3"><v>20</v></c></row>` +
    `<row r="4"><c r="D4" t="inlineStr"><is><t>Grand Total</t></is></c><c r="E4"><v>30</v></c></row>`;
  b.file(
    userPart,
    `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:E4"/><sheetData>${cells}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    `${T}.spreadsheetml.worksheet+xml`,
  );
  const userRid = await b.rel(wbPath, `${R}/worksheet`, "worksheets/sheet20.xml");
  const maxId = Math.max(...[...wb.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1])));
  wb = wb.replace(
    "</sheets>",
    `<sheet name="${USER_SHEET}" sheetId="${maxId + 1}" r:id="${userRid}"/></sheets>`,
  );

  // Workbook-level parts: VBA, an external link, custom XML, a pivot cache and a slicer cache.
  b.file("xl/vbaProject.bin", VBA);
  await b.rel(wbPath, "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin");
  b.file(
    "xl/externalLinks/externalLink1.xml",
    `${XML}<externalLink xmlns="${MAIN}" xmlns:r="${R}"><externalBook r:id="rId1"><sheetNames><sheetName val="Data"/></sheetNames><sheetDataSet><sheetData sheetId="0"/></sheetDataSet></externalBook></externalLink>`,
    `${T}.spreadsheetml.externalLink+xml`,
  );
  zip.file(
    "xl/externalLinks/_rels/externalLink1.xml.rels",
    relsXml([
      { id: "rId1", type: `${R}/externalLinkPath`, target: "file:///C:/Budgets/Other.xlsx", external: true },
    ]),
    { createFolders: false },
  );
  const extRid = await b.rel(wbPath, `${R}/externalLink`, "externalLinks/externalLink1.xml");
  b.file("customXml/item1.xml", `${XML}<budget xmlns="urn:example:budget"><owner>Finance</owner></budget>`);
  b.file(
    "customXml/itemProps1.xml",
    `${XML}<ds:datastoreItem ds:itemID="{6E2B6F49-7C3A-4D0B-9C2A-1F1E2D3C4B5A}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
    `${T}.customXmlProperties+xml`,
  );
  zip.file(
    "customXml/_rels/item1.xml.rels",
    relsXml([{ id: "rId1", type: `${R}/customXmlProps`, target: "itemProps1.xml", external: false }]),
    { createFolders: false },
  );
  await b.rel(wbPath, `${R}/customXml`, "../customXml/item1.xml");
  // Dynamic-array formulas point at this through their cells' cm attribute.
  b.file(
    "xl/metadata.xml",
    `${XML}<metadata xmlns="${MAIN}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1">` +
      `<metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>` +
      `<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>` +
      `<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`,
    `${T}.spreadsheetml.sheetMetadata+xml`,
  );
  await b.rel(wbPath, `${R}/sheetMetadata`, "metadata.xml");
  b.file(
    "xl/pivotCache/pivotCacheDefinition1.xml",
    `${XML}<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" r:id="rId1" refreshOnLoad="1" recordCount="2"><cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="${USER_SHEET}"/></cacheSource>` +
      `<cacheFields count="2"><cacheField name="Region" numFmtId="0"><sharedItems count="2"><s v="North"/><s v="South"/></sharedItems></cacheField>` +
      `<cacheField name="Amount" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="10" maxValue="20"/></cacheField></cacheFields></pivotCacheDefinition>`,
    `${T}.spreadsheetml.pivotCacheDefinition+xml`,
  );
  b.file(
    "xl/pivotCache/pivotCacheRecords1.xml",
    `${XML}<pivotCacheRecords xmlns="${MAIN}" count="2"><r><x v="0"/><n v="10"/></r><r><x v="1"/><n v="20"/></r></pivotCacheRecords>`,
    `${T}.spreadsheetml.pivotCacheRecords+xml`,
  );
  zip.file(
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
    relsXml([
      { id: "rId1", type: `${R}/pivotCacheRecords`, target: "pivotCacheRecords1.xml", external: false },
    ]),
    { createFolders: false },
  );
  const cacheRid = await b.rel(wbPath, `${R}/pivotCacheDefinition`, "pivotCache/pivotCacheDefinition1.xml");
  b.file(
    "xl/slicerCaches/slicerCache1.xml",
    `${XML}<slicerCacheDefinition xmlns="${X14}" name="Slicer_Region" sourceName="Region"><pivotTables><pivotTable tabId="${maxId + 1}" name="UserPivot"/></pivotTables>` +
      `<data><tabular pivotCacheId="5"><items count="2"><i x="0" s="1"/><i x="1" s="1"/></items></tabular></data></slicerCacheDefinition>`,
    "application/vnd.ms-excel.slicerCache+xml",
  );
  const slicerCacheRid = await b.rel(
    wbPath,
    "http://schemas.microsoft.com/office/2007/relationships/slicerCache",
    "slicerCaches/slicerCache1.xml",
  );
  const root = splitRoot(wb);
  const names = root.children.map((c) => c.name);
  const add = (after: string[], xml: string): void => {
    const i = Math.max(...after.map((n) => names.lastIndexOf(n)));
    root.children.splice(i + 1, 0, { name: childElements(xml)[0].name, xml, startTag: "" });
    names.splice(i + 1, 0, childElements(xml)[0].name);
  };
  add(["sheets"], `<externalReferences><externalReference r:id="${extRid}"/></externalReferences>`);
  add(
    ["sheets", "externalReferences", "definedNames", "calcPr"],
    `<pivotCaches><pivotCache cacheId="5" r:id="${cacheRid}"/></pivotCaches>`,
  );
  add(
    names,
    `<extLst><ext uri="{BBE1A952-AA13-448e-AADC-164F8A28A991}" xmlns:x14="${X14}"><x14:slicerCaches><x14:slicerCache r:id="${slicerCacheRid}"/></x14:slicerCaches></ext></extLst>`,
  );
  zip.file(wbPath, root.head + root.children.map((c) => c.xml).join("") + root.tail, {
    createFolders: false,
  });

  const parts = await sheetParts(zip);
  const everything: UserThing[] = [
    "chart",
    "image",
    "comment",
    "validation",
    "format",
    "x14",
    "table",
    "pivot",
  ];
  const plan: [string, readonly UserThing[]][] = [[USER_SHEET, everything], ...Object.entries(onSheets)];
  let k = 0;
  for (const [sheet, things] of plan) {
    k++;
    const part = parts.get(sheet) ?? (sheet === USER_SHEET ? userPart : undefined);
    if (!part) throw new Error(`fixture: no sheet ${sheet}`);
    let xml = await zip.file(part)!.async("string");
    const els: string[] = [];
    // Columns far to the right of anything the product writes; rows from `top` on.
    const col = sheet === USER_SHEET ? 6 : 16;
    const row = sheet === USER_SHEET ? 1 : top;
    const cell = (c: number, r: number): string => `${String.fromCharCode(65 + c)}${r}`;
    if (things.includes("dynamicArray") && sheet !== USER_SHEET) {
      // =B5:B6 spilling into Q5:Q6, as Excel 365 saves a dynamic-array formula.
      const [q5, q6] = [cell(col, 5), cell(col, 6)];
      xml = xml
        .replace(
          /(<row r="5"[^>]*>[\s\S]*?)(<\/row>)/,
          `$1<c r="${q5}" cm="1"><f t="array" ref="${q5}:${q6}">B5:B6</f><v>0</v></c>$2`,
        )
        .replace(/(<row r="6"[^>]*>[\s\S]*?)(<\/row>)/, `$1<c r="${q6}"><v>0</v></c>$2`);
      if (!xml.includes(`r="${q5}"`)) throw new Error(`fixture: no row 5 on ${sheet}`);
    }
    if (things.includes("chart") || things.includes("image")) {
      const drawing = `xl/drawings/drawingUser${k}.xml`;
      let body = "";
      // A drawing the product made is folded into the user's, as Excel does when it saves.
      const rels = parseRels(await zip.file(relsPathOf(part))?.async("string"));
      const own = rels.find((r) => r.type === `${R}/drawing`);
      if (own) {
        const ownPath = `xl/drawings/${own.target.split("/").pop()}`;
        const ownXml = await zip.file(ownPath)!.async("string");
        // Every chart of it (a proposal sheet has the profile and the tornado), each anchor re-pointed.
        const ownRels = parseRels(await zip.file(relsPathOf(ownPath))!.async("string"));
        let anchors: string[] = ownXml.match(/<xdr:twoCellAnchor[\s\S]*?<\/xdr:twoCellAnchor>/g) ?? [];
        for (const [i, ownChart] of ownRels.entries()) {
          const name = ownChart.target.split("/").pop()!;
          const chartText = await zip.file(`xl/charts/${name}`)!.async("string");
          zip.remove(`xl/charts/${name}`);
          const copy = i === 0 ? `chartOwn${k}.xml` : `chartOwn${k}_${i}.xml`;
          b.file(`xl/charts/${copy}`, chartText, `${T}.drawingml.chart+xml`);
          const rid = await b.rel(drawing, `${R}/chart`, `../charts/${copy}`);
          anchors = anchors.map((a) => a.replace(`r:id="${ownChart.id}"`, `r:id="${rid}"`));
        }
        zip.remove(ownPath);
        zip.remove(relsPathOf(ownPath));
        body += anchors.join("");
        xml = xml.replace(/<drawing r:id="[^"]+"\/>/, "");
        zip.file(relsPathOf(part), relsXml(rels.filter((r) => r !== own)), { createFolders: false });
      }
      if (things.includes("chart")) {
        b.file(
          `xl/charts/chartUser${k}.xml`,
          userChart(sheet, `Users chart ${k}`),
          `${T}.drawingml.chart+xml`,
        );
        const rid = await b.rel(drawing, `${R}/chart`, `../charts/chartUser${k}.xml`);
        body += anchor(col, row - 1, col + 5, row + 1, frame(100 + k, rid, `User chart ${k}`));
      }
      if (things.includes("image")) {
        b.file(`xl/media/imageUser${k}.png`, PNG);
        const rid = await b.rel(drawing, `${R}/image`, `../media/imageUser${k}.png`);
        body += anchor(col + 6, row - 1, col + 7, row + 1, picture(200 + k, rid));
      }
      b.file(
        drawing,
        `${XML}<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">${body}</xdr:wsDr>`,
        `${T}.drawing+xml`,
      );
      const rid = await b.rel(part, `${R}/drawing`, `../drawings/drawingUser${k}.xml`);
      els.push(`<drawing r:id="${rid}"/>`);
    }
    if (things.includes("comment")) {
      b.file(
        `xl/comments${100 + k}.xml`,
        `${XML}<comments xmlns="${MAIN}"><authors><author>Finance</author></authors><commentList><comment ref="${cell(col, row)}" authorId="0"><text><r><t>Checked with the budget holder</t></r></text></comment></commentList></comments>`,
        `${T}.spreadsheetml.comments+xml`,
      );
      await b.rel(part, `${R}/comments`, `../comments${100 + k}.xml`);
      b.file(`xl/drawings/vmlDrawing${100 + k}.vml`, VML(row - 1, col));
      const rid = await b.rel(part, `${R}/vmlDrawing`, `../drawings/vmlDrawing${100 + k}.vml`);
      els.push(`<legacyDrawing r:id="${rid}"/>`);
    }
    if (things.includes("format"))
      els.push(
        `<conditionalFormatting sqref="${cell(col, row)}:${cell(col, row + 1)}"><cfRule type="colorScale" priority="1"><colorScale><cfvo type="min"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>`,
      );
    if (things.includes("validation")) {
      const item = `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${cell(col + 1, row)}"><formula1>"Yes,No"</formula1></dataValidation>`;
      // A sheet holds one <dataValidations>: the product's dropdowns may be there already.
      const existing = /<dataValidations count="(\d+)">/.exec(xml);
      if (existing)
        xml = xml
          .replace(existing[0], `<dataValidations count="${Number(existing[1]) + 1}">`)
          .replace("</dataValidations>", `${item}</dataValidations>`);
      else els.push(`<dataValidations count="1">${item}</dataValidations>`);
    }
    if (things.includes("table")) {
      const tableRef = sheet === USER_SHEET ? "A1:B3" : `${cell(col, row)}:${cell(col + 1, row + 2)}`;
      b.file(
        `xl/tables/table${90 + k}.xml`,
        `${XML}<table xmlns="${MAIN}" id="${90 + k}" name="UserTable${k}" displayName="UserTable${k}" ref="${tableRef}" totalsRowShown="0"><autoFilter ref="${tableRef}"/><tableColumns count="2"><tableColumn id="1" name="Region"/><tableColumn id="2" name="Amount"/></tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
        `${T}.spreadsheetml.table+xml`,
      );
      const rid = await b.rel(part, `${R}/table`, `../tables/table${90 + k}.xml`);
      els.push(`<tableParts count="1"><tablePart r:id="${rid}"/></tableParts>`);
    }
    if (things.includes("pivot")) {
      b.file(
        `xl/pivotTables/pivotTableUser${k}.xml`,
        `${XML}<pivotTableDefinition xmlns="${MAIN}" name="UserPivot" cacheId="5" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" updatedVersion="6" minRefreshableVersion="3" createdVersion="6" indent="0" outline="1" outlineData="1" multipleFieldFilters="0">` +
          `<location ref="D1:E4" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields>` +
          `<rowFields count="1"><field x="0"/></rowFields><rowItems count="3"><i><x/></i><i><x v="1"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems><dataFields count="1"><dataField name="Sum of Amount" fld="1" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>`,
        `${T}.spreadsheetml.pivotTable+xml`,
      );
      await b.rel(
        `xl/pivotTables/pivotTableUser${k}.xml`,
        `${R}/pivotCacheDefinition`,
        "../pivotCache/pivotCacheDefinition1.xml",
      );
      await b.rel(part, `${R}/pivotTable`, `../pivotTables/pivotTableUser${k}.xml`);
    }
    if (things.includes("x14")) {
      // x14 data validation with a list on another sheet, and a slicer: both live in the sheet's extLst.
      const slicer = `xl/slicers/slicerUser${k}.xml`;
      b.file(
        slicer,
        `${XML}<slicers xmlns="${X14}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><slicer name="Region ${k}" cache="Slicer_Region" caption="Region" rowHeight="241300"/></slicers>`,
        "application/vnd.ms-excel.slicer+xml",
      );
      const rid = await b.rel(
        part,
        "http://schemas.microsoft.com/office/2007/relationships/slicer",
        `../slicers/slicerUser${k}.xml`,
      );
      els.push(
        `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${X14}"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">` +
          `<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>'${USER_SHEET}'!$A$2:$A$3</xm:f></x14:formula1><xm:sqref>${cell(col + 2, row)}</xm:sqref></x14:dataValidation></x14:dataValidations></ext>` +
          `<ext uri="{A8765BA9-456A-4dab-B4F3-ACF838C121DE}" xmlns:x14="${X14}"><x14:slicerList><x14:slicer xmlns:r="${R}" r:id="${rid}"/></x14:slicerList></ext></extLst>`,
      );
    }
    zip.file(part, addToSheet(xml, els), { createFolders: false });
  }
  await b.finish();
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
