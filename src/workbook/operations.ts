import { withOptionalRows } from "./layouts/assumptionsBlock";
import { isEngineError, type OptimismBiasTable, type RagStatus } from "../engine";
import { syncDashboard, trackForDashboard, worstRags } from "./dashboard";
import {
  deletedParameters,
  parametersRefusal,
  ensureParametersSheet,
  readOptimismBiasTable,
  type GreenBookParameters,
} from "./parameters";
import { countedCellMessages, reportLines, type ChangeReportLine } from "./changeReport";
import { newFormulaCheck } from "./cachedResults";
import {
  blankTimingWarnings,
  cellErrorMessage,
  inputWarningMessages,
  percentWarnings,
  warningsBesideError,
} from "./fieldCells";
import { WorkbookError } from "./errors";
import type { ProgrammeConfig, ProgrammeRowConfig } from "./layouts/programmeConfig";
import { assertFitsCell, proposalSheetLayout, type ProposalSheetLayout } from "./layouts/proposalSheet";
import {
  recordOwned,
  syncOwned,
  toWrite,
  writeLayout,
  writeListValidations,
  type CellChange,
  type SyncOptions,
} from "./ownedCells";
import type { CellScalar, DefinedName, WorkbookPort } from "./port";
import {
  createProgramme,
  insertProgrammeRow,
  insertThemeRow,
  PROGRAMME_OWNER,
  programmeLayouts,
  rowsWithoutFigures,
  syncProgramme,
  writeProgrammeRowInputs,
  type ProgrammeLink,
} from "./programme";
import { STYLES, type SheetLayout } from "./layouts/types";
import {
  asProposalJson,
  linkedProposal,
  movedInput,
  planProposal,
  readProposalSheet,
  storedPart,
  storedSlug,
  type PlannedProposal,
} from "./proposals";
import {
  hasRegister,
  NOT_AN_MTFS_WORKBOOK,
  readRegister,
  writeRegister,
  type OwnedRecord,
  type StoredProposal,
} from "./register";
import { modelProposal, type ModelledProposal } from "./engineLink";
import { PROGRAMME_SHEET, programmeStatusAddress, type LinkedProposal } from "./layouts/programmeSheet";
import { rowHeightFor } from "./layouts/textFit";
import { tornadoRowsFor } from "./layouts/tornadoBlock";
import { measureColumnsFor } from "./layouts/profileBreakdown";
import { greenBookFigures } from "./layouts/programmeGreenBook";
import {
  anchorNameList,
  anchorNames,
  identityPlacement,
  isIdentity,
  movedLayout,
  placeAddress,
  type Placements,
  type SheetPlacement,
} from "./anchors";
import { anchorLegacySheets, placeSheets } from "./placing";
import { demandLayouts, refreshDemandSheets } from "./demand";
import { linksToDeletedCells, lostLinksMessage, type LostLink } from "./lostLinks";
import { ensureScenarios, linkedStretch, withScenarios } from "./scenarios";
import { currentSheetName, followRenamedSheets, relinkRenamedSheets } from "./renamedSheets";
import { alreadyHeldMessage, duplicateNameWarnings, heldProposal } from "./duplicateProposals";

/**
 * What the CLI and the taskpane call: build the programme workbook, add a proposal, read one back, refresh.
 * Everything goes through a WorkbookPort, so the same code runs over ExcelJS and Office.js.
 */

export interface RefreshReport {
  /** Proposal sheets recomputed. */
  readonly proposals: number;
  /** Changed cells, then kept hand edits, as display lines. */
  readonly lines: readonly ChangeReportLine[];
  readonly changes: readonly CellChange[];
  /** Proposals whose assumptions the engine rejected (their sheets keep the last good figures). */
  readonly errors: readonly { readonly proposal: string; readonly message: string }[];
  /** Values refreshed as they are but worth a look (a percent cell holding 8, i.e. 800%), naming the cell. */
  readonly warnings: readonly { readonly proposal: string; readonly message: string }[];
  /**
   * Owned formulas ("Sheet!A1") outside the grammar refresh evaluates (formulaValue.ts): their cached result
   * is the engine's figure, not the sheet's.
   */
  readonly formulasNotEvaluated?: readonly string[];
}

export interface AddProposalResult {
  readonly sheetName: string;
  readonly programmeRowAdded: boolean;
  /** Why the sheet is not called what the opportunity is (shortened, suffixed, …), for the user to be told. */
  readonly sheetNote?: string;
}

