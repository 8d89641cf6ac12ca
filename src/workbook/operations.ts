import { formatMillions, isEngineError } from "../engine";
import { WorkbookError } from "./errors";
import type { ProgrammeConfig, ProgrammeRowConfig } from "./layouts/programmeConfig";
import { proposalSheetLayout } from "./layouts/proposalSheet";
import { syncOwned, toWrite, writeLayout, type CellChange } from "./ownedCells";
import type { CellScalar, DefinedName, WorkbookPort } from "./port";
import {
  PROGRAMME_OWNER,
  createProgramme,
  insertProgrammeRow,
  programmeLayouts,
  rowsWithoutFigures,
  syncProgramme,
  writeProgrammeRowInputs,
  type ProgrammeLink,
} from "./programme";
import type { SheetLayout } from "./layouts/types";
import {
  asProposalJson,
  linkedProposal,
  planProposal,
  readProposalSheet,
  storedPart,
  type PlannedProposal,
} from "./proposals";
import { readRegister, writeRegister, type OwnedRecord, type StoredProposal } from "./register";
import { modelProposal, type ModelledProposal } from "./engineLink";
import type { LinkedProposal } from "./layouts/programmeSheet";
import { rowHeightFor } from "./layouts/textFit";
import {
  anchorNameList,
  anchorNames,
  identityPlacement,
  isIdentity,
  placeAddress,
  type Placements,
  type SheetPlacement,
} from "./anchors";
import { anchorLegacySheets, placeSheets } from "./placing";

/**
 * What the CLI and the taskpane call: build the programme workbook, add a proposal, read one back, refresh.
 * Everything goes through a WorkbookPort, so the same code runs over ExcelJS and Office.js.
 */

/** One line of the change report (the taskpane's ChangeReportLine has this shape). */
export interface ChangeReportLine {
  readonly proposal: string;
  readonly cell: string;
  readonly before: string;
  readonly after: string;
  readonly kept?: boolean;
}

export interface RefreshReport {
  /** Proposal sheets recomputed. */
  readonly proposals: number;
  /** Changed cells, then kept hand edits, as display lines. */
  readonly lines: readonly ChangeReportLine[];
  readonly changes: readonly CellChange[];
  /** Proposals whose assumptions the engine rejected (their sheets keep the last good figures). */
  readonly errors: readonly { readonly proposal: string; readonly message: string }[];
}

export interface AddProposalResult {
  readonly sheetName: string;
  readonly programmeRowAdded: boolean;
}

const MONEY_KEY =
  /(inYear|cumulative|gross|costs|overlap|inflationContingency|mtfsImpact|quantifiedOpportunity|fullRunRate\.value|FY\d\d\/\d\d|total|er|existing|benefits|cashflow|additionalBeyondMtfs)$/i;

function show(key: string, v: CellScalar): string {
  if (v === null || v === "") return "(blank)";
  if (typeof v === "number") {
    if (MONEY_KEY.test(key) && !/caseload|avoided/i.test(key)) return formatMillions(v);
    return String(Math.round(v * 100) / 100);
  }
  return String(v);
}

/**
 * Display lines for a change report.
 *
 * @example
 * reportLines(changes)[0] // { proposal: "CFS Targeted Prevention", cell: "'CFS Targeted Prevention'!C31", before: "£1.12m", after: "£1.30m" }
 */
export function reportLines(changes: readonly CellChange[]): ChangeReportLine[] {
  return changes.map((c) => ({
    proposal: c.owner === PROGRAMME_OWNER ? "(programme)" : c.owner,
    cell: `${c.sheet}!${c.address}`,
    before: show(c.key, c.before),
    after: show(c.key, c.after),
    ...(c.kept ? { kept: true } : {}),
  }));
}

/** What the programme takes from a modelled proposal: where its figures are and its MTFS row per FY (£). */
function programmeLink(linked: LinkedProposal, modelled: ModelledProposal): ProgrammeLink {
  return {
    ...linked,
    mtfsRowByFy: new Map(modelled.profile.years.map((y) => [y.label, y.mtfsImpact.toNumber()])),
  };
}

function link(p: PlannedProposal): ProgrammeLink {
  return programmeLink(p.linked, p.modelled);
}

async function writeProposalSheet(
  port: WorkbookPort,
  p: PlannedProposal,
  owned: Map<string, OwnedRecord>,
): Promise<void> {
  await writeLayout(port, p.layout, p.layout.sheet, owned);
  await port.writeCells(p.layout.sheet, [{ address: p.layout.statusAddress, value: "Up to date" }]);
  await port.addComboChart(p.layout.chart);
}

