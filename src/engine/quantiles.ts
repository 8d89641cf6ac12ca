import { EngineError } from "./errors";

/**
 * Quantiles of simulation results (plain numbers). Convention: linear interpolation between order
 * statistics at h = (n − 1)p (Hyndman & Fan type 7), the one Excel's PERCENTILE.INC, LibreOffice's
 * PERCENTILE and R's default use, so a P-value here matches =PERCENTILE.INC(range, p) on the same samples.
 */

/**
 * The p-quantile (0 ≤ p ≤ 1) of `values`, which need not be sorted.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.1) // 1.3
 * quantile([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(sortedCopy(values), p);
}

function sortedCopy(values: ArrayLike<number>): Float64Array {
  if (values.length === 0) throw new EngineError("missing", "values", "must have at least one value");
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++) {
    if (!Number.isFinite(sorted[i]))
      throw new EngineError("invalid-type", `values[${i}]`, `must be a number, got ${sorted[i]}`);
  }
  // A typed array sorts numerically without a comparator (10,000 draws per FY, a dozen FYs and proposals).
  return sorted.sort();
}

function quantileSorted(sorted: Float64Array, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new EngineError("out-of-range", "p", `must be from 0 to 1, got ${p}`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** P10, P50 and P90 of a set of results. */
export interface PValues {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

/**
 * P10 / P50 / P90 (sorting once).
 *
 * @example
 * pValues([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) // { p10: 2, p50: 6, p90: 10 }
 */
export function pValues(values: ArrayLike<number>): PValues {
  const sorted = sortedCopy(values);
  return {
    p10: quantileSorted(sorted, 0.1),
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
  };
}

/**
 * Share of results at or above a target (e.g. the probability of reaching the MTFS figure).
 *
 * @example
 * shareAtLeast([1, 2, 3, 4], 3) // 0.5
 */
export function shareAtLeast(values: ArrayLike<number>, target: number): number {
  if (values.length === 0) throw new EngineError("missing", "values", "must have at least one value");
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] >= target) n++;
  return n / values.length;
}
