import { Decimal } from "./money";
import { EngineError } from "./errors";
import { compareToNumber, decimalCalculator, type Calculator } from "./calculator";
import { inflateOn } from "./costs";
import { checkHorizon, type OperationalMeasure, type StreamYear } from "./stream";
import type { FyStartYear, Horizon } from "./types";

/**
 * Helpers the stream-kind modules share: the horizon's FYs, price conventions, and one FY's record.
 * Every kind states money in the price-base FY's prices and inflates it in whole steps each 1 April
 * (unitCost.ts's convention), so grossAtPriceBase is the saving before that step.
 */

/** Prices of a stream: inflation per year (default 0) stepped each 1 April from `priceBaseFy`. */
export interface StreamPrices {
  /** Price inflation per year as a fraction (default 0: the kind's £ are flat). */
  readonly inflationPerYear?: Decimal;
  /** FY whose prices the £ inputs are stated in (default: the horizon's first FY). */
  readonly priceBaseFy?: FyStartYear;
}

/** Longest span a stream input may describe: 5,200 weeks (100 years); beyond it a figure is a typo, not a plan. */
export const MAX_STREAM_WEEKS = 5200;

/**
 * Checks a number of weeks: finite, 0 to 5,200 (100 years), naming the field. The bound also keeps every
 * loop over FYs, moves or reviews short.
 *
 * @example
 * weeksValue(new Decimal(52), "weeksBetweenReviews").toNumber() // 52
 * weeksValue(new Decimal(1e9), "durationWeeks") // throws "durationWeeks: must be 0 to 5200 weeks (100 years)…"
 */
export function weeksValue(value: Decimal, field: string): Decimal {
  if (!value.isFinite() || below0(value) || compareToNumber(value, MAX_STREAM_WEEKS) > 0) {
    throw new EngineError(
      "out-of-range",
      field,
      `must be 0 to ${MAX_STREAM_WEEKS} weeks (100 years), got ${value.toString()}`,
    );
  }
  return value;
}

/**
 * The FYs of a horizon, first to last, after stream.ts's horizon check (not empty, within 60 years).
 *
 * @example
 * horizonFys({ firstFy: 2026, lastFy: 2029, mtfsLastFy: 2029 }) // [2026, 2027, 2028, 2029]
 */
export function horizonFys(h: Horizon): FyStartYear[] {
  checkHorizon(h);
  if (!Number.isInteger(h.firstFy) || !Number.isInteger(h.lastFy)) {
    throw new EngineError("invalid-type", "horizon.firstFy", "must be a whole fiscal start year");
  }
  const fys: FyStartYear[] = [];
  for (let fy = h.firstFy; fy <= h.lastFy; fy++) fys.push(fy);
  return fys;
}

/**
 * One FY's record from the saving at price-base prices, inflated to the FY's prices.
 *
 * @example
 * streamYear(2028, new Decimal(100), { inflationPerYear: new Decimal(0.04), priceBaseFy: 2026 }, 2026, []).gross.toNumber() // 108.16
 */
export function streamYear(
  fy: FyStartYear,
  grossAtPriceBase: Decimal,
  prices: StreamPrices,
  defaultBaseFy: FyStartYear,
  measures: readonly OperationalMeasure[],
): StreamYear {
  return streamYearOn(decimalCalculator, fy, grossAtPriceBase, prices, defaultBaseFy, measures);
}

/**
 * streamYear on a number backend: amount × (1 + rate)^(FY − price base FY), as costs.ts's `inflateOn`.
 *
 * @example
 * streamYearOn(numberCalculator, 2028, 100, { inflationPerYear: new Decimal(0.04), priceBaseFy: 2026 }, 2026, []).gross // ≈ 108.16
 */
