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
  const a = checkedCopy(values);
  checkP(p);
  const { lo, hi, frac } = place(a.length, p);
  orderStatistics(a, [lo, hi]);
  return interpolate(a, lo, hi, frac);
}

/** A copy of the values as doubles, each checked to be a finite number. */
function checkedCopy(values: ArrayLike<number>): Float64Array {
  if (values.length === 0) throw new EngineError("missing", "values", "must have at least one value");
  const copy = Float64Array.from(values);
  for (let i = 0; i < copy.length; i++) {
    if (!Number.isFinite(copy[i]))
      throw new EngineError("invalid-type", `values[${i}]`, `must be a number, got ${copy[i]}`);
  }
  return copy;
}

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new EngineError("out-of-range", "p", `must be from 0 to 1, got ${p}`);
}

/** The order statistics (0-based) the p-quantile of n values interpolates between, and how far. */
function place(n: number, p: number): { lo: number; hi: number; frac: number } {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return { lo, hi: Math.min(lo + 1, n - 1), frac: h - lo };
}

function interpolate(a: Float64Array, lo: number, hi: number, frac: number): number {
  return a[lo] + frac * (a[hi] - a[lo]);
}

/**
 * Rearranges `a` so each index in `ks` (ascending) holds the value a full sort would put there: a multiple
 * quickselect (Hoare partition, median-of-three pivot), O(n) for a few indices where a sort of 10,000 draws
 * per FY is O(n log n) — a simulation takes three P-values of every FY of every proposal.
 */
function orderStatistics(a: Float64Array, ks: readonly number[]): void {
  selectRange(a, 0, a.length - 1, ks, 0, ks.length);
}

/** orderStatistics for the indices ks[kFrom..kTo), all within a[lo..hi]. */
function selectRange(
  a: Float64Array,
  lo: number,
  hi: number,
  ks: readonly number[],
  kFrom: number,
  kTo: number,
): void {
  while (kFrom < kTo && hi > lo) {
    if (hi - lo < 16) {
      insertionSort(a, lo, hi);
      return;
    }
    const mid = lo + ((hi - lo) >> 1);
    const pivot = medianOfThree(a[lo], a[mid], a[hi]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and any index between holds the pivot: its place in the sort.
    let split = kFrom;
    while (split < kTo && ks[split] <= j) split++;
    let right = split;
    while (right < kTo && ks[right] < i) right++;
    selectRange(a, lo, j, ks, kFrom, split);
    lo = i;
    kFrom = right;
  }
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}

/** P10, P50 and P90 of a set of results. */
export interface PValues {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

/**
 * P10 / P50 / P90 (one selection of their order statistics, not a sort).
 *
 * @example
 * pValues([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) // { p10: 2, p50: 6, p90: 10 }
 */
export function pValues(values: ArrayLike<number>): PValues {
  const a = checkedCopy(values);
  const at = [0.1, 0.5, 0.9].map((p) => place(a.length, p));
  // Ascending and distinct, as orderStatistics takes them.
  orderStatistics(a, [...new Set(at.flatMap((x) => [x.lo, x.hi]))]);
  const [p10, p50, p90] = at.map((x) => interpolate(a, x.lo, x.hi, x.frac));
  return { p10, p50, p90 };
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
