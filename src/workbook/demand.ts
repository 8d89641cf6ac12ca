import type { Decimal, DemandModel, DemandProjection } from "../engine";
import { WorkbookError } from "./errors";
import { DEMAND_SHEET, demandSheetLayout, type DemandSheetLayout } from "./layouts/demandSheet";
import { writeLayout } from "./ownedCells";
import type { OwnedRecord } from "./register";
import type { WorkbookPort } from "./port";

/**
 * Adds a Demand sheet for a projection: the cells of `demandSheetLayout` and its chart. The sheet is written
 * once; refresh does not yet recompute it (its owned cells are not in the workbook's register).
 *
 * @example
 * await writeDemandSheet(port, model, projectDemand(model, decimalCalculator)); // sheet "Demand"
 */
export async function writeDemandSheet(
  port: WorkbookPort,
  model: DemandModel,
  projection: DemandProjection<Decimal>,
  sheet = DEMAND_SHEET,
): Promise<DemandSheetLayout> {
  if ((await port.listSheets()).some((s) => s.name.toLowerCase() === sheet.toLowerCase())) {
    throw new WorkbookError("sheet-exists", `a sheet named "${sheet}" already exists`);
  }
  const layout = demandSheetLayout(model, projection, sheet);
  await writeLayout(port, layout, sheet, new Map<string, OwnedRecord>());
  await port.addComboChart(layout.chart);
  return layout;
}