export function streamYearOn<T>(
  calc: Calculator<T>,
  fy: FyStartYear,
  grossAtPriceBase: T,
  prices: StreamPrices,
  defaultBaseFy: FyStartYear,
  measures: readonly OperationalMeasure<T>[],
): StreamYear<T> {
  const rate = checkedRate(prices);
  const factor = rate.isZero()
    ? undefined
    : priceFactorOn(calc, rate, prices.priceBaseFy ?? defaultBaseFy, fy);
  return streamYearAtOn(calc, fy, grossAtPriceBase, factor, measures);
}

/**
 * One FY's record from the saving at price-base prices and the FY's price factor (fyPriceFactorsOn; undefined:
 * the stream's £ are flat).
 *
 * @example
 * streamYearAtOn(numberCalculator, 2027, 100, 1.04, []).gross // 104
 */
export function streamYearAtOn<T>(
  calc: Calculator<T>,
  fy: FyStartYear,
  grossAtPriceBase: T,
  factor: T | undefined,
  measures: readonly OperationalMeasure<T>[],
): StreamYear<T> {
  const gross = factor === undefined ? grossAtPriceBase : calc.multiply(grossAtPriceBase, factor);
  return { fy, gross, grossAtPriceBase, oneOffCosts: undefined, measures };
}

/**
 * A stream's price factor in each of the FYs, (1 + rate)^(FY − price base FY) as costs.ts's `inflateOn` raises
 * it (the rate checked as streamYearOn checks it), or undefined when the stream's £ are flat: worked out once
 * per profile, and kept for the last few streams' prices (a simulated draw inflates the same FYs each time).
 *
 * @example
 * fyPriceFactorsOn(numberCalculator, { inflationPerYear: new Decimal(0.04), priceBaseFy: 2026 }, 2026, [2026, 2027])?.[1] // 1.04
 */
export function fyPriceFactorsOn<T>(
  calc: Calculator<T>,
  prices: StreamPrices,
  defaultBaseFy: FyStartYear,
  fys: readonly FyStartYear[],
): ArrayLike<T> | undefined {
  const rate = checkedRate(prices);
  if (rate.isZero()) return undefined;
  const base = prices.priceBaseFy ?? defaultBaseFy;
  for (let k = 0; k < keptFactors.length; k++) {
    const e = keptFactors[k];
    if (e.calc === calc && e.rate === rate && e.base === base && e.fys === fys)
      return e.factors as ArrayLike<T>;
  }
  const factors: T[] = [];
  for (let i = 0; i < fys.length; i++) factors.push(priceFactorOn(calc, rate, base, fys[i]));
  const kept = calc.array(factors);
  keptFactors[nextKept] = { calc, rate, base, fys, factors: kept };
  nextKept = (nextKept + 1) % KEPT_FACTORS;
  return kept;
}

/** (1 + rate)^(FY − base) on the backend: inflateOn of one (× 1 is exact on either backend). */
function priceFactorOn<T>(calc: Calculator<T>, rate: Decimal, base: FyStartYear, fy: FyStartYear): T {
  return inflateOn(calc, calc.one, base, fy, rate);
}

/** The stream's inflation rate (0 when absent), refused unless finite and > −1; each rate is checked once. */
function checkedRate(prices: StreamPrices): Decimal {
  const rate = prices.inflationPerYear ?? ZERO_RATE;
  if (!validRates.has(rate)) {
    if (!rate.isFinite() || rate.lte(-1)) {
      throw new EngineError(
        "out-of-range",
        "inflationPerYear",
        `must be a fraction > -1, got ${rate.toString()}`,
      );
    }
    // Checked once: a stream's rate is the same on every FY and every draw.
    validRates.add(rate);
  }
  return rate;
}

/** Price factors kept (a ring: the few inflated streams a simulation profiles on every draw). */
const KEPT_FACTORS = 8;
const keptFactors: {
  readonly calc: object;
  readonly rate: Decimal;
  readonly base: FyStartYear;
  readonly fys: readonly FyStartYear[];
  readonly factors: ArrayLike<unknown>;
}[] = [];
let nextKept = 0;

