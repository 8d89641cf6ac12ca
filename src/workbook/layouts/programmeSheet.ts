import {
  Decimal,
  additionalBeyondMtfs,
  directorateSubtotals,
  programmeTotal,
  type ProgrammeRow,
} from "../../engine";
import { cellAddress, columnLetter, sheetRef } from "../address";
import type { CellScalar } from "../port";
import { POUNDS_PER_MILLION, type ProgrammeConfig } from "./programmeConfig";
import { fitRowHeights, wrapLongLabels } from "./textFit";
import {
  MILLIONS_FORMAT,
  PERCENT_FORMAT,
  STYLES,
  alignedTop,
  type LayoutCell,
  type OwnedCell,
  type SheetLayout,
} from "./types";
import { optimismBiasFormula } from "./parametersSheet";
import type { GreenBookAddresses } from "./greenBookBlock";
import {
  programmeGreenBookRows,
  programmeGreenBookCells,
  type GreenBookFigures,
  type GreenBookSource,
} from "./programmeGreenBook";
import type { GreenBookParameters } from "../parameters";

/**
 * The Programme sheet, laid out as the Efficiency Review's Appendix A: directorate, opportunity, type, time to
 * full run rate, one column per FY (the MTFS years, then the future year), directorate subtotal rows, the total
 * and "additional beyond the MTFS". Modelled rows are formulas linking to their proposal sheet's cumulative
 * benefit; typed rows hold the published figures as ordinary input cells; subtotals and totals are SUM formulas.
 */

export const PROGRAMME_SHEET = "Programme";
export const PROGRAMME_LAYOUT_ID = "programmeSheet";
const FIRST_ROW = 4;
const FIRST_FY_COLUMN = 5; // E
/** Years shown as numbers, so the column sorts and filters ("1.38 years", "4.0 years"). */
export const YEARS_FORMAT = '0.0# "years"';
/** Headings wrap in their column (e.g. "Time to hit full run rate" in 14 characters). */
const HEADING = { ...STYLES.heading, wrap: true } as const;
/** The Directorate and Opportunity columns, repeated on each printed page. */
const PRINT_TITLE_COLUMNS = "A:B";

/**
 * A published "time to full run rate" ("2.75 years", "1 year") as a number of years; other text as it is.
 *
 * @example
 * yearsValue("2.75 years") // 2.75
 * yearsValue("TBC") // "TBC"
 */
export function yearsValue(text: string | undefined): CellScalar {
  if (text === undefined) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:years?|yrs?)?\s*$/i.exec(text);
  return m ? Number(m[1]) : text;
}

/** Where a modelled proposal's figures live on its own sheet. */
export interface LinkedProposal {
  readonly mtfsRowAddress: ReadonlyMap<string, string>;
  /** The proposal's risk-adjusted MTFS row cells by FY (absent on links made before they existed). */
  readonly riskAdjustedRowAddress?: ReadonlyMap<string, string>;
  readonly confidenceAddress?: string;
  /** The confidence level its sheet shows (the cached result of the Programme's Confidence cell). */
  readonly confidenceLevel?: string;
  readonly timeToRunRateAddress: string;
  readonly timeToRunRateYears: CellScalar;
  /** Its RAG from the Tracking sheet's actuals (the worst of its measures; issue 15), when it has any. */
  readonly rag?: string;
  /** Where its sheet's Green Book block is (sheets laid out with one). */
  readonly greenBook?: GreenBookAddresses;
  /** The block's figures per FY (£), when the proposal was modelled. */
  readonly greenBookByFy?: ReadonlyMap<string, GreenBookFigures>;
}

