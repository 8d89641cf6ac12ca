import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { loadFormulaBook } from "../../src/workbook/cachedResults";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { sameValue } from "../../src/workbook/ownedCells";
import { refreshWorkbook } from "../../src/workbook/operations";
import { formulaCells, fullDemoWorkbook, plain, tempDir } from "./fixtures";
import { editInLibreOffice, hasLibreOffice, recalcInLibreOffice, unoPython } from "./libreoffice";

/**
 * The new-user trial's three edits, made in LibreOffice as a user makes them: a typed row inserted inside the
 * Children's block of the Programme, a Programme link and a proposal sheet's in-year figure typed over. After
 * refresh every formula's cached result is what LibreOffice computes from the cells as they are, and the
 * report says which figures count a cell the engine did not compute.
 */

const CFS = "CFS Targeted Prevention";

beforeAll(() => {
  if (!hasLibreOffice() || !unoPython())
    throw new Error("LibreOffice or python3-uno is missing: run `bash scripts/install-system-deps.sh`");
});

async function load(file: string): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { wb, port: new ExcelJsPort(wb) };
}

/** Every formula cell whose cached result differs from what `expected` says the cell holds. */
function disagreeing(
  wb: ExcelJS.Workbook,
  expected: (sheet: string, address: string) => unknown,
): { cell: string; cached: unknown; expected: unknown }[] {
  return formulaCells(wb).flatMap(([sheet, address, , cached]) => {
    const want = plain(expected(sheet, address));
    const ok =
      sameValue(cached, want) ||
      // ExcelJS reads a cached 0 back as no result, and LibreOffice saves "" results as blank.
      ((cached === 0 || cached === null || cached === "") && (want === 0 || want === null || want === ""));
    return ok ? [] : [{ cell: `${sheet}!${address}`, cached, expected: want }];
  });
}

it("caches what LibreOffice computes after a typed row and hand edits, and says what the figures count", async () => {
  const { port: demo } = await fullDemoWorkbook();
  const dir = tempDir();
  const file = path.join(dir, "demo.xlsx");
  fs.writeFileSync(file, await demo.toXlsx());
  const edited = await editInLibreOffice(file, [
    { sheet: "Programme", address: "A11", insertRows: 1, text: "Kinship care uplift" },
    { sheet: "Programme", address: "F11", typed: "100000" },
    // Independent Travel Training's link (row 15 before the insert), typed over.
    { sheet: "Programme", address: "H16", typed: "600000" },
    { sheet: CFS, address: "C40", typed: "-500000" },
  ]);

  const { wb, port } = await load(edited);
  const report = await refreshWorkbook(port);
  expect(report.errors).toEqual([]);
  expect(report.formulasNotEvaluated).toEqual([]);
  expect(report.changes.filter((c) => c.kept).map((c) => `${c.sheet}!${c.address}`)).toEqual(
    expect.arrayContaining(["Programme!H16", `${CFS}!C40`]),
  );
  const programme = wb.getWorksheet("Programme")!;
  const cfs = wb.getWorksheet(CFS)!;
  // The subtotals count what the sheet holds: the typed row, and the kept £0.60m.
  expect(plain(programme.getCell("F15").value)).toBeCloseTo(
    [10, 11, 12, 13, 14].reduce((s, r) => s + Number(plain(programme.getCell(`F${r}`).value) ?? 0), 0),
    6,
  );
  expect(plain(programme.getCell("H17").value)).toBeCloseTo(600_000, 6);
  expect(plain(cfs.getCell("J40").value)).toBeCloseTo(
    -500_000 + Number(plain(cfs.getCell("I40").value)) + Number(plain(cfs.getCell("H40").value)),
    6,
  );
  // J40 keeps what the sheet showed (LibreOffice recalculated it on save): no "MTFS row" change is reported.
  expect(report.changes.find((c) => c.sheet === CFS && c.address === "J40")).toBeUndefined();
  const messages = report.warnings.map((w) => w.message);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^Programme row 11 \(Kinship care uplift\) is inside Children and Family Services ER savings FY\d\d\/\d\d and counted in it \(-£1\.73m; -£1\.83m without it\), and 1 more figure that adds it up; it is not a registered proposal$/,
      ),
      expect.stringMatching(
        /^Programme!H16 \(Independent Travel Training FY29\/30\) is a hand edit refresh kept: Environment & Transport ER Savings FY29\/30 counts it and shows £0\.60m, not the computed £0\.57m/,
      ),
      expect.stringMatching(
        new RegExp(`^${CFS}!C40 \\(FY28/29 cumulative benefit\\) is a hand edit refresh kept: `),
      ),
    ]),
  );

  // The cached results equal the evaluator's reading of the file as written...
  const saved = path.join(dir, "refreshed.xlsx");
  fs.writeFileSync(saved, await port.toXlsx());
  const { wb: back, port: backPort } = await load(saved);
  const books = new Map<string, Awaited<ReturnType<typeof loadFormulaBook>>>();
  for (const ws of back.worksheets) books.set(ws.name, await loadFormulaBook(backPort, ws.name, new Map()));
  expect(disagreeing(back, (s, a) => books.get(s)!.valueAt(s, a))).toEqual([]);
  // ...and what LibreOffice computes when it recalculates every formula.
  const { wb: lo } = await load(await recalcInLibreOffice(saved));
  expect(disagreeing(back, (s, a) => lo.getWorksheet(s)!.getCell(a).value)).toEqual([]);

  // Idempotent: a second refresh changes nothing.
  const again = await refreshWorkbook(backPort);
  expect(again.changes.filter((c) => !c.kept)).toEqual([]);
}, 240_000);
