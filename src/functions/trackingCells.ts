import {
  Decimal,
  DEFAULT_RAG_THRESHOLDS,
  RAG_THRESHOLD_RULES,
  EngineError,
  ZERO,
  extrapolationWarning,
  forecastProfile,
  periodProfile,
  ragStatus,
  toPounds,
  variance,
  type PeriodActual,
} from "../engine";
import { cellNumber, cellOption, cellRate, isBlank, usedRows } from "./cells";
import { excelSerialToIso } from "./cells";
import { profileInputFromCells, renamed } from "./profileCells";
import type { Grid, GridCell } from "./invoke";

/**
 * Cells → engine for the tracking functions (issue 15): MTFS.PROFILE.MONTHLY, MTFS.VARIANCE, MTFS.RAG and
 * MTFS.FORECAST. An actual or a plan may be one cell or a range (summed: the figure to date).
 */

/** A number or a range of numbers (blank cells skipped), summed. */
function total(value: unknown, field: string): Decimal {
  const cells = usedRows(value).flat();
  if (cells.every(isBlank)) throw new EngineError("missing", field, "is required");
  return cells.reduce<Decimal>((a, c) => (isBlank(c) ? a : a.plus(cellNumber(c, field))), ZERO);
}

/**
 * The spilled monthly or quarterly profile: a header row, then one row per period.
 *
 * @example
 * profileMonthlyCells(range, "quarter")[1] // ["2026-Q1", 0, 0, 0, 0, 0, 0]
 */
export function profileMonthlyCells(assumptions: unknown, period: unknown): Grid {
  const kind = cellOption(period, "period", "month");
  if (kind !== "month" && kind !== "quarter") {
    throw new EngineError("unknown-option", "period", `must be "month" or "quarter", got "${kind}"`);
  }
  const { input, argumentOf } = profileInputFromCells(assumptions);
  const rows = renamed(argumentOf, () => periodProfile(input, kind));
  return [
    [
      "Period",
      "Gross saving",
      "Costs",
      "MTFS overlap",
      "Net benefit",
      "Avoided events",
      "Caseload reduction",
    ],
    ...rows.map((r): GridCell[] => [
      r.label,
      toPounds(r.gross),
      toPounds(r.costs),
      toPounds(r.overlap),
      toPounds(r.net),
      r.avoidedEvents.toNumber(),
      r.caseloadReduction.toNumber(),
    ]),
  ];
}

/**
 * Variance to date and the share of plan: one row [actual − plan, actual ÷ plan] ("" when the plan is 0).
 *
 * @example
 * varianceCells(80, 100) // [[-20, 0.8]]
 */
export function varianceCells(actual: unknown, plan: unknown): Grid {
  const v = variance(total(actual, "actual"), total(plan, "plan"));
  return [[v.variance.toNumber(), v.percentOfPlan === undefined ? "" : v.percentOfPlan.toNumber()]];
}

/**
 * RAG status of an actual against the plan to date, with optional thresholds (defaults 95% and 80%).
 *
 * @example
 * ragCells(85, 100, null, null) // "Amber"
 */
export function ragCells(actual: unknown, plan: unknown, green: unknown, amber: unknown): string {
  return ragStatus(total(actual, "actual"), total(plan, "plan"), {
    green: isBlank(green) ? DEFAULT_RAG_THRESHOLDS.green : cellRate(green, "green", RAG_THRESHOLD_RULES),
    amber: isBlank(amber) ? DEFAULT_RAG_THRESHOLDS.amber : cellRate(amber, "amber", RAG_THRESHOLD_RULES),
  });
}

/** A period cell: "2026-04" / "2026-Q1" text, or a date (serial) naming its calendar month. */
function periodLabel(value: unknown, field: string): string {
  if (typeof value === "number") return excelSerialToIso(value, field).slice(0, 7);
  if (typeof value === "string") return value.trim();
  throw new EngineError("invalid-type", field, 'must be a month "YYYY-MM", a quarter "YYYY-Qn" or a date');
}

/** Names the engine's `actuals[k].period` / `.value` / `actuals` fields as the actualsRange row they came from. */
function actualsArgument(argumentOf: (field: string) => string): (field: string) => string {
  return (field) => {
    if (field === "actuals") return "actualsRange";
    const m = /^actuals\[(\d+)\]\.(period|value)$/.exec(field);
    if (m === null) return argumentOf(field);
    return `actualsRange row ${Number(m[1]) + 1} ${m[2] === "period" ? "period" : "avoided events"}`;
  };
}

/**
 * The forecast per FY from two columns of actuals (period, avoided events): a header row of FY labels, then the
 * plan's and the forecast's cumulative benefit and MTFS row, then the slippage in months.
 *
 * @example
 * forecastCells(range, [["2027-07", 3], ["2027-08", 3]])[2][0] // "Forecast cumulative benefit"
 */
export function forecastCells(assumptions: unknown, actuals: unknown): Grid {
  const list: PeriodActual[] = usedRows(actuals).map((row, i) => {
    if (row.length < 2) {
      throw new EngineError(
        "invalid-type",
        "actualsRange",
        "must have two columns: period and avoided events",
      );
    }
    return {
      period: periodLabel(row[0], `actualsRange row ${i + 1} period`),
      value: cellNumber(row[1], `actualsRange row ${i + 1} avoided events`),
    };
  });
  const { input, argumentOf } = profileInputFromCells(assumptions);
  const f = renamed(actualsArgument(argumentOf), () => forecastProfile(input, list));
  const years = f.forecast.years;
  const blanks = years.slice(1).map(() => "");
  // Far above plan from few periods: the forecast extrapolates from very little (trackingWarnings.ts).
  const warning = extrapolationWarning({
    measure: "avoidedEvents",
    periods: list.map((a) => a.period),
    ...variance(f.actualEventsToDate, f.planEventsToDate),
  });
  return [
    ["£", ...years.map((y) => y.label)],
    ["Plan cumulative benefit", ...f.plan.years.map((y) => toPounds(y.cumulative))],
    ["Forecast cumulative benefit", ...years.map((y) => toPounds(y.cumulative))],
    ["Forecast MTFS row", ...years.map((y) => toPounds(y.mtfsImpact))],
    [
      "Slippage (months)",
      f.slippageMonths === undefined ? "" : f.slippageMonths.toDecimalPlaces(2).toNumber(),
      ...blanks,
    ],
    ...(warning === undefined ? [] : [["Note", warning.message, ...blanks]]),
  ];
}
