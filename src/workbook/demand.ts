import {
  decimalCalculator,
  isEngineError,
  parseDemandModel,
  projectDemand,
  type Decimal,
  type DemandModel,
  type DemandProjection,
} from "../engine";
import { movedLayout, placeAddress, type Placements } from "./anchors";
import { cellErrorMessage } from "./fieldCells";
import { inputJson } from "./cellValues";
import { WorkbookError } from "./errors";
import { setPath } from "./jsonPath";
import {
  DEMAND_SHEET,
  demandSheetJson,
  demandSheetLayout,
  type DemandSheetLayout,
  type ProgrammeTotals,
} from "./layouts/demandSheet";
import { programmePositions, fyColumn, PROGRAMME_SHEET } from "./layouts/programmeSheet";
import type { ProgrammeConfig } from "./layouts/programmeConfig";
import { syncOwned, writeLayout, type CellChange } from "./ownedCells";
import { readRegister, writeRegister, type OwnedRecord, type Register, type StoredDemand } from "./register";
import type { WorkbookPort } from "./port";

/**
 * Demand sheets (docs/workbooks.md "Demand sheet"): written from a demand model, registered like the other
 * sheets (anchors, owned cells, the model in the register), and recomputed by refresh from their named input
 * cells. Only owned cells are rewritten; labels and inputs stay the user's.
 */

type Json = Readonly<Record<string, unknown>>;

/**
 * Where the Programme's "Total ER Savings" cells are (its MTFS years), for the Demand sheet's block, with
 * values 0 (see `withTotalValues`). Undefined without a Programme with years.
 *
 * @example
 * programmeShape(config)?.byFy.get("FY26/27")?.address // "E23"
 */
export function programmeShape(config: ProgrammeConfig | undefined): ProgrammeTotals | undefined {
  if (!config || config.fyLabels.length === 0) return undefined;
  const { totalRow } = programmePositions(config);
  // MTFS years only: the label after them is the future year (beyond the MTFS).
  const labels = config.fyLabels.slice(0, config.mtfsYears);
  return {
    sheet: PROGRAMME_SHEET,
    byFy: new Map(labels.map((fy, i) => [fy, { address: `${fyColumn(i)}${totalRow}`, value: 0 }] as const)),
  };
}

/** The totals with the values the Programme's cells hold now (0 where it cannot be read). */
async function withTotalValues(
  port: WorkbookPort,
  shape: ProgrammeTotals | undefined,
  placements?: Placements,
): Promise<ProgrammeTotals | undefined> {
  if (!shape) return undefined;
  if (!(await port.listSheets()).some((s) => s.name === shape.sheet)) return shape;
  const placement = placements?.get(shape.sheet);
  if (placements && !placement) return shape;
  const entries = [...shape.byFy];
  const values = await port.readCells(
    shape.sheet,
    entries.map(([, t]) => (placement ? placeAddress(placement, t.address) : t.address)),
  );
  return {
    sheet: shape.sheet,
    byFy: new Map(
      entries.map(([fy, t], i) => {
        const v = values[i].value;
        return [fy, { address: t.address, value: typeof v === "number" ? v : 0 }] as const;
      }),
    ),
  };
}

/** The layout of a stored Demand sheet, from its stored model. */
function storedLayout(stored: StoredDemand, programme?: ProgrammeTotals): DemandSheetLayout {
  const model = parseDemandModel(stored.model);
  return demandSheetLayout(model, projectDemand(model, decimalCalculator), stored.sheet, programme);
}

/**
 * The layouts of the workbook's registered Demand sheets (for placing them), skipping a stored model the
 * engine now refuses (it cannot have a sheet to place).
 */
export function demandLayouts(register: Register): DemandSheetLayout[] {
  const shape = programmeShape(register.programme as ProgrammeConfig | undefined);
  return (register.demand ?? []).flatMap((d) => {
    try {
      return [storedLayout(d, shape)];
    } catch (e) {
      if (isEngineError(e)) return [];
      throw e;
    }
  });
}