/**
 * Builds the MTFS programme workbook into an empty workbook: Programme, Resource cost and Themes sheets from
 * `config`, then one proposal sheet per proposal (config rows whose `proposalSheet` names one link to it).
 *
 * @example
 * await buildProgrammeWorkbook(new ExcelJsPort(new ExcelJS.Workbook()), config, [cfs, fbp, itt]);
 */
export async function buildProgrammeWorkbook(
  port: WorkbookPort,
  config: ProgrammeConfig,
  proposals: readonly unknown[],
): Promise<void> {
  const planned: PlannedProposal[] = [];
  for (const raw of proposals)
    planned.push(
      planProposal(
        raw,
        planned.map((p) => p.layout.sheet),
      ),
    );
  const links = new Map(planned.map((p) => [p.layout.sheet, link(p)]));
  for (const dir of config.directorates) {
    for (const row of dir.rows) {
      if (row.proposalSheet && !links.has(row.proposalSheet)) {
        throw new WorkbookError(
          "no-programme",
          `programme row "${row.opportunity}" links to a missing proposal sheet "${row.proposalSheet}"`,
        );
      }
    }
  }
  const owned = new Map<string, OwnedRecord>();
  await createProgramme(port, config, links, owned);
  for (const p of planned) await writeProposalSheet(port, p, owned);
  await writeRegister(port, { owned, proposals: planned.map((p) => p.stored), programme: config });
}

/**
 * Adds a proposal sheet (and, when the workbook has a Programme, its row in its directorate's block, with
 * subtotals, totals, cashflow and themes following).
 *
 * @example
 * await addProposal(port, cfsJson) // { sheetName: "CFS Targeted Prevention", programmeRowAdded: true }
 */
export async function addProposal(port: WorkbookPort, raw: unknown): Promise<AddProposalResult> {
  const register = await readRegister(port);
  const sheets = (await port.listSheets()).map((s) => s.name);
  const p = planProposal(raw, sheets);
  const owned = new Map(register.owned);
  let programme = register.programme as ProgrammeConfig | undefined;
  // The new row goes where the Programme is now: find it before writing anything.
  const programmeSheets = programme ? programmeLayouts(programme) : [];
  const { placements, problems } = await placeSheets(port, [
    ...register.proposals.map((s) => proposalSheetLayout(s)),
    ...programmeSheets,
  ]);
  const lost = problems.find((x) => programmeSheets.some((l) => l.sheet === x.sheet));
  if (lost)
    throw new WorkbookError(
      "sheet-moved",
      `cannot add the proposal's Programme row: ${lost.sheet}: ${lost.message}`,
    );
  await writeProposalSheet(port, p, owned);
  if (programme) {
    const opp = (p.stored.proposal.opportunity ?? {}) as Record<string, unknown>;
    const text = (v: unknown): string | undefined =>
      typeof v === "string" && v.trim() !== "" ? v : undefined;
    const row: ProgrammeRowConfig = {
      opportunity: text(opp.name) ?? p.layout.sheet,
      type: text(opp.type) ?? "",
      theme: text(opp.theme),
      proposalSheet: p.layout.sheet,
    };
    const grown = await insertProgrammeRow(
      port,
      programme,
      text(opp.directorate) ?? "Other",
      row,
      owned,
      placements,
    );
    programme = grown.config;
    const now = new Map(grown.placements);
    now.set(p.layout.sheet, identityPlacement(p.layout));
    const links = await currentLinks(port, register.proposals, now);
    links.set(p.layout.sheet, link(p));
    await writeProgrammeRowInputs(port, programme, links, p.layout.sheet, now);
    await syncProgramme(port, programme, links, owned, { dryRun: false, placements: now });
  }
  await writeRegister(port, { owned, proposals: [...register.proposals, p.stored], programme });
  return { sheetName: p.layout.sheet, programmeRowAdded: programme !== undefined };
}

/**
 * The first assumption name that no longer points where the layout put it (the user inserted or deleted rows
 * or columns, and the name moved with its cell), described for the report; null when none moved.
 *
 * @example
 * movedName(layout, names) // "mtfs_CFSTargetedPrevention_durationWeeks: B49 is now B50"
 */
