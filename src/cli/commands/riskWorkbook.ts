import * as ExcelJS from "exceljs";
import * as fs from "fs";
import type { Simulation } from "../../engine";
import { ExcelJsPort } from "../../workbook/exceljs/excelJsPort";
import { EMPTY_PROGRAMME } from "../../workbook/layouts/programmeConfig";
import { buildProgrammeWorkbook } from "../../workbook/operations";
import { hasRegister, NOT_AN_MTFS_WORKBOOK } from "../../workbook/register";
import { writeRiskSheet } from "../../workbook/risk";
import { CliError } from "../errors";
import { asCliErrors, loadWorkbook, saveWorkbookAtomic } from "../workbookFile";

/**
 * Adds a Risk sheet to the MTFS workbook `file`, or to a new one (with an empty Programme, as `new` makes);
 * saved atomically with a backup. A workbook MTFS Benefits did not make is refused.
 *
 * @example
 * await writeRiskWorkbook("out/mtfs.xlsx", simulation);
 */
export async function writeRiskWorkbook(file: string, simulation: Simulation): Promise<void> {
  let wb: ExcelJS.Workbook;
  if (fs.existsSync(file)) {
    wb = await loadWorkbook(file);
    if (!(await hasRegister(new ExcelJsPort(wb)))) {
      throw new CliError(`${file} is ${NOT_AN_MTFS_WORKBOOK}; give --xlsx a new file name`);
    }
  } else {
    wb = new ExcelJS.Workbook();
    wb.creator = "MTFS Benefits";
    await buildProgrammeWorkbook(new ExcelJsPort(wb), EMPTY_PROGRAMME, []);
  }
  const port = new ExcelJsPort(wb);
  await asCliErrors(() => writeRiskSheet(port, simulation));
  await saveWorkbookAtomic(port, file);
}
