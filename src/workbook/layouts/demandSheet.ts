import { fyLabel, type Decimal, type DemandModel, type DemandProjection } from "../../engine";
import { cellAddress } from "../address";
import type { ComboChartSpec } from "../port";
import { labelWriter } from "./cellWriters";
import { MILLIONS_FORMAT, STYLES, type LayoutCell, type SheetLayout } from "./types";

/**
 * The Demand sheet: one row per financial year of a demand model (docs/engine.md "Demand model"), with the
 * budget, do-nothing and with-impact spend the engine projects as owned values, and the arithmetic that is
 * standard (overspend, benefit, their running sums, cost avoidance, the totals) as ordinary formulas, so
 * it recalculates in Excel and LibreOffice. A chart shows the budget (bars) against the two spend lines.
 */

export const DEMAND_SHEET = "Demand";
export const DEMAND_LAYOUT_ID = "demandSheet";
const HEADER_ROW = 4;
const FIRST_ROW = HEADER_ROW + 1;

/** Columns, left to right; the first four are adjacent on purpose (the chart's one source range in Excel). */
const COLUMNS = [
  "FY",
  "Budget",
  "Do-nothing spend",
  "With-impact spend",
  "Overspend (with impact)",
  "Cumulative overspend (with impact)",
  "Benefit against do-nothing",
  "Cumulative benefit",
  "Cashable",
  "Cost avoidance",
  "Stock (do nothing)",
  "Stock (with impact)",
  "Entries (with impact)",
  "Exits (with impact)",
] as const;
const col = (name: (typeof COLUMNS)[number]): string =>
  cellAddress(COLUMNS.indexOf(name) + 1, 1).replace(/\d+$/, "");

/** The Demand sheet's layout and its chart. */
export interface DemandSheetLayout extends SheetLayout {
  readonly chart: ComboChartSpec;
  /** Rows of the first and last year. */
  readonly firstRow: number;
  readonly lastRow: number;
}

/**
 * Declares every cell of the Demand sheet for a projection.
 *
 * @example
 * const layout = demandSheetLayout(model, projectDemand(model, decimalCalculator));
 * layout.cells.find((c) => c.address === "E6") // { kind: "formula", formula: "D6-B6", ... }
 */
