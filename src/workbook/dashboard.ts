import {
  DEFAULT_RAG_THRESHOLDS,
  Decimal,
  checkRagThresholds,
  isEngineError,
  type RagStatus,
  type RagThresholds,
} from "../engine";
import { inputJson } from "./cellValues";
import {
  AMBER_ADDRESS,
  DASHBOARD_OWNER,
  DASHBOARD_SHEET,
  GREEN_ADDRESS,
  dashboardLayout,
  type DashboardLayout,
} from "./layouts/dashboardSheet";
import { TRACKING_SHEET } from "./layouts/trackingSheet";
import type { ProgrammeConfig } from "./layouts/programmeConfig";
import { PROGRAMME_LAYOUT_ID, PROGRAMME_SHEET, programmeRagCells } from "./layouts/programmeSheet";
import { placeSheets } from "./placing";
import { PROGRAMME_OWNER, programmeLayouts } from "./programme";
import { chartPageBreaks, isOwned, type SheetLayout } from "./layouts/types";
import { cellAddress, expandRange, parseAddress } from "./address";
import { matchesWritten, syncOwned, toWrite, writeLayout, type CellChange } from "./ownedCells";
import type { CellScalar, ComboChartSpec, WorkbookPort } from "./port";
import { ownedKey, readRegister, writeRegister, type OwnedRecord } from "./register";
import { trackWorkbook, type ProposalTracking, type WorkbookTracking } from "./tracking";

/**
 * Keeping the Dashboard sheet (layouts/dashboardSheet.ts) current: added once there are actuals, then its
 * owned cells re-synced by `track import` and refresh (hand edits kept, as on every sheet). Rows that are no
 * longer laid out (fewer actuals or proposals) are cleared when they still hold what the add-in wrote. The
 * Tracking sheet, where the actuals are, is only read.
 */

/**
 * The RAG thresholds in the Dashboard's input cells (the defaults when there is no Dashboard, or a cell is
 * blank); a cell that is not a share, or amber above green, is a problem and the defaults are used.
 *
 * @example
 * await readThresholds(port) // { thresholds: { green: 0.95, amber: 0.8 }, problems: [] }
 */
export async function readThresholds(
  port: WorkbookPort,
): Promise<{ readonly thresholds: RagThresholds; readonly problems: readonly string[] }> {
  if (!(await port.listSheets()).some((s) => s.name === DASHBOARD_SHEET))
    return { thresholds: DEFAULT_RAG_THRESHOLDS, problems: [] };
  const [g, a] = await port.readCells(DASHBOARD_SHEET, [GREEN_ADDRESS, AMBER_ADDRESS]);
  const share = (v: CellScalar, fallback: Decimal, where: string): Decimal | string => {
    const json = inputJson(v, "percent");
    if (json === undefined) return fallback;
    return typeof json === "number" && Number.isFinite(json)
      ? new Decimal(json)
      : `${DASHBOARD_SHEET}!${where}: must be a share such as 95%, got "${String(v)}"`;
  };
  const green = share(g.value, DEFAULT_RAG_THRESHOLDS.green, GREEN_ADDRESS);
  const amber = share(a.value, DEFAULT_RAG_THRESHOLDS.amber, AMBER_ADDRESS);
  const problems = [green, amber].filter((x): x is string => typeof x === "string");
  if (problems.length) return { thresholds: DEFAULT_RAG_THRESHOLDS, problems };
  const thresholds = { green: green as Decimal, amber: amber as Decimal };
  try {
    checkRagThresholds(thresholds);
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return { thresholds: DEFAULT_RAG_THRESHOLDS, problems: [`${DASHBOARD_SHEET}: ${e.field}: ${e.rule}`] };
  }
  return { thresholds, problems: [] };
}

/** A workbook's tracking with the Dashboard's thresholds, and any problem reading them. */
export interface DashboardTracking {
  readonly thresholds: RagThresholds;
  readonly problems: readonly string[];
  readonly tracking: WorkbookTracking;
}

/**
 * The workbook tracked once with the Dashboard's thresholds, for the Dashboard and the Programme's RAG column
 * (refresh passes it to both); undefined when there is neither a Tracking nor a Dashboard sheet.
 *
 * @example
 * const tracked = await trackForDashboard(port); // tracked?.tracking.proposals
 */
export async function trackForDashboard(port: WorkbookPort): Promise<DashboardTracking | undefined> {
  const sheets = (await port.listSheets()).map((s) => s.name);
  if (!sheets.includes(DASHBOARD_SHEET) && !sheets.includes(TRACKING_SHEET)) return undefined;
  const read = await readThresholds(port);
  return { ...read, tracking: await trackWorkbook(port, read.thresholds) };
}

