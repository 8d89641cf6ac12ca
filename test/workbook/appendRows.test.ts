import * as ExcelJS from "exceljs";
import fc from "fast-check";
import { nextFreeRow } from "../../src/workbook/appendRows";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";

async function sheetWith(filled: readonly number[], blanks: readonly number[]): Promise<ExcelJsPort> {
  const port = new ExcelJsPort(new ExcelJS.Workbook());
  await port.addSheet("Log");
  await port.writeCells("Log", [
    ...filled.map((r) => ({ address: `B${r}`, value: `row ${r}` })),
    // Cells written blank (or ""), as a user clearing rows leaves them: inside the used range, holding nothing.
    ...blanks.map((r) => ({ address: `C${r}`, value: r % 2 ? "" : null })),
  ]);
  return port;
}

describe("nextFreeRow", () => {
  it("is one below the header on a sheet with only its header, and below the last filled row otherwise", async () => {
    expect(await nextFreeRow(await sheetWith([1, 2], []), "Log", 2)).toBe(3);
    expect(await nextFreeRow(await sheetWith([1, 2, 3, 7], [8, 9]), "Log", 2)).toBe(8);
  });

  it("never goes above the header and never lands on a filled row (a property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { maxLength: 8 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 25 }), { maxLength: 5 }),
        async (header, filled, blanks) => {
          const port = await sheetWith(
            filled,
            blanks.filter((b) => !filled.includes(b)),
          );
          const at = await nextFreeRow(port, "Log", header);
          expect(at).toBe(Math.max(header, ...filled) + 1);
        },
      ),
      { numRuns: 50 },
    );
  });
});