/**
 * Adds a Demand sheet for a projection: the cells of `demandSheetLayout`, its chart, its anchors and named
 * inputs; its owned cells and model go into the register, so `refresh` recomputes it.
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
  const register = await readRegister(port);
  const programme = await withTotalValues(
    port,
    programmeShape(register.programme as ProgrammeConfig | undefined),
  );
  const layout = demandSheetLayout(model, projection, sheet, programme);
  const owned = new Map<string, OwnedRecord>(register.owned);
  await writeLayout(port, layout, sheet, owned);
  await port.addComboChart(layout.chart);
  const demand = [...(register.demand ?? []), { sheet, model: demandSheetJson(model) }];
  await writeRegister(port, { ...register, owned, demand });
  return layout;
}

/**
 * The model a Demand sheet holds now: its stored model with every input cell's value put in.
 *
 * @example
 * (await readDemandSheet(port, stored)).stock // what the "Stock at the end of the base year" cell says
 */
export async function readDemandSheet(
  port: WorkbookPort,
  stored: StoredDemand,
  placements?: Placements,
  programme?: ProgrammeConfig,
): Promise<Json> {
  const layout = storedLayout(stored, programmeShape(programme));
  const placement = placements?.get(stored.sheet);
  const inputs = layout.cells.filter((c) => c.kind === "input");
  const values = await port.readCells(
    stored.sheet,
    inputs.map((c) => (placement ? placeAddress(placement, c.address) : c.address)),
  );
  const date1904 = await port.usesDate1904();
  let model: Json = stored.model;
  inputs.forEach((c, i) => {
    if (c.kind === "input") model = setPath(model, c.path, inputJson(values[i].value, c.type, date1904));
  });
  return model;
}

/** What refreshing the Demand sheets did. */
export interface DemandRefresh {
  readonly changes: readonly CellChange[];
  readonly errors: readonly { readonly proposal: string; readonly message: string }[];
  readonly stored: readonly StoredDemand[];
}

/**
 * Recomputes each registered Demand sheet from its input cells and rewrites the owned cells that changed
 * (hand-edited ones are kept and flagged, as on every sheet). A sheet whose inputs the engine refuses keeps its
 * figures and is listed in `errors`, naming the field. Idempotent.
 *
 * @example
 * const { changes } = await refreshDemandSheets(port, register, placements, owned, { dryRun: false });
 */
export async function refreshDemandSheets(
  port: WorkbookPort,
  register: Register,
  placements: Placements,
  owned: Map<string, OwnedRecord>,
  options: { readonly dryRun: boolean },
): Promise<DemandRefresh> {
  const changes: CellChange[] = [];
  const errors: { proposal: string; message: string }[] = [];
  const stored: StoredDemand[] = [];
  const sheets = new Set((await port.listSheets()).map((s) => s.name));
  const shape = programmeShape(register.programme as ProgrammeConfig | undefined);
  const programme = await withTotalValues(port, shape, placements);
  for (const d of register.demand ?? []) {
    if (!sheets.has(d.sheet) || !placements.has(d.sheet)) {
      errors.push({
        proposal: d.sheet,
        message: sheets.has(d.sheet)
          ? "rows or columns the Demand sheet uses were deleted or moved; it was not refreshed"
          : "the Demand sheet is missing (deleted or renamed)",
      });
      stored.push(d);
      continue;
    }
    const placement = placements.get(d.sheet);
    const raw = await readDemandSheet(port, d, placements, register.programme as ProgrammeConfig | undefined);
    try {
      const model = parseDemandModel(raw);
      const layout = demandSheetLayout(model, projectDemand(model, decimalCalculator), d.sheet, programme);
      changes.push(
        ...(await syncOwned(port, layout, d.sheet, owned, { dryRun: options.dryRun, placements })),
      );
      stored.push({ sheet: d.sheet, model: demandSheetJson(model) });
    } catch (e) {
      if (!isEngineError(e)) throw e;
      // Named by the cell where it is now, as on a proposal sheet.
      const shown = placement ? movedLayout(storedLayout(d, shape), placement) : storedLayout(d, shape);
      errors.push({ proposal: d.sheet, message: cellErrorMessage(shown, e) });
      stored.push(d);
    }
  }
  return { changes, errors, stored };
}
