import { isEngineError, pValues, quantile, shareAtLeast } from "../../src/engine";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (isEngineError(e)) return e.code;
    throw e;
  }
  return undefined;
}

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
