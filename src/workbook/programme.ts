import {
  DEFAULT_OPTIMISM_BIAS,
  Decimal,
  confidenceValue,
  isEngineError,
  optimismBias,
  riskAdjust,
  type Confidence,
  type OptimismBiasTable,
  type RagStatus,
} from "../engine";
import type { CellContent, CellScalar, WorkbookPort } from "./port";
import { ragBySheet } from "./dashboard";
import type { CellChange, SyncOptions } from "./ownedCells";
import { matchesWritten, syncOwned, toWrite, writeLayout } from "./ownedCells";
import {
  anchorNameList,
  identityPlacement,
  placeAddress,
  placementNames,
  shiftPlacement,
  translateFormula,
  type Placements,
  type SheetPlacement,
} from "./anchors";
import type { ProgrammeConfig, ProgrammeRowConfig } from "./layouts/programmeConfig";
import {
  PROGRAMME_SHEET,
  confidenceColumns,
  fyColumn,
  programmePositions,
  programmeSheetLayout,
  programmeStatusAddress,
  publishedPounds,
  themeColumn,
  type LinkedProposal,
  type ProgrammeValues,
} from "./layouts/programmeSheet";
import { programmeGreenBookCells } from "./layouts/programmeGreenBook";
import { RESOURCE_COST_SHEET, resourceCostLayout } from "./layouts/resourceCostSheet";
import { SCENARIOS_SHEET, scenariosLayout } from "./layouts/scenariosSheet";
import { linkedStretch, programmeScenarioInput, scenarioDefinitions } from "./scenarios";
import { THEMES_SHEET, themesLayout } from "./layouts/themesSheet";
import { STYLES, type SheetLayout } from "./layouts/types";
import { ownedKey, type OwnedRecord } from "./register";
import { DEFAULT_GREEN_BOOK_PARAMETERS, type GreenBookParameters } from "./parameters";

/**
 * The programme sheets (Programme, Resource cost, Themes) as one unit: created from a config, re-synced on
 * refresh from the typed cells and the modelled proposals, and grown by one row when a proposal is added.
 */

export const PROGRAMME_OWNER = "programme";

/** A modelled proposal as the programme sees it: where its figures are and its MTFS row per FY (£). */
export interface ProgrammeLink extends LinkedProposal {
  /** Absent when the proposal could not be modelled: its row then keeps the figures it shows. */
  readonly mtfsRowByFy?: ReadonlyMap<string, number>;
  /** Its risk-adjusted MTFS row per FY (£), when modelled. */
  readonly riskAdjustedByFy?: ReadonlyMap<string, number>;
  /** The extra MTFS row per FY (£) of the stretch target it states, when modelled and stated. */
  readonly stretchByFy?: ReadonlyMap<string, number>;
}

/** A typed confidence as the Parameters lookup reads it; undefined (no adjustment) when not in the table. */
function confidenceOf(v: CellScalar | undefined): Confidence | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  try {
    return confidenceValue(v, "confidence");
  } catch {
    return undefined;
  }
}

/**
 * Each programme row's optimism bias and risk-adjusted amounts (£ per FY): a modelled row its proposal's
 * risk-adjusted MTFS row, a typed row riskAdjust of its amounts at its confidence (none: unadjusted).
 */
function riskRows(
  config: ProgrammeConfig,
  links: ReadonlyMap<string, ProgrammeLink>,
  amounts: readonly (readonly number[])[],
  confidences: readonly (CellScalar | undefined)[],
  table: OptimismBiasTable,
): ({ bias: number; amounts: number[] } | undefined)[] {
  const rows = config.directorates.flatMap((d) => d.rows);
  return rows.map((row, flat) => {
    const link = row.proposalSheet ? links.get(row.proposalSheet) : undefined;
    // A proposal sheet that cannot be read: its figures are unknown, so its risk cells keep what they show.
    if (link && !link.riskAdjustedByFy) return undefined;
    const confidence = confidenceOf(link ? link.confidenceLevel : confidences[flat]);
    const bias = confidence === undefined ? new Decimal(0) : optimismBias(confidence, table);
    const byFy = link?.riskAdjustedByFy;
    const own = (amounts[flat] ?? []).map((a) => new Decimal(a));
    const adjusted =
      byFy && link?.mtfsRowByFy
        ? config.fyLabels.map((fy) => byFy.get(fy) ?? 0)
        : (confidence === undefined ? own : riskAdjust(own, confidence, table)).map((x) => x.toNumber());
    return { bias: bias.toNumber(), amounts: adjusted };
  });
}