/** What a Dashboard sync did, and the tracking it showed (so callers need not track again). */
export interface DashboardSync {
  readonly changes: readonly CellChange[];
  readonly problems: readonly string[];
  /** The proposals with actuals (none when there is neither a Dashboard nor a Tracking sheet). */
  readonly proposals: readonly ProposalTracking[];
}

/**
 * Writes the Dashboard (when absent and there is a Tracking sheet) or re-syncs its owned cells, recording
 * them in `owned` and the page breaks it puts there in `breaks` (the caller writes the register). With `dryRun`
 * nothing is written.
 *
 * @example
 * const { changes } = await syncDashboard(port, owned, { dryRun: false, breaks: new Map(register.breaks) });
 */
export async function syncDashboard(
  port: WorkbookPort,
  owned: Map<string, OwnedRecord>,
  options: {
    readonly dryRun: boolean;
    readonly tracked?: DashboardTracking;
    /** The register's product page breaks by sheet: the Dashboard's are read and replaced. */
    readonly breaks: Map<string, readonly number[]>;
  },
): Promise<DashboardSync> {
  const sheets = (await port.listSheets()).map((s) => s.name);
  const exists = sheets.includes(DASHBOARD_SHEET);
  if (!exists && !sheets.includes(TRACKING_SHEET)) return { changes: [], problems: [], proposals: [] };
  const read = options.tracked ?? (await trackForDashboard(port));
  if (read === undefined) return { changes: [], problems: [], proposals: [] };
  const { tracking } = read;
  const layout = dashboardLayout({ ...tracking, thresholds: read.thresholds });
  const problems = [...read.problems, ...tracking.problems];
  const { proposals } = tracking;
  if (!exists) {
    if (sheets.some((s) => s.toLowerCase() === DASHBOARD_SHEET.toLowerCase()))
      return {
        changes: [],
        problems: [...problems, `a sheet named like "${DASHBOARD_SHEET}" is in the way: not written`],
        proposals,
      };
    if (!options.dryRun) {
      await writeLayout(port, layout, DASHBOARD_OWNER, owned);
      if (layout.chart) await port.addComboChart(layout.chart);
      await port.setRowBreaks(DASHBOARD_SHEET, layout.pageBreaks ?? [], []);
      options.breaks.set(DASHBOARD_SHEET, layout.pageBreaks ?? []);
    }
    return { changes: [], problems, proposals };
  }
  // Grown rows may land on notes the user typed under the Dashboard: those are kept, never overwritten.
  const relay = !options.dryRun && (await needsRelay(port, layout, owned));
  const recorded = new Map(owned);
  // Rows that move keep the fonts, fills and heights of what was there (a heading's white bold on a data row):
  // the changes are found on the sheet as it is, then our cells are cleared and written afresh.
  const changes = await syncOwned(port, layout, DASHBOARD_OWNER, owned, {
    dryRun: options.dryRun || relay,
    keepUnrecorded: true,
  });
  if (relay) {
    await clearOurCells(port, layout, recorded);
    await syncOwned(port, layout, DASHBOARD_OWNER, owned, { dryRun: false, keepUnrecorded: true });
    // The merges and row heights a new Dashboard is written with: one an earlier layout wrote may lack them
    // (its intro in A2 alone, wrapped in one row's height, lost its lines). A merge over the user's text is not
    // made (merging drops all but its first cell).
    const merges = await mergesOverNothing(port, layout.merges ?? []);
    if (merges.length) await port.mergeCells(DASHBOARD_SHEET, merges);
    if (layout.rowHeights?.length) await port.setRowHeights(DASHBOARD_SHEET, layout.rowHeights);
  }
  // Cells an earlier, longer Dashboard owned: cleared if they still hold our value, else left as the user's.
  const laidOut = new Set(layout.cells.filter(isOwned).map((c) => c.address));
  const stale = [...owned.values()].filter((r) => r.sheet === DASHBOARD_SHEET && !laidOut.has(r.address));
  if (stale.length) {
    const current = await port.readCells(
      DASHBOARD_SHEET,
      stale.map((r) => r.address),
    );
    const clear = stale.filter((r, i) => matchesWritten(current[i], r.written));
    if (!options.dryRun) {
      if (clear.length)
        await port.writeCells(
          DASHBOARD_SHEET,
          clear.map((r) => ({ address: r.address, value: null })),
        );
      for (const r of stale) owned.delete(ownedKey(r.sheet, r.address));
    }
  }
  if (!options.dryRun && changes.some((c) => !c.kept)) {
    // The product's own earlier breaks: as recorded, or (a Dashboard written before they were) the chart's,
    // two rows under the rows it recorded. The user's other breaks stay.
    const before = [...recorded.values()].filter((r) => r.sheet === DASHBOARD_SHEET);
    const lastBefore = Math.max(0, ...before.map((r) => parseAddress(r.address).row));
    const previous = options.breaks.get(DASHBOARD_SHEET) ?? (before.length ? [lastBefore + 2] : []);
    const chart = layout.chart && (await chartPlace(port, layout, owned, previous));
    if (chart) await port.addComboChart(chart);
    const breaks = chart ? chartPageBreaks([chart]) : layout.chart ? previous : [];
    await port.setRowBreaks(DASHBOARD_SHEET, breaks, previous);
    options.breaks.set(DASHBOARD_SHEET, breaks);
  }
  return { changes, problems, proposals };
}

