import type { Sensitivity, Simulation } from "../../engine";
import { writeRiskSheet } from "../../workbook/risk";
import { asCliErrors, openOrCreateMtfsWorkbook, saveWorkbookAtomic } from "../workbookFile";

/**
 * Writes the Risk sheet into the MTFS workbook `file`, or into a new one (with an empty Programme, as `new`
 * makes), with the tornado of the same proposals under its tables; saved atomically with a backup. A
 * workbook MTFS Benefits did not make is refused.
 *
 * @example
 * await writeRiskWorkbook("out/mtfs.xlsx", simulation);
 */
export async function writeRiskWorkbook(
  file: string,
  simulation: Simulation,
  sensitivity?: Sensitivity,
  assumptionsOf?: ReadonlyMap<string, unknown>,
): Promise<void> {
  const port = await openOrCreateMtfsWorkbook(file);
  await asCliErrors(() => writeRiskSheet(port, simulation, undefined, sensitivity, assumptionsOf));
  await saveWorkbookAtomic(port, file);
}
