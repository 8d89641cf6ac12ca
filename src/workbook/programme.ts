import type { CellScalar, WorkbookPort } from "./port";
import type { CellChange } from "./ownedCells";
import { matchesWritten, syncOwned, toWrite, writeLayout } from "./ownedCells";
import type { ProgrammeConfig, ProgrammeRowConfig } from "./layouts/programmeConfig";
import {
  PROGRAMME_SHEET,
  fyColumn,
  programmePositions,
  programmeSheetLayout,
  programmeStatusAddress,
  publishedPounds,
  themeColumn,
  type LinkedProposal,
  type ProgrammeValues,
} from "./layouts/programmeSheet";
import { RESOURCE_COST_SHEET, resourceCostLayout } from "./layouts/resourceCostSheet";
import { THEMES_SHEET, themesLayout } from "./layouts/themesSheet";
import type { SheetLayout } from "./layouts/types";
import { ownedKey, type OwnedRecord } from "./register";

/**
 * The programme sheets (Programme, Resource cost, Themes) as one unit: created from a config, re-synced on
 * refresh from the typed cells and the modelled proposals, and grown by one row when a proposal is added.
 */

export const PROGRAMME_OWNER = "programme";

/** A modelled proposal as the programme sees it: where its figures are and its MTFS row per FY (£). */
export interface ProgrammeLink extends LinkedProposal {
  /** Absent when the proposal could not be modelled: its row then keeps the figures it shows. */
  readonly mtfsRowByFy?: ReadonlyMap<string, number>;
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
): SheetLayout[] {
  const values: ProgrammeValues = { rowAmounts: amounts, linked: links };
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
  return [programme, resource, themesSheet];
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
): Promise<void> {
  const amounts = rowAmounts(config, links, (d, r) =>
    publishedPounds(config.directorates[d].rows[r].publishedMillions, config.fyLabels.length),
  );
  const areaAmounts = config.resourceCost.areas.map((a) =>
    publishedPounds(a.amountsMillions, config.mtfsYears),
  );
  const existing = config.themes.map((t) => publishedPounds([t.existingMtfsMillions], 1)[0]);
  const themes = config.directorates.flatMap((d) => d.rows.map((r) => r.theme ?? null));
  for (const layout of layoutsFor(config, links, amounts, areaAmounts, existing, themes)) {
    await writeLayout(port, layout, PROGRAMME_OWNER, owned);
  }
  await port.writeCells(PROGRAMME_SHEET, [{ address: programmeStatusAddress(config), value: "Up to date" }]);
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
  options: { readonly dryRun: boolean },
): Promise<CellChange[]> {
  const pos = programmePositions(config);
  const n = config.fyLabels.length;
  const tcol = themeColumn(config);
  // Typed figures as they are now (a SUM treats text and blanks as 0, and so does this).
  const addresses = pos.rows.flatMap(({ row }) => [
    ...config.fyLabels.map((_, i) => `${fyColumn(i)}${row}`),
    `${tcol}${row}`,
  ]);
  const cur = await port.readCells(PROGRAMME_SHEET, addresses);
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
  const areaCells = await port.readCells(
    RESOURCE_COST_SHEET,
    areaPaths.map((p) => resourceInputs.get(p) ?? "A1"),
  );
  const areaAmounts = config.resourceCost.areas.map((_, i) =>
    areaCells.slice(i * years, (i + 1) * years).map((c) => num(c.value)),
  );
  const existingCells = await port.readCells(
    THEMES_SHEET,
    config.themes.map((_, i) => themeInputs.get(`themes[${i}].existingMtfsMillions`) ?? "A1"),
  );
  const existing = existingCells.map((c) => num(c.value));
  const out: CellChange[] = [];
  for (const layout of layoutsFor(config, links, amounts, areaAmounts, existing, themes)) {
    out.push(...(await syncOwned(port, layout, PROGRAMME_OWNER, owned, options)));
  }
  if (!options.dryRun) {
    const kept = out.filter((c) => c.kept).map((c) => `${c.sheet}!${c.address}`);
    const text = kept.length
      ? `${kept.length} hand-edited cell(s) kept: ${kept.join(", ")} (see notes)`
      : "Up to date";
    const address = programmeStatusAddress(config);
    const [cur] = await port.readCells(PROGRAMME_SHEET, [address]);
    if (cur.value !== text) await port.writeCells(PROGRAMME_SHEET, [{ address, value: text }]);
  }
  return out;
}

/**
 * Adds a modelled proposal's row at the end of its directorate's block (a new block before the total when
 * the directorate is new), shifting the sheet's rows and the register's owned cells below it. Returns the
 * new config; the caller re-syncs the programme so subtotals, totals and the other sheets follow.
 *
 * @example
 * const next = await insertProgrammeRow(port, config, "Children and Family Services", row, owned);
 */