/**
 * Where the chart goes, over rows that hold nothing but the Dashboard's stale cells (never its table, never
 * the user's notes under it): under its table when those rows are free, else where it was (its recorded break
 * row) when they are, else the first free run of rows below; with the new series. Undefined (it stays as it
 * is) only when the table has no chart.
 */
async function chartPlace(
  port: WorkbookPort,
  layout: DashboardLayout,
  owned: ReadonlyMap<string, OwnedRecord>,
  previous: readonly number[],
): Promise<ComboChartSpec | undefined> {
  const chart = layout.chart;
  if (!chart) return undefined;
  // The used range, not the frame's cells: reading those through ExcelJS would add them to the sheet.
  const used = await port.readUsedRange(DASHBOARD_SHEET);
  const table = new Set(layout.cells.filter(isOwned).map((c) => c.address));
  const from = parseAddress(chart.from);
  const to = parseAddress(chart.to);
  const height = to.row - from.row;
  const at = (row: number): ComboChartSpec => ({
    ...chart,
    from: cellAddress(from.column, row),
    to: cellAddress(to.column, row + height),
  });
  // A cell the chart would hide: the table's, or one holding anything the Dashboard did not write there.
  const hides = (column: number, row: number): boolean => {
    const address = cellAddress(column, row);
    if (table.has(address)) return true;
    if (owned.has(ownedKey(DASHBOARD_SHEET, address))) return false;
    const c = used[row - 1]?.[column - 1];
    return c !== undefined && (c.formula !== undefined || (c.value !== null && c.value !== ""));
  };
  const rowFree = (row: number): boolean => {
    for (let column = from.column; column <= to.column; column++) if (hides(column, row)) return false;
    return true;
  };
  const free = (top: number): boolean => {
    for (let row = top; row <= top + height; row++) if (!rowFree(row)) return false;
    return true;
  };
  if (free(from.row)) return chart;
  const [was] = previous;
  if (was !== undefined && was > 1 && free(was)) return at(was);
  // Below the used rows every row is free, so the scan ends there at the latest.
  let top = from.row;
  while (!free(top)) top++;
  return at(top);
}

/**
 * Whether the Dashboard's rows moved since it was written: its owned cells are not the ones the register
 * records, or its headings are not the layout's (a Dashboard of an earlier column order).
 */
async function needsRelay(
  port: WorkbookPort,
  layout: SheetLayout,
  owned: ReadonlyMap<string, OwnedRecord>,
): Promise<boolean> {
  const now = new Set(layout.cells.filter(isOwned).map((c) => c.address));
  const recorded = [...owned.values()].filter((r) => r.sheet === DASHBOARD_SHEET).map((r) => r.address);
  if (recorded.length !== now.size || recorded.some((a) => !now.has(a))) return true;
  const labels = layout.cells.filter((c) => c.kind === "label");
  const current = await port.readCells(
    DASHBOARD_SHEET,
    labels.map((c) => c.address),
  );
  return labels.some((c, i) => c.kind === "label" && current[i].value !== c.text);
}

/** The ranges whose cells but the first are empty on the Dashboard: merging them loses nothing. */
async function mergesOverNothing(port: WorkbookPort, ranges: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const range of ranges) {
    const rest = expandRange(range).slice(1);
    const cells = await port.readCells(DASHBOARD_SHEET, rest);
    if (cells.every((c) => c.formula === undefined && (c.value === null || c.value === ""))) out.push(range);
  }
  return out;
}

/**
 * Rewrites the Dashboard's headings and clears, values and formats, every cell below them that holds what
 * the add-in wrote (the register's record, or the layout's value) or nothing, up to the last row and column
 * either layout used; rows get their default height back. What the user typed is left as it is.
 */
