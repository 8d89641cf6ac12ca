import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import { buildProgrammeWorkbook } from "../../src/workbook/operations";
import { formulaCells, plain, readExample, tempDir } from "./fixtures";
import { hasLibreOffice, recalcInLibreOffice } from "./libreoffice";

/**
 * The demo programme as examples/programme.json links it: every visible Appendix B proposal a modelled sheet
 * (multi-stream ones included), recalculated by LibreOffice to the engine's value in every formula cell
 * (tolerance 1e-6 relative, as libreoffice.test.ts: binary doubles against 40-digit decimals).
 */
beforeAll(() => {
  if (!hasLibreOffice())
    throw new Error("LibreOffice (soffice) is not installed: run `bash scripts/install-system-deps.sh`");
});

it("recalculates the 11-proposal demo programme in LibreOffice to the engine's values", async () => {
  const config = readExample("programme.json") as ProgrammeConfig;
  const linked = config.directorates.flatMap((d) => d.rows.flatMap((r) => (r.example ? [r.example] : [])));
  expect(linked).toHaveLength(11);
  const wb = new ExcelJS.Workbook();
  await buildProgrammeWorkbook(new ExcelJsPort(wb), config, linked.map(readExample));
  const file = path.join(tempDir(), "all-examples.xlsx");
  fs.writeFileSync(file, await new ExcelJsPort(wb).toXlsx());
  const lo = new ExcelJS.Workbook();
  await lo.xlsx.readFile(await recalcInLibreOffice(file));
  const cells = formulaCells(wb);
  const mismatches = cells.flatMap(([sheet, address, formula, engine]) => {
    const got = plain(lo.getWorksheet(sheet)?.getCell(address).value);
    const ok =
      typeof engine === "number"
        ? typeof got === "number" && Math.abs(got - engine) <= 1e-6 * Math.max(1, Math.abs(engine))
        : got === engine;
    return ok ? [] : [`${sheet}!${address} =${formula}: engine ${engine}, LibreOffice ${got}`];
  });
  expect(mismatches).toEqual([]);
  // Every proposal sheet has formulas that were checked, and so do the Programme's linked rows.
  const sheets = new Set(cells.map(([sheet]) => sheet));
  // The Parameters sheet holds only the user's inputs (no formulas).
  for (const w of wb.worksheets.filter((x) => x.name !== "_mtfs" && x.name !== "Parameters"))
    expect([w.name, sheets.has(w.name)]).toEqual([w.name, true]);
}, 300_000);
