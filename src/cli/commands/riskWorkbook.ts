import type { Sensitivity, Simulation } from "../../engine";
import { writeRiskSheet } from "../../workbook/risk";
import type { ExcelJsPort } from "../../workbook/exceljs/excelJsPort";
import { asCliErrors, saveWorkbookAtomic } from "../workbookFile";

/**
 * Writes the Risk sheet into the MTFS workbook `port` (openOrCreateMtfsWorkbook: a workbook MTFS Benefits did
 * not make is refused) with the tornado of the same proposals under its tables, and saves it to `file`
 * atomically with a backup.
 *
 * @example
 * await writeRiskWorkbook(await openOrCreateMtfsWorkbook("out/mtfs.xlsx"), "out/mtfs.xlsx", simulation);
 */
export async function writeRiskWorkbook(
  port: ExcelJsPort,
  file: string,
  simulation: Simulation,
  sensitivity?: Sensitivity,
  assumptionsOf?: ReadonlyMap<string, unknown>,
): Promise<void> {
  await asCliErrors(() => writeRiskSheet(port, simulation, undefined, sensitivity, assumptionsOf));
  await saveWorkbookAtomic(port, file);
}
