import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { linkLocation } from "../../../src/workbook/exceljs/internalLinks";
import { loadXlsxPreserving } from "../../../src/workbook/exceljs/packageOrigin";

/**
 * Links to a sheet of the same workbook (the Programme's proposal names) are saved as Excel saves them, a
 * location with no relationship, and each spelling met in files (ours before, LibreOffice's link to the file
 * itself plus a location, Excel's location-only) is read as that same link; a LibreOffice save followed by a
 * refresh used to leave every one pointing at the file ("e1.xlsx") alone.
 */

const CFS = "CFS Targeted Prevention";
const TARGET = `'${CFS}'!A1`;

async function sheetXml(bytes: Uint8Array): Promise<{ sheet: string; rels: string }> {
  const zip = await JSZip.loadAsync(bytes);
  return {
    sheet: await zip.file("xl/worksheets/sheet1.xml")!.async("string"),
    rels: (await zip.file("xl/worksheets/_rels/sheet1.xml.rels")?.async("string")) ?? "",
  };
}

/** A Programme sheet whose B4..B8 carry links, in the spellings `links` gives (sheet XML tag, relationship). */
async function withLinks(links: readonly { tag: string; rel?: string }[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Programme");
  wb.addWorksheet(CFS);
  links.forEach((_, i) => (ws.getCell(`B${4 + i}`).value = `Name ${i}`));
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const tags = links.map((l, i) => l.tag.replace("REF", `B${4 + i}`)).join("");
  zip.file(
    "xl/worksheets/sheet1.xml",
    sheet.replace("</sheetData>", `</sheetData><hyperlinks>${tags}</hyperlinks>`),
  );
  const rels = links.flatMap((l) => (l.rel ? [l.rel] : [])).join("");
  zip.file(
    "xl/worksheets/_rels/sheet1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
  );
  return zip.generateAsync({ type: "uint8array" });
}

const HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
const rel = (id: string, target: string) =>
  `<Relationship Id="${id}" Type="${HYPERLINK}" Target="${target}" TargetMode="External"/>`;

describe("internal links", () => {
  it("are saved as a location with no relationship, and read back as the same link", async () => {
    const port = new ExcelJsPort(new ExcelJS.Workbook());
    await port.addSheet("Programme");
    await port.addSheet(CFS);
    await port.writeCells("Programme", [{ address: "B4", value: CFS, link: TARGET }]);
    const bytes = await port.toXlsx();
    const { sheet, rels } = await sheetXml(bytes);
    expect(sheet.match(/<hyperlink [^>]*>/g)).toEqual([
      `<hyperlink ref="B4" location="&apos;${CFS}&apos;!A1"/>`.replace(/&apos;/g, "'"),
    ]);
    expect(rels).not.toContain(HYPERLINK);
    const wb = new ExcelJS.Workbook();
    await loadXlsxPreserving(wb, bytes);
    expect(wb.getWorksheet("Programme")!.getCell("B4").value).toEqual({ text: CFS, hyperlink: `#${TARGET}` });
  });

  it("read ours, LibreOffice's and Excel's spellings as the one internal link, and keep real external links", async () => {
    const bytes = await withLinks([
      // Ours before: an external "#" target and a location with its "#".
      {
        tag: `<hyperlink ref="REF" r:id="rId1" location="#&apos;${CFS}&apos;!A1"/>`,
        rel: rel("rId1", `#&apos;${CFS}&apos;!A1`),
      },
      // LibreOffice's save of that: the file itself, and the location doubled and percent-encoded.
      {
        tag: `<hyperlink ref="REF" r:id="rId2" location="&apos;CFS%20Targeted%20Prevention&apos;!A1%23%23&apos;CFS%20Targeted%20Prevention&apos;!A1" display="x"/>`,
        rel: rel("rId2", "e1.xlsx"),
      },
      // Excel's (and LibreOffice's own) internal link.
      { tag: `<hyperlink ref="REF" location="&apos;${CFS}&apos;!A1" display="x"/>` },
      // A web page and another workbook: not internal.
      { tag: `<hyperlink ref="REF" r:id="rId4"/>`, rel: rel("rId4", "https://example.org/") },
      { tag: `<hyperlink ref="REF" r:id="rId5"/>`, rel: rel("rId5", "other.xlsx") },
    ]);
    const wb = new ExcelJS.Workbook();
    await loadXlsxPreserving(wb, bytes);
    const ws = wb.getWorksheet("Programme")!;
    expect(["B4", "B5", "B6", "B7", "B8"].map((a) => ws.getCell(a).value)).toEqual([
      { text: "Name 0", hyperlink: `#${TARGET}` },
      { text: "Name 1", hyperlink: `#${TARGET}` },
      { text: "Name 2", hyperlink: `#${TARGET}` },
      { text: "Name 3", hyperlink: "https://example.org/" },
      { text: "Name 4", hyperlink: "other.xlsx" },
    ]);
    // A refresh that rewrites the sheet saves each internal one as Excel does, the others as they were.
    const port = new ExcelJsPort(wb);
    await port.writeCells("Programme", [{ address: "Z1", value: "x" }]);
    const { sheet, rels } = await sheetXml(await port.toXlsx());
    const tags = sheet.match(/<hyperlink [^>]*>/g)!;
    expect(tags.slice(0, 3)).toEqual(
      ["B4", "B5", "B6"].map((r) => `<hyperlink ref="${r}" location="${TARGET}"/>`),
    );
    expect(tags.slice(3).every((t) => / r:id="/.test(t) && !/location/.test(t))).toBe(true);
    expect([...rels.matchAll(/Target="([^"]*)"/g)].map((m) => m[1]).sort()).toEqual([
      "https://example.org/",
      "other.xlsx",
    ]);
  });

  it.each([
    ["#Reablement!A1", "Reablement!A1"],
    ["Reablement!A1%23%23Reablement!A1", "Reablement!A1"],
    ["'A%20B'!A1%23%23'A%20B'!A1", "'A B'!A1"],
    ["'50%'!A1", "'50%'!A1"],
    ["#'Pilot #2'!A1", "'Pilot #2'!A1"],
    ["'Pilot #2'!A1%23%23'Pilot #2'!A1", "'Pilot #2'!A1"],
    ["'Cost%20x'!A1", "'Cost%20x'!A1"],
    ["#'Cost%20x'!A1", "'Cost%20x'!A1"],
  ])("reads the location %s as %s", (raw, expected) => {
    expect(linkLocation(raw)).toBe(expected);
  });

  it.each(["Pilot #2", "Cost%20x", "A##B"])(
    "save and read back a link to the sheet %s unchanged",
    async (name) => {
      const port = new ExcelJsPort(new ExcelJS.Workbook());
      await port.addSheet("Programme");
      await port.addSheet(name);
      const target = `'${name}'!A1`;
      await port.writeCells("Programme", [{ address: "B4", value: name, link: target }]);
      const bytes = await port.toXlsx();
      const { sheet } = await sheetXml(bytes);
      expect(sheet.match(/<hyperlink [^>]*>/g)).toEqual([`<hyperlink ref="B4" location="${target}"/>`]);
      const wb = new ExcelJS.Workbook();
      await loadXlsxPreserving(wb, bytes);
      expect(wb.getWorksheet("Programme")!.getCell("B4").value).toEqual({
        text: name,
        hyperlink: `#${target}`,
      });
    },
  );

  it("keep a number, formula or rich text cell that carries an internal link as it is", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Programme");
    wb.addWorksheet("Summary");
    ws.getCell("B4").value = 42;
    ws.getCell("B5").value = { formula: "1+1", result: 2 };
    ws.getCell("B6").value = { richText: [{ text: "rich" }] };
    ws.getCell("B7").value = "words";
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const tags = ["B4", "B5", "B6", "B7"]
      .map((r) => `<hyperlink ref="${r}" location="Summary!A1"/>`)
      .join("");
    zip.file(
      "xl/worksheets/sheet1.xml",
      xml.replace("</sheetData>", `</sheetData><hyperlinks>${tags}</hyperlinks>`),
    );
    const loaded = new ExcelJS.Workbook();
    await loadXlsxPreserving(loaded, await zip.generateAsync({ type: "uint8array" }));
    const port = new ExcelJsPort(loaded);
    const cells = await port.readCells("Programme", ["B4", "B5", "B7"]);
    expect(cells.map((c) => c.value)).toEqual([42, 2, "words"]);
    const read = loaded.getWorksheet("Programme")!;
    expect(read.getCell("B5").formula).toBe("1+1");
    expect(read.getCell("B6").value).toEqual({ richText: [{ text: "rich" }] });
    expect(read.getCell("B7").value).toEqual({ text: "words", hyperlink: "#Summary!A1" });
  });

  it("leave a link to another workbook's sheet alone, even when this workbook has a sheet of that name", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Programme");
    wb.addWorksheet("Summary");
    ws.getCell("B4").value = "Budget";
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file(
      "xl/worksheets/sheet1.xml",
      xml.replace(
        "</sheetData>",
        `</sheetData><hyperlinks><hyperlink ref="B4" r:id="rId9" location="Summary!B2"/></hyperlinks>`,
      ),
    );
    zip.file(
      "xl/worksheets/_rels/sheet1.xml.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId9", "Budget2025.xlsx")}</Relationships>`,
    );
    const loaded = new ExcelJS.Workbook();
    await loadXlsxPreserving(loaded, await zip.generateAsync({ type: "uint8array" }));
    const value = loaded.getWorksheet("Programme")!.getCell("B4").value as { hyperlink?: string };
    expect(value.hyperlink).not.toMatch(/^#/);
    const port = new ExcelJsPort(loaded);
    await port.writeCells("Programme", [{ address: "Z1", value: "x" }]);
    const saved = await sheetXml(await port.toXlsx());
    expect(saved.rels).toContain('Target="Budget2025.xlsx"');
    expect(saved.sheet).not.toMatch(/<hyperlink [^>]*location="Summary!B2"(?![^>]*r:id)/);
  });
});