export function demandSheetLayout(
  model: DemandModel,
  p: DemandProjection<Decimal>,
  sheet = DEMAND_SHEET,
): DemandSheetLayout {
  const cells: LayoutCell[] = [];
  const label = labelWriter(cells);
  const n = (d: Decimal): number => d.toNumber();
  const money = (address: string, key: string, value: Decimal, formula?: string): void => {
    cells.push(
      formula === undefined
        ? {
            kind: "engine",
            address,
            key,
            value: n(value),
            numberFormat: MILLIONS_FORMAT,
            style: STYLES.owned,
          }
        : {
            kind: "formula",
            address,
            key,
            formula,
            value: n(value),
            numberFormat: MILLIONS_FORMAT,
            style: STYLES.owned,
          },
    );
  };
  const count = (address: string, key: string, value: Decimal): void => {
    cells.push({ kind: "engine", address, key, value: n(value), numberFormat: "#,##0", style: STYLES.owned });
  };

  label("A1", model.name, STYLES.title);
  label(
    "A2",
    `Demand model: spend on the stock against the budget; cumulative figures from ${fyLabel(model.reportFrom)}. ` +
      "Benefit is cashable only below the budget line; the rest is cost avoidance.",
    {},
  );
  COLUMNS.forEach((h, i) => label(cellAddress(i + 1, HEADER_ROW), h, { ...STYLES.heading, wrap: true }));

  const lastRow = FIRST_ROW + p.years.length - 1;
  const firstCounted = FIRST_ROW + p.years.findIndex((y) => !y.base && y.year >= model.reportFrom);
  p.years.forEach((y, i) => {
    const r = FIRST_ROW + i;
    const k = (what: string): string => `demand.${y.label}.${what}`;
    const at = (c: (typeof COLUMNS)[number]): string => `${col(c)}${r}`;
    label(at("FY"), y.base ? `${y.label} (base)` : y.label);
    money(at("Budget"), k("budget"), y.budget);
    money(at("Do-nothing spend"), k("doNothingSpend"), y.doNothing.spend);
    money(at("With-impact spend"), k("withImpactSpend"), y.withImpact.spend);
    money(
      at("Overspend (with impact)"),
      k("overspend"),
      y.withImpact.overspend,
      `${at("With-impact spend")}-${at("Budget")}`,
    );
    money(
      at("Benefit against do-nothing"),
      k("benefit"),
      y.benefit,
      `${at("Do-nothing spend")}-${at("With-impact spend")}`,
    );
    money(at("Cashable"), k("cashable"), y.cashable);
    money(
      at("Cost avoidance"),
      k("costAvoidance"),
      y.costAvoidance,
      `${at("Benefit against do-nothing")}-${at("Cashable")}`,
    );
    // Running sums from reportFrom; the years before it count nothing.
    const running = (c: (typeof COLUMNS)[number], of: (typeof COLUMNS)[number]): string | undefined =>
      r < firstCounted ? undefined : r === firstCounted ? at(of) : `${col(c)}${r - 1}+${at(of)}`;
    money(
      at("Cumulative overspend (with impact)"),
      k("cumulativeOverspend"),
      y.cumulativeOverspendWithImpact,
      running("Cumulative overspend (with impact)", "Overspend (with impact)"),
    );
    money(
      at("Cumulative benefit"),
      k("cumulativeBenefit"),
      y.cumulativeBenefit,
      running("Cumulative benefit", "Benefit against do-nothing"),
    );
    count(at("Stock (do nothing)"), k("doNothingStock"), y.doNothing.stock);
    count(at("Stock (with impact)"), k("stock"), y.withImpact.stock);
    count(at("Entries (with impact)"), k("entries"), y.withImpact.entries);
    count(at("Exits (with impact)"), k("exits"), y.withImpact.exits);
  });

  // Headline figures under the table.
  const h = lastRow + 2;
  const span = (c: (typeof COLUMNS)[number]): string => `${col(c)}${firstCounted}:${col(c)}${lastRow}`;
  label(`A${h}`, "Break-even year");
  cells.push({
    kind: "engine",
    address: `B${h}`,
    key: "demand.breakEvenYear",
    value: p.breakEvenYear === undefined ? `not by ${fyLabel(model.endYear)}` : fyLabel(p.breakEvenYear),
    style: STYLES.owned,
  });
  label(`A${h + 1}`, "Overspend to break-even");
  money(`B${h + 1}`, "demand.overspendToBreakEven", p.overspendToBreakEven);
  label(`A${h + 2}`, "Cumulative overspend, do nothing");
  money(
    `B${h + 2}`,
    "demand.cumulativeOverspendDoNothing",
    p.cumulativeOverspendDoNothing,
    `SUM(${span("Do-nothing spend")})-SUM(${span("Budget")})`,
  );
  label(`A${h + 3}`, "Cumulative overspend, with impact");
  money(
    `B${h + 3}`,
    "demand.cumulativeOverspendWithImpact",
    p.cumulativeOverspendWithImpact,
    `SUM(${span("Overspend (with impact)")})`,
  );
  label(`A${h + 4}`, "Cumulative benefit against do-nothing");
  money(
    `B${h + 4}`,
    "demand.cumulativeBenefit",
    p.cumulativeBenefit,
    `SUM(${span("Benefit against do-nothing")})`,
  );
  label(`A${h + 5}`, "of which cashable");
  money(`B${h + 5}`, "demand.cumulativeCashable", p.cumulativeCashable, `SUM(${span("Cashable")})`);
  label(`A${h + 6}`, "of which cost avoidance");
  money(
    `B${h + 6}`,
    "demand.cumulativeCostAvoidance",
    p.cumulativeCostAvoidance,
    `SUM(${span("Cost avoidance")})`,
  );

  const range = (c: (typeof COLUMNS)[number]): string => `${col(c)}${FIRST_ROW}:${col(c)}${lastRow}`;
  return {
    layoutId: DEMAND_LAYOUT_ID,
    sheet,
    cells,
    columnWidths: [
      { column: "A", width: 36 },
      ...COLUMNS.slice(1).map((_, i) => ({ column: col(COLUMNS[i + 1]), width: 16 })),
    ],
    rowHeights: [{ row: HEADER_ROW, height: 45 }],
    chart: {
      sheet,
      title: "Spend against budget: do nothing and with impact",
      categories: range("FY"),
      bars: { name: "Budget", values: range("Budget") },
      line: { name: "Do-nothing spend", values: range("Do-nothing spend") },
      moreLines: [{ name: "With-impact spend", values: range("With-impact spend") }],
      from: `C${h}`,
      to: `J${h + 20}`,
    },
    firstRow: FIRST_ROW,
    lastRow,
  };
}
