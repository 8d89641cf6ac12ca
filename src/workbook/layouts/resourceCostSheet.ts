import {
  Decimal,
  NO_COSTS_TEXT,
  cumulativeCashflow,
  nothingToPayBack,
  payback,
  sumColumns,
} from "../../engine";
import { cellAddress, columnLetter, sheetRef } from "../address";
import type { CellScalar } from "../port";
import { POUNDS_PER_MILLION, type ProgrammeConfig } from "./programmeConfig";
import { PROGRAMME_SHEET, fyColumn, type ProgrammePositions } from "./programmeSheet";
import { labelWriter, millionsFormulaWriter } from "./cellWriters";
import { fitRowHeights } from "./textFit";
import { FIRST_AREA_ROW, RESOURCE_COST_SHEET, resourceCostTotalRow } from "./resourceCostRows";
import {
  MILLIONS_FORMAT,
  PAYBACK_FORMAT,
  STYLES,
  alignedTop,
  type LayoutCell,
  type SheetLayout,
} from "./types";

export { RESOURCE_COST_SHEET } from "./resourceCostRows";

/**
 * The Resource cost sheet, as the Efficiency Review's Table 3 (paragraph 41): implementation costs by area and
 * MTFS year (typed inputs), their totals, the financial benefits (linked to the Programme total), the
 * cumulative cashflow (running sum) and payback in years. Payback is a standard-formula version of the engine's
 * `payback(costs, benefits, "interpolated")`: whole years before the year the cashflow first reaches zero,
 * plus the cashflow before that year divided by the net benefit within it (Table 3: 3 + 6.2 / 26.7 = 3.23;
 * the report prints 3.3).
 */

export const RESOURCE_COST_LAYOUT_ID = "resourceCostSheet";

/**
 * The caption of Table 3's payback and the Scenarios sheet's: cash, not discounted, so a reader beside the
 * Programme's Green Book payback (real prices, discounted) sees why the two differ.
 */
export const CASH_PAYBACK_CAPTION = "Payback (years; cash, undiscounted, interpolated)";

export interface ResourceCostValues {
  /** Amount in £ per area and MTFS year, as read from the sheet. */
  readonly areaAmounts: readonly (readonly number[])[];
  /** Programme total per MTFS year in £ (the financial benefits). */
  readonly programmeTotals: readonly number[];
}

export interface ResourceCostLayout extends SheetLayout {
  readonly totalRow: number;
  readonly benefitsRow: number;
  readonly cashflowRow: number;
  readonly paybackAddress: string;
}

/**
 * Declares every cell of the Resource cost sheet.
 *
 * @example
 * resourceCostLayout(config, positions, values).paybackAddress // "B12"
 */
