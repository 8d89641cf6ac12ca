import JSZip from "jszip";
import { checkWorkbookSize, WORKBOOK_LIMITS } from "../../src/cli/zipLimits";

/** A minimal zip with one worksheet of `cells` cells and `padding` bytes of compressible filler. */
async function zipWith(cells: number, padding = 0): Promise<Buffer> {
  const zip = new JSZip();
  const row = Array.from({ length: cells }, (_, i) => `<c r="A${i + 1}"><v>1</v></c>`).join("");
  zip.file("[Content_Types].xml", "<Types/>");
  zip.file(
    "xl/worksheets/sheet1.xml",
    `<worksheet><sheetData><row>${row}</row></sheetData>${" ".repeat(padding)}</worksheet>`,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("checkWorkbookSize", () => {
  it("accepts a workbook within the limits", async () => {
    expect(() => checkWorkbookSize(Buffer.from([]), "x.xlsx")).toThrow(/no zip directory/);
    const zip = await zipWith(10);
    expect(() => checkWorkbookSize(zip, "x.xlsx")).not.toThrow();
  });

  it("refuses a small zip that unpacks beyond the limit, without unpacking past it", async () => {
    const zip = await zipWith(1, 2_000_000);
    expect(zip.length).toBeLessThan(20_000);
    expect(() =>
      checkWorkbookSize(zip, "bomb.xlsx", { ...WORKBOOK_LIMITS, unpackedBytes: 1024 * 1024 }),
    ).toThrow(/^bomb\.xlsx: too large to open safely \(over 1 MB unpacked; the limit is 1 MB\)/);
  });

  it("refuses more cells than the limit", async () => {
    const zip = await zipWith(2000);
    expect(() => checkWorkbookSize(zip, "cells.xlsx", { ...WORKBOOK_LIMITS, cells: 1000 })).toThrow(
      /over 1,000 cells/,
    );
    expect(() => checkWorkbookSize(zip, "cells.xlsx", { ...WORKBOOK_LIMITS, cells: 2000 })).not.toThrow();
  });
});