/**
 * The three programme layouts without values: where their cells are as laid out (to place the sheets).
 *
 * @example
 * programmeLayouts(config).map((l) => l.sheet) // ["Programme", "Resource cost", "Themes"]
 */
export function programmeLayouts(config: ProgrammeConfig): SheetLayout[] {
  const programme = programmeSheetLayout(config);
  const resource = resourceCostLayout(config, programme.positions);
  return [
    programme,
    resource,
    themesLayout(config, programme.positions),
    ...(config.scenariosSheet
      ? [scenariosLayout(config, programme.positions, resource, scenarioDefinitions(config))]
      : []),
  ];
}

/** Where a programme sheet is now: its placement when given, else where it was laid out. */
function locator(placements: Placements | undefined, sheet: string): (address: string) => string {
  const p = placements?.get(sheet);
  return (address) => (p ? placeAddress(p, address) : address);
}

/** Address of every input cell of a layout, by its path. */
function inputAddresses(layout: SheetLayout): Map<string, string> {
  return new Map(layout.cells.flatMap((c) => (c.kind === "input" ? [[c.path, c.address] as const] : [])));
}

const num = (v: CellScalar): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** Programme row amounts: typed rows as `typed` gives them, linked rows from the proposal's profile. */
function rowAmounts(
  config: ProgrammeConfig,
  links: ReadonlyMap<string, ProgrammeLink>,
  typed: (d: number, r: number) => number[],
): number[][] {
  const out: number[][] = [];
  config.directorates.forEach((dir, d) =>
    dir.rows.forEach((row, r) => {
      const link = row.proposalSheet ? links.get(row.proposalSheet) : undefined;
      const byFy = link?.mtfsRowByFy;
      out.push(byFy ? config.fyLabels.map((fy) => byFy.get(fy) ?? 0) : typed(d, r));
    }),
  );
  return out;
}

/** The three programme layouts with their cached results, from amounts already known. */
function layoutsFor(
  config: ProgrammeConfig,
  links: ReadonlyMap<string, ProgrammeLink>,
  amounts: number[][],
  areaAmounts: number[][],
  existing: number[],
  themes: (string | null)[],
  risk?: ({ bias: number; amounts: number[] } | undefined)[],
  shares?: readonly (number | null)[],
  greenBook: GreenBookParameters = DEFAULT_GREEN_BOOK_PARAMETERS,
): SheetLayout[] {
  const implementationCosts = Array.from({ length: config.mtfsYears }, (_, y) =>
    areaAmounts.reduce((sum, a) => sum.plus(a[y] ?? 0), new Decimal(0)).toNumber(),
  );
  const values: ProgrammeValues = {
    rowAmounts: amounts,
    linked: links,
    riskRows: risk,
    greenBook,
    implementationCosts,
  };
  const programme = programmeSheetLayout(config, values);
  const resource = resourceCostLayout(config, programme.positions, {
    areaAmounts,
    programmeTotals: programme.totals,
  });
  const last = config.mtfsYears - 1;
  const themesSheet = themesLayout(config, programme.positions, {
    rows: amounts.map((a, i) => ({ theme: themes[i], amount: a[last] })),
    existing,
  });
  if (!config.scenariosSheet) return [programme, resource, themesSheet];
  let scenarios: SheetLayout[] = [];
  try {
    // The proposals' own stretch targets add to the programme's stated stretch.
    const own = linkedStretch(config, links.values());
    const input = programmeScenarioInput(config, programme.totals, areaAmounts, own);
    scenarios = [
      scenariosLayout(config, programme.positions, resource, scenarioDefinitions(config, shares), { input }),
    ];
  } catch (e) {
    // A stretch phased like a programme that ends at or below 0 has no figures: the sheet keeps what it shows.
    if (!isEngineError(e)) throw e;
  }
  return [programme, resource, themesSheet, ...scenarios];
}