export function resourceCostLayout(
  config: ProgrammeConfig,
  programme: ProgrammePositions,
  values?: ResourceCostValues,
): ResourceCostLayout {
  const years = config.mtfsYears;
  const areas = config.resourceCost.areas;
  const cells: LayoutCell[] = [];
  const totalCol = columnLetter(2 + years);
  const commentCol = columnLetter(3 + years);
  const col = (i: number): string => columnLetter(2 + i);
  const label = labelWriter(cells);
  const owned = millionsFormulaWriter(cells);

  label("A1", "Table 3 – Resource cost", STYLES.title);
  ["Resource area", ...config.fyLabels.slice(0, years), "Total", "Comments"].forEach((h, i) =>
    label(cellAddress(i + 1, 2), h, STYLES.heading),
  );

  const d = (x: number): Decimal => new Decimal(x);
  const costs = values
    ? areas.length
      ? sumColumns(values.areaAmounts.map((a) => ({ amounts: a.map(d) })))
      : Array.from({ length: years }, () => d(0))
    : undefined;
  const benefits = values?.programmeTotals.slice(0, years).map(d);
  const cashflow = costs && benefits ? cumulativeCashflow(costs, benefits) : undefined;

  areas.forEach((a, i) => {
    const r = FIRST_AREA_ROW + i;
    cells.push({ kind: "input", address: `A${r}`, path: `resourceCost.areas[${i}].area`, value: a.area });
    for (let y = 0; y < years; y++) {
      const m = a.amountsMillions[y];
      cells.push({
        kind: "input",
        address: `${col(y)}${r}`,
        path: `resourceCost.areas[${i}].amountsMillions[${y}]`,
        value: m === null || m === undefined ? null : d(m).times(POUNDS_PER_MILLION).toNumber(),
        numberFormat: MILLIONS_FORMAT,
      });
    }
    const rowTotal = values
      ? sumColumns(values.areaAmounts[i].map((x) => ({ amounts: [d(x)] })))[0]
      : undefined;
    owned(
      `${totalCol}${r}`,
      `area[${i}].total`,
      `SUM(${col(0)}${r}:${col(years - 1)}${r})`,
      rowTotal ? rowTotal.toNumber() : null,
    );
    cells.push({
      kind: "input",
      address: `${commentCol}${r}`,
      path: `resourceCost.areas[${i}].comment`,
      value: a.comment ?? null,
      style: STYLES.text,
    });
  });

  const lastArea = FIRST_AREA_ROW + areas.length - 1;
  const totalRow = resourceCostTotalRow(config);
  const benefitsRow = totalRow + 1;
  const cashflowRow = benefitsRow + 1;
  const paybackRow = cashflowRow + 1;
  const sum = (xs: readonly Decimal[] | undefined): CellScalar =>
    xs ? sumColumns(xs.map((x) => ({ amounts: [x] })))[0].toNumber() : null;

  label(`A${totalRow}`, "Total implementation costs", { bold: true });
  label(`A${benefitsRow}`, "Financial benefits (Programme total, shown negative)", { bold: true });
  label(`A${cashflowRow}`, "Cumulative Cashflow", { bold: true });
  label(`A${paybackRow}`, CASH_PAYBACK_CAPTION, { bold: true });
  label(
    `${commentCol}${benefitsRow}`,
    "Net benefits based on benefit proposals (Programme sheet total)",
    STYLES.text,
  );
  for (let y = 0; y < years; y++) {
    const c = col(y);
    const fy = config.fyLabels[y];
    owned(
      `${c}${totalRow}`,
      `totalCosts.${fy}`,
      areas.length ? `SUM(${c}${FIRST_AREA_ROW}:${c}${lastArea})` : "0",
      costs ? costs[y].toNumber() : null,
      true,
    );
    owned(
      `${c}${benefitsRow}`,
      `benefits.${fy}`,
      `-${sheetRef(PROGRAMME_SHEET)}!${fyColumn(y)}${programme.totalRow}`,
      benefits ? benefits[y].negated().toNumber() : null,
    );
    owned(
      `${c}${cashflowRow}`,
      `cashflow.${fy}`,
      y === 0
        ? `${c}${totalRow}+${c}${benefitsRow}`
        : `${col(y - 1)}${cashflowRow}+${c}${totalRow}+${c}${benefitsRow}`,
      cashflow ? cashflow[y].toNumber() : null,
      true,
    );
  }
  owned(
    `${totalCol}${totalRow}`,
    "totalCosts.total",
    `SUM(${col(0)}${totalRow}:${col(years - 1)}${totalRow})`,
    sum(costs),
    true,
  );
  owned(
    `${totalCol}${benefitsRow}`,
    "benefits.total",
    `SUM(${col(0)}${benefitsRow}:${col(years - 1)}${benefitsRow})`,
    benefits ? sum(benefits.map((b) => b.negated())) : null,
  );
  owned(
    `${totalCol}${cashflowRow}`,
    "cashflow.total",
    `${col(years - 1)}${cashflowRow}`,
    cashflow ? cashflow[years - 1].toNumber() : null,
    true,
  );

  const paybackAddress = `B${paybackRow}`;
  const result = costs && benefits ? payback(costs, benefits, "interpolated") : undefined;
  const never = `not within ${config.fyLabels[0]}–${config.fyLabels[years - 1]}`;
  cells.push({
    kind: "formula",
    address: paybackAddress,
    key: "paybackYears",
    // Nothing to pay back (no implementation cost, never in deficit): the one rule (nothingToPayBack), not a 0.
    formula: `IF(AND(${totalCol}${totalRow}<=0,MAX(${col(0)}${cashflowRow}:${col(years - 1)}${cashflowRow})<=0),"${NO_COSTS_TEXT}",${paybackFormula(
      Array.from({ length: years }, (_, y) => `${col(y)}${cashflowRow}`),
      never,
    )})`,
    value: result
      ? costs &&
        nothingToPayBack({ payback: result, implementationCost: costs.reduce((a, b) => a.plus(b), d(0)) })
        ? NO_COSTS_TEXT
        : result.kind === "paysBack"
          ? result.years.toNumber()
          : never
      : null,
    numberFormat: PAYBACK_FORMAT,
    style: { bold: true, fill: "F2F2F2" },
  });

  // Column A fits its longest bold label on one line; comments wrap in their column.
  const columnWidths = [
    { column: "A", width: 54 },
    ...Array.from({ length: years + 1 }, (_, i) => ({ column: col(i), width: 12 })),
    { column: commentCol, width: 60 },
  ];
  return {
    layoutId: RESOURCE_COST_LAYOUT_ID,
    sheet: RESOURCE_COST_SHEET,
    totalRow,
    benefitsRow,
    cashflowRow,
    paybackAddress,
    columnWidths,
    // Figures beside a wrapped comment sit level with its first line.
    cells: alignedTop(cells),
    rowHeights: fitRowHeights(cells, [], new Map(columnWidths.map((w) => [w.column, w.width]))),
  };
}

/**
 * Nested IF over the cumulative cashflow cells: not paid back (`never`) when the last is > 0; else the year i
 * after the last one in deficit gives i + previous / (previous − this); 0 when no year is in deficit. The
 * engine's interpolated payback convention (programme.ts), in formulas any spreadsheet evaluates.
 *
 * @example
 * paybackFormula(["B9", "C9"], "never") // 'IF(C9>0,"never",IF(B9>0,1+B9/(B9-C9),0))'
 */
export function paybackFormula(cashflowCells: readonly string[], never: string): string {
  let f = "0";
  for (let i = 1; i < cashflowCells.length; i++) {
    const c = cashflowCells[i];
    const prev = cashflowCells[i - 1];
    // Reached only when every later year is ≤ 0, so the divisor prev − c is > 0.
    f = `IF(${prev}>0,${i}+${prev}/(${prev}-${c}),${f})`;
  }
  const last = cashflowCells[cashflowCells.length - 1];
  return `IF(${last}>0,"${never.replace(/"/g, '""')}",${f})`;
}
