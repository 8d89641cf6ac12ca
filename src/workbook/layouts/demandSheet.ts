import { fyLabel, type Decimal, type DemandModel, type DemandProjection } from "../../engine";
import { cellAddress } from "../address";
import { assumptionName, nameSlug } from "../names";
import type { CellScalar, ComboChartSpec } from "../port";
import { labelWriter } from "./cellWriters";
import {
  MILLIONS_FORMAT,
  PERCENT_FORMAT,
  POUNDS_FORMAT,
  STYLES,
  type InputType,
  type LayoutCell,
  type SheetLayout,
} from "./types";

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

/** Column of the inputs' labels and values (right of the table, so the table's addresses never move). */
const INPUT_LABEL_COLUMN = "P";
const INPUT_VALUE_COLUMN = "Q";

/** One named input of the model on the sheet: its JSON path, caption and type. */
interface DemandInputRow {
  readonly path: string;
  readonly label: string;
  readonly type: InputType;
  readonly choices?: readonly string[];
}

const INPUT_ROWS: readonly DemandInputRow[] = [
  { path: "name", label: "Model", type: "text" },
  { path: "step", label: "Model by (year or month)", type: "choice", choices: ["year", "month"] },
  { path: "stock", label: "Stock at the end of the base year", type: "number" },
  { path: "entries", label: "Entries in the base year", type: "number" },
  { path: "entriesGrowth", label: "Entries growth a year", type: "percent" },
  { path: "exitRate", label: "Exit rate (share of the stock a year)", type: "percent" },
  { path: "unitCost", label: "Unit cost (£ a child a year)", type: "number" },
  { path: "unitCostInflation", label: "Unit cost inflation a year", type: "percent" },
  { path: "budget", label: "Budget in the base year (£)", type: "number" },
  { path: "budgetGrowth", label: "Budget growth a year", type: "percent" },
  { path: "spendBasis", label: "Spend basis", type: "choice", choices: ["averageStock", "closingStock"] },
  {
    path: "benefitBasis",
    label: "Benefit basis",
    type: "choice",
    choices: ["split", "costAvoidance", "cashable"],
  },
  { path: "levers.entriesChange", label: "Entries lever (change)", type: "percent" },
  { path: "levers.exitRateChange", label: "Exit lever (change)", type: "percent" },
  { path: "levers.exitLagYears", label: "Exit lever lag (years)", type: "number" },
  { path: "levers.exitBasis", label: "Exit lever basis", type: "choice", choices: ["trend", "stock"] },
];

/**
 * The demand model as the sheet holds it (schema/demand.schema.json), already scaled: the exit rate and the
 * unit cost the model derived, stated years as FY labels. The register keeps it; the sheet's input cells
 * override its values on refresh, and its years (base, end, reportFrom, phasing and stated years) fix the
 * sheet's shape.
 *
 * @example
 * demandSheetJson(parseDemandModel(json)).exitRate // 0.5377
 */
export function demandSheetJson(model: DemandModel): Record<string, unknown> {
  const lv = model.levers;
  const n = (d: Decimal): number => d.toNumber();
  return {
    name: model.name,
    baseYear: fyLabel(model.baseYear),
    endYear: fyLabel(model.endYear),
    reportFrom: fyLabel(model.reportFrom),
    step: model.stepsPerYear === 12 ? "month" : "year",
    stock: n(model.stock),
    entries: n(model.entries),
    entriesGrowth: n(model.entriesGrowth),
    ...(model.entriesByYear.size
      ? {
          entriesByYear: [...model.entriesByYear].map(([year, entries]) => ({
            year: fyLabel(year),
            entries: n(entries),
          })),
        }
      : {}),
    exitRate: n(model.exitRate),
    ...(model.exitRateByYear.size
      ? {
          exitRateByYear: [...model.exitRateByYear].map(([year, r]) => ({
            year: fyLabel(year),
            exitRate: n(r),
          })),
        }
      : {}),
    unitCost: n(model.unitCost),
    unitCostInflation: n(model.unitCostInflation),
    budget: n(model.budget),
    budgetGrowth: n(model.budgetGrowth),
    spendBasis: model.spendBasis,
    benefitBasis: model.benefitBasis,
    levers: {
      entriesChange: n(lv.entriesChange),
      exitRateChange: n(lv.exitRateChange),
      exitLagYears: lv.exitLagYears,
      exitBasis: lv.exitBasis,
      phasing: lv.phasing.map((p) => ({ year: fyLabel(p.year), share: n(p.share) })),
    },
  };
}

