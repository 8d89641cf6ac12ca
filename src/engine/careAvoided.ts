import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { decimalValue, type NumberRules } from "./parse/read";
import { DAYS_PER_WEEK, dayNumber, fyLabel, fyOf, fyStartDay, inflate } from "./fiscalYear";
import { averageStock, cumulativeFromRates } from "./stockFlow";
import type { FyStartYear } from "./types";
import { WEEKLY_COST_RULES } from "./weeklyCostRules";

/**
 * Cost avoided by a number of avoided care episodes (MTFS.CARE.AVOIDED): `count` episodes, each avoiding
 * `weeksEach` weeks of care at `weeklyCost` (price-base prices, inflated each 1 April), starting evenly spread
 * from `fromDate` to `toDate` (or all on `fromDate`, or evenly over one FY). Cost per FY = care-weeks avoided
 * in the FY × the FY's weekly cost, so with no inflation the total is exactly count × weeksEach × weeklyCost.
 */

/**
 * Bounds on the episodes: a count from 0 to 1,000,000 (a whole authority's care starts for centuries; beyond
 * it a figure is a typo, not a forecast), each lasting 0 to 5,200 weeks (100 years), at a weekly cost that is
 * never negative (it is the cost of the care avoided).
 */
export const CARE_AVOIDED_RULES: Readonly<Record<"count" | "weeksEach" | "weeklyCost", NumberRules>> = {
  count: { min: 0, max: 1_000_000 },
  weeksEach: { min: 0, max: 5200 },
  weeklyCost: WEEKLY_COST_RULES,
};

export interface CareAvoidedInput {
  readonly count: Decimal;
  readonly weeklyCost: Decimal;
  readonly weeksEach: Decimal;
  readonly inflationPerYear: Decimal;
  readonly priceBaseFy: FyStartYear;
  /** When the episodes start: a date range (ISO, toDate optional) or one FY (spread evenly over it). */
  readonly when:
    | { readonly kind: "dates"; readonly fromDate: string; readonly toDate?: string }
    | { readonly kind: "fy"; readonly fy: FyStartYear };
}

export interface CareAvoidedYear {
  readonly fy: FyStartYear;
  readonly label: string;
  /** Care-weeks avoided in the FY. */
  readonly careWeeks: Decimal;
  /** £ avoided in the FY. */
  readonly costAvoided: Decimal;
}

export interface CareAvoidedResult {
  readonly years: readonly CareAvoidedYear[];
  readonly totalCostAvoided: Decimal;
  readonly totalCareWeeks: Decimal;
}

/**
 * Cost avoided per FY and in total by `count` avoided care episodes.
 *
 * @example
 * const r = careAvoided({ count: D(10), weeklyCost: D(1338), weeksEach: D(52), inflationPerYear: ZERO,
 *   priceBaseFy: 2026, when: { kind: "dates", fromDate: "2026-04-01" } });
 * r.totalCostAvoided.toNumber() // 10 × 52 × 1338 = 695760
 */
export function careAvoided(input: CareAvoidedInput): CareAvoidedResult {
  decimalValue(input.count, "count", CARE_AVOIDED_RULES.count);
  decimalValue(input.weeksEach, "weeksEach", CARE_AVOIDED_RULES.weeksEach);
  decimalValue(input.weeklyCost, "weeklyCost", CARE_AVOIDED_RULES.weeklyCost);
  const from =
    input.when.kind === "fy"
      ? new Decimal(fyStartDay(input.when.fy))
      : new Decimal(dayNumber(input.when.fromDate));
  const to =
    input.when.kind === "fy"
      ? new Decimal(fyStartDay(input.when.fy + 1))
      : input.when.toDate === undefined
        ? from
        : new Decimal(dayNumber(input.when.toDate) + 1);
  if (to.lt(from) && input.when.kind === "dates") {
    const { fromDate, toDate } = input.when;
    throw new EngineError(
      "invalid-date",
      "toDate",
      `must not be before the from date (${fromDate}), got ${String(toDate)}`,
    );
  }

  const flow = to.eq(from)
    ? cumulativeFromRates([], [{ day: from, count: input.count }])
    : cumulativeFromRates(
        [{ from, to, rateFrom: input.count.div(to.minus(from)), rateTo: input.count.div(to.minus(from)) }],
        [],
      );
  const durationDays = input.weeksEach.times(DAYS_PER_WEEK);
  const lastDay = to.plus(durationDays).ceil().toNumber();

  const years: CareAvoidedYear[] = [];
  for (
    let fy = fyOf(from.floor().toNumber());
    fyStartDay(fy) < lastDay || fy === fyOf(from.floor().toNumber());
    fy++
  ) {
    const a = new Decimal(fyStartDay(fy));
    const b = new Decimal(fyStartDay(fy + 1));
    const careWeeks = averageStock(flow, a, b, durationDays).times(b.minus(a)).div(DAYS_PER_WEEK);
    const costAvoided = careWeeks.times(
      inflate(input.weeklyCost, input.priceBaseFy, fy, input.inflationPerYear),
    );
    years.push({ fy, label: fyLabel(fy), careWeeks, costAvoided });
  }
  return {
    years,
    totalCostAvoided: years.reduce((s, y) => s.plus(y.costAvoided), ZERO),
    totalCareWeeks: years.reduce((s, y) => s.plus(y.careWeeks), ZERO),
  };
}