export interface ProgrammeValues {
  /** Amount in £ per programme row (config order) and FY column. */
  readonly rowAmounts: readonly (readonly number[])[];
  /**
   * Per programme row (config order), with `config.parametersSheet`: its optimism bias (a share) and its
   * risk-adjusted amount per FY column in £ (the cached results of the risk-adjusted rows). An undefined
   * entry is a row whose figures are unknown (its proposal sheet cannot be read): the cells that depend on it
   * are left out, so a sync keeps what they show.
   */
  readonly riskRows?: readonly ({ readonly bias: number; readonly amounts: readonly number[] } | undefined)[];
  readonly linked: ReadonlyMap<string, LinkedProposal>;
  /** The Parameters sheet's discount rates and deflator, for the Green Book block's cached results. */
  readonly greenBook?: GreenBookParameters;
  /** Table 3's total implementation costs per MTFS year (£), for the Green Book block's rows after them. */
  readonly implementationCosts?: readonly number[];
}

/** Row positions, for the reader and the other programme sheets. */
export interface ProgrammePositions {
  /** Sheet row of each programme row, config order, with its directorate index and row index. */
  readonly rows: readonly { readonly row: number; readonly d: number; readonly r: number }[];
  readonly subtotalRows: readonly number[];
  readonly totalRow: number;
  readonly additionalRow: number;
  readonly firstDataRow: number;
  readonly lastDataRow: number;
  /** With `config.parametersSheet`: each directorate's risk-adjusted row, then the risk-adjusted total. */
  readonly riskRows: readonly number[];
  readonly riskTotalRow?: number;
  /** With `config.greenBook`: the first row of the Green Book block. */
  readonly greenBookRow?: number;
}

export interface ProgrammeSheetLayout extends SheetLayout {
  readonly positions: ProgrammePositions;
  /** Totals per FY column in £ (the cached results), for the Resource cost sheet. */
  readonly totals: readonly number[];
}

/**
 * FY column letter of column index `i` (0 = first FY).
 *
 * @example
 * fyColumn(0) // "E"
 */
export function fyColumn(i: number): string {
  return columnLetter(FIRST_FY_COLUMN + i);
}

/**
 * The Programme sheet's refresh status cell (top right, after the Source column's caption).
 *
 * @example
 * programmeStatusAddress(config) // "M1" with five FY columns
 */
export function programmeStatusAddress(config: ProgrammeConfig): string {
  return `${columnLetter(FIRST_FY_COLUMN + config.fyLabels.length + 3)}1`;
}

/**
 * Column holding each row's theme (used by the Themes sheet's SUMIF).
 *
 * @example
 * themeColumn(config) // "J" with five FY columns
 */
export function themeColumn(config: ProgrammeConfig): string {
  return columnLetter(FIRST_FY_COLUMN + config.fyLabels.length);
}

/**
 * Where every row of the Programme sheet sits.
 *
 * @example
 * programmePositions(config).totalRow // 23 for the 13 Appendix A rows in 4 directorates
 */
export function programmePositions(config: ProgrammeConfig): ProgrammePositions {
  const rows: { row: number; d: number; r: number }[] = [];
  const subtotalRows: number[] = [];
  let row = FIRST_ROW;
  config.directorates.forEach((dir, d) => {
    dir.rows.forEach((_, r) => rows.push({ row: row++, d, r }));
    subtotalRows.push(row++);
  });
  // The Green Book block sits right under "additional beyond the MTFS", so it moves exactly as rows are
  // inserted above it (a new directorate's risk-adjusted row below it adds a layout row no insert makes).
  const greenBookRow = config.greenBook ? row + 3 : undefined;
  const below = greenBookRow === undefined ? 0 : programmeGreenBookRows(config) + 1;
  const riskFirst = row + 4 + below; // after the total, "additional beyond the MTFS", a gap and a heading
  const risky = config.parametersSheet === true;
  return {
    rows,
    subtotalRows,
    totalRow: row,
    additionalRow: row + 1,
    firstDataRow: FIRST_ROW,
    lastDataRow: Math.max(FIRST_ROW, row - 1),
    riskRows: risky ? config.directorates.map((_, d) => riskFirst + d) : [],
    riskTotalRow: risky ? riskFirst + config.directorates.length : undefined,
    greenBookRow,
  };
}