export function movedName(layout: SheetLayout, names: ReadonlyMap<string, DefinedName>): string | null {
  for (const c of layout.cells) {
    if (c.kind !== "input" || !c.name) continue;
    const n = names.get(c.name);
    if (n && (n.sheet !== layout.sheet || n.address !== c.address))
      return `${c.name}: ${c.address} is now ${n.address}`;
  }
  return null;
}

/** The cells a layout declares, as comparable strings: same set = same shape. */
function shape(layout: SheetLayout): string {
  return layout.cells
    .map((c) =>
      c.kind === "label"
        ? `L ${c.address}`
        : c.kind === "input"
          ? `I ${c.address} ${c.path} ${c.name ?? ""}`
          : `${c.kind} ${c.address} ${c.key}`,
    )
    .sort()
    .join("\n");
}

/**
 * Replaces the proposal on an existing proposal sheet (the taskpane's Finish after editing a proposal): its
 * input cells are rewritten from `raw` and its owned cells and the programme re-synced as refresh does, so hand
 * edits are still kept and flagged. When the proposal changed shape (another number of triangulation rows,
 * investment lines or FYs), the sheet is laid out again: cells of the old layout that the new one does not
 * use are cleared and its owned cells are all rewritten.
 *
 * @example
 * await updateProposal(port, "CFS Targeted Prevention", editedJson) // { sheetName: "CFS Targeted Prevention", programmeRowAdded: false }
 */
export async function updateProposal(
  port: WorkbookPort,
  sheet: string,
  raw: unknown,
): Promise<AddProposalResult> {
  const register = await readRegister(port);
  const stored = register.proposals.find((p) => p.sheet === sheet);
  if (!stored)
    throw new WorkbookError("not-a-proposal-sheet", `"${sheet}" is not a proposal sheet of this workbook`);
  const proposal = asProposalJson(raw);
  const modelled = modelProposal(proposal);
  const fyLabels = modelled.profile.years.map((y) => y.label);
  const before = proposalSheetLayout(stored);
  const layout = proposalSheetLayout({ sheet, proposal, fyLabels, modelled });
  const owned = new Map(register.owned);
  const reshaped = shape(before) !== shape(layout);
  const programme = register.programme as ProgrammeConfig | undefined;
  const { placements, problems } = await placeSheets(port, [
    ...register.proposals.map((s) => proposalSheetLayout(s)),
    ...(programme ? programmeLayouts(programme) : []),
  ]);
  const placement = placements.get(sheet);
  if (!placement) {
    const why = problems.find((x) => x.sheet === sheet)?.message ?? "the sheet is missing";
    throw new WorkbookError("sheet-moved", `cannot update "${sheet}": ${why}`);
  }
  if (reshaped && !isIdentity(placement)) {
    // A new shape is laid out in layout addresses; over moved rows or columns it would land on the user's cells.
    throw new WorkbookError(
      "sheet-moved",
      `cannot update "${sheet}": the proposal changed shape and rows or columns were inserted or deleted on the sheet; undo those first`,
    );
  }
  const at = (address: string): string => placeAddress(placement, address);
  if (reshaped) {
    // Split the old merges first: a cell of the new layout may lie inside one.
    if (before.merges?.length) await port.unmergeCells(sheet, before.merges);
    const used = new Set(layout.cells.map((c) => c.address));
    const stale = before.cells
      .filter((c) => !used.has(c.address))
      .map((c) => ({ address: c.address, value: null }));
    if (stale.length) await port.writeCells(sheet, stale);
    await port.deleteNames(before.cells.flatMap((c) => (c.kind === "input" && c.name ? [c.name] : [])));
    for (const [key, o] of owned) if (o.sheet === sheet) owned.delete(key);
    await port.writeCells(sheet, layout.cells.filter((c) => c.kind === "label").map(toWrite));
    await port.defineNames(
      layout.cells.flatMap((c) =>
        c.kind === "input" && c.name ? [{ name: c.name, sheet, address: c.address }] : [],
      ),
    );
    await port.deleteNames(anchorNameList(before));
    await port.defineNames(anchorNames(layout));
  }
  const placedNow = reshaped ? new Map([...placements, [sheet, identityPlacement(layout)]]) : placements;
  await port.writeCells(
    sheet,
    layout.cells.filter((c) => c.kind === "input").map((c) => ({ ...toWrite(c), address: at(c.address) })),
  );
  if (reshaped && layout.merges?.length) await port.mergeCells(sheet, layout.merges);
  // The texts may have changed length; rows the old layout sized and the new one does not go back to one line.
  const heights = new Map((reshaped ? (before.rowHeights ?? []) : []).map((h) => [h.row, rowHeightFor(1)]));
  for (const h of layout.rowHeights ?? []) heights.set(h.row, h.height);
  if (heights.size) {
    await port.setRowHeights(
      sheet,
      [...heights].map(([row, height]) => ({ row: placedRow(placement, row), height })),
    );
  }
  const changes = await syncOwned(port, layout, sheet, owned, { dryRun: false, placements: placedNow });
  await port.writeCells(sheet, [{ address: at(layout.statusAddress), value: status(changes) }]);
  const proposals = register.proposals.map((p) =>
    p.sheet === sheet ? { sheet, proposal: storedPart(proposal), fyLabels } : p,
  );
  if (programme) {
    const links = await currentLinks(port, proposals, placedNow);
    await syncProgramme(port, programme, links, owned, { dryRun: false, placements: placedNow });
  }
  await writeRegister(port, { owned, proposals, programme });
  return { sheetName: sheet, programmeRowAdded: false };
}