const ZERO_RATE = new Decimal(0);

/**
 * value < 0 for a finite Decimal, from its sign (decimal.js's lt makes a Decimal of the 0 on every call; the
 * upper bounds above use compareToNumber for the same reason).
 */
const below0 = (value: Decimal): boolean => value.isNegative() && !value.isZero();
const validRates = new WeakSet<Decimal>();

/**
 * A FY record with the one-off costs of its events (events × cost per event, £ as stated, not inflated) when
 * the stream states a cost per event; unchanged otherwise.
 *
 * @example
 * withEventCosts(year, new Decimal(10), new Decimal(250)).oneOffCosts?.toNumber() // 2500
 */
export function withEventCosts(year: StreamYear, events: Decimal, costPerEvent?: Decimal): StreamYear {
  return withEventCostsOn(decimalCalculator, year, events, costPerEvent);
}

/**
 * withEventCosts on a number backend.
 *
 * @example
 * withEventCostsOn(numberCalculator, year, 10, new Decimal(250)).oneOffCosts // 2500
 */
export function withEventCostsOn<T>(
  calc: Calculator<T>,
  year: StreamYear<T>,
  events: T,
  costPerEvent?: Decimal,
): StreamYear<T> {
  if (costPerEvent === undefined) return year;
  // Every kind's FY record has one object shape (keys in this order), so the proposal profile reads them fast.
  const { fy, gross, grossAtPriceBase, measures } = year;
  const oneOffCosts = calc.multiply(events, calc.fromDecimal(costPerEvent));
  return { fy, gross, grossAtPriceBase, oneOffCosts, measures };
}

/**
 * Checks that a value is a finite Decimal ≥ 0 (money, volumes, rates), naming the field.
 *
 * @example
 * nonNegative(new Decimal(-1), "feePerUnit") // throws EngineError out-of-range "feePerUnit: must be ≥ 0"
 * nonNegative(new Decimal(-1), "items[0]", "feePerUnit") // throws … "items[0].feePerUnit: must be ≥ 0"
 */
export function nonNegative(value: Decimal, field: string, key?: string): Decimal {
  if (!value.isFinite() || below0(value)) {
    throw new EngineError(
      "out-of-range",
      fieldName(field, key),
      `must be a number ≥ 0, got ${value.toString()}`,
    );
  }
  return value;
}

/**
 * `field.key` (just `field` without a key), built when a check fails: a simulated draw checks every list
 * item's inputs, and building each name up front was a string per check.
 */
function fieldName(field: string, key: string | undefined): string {
  return key === undefined ? field : `${field}.${key}`;
}

const listFields = new Map<string, string[]>();

/**
 * The name of a list item's field, `list[k]`, made once per list and index (a draw names every item).
 *
 * @example
 * itemField("items", 2) // "items[2]"
 */
export function itemField(list: string, k: number): string {
  let names = listFields.get(list);
  if (names === undefined) {
    names = [];
    listFields.set(list, names);
  }
  // Names are kept for the first 1,024 items (far more than any proposal lists).
  if (k >= 1024) return `${list}[${k}]`;
  for (let j = names.length; j <= k; j++) names.push(`${list}[${j}]`);
  return names[k];
}

/**
 * Checks that a rate is a fraction between 0 and 1, naming the field.
 *
 * @example
 * fraction(new Decimal(8), "reductionRate") // throws: "reductionRate: must be a fraction between 0 and 1 (8% is 0.08)"
 * fraction(new Decimal(8), "categories[0]", "reductionRate") // throws: "categories[0].reductionRate: must be …"
 */
export function fraction(value: Decimal, field: string, key?: string): Decimal {
  if (!value.isFinite() || below0(value) || compareToNumber(value, 1) > 0) {
    throw new EngineError(
      "out-of-range",
      fieldName(field, key),
      `must be a fraction between 0 and 1 (8% is 0.08), got ${value.toString()}`,
    );
  }
  return value;
}
