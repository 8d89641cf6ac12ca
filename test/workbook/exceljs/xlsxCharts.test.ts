import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { addChartsToXlsx, chartXml } from "../../../src/workbook/exceljs/xlsxCharts";
import { refreshWorkbook } from "../../../src/workbook/operations";
import { demoWorkbook } from "../fixtures";

describe("profile charts in .xlsx packages", () => {
  it("adds a combo chart and a tornado per proposal sheet, wired into the sheet, its drawing and the content types", async () => {
    const { port } = await demoWorkbook();
    const zip = await JSZip.loadAsync(await port.toXlsx());
    const charts = Object.keys(zip.files).filter((f) => f.startsWith("xl/charts/"));
    expect(charts).toHaveLength(6);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    for (const c of charts) expect(types).toContain(`PartName="/${c}"`);
    const chart = await zip.file(charts[0])!.async("string");
    expect(chart).toMatch(/<c:barChart>.*<c:lineChart>/s);
    // Each drawing is referenced from exactly one worksheet.
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    const withDrawing = (await Promise.all(sheets.map((f) => zip.file(f)!.async("string")))).filter((x) =>
      x.includes("<drawing r:id="),
    );
    expect(withDrawing).toHaveLength(3);
    // One drawing per sheet holds both charts, each anchored and related to its own chart part.
    const drawings = Object.keys(zip.files).filter((f) => /^xl\/drawings\/mtfsDrawing\d+\.xml$/.test(f));
    expect(drawings).toHaveLength(3);
    const drawing = await zip.file(drawings[0])!.async("string");
    expect(drawing.match(/<xdr:twoCellAnchor /g)).toHaveLength(2);
    expect(drawing).toContain('name="MTFS tornado"');
    const rels = await zip
      .file(drawings[0].replace("drawings/", "drawings/_rels/") + ".rels")!
      .async("string");
    expect(rels.match(/Target="..\/charts\/mtfsChart\d+\.xml"/g)).toHaveLength(2);
    const bars = (await Promise.all(charts.map((c) => zip.file(c)!.async("string")))).filter((x) =>
      x.includes('<c:barDir val="bar"/>'),
    );
    expect(bars).toHaveLength(3);
    expect(bars[0]).toContain('<c:overlap val="100"/>');
    expect(bars[0]).toContain('<c:orientation val="maxMin"/>');
  });

  it("survives a load and refresh by ExcelJS (charts are re-derived at every save)", async () => {
    const { port } = await demoWorkbook();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await port.toXlsx()) as unknown as ArrayBuffer);
    const again = new ExcelJsPort(wb);
    expect((await refreshWorkbook(again)).changes).toEqual([]);
    const zip = await JSZip.loadAsync(await again.toXlsx());
    expect(Object.keys(zip.files).filter((f) => f.startsWith("xl/charts/"))).toHaveLength(6);
  });

  it("escapes sheet names and titles in the chart XML and caches the values", () => {
    const xml = chartXml({
      spec: {
        sheet: "O'Neil & Co",
        title: "Profile <£>",
        categories: "A2:A3",
        bars: { name: "In-year", values: "B2:B3" },
        line: { name: "Cumulative", values: "C2:C3" },
        from: "J1",
        to: "Q16",
      },
      categories: ["FY26/27", "FY27/28"],
      bars: [-500000, 1000],
      line: [-500000, -499000],
    });
    expect(xml).toContain("&apos;O&apos;&apos;Neil &amp; Co&apos;!$A$2:$A$3".replace(/&apos;/g, "'"));
    expect(xml).toContain("Profile &lt;£&gt;");
    expect(xml).toContain("<c:v>-499000</c:v>");
  });

  it("writes the value axis in £m to 1 dp, or in the spec's own format (the Dashboard's £k)", () => {
    const spec = {
      sheet: "S",
      title: "T",
      categories: "A2:A3",
      bars: { name: "Plan", values: "B2:B3" },
      line: { name: "Actual", values: "C2:C3" },
      from: "J1",
      to: "Q16",
    };
    const data = { categories: ["a", "b"], bars: [10000, 12000], line: [9000, 11000] };
    const axis = (xml: string) => /<c:valAx>.*?<c:numFmt formatCode="([^"]*)"/.exec(xml)?.[1];
    expect(axis(chartXml({ spec, ...data }))).toBe("&quot;£&quot;#,##0.0,,&quot;m&quot;");
    expect(axis(chartXml({ spec: { ...spec, valueFormat: '"£"#,##0,"k"' }, ...data }))).toBe(
      "&quot;£&quot;#,##0,&quot;k&quot;",
    );
  });

  it("colours every series itself, bars filled and lines stroked, since a LibreOffice-saved file has no theme", () => {
    const spec = {
      sheet: "S",
      title: "T",
      categories: "A2:A3",
      bars: { name: "Plan", values: "B2:B3" },
      line: { name: "Actual", values: "C2:C3" },
      moreLines: [{ name: "P90", values: "D2:D3" }],
      from: "J1",
      to: "Q16",
    };
    const combo = chartXml({ spec, categories: ["a", "b"], bars: [1, 2], line: [1, 3], moreLines: [[2, 4]] });
    const tornado = chartXml({
      kind: "bar",
      spec: {
        sheet: "S",
        name: "MTFS tornado",
        title: "T",
        categories: "A2:A3",
        series: [
          { name: "Low", values: "B2:B3" },
          { name: "High", values: "C2:C3" },
        ],
        from: "J1",
        to: "Q16",
      },
      categories: ["a", "b"],
      series: [
        [-1, -2],
        [1, 2],
      ],
    });
    const colours = (xml: string) =>
      [...xml.matchAll(/<c:ser>(.*?)<\/c:ser>/gs)].map((m) => {
        const shape = /<c:tx>.*?<\/c:tx><c:spPr>(.*?)<\/c:spPr>/s.exec(m[1])?.[1] ?? "";
        return /<a:ln\b/.test(shape)
          ? `line ${/<a:ln[^>]*><a:solidFill><a:srgbClr val="(\w+)"/.exec(shape)?.[1]}`
          : `fill ${/^<a:solidFill><a:srgbClr val="(\w+)"/.exec(shape)?.[1]}`;
      });
    expect(colours(combo)).toEqual(["fill 4F81BD", "line C0504D", "line 9BBB59"]);
    expect(colours(tornado)).toEqual(["fill 4F81BD", "fill C0504D"]);
  });

  it("leaves a package without charts to add as it was (re-zipped)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Only").getCell("A1").value = 1;
    const out = await addChartsToXlsx(await wb.xlsx.writeBuffer(), []);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(out as unknown as ArrayBuffer);
    expect(back.getWorksheet("Only")!.getCell("A1").value).toBe(1);
  });
});
