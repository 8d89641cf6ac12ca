import { mergeStyles } from "../../../src/workbook/exceljs/stylesMerge";

const HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;
// As LibreOffice or Excel might write it: no custom number formats, one extra font.
const ORIGINAL =
  `${HEAD}<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
// ExcelJS's: the bold font first, then a custom £m format on the default font.
const EXCELJS =
  `${HEAD}<numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;£&quot;0.00,,&quot;m&quot;"/></numFmts>` +
  `<fonts count="2"><font><b/><sz val="11"/><name val="Calibri"/></font><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="3"><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

describe("merging ExcelJS's cell formats into the original styles.xml", () => {
  it("reuses equal formats, appends new ones after the original's and maps every index", () => {
    const { xml, xfIndex } = mergeStyles(ORIGINAL, EXCELJS);
    // Default and bold map onto the original's own entries; the £m format is new.
    expect(xfIndex).toEqual([0, 1, 2]);
    expect(xml).toContain(
      `<numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;£&quot;0.00,,&quot;m&quot;"/></numFmts><fonts`,
    );
    expect(xml).toContain(
      `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`,
    );
    expect(xml).toContain(`<cellXfs count="3">`);
    // The original's entries keep their positions, so sheets kept as they were still point at the same formats.
    expect(
      xml.indexOf(ORIGINAL.slice(ORIGINAL.indexOf("<fonts"), ORIGINAL.indexOf("<cellXfs"))),
    ).toBeGreaterThan(0);
  });

  it("changes nothing the second time", () => {
    const once = mergeStyles(ORIGINAL, EXCELJS).xml;
    const twice = mergeStyles(once, EXCELJS);
    expect(twice.xml).toBe(once);
    expect(twice.xfIndex).toEqual([0, 1, 2]);
  });
});

it("keeps the original's escaped format for one ExcelJS read without its escapes (LibreOffice's £m)", () => {
  // LibreOffice writes "£#,##0.00,,m" with backslashes; ExcelJS drops them, and unescaped the m is a month.
  const escaped = `\\£#,##0.00,,\\m;&quot;-£&quot;#,##0.00,,\\m;\\-`;
  const original = ORIGINAL.replace(
    "<fonts",
    `<numFmts count="1"><numFmt numFmtId="166" formatCode="${escaped}"/></numFmts><fonts`,
  );
  const excel = EXCELJS.replace(
    `formatCode="&quot;£&quot;0.00,,&quot;m&quot;"`,
    `formatCode="£#,##0.00,,m;&quot;-£&quot;#,##0.00,,m;-"`,
  );
  const { xml } = mergeStyles(original, excel);
  expect(xml).toContain(`<numFmts count="1"><numFmt numFmtId="166" formatCode="${escaped}"/></numFmts>`);
  expect(xml).toContain(
    `<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
  );
});