/**
 * Columns of the Programme's confidence and optimism bias (after the RAG column), with `config.parametersSheet`.
 *
 * @example
 * confidenceColumns(config) // { confidence: "M", bias: "N" } with five FY columns
 */
export function confidenceColumns(config: ProgrammeConfig): { confidence: string; bias: string } {
  const n = config.fyLabels.length;
  return {
    confidence: columnLetter(FIRST_FY_COLUMN + n + 3),
    bias: columnLetter(FIRST_FY_COLUMN + n + 4),
  };
}

/**
 * Typed rows' amounts in £ as the config states them (published £m × 1,000,000; "-" as 0).
 *
 * @example
 * publishedPounds([1.0, null]) // [1000000, 0]
 */
export function publishedPounds(millions: readonly (number | null)[] | undefined, columns: number): number[] {
  return Array.from({ length: columns }, (_, i) =>
    new Decimal(millions?.[i] ?? 0).times(POUNDS_PER_MILLION).toNumber(),
  );
}

/**
 * The RAG column (issue 15): each modelled row's RAG from the Tracking sheet's actuals (blank when untracked),
 * below the status caption so no other column moves. Refresh and `track import` both write these cells.
 *
 * @example
 * programmeRagCells(config, new Map([["CFS Targeted Prevention", "Red"]]))[1] // { address: "L13", value: "Red", … }
 */
export function programmeRagCells(config: ProgrammeConfig, rags: ReadonlyMap<string, string>): OwnedCell[] {
  const column = columnLetter(FIRST_FY_COLUMN + config.fyLabels.length + 2);
  return programmePositions(config).rows.flatMap(({ row, d, r }): OwnedCell[] => {
    const sheet = config.directorates[d].rows[r].proposalSheet;
    if (!sheet) return [];
    return [
      {
        kind: "engine",
        address: `${column}${row}`,
        key: `directorates[${d}].rows[${r}].rag`,
        value: rags.get(sheet) ?? null,
        style: STYLES.owned,
      },
    ];
  });
}

/**
 * Declares every cell of the Programme sheet. Without `values` the cached results are left empty (the
 * layout is then only used to find the cells).
 *
 * @example
 * programmeSheetLayout(config, values).positions.totalRow
 */