/**
 * Writes the three programme sheets of a new workbook (after any proposal sheets it links to are planned).
 *
 * @example
 * await createProgramme(port, config, links, owned);
 */
export async function createProgramme(
  port: WorkbookPort,
  config: ProgrammeConfig,
  links: ReadonlyMap<string, ProgrammeLink>,
  owned: Map<string, OwnedRecord>,
  table: OptimismBiasTable = DEFAULT_OPTIMISM_BIAS,
  greenBook: GreenBookParameters = DEFAULT_GREEN_BOOK_PARAMETERS,
): Promise<void> {
  const amounts = rowAmounts(config, links, (d, r) =>
    publishedPounds(config.directorates[d].rows[r].publishedMillions, config.fyLabels.length),
  );
  const confidences = config.directorates.flatMap((d) => d.rows.map((r) => r.confidence));
  const risk = config.parametersSheet ? riskRows(config, links, amounts, confidences, table) : undefined;
  const areaAmounts = config.resourceCost.areas.map((a) =>
    publishedPounds(a.amountsMillions, config.mtfsYears),
  );
  const existing = config.themes.map((t) => publishedPounds([t.existingMtfsMillions], 1)[0]);
  const themes = config.directorates.flatMap((d) => d.rows.map((r) => r.theme ?? null));
  for (const layout of layoutsFor(
    config,
    links,
    amounts,
    areaAmounts,
    existing,
    themes,
    risk,
    undefined,
    greenBook,
  )) {
    await writeLayout(port, layout, PROGRAMME_OWNER, owned);
  }
  await port.writeCells(PROGRAMME_SHEET, [
    { address: programmeStatusAddress(config), value: "Up to date", style: STYLES.status },
  ]);
}

/**
 * Linked Programme rows that must keep the figures they show (their proposal could not be placed or
 * modelled) but show something that is not a figure (an error such as #REF! after the user deleted the
 * proposal's rows or columns): totals over them would be wrong, so the caller refreshes no programme sheet.
 *
 * @example
 * await rowsWithoutFigures(port, config, links, placements) // ["CFS Targeted Prevention"]
 */
