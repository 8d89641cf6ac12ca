import type { Simulation } from "../engine";
import { WorkbookError } from "./errors";
import { RISK_SHEET, riskSheetLayout, type RiskSheetLayout } from "./layouts/riskSheet";
import { writeLayout } from "./ownedCells";
import type { OwnedRecord } from "./register";
import type { WorkbookPort } from "./port";

/**
 * Adds a Risk sheet for a simulation: the cells of `riskSheetLayout` and its fan chart. Written once (a new
 * run goes on a new sheet name); refresh does not re-run the simulation.
 *
 * @example
 * await writeRiskSheet(port, simulate(models, { iterations: 10000, seed: 1 })); // sheet "Risk"
 */
export async function writeRiskSheet(
  port: WorkbookPort,
  simulation: Simulation,
  sheet = RISK_SHEET,
): Promise<RiskSheetLayout> {
  if ((await port.listSheets()).some((s) => s.name.toLowerCase() === sheet.toLowerCase())) {
    throw new WorkbookError("sheet-exists", `a sheet named "${sheet}" already exists`);
  }
  const layout = riskSheetLayout(simulation, sheet);
  await writeLayout(port, layout, sheet, new Map<string, OwnedRecord>());
  await port.addComboChart(layout.chart);
  return layout;
}
