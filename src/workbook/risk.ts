import type { Sensitivity, Simulation } from "../engine";
import { columnLetter } from "./address";
import { rowHeightFor } from "./layouts/textFit";
import { WorkbookError } from "./errors";
import { RISK_LAYOUT_ID, RISK_SHEET, riskSheetLayout, type RiskSheetLayout } from "./layouts/riskSheet";
import { writeLayout } from "./ownedCells";
import { ownedKey, readRegister, writeRegister, type OwnedRecord } from "./register";
import type { WorkbookPort } from "./port";

/**
 * Writes the Risk sheet of a simulation: the cells of `riskSheetLayout` and its fan chart, its owned cells
 * recorded in the register like every sheet's. A later run replaces a Risk sheet MTFS Benefits wrote (its
 * tables are cleared first, as the run may list fewer proposals); a sheet of that name it did not write is
 * refused. With `sensitivity` (the same proposals' tornado) the sheet shows it under the tables, with a bar
 * chart. Refresh does not re-run the simulation.
 *
 * @example
 * await writeRiskSheet(port, simulate(models, { iterations: 10000, seed: 1 })); // sheet "Risk"
 */
export async function writeRiskSheet(
  port: WorkbookPort,
  simulation: Simulation,
  sheet = RISK_SHEET,
  sensitivity?: Sensitivity,
): Promise<RiskSheetLayout> {
  const existing = (await port.listSheets()).find((s) => s.name.toLowerCase() === sheet.toLowerCase());
  const register = await readRegister(port);
  const previous = existing
    ? [...register.owned.values()].filter((r) => r.sheet === existing.name && r.layoutId === RISK_LAYOUT_ID)
    : [];
  if (existing && previous.length === 0) {
    throw new WorkbookError(
      "sheet-exists",
      `a sheet named "${existing.name}" already exists and MTFS Benefits did not write it`,
    );
  }
  const name = existing?.name ?? sheet;
  const layout = riskSheetLayout(simulation, name, sensitivity);
  const owned = new Map<string, OwnedRecord>(register.owned);
  for (const r of previous) owned.delete(ownedKey(r.sheet, r.address));
  if (existing) await clearTables(port, layout, previous);
  await writeLayout(port, layout, name, owned);
  await port.addComboChart(layout.chart);
  if (layout.tornadoChart) await port.addBarChart(layout.tornadoChart);
  await writeRegister(port, { ...register, owned });
  return layout;
}

/**
 * Empties the earlier run's tables (columns A–I from row 1 to its last owned row: the labels, figures and
 * their formats the tool wrote; merges split, rows back to one line), so a shorter run leaves no stale rows.
 */
async function clearTables(
  port: WorkbookPort,
  layout: RiskSheetLayout,
  previous: readonly OwnedRecord[],
): Promise<void> {
  const rows = previous.map((r) => Number(/\d+$/.exec(r.address)?.[0] ?? 0));
  const lastRow = Math.max(...rows);
  const range = `A1:${columnLetter(RISK_COLUMNS)}${lastRow}`;
  await port.unmergeCells(layout.sheet, [range]);
  await port.clearRanges(layout.sheet, [range]);
  const sized = new Set((layout.rowHeights ?? []).map((h) => h.row));
  const reset = Array.from({ length: lastRow }, (_, i) => i + 1)
    .filter((row) => !sized.has(row))
    .map((row) => ({ row, height: rowHeightFor(1) }));
  if (reset.length) await port.setRowHeights(layout.sheet, reset);
}

/** Columns the Risk sheet's tables use (A–I: the simulation's A–F, the tornado's A–I). */
const RISK_COLUMNS = 9;
