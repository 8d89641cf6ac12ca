import type { Simulation } from "../engine";
import { cellAddress } from "./address";
import { WorkbookError } from "./errors";
import { RISK_LAYOUT_ID, RISK_SHEET, riskSheetLayout, type RiskSheetLayout } from "./layouts/riskSheet";
import { writeLayout } from "./ownedCells";
import { ownedKey, readRegister, writeRegister, type OwnedRecord } from "./register";
import type { WorkbookPort } from "./port";

/**
 * Writes the Risk sheet of a simulation: the cells of `riskSheetLayout` and its fan chart, its owned cells
 * recorded in the register like every sheet's. A later run replaces a Risk sheet MTFS Benefits wrote (its
 * tables are cleared first, as the run may list fewer proposals); a sheet of that name it did not write is
 * refused. Refresh does not re-run the simulation.
 *
 * @example
 * await writeRiskSheet(port, simulate(models, { iterations: 10000, seed: 1 })); // sheet "Risk"
 */
export async function writeRiskSheet(
  port: WorkbookPort,
  simulation: Simulation,
  sheet = RISK_SHEET,
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
  const layout = riskSheetLayout(simulation, name);
  const owned = new Map<string, OwnedRecord>(register.owned);
  for (const r of previous) owned.delete(ownedKey(r.sheet, r.address));
  if (existing) await clearTables(port, layout, previous);
  await writeLayout(port, layout, name, owned);
  await port.addComboChart(layout.chart);
  await writeRegister(port, { ...register, owned });
  return layout;
}

/**
 * Blanks the earlier run's tables (columns A–F from row 1 to its last owned row: the labels and figures the
 * tool wrote) where the new layout writes nothing, so a shorter run leaves no stale rows.
 */
async function clearTables(
  port: WorkbookPort,
  layout: RiskSheetLayout,
  previous: readonly OwnedRecord[],
): Promise<void> {
  const rows = previous.map((r) => Number(/\d+$/.exec(r.address)?.[0] ?? 0));
  const lastRow = Math.max(...rows);
  const written = new Set(layout.cells.map((c) => c.address));
  const blanks: { address: string; value: null }[] = [];
  for (let row = 1; row <= lastRow; row++) {
    for (let column = 1; column <= 6; column++) {
      const address = cellAddress(column, row);
      if (!written.has(address)) blanks.push({ address, value: null });
    }
  }
  if (blanks.length) await port.writeCells(layout.sheet, blanks);
}