export async function rowsWithoutFigures(
  port: WorkbookPort,
  config: ProgrammeConfig,
  links: ReadonlyMap<string, ProgrammeLink>,
  placements?: Placements,
): Promise<string[]> {
  const at = locator(placements, PROGRAMME_SHEET);
  const pos = programmePositions(config);
  const out: string[] = [];
  for (const { row, d, r } of pos.rows) {
    const sheet = config.directorates[d].rows[r].proposalSheet;
    const link = sheet ? links.get(sheet) : undefined;
    if (!sheet || !link || link.mtfsRowByFy) continue;
    // Its directorate's risk-adjusted row links to the proposal's sheet too.
    const riskRow = pos.riskRows[d];
    // Its time to full run rate (column D) links to the sheet as well.
    const cur = await port.readCells(PROGRAMME_SHEET, [
      at(`D${row}`),
      ...config.fyLabels.map((_, i) => at(`${fyColumn(i)}${row}`)),
      ...(riskRow === undefined ? [] : config.fyLabels.map((_, i) => at(`${fyColumn(i)}${riskRow}`))),
    ]);
    // And its Confidence cell: an error there (#REF!: the sheet's confidence row deleted) is no figure either.
    const [confidence]: readonly CellContent[] = config.parametersSheet
      ? await port.readCells(PROGRAMME_SHEET, [at(`${confidenceColumns(config).confidence}${row}`)])
      : [{ value: null }];
    const isError =
      (typeof confidence.value === "string" && /^#[A-Z/0]+[!?]?$/.test(confidence.value)) ||
      (confidence.formula?.includes("#REF!") ?? false);
    if (
      isError ||
      cur.some(
        (c, k) =>
          (c.formula?.includes("#REF!") ?? false) ||
          (c.value !== null &&
            !(typeof c.value === "number" && Number.isFinite(c.value)) &&
            // The time to full run rate may be text a sheet typed ("2.75 years"); an error is no figure.
            !(k === 0 && typeof c.value === "string" && !/^#[A-Z/0]+[!?]?$/.test(c.value))),
      )
    )
      out.push(sheet);
  }
  // The Green Book block sums the proposals' blocks and splits: a row deleted there leaves it #REF! too.
  const lostSheets = pos.rows.flatMap(({ d, r }) => {
    const sheet = config.directorates[d].rows[r].proposalSheet;
    const link = sheet ? links.get(sheet) : undefined;
    return sheet && link && !link.mtfsRowByFy && link.greenBook && !out.includes(sheet) ? [sheet] : [];
  });
  if (lostSheets.length && pos.greenBookRow !== undefined) {
    const sums = programmeGreenBookCells(config, pos.greenBookRow, fyColumn, undefined, undefined).filter(
      (c) => c.kind === "formula",
    );
    const cur = await port.readCells(
      PROGRAMME_SHEET,
      sums.map((c) => at(c.address)),
    );
    // An error is no figure; the block's own words (no ratio, not paid back) are its results.
    const noFigure = (c: CellContent): boolean =>
      (typeof c.value === "string" && /^#[A-Z/0]+[!?]?$/.test(c.value)) ||
      (c.value !== null &&
        typeof c.value !== "string" &&
        !(typeof c.value === "number" && Number.isFinite(c.value))) ||
      (c.formula?.includes("#REF!") ?? false);
    if (cur.some(noFigure)) out.push(...lostSheets);
  }
  return out;
}

/**
 * Recomputes the programme sheets' owned cells from what is typed in them now and from the modelled
 * proposals; returns the changes and kept hand edits.
 *
 * @example
 * const changes = await syncProgramme(port, config, links, owned, { dryRun: false });
 */
export async function syncProgramme(
  port: WorkbookPort,
  config: ProgrammeConfig,
  links: ReadonlyMap<string, ProgrammeLink>,
  owned: Map<string, OwnedRecord>,
  options: SyncOptions,
  table: OptimismBiasTable = DEFAULT_OPTIMISM_BIAS,
  greenBook: GreenBookParameters = DEFAULT_GREEN_BOOK_PARAMETERS,
  /** Each tracked sheet's RAG when the caller has tracked the workbook already (refresh); else read here. */
  knownRags?: ReadonlyMap<string, RagStatus>,
): Promise<CellChange[]> {
  const { placements } = options;
  if (placements && ![PROGRAMME_SHEET, RESOURCE_COST_SHEET, THEMES_SHEET].every((x) => placements.has(x)))
    return [];
  const onProgramme = locator(placements, PROGRAMME_SHEET);
  const pos = programmePositions(config);
  const n = config.fyLabels.length;
  const tcol = themeColumn(config);
  // Typed figures as they are now (a SUM treats text and blanks as 0, and so does this).
  const addresses = pos.rows.flatMap(({ row }) => [
    ...config.fyLabels.map((_, i) => `${fyColumn(i)}${row}`),
    `${tcol}${row}`,
  ]);
  const cur = await port.readCells(PROGRAMME_SHEET, addresses.map(onProgramme));
  const typedAt = (flat: number): number[] =>
    cur.slice(flat * (n + 1), flat * (n + 1) + n).map((c) => num(c.value));
  const themes = pos.rows.map((_, flat) => {
    const v = cur[flat * (n + 1) + n].value;
    return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
  });
  const flatIndex = new Map(pos.rows.map((p, flat) => [`${p.d}/${p.r}`, flat]));
  // A linked proposal that failed to model keeps the figures last shown in its row.
  const amounts = rowAmounts(config, links, (d, r) => typedAt(flatIndex.get(`${d}/${r}`) ?? 0));
  config.directorates.forEach((dir, d) =>
    dir.rows.forEach((row, r) => {
      if (row.proposalSheet && !links.get(row.proposalSheet)?.mtfsRowByFy) {
        amounts[flatIndex.get(`${d}/${r}`) ?? 0] = typedAt(flatIndex.get(`${d}/${r}`) ?? 0);
      }
    }),
  );
  const years = config.mtfsYears;
  // Typed resource costs and existing theme benefits, found through their layouts' input paths.
  const resourceInputs = inputAddresses(resourceCostLayout(config, pos));
  const themeInputs = inputAddresses(themesLayout(config, pos));
  const areaPaths = config.resourceCost.areas.flatMap((_, i) =>
    Array.from({ length: years }, (_, y) => `resourceCost.areas[${i}].amountsMillions[${y}]`),
  );
  const onResource = locator(placements, RESOURCE_COST_SHEET);
  const areaCells = await port.readCells(
    RESOURCE_COST_SHEET,
    areaPaths.map((p) => onResource(resourceInputs.get(p) ?? "A1")),
  );
  const areaAmounts = config.resourceCost.areas.map((_, i) =>
    areaCells.slice(i * years, (i + 1) * years).map((c) => num(c.value)),
  );
  const onThemes = locator(placements, THEMES_SHEET);
  const existingCells = await port.readCells(
    THEMES_SHEET,
    config.themes.map((_, i) => onThemes(themeInputs.get(`themes[${i}].existingMtfsMillions`) ?? "A1")),
  );
  const existing = existingCells.map((c) => num(c.value));
  let risk: ({ bias: number; amounts: number[] } | undefined)[] | undefined;
  if (config.parametersSheet) {
    // Typed rows' confidence as typed now (modelled rows take their sheet's).
    const col = confidenceColumns(config).confidence;
    const typed = await port.readCells(
      PROGRAMME_SHEET,
      pos.rows.map(({ row }) => onProgramme(`${col}${row}`)),
    );
    risk = riskRows(
      config,
      links,
      amounts,
      typed.map((c) => c.value),
      table,
    );
  }
  let shares: (number | null)[] | undefined;
  if (config.scenariosSheet && (!placements || placements.has(SCENARIOS_SHEET))) {
    const defs = scenarioDefinitions(config);
    const inputs = inputAddresses(scenariosLayout(config, pos, resourceCostLayout(config, pos), defs));
    const onScenarios = locator(placements, SCENARIOS_SHEET);
    const cells = await port.readCells(
      SCENARIOS_SHEET,
      defs.map((_, i) => onScenarios(inputs.get(`scenarios[${i}].stretchShare`) ?? "A1")),
    );
    shares = cells.map((c) => (typeof c.value === "number" ? c.value : null));
  }
  const out: CellChange[] = [];
  const rags = knownRags ?? (await ragBySheet(port));
  const tracked = new Map(
    [...links].map(([sheet, l]) => [sheet, rags.has(sheet) ? { ...l, rag: rags.get(sheet) } : l]),
  );
  for (const layout of layoutsFor(
    config,
    tracked,
    amounts,
    areaAmounts,
    existing,
    themes,
    risk,
    shares,
    greenBook,
  )) {
    out.push(...(await syncOwned(port, layout, PROGRAMME_OWNER, owned, options)));
  }
  if (!options.dryRun) {
    const kept = out.filter((c) => c.kept).map((c) => `${c.sheet}!${c.address}`);
    const text = kept.length
      ? `${kept.length} hand-edited cell(s) kept: ${kept.join(", ")} (see notes)`
      : "Up to date";
    const address = onProgramme(programmeStatusAddress(config));
    const [cur] = await port.readCells(PROGRAMME_SHEET, [address]);
    if (cur.value !== text) await port.writeCells(PROGRAMME_SHEET, [{ address, value: text }]);
  }
  return out;
}

/** A grown programme: its new config and where its sheets are now. */
export interface InsertedProgrammeRow {
  readonly config: ProgrammeConfig;
  readonly placements: Placements;
}

/**
 * Adds a modelled proposal's row at the end of its directorate's block (a new block before the total when
 * the directorate is new), inserting the sheet row where that block is now, moving the Programme's anchors
 * and the register's layout addresses below it. Returns the new config and placements; the caller re-syncs
 * the programme so subtotals, totals and the other sheets follow.
 *
 * @example
 * const next = await insertProgrammeRow(port, config, "Children and Family Services", row, owned, placements);
 */
export async function insertProgrammeRow(
  port: WorkbookPort,
  config: ProgrammeConfig,
  directorate: string,
  row: ProgrammeRowConfig,
  owned: Map<string, OwnedRecord>,
  placements?: Placements,
): Promise<InsertedProgrammeRow> {
  const pos = programmePositions(config);
  const d = config.directorates.findIndex((x) => x.directorate.toLowerCase() === directorate.toLowerCase());
  const at = d >= 0 ? pos.subtotalRows[d] : pos.totalRow;
  const count = d >= 0 ? 1 : 2;
  const directorates =
    d >= 0
      ? config.directorates.map((x, i) => (i === d ? { ...x, rows: [...x.rows, row] } : x))
      : [...config.directorates, { directorate, subtotalLabel: `${directorate} ER Savings`, rows: [row] }];
  // Labels for the new row (directorate name on a new block) are written by the caller's full layout pass.
  const next = { ...config, directorates };
  const after = await insertLayoutRows(port, config, next, PROGRAMME_SHEET, at, count, owned, placements);
  return { config: next, placements: after };
}

/**
 * Inserts `count` sheet rows before layout row `at` of one programme sheet, where that row is now: owned
 * formulas still as written are handed back (the next sync rewrites them for the new layout), the register's
 * layout addresses below move down, references to them are translated, and the sheet's anchors are defined
 * afresh for `next`'s layout. Returns where the programme sheets are now.
 */
async function insertLayoutRows(
  port: WorkbookPort,
  config: ProgrammeConfig,
  next: ProgrammeConfig,
  sheetName: string,
  at: number,
  count: number,
  owned: Map<string, OwnedRecord>,
  placements: Placements | undefined,
): Promise<Placements> {
  const layouts = programmeLayouts(config);
  const before: Map<string, SheetPlacement> = new Map(
    layouts.map((l) => [l.sheet, placements?.get(l.sheet) ?? identityPlacement(l)]),
  );
  const sheetBefore = before.get(sheetName) as SheetPlacement;
  const atRow = Number(/\d+$/.exec(placeAddress(sheetBefore, `A${at}`))?.[0]);
  // Excel moves formulas that refer to moved rows (here and on the other sheets), ExcelJS does not. Owned
  // formulas still as written are handed back (no register entry), so the next sync rewrites them for the
  // new layout; hand-edited ones stay kept.
  const sheets = layouts.map((l) => l.sheet);
  const untouched = new Set<OwnedRecord>();
  for (const sheet of sheets) {
    const mine = [...owned.values()].filter((o) => o.sheet === sheet && o.written.kind === "formula");
    const expected = mine.map((o) =>
      o.written.kind === "formula" ? translateFormula(o.written.formula, sheet, before, "keep") : null,
    );
    const cur = await port.readCells(
      sheet,
      mine.map((o) => placeAddress(before.get(sheet) as SheetPlacement, o.address)),
    );
    mine.forEach((o, i) => {
      const f = expected[i];
      if (f !== null && matchesWritten(cur[i], { kind: "formula", formula: f })) untouched.add(o);
    });
  }
  await port.insertRows(sheetName, atRow, count);
  // Layout addresses on this sheet from `at` down move by `count`; so do references to them.
  const relayout = new Map(
    layouts.map((l) => {
      const same = identityPlacement(l);
      return [l.sheet, l.sheet === sheetName ? shiftPlacement(same, at, at, count) : same];
    }),
  );
  const rowOf = (address: string): number => Number(/\d+$/.exec(address)?.[0]);
  const moved = [...owned.values()].filter((o) => !untouched.has(o));
  owned.clear();
  for (const o of moved) {
    const address =
      o.sheet === sheetName && rowOf(o.address) >= at
        ? o.address.replace(/\d+$/, String(rowOf(o.address) + count))
        : o.address;
    const formula =
      o.written.kind === "formula" && sheets.includes(o.sheet)
        ? translateFormula(o.written.formula, o.sheet, relayout, "keep")
        : null;
    owned.set(ownedKey(o.sheet, address), {
      ...o,
      address,
      written: formula !== null ? { kind: "formula", formula } : o.written,
    });
  }
  const sheetAfter = shiftPlacement(sheetBefore, atRow, at, count);
  // ExcelJS does not move names when it inserts rows, Excel does: define them afresh either way.
  const layoutBefore = layouts.find((l) => l.sheet === sheetName) as SheetLayout;
  const layoutAfter = programmeLayouts(next).find((l) => l.sheet === sheetName) as SheetLayout;
  await port.deleteNames(anchorNameList(layoutBefore));
  await port.defineNames(placementNames(layoutAfter, sheetAfter));
  const after = new Map(placements ?? []);
  for (const [sheet, p] of before) after.set(sheet, sheet === sheetName ? sheetAfter : p);
  return after;
}

/**
 * Adds a row for `theme` to the Themes sheet (before its total row, where that row is now) when the programme
 * does not list it yet, so a workbook built up proposal by proposal shows each theme it has; returns the new
 * config and placements (the caller re-syncs, which rewrites the totals over the new rows).
 *
 * @example
 * const grown = await insertThemeRow(port, config, "Prevention", owned, placements);
 */
export async function insertThemeRow(
  port: WorkbookPort,
  config: ProgrammeConfig,
  theme: string | undefined,
  owned: Map<string, OwnedRecord>,
  placements?: Placements,
): Promise<InsertedProgrammeRow> {
  const known = config.themes.some((t) => t.theme.toLowerCase() === theme?.toLowerCase());
  const same: Placements = new Map(
    programmeLayouts(config).map((l) => [l.sheet, placements?.get(l.sheet) ?? identityPlacement(l)]),
  );
  if (theme === undefined || known) return { config, placements: placements ?? same };
  const before = themesLayout(config, programmePositions(config));
  const at = Math.max(...before.cells.map((c) => Number(/\d+$/.exec(c.address)?.[0]))); // the total row
  const next = { ...config, themes: [...config.themes, { theme, description: "", existingMtfsMillions: 0 }] };
  const after = await insertLayoutRows(port, config, next, THEMES_SHEET, at, 1, owned, placements);
  const i = next.themes.length - 1;
  const onThemes = locator(after, THEMES_SHEET);
  const rowCells = themesLayout(next, programmePositions(next)).cells.filter(
    (c) => c.kind === "input" && c.path.startsWith(`themes[${i}].`),
  );
  await port.writeCells(
    THEMES_SHEET,
    rowCells.map((c) => ({ ...toWrite(c), address: onThemes(c.address) })),
  );
  return { config: next, placements: after };
}

/**
 * Writes the label and input cells of a programme row added by `insertProgrammeRow`, where its placement
 * puts them (owned cells follow from the next sync).
 *
 * @example
 * await writeProgrammeRowInputs(port, nextConfig, links, "CFS Targeted Prevention");
 */
export async function writeProgrammeRowInputs(
  port: WorkbookPort,
  config: ProgrammeConfig,
  links: ReadonlyMap<string, ProgrammeLink>,
  proposalSheet: string,
  placements?: Placements,
): Promise<void> {
  const at = locator(placements, PROGRAMME_SHEET);
  const layout = programmeSheetLayout(config, { rowAmounts: [], linked: links });
  const pos = layout.positions;
  const flat = config.directorates.flatMap((dir, d) => dir.rows.map((r, i) => ({ r, d, i })));
  const idx = flat.findIndex((x) => x.r.proposalSheet === proposalSheet);
  const target = pos.rows[idx];
  const subtotal = pos.subtotalRows[target.d];
  const rows = new Set([target.row, subtotal]);
  const cells = layout.cells.filter(
    (c) => (c.kind === "label" || c.kind === "input") && rows.has(Number(/\d+$/.exec(c.address)?.[0])),
  );
  await port.writeCells(
    PROGRAMME_SHEET,
    cells.map((c) =>
      c.kind === "label"
        ? { address: at(c.address), value: c.text, style: c.style }
        : c.kind === "input"
          ? {
              address: at(c.address),
              value: c.value,
              link: c.link,
              numberFormat: c.numberFormat,
              style: c.style,
            }
          : { address: at(c.address), value: null },
    ),
  );
}