export async function insertProgrammeRow(
  port: WorkbookPort,
  config: ProgrammeConfig,
  directorate: string,
  row: ProgrammeRowConfig,
  owned: Map<string, OwnedRecord>,
): Promise<ProgrammeConfig> {
  const pos = programmePositions(config);
  const d = config.directorates.findIndex((x) => x.directorate.toLowerCase() === directorate.toLowerCase());
  const at = d >= 0 ? pos.subtotalRows[d] : pos.totalRow;
  const count = d >= 0 ? 1 : 2;
  // Excel adjusts formulas that refer to moved rows (here and on the other sheets), ExcelJS does not. So note
  // which owned formulas are untouched now, insert, and take their text after the insert as what we wrote.
  const sheets = [PROGRAMME_SHEET, RESOURCE_COST_SHEET, THEMES_SHEET];
  const formulas = [...owned.values()].filter(
    (o) => sheets.includes(o.sheet) && o.written.kind === "formula",
  );
  const untouched = new Set<OwnedRecord>();
  for (const sheet of sheets) {
    const mine = formulas.filter((o) => o.sheet === sheet);
    const cur = await port.readCells(
      sheet,
      mine.map((o) => o.address),
    );
    mine.forEach((o, i) => {
      if (matchesWritten(cur[i], o.written)) untouched.add(o);
    });
  }
  await port.insertRows(PROGRAMME_SHEET, at, count);
  const rowOf = (address: string): number => Number(/\d+$/.exec(address)?.[0]);
  const shifted = (o: OwnedRecord): OwnedRecord =>
    o.sheet === PROGRAMME_SHEET && rowOf(o.address) >= at
      ? { ...o, address: o.address.replace(/\d+$/, String(rowOf(o.address) + count)) }
      : o;
  const moved = [...owned.values()].map((o) => [o, shifted(o)] as const);
  owned.clear();
  for (const [, o] of moved) owned.set(ownedKey(o.sheet, o.address), o);
  for (const sheet of sheets) {
    const mine = moved.filter(([before, after]) => after.sheet === sheet && untouched.has(before));
    const cur = await port.readCells(
      sheet,
      mine.map(([, after]) => after.address),
    );
    mine.forEach(([, after], i) => {
      const f = cur[i].formula;
      if (f !== undefined)
        owned.set(ownedKey(after.sheet, after.address), {
          ...after,
          written: { kind: "formula", formula: f },
        });
    });
  }
  const directorates =
    d >= 0
      ? config.directorates.map((x, i) => (i === d ? { ...x, rows: [...x.rows, row] } : x))
      : [...config.directorates, { directorate, subtotalLabel: `${directorate} ER Savings`, rows: [row] }];
  // Labels for the new row (directorate name on a new block) are written by the caller's full layout pass.
  return { ...config, directorates };
}

/**
 * Adds a row for `theme` to the Themes sheet (before its total row, shifting the register's owned cells below
 * it) when the programme does not list it yet, so a workbook built up proposal by proposal shows each theme
 * it has; returns the new config (the caller re-syncs, which rewrites the totals over the new rows).
 *
 * @example
 * const next = await insertThemeRow(port, config, "Prevention", owned);
 */
export async function insertThemeRow(
  port: WorkbookPort,
  config: ProgrammeConfig,
  theme: string | undefined,
  owned: Map<string, OwnedRecord>,
): Promise<ProgrammeConfig> {
  const known = config.themes.some((t) => t.theme.toLowerCase() === theme?.toLowerCase());
  if (theme === undefined || known) return config;
  const before = themesLayout(config, programmePositions(config));
  const at = Math.max(...before.cells.map((c) => Number(/\d+$/.exec(c.address)?.[0]))); // the total row
  await port.insertRows(THEMES_SHEET, at, 1);
  const moved = [...owned.values()].map((o) => {
    const row = Number(/\d+$/.exec(o.address)?.[0]);
    return o.sheet === THEMES_SHEET && row >= at
      ? { ...o, address: o.address.replace(/\d+$/, String(row + 1)) }
      : o;
  });
  owned.clear();
  for (const o of moved) owned.set(ownedKey(o.sheet, o.address), o);
  const next = { ...config, themes: [...config.themes, { theme, description: "", existingMtfsMillions: 0 }] };
  const i = next.themes.length - 1;
  const rowCells = themesLayout(next, programmePositions(next)).cells.filter(
    (c) => c.kind === "input" && c.path.startsWith(`themes[${i}].`),
  );
  await port.writeCells(THEMES_SHEET, rowCells.map(toWrite));
  return next;
}

/**
 * Writes the label and input cells of a programme row added by `insertProgrammeRow` (owned cells follow
 * from the next sync).
 *
 * @example
 * await writeProgrammeRowInputs(port, nextConfig, links, "CFS Targeted Prevention");
 */
export async function writeProgrammeRowInputs(
  port: WorkbookPort,
  config: ProgrammeConfig,
  links: ReadonlyMap<string, ProgrammeLink>,
  proposalSheet: string,
): Promise<void> {
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
        ? { address: c.address, value: c.text, style: c.style }
        : c.kind === "input"
          ? { address: c.address, value: c.value, link: c.link, numberFormat: c.numberFormat, style: c.style }
          : { address: c.address, value: null },
    ),
  );
}
