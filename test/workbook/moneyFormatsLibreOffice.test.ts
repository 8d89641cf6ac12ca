import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { formatMoney } from "../../src/engine";
import { cellNumberFormat, MILLIONS_FORMAT } from "../../src/workbook/layouts/types";
import { tempDir } from "./fixtures";
import { hasLibreOffice, recalcInLibreOffice } from "./libreoffice";

/**
 * What LibreOffice shows for the £m cells' formats, as recalculated formulas (one soffice run, saved as CSV "as
 * shown"). A cell whose format follows its figure reads as the text does (`formatMoney`); a live formula's £m
 * format keeps every sign; a format choosing £k or £m by the shown value loses a minus in LibreOffice (the
 * reason live formulas keep £m: Excel adds the minus in that third section, so no one format is right in both).
 */

beforeAll(() => {
  if (!hasLibreOffice())
    throw new Error("LibreOffice (soffice) is not installed: run `bash scripts/install-system-deps.sh`");
});

const VALUES = [-2e6, -60_000, -20, 0, 20, 60_000, 2e6];
const BY_VALUE = '[>=100000]"£"#,##0.00,,"m";[<=-100000]-"£"#,##0.00,,"m";"£"#,##0.0,"k"';
// LibreOffice's CSV filter: comma, double quote, UTF-8, from row 1, …, and the 9th token: contents as shown.
const CSV_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true";

it("shows each £m cell's figure as the text does, and a live formula's sign, after a recalculation", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Formats");
  VALUES.forEach((v, i) => {
    const r = i + 1;
    ws.getCell(`A${r}`).value = v;
    const formats = [
      cellNumberFormat(MILLIONS_FORMAT, v),
      cellNumberFormat(MILLIONS_FORMAT, v, true),
      BY_VALUE,
    ];
    formats.forEach((numFmt, j) => {
      const cell = ws.getRow(r).getCell(j + 2);
      // A formula with a stale cached result: the text shown is LibreOffice's own recalculation.
      cell.value = { formula: `A${r}*1`, result: 1 };
      cell.numFmt = numFmt!;
    });
  });
  const file = path.join(tempDir(), "formats.xlsx");
  await wb.xlsx.writeFile(file);
  const csv = fs.readFileSync(await recalcInLibreOffice(file, CSV_AS_SHOWN), "utf8");
  const rows = csv
    .trim()
    .split(/\r?\n/)
    .map((line) => [...line.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2]));
  expect(rows.map((r) => r[1])).toEqual(VALUES.map((v) => formatMoney(v)));
  expect(rows.map((r) => r[1])).toEqual(["-£2.00m", "-£60.0k", "-", "-", "-", "£60.0k", "£2.00m"]);
  expect(rows.map((r) => r[2])).toEqual(["-£2.00m", "-£0.06m", "-£0.00m", "-", "£0.00m", "£0.06m", "£2.00m"]);
  // The format that would choose by value: −£60k loses its minus here.
  expect(rows.map((r) => r[3])).toEqual(["-£2.00m", "£60.0k", "£0.0k", "£0.0k", "£0.0k", "£60.0k", "£2.00m"]);
}, 180_000);