async function clearOurCells(
  port: WorkbookPort,
  layout: SheetLayout,
  owned: ReadonlyMap<string, OwnedRecord>,
): Promise<void> {
  const labels = layout.cells.filter((c) => c.kind === "label");
  const top = Math.max(...labels.map((c) => parseAddress(c.address).row));
  await port.writeCells(DASHBOARD_SHEET, labels.map(toWrite));
  const ours = [...owned.values()].filter((r) => r.sheet === DASHBOARD_SHEET);
  const places = [...layout.cells.filter(isOwned).map((c) => c.address), ...ours.map((r) => r.address)].map(
    parseAddress,
  );
  const lastRow = Math.max(top, ...places.map((p) => p.row));
  const lastColumn = Math.max(1, ...places.map((p) => p.column));
  const addresses: string[] = [];
  for (let r = top + 1; r <= lastRow; r++)
    for (let c = 1; c <= lastColumn; c++) addresses.push(cellAddress(c, r));
  const current = await port.readCells(DASHBOARD_SHEET, addresses);
  const record = new Map(ours.map((r) => [r.address, r.written]));
  const wanted = new Map(layout.cells.filter(isOwned).map((c) => [c.address, c]));
  const clear = addresses.filter((a, i) => {
    const cur = current[i];
    if (cur.formula === undefined && (cur.value === null || cur.value === "")) return true;
    const rec = record.get(a);
    if (rec) return matchesWritten(cur, rec);
    const want = wanted.get(a);
    return (
      want !== undefined &&
      matchesWritten(
        cur,
        want.kind === "formula"
          ? { kind: "formula", formula: want.formula }
          : { kind: "value", value: want.value },
      )
    );
  });
  if (clear.length) await port.clearRanges(DASHBOARD_SHEET, rowRuns(clear));
  const heights = new Map((layout.rowHeights ?? []).map((h) => [h.row, h.height]));
  const rows: { row: number; height: number }[] = [];
  for (let r = top + 1; r <= lastRow; r++)
    rows.push({ row: r, height: heights.get(r) ?? DEFAULT_ROW_HEIGHT });
  await port.setRowHeights(DASHBOARD_SHEET, rows);
}

/** Cell addresses (in row order) as ranges of adjacent cells of a row: "A9:O9" for a whole row. */
function rowRuns(addresses: readonly string[]): string[] {
  const runs: { row: number; from: number; to: number }[] = [];
  for (const a of addresses) {
    const { row, column } = parseAddress(a);
    const last = runs[runs.length - 1];
    if (last && last.row === row && last.to === column - 1) last.to = column;
    else runs.push({ row, from: column, to: column });
  }
  return runs.map((r) =>
    r.from === r.to
      ? cellAddress(r.from, r.row)
      : `${cellAddress(r.from, r.row)}:${cellAddress(r.to, r.row)}`,
  );
}

/** Excel's row height for the default font (Calibri 11), in points. */
const DEFAULT_ROW_HEIGHT = 15;

/**
 * Brings the Dashboard up to date on its own (after `track import`, or the taskpane's Track tab), writing the
 * register's record of its cells.
 *
 * @example
 * await updateDashboard(port); // the Dashboard shows the actuals just imported
 */
export async function updateDashboard(port: WorkbookPort): Promise<DashboardSync> {
  const register = await readRegister(port);
  const owned = new Map(register.owned);
  const breaks = new Map(register.breaks);
  const sync = await syncDashboard(port, owned, { dryRun: false, breaks });
  // The Programme's RAG column follows, as a refresh would write it (its other cells are not touched).
  const programme = register.programme as ProgrammeConfig | undefined;
  if (programme) {
    const { placements } = await placeSheets(port, programmeLayouts(programme));
    const cells = programmeRagCells(programme, worstRags(sync.proposals));
    await syncOwned(
      port,
      { layoutId: PROGRAMME_LAYOUT_ID, sheet: PROGRAMME_SHEET, cells },
      PROGRAMME_OWNER,
      owned,
      { dryRun: false, placements },
    );
  }
  await writeRegister(port, { ...register, owned, breaks });
  return sync;
}

const WORST: Readonly<Record<RagStatus, number>> = { Red: 0, Amber: 1, Green: 2 };

/**
 * Each tracked proposal sheet's RAG for its Programme row: the worst of its measures' (none without a
 * Tracking sheet, so an untracked workbook reads nothing more).
 *
 * @example
 * await ragBySheet(port) // Map { "CFS Targeted Prevention" => "Red" }
 */
export async function ragBySheet(port: WorkbookPort): Promise<ReadonlyMap<string, RagStatus>> {
  if (!(await port.listSheets()).some((s) => s.name === TRACKING_SHEET)) return new Map();
  const { thresholds } = await readThresholds(port);
  return worstRags((await trackWorkbook(port, thresholds)).proposals);
}

/**
 * Each tracked proposal sheet's worst measure RAG (ragBySheet, from tracking already done).
 *
 * @example
 * worstRags(sync.proposals) // Map { "CFS Targeted Prevention" => "Red" }
 */
export function worstRags(proposals: readonly ProposalTracking[]): ReadonlyMap<string, RagStatus> {
  return new Map(
    proposals.map((p) => [
      p.sheet,
      p.summary.measures
        .map((m) => m.rag)
        .reduce((a, b) => (WORST[b] < WORST[a] ? b : a), "Green" as RagStatus),
    ]),
  );
}
