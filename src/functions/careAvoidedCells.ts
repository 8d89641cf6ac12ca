import {
  CARE_AVOIDED_RULES,
  EngineError,
  careAvoided,
  enumValue,
  fyOf,
  toPounds,
  type CareAvoidedInput,
} from "../engine";
import {
  cellFy,
  cellNumber,
  cellOption,
  cellRate,
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
  const fromDate = whenDays(first).first;
  const toDate = whenDays(cellWhen(to, "to")).last;
  if (toDate < fromDate) {
    throw new EngineError("invalid-date", "to", `must not be before from (${fromDate}), got ${toDate}`);
  }
  return { kind: "dates", fromDate, toDate };
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
  const r = careAvoided({
    count: cellNumber(count, "count", CARE_AVOIDED_RULES.count),
    weeklyCost: cellNumber(weeklyCost, "weeklyCost", CARE_AVOIDED_RULES.weeklyCost),
    weeksEach: cellNumber(weeksEach, "weeksEach", CARE_AVOIDED_RULES.weeksEach),
    inflationPerYear: cellRate(isBlank(inflationPerYear) ? 0 : inflationPerYear, "inflationPerYear", {
      gt: -1,
      max: 1,
      perYear: true,
    }),
    priceBaseFy: isBlankOrZero(priceBaseFy) ? firstFy : cellFy(priceBaseFy, "priceBaseFy"),
    when,
  });
  const how = enumValue(cellOption(result, "result", "byFy"), "result", ["byFy", "total"] as const);
  if (how === "total") return [[toPounds(r.totalCostAvoided)]];
  return [
    ["£", ...r.years.map((y) => y.label)],
    ["Cost avoided", ...r.years.map((y) => toPounds(y.costAvoided))],
  ];
}
