import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { loadXlsxPreserving } from "../../../src/workbook/exceljs/packageOrigin";
import { sheetParts } from "../../../src/workbook/exceljs/packageXml";

/** The rows each saved sheet's manual row breaks start a page at (a break's id is the row above it). */
async function savedBreaks(bytes: Uint8Array): Promise<Map<string, number[]>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, number[]>();
  for (const [sheet, part] of await sheetParts(zip)) {
    const xml = (await zip.file(part)?.async("string")) ?? "";
    const breaks = /<rowBreaks\b[\s\S]*?<\/rowBreaks>/.exec(xml)?.[0] ?? "";
    out.set(
      sheet,
      [...breaks.matchAll(/<brk\b[^>]*\bid="(\d+)"/g)].map((m) => Number(m[1]) + 1),
    );
  }
  return out;
}

/** A file with the user's own break above row 60 of S, and one above row 5 of T. */
async function userFile(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet("S");
  const t = wb.addWorksheet("T");
  s.getCell("A1").value = "S";
  t.getCell("A1").value = "T";
  s.getRow(59).addPageBreak();
  t.getRow(4).addPageBreak();
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("ExcelJsPort.setRowBreaks", () => {
  it("removes only the breaks it is told to, adds the new ones and keeps the others", async () => {
    const port = new ExcelJsPort(new ExcelJS.Workbook());
    await port.addSheet("S");
    await port.setRowBreaks("S", [10, 30, 70], []);
    await port.setRowBreaks("S", [12, 30], [10, 30]);
    expect((await savedBreaks(await port.toXlsx())).get("S")).toEqual([12, 30, 70]);
  });

  it("reads an opened file's breaks with OOXML's defaults for attributes left out, keeping pt", async () => {
    const wb = new ExcelJS.Workbook();
    const bytes = await userFile();
    const zip = await JSZip.loadAsync(bytes);
    const part = (await sheetParts(zip)).get("S")!;
    const xml = (await zip.file(part)!.async("string")).replace(
      /<rowBreaks\b[\s\S]*?<\/rowBreaks>/,
      '<rowBreaks count="2" manualBreakCount="1"><brk id="59" man="1"/><brk id="79" pt="1"/></rowBreaks>',
    );
    zip.file(part, xml);
    await loadXlsxPreserving(wb, new Uint8Array(await zip.generateAsync({ type: "uint8array" })));
    const port = new ExcelJsPort(wb);
    await port.setRowBreaks("S", [20], []);
    const saved = await JSZip.loadAsync(await port.toXlsx());
    const out = (await saved.file(part)!.async("string")).match(/<brk\b[^>]*>/g);
    expect(out).toEqual([
      expect.stringMatching(/id="19".*man="1"/),
      expect.stringMatching(/id="59" max="0" min="0" man="1"/),
      expect.stringMatching(/id="79" max="0" min="0" man="0" pt="1"/),
    ]);
  });

  it("keeps the user's breaks of an opened file, on the sheet it sets and on the others", async () => {
    const wb = new ExcelJS.Workbook();
    await loadXlsxPreserving(wb, await userFile());
    const port = new ExcelJsPort(wb);
    await port.writeCells("S", [{ address: "A2", value: "written" }]);
    await port.setRowBreaks("S", [20], []);
    const saved = await savedBreaks(await port.toXlsx());
    expect([saved.get("S"), saved.get("T")]).toEqual([[20, 60], [5]]);
  });

  it("leaves a written sheet's breaks as they were when it sets none there", async () => {
    const wb = new ExcelJS.Workbook();
    await loadXlsxPreserving(wb, await userFile());
    const port = new ExcelJsPort(wb);
    await port.writeCells("S", [{ address: "A2", value: "written" }]);
    expect((await savedBreaks(await port.toXlsx())).get("S")).toEqual([60]);
  });
});

describe("ExcelJsPort.insertRows and deleteRows", () => {
  it("move the breaks at or below the rows, as Excel does, and keep those above", async () => {
    const port = new ExcelJsPort(new ExcelJS.Workbook());
    await port.addSheet("S");
    await port.setRowBreaks("S", [5, 20, 40], []);
    await port.insertRows("S", 20, 3);
    expect((await savedBreaks(await port.toXlsx())).get("S")).toEqual([5, 23, 43]);
  });

  it("move an opened file's breaks, and a product break set afterwards lands where it is asked", async () => {
    const wb = new ExcelJS.Workbook();
    await loadXlsxPreserving(wb, await userFile());
    const port = new ExcelJsPort(wb);
    await port.insertRows("S", 10, 2);
    await port.insertRows("T", 10, 2);
    await port.setRowBreaks("S", [30], []);
    const saved = await savedBreaks(await port.toXlsx());
    expect([saved.get("S"), saved.get("T")]).toEqual([[30, 62], [5]]);
  });

  it("undoing an insert puts the breaks back where they were", async () => {
    const wb = new ExcelJS.Workbook();
    await loadXlsxPreserving(wb, await userFile());
    const port = new ExcelJsPort(wb);
    await port.insertRows("S", 10, 2);
    await port.deleteRows("S", 10, 2);
    expect((await savedBreaks(await port.toXlsx())).get("S")).toEqual([60]);
  });

  it("move a column break's row extent with the inserted rows, to the sheet's last row at most", async () => {
    const zip = await JSZip.loadAsync(await userFile());
    const part = (await sheetParts(zip)).get("S")!;
    const colBreaks =
      '<colBreaks count="2" manualBreakCount="2"><brk id="3" min="30" max="80" man="1"/>' +
      '<brk id="6" max="1048575" man="1"/></colBreaks>';
    zip.file(
      part,
      (await zip.file(part)!.async("string")).replace("</rowBreaks>", `</rowBreaks>${colBreaks}`),
    );
    const wb = new ExcelJS.Workbook();
    await loadXlsxPreserving(wb, new Uint8Array(await zip.generateAsync({ type: "uint8array" })));
    const port = new ExcelJsPort(wb);
    await port.insertRows("S", 10, 2);
    const saved = await JSZip.loadAsync(await port.toXlsx());
    const xml = await saved.file(part)!.async("string");
    expect(/<colBreaks\b[\s\S]*?<\/colBreaks>/.exec(xml)?.[0].match(/<brk\b[^>]*>/g)).toEqual([
      '<brk id="3" min="32" max="82" man="1"/>',
      '<brk id="6" max="1048575" man="1"/>',
    ]);
  });
});
