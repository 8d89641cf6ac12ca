import * as ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";

/** The ExcelJS adapter's defined names and date system, through a saved and reopened file. */

async function reopen(wb: ExcelJS.Workbook, patch?: (workbookXml: string) => string): Promise<ExcelJsPort> {
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  if (patch) zip.file("xl/workbook.xml", patch(await zip.file("xl/workbook.xml")!.async("string")));
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await zip.generateAsync({ type: "arraybuffer" }));
  return new ExcelJsPort(back);
}

describe("ExcelJsPort defined names", () => {
  it("refuses a name that exists (ignoring case) instead of giving it a second range, and defines none", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await port.addSheet("A");
    await port.addSheet("B");
    await port.defineNames([{ name: "mtfs_X_lever", sheet: "A", address: "B48" }]);
    await expect(
      port.defineNames([
        { name: "mtfs_X_durationWeeks", sheet: "B", address: "B49" },
        { name: "MTFS_X_LEVER", sheet: "B", address: "B48" },
      ]),
    ).rejects.toMatchObject({ code: "name-exists" });
    await expect(
      port.defineNames([
        { name: "mtfs_Y", sheet: "B", address: "B1" },
        { name: "mtfs_y", sheet: "B", address: "B2" },
      ]),
    ).rejects.toMatchObject({ code: "name-exists" });
    expect(await port.listNames()).toEqual([{ name: "mtfs_X_lever", sheet: "A", address: "B48" }]);
    expect(wb.definedNames.model).toEqual([{ name: "mtfs_X_lever", ranges: ["A!$B$48"] }]);
  });

  it("lists a name whose cells were deleted as pointing nowhere", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A");
    const deleted = '<definedNames><definedName name="mtfs_X_lever">#REF!$B$48</definedName></definedNames>';
    const port = await reopen(wb, (xml) => xml.replace("</sheets>", `</sheets>${deleted}`));
    expect(await port.listNames()).toEqual([{ name: "mtfs_X_lever", sheet: "", address: "=#REF!$B$48" }]);
  });
});

describe("ExcelJsPort date system", () => {
  async function workbook(date1904: boolean): Promise<ExcelJsPort> {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = date1904;
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = new Date(Date.UTC(2026, 7, 1));
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    ws.getCell("A2").value = 46_235;
    return reopen(wb);
  }

  it("says whether the workbook counts from 1904 and reads its dates as the same day", async () => {
    for (const date1904 of [false, true]) {
      const port = await workbook(date1904);
      expect(await port.usesDate1904()).toBe(date1904);
      expect(await port.readCells("S", ["A1"])).toEqual([{ value: "2026-08-01" }]);
    }
  });

  it("gives a number back unchanged when ExcelJS took its format for a date (1904 workbook)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("S");
    // LibreOffice's £m format, which ExcelJS reads as a date format.
    ws.getCell("A1").value = 1_104_079.71;
    ws.getCell("A1").numFmt = "£#,##0.00,,m";
    const port = await reopen(wb);
    const [cell] = await port.readCells("S", ["A1"]);
    expect(cell.value as number).toBeCloseTo(1_104_079.71, 6);
  });
});

describe("ExcelJsPort styles of a loaded workbook", () => {
  it("styles only the cells it writes, though ExcelJS shares one style object per style id", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    for (const a of ["A1", "B1", "C1"]) {
      ws.getCell(a).value = 1;
      ws.getCell(a).numFmt = "0.0";
      ws.getCell(a).font = { name: "Calibri", bold: true, color: { argb: "FFFFFFFF" } };
      ws.getCell(a).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } };
    }
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const port = new ExcelJsPort(loaded);
    await port.writeCells("S", [
      { address: "A1", value: 2, numberFormat: "£#,##0", style: { fill: "F2F2F2", bold: false } },
    ]);
    const s = loaded.getWorksheet("S")!;
    expect([s.getCell("A1").numFmt, s.getCell("A1").fill]).toEqual([
      "£#,##0",
      { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } },
    ]);
    for (const a of ["B1", "C1"]) {
      expect(s.getCell(a).numFmt).toBe("0.0");
      expect(s.getCell(a).font.bold).toBe(true);
      expect((s.getCell(a).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF1F4E79");
    }
  });
});

describe("ExcelJsPort rows inserted and deleted under merged cells", () => {
  const merged = async (port: ExcelJsPort, rows: number): Promise<string[]> =>
    [
      ...(await port.readMerges(
        "S",
        Array.from({ length: rows }, (_, i) => `A${i + 1}`),
      )),
    ].sort();

  it("moves a merge below the rows with its text, saved there, and back when the rows are deleted", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 5 }), async (at, count) => {
        const wb = new ExcelJS.Workbook();
        const port = new ExcelJsPort(wb);
        await port.addSheet("S");
        await port.writeCells("S", [
          { address: "A1", value: "title" },
          { address: "A12", value: "note" },
        ]);
        await port.mergeCells("S", ["A1:B1", "A12:B12"]);
        await port.insertRows("S", at, count);
        const moved = at <= 12 ? 12 + count : 12;
        const titleRow = at <= 1 ? 1 + count : 1;
        const back = new ExcelJS.Workbook();
        await back.xlsx.load((await port.toXlsx()) as unknown as ArrayBuffer);
        const saved = new ExcelJsPort(back);
        expect(await merged(saved, 40)).toEqual([`A${titleRow}:B${titleRow}`, `A${moved}:B${moved}`].sort());
        expect(back.getWorksheet("S")!.getCell(`A${moved}`).value).toBe("note");
        await port.deleteRows("S", at, count);
        const again = new ExcelJS.Workbook();
        await again.xlsx.load((await port.toXlsx()) as unknown as ArrayBuffer);
        expect(await merged(new ExcelJsPort(again), 40)).toEqual(["A12:B12", "A1:B1"].sort());
        expect(again.getWorksheet("S")!.getCell("B12").isMerged).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