/** The Programme's "Total ER Savings" cells the Demand sheet links, by FY label. */
export interface ProgrammeTotals {
  readonly sheet: string;
  /** FY label → the total's address on the Programme sheet and its current value (£). */
  readonly byFy: ReadonlyMap<string, { readonly address: string; readonly value: number }>;
}

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
  programme?: ProgrammeTotals,
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

  // The model's inputs, named, right of the table: refresh reads them back and recomputes the sheet.
  const json = demandSheetJson(model);
  const slug = nameSlug(sheet);
  const input = (
    row: number,
    path: string,
    text: string,
    value: CellScalar,
    type: InputType,
    choices?: readonly string[],
  ): void => {
    label(`${INPUT_LABEL_COLUMN}${row}`, text);
    cells.push({
      kind: "input",
      address: `${INPUT_VALUE_COLUMN}${row}`,
      path,
      value,
      name: assumptionName(slug, path),
      type,
      label: text,
      style: STYLES.input,
      ...(type === "percent" ? { numberFormat: PERCENT_FORMAT } : {}),
      ...(path === "unitCost" || path === "budget" ? { numberFormat: POUNDS_FORMAT } : {}),
      ...(choices ? { choices } : {}),
    });
  };
  label(
    `${INPUT_LABEL_COLUMN}${HEADER_ROW}`,
    "Inputs (refresh recomputes the sheet from these)",
    STYLES.heading,
  );
  let row = HEADER_ROW + 1;
  label(
    `${INPUT_LABEL_COLUMN}${row++}`,
    `Years ${fyLabel(model.baseYear)} (base) to ${fyLabel(model.endYear)}, cumulative from ${fyLabel(model.reportFrom)}: fixed when the sheet was made`,
    STYLES.text,
  );
  const valueAt = (path: string): CellScalar => {
    const v = path
      .split(".")
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], json);
    return typeof v === "number" || typeof v === "string" ? v : null;
  };
  for (const r of INPUT_ROWS) input(row++, r.path, r.label, valueAt(r.path), r.type, r.choices);
  model.levers.phasing.forEach((step, i) =>
    input(
      row++,
      `levers.phasing[${i}].share`,
      `Levers' share from ${fyLabel(step.year)}`,
      step.share.toNumber(),
      "percent",
    ),
  );
  [...model.entriesByYear].forEach(([year, entries], i) =>
    input(row++, `entriesByYear[${i}].entries`, `Entries ${fyLabel(year)}`, entries.toNumber(), "number"),
  );
  [...model.exitRateByYear].forEach(([year, rate], i) =>
    input(row++, `exitRateByYear[${i}].exitRate`, `Exit rate ${fyLabel(year)}`, rate.toNumber(), "percent"),
  );

  // Demand pressure beside the Programme's ER savings, FY by FY (the Programme's own years only).
  if (programme && programme.byFy.size) {
    row++;
    [
      "FY",
      "Demand pressure (do nothing − budget)",
      "Total ER Savings (Programme)",
      "Pressure after ER savings",
    ].forEach((h, i) => label(cellAddress(16 + i, row), h, { ...STYLES.heading, wrap: true }));
    row++;
    for (const [fy, total] of programme.byFy) {
      const i = p.years.findIndex((y) => y.label === fy);
      if (i < 0) continue;
      const y = p.years[i];
      const r = FIRST_ROW + i;
      label(`P${row}`, fy);
      const pressure = y.doNothing.spend.minus(y.budget).toNumber();
      const quoted = `'${programme.sheet.replace(/'/g, "''")}'`;
      cells.push(
        {
          kind: "formula",
          address: `Q${row}`,
          key: `demand.pressure.${fy}`,
          formula: `${col("Do-nothing spend")}${r}-${col("Budget")}${r}`,
          value: pressure,
          numberFormat: MILLIONS_FORMAT,
          style: STYLES.owned,
        },
        {
          kind: "formula",
          address: `R${row}`,
          key: `demand.erSavings.${fy}`,
          formula: `${quoted}!${total.address}`,
          value: total.value,
          numberFormat: MILLIONS_FORMAT,
          style: STYLES.owned,
        },
        {
          kind: "formula",
          address: `S${row}`,
          key: `demand.pressureAfterSavings.${fy}`,
          formula: `Q${row}-R${row}`,
          value: pressure - total.value,
          numberFormat: MILLIONS_FORMAT,
          style: STYLES.owned,
        },
      );
      row++;
    }
  }

  const range = (c: (typeof COLUMNS)[number]): string => `${col(c)}${FIRST_ROW}:${col(c)}${lastRow}`;
  return {
    layoutId: DEMAND_LAYOUT_ID,
    sheet,
    cells,
    columnWidths: [
      { column: "A", width: 36 },
      ...COLUMNS.slice(1).map((_, i) => ({ column: col(COLUMNS[i + 1]), width: 16 })),
      { column: INPUT_LABEL_COLUMN, width: 40 },
      { column: INPUT_VALUE_COLUMN, width: 18 },
      { column: "R", width: 18 },
      { column: "S", width: 18 },
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
