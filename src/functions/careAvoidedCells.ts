import {
  CARE_AVOIDED_RULES,
  careAvoided,
  dateValue,
  enumValue,
  fyOf,
  toPounds,
  type CareAvoidedInput,
} from "../engine";
import { cellDate, cellFy, cellNumber, cellOption, cellRate, isBlank, isBlankOrZero } from "./cells";
import type { Grid } from "./invoke";

/**
 * MTFS.CARE.AVOIDED's body: placement cost avoided by a number of avoided care episodes, through the
 * engine's careAvoided (each episode avoids `weeksEach` weeks of care at the weekly cost, inflated each
 * 1 April). `from` is a date (episodes start then, or spread evenly to `to`) or a fiscal year (spread
 * evenly over it).
 */

/** True when a `from` argument names a fiscal year rather than a date. */
function isFyArgument(value: unknown): boolean {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1900 && value <= 2200;
  return typeof value === "string" && !/^\s*\d{4}-\d{2}-\d{2}/.test(value);
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
  const when: CareAvoidedInput["when"] = isFyArgument(from)
    ? { kind: "fy", fy: cellFy(from, "from") }
    : {
        kind: "dates",
        fromDate: cellDate(from, "from"),
        ...(isBlankOrZero(to) ? {} : { toDate: cellDate(to, "to") }),
      };
  const firstFy = when.kind === "fy" ? when.fy : fyOf(dateValue(when.fromDate, "from"));
  const r = careAvoided({
    count: cellNumber(count, "count", CARE_AVOIDED_RULES.count),
    weeklyCost: cellNumber(weeklyCost, "weeklyCost", CARE_AVOIDED_RULES.weeklyCost),
    weeksEach: cellNumber(weeksEach, "weeksEach", CARE_AVOIDED_RULES.weeksEach),
    inflationPerYear: cellRate(isBlank(inflationPerYear) ? 0 : inflationPerYear, "inflationPerYear", {
      gt: -1,
      max: 10,
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
