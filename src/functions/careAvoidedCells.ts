import {
  CARE_AVOIDED_RULES,
  EngineError,
  careAvoided,
  enumValue,
  isEngineError,
  fyOf,
  toPounds,
  type CareAvoidedInput,
} from "../engine";
import {
  cellFy,
  cellNumber,
  cellOption,
  cellYearRate,
  cellWhen,
  isBlank,
  isBlankOrZero,
  whenDays,
} from "./cells";
import type { Grid } from "./invoke";

/**
 * MTFS.CARE.AVOIDED's body: placement cost avoided by a number of avoided care episodes, through the
 * engine's careAvoided (each episode avoids `weeksEach` weeks of care at the weekly cost, inflated each
 * 1 April). `from` and `to` are each a date or a fiscal year: the episodes start on the from date, or
 * spread evenly to the end of `to`, or over the from fiscal year.
 */

/**
 * When the episodes start, from the from and to arguments, each a date or a fiscal year read alike (cellWhen):
 * a fiscal year as `from` starts on its 1 April, as `to` ends on its 31 March; a fiscal year alone is spread
 * over, a date alone is the one start day.
 */
function startsOf(from: unknown, to: unknown): CareAvoidedInput["when"] {
  const first = cellWhen(from, "from");
  if (isBlankOrZero(to)) {
    return first.kind === "fy" ? { kind: "fy", fy: first.fy } : { kind: "dates", fromDate: first.date };
  }
  // "to before from" is careAvoided's rule (renamed to the help's argument names below).
  return { kind: "dates", fromDate: whenDays(first).first, toDate: whenDays(cellWhen(to, "to")).last };
}

/** Runs `f`, naming the engine's when.fromDate/toDate in an error as the help's from/to arguments. */
function withArgumentNames<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    const field = isEngineError(e) ? { fromDate: "from", toDate: "to" }[e.field] : undefined;
    if (!isEngineError(e) || field === undefined) throw e;
    throw new EngineError(e.code, field, e.rule);
  }
}

/**
 * A header row of FY labels over the £ avoided per FY, or the 1×1 total.
 *
 * @example
 * careAvoidedCells(10, 1338, 52, "2026-04-01", null, null, null, "total") // [[695760]]
 */
export function careAvoidedCells(
  count: unknown,
  weeklyCost: unknown,
  weeksEach: unknown,
  from: unknown,
  to: unknown,
  inflationPerYear: unknown,
  priceBaseFy: unknown,
  result: unknown,
): Grid {
  const when = startsOf(from, to);
  const firstFy = when.kind === "fy" ? when.fy : fyOf(when.fromDate);
  const r = withArgumentNames(() =>
    careAvoided({
      count: cellNumber(count, "count", CARE_AVOIDED_RULES.count),
      weeklyCost: cellNumber(weeklyCost, "weeklyCost", CARE_AVOIDED_RULES.weeklyCost),
      weeksEach: cellNumber(weeksEach, "weeksEach", CARE_AVOIDED_RULES.weeksEach),
      inflationPerYear: cellYearRate(isBlank(inflationPerYear) ? 0 : inflationPerYear, "inflationPerYear"),
      priceBaseFy: isBlankOrZero(priceBaseFy) ? firstFy : cellFy(priceBaseFy, "priceBaseFy"),
      when,
    }),
  );
  const how = enumValue(cellOption(result, "result", "byFy"), "result", ["byFy", "total"] as const);
  if (how === "total") return [[toPounds(r.totalCostAvoided)]];
  return [
    ["£", ...r.years.map((y) => y.label)],
    ["Cost avoided", ...r.years.map((y) => toPounds(y.costAvoided))],
  ];
}