export function programmeSheetLayout(
  config: ProgrammeConfig,
  values?: ProgrammeValues,
): ProgrammeSheetLayout {
  const pos = programmePositions(config);
  const n = config.fyLabels.length;
  const cells: LayoutCell[] = [];
  const label = (address: string, text: string, style: LayoutCell["style"] = STYLES.label): void => {
    cells.push({ kind: "label", address, text, style });
  };
  const money = (xs: readonly Decimal[] | undefined, i: number): CellScalar => (xs ? xs[i].toNumber() : null);

  label("A1", config.title, STYLES.title);
  // Group headings span their FY columns (merged) and wrap, so neither is cut at its first column.
  const merges: string[] = [];
  const group = (from: number, to: number, text: string): void => {
    label(`${fyColumn(from)}2`, text, { ...HEADING, alignTop: true });
    if (to > from) merges.push(`${fyColumn(from)}2:${fyColumn(to)}2`);
  };
  group(0, config.mtfsYears - 1, "Impact within the MTFS");
  if (n > config.mtfsYears) group(config.mtfsYears, n - 1, "Future MTFS impact");
  const headers = ["Directorate", "Opportunity", "Type of opportunity", "Time to hit full run rate"];
  [...headers, ...config.fyLabels, "Theme", "Source"].forEach((h, i) =>
    label(cellAddress(i + 1, 3), h, HEADING),
  );
  const themeCol = themeColumn(config);
  const risky = config.parametersSheet === true;
  const cc = confidenceColumns(config);
  if (risky) {
    label(`${cc.confidence}3`, "Confidence", HEADING);
    label(`${cc.bias}3`, "Optimism bias (Parameters)", HEADING);
  }
  const sourceCol = columnLetter(FIRST_FY_COLUMN + n + 1);
  const statusCaptionCol = columnLetter(FIRST_FY_COLUMN + n + 2);
  label(`${statusCaptionCol}1`, "Refresh status", { bold: true });
  label(`${statusCaptionCol}3`, "RAG (tracking)", HEADING);
  const rags = new Map([...(values?.linked ?? [])].flatMap(([sheet, l]) => (l.rag ? [[sheet, l.rag]] : [])));
  cells.push(...programmeRagCells(config, rags));

  const programmeRows: ProgrammeRow[] = [];
  pos.rows.forEach(({ row, d, r }, flat) => {
    const dir = config.directorates[d];
    const cfg = dir.rows[r];
    const base = `directorates[${d}].rows[${r}]`;
    if (r === 0) label(`A${row}`, dir.directorate);
    const linked = cfg.proposalSheet ? values?.linked.get(cfg.proposalSheet) : undefined;
    cells.push({
      kind: "input",
      address: `B${row}`,
      path: `${base}.opportunity`,
      value: cfg.opportunity,
      link: cfg.proposalSheet ? `${sheetRef(cfg.proposalSheet)}!A1` : undefined,
    });
    cells.push({ kind: "input", address: `C${row}`, path: `${base}.type`, value: cfg.type });
    const amounts = values?.rowAmounts[flat];
    if (cfg.proposalSheet && values && !linked) {
      // Its proposal sheet is gone: the row keeps the figures it last showed, as values.
      cells.push({
        kind: "engine",
        address: `D${row}`,
        key: `${base}.timeToFullRunRate`,
        value: null,
        style: STYLES.owned,
      });
      config.fyLabels.forEach((fy, i) =>
        cells.push({
          kind: "engine",
          address: `${fyColumn(i)}${row}`,
          key: `${base}.${fy}`,
          value: amounts ? amounts[i] : 0,
          numberFormat: MILLIONS_FORMAT,
          style: STYLES.owned,
        }),
      );
      label(`${sourceCol}${row}`, "Proposal sheet missing: last figures kept", { italic: true });
    } else if (cfg.proposalSheet) {
      const ref = sheetRef(cfg.proposalSheet);
      cells.push({
        kind: "formula",
        address: `D${row}`,
        key: `${base}.timeToFullRunRate`,
        formula: `${ref}!${values?.linked.get(cfg.proposalSheet)?.timeToRunRateAddress ?? "F10"}`,
        value: linked?.timeToRunRateYears ?? null,
        numberFormat: YEARS_FORMAT,
        style: STYLES.owned,
      });
      config.fyLabels.forEach((fy, i) => {
        const target = linked?.mtfsRowAddress.get(fy);
        const address = `${fyColumn(i)}${row}`;
        const key = `${base}.${fy}`;
        const value = amounts ? amounts[i] : null;
        if (target || !values) {
          cells.push({
            kind: "formula",
            address,
            key,
            formula: `${ref}!${target ?? "A1"}`,
            value,
            numberFormat: MILLIONS_FORMAT,
            style: STYLES.owned,
          });
        } else {
          // The proposal's horizon does not reach this FY: nothing to link to.
          cells.push({
            kind: "engine",
            address,
            key,
            value: 0,
            numberFormat: MILLIONS_FORMAT,
            style: STYLES.owned,
          });
        }
      });
      label(`${sourceCol}${row}`, "Proposal sheet (modelled)", { italic: true });
    } else {
      cells.push({
        kind: "input",
        address: `D${row}`,
        path: `${base}.timeToFullRunRate`,
        value: yearsValue(cfg.timeToFullRunRate),
        numberFormat: YEARS_FORMAT,
      });
      const pounds = publishedPounds(cfg.publishedMillions, n);
      config.fyLabels.forEach((_, i) => {
        cells.push({
          kind: "input",
          address: `${fyColumn(i)}${row}`,
          path: `${base}.publishedMillions[${i}]`,
          value: pounds[i],
          numberFormat: MILLIONS_FORMAT,
        });
      });
      label(`${sourceCol}${row}`, "Published figure (typed)", { italic: true });
    }
    cells.push({
      kind: "input",
      address: `${themeCol}${row}`,
      path: `${base}.theme`,
      value: cfg.theme ?? null,
    });
    if (risky) {
      const risk = values?.riskRows?.[flat];
      const confidenceAt = linked?.confidenceAddress;
      if (cfg.proposalSheet && confidenceAt) {
        const at = `${sheetRef(cfg.proposalSheet)}!${confidenceAt}`;
        cells.push({
          kind: "formula",
          address: `${cc.confidence}${row}`,
          key: `${base}.confidence`,
          formula: `IF(ISBLANK(${at}),"",${at})`,
          value: linked?.confidenceLevel ?? "",
          style: STYLES.owned,
        });
      } else if (cfg.proposalSheet) {
        cells.push({
          kind: "engine",
          address: `${cc.confidence}${row}`,
          key: `${base}.confidence`,
          value: linked?.confidenceLevel ?? null,
          style: STYLES.owned,
        });
      } else {
        cells.push({
          kind: "input",
          address: `${cc.confidence}${row}`,
          path: `${base}.confidence`,
          value: cfg.confidence ?? null,
          label: "Confidence",
        });
      }
      if (!values?.riskRows || risk)
        cells.push({
          kind: "formula",
          address: `${cc.bias}${row}`,
          key: `${base}.optimismBias`,
          formula: optimismBiasFormula(`${cc.confidence}${row}`),
          value: risk ? risk.bias : null,
          numberFormat: PERCENT_FORMAT,
          style: STYLES.owned,
        });
    }
    if (amounts) {
      programmeRows.push({
        directorate: String(d),
        opportunity: cfg.opportunity,
        amounts: amounts.map((a) => new Decimal(a)),
      });
    }
  });

  // Cached results come from the engine's programme maths (B's programme.ts), never recomputed here.
  const complete = values !== undefined && programmeRows.length === pos.rows.length;
  const subtotals = complete ? directorateSubtotals(programmeRows) : undefined;
  // With no rows yet (a new workbook) every total is 0.
  const totals = complete
    ? programmeRows.length
      ? programmeTotal(programmeRows)
      : config.fyLabels.map(() => new Decimal(0))
    : undefined;
  let nonEmpty = 0;
  config.directorates.forEach((dir, d) => {
    const row = pos.subtotalRows[d];
    const first = row - dir.rows.length;
    label(`A${row}`, dir.subtotalLabel, { bold: true, fill: "D9E1F2" });
    const sub = dir.rows.length > 0 ? subtotals?.[nonEmpty]?.amounts : undefined;
    if (dir.rows.length > 0) nonEmpty++;
    config.fyLabels.forEach((fy, i) => {
      const col = fyColumn(i);
      cells.push({
        kind: "formula",
        address: `${col}${row}`,
        key: `subtotal[${d}].${fy}`,
        formula: dir.rows.length > 0 ? `SUM(${col}${first}:${col}${row - 1})` : "0",
        value: dir.rows.length > 0 ? money(sub, i) : complete ? 0 : null,
        numberFormat: MILLIONS_FORMAT,
        style: { bold: true, fill: "D9E1F2" },
      });
    });
  });
  label(`A${pos.totalRow}`, "Total ER Savings", { bold: true, fill: "BDD7EE" });
  config.fyLabels.forEach((fy, i) => {
    const col = fyColumn(i);
    cells.push({
      kind: "formula",
      address: `${col}${pos.totalRow}`,
      key: `total.${fy}`,
      formula: pos.subtotalRows.map((r) => `${col}${r}`).join("+") || "0",
      value: money(totals, i),
      numberFormat: MILLIONS_FORMAT,
      style: { bold: true, fill: "BDD7EE" },
    });
  });
  if (n > config.mtfsYears) {
    const last = fyColumn(config.mtfsYears - 1);
    const future = fyColumn(config.mtfsYears);
    label(`A${pos.additionalRow}`, "Additional beyond the MTFS", { bold: true });
    cells.push({
      kind: "formula",
      address: `${future}${pos.additionalRow}`,
      key: "additionalBeyondMtfs",
      formula: `${future}${pos.totalRow}-${last}${pos.totalRow}`,
      value: totals
        ? additionalBeyondMtfs(totals[config.mtfsYears - 1], totals[config.mtfsYears]).toNumber()
        : null,
      numberFormat: MILLIONS_FORMAT,
      style: { bold: true },
    });
  }

  if (risky) riskAdjustedRows(config, pos, values, cells);
  if (pos.greenBookRow !== undefined)
    cells.push(
      ...programmeGreenBookCells(
        config,
        pos.greenBookRow,
        fyColumn,
        greenBookSources(config, values),
        values?.greenBook,
        values?.implementationCosts,
      ),
    );

  // Each column as wide as its longest wording on one line, measured in LibreOffice's PDF (Calibri 11:
  // "Maximising Independence for Working Age Adults" 40.3 units, "Demand Management and Maximising
  // Independence" 43.2, "Fully fundable – rolling programme" 28.2, "Children and Family Services" 22.9,
  // "Proposal sheet (modelled)" 21.1), and no wider: the sheet prints two pages across at 8 pt or more.
  const columnWidths = [
    { column: "A", width: 25 },
    { column: "B", width: 43 },
    { column: "C", width: 30 },
    { column: "D", width: 12 },
    ...config.fyLabels.map((_, i) => ({ column: fyColumn(i), width: 11 })),
    { column: themeCol, width: 45 },
    { column: sourceCol, width: 23 },
    { column: statusCaptionCol, width: 14 },
    ...(risky
      ? [
          { column: cc.confidence, width: 12 },
          { column: cc.bias, width: 14 },
        ]
      : []),
  ];
  const widths = new Map(columnWidths.map((w) => [w.column, w.width]));
  // A note longer than the caption columns wraps in them: they repeat on each printed page, and a note run on
  // past them printed cut at the page's edge (and a long one set every page's scale).
  const wrapped = wrapLongLabels(cells, widths, PRINT_TITLE_COLUMNS, merges);
  const allMerges = [...merges, ...wrapped.merges];
  const noteRows = new Set(wrapped.merges.map((m) => m.replace(/^[A-Z]+(\d+):.*$/, "$1")));
  return {
    layoutId: PROGRAMME_LAYOUT_ID,
    sheet: PROGRAMME_SHEET,
    // Figures beside a wrapped name or note sit level with its first line.
    cells: alignedTop(wrapped.cells),
    positions: pos,
    statusAddress: programmeStatusAddress(config),
    totals: totals ? totals.map((t) => t.toNumber()) : [],
    // One page across printed at about 4 pt (LibreOffice's PDF of the demo): two, the headings (rows 2:3) and
    // the directorate and opportunity columns repeated on each.
    print: { pagesWide: 2, titleRows: "2:3", titleColumns: PRINT_TITLE_COLUMNS },
    columnWidths,
    merges: allMerges,
    rowHeights: fitRowHeights(
      wrapped.cells.filter(
        (c) => /^[A-Z]+[23]$/.test(c.address) || noteRows.has(c.address.replace(/^[A-Z]+/, "")),
      ),
      allMerges,
      widths,
    ),
  };
}

