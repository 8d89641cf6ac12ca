import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { loadXlsxPreserving } from "../../../src/workbook/exceljs/packageOrigin";

/**
 * A workbook saved by LibreOffice spells our £m format with backslash escapes (`\£#,##0.00,,\m`), which ExcelJS
 * reads as a month: its figures came back as Dates, rounded, and as NaN above ~£100m (an invalid Date), which a
 * refresh then wrote into the file. Loading reads them as the stored numbers, exactly.
 */

const LO_MILLIONS = '\\£#,##0.00,,\\m;"-£"#,##0.00,,\\m;\\-';

/** A package as LibreOffice writes it: the cells' £m format spelled with escapes. */
async function libreOfficeSpelled(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Demand");
  ws.getCell("A1").value = 2_700_000_000;
  ws.getCell("A2").value = { formula: "A1*1", result: 2_700_000_000 } as ExcelJS.CellFormulaValue;
  ws.getCell("A3").value = 1_234_567.89;
  ws.getCell("A4").value = -60_000;
  for (const a of ["A1", "A2", "A3", "A4"]) ws.getCell(a).numFmt = '"£"#,##0.00,,"m"';
  // A date cell holding a number no date can be (typed by mistake): a number, not an invalid Date.
  ws.getCell("B1").value = 3e9;
  ws.getCell("B1").numFmt = "yyyy-mm-dd";
  ws.getCell("B2").value = new Date("2026-09-01T00:00:00Z");
  ws.getCell("B2").numFmt = "yyyy-mm-dd";
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const styles = await zip.file("xl/styles.xml")!.async("string");
  const lo = LO_MILLIONS.replace(/"/g, "&quot;");
  zip.file(
    "xl/styles.xml",
    styles.replace(/formatCode="&quot;£&quot;#,##0.00,,&quot;m&quot;"/, `formatCode="${lo}"`),
  );
  expect(await zip.file("xl/styles.xml")!.async("string")).toContain(lo);
  return zip.generateAsync({ type: "uint8array" });
}

async function opened(bytes: Uint8Array): Promise<ExcelJsPort> {
  const wb = new ExcelJS.Workbook();
  await loadXlsxPreserving(wb, bytes);
  return new ExcelJsPort(wb);
}

describe("loading a LibreOffice-saved workbook", () => {
  it("reads the £m cells' stored numbers exactly, above £100m too, and real dates as dates", async () => {
    const port = await opened(await libreOfficeSpelled());
    const cells = await port.readCells("Demand", ["A1", "A2", "A3", "A4", "B1", "B2"]);
    expect(cells.map((c) => c.value)).toEqual([
      2_700_000_000,
      2_700_000_000,
      1_234_567.89,
      -60_000,
      3e9,
      "2026-09-01",
    ]);
    expect(cells[1].formula).toBe("A1*1");
  });

  it("never reads NaN, even through a plain ExcelJS load that made invalid Dates", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await libreOfficeSpelled()) as unknown as ArrayBuffer);
    const cells = await new ExcelJsPort(wb).readCells("Demand", ["A1", "A3", "B1"]);
    expect(cells.map((c) => c.value)).toEqual(["#NUM!", expect.closeTo(1_234_567.89, 6), "#NUM!"]);
  });

  it("saves the sheets it rewrote with the original £m format, adding none", async () => {
    const port = await opened(await libreOfficeSpelled());
    await port.writeCells("Demand", [{ address: "A3", value: 2_800_000_000 }]);
    const zip = await JSZip.loadAsync(await port.toXlsx());
    const styles = await zip.file("xl/styles.xml")!.async("string");
    const codes = [...styles.matchAll(/formatCode="([^"]*)"/g)].map((m) => m[1].replace(/&quot;/g, '"'));
    expect(codes.filter((c) => /#,##0\.00,,/.test(c))).toEqual([LO_MILLIONS]);
    const back = await opened(await port.toXlsx());
    expect((await back.readCells("Demand", ["A1", "A3"])).map((c) => c.value)).toEqual([
      2_700_000_000, 2_800_000_000,
    ]);
  });
});

describe("writing cells", () => {
  it("refuses NaN and Infinity before writing any cell of the batch, naming the cell", async () => {
    const port = new ExcelJsPort(new ExcelJS.Workbook());
    await port.addSheet("Demand");
    for (const bad of [NaN, -Infinity])
      await expect(
        port.writeCells("Demand", [
          { address: "A1", value: 1 },
          { address: "B5", value: bad },
        ]),
      ).rejects.toMatchObject({ code: "not-finite", message: expect.stringContaining("Demand!B5") });
    expect((await port.readCells("Demand", ["A1"]))[0].value).toBeNull();
  });
});
