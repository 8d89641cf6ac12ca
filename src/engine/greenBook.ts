import { Decimal, ZERO, type DecimalLike, toDecimal } from "./money";
import { EngineError } from "./errors";
import { payback, type PaybackConvention, type PaybackResult } from "./programme";

/**
 * The Green Book view of a profile: real prices, discounting at the social time preference rate, NPV,
 * benefit–cost ratio and discounted payback. Pure functions over per-FY flows (one Decimal per year,
 * first FY first), so they apply to any profile or programme row.
 *
 * Conventions (docs/engine.md, "Green Book view"):
 * - year 0 is the first FY of the flows; its discount factor is 1, year t's is Π_{s=1..t} 1/(1 + r_s)
 *   where r_s is the schedule's rate for year s (for a flat rate, 1/(1 + r)^t);
 * - the schedule is HM Treasury Green Book (2022/2026) Annex A6 / the Green Book discount-rate table:
 *   standard 3.5% for years 0–30, 3.0% 31–75, 2.5% 76–125, 2.0% 126–200, 1.5% 201–300, 1.0% from 301;
 *   health 1.5%, 1.29%, 1.07%, 0.86%, 0.64%, 0.43% over the same bands;
 * - real prices: amount × index(year 0) ÷ index(year t), so the flows are in the first FY's prices.
 */

/** One band of a discount-rate schedule: the rate applies from `fromYear` until the next band. */
export interface DiscountBand {
  readonly fromYear: number;
  readonly rate: Decimal;
}

/** Discount rates by year, bands in ascending `fromYear`, the first from year 0. */
export type DiscountSchedule = readonly DiscountBand[];

function bands(fromYears: readonly number[], rates: readonly string[]): DiscountSchedule {
  return fromYears.map((fromYear, i) => ({ fromYear, rate: new Decimal(rates[i]) }));
}

const BAND_STARTS = [0, 31, 76, 126, 201, 301];

/** Green Book standard social time preference rate (3.5% for years 0–30, declining to 1.0% from 301). */
export const GREEN_BOOK_STANDARD: DiscountSchedule = bands(BAND_STARTS, [
  "0.035",
  "0.03",
  "0.025",
  "0.02",
  "0.015",
  "0.01",
]);

/** Green Book health rate: the STPR without the wealth effect (1.5% for years 0–30, declining). */
export const GREEN_BOOK_HEALTH: DiscountSchedule = bands(BAND_STARTS, [
  "0.015",
  "0.0129",
  "0.0107",
  "0.0086",
  "0.0064",
  "0.0043",
]);

/**
 * A schedule of one rate for every year.
 *
 * @example
 * flatSchedule(0.035) // [{ fromYear: 0, rate: 0.035 }]
 */
export function flatSchedule(rate: DecimalLike): DiscountSchedule {
  const r = toDecimal(rate);
  if (r.lte(-1)) throw new EngineError("out-of-range", "rate", `must be above -100%, got ${r.toString()}`);
  return [{ fromYear: 0, rate: r }];
}

/**
 * The index of the schedule's band for year `t` (the last band starting at or before t): the position of its
 * rate in the schedule, as the Parameters sheet lists the bands.
 *
 * @example
 * discountBandIndex(GREEN_BOOK_STANDARD, 31) // 1 (3.0% from year 31)
 */
export function discountBandIndex(schedule: DiscountSchedule, t: number): number {
  let band = 0;
  schedule.forEach((b, i) => {
    if (b.fromYear <= t) band = i;
  });
  return band;
}

/** The schedule's rate for year `t`. */
function rateFor(schedule: DiscountSchedule, t: number): Decimal {
  return schedule[discountBandIndex(schedule, t)].rate;
}

/**
 * Discount factors for years 0..n−1: year 0 is 1, year t is year t−1's ÷ (1 + rate for year t).
 *
 * @example
 * discountFactors(3, flatSchedule(0.1)).map(String) // ["1", "0.909...", "0.826..."]
 */
export function discountFactors(n: number, schedule: DiscountSchedule = GREEN_BOOK_STANDARD): Decimal[] {
  const factors: Decimal[] = [];
  let factor = new Decimal(1);
  for (let t = 0; t < n; t++) {
    if (t > 0) factor = factor.div(rateFor(schedule, t).plus(1));
    factors.push(factor);
  }
  return factors;
}

/**
 * Each year's amount times its discount factor.
 *
 * @example
 * discounted([new Decimal(110), new Decimal(110)], flatSchedule(0.1)).map(String) // ["110", "100"]
 */
export function discounted(
  flows: readonly Decimal[],
  schedule: DiscountSchedule = GREEN_BOOK_STANDARD,
): Decimal[] {
  const factors = discountFactors(flows.length, schedule);
  return flows.map((x, t) => x.times(factors[t]));
}

/**
 * Present value: Σ amount(t) × discount factor(t). For a flat rate r this is
 * flows[0] + Excel's NPV(r, flows[1..]) (Excel discounts its first value by one period).
 *
 * @example
 * presentValue([new Decimal(100), new Decimal(110)], flatSchedule(0.1)).toString() // "200"
 */
export function presentValue(
  flows: readonly Decimal[],
  schedule: DiscountSchedule = GREEN_BOOK_STANDARD,
): Decimal {
  return discounted(flows, schedule).reduce((sum, x) => sum.plus(x), ZERO);
}