/** What the programme takes from a modelled proposal: where its figures are and its MTFS row per FY (£). */
function programmeLink(linked: LinkedProposal, modelled: ModelledProposal): ProgrammeLink {
  return {
    ...linked,
    mtfsRowByFy: new Map(modelled.profile.years.map((y) => [y.label, y.mtfsImpact.toNumber()])),
    riskAdjustedByFy: new Map(
      modelled.profile.years.map((y, i) => [y.label, modelled.riskAdjusted[i].toNumber()]),
    ),
    ...(modelled.confidence === undefined ? {} : { confidenceLevel: modelled.confidence }),
    greenBookByFy: greenBookFigures(modelled),
    ...(modelled.stretch === undefined
      ? {}
      : {
          stretchByFy: new Map(
            modelled.profile.years.map((y, i) => [y.label, modelled.stretch?.[i]?.toNumber() ?? 0]),
          ),
        }),
  };
}

/**
 * The link of a proposal that failed to model: the figures its sheet still shows (its owned cells are not
 * rewritten), so its Programme row, the subtotals and totals stay consistent with that sheet. `at` maps a
 * layout address to where the cell is now.
 */
async function keptLink(
  port: WorkbookPort,
  layout: ProposalSheetLayout,
  at: (layoutAddress: string) => string = (a) => a,
): Promise<ProgrammeLink> {
  const fys = [...layout.mtfsRowAddress];
  const risk = [...layout.riskAdjustedRowAddress];
  const cells = await port.readCells(layout.sheet, [
    ...fys.map(([, address]) => at(address)),
    at(layout.timeToRunRateAddress),
    ...risk.map(([, address]) => at(address)),
    at(layout.confidenceAddress),
  ]);
  const amount = (v: CellScalar): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const riskCells = cells.slice(fys.length + 1, fys.length + 1 + risk.length);
  const confidence = cells[fys.length + 1 + risk.length].value;
  return {
    ...linkedProposal(layout),
    timeToRunRateYears: cells[fys.length].value,
    mtfsRowByFy: new Map(fys.map(([fy], i) => [fy, amount(cells[i].value)])),
    riskAdjustedByFy: new Map(risk.map(([fy], i) => [fy, amount(riskCells[i].value)])),
    ...(typeof confidence === "string" && confidence.trim() !== ""
      ? { confidenceLevel: confidence.trim() }
      : {}),
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
  await port.writeCells(p.layout.sheet, [
    { address: p.layout.statusAddress, value: "Up to date", style: STYLES.status },
  ]);
  await port.addComboChart(p.layout.chart);
  if (p.layout.tornadoChart) await port.addBarChart(p.layout.tornadoChart);
  await port.setRowBreaks(p.layout.sheet, p.layout.pageBreaks ?? [], []);
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
        { slugs: planned.map((p) => storedSlug(p.stored)) },
      ),
    );
  for (const p of planned) assertTextsFit(p.layout);
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
  const programme = withScenarios(
    { ...config, parametersSheet: true, greenBook: true, greenBookImplementation: true },
    linkedStretch(config, links.values()),
  );
  // The Programme's links read the proposal sheets written after it (liveFormulas): known from the start.
  for (const p of planned) recordOwned(p.layout, p.layout.sheet, owned);
  await createProgramme(port, programme, links, owned);
  for (const p of planned) await writeProposalSheet(port, p, owned);
  // After the sheets it serves (the tabs keep the Programme first); their formulas look up its names.
  await ensureParametersSheet(port);
  await writeRegister(port, { owned, proposals: planned.map((p) => p.stored), programme });
}

/**
 * The Parameters sheet's table and Green Book parameters, or a refusal ("bad-parameters") naming each cell
 * that cannot be used, as refresh refuses: the new or edited sheet's formulas would read those cells.
 */