/** The current row of a layout row. */
function placedRow(p: SheetPlacement, row: number): number {
  return Number(/\d+$/.exec(placeAddress(p, `A${row}`))?.[0]);
}

/**
 * Links for proposals already in the workbook, modelled from their cells where they are now (failing ones
 * left out; ones that cannot be placed linked without figures, so their Programme row keeps what it shows).
 */
async function currentLinks(
  port: WorkbookPort,
  stored: readonly StoredProposal[],
  placements: Placements,
): Promise<Map<string, ProgrammeLink>> {
  const links = new Map<string, ProgrammeLink>();
  for (const s of stored) {
    const placement = placements.get(s.sheet);
    if (!placement) {
      links.set(s.sheet, linkedProposal(proposalSheetLayout(s)));
      continue;
    }
    const raw = await readProposalSheet(port, s, placement);
    try {
      const modelled = modelProposal(raw);
      const layout = proposalSheetLayout({ sheet: s.sheet, proposal: raw, fyLabels: s.fyLabels, modelled });
      links.set(s.sheet, programmeLink(linkedProposal(layout, modelled), modelled));
    } catch (e) {
      if (!isEngineError(e)) throw e;
    }
  }
  return links;
}

/**
 * The proposal JSON on a proposal sheet (as its cells now say), or null when the sheet is not one.
 *
 * @example
 * await readProposal(port, "CFS Targeted Prevention")
 */
export async function readProposal(port: WorkbookPort, sheet: string): Promise<unknown> {
  const register = await readRegister(port);
  const stored = register.proposals.find((p) => p.sheet === sheet);
  if (!stored) return null;
  const { placements, problems } = await placeSheets(port, [proposalSheetLayout(stored)]);
  const placement = placements.get(sheet);
  if (!placement)
    throw new WorkbookError(
      "sheet-moved",
      `cannot read "${sheet}": ${problems[0]?.message ?? "the sheet is missing"}`,
    );
  return readProposalSheet(port, stored, placement);
}

/**
 * Names of the proposal sheets the add-in manages.
 *
 * @example
 * await listProposalSheets(port) // ["Family Based Placements", "CFS Targeted Prevention", ...]
 */
export async function listProposalSheets(port: WorkbookPort): Promise<string[]> {
  return (await readRegister(port)).proposals.map((p) => p.sheet);
}

