import * as ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { readFileSync } from "fs";
import { decimalCalculator, parseDemandModel, projectDemand } from "../../src/engine";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { writeDemandSheet } from "../../src/workbook/demand";
import { WorkbookError } from "../../src/workbook/errors";
import { formulaCells, plain, tempDir } from "./fixtures";
import { hasLibreOffice, recalcInLibreOffice } from "./libreoffice";

// The Demand sheet: engine values where only the model can compute them, standard formulas (differences,
// running sums, SUM) where the arithmetic is standard, and a chart of budget against both spend lines.

const model = parseDemandModel(
  JSON.parse(readFileSync(path.join(__dirname, "../../examples/national-children-in-care.json"), "utf8")),
);
const projection = projectDemand(model, decimalCalculator);

async function demandWorkbook(): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const wb = new ExcelJS.Workbook();
  const port = new ExcelJsPort(wb);
  await writeDemandSheet(port, model, projection);
  return { wb, port };
}

describe("Demand sheet", () => {
  it("lays out one row per year with formulas for the standard arithmetic", async () => {
    const { wb } = await demandWorkbook();
    const ws = wb.getWorksheet("Demand")!;
    expect(ws.getCell("A1").value).toBe(model.name);
    expect(ws.getCell("A5").value).toBe("FY24/25 (base)");
    expect(ws.getCell("A16").value).toBe("FY35/36");
    // FY29/30 is row 10: overspend, benefit and cost avoidance are differences; the running sums start at
    // reportFrom (FY26/27, row 7).
    expect((ws.getCell("E10").value as { formula: string }).formula).toBe("D10-B10");
    expect((ws.getCell("G10").value as { formula: string }).formula).toBe("C10-D10");
    expect((ws.getCell("J10").value as { formula: string }).formula).toBe("G10-I10");
    expect((ws.getCell("F7").value as { formula: string }).formula).toBe("E7");
    expect((ws.getCell("F10").value as { formula: string }).formula).toBe("F9+E10");
    expect(ws.getCell("F6").value).toBe(0);
    expect(ws.getCell("A18").value).toBe("Break-even year");
    expect(ws.getCell("B18").value).toBe("FY33/34");
    expect((ws.getCell("B20").value as { formula: string }).formula).toBe("SUM(C7:C16)-SUM(B7:B16)");
    expect(plain(ws.getCell("B22").value)).toBeCloseTo(projection.cumulativeBenefit.toNumber(), 2);
  });

  it("spans the Inputs heading and the years note over P:S, wrapped in rows tall enough (new-user trial)", async () => {
    const { wb } = await demandWorkbook();
    const ws = wb.getWorksheet("Demand")!;
    // Both were cut at column P's edge: the heading unwrapped, the note one line high.
    expect(ws.getCell("S4").master.address).toBe("P4");
    expect(ws.getCell("S5").master.address).toBe("P5");
    expect(ws.getCell("P4").alignment?.wrapText).toBe(true);
    expect(ws.getCell("P5").alignment?.wrapText).toBe(true);
    expect(ws.getRow(4).height).toBeGreaterThanOrEqual(45);
    // The note fits P:S's one line (94 characters wide), so its row keeps the one-line height.
    expect(String(ws.getCell("P5").value).length).toBeLessThan(94);
  });

  it("draws budget bars against the do-nothing and with-impact lines", async () => {
    const { port } = await demandWorkbook();
    const zip = await JSZip.loadAsync(await port.toXlsx());
    const chart = await zip.file("xl/charts/mtfsChart1.xml")!.async("string");
    const bars = /<c:barChart>([\s\S]*?)<\/c:barChart>/.exec(chart)![1];
    const lines = /<c:lineChart>([\s\S]*?)<\/c:lineChart>/.exec(chart)![1];
    expect(bars.match(/<c:ser>/g)).toHaveLength(1);
    expect(lines.match(/<c:ser>/g)).toHaveLength(2);
    expect(bars).toContain("'Demand'!$B$5:$B$16");
    expect(lines).toContain("'Demand'!$C$5:$C$16");
    expect(lines).toContain("<c:v>With-impact spend</c:v>");
    expect(lines).toContain("'Demand'!$D$5:$D$16");
    // Cached values for viewers that do not recalculate, £ amounts as numbers.
    expect(bars).toContain('<c:pt idx="0"><c:v>2700000000</c:v></c:pt>');
    expect(lines.match(/<c:pt idx="11"><c:v>\d/g)).toHaveLength(2); // both lines, to FY35/36
  });

  it("refuses to overwrite an existing sheet of the same name", async () => {
    const { port } = await demandWorkbook();
    await expect(writeDemandSheet(port, model, projection)).rejects.toBeInstanceOf(WorkbookError);
  });

  it("recalculates in LibreOffice to the engine's values, and keeps the chart", async () => {
    if (!hasLibreOffice()) throw new Error("LibreOffice (soffice) is not installed");
    const { wb, port } = await demandWorkbook();
    const file = path.join(tempDir(), "demand.xlsx");
    fs.writeFileSync(file, await port.toXlsx());
    const out = await recalcInLibreOffice(file);
    // Read LibreOffice's values from the sheet XML: ExcelJS takes the "m" of the £m format for a month and
    // turns amounts over £100m into invalid dates.
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const valueAt = (address: string): number | undefined => {
      const m = new RegExp(`<c r="${address}"[^>]*>(?:<f[^>]*>[^<]*</f>)?<v>([^<]*)</v>`).exec(xml);
      return m ? Number(m[1]) : undefined;
    };
    const cells = formulaCells(wb);
    expect(cells.length).toBeGreaterThan(50);
    const mismatches = cells.flatMap(([, address, formula, engine]) => {
      const got = valueAt(address);
      const ok =
        typeof engine === "number" &&
        typeof got === "number" &&
        Math.abs(got - engine) <= 1e-6 * Math.max(1, Math.abs(engine));
      return ok ? [] : [`${address} =${formula}: engine ${engine}, LibreOffice ${got}`];
    });
    expect(mismatches).toEqual([]);
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(1);
    const chartXml = await zip.file(charts[0])!.async("string");
    expect(chartXml.match(/<c:ser>/g)).toHaveLength(3);
  }, 180_000);
});