async function usableParameters(
  port: WorkbookPort,
  what: string,
): Promise<{ table: OptimismBiasTable; greenBook: GreenBookParameters }> {
  const read = await readOptimismBiasTable(port);
  const refused = parametersRefusal(read.problems, what);
  if (refused) throw new WorkbookError("bad-parameters", refused.join("\n"));
  return read;
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
  // A proposal is known by its name, not its sheet's (which the user may have renamed): one already here is
  // refused, naming the sheet that holds it now, or the Programme would count it twice.
  const name = ((raw as { opportunity?: { name?: unknown } } | null)?.opportunity ?? {}).name;
  const { renames } = await followRenamedSheets(port, register, { dryRun: true });
  if (typeof name === "string" && name.trim() !== "") {
    const held = heldProposal(register, renames, name);
    if (held) throw new WorkbookError("sheet-exists", alreadyHeldMessage(held), "proposal");
  }
  const sheets = (await port.listSheets()).map((s) => s.name);
  // Everything is checked before the first write (sheet name, defined names, cell texts), so a refusal
  // leaves the workbook as it was.
  const existingNames = (await port.listNames()).map((n) => n.name);
  const { table, greenBook } = await usableParameters(port, "the proposal was not added");
  // Every optional field gets its row (blank reads as none), so the user has a cell to fill in later.
  const p = planProposal(
    withOptionalRows(raw),
    sheets,
    {
      slugs: register.proposals.map(storedSlug),
      names: existingNames,
      // Where they are now: a sheet renamed since the last refresh is still a proposal's.
      proposalSheets: register.proposals.map((s) => currentSheetName(renames, s.sheet)),
    },
    table,
    greenBook,
  );
  assertTextsFit(p.layout);
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
  if (programme)
    await assertLinksIntact(port, register, placements, "cannot add the proposal's Programme row");
  // Its risk-adjusted row looks up the Parameters sheet's table: a workbook without one gets it.
  await ensureParametersSheet(port);
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
    // A theme the Themes sheet does not list yet gets its row, so its total is not a misleading 0.
    const themed = await insertThemeRow(port, grown.config, row.theme, owned, grown.placements);
    programme = themed.config;
    const now = new Map(themed.placements);
    now.set(p.layout.sheet, identityPlacement(p.layout));
    const links = await currentLinks(port, register.proposals, now, table, greenBook);
    links.set(p.layout.sheet, link(p));
    await writeProgrammeRowInputs(port, programme, links, p.layout.sheet, now);
    programme = (
      await syncProgrammeWithScenarios(
        port,
        programme,
        links,
        owned,
        { dryRun: false, placements: now },
        table,
        greenBook,
      )
    ).config;
  }
  await writeRegister(port, { ...register, owned, proposals: [...register.proposals, p.stored], programme });
  return {
    sheetName: p.layout.sheet,
    programmeRowAdded: programme !== undefined,
    ...(p.sheetNote === undefined ? {} : { sheetNote: p.sheetNote }),
  };
}

/**
 * The first assumption name that no longer points where the layout put it (the user inserted or deleted rows
 * or columns, and the name moved with its cell), described for the report; null when none moved.
 *
 * @example
 * movedName(layout, names) // "\"Duration (weeks)\" laid out in B49 is now in B50"
 */
export function movedName(layout: SheetLayout, names: ReadonlyMap<string, DefinedName>): string | null {
  for (const c of layout.cells) {
    if (c.kind !== "input" || !c.name) continue;
    const n = names.get(c.name);
    // In words (the field's caption), not the defined name, which the user never typed.
    if (n && (n.sheet !== layout.sheet || n.address !== c.address))
      return `${c.label ? `"${c.label}"` : c.path} laid out in ${c.address} is now in ${n.address}`;
  }
  return null;
}

/**
 * Refuses, before anything is written, an input text longer than a cell holds (Excel would reject the write
 * halfway through the sheet; the layout checks the prose fields itself, this every other input).
 */
function assertTextsFit(layout: SheetLayout): void {
  for (const c of layout.cells) if (c.kind === "input") assertFitsCell(c.path, c.value);
}

/** The defined names of a layout's input cells. */
function inputNames(layout: SheetLayout): string[] {
  return layout.cells.flatMap((c) => (c.kind === "input" && c.name ? [c.name] : []));
}

/**
 * Refuses, before anything is written, defined names that the workbook already holds (Excel compares
 * names ignoring case); `replaced` are names about to be deleted, which may come back.
 */