export interface RefreshOptions {
  readonly dryRun?: boolean;
  /** Called before each proposal and once at the end with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

function status(changes: readonly CellChange[], error?: string): string {
  if (error) return `Not refreshed: ${error}`;
  const kept = changes.filter((c) => c.kept).map((c) => c.address);
  return kept.length
    ? `${kept.length} hand-edited cell(s) kept: ${kept.join(", ")} (see notes)`
    : "Up to date";
}

/**
 * Recomputes every proposal sheet from its assumption cells and rewrites only the owned cells that changed;
 * hand-edited owned cells are kept, flagged and reported. Then the programme sheets follow. Idempotent.
 *
 * @example
 * const report = await refreshWorkbook(port, { dryRun: false });
 * report.lines // [{ proposal, cell, before, after, kept? }, ...]
 */
export async function refreshWorkbook(
  port: WorkbookPort,
  options: RefreshOptions = {},
): Promise<RefreshReport> {
  const dryRun = options.dryRun ?? false;
  const register = await readRegister(port);
  const programme = register.programme as ProgrammeConfig | undefined;
  // Where every sheet is now, from its anchors; a sheet that cannot be found is neither read nor written.
  const layouts = [
    ...register.proposals.map((s) => proposalSheetLayout(s)),
    ...(programme ? programmeLayouts(programme) : []),
  ];
  const { placements, problems } = await placeSheets(port, layouts);
  const lost = new Map(problems.map((x) => [x.sheet, x.message]));
  const owned = new Map(register.owned);
  const changes: CellChange[] = [];
  const errors: { proposal: string; message: string }[] = [];
  const links = new Map<string, ProgrammeLink>();
  const stored: StoredProposal[] = [];
  const total = register.proposals.length;
  const sheets = new Set((await port.listSheets()).map((x) => x.name));
  const names = new Map((await port.listNames()).map((n) => [n.name, n]));
  for (let i = 0; i < total; i++) {
    options.onProgress?.(i, total);
    const s = register.proposals[i];
    if (!sheets.has(s.sheet)) {
      // Deleted by the user: report it; its Programme row keeps the figures it shows.
      errors.push({ proposal: s.sheet, message: "the proposal sheet is missing (deleted or renamed)" });
      stored.push(s);
      continue;
    }
    const placement = placements.get(s.sheet);
    // A sheet written before anchoring is checked through its named assumptions, as it always was.
    const drift = placement?.legacy ? movedName(proposalSheetLayout(s), names) : null;
    if (!placement || drift) {
      // Rows or columns the layout uses were deleted (or, on an unanchored sheet, anything moved): its cells
      // cannot be found, so nothing on it is read or written (and its Programme row only keeps what it shows).
      placements.delete(s.sheet);
      errors.push({
        proposal: s.sheet,
        message: drift
          ? `rows or columns were inserted or deleted on this sheet (${drift}); undo that, or add the proposal again`
          : `rows or columns were deleted or moved on this sheet: ${lost.get(s.sheet) ?? "its anchors are missing"}`,
      });
      stored.push(s);
      links.set(s.sheet, linkedProposal(proposalSheetLayout(s)));
      continue;
    }
    const raw = await readProposalSheet(port, s, placement);
    let sheetChanges: CellChange[] = [];
    let error: string | undefined;
    try {
      const modelled = modelProposal(raw);
      const layout = proposalSheetLayout({ sheet: s.sheet, proposal: raw, fyLabels: s.fyLabels, modelled });
      sheetChanges = await syncOwned(port, layout, s.sheet, owned, { dryRun, placements });
      links.set(s.sheet, programmeLink(linkedProposal(layout, modelled), modelled));
      stored.push({ ...s, proposal: storedPart(raw) });
    } catch (e) {
      if (!isEngineError(e)) throw e;
      error = e.message;
      errors.push({ proposal: s.sheet, message: e.message });
      stored.push(s);
      const layout = proposalSheetLayout({ sheet: s.sheet, proposal: s.proposal, fyLabels: s.fyLabels });
      links.set(s.sheet, linkedProposal(layout));
    }
    changes.push(...sheetChanges);
    if (!dryRun) {
      const layout = proposalSheetLayout({ sheet: s.sheet, proposal: s.proposal, fyLabels: s.fyLabels });
      const address = placeAddress(placement, layout.statusAddress);
      const [cur] = await port.readCells(s.sheet, [address]);
      const text = status(sheetChanges, error);
      if (cur.value !== text) await port.writeCells(s.sheet, [{ address, value: text }]);
    }
  }
  if (programme) {
    const gone = programmeLayouts(programme).find((l) => lost.has(l.sheet));
    if (gone) {
      // Its figures link across the three sheets: none of them is written.
      errors.push({
        proposal: "(programme)",
        message: `rows or columns were deleted or moved on ${gone.sheet}: ${lost.get(gone.sheet)}; the programme sheets were not refreshed`,
      });
    } else {
      const broken = await rowsWithoutFigures(port, programme, links, placements);
      if (broken.length)
        errors.push({
          proposal: "(programme)",
          message: `the Programme rows of ${broken.join(", ")} show no figures (their sheets could not be read); the programme sheets were not refreshed`,
        });
      else changes.push(...(await syncProgramme(port, programme, links, owned, { dryRun, placements })));
    }
  }
  if (!dryRun) {
    await anchorLegacySheets(port, layouts, placements);
    await writeRegister(port, { owned, proposals: stored, programme });
  }
  options.onProgress?.(total, total);
  const ordered = [...changes.filter((c) => !c.kept), ...changes.filter((c) => c.kept)];
  return { proposals: total, lines: reportLines(ordered), changes: ordered, errors };
}
