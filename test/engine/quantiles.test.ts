import fc from "fast-check";
import { pValues, quantile, shareAtLeast } from "../../src/engine";
import { codeOf } from "./robustness";

describe("quantiles (type 7, as PERCENTILE.INC)", () => {
  it("interpolate between order statistics at (n − 1)p", () => {
    // PERCENTILE.INC({1,2,3,4}, 0.1) = 1.3; ({15,20,35,40,50}, 0.4) = 29; R's quantile(type = 7) agrees.
    expect(quantile([4, 1, 3, 2], 0.1)).toBeCloseTo(1.3, 12);
    expect(quantile([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 12);
    expect(quantile([15, 20, 35, 40, 50], 1)).toBe(50);
    expect(quantile([15, 20, 35, 40, 50], 0)).toBe(15);
    expect(quantile([42], 0.9)).toBe(42);
  });

  it("give P10 / P50 / P90 in one call", () => {
    expect(pValues([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toEqual({ p10: 2, p50: 6, p90: 10 });
    expect(pValues([5, 5, 5])).toEqual({ p10: 5, p50: 5, p90: 5 });
  });

  it("count the share of results reaching a target", () => {
    expect(shareAtLeast([1, 2, 3, 4], 3)).toBe(0.5);
  });

  it("refuse no values, a value that is not a number, and p outside 0..1", () => {
    expect(codeOf(() => quantile([], 0.5))).toBe("missing");
    expect(codeOf(() => quantile([1, NaN], 0.5))).toBe("invalid-type");
    expect(codeOf(() => quantile([1], 1.5))).toBe("out-of-range");
  });
});

describe("quantiles by selection", () => {
  // The order statistics are selected, not sorted: they must be the very doubles a sort puts there.
  const sortedQuantile = (xs: readonly number[], p: number): number => {
    const s = Float64Array.from(xs).sort();
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  };
  // Few distinct values as well as many: ties are what a partition gets wrong.
  const values = fc.oneof(
    fc.array(
      // −0 and 0 are equal, and either may come first (the P-values' JSON is the same).
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((x) => x + 0),
      { minLength: 1, maxLength: 300 },
    ),
    fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 300 }),
  );

  it("equal a full sort's P10 / P50 / P90 and quantiles, leaving the input as it was", () => {
    fc.assert(
      fc.property(values, fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const before = [...xs];
        expect(pValues(xs)).toEqual({
          p10: sortedQuantile(xs, 0.1),
          p50: sortedQuantile(xs, 0.5),
          p90: sortedQuantile(xs, 0.9),
        });
        expect(quantile(xs, p)).toBe(sortedQuantile(xs, p));
        expect(xs).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it("select from 10,000 sorted, reversed and constant draws", () => {
    const n = 10_000;
    for (const xs of [
      Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, (_, i) => n - i),
      Array.from({ length: n }, () => 7),
    ]) {
      expect(pValues(xs)).toEqual({
        p10: sortedQuantile(xs, 0.1),
        p50: sortedQuantile(xs, 0.5),
        p90: sortedQuantile(xs, 0.9),
      });
    }
  });
});