/** The modelled rows whose sheets have a Green Book block, in Programme order (undefined without values). */
function greenBookSources(
  config: ProgrammeConfig,
  values: ProgrammeValues | undefined,
): GreenBookSource[] | undefined {
  if (!values) return undefined;
  return config.directorates.flatMap((dir) =>
    dir.rows.flatMap((row): GreenBookSource[] => {
      const linked = row.proposalSheet ? values.linked.get(row.proposalSheet) : undefined;
      if (!row.proposalSheet || !linked?.greenBook) return [];
      return [
        {
          sheet: row.proposalSheet,
          addresses: linked.greenBook.byFy,
          ...(linked.greenBookByFy ? { figures: linked.greenBookByFy } : {}),
        },
      ];
    }),
  );
}

/**
 * The risk-adjusted rows under the total: per directorate, Σ of its rows' risk-adjusted amounts (a typed row:
 * IF(amount > 0, amount × (1 − its optimism bias), amount); a modelled row: its sheet's risk-adjusted MTFS
 * row), then their total. Never above the unadjusted rows, since the bias only takes benefits off.
 */
function riskAdjustedRows(
  config: ProgrammeConfig,
  pos: ProgrammePositions,
  values: ProgrammeValues | undefined,
  cells: LayoutCell[],
): void {
  const cc = confidenceColumns(config);
  const style = { bold: true, fill: "FCE4D6" } as const;
  const heading = (pos.riskRows[0] ?? pos.riskTotalRow ?? pos.totalRow + 4) - 1;
  cells.push({
    kind: "label",
    address: `A${heading}`,
    text: "Risk-adjusted (optimism bias on benefits, from the Parameters sheet)",
    style: { bold: true },
  });
  const flatOf = new Map(pos.rows.map((p, flat) => [`${p.d}/${p.r}`, flat]));
  const complete = values?.riskRows !== undefined && values.riskRows.length === pos.rows.length;
  const unknown = (flat: number): boolean => complete && values?.riskRows?.[flat] === undefined;
  const totals = config.fyLabels.map(() => new Decimal(0));
  let anyUnknown = false;
  config.directorates.forEach((dir, d) => {
    const row = pos.riskRows[d];
    cells.push({ kind: "label", address: `A${row}`, text: `${dir.subtotalLabel}, risk-adjusted`, style });
    const skip = dir.rows.some((_, r) => unknown(flatOf.get(`${d}/${r}`) ?? 0));
    anyUnknown ||= skip;
    if (skip) return;
    config.fyLabels.forEach((fy, i) => {
      const col = fyColumn(i);
      let sum = new Decimal(0);
      const terms = dir.rows.map((cfg, r) => {
        const flat = flatOf.get(`${d}/${r}`) ?? 0;
        const at = pos.rows[flat].row;
        sum = sum.plus(values?.riskRows?.[flat]?.amounts[i] ?? 0);
        const target = cfg.proposalSheet
          ? values?.linked.get(cfg.proposalSheet)?.riskAdjustedRowAddress?.get(fy)
          : undefined;
        return target && cfg.proposalSheet
          ? `${sheetRef(cfg.proposalSheet)}!${target}`
          : `IF(${col}${at}>0,${col}${at}*(1-${cc.bias}${at}),${col}${at})`;
      });
      totals[i] = totals[i].plus(sum);
      cells.push({
        kind: "formula",
        address: `${col}${row}`,
        key: `riskAdjusted[${d}].${fy}`,
        formula: terms.length ? terms.join("+") : "0",
        value: complete ? sum.toNumber() : null,
        numberFormat: MILLIONS_FORMAT,
        style,
      });
    });
  });
  const total = pos.riskTotalRow as number;
  cells.push({
    kind: "label",
    address: `A${total}`,
    text: "Total ER Savings, risk-adjusted",
    style: { bold: true, fill: "F8CBAD" },
  });
  if (anyUnknown) return;
  config.fyLabels.forEach((fy, i) => {
    const col = fyColumn(i);
    cells.push({
      kind: "formula",
      address: `${col}${total}`,
      key: `riskAdjusted.total.${fy}`,
      formula: pos.riskRows.map((r) => `${col}${r}`).join("+") || "0",
      value: complete ? totals[i].toNumber() : null,
      numberFormat: MILLIONS_FORMAT,
      style: { bold: true, fill: "F8CBAD" },
    });
  });
}