function sameLength(benefits: readonly Decimal[], costs: readonly Decimal[]): void {
  if (benefits.length !== costs.length) {
    throw new EngineError(
      "out-of-range",
      "costs",
      `must have one value per year of benefits (${benefits.length}), got ${costs.length}`,
    );
  }
}

/**
 * Net present value: PV(benefits) − PV(costs), both positive amounts per year.
 *
 * @example
 * npv([new Decimal(0), new Decimal(110)], [new Decimal(50), new Decimal(0)], flatSchedule(0.1)).toString() // "50"
 */
export function npv(
  benefits: readonly Decimal[],
  costs: readonly Decimal[],
  schedule: DiscountSchedule = GREEN_BOOK_STANDARD,
): Decimal {
  sameLength(benefits, costs);
  return presentValue(benefits, schedule).minus(presentValue(costs, schedule));
}

/**
 * Benefit–cost ratio: PV(benefits) ÷ PV(costs). Refused when the costs' present value is not above 0.
 *
 * @example
 * benefitCostRatio([new Decimal(0), new Decimal(110)], [new Decimal(50), new Decimal(0)], flatSchedule(0.1)).toString() // "2"
 */
export function benefitCostRatio(
  benefits: readonly Decimal[],
  costs: readonly Decimal[],
  schedule: DiscountSchedule = GREEN_BOOK_STANDARD,
): Decimal {
  sameLength(benefits, costs);
  const pvCosts = presentValue(costs, schedule);
  if (pvCosts.lte(0)) {
    throw new EngineError(
      "out-of-range",
      "costs",
      "must have a present value above 0 for a benefit–cost ratio",
    );
  }
  return presentValue(benefits, schedule).div(pvCosts);
}

/**
 * Discounted payback: MTFS payback (programme.ts) on the discounted costs and benefits, so the
 * `interpolated` convention assumes each year's discounted flows accrue evenly within the year.
 *
 * @example
 * discountedPayback([new Decimal(0), new Decimal(110)], [new Decimal(50), new Decimal(0)], flatSchedule(0.1))
 * // { kind: "paysBack", years: 1.5, convention: "interpolated" }
 */
export function discountedPayback(
  benefits: readonly Decimal[],
  costs: readonly Decimal[],
  schedule: DiscountSchedule = GREEN_BOOK_STANDARD,
  convention: PaybackConvention = "interpolated",
): PaybackResult {
  sameLength(benefits, costs);
  return payback(discounted(costs, schedule), discounted(benefits, schedule), convention);
}

/**
 * Per year, where the running total of net present values turns non-negative within that year: t + the share
 * of year t's net present value that closes the gap (0 in year 0 when it starts non-negative), undefined in
 * years where it does not cross. When the total ends non-negative, the last of these is `discountedPayback`'s
 * years (a sheet holds them in a column and takes MAX, so its payback recalculates with standard formulas).
 *
 * @example
 * paybackCrossings([new Decimal(-50), new Decimal(100)]).map(String) // ["undefined", "1.5"]
 */
export function paybackCrossings(netPresentValues: readonly Decimal[]): (Decimal | undefined)[] {
  let running = ZERO;
  return netPresentValues.map((x, t) => {
    const before = running;
    running = running.plus(x);
    if (t === 0) return running.gte(0) ? ZERO : undefined;
    return running.gte(0) && before.lt(0) ? before.neg().div(running.minus(before)).plus(t) : undefined;
  });
}

/**
 * A deflator index per year growing at a flat rate from 100 in year 0: the default when the user has not
 * typed HM Treasury's GDP deflator series (which this product does not ship: edit the index instead).
 *
 * @example
 * flatDeflatorIndex(3, 0.02).map(String) // ["100", "102", "104.04"]
 */
export function flatDeflatorIndex(n: number, ratePerYear: DecimalLike): Decimal[] {
  const r = toDecimal(ratePerYear);
  if (r.lte(-1)) {
    throw new EngineError("out-of-range", "deflators", `must be above -100% a year, got ${r.toString()}`);
  }
  return Array.from({ length: n }, (_, t) => r.plus(1).pow(t).times(100));
}

/**
 * Cash (nominal) amounts in year 0's prices: amount(t) × index(0) ÷ index(t).
 *
 * @example
 * realPrices([new Decimal(100), new Decimal(102)], [new Decimal(100), new Decimal(102)]).map(String) // ["100", "100"]
 */
export function realPrices(flows: readonly Decimal[], index: readonly Decimal[]): Decimal[] {
  if (index.length !== flows.length) {
    throw new EngineError(
      "out-of-range",
      "deflators",
      `must have one index value per year (${flows.length}), got ${index.length}`,
    );
  }
  index.forEach((x, t) => {
    if (x.lte(0)) {
      throw new EngineError("out-of-range", `deflators (year ${t})`, `must be above 0, got ${x.toString()}`);
    }
  });
  return flows.map((x, t) => x.times(index[0]).div(index[t]));
}

/**
 * The deflator a year assumed when none is typed (no GDP deflator series is shipped): a flat 2%, the Bank of
 * England's inflation target, for the user to edit.
 */
export const DEFAULT_DEFLATOR_PER_YEAR = new Decimal("0.02");
