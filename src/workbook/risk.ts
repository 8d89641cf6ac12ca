import type { Sensitivity, Simulation } from "../engine";
import { columnLetter, expandRange, parseAddress, rowRuns } from "./address";
import { rowHeightFor } from "./layouts/textFit";
import { WorkbookError } from "./errors";
import { RISK_LAYOUT_ID, RISK_SHEET, riskSheetLayout, type RiskSheetLayout } from "./layouts/riskSheet";
import { writeLayout } from "./ownedCells";
import { ownedKey, readRegister, writeRegister, type OwnedRecord } from "./register";
import type { WorkbookPort } from "./port";

/**
 * Writes the Risk sheet of a simulation: the cells of `riskSheetLayout` and its fan chart, every cell it writes
 * recorded in the register (its figures like every sheet's, and here its labels and merged cells too). A
 * later run replaces a Risk sheet MTFS Benefits wrote: the cells the earlier run recorded are emptied first
 * (the run may list fewer proposals), the user's own cells beside them kept as they are; a sheet of that name
 * it did not write is refused. With `sensitivity` (the same proposals' tornado) the sheet shows it under the
 * tables, with a bar chart; `assumptionsOf` (each tornado row's proposal name → its risk model's assumptions)
 * gives its inputs their proposals' words and formats. Refresh does not re-run the simulation.
 *
 * @example
 * await writeRiskSheet(port, simulate(models, { iterations: 10000, seed: 1 })); // sheet "Risk"
 */
export async function writeRiskSheet(
  port: WorkbookPort,
  simulation: Simulation,
  sheet = RISK_SHEET,
  sensitivity?: Sensitivity,
  assumptionsOf?: ReadonlyMap<string, unknown>,
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
  const layout = riskSheetLayout(simulation, name, sensitivity, assumptionsOf);
  const owned = new Map<string, OwnedRecord>(register.owned);
  for (const r of previous) owned.delete(ownedKey(r.sheet, r.address));
  if (existing) await clearPrevious(port, layout, previous);
  await writeLayout(port, layout, name, owned);
  recordWritten(layout, name, owned);
  await port.addComboChart(layout.chart);
  if (layout.tornadoChart) await port.addBarChart(layout.tornadoChart);
  // Each chart starts a page. The earlier run's breaks go (as recorded, or on a sheet written before they
  // were, above its charts: each two rows under a table it recorded); the user's stay.
  const breaks = new Map(register.breaks);
  const pageBreaks = layout.pageBreaks ?? [];
  await port.setRowBreaks(name, pageBreaks, breaks.get(name) ?? formerChartRows(previous));
  breaks.set(name, pageBreaks);
  await writeRegister(port, { ...register, owned, breaks });
  return layout;
}

/** Rows two under the end of a run of recorded rows, with nothing recorded between: where a chart sat. */
function formerChartRows(previous: readonly OwnedRecord[]): number[] {
  const rows = new Set(previous.map((r) => parseAddress(r.address).row));
  return [...rows].filter((r) => !rows.has(r + 1) && !rows.has(r + 2)).map((r) => r + 2);
}

/**
 * Records what writeLayout does not (it records figures): the labels and every cell a merge covers, so the
 * next run empties exactly the cells this one wrote.
 */
function recordWritten(layout: RiskSheetLayout, owner: string, owned: Map<string, OwnedRecord>): void {
  const record = (address: string, value: string | null): void => {
    const key = ownedKey(layout.sheet, address);
    if (owned.has(key)) return;
    owned.set(key, {
      owner,
      layoutId: RISK_LAYOUT_ID,
      sheet: layout.sheet,
      address,
      written: { kind: "value", value },
    });
  };
  for (const c of layout.cells) if (c.kind === "label") record(c.address, c.text);
  for (const m of layout.merges ?? []) for (const a of expandRange(m)) record(a, null);
}

/**
 * Empties the cells the earlier run recorded (values and formats; merges over them split; their rows back to
 * one line unless the new layout sizes them), so a shorter run leaves no stale rows and the user's cells keep
 * their content, formats and merges. A Risk sheet written before labels were recorded (no record of A1, its
 * title) is cleared as it was then: columns A–I down to its last recorded row.
 */
async function clearPrevious(
  port: WorkbookPort,
  layout: RiskSheetLayout,
  previous: readonly OwnedRecord[],
): Promise<void> {
  const lastRow = Math.max(...previous.map((r) => parseAddress(r.address).row));
  const ranges = previous.some((r) => r.address === "A1")
    ? rowRuns(previous.map((r) => r.address))
    : [`A1:${columnLetter(RISK_COLUMNS)}${lastRow}`];
  await port.unmergeCells(layout.sheet, ranges);
  await port.clearRanges(layout.sheet, ranges);
  const sized = new Set((layout.rowHeights ?? []).map((h) => h.row));
  const rows = new Set(ranges.flatMap((r) => expandRange(r).map((a) => parseAddress(a).row)));
  const reset = [...rows]
    .filter((row) => !sized.has(row))
    .sort((a, b) => a - b)
    .map((row) => ({ row, height: rowHeightFor(1) }));
  if (reset.length) await port.setRowHeights(layout.sheet, reset);
}

/** Columns a Risk sheet written before labels were recorded used (A–I: the simulation's A–F, the tornado's A–I). */
const RISK_COLUMNS = 9;