function assertNamesFree(
  wanted: readonly string[],
  replaced: readonly string[],
  existing: readonly DefinedName[],
): void {
  const gone = new Set(replaced.map((n) => n.toLowerCase()));
  const held = new Set(existing.map((n) => n.name.toLowerCase()).filter((n) => !gone.has(n)));
  const clash = wanted.find((n) => held.has(n.toLowerCase()));
  if (clash) {
    throw new WorkbookError(
      "name-exists",
      `the workbook already has a defined name "${clash}"; delete or rename it (Formulas > Name Manager), then try again`,
    );
  }
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
  named: string,
  raw: unknown,
): Promise<AddProposalResult> {
  // A sheet renamed since the last refresh is edited under its new name, as refresh follows it; the
  // anchors move only once every check has passed.
  const registered = await readRegister(port);
  const followed = await followRenamedSheets(port, registered, { dryRun: true });
  const register = followed.register;
  const sheet = currentSheetName(followed.renames, named);
  const stored = register.proposals.find((p) => p.sheet === sheet);
  if (!stored)
    throw new WorkbookError("not-a-proposal-sheet", `"${named}" is not a proposal sheet of this workbook`);
  // The wizard leaves blank fields out: an edit keeps the blank rows the sheet has (and adds none).
  const proposal = asProposalJson(withOptionalRows(raw, stored.proposal));
  const { table, greenBook: gb } = await usableParameters(port, "the proposal was not changed");
  const modelled = modelProposal(proposal, table, gb);
  const fyLabels = modelled.profile.years.map((y) => y.label);
  const before = proposalSheetLayout(stored);
  let programme = register.programme as ProgrammeConfig | undefined;
  const { placements, problems } = await placeSheets(
    port,
    [
      ...register.proposals.map((s) => proposalSheetLayout(s)),
      ...(programme ? programmeLayouts(programme) : []),
    ],
    followed.names,
  );
  const placement = placements.get(sheet);
  if (!placement) {
    const why = problems.find((x) => x.sheet === sheet)?.message ?? "the sheet is missing";
    throw new WorkbookError("sheet-moved", `cannot update "${sheet}": ${why}`);
  }
  if (programme) await assertLinksIntact(port, register, placements, `cannot update "${sheet}"`);
  // A sheet written with path captions is laid out in words when it can be laid out again (nothing moved).
  const assumptionsInWords = stored.assumptionsInWords === true || isIdentity(placement);
  // Likewise the Green Book block joins a sheet that can be laid out again.
  const greenBook = stored.greenBook === true || isIdentity(placement);
  // So is its tornado: as many rows as the inputs now (a moved sheet keeps what it has).
  const tornadoRows = isIdentity(placement)
    ? tornadoRowsFor(modelled.sensitivity)
    : (stored.tornadoRows ?? 0);
  // And its breakdown's measure columns (a moved sheet keeps its own).
  const measureColumns = isIdentity(placement)
    ? measureColumnsFor(proposal, modelled.proposal)
    : stored.measureColumns;
  const layout = proposalSheetLayout({
    ...stored,
    proposal,
    fyLabels,
    modelled,
    fitTexts: true,
    assumptionsInWords,
    greenBook,
    tornadoRows,
    measureColumns,
  });
  const owned = new Map(register.owned);
  const reshaped = shape(before) !== shape(layout);
  if (reshaped && !isIdentity(placement)) {
    // A new shape is laid out in layout addresses; over moved rows or columns it would land on the user's cells.
    throw new WorkbookError(
      "sheet-moved",
      `cannot update "${sheet}": the proposal changed shape and rows or columns were inserted or deleted on the sheet; undo those first`,
    );
  }
  const at = (address: string): string => placeAddress(placement, address);
  assertTextsFit(layout);
  if (reshaped) assertNamesFree(inputNames(layout), inputNames(before), await port.listNames());
  if (followed.renames.length) {
    await followRenamedSheets(port, registered, { dryRun: false });
    await relinkRenamedSheets(port, programme, placements, followed.renames);
  }
  if (reshaped) {
    // Split the old merges first: a cell of the new layout may lie inside one.
    // And those an earlier version merged (formerMerges): a sheet written by it may still hold them.
    const split = [...(before.merges ?? []), ...(before.formerMerges ?? [])];
    if (split.length) await port.unmergeCells(sheet, split);
    const used = new Set(layout.cells.map((c) => c.address));
    const stale = before.cells
      .filter((c) => !used.has(c.address))
      .map((c) => ({ address: c.address, value: null }));
    if (stale.length) await port.writeCells(sheet, stale);
    await port.deleteNames(inputNames(before));
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
  if (reshaped) {
    // A dropdown of the old layout must not refuse what the new one puts in its cell.
    const listed = new Set(layout.cells.flatMap((c) => (c.kind === "input" && c.choices ? [c.address] : [])));
    const dropped = before.cells.filter((c) => c.kind === "input" && c.choices && !listed.has(c.address));
    if (dropped.length)
      await port.setListValidations(
        sheet,
        dropped.map((c) => ({ address: c.address, choices: [] })),
      );
  }
  // On a moved sheet the dropdowns moved with their cells (and an unchanged shape keeps the same ones).
  if (isIdentity(placement)) await writeListValidations(port, layout);
  if (reshaped && layout.merges?.length) await port.mergeCells(sheet, layout.merges);
  // The profile rows moved: a chart over the old rows would show stale cells (Excel does not follow them).
  if (reshaped) await port.addComboChart(layout.chart);
  if (reshaped && layout.tornadoChart) await port.addBarChart(layout.tornadoChart);
  // And the page breaks above them: the old layout's go, the user's (wherever they are) stay.
  if (reshaped) await port.setRowBreaks(sheet, layout.pageBreaks ?? [], before.pageBreaks ?? []);
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
  await port.writeCells(sheet, [
    { address: at(layout.statusAddress), value: status(changes), style: STYLES.status },
  ]);
  const proposals = register.proposals.map((p) =>
    p.sheet === sheet
      ? {
          ...p,
          proposal: storedPart(proposal),
          fyLabels,
          textRows: layout.textRows,
          assumptionsInWords,
          ...(greenBook ? { greenBook } : {}),
          ...(tornadoRows > 0 ? { tornadoRows } : {}),
          ...(measureColumns ? { measureColumns } : {}),
        }
      : p,
  );
  if (programme) {
    const links = await currentLinks(port, proposals, placedNow, table, gb);
    const options = { dryRun: false, placements: placedNow };
    programme = (await syncProgrammeWithScenarios(port, programme, links, owned, options, table, gb)).config;
  }
  await writeRegister(port, { ...register, owned, proposals, programme });
  return { sheetName: sheet, programmeRowAdded: false };
}

/**
 * Re-syncs the programme sheets (syncProgramme), first bringing the Stretch scenarios and the Scenarios sheet
 * that proposals now stating a stretch target need (once; they stay): add, update and refresh alike. Gives
 * the programme's config as it now is and the changes.
 */
async function syncProgrammeWithScenarios(
  port: WorkbookPort,
  programme: ProgrammeConfig,
  links: ReadonlyMap<string, ProgrammeLink>,
  owned: Map<string, OwnedRecord>,
  options: SyncOptions & { readonly placements: Placements },
  table?: OptimismBiasTable,
  greenBook?: GreenBookParameters,
  rags?: ReadonlyMap<string, RagStatus>,
): Promise<{ config: ProgrammeConfig; changes: CellChange[] }> {
  const stretch = linkedStretch(programme, links.values());
  const ensured = await ensureScenarios(port, programme, stretch, options.placements, options.dryRun);
  const placements = ensured.placements ?? options.placements;
  const changes = await syncProgramme(
    port,
    ensured.config,
    links,
    owned,
    { ...options, placements },
    table,
    greenBook,
    rags,
  );
  return { config: ensured.config, changes };
}

/** The current row of a layout row. */
function placedRow(p: SheetPlacement, row: number): number {
  return Number(/\d+$/.exec(placeAddress(p, `A${row}`))?.[0]);
}

/**
 * Links for proposals already in the workbook, modelled from their cells where they are now (failing ones as
 * their sheets show; ones that cannot be placed linked without figures, so their Programme row keeps what it
 * shows).
 */
async function currentLinks(
  port: WorkbookPort,
  stored: readonly StoredProposal[],
  placements: Placements,
  table?: OptimismBiasTable,
  greenBook?: GreenBookParameters,
): Promise<Map<string, ProgrammeLink>> {
  const links = new Map<string, ProgrammeLink>();
  const sheets = new Set((await port.listSheets()).map((x) => x.name));
  for (const s of stored) {
    if (!sheets.has(s.sheet)) continue; // deleted: its Programme row keeps its last figures
    const placement = placements.get(s.sheet);
    if (!placement) {
      links.set(s.sheet, linkedProposal(proposalSheetLayout(s)));
      continue;
    }
    const raw = await readProposalSheet(port, s, placement);
    try {
      const modelled = modelProposal(raw, table, greenBook);
      // A link reads cells above the tornado (the sheet's last block): its figures are not needed here.
      const layout = proposalSheetLayout({ ...s, proposal: raw, modelled, tornadoRows: 0 });
      links.set(s.sheet, programmeLink(linkedProposal(layout, modelled), modelled));
    } catch (e) {
      if (!isEngineError(e)) throw e;
      // It keeps what its sheet shows, as in refresh, so its Programme row still links to that sheet.
      const layout = proposalSheetLayout(s);
      links.set(s.sheet, await keptLink(port, layout, (a) => placeAddress(placement, a)));
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
export async function readProposal(port: WorkbookPort, named: string): Promise<unknown> {
  // A sheet renamed since the last refresh is read under its new name (or the old one an edit began under),
  // found as refresh finds it; nothing is written.
  const followed = await followRenamedSheets(port, await readRegister(port), { dryRun: true });
  const sheet = currentSheetName(followed.renames, named);
  const stored = followed.register.proposals.find((p) => p.sheet === sheet);
  if (!stored) return null;
  const { placements, problems } = await placeSheets(port, [proposalSheetLayout(stored)], followed.names);
  const placement = placements.get(sheet);
  if (!placement)
    throw new WorkbookError(
      "sheet-moved",
      `cannot read "${named}": ${problems[0]?.message ?? "the sheet is missing"}`,
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
  /**
   * What the register keeps of each proposal (default: all of it). The CLI passes the proposal format's
   * fields, so a workbook whose register holds unknown fields sheds them; it must keep every field the
   * sheet's layout depends on (assumptions, triangulation), or the sheet's cells would move.
   */
  readonly keepFields?: (proposal: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>;
}

function status(changes: readonly CellChange[], error?: string, warnings: readonly string[] = []): string {
  if (error) return `Not refreshed: ${error}`;
  const kept = changes.filter((c) => c.kept).map((c) => c.address);
  const text = kept.length
    ? `${kept.length} hand-edited cell(s) kept: ${kept.join(", ")} (see notes)`
    : "Up to date";
  return warnings.length ? `${text}; check ${warnings.join("; ")}` : text;
}

/**
 * The Programme's status when proposal sheets were not refreshed (their rows keep their last figures), before
 * what the programme's own sync said when that was more than "Up to date".
 *
 * @example
 * notRefreshedStatus(["Income Maximisation"], "Up to date") // "1 proposal not refreshed: Income Maximisation"
 */
export function notRefreshedStatus(sheets: readonly string[], synced: CellScalar): string {
  const head = `${sheets.length === 1 ? "1 proposal" : `${sheets.length} proposals`} not refreshed: ${sheets.join(", ")}`;
  return typeof synced === "string" && synced !== "" && synced !== "Up to date" && !synced.includes(head)
    ? `${head}; ${synced}`
    : head;
}

/** The Programme's links into proposal sheets that cannot be placed, where their rows or columns were deleted. */
async function deletedLinks(
  port: WorkbookPort,
  proposals: readonly StoredProposal[],
  owned: ReadonlyMap<string, OwnedRecord>,
  names: ReadonlyMap<string, DefinedName>,
  placements: Placements,
): Promise<LostLink[]> {
  const sheets = new Set((await port.listSheets()).map((x) => x.name));
  const refused = proposals
    .filter((s) => sheets.has(s.sheet) && !placements.has(s.sheet))
    .map((s) => proposalSheetLayout(s));
  if (!refused.length) return [];
  return linksToDeletedCells(port, owned, PROGRAMME_OWNER, refused, names, placements);
}

/**
 * Refuses (WorkbookError "sheet-moved"), before anything is written, to re-sync a programme whose links point
 * at a refused proposal sheet's deleted rows or columns: its totals would be summed from other cells.
 */
async function assertLinksIntact(
  port: WorkbookPort,
  register: {
    readonly proposals: readonly StoredProposal[];
    readonly owned: ReadonlyMap<string, OwnedRecord>;
  },
  placements: Placements,
  what: string,
): Promise<void> {
  const names = new Map((await port.listNames()).map((n) => [n.name, n]));
  const deleted = await deletedLinks(port, register.proposals, register.owned, names, placements);
  if (deleted.length)
    throw new WorkbookError(
      "sheet-moved",
      `${what}: ${lostLinksMessage(deleted)}; undo that, then try again`,
    );
}

/**
 * Why the programme sheets must not be refreshed, or undefined: one of them cannot be placed; cells linking to a
 * refused proposal sheet point at its deleted rows or columns; or linked rows show no figures. Their figures
 * link across the sheets, so all of them are refused together.
 */
async function programmeRefusal(
  port: WorkbookPort,
  programme: ProgrammeConfig,
  proposals: readonly StoredProposal[],
  owned: ReadonlyMap<string, OwnedRecord>,
  links: ReadonlyMap<string, ProgrammeLink>,
  names: ReadonlyMap<string, DefinedName>,
  placements: Placements,
  lost: ReadonlyMap<string, string>,
): Promise<string | undefined> {
  const gone = programmeLayouts(programme).find((l) => lost.has(l.sheet));
  if (gone)
    return `rows or columns were deleted or moved on ${gone.sheet}: ${lost.get(gone.sheet)}; the programme sheets were not refreshed`;
  // Links into a refused sheet are left alone only while they still point at their cells.
  const deleted = await deletedLinks(port, proposals, owned, names, placements);
  if (deleted.length)
    return `${lostLinksMessage(deleted)}; undo that, then refresh again; the programme sheets were not refreshed`;
  const broken = await rowsWithoutFigures(port, programme, links, placements);
  if (broken.length)
    return `the Programme rows of ${broken.join(", ")} show no figures (their sheets could not be read); the programme sheets were not refreshed`;
  return undefined;
}

/**
 * Recomputes every proposal sheet from its assumption cells and rewrites only the owned cells that changed;
 * hand-edited owned cells are kept, flagged and reported. Then the programme sheets follow. Idempotent.
 * A proposal the engine rejects keeps its figures (its sheet, its Programme row and so the totals agree) and
 * is listed in `errors`. A workbook without the register is refused (WorkbookError "not-an-mtfs-workbook").
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
  const keep = options.keepFields ?? ((p: Readonly<Record<string, unknown>>) => p);
  // Refresh only ever rewrites what the add-in made: a workbook without its register is left as it is.
  if (!(await hasRegister(port))) throw new WorkbookError("not-an-mtfs-workbook", NOT_AN_MTFS_WORKBOOK);
  // The user's optimism-bias table and Green Book parameters. A cell it cannot use is refused, not defaulted:
  // the sheets' formulas read that cell as it is, so no figure written could agree with them.
  const parameters = await readOptimismBiasTable(port);
  const refused = parametersRefusal(parameters.problems);
  if (refused) {
    return {
      proposals: 0,
      lines: [],
      changes: [],
      errors: refused.map((message) => ({ proposal: "(parameters)", message })),
      warnings: [],
    };
  }
  // A proposal sheet the user renamed is followed (found by its own names) before anything is compared.
  const followed = await followRenamedSheets(port, await readRegister(port), { dryRun });
  const register = followed.register;
  // Every sheet's formulas use the Parameters names: with their cells deleted none can show the figures.
  const lostParameters = deletedParameters(
    await port.listNames(),
    [...register.owned.values()].flatMap((o) => (o.written.kind === "formula" ? [o.written.formula] : [])),
  );
  if (lostParameters.length) {
    const message = `the Parameters sheet's cells of the ${lostParameters.join(", ")} were deleted, so the formulas that use them cannot work; undo that, then refresh again; nothing was refreshed`;
    return {
      proposals: 0,
      lines: [],
      changes: [],
      errors: [{ proposal: "(parameters)", message }],
      warnings: [],
    };
  }
  let programme = register.programme as ProgrammeConfig | undefined;
  // Where every sheet is now, from its anchors; a sheet that cannot be found is neither read nor written.
  const layouts = [
    ...register.proposals.map((s) => proposalSheetLayout(s)),
    ...(programme ? programmeLayouts(programme) : []),
    ...demandLayouts(register),
  ];
  // In a dry run the renamed sheets' anchors are read as following them would define them.
  const { placements, problems } = await placeSheets(port, layouts, followed.names);
  const lost = new Map(problems.map((x) => [x.sheet, x.message]));
  if (!dryRun) await relinkRenamedSheets(port, programme, placements, followed.renames);
  const owned = new Map(register.owned);
  const changes: CellChange[] = [];
  const errors: { proposal: string; message: string }[] = [];
  const warnings: { proposal: string; message: string }[] = [
    ...followed.renames.map((r, i) => ({ proposal: r.to, message: followed.messages[i] })),
  ];
  const links = new Map<string, ProgrammeLink>();
  const stored: StoredProposal[] = [];
  const total = register.proposals.length;
  const table = parameters.table;
  const greenBook = parameters.greenBook;
  const sheets = new Set((await port.listSheets()).map((x) => x.name));
  const names = new Map((await port.listNames()).map((n) => [n.name, n]));
  // Cached results are evaluated from the sheets as they will be; this records what that found.
  const formulas = newFormulaCheck();
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
          : `rows or columns were deleted or moved on this sheet: ${lost.get(s.sheet) ?? "its cells cannot be found"}`,
      });
      stored.push(s);
      links.set(s.sheet, linkedProposal(proposalSheetLayout(s)));
      continue;
    }
    // Fields an earlier version stored without reading (kept out by keepFields) are not modelled either: the
    // strict format would refuse them, though they never changed a figure.
    const raw = keep(await readProposalSheet(port, s, placement));
    // Messages name the cells where they are now.
    const shown = movedLayout(proposalSheetLayout(s), placement);
    let sheetWarnings = [...percentWarnings(shown, raw), ...blankTimingWarnings(shown, raw)];
    let sheetChanges: CellChange[] = [];
    let error: string | undefined;
    try {
      const modelled = modelProposal(raw, table, greenBook);
      sheetWarnings.push(...inputWarningMessages(shown, modelled.warnings, sheetWarnings));
      const layout = proposalSheetLayout({ ...s, proposal: raw, modelled });
      // The sheet was placed by its stored layout: a layout that moves its inputs would write every block
      // below them over the wrong rows, so the sheet keeps its last figures instead.
      const moved = movedInput(proposalSheetLayout(s), layout);
      if (moved) {
        error = `refresh would move this sheet's cells (${moved}), so nothing on it was written; please report this`;
        errors.push({ proposal: s.sheet, message: error });
        stored.push({ ...s, proposal: keep(s.proposal) });
        links.set(s.sheet, await keptLink(port, proposalSheetLayout(s), (a) => placeAddress(placement, a)));
      } else {
        sheetChanges = await syncOwned(port, layout, s.sheet, owned, { dryRun, placements, formulas });
        links.set(s.sheet, programmeLink(linkedProposal(layout, modelled), modelled));
        stored.push({ ...s, proposal: keep(storedPart(raw)) });
      }
    } catch (e) {
      if (!isEngineError(e)) throw e;
      error = cellErrorMessage(shown, e);
      // The refusal names the cell and what it holds: a percent warning there would say it twice.
      sheetWarnings = warningsBesideError(shown, sheetWarnings, e);
      errors.push({ proposal: s.sheet, message: error });
      stored.push({ ...s, proposal: keep(s.proposal) });
      links.set(s.sheet, await keptLink(port, proposalSheetLayout(s), (a) => placeAddress(placement, a)));
    }
    warnings.push(...sheetWarnings.map((message) => ({ proposal: s.sheet, message })));
    changes.push(...sheetChanges);
    if (!dryRun) {
      const layout = proposalSheetLayout(s);
      const address = placeAddress(placement, layout.statusAddress);
      const [cur] = await port.readCells(s.sheet, [address]);
      const text = status(sheetChanges, error, sheetWarnings);
      if (cur.value !== text) await port.writeCells(s.sheet, [{ address, value: text }]);
    }
  }
  const tracked = await trackForDashboard(port);
  if (programme) {
    const refusal = await programmeRefusal(
      port,
      programme,
      register.proposals,
      register.owned,
      links,
      names,
      placements,
      lost,
    );
    if (refusal) {
      errors.push({ proposal: "(programme)", message: refusal });
      // Its status cell says so, as a refused proposal sheet's does (when the Programme itself can be found).
      const at = placements.get(PROGRAMME_SHEET);
      if (at && !dryRun) {
        const address = placeAddress(at, programmeStatusAddress(programme));
        const [cur] = await port.readCells(PROGRAMME_SHEET, [address]);
        // Its first clause only: the cell sits on the Programme's title row, and the report has the rest.
        const text = status([], refusal.split("; ")[0].replace(/ \(and \d+ more .*\)$/, ""));
        if (cur.value !== text) await port.writeCells(PROGRAMME_SHEET, [{ address, value: text }]);
      }
    } else {
      const synced = await syncProgrammeWithScenarios(
        port,
        programme,
        links,
        owned,
        { dryRun, placements, formulas },
        table,
        greenBook,
        tracked && worstRags(tracked.tracking.proposals),
      );
      programme = synced.config;
      changes.push(...synced.changes);
      // Its totals hold those proposals' last figures: "Up to date" would hide that.
      const failed = register.proposals.filter((p) => errors.some((e) => e.proposal === p.sheet));
      const at = placements.get(PROGRAMME_SHEET);
      if (failed.length && at && !dryRun) {
        const address = placeAddress(at, programmeStatusAddress(programme));
        const [cur] = await port.readCells(PROGRAMME_SHEET, [address]);
        const text = notRefreshedStatus(
          failed.map((p) => p.sheet),
          cur.value,
        );
        if (cur.value !== text) await port.writeCells(PROGRAMME_SHEET, [{ address, value: text }]);
      }
    }
  }
  // Tracking (issue 15): the Dashboard's variance, RAG and forecast from the actuals (which are only read),
  // tracked once (above) for the Programme's RAG column and the Dashboard alike.
  const breaks = new Map(register.breaks);
  const dashboard = await syncDashboard(port, owned, { dryRun, breaks, ...(tracked ? { tracked } : {}) });
  changes.push(...dashboard.changes);
  warnings.push(...dashboard.problems.map((message) => ({ proposal: "(dashboard)", message })));
  // Demand sheets last: their block links the Programme's totals, now up to date.
  const demand = await refreshDemandSheets(port, register, placements, owned, { dryRun });
  changes.push(...demand.changes);
  errors.push(...demand.errors);
  if (!dryRun) {
    await anchorLegacySheets(port, layouts, placements);
    await writeRegister(port, {
      owned,
      proposals: stored,
      programme,
      ...(register.demand ? { demand: demand.stored } : {}),
      ...(breaks.size ? { breaks } : {}),
    });
  }
  // A name on two sheets or rows (a duplicate typed by hand) is counted twice in the totals: names as just read.
  warnings.push(
    ...duplicateNameWarnings({ ...register, proposals: stored, programme }).map((message) => ({
      proposal: "(programme)",
      message,
    })),
  );
  options.onProgress?.(total, total);
  // Figures that count a cell the engine did not compute say so (a typed row inside a subtotal, a kept edit).
  warnings.push(
    ...countedCellMessages(formulas.counted, programme).map(({ owner, message }) => ({
      proposal: owner === PROGRAMME_OWNER ? "(programme)" : owner,
      message,
    })),
  );
  const ordered = [...changes.filter((c) => !c.kept), ...changes.filter((c) => c.kept)];
  return {
    proposals: total,
    lines: reportLines(ordered, programme),
    changes: ordered,
    errors,
    warnings,
    formulasNotEvaluated: [...formulas.outsideGrammar],
  };
}
