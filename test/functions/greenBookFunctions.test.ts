import { callMtfs, errorOf } from "./register";

// seeds/004 Table 3 (£m): benefits 0.4, 4.2, 16.8, 27.2; implementation costs 10.4, 13.6, 3.6, 0.5.
const benefits = [[0.4, 4.2, 16.8, 27.2]];
const costs = [[10.4, 13.6, 3.6, 0.5]];
const pv = (xs: number[], r: number): number => xs.reduce((s, x, t) => s + x / (1 + r) ** t, 0);

describe("MTFS.NPV", () => {
  it("discounts at the Green Book 3.5% by default, the first year undiscounted", () => {
    const expected = pv(benefits[0], 0.035) - pv(costs[0], 0.035);
    expect(callMtfs("NPV", benefits, costs, null, null)).toBeCloseTo(expected, 10);
    expect(callMtfs("NPV", benefits, costs, "Standard", null)).toBeCloseTo(expected, 10);
  });

  it("takes the health rate, a flat rate typed as a percentage, and columns", () => {
    const column = (row: number[][]): number[][] => row[0].map((x) => [x]);
    expect(callMtfs("NPV", benefits, costs, "health", null)).toBeCloseTo(
      pv(benefits[0], 0.015) - pv(costs[0], 0.015),
      10,
    );
    expect(callMtfs("NPV", column(benefits), column(costs), "10%", null)).toBeCloseTo(
      pv(benefits[0], 0.1) - pv(costs[0], 0.1),
      10,
    );
    expect(callMtfs("NPV", benefits, costs, 0, null)).toBeCloseTo(48.6 - 28.1, 10);
  });

  it("puts cash figures in the first year's prices through a deflator rate or index", () => {
    const index = [[100, 102, 104.04, 106.1208]];
    const real = (row: number[]): number[] => row.map((x, t) => (x * 100) / index[0][t]);
    const expected = pv(real(benefits[0]), 0.035) - pv(real(costs[0]), 0.035);
    expect(callMtfs("NPV", benefits, costs, null, [[0.02]])).toBeCloseTo(expected, 10);
    expect(callMtfs("NPV", benefits, costs, null, index)).toBeCloseTo(expected, 10);
  });

  it("ignores the empty years of whole rows, in the flows and in the deflators", () => {
    const whole = (row: number[]): (number | null)[][] => [
      Array.from({ length: 16_384 }, (_, i) => (i < row.length ? row[i] : null)),
    ];
    const deflators = [Array.from({ length: 16_384 }, (_, i) => (i < 4 ? 100 * 1.02 ** i : 0))];
    expect(callMtfs("NPV", whole(benefits[0]), whole(costs[0]), null, deflators)).toBeCloseTo(
      callMtfs("NPV", benefits, costs, null, [[0.02]]) as number,
      10,
    );
  });

  it("returns #VALUE! naming the argument for rows of different lengths, a bad rate or deflators", () => {
    const e = errorOf(callMtfs("NPV", benefits, [[1, 2]], null, null));
    expect([e?.code, e?.message?.split(":")[0]]).toEqual(["#VALUE!", "costs"]);
    expect(errorOf(callMtfs("NPV", benefits, costs, "treasury", null))?.message).toMatch(/^rate: /);
    expect(errorOf(callMtfs("NPV", benefits, costs, -1, null))?.message).toMatch(/^rate: /);
    expect(errorOf(callMtfs("NPV", benefits, costs, null, [[100, 101]]))?.message).toMatch(/^deflators: /);
    expect(errorOf(callMtfs("NPV", benefits, costs, null, [[100, 101, -1, 103]]))?.code).toBe("#VALUE!");
    expect(errorOf(callMtfs("NPV", [["a lot", 1, 2, 3]], costs, null, null))?.message).toMatch(
      /^benefits \(cell 1\): /,
    );
  });
});

describe("MTFS.BCR", () => {
  it("is PV(benefits) / PV(costs)", () => {
    expect(callMtfs("BCR", benefits, costs, 0.035, null)).toBeCloseTo(
      pv(benefits[0], 0.035) / pv(costs[0], 0.035),
      10,
    );
  });

  it("returns #VALUE! when there are no costs", () => {
    const e = errorOf(callMtfs("BCR", benefits, [[0, 0, 0, 0]], null, null));
    expect([e?.code, e?.message?.split(":")[0]]).toEqual(["#VALUE!", "costs"]);
  });
});

describe("MTFS.DISCOUNTED.PAYBACK", () => {
  it("is later than MTFS.PAYBACK on the same flows", () => {
    const plain = callMtfs("PAYBACK", costs, benefits, null) as number;
    const discounted = callMtfs("DISCOUNTED.PAYBACK", benefits, costs, null, null, null) as number;
    expect(discounted).toBeGreaterThan(plain);
    expect(callMtfs("DISCOUNTED.PAYBACK", benefits, costs, 0, null, null)).toBeCloseTo(plain, 10);
    expect(callMtfs("DISCOUNTED.PAYBACK", benefits, costs, null, null, "wholeYears")).toBe(4);
  });

  it("returns #N/A when the discounted cashflow never reaches zero", () => {
    expect(errorOf(callMtfs("DISCOUNTED.PAYBACK", [[1, 1]], [[5, 5]], null, null, null))?.code).toBe("#N/A");
  });
});

describe("MTFS.RISK.ADJUST", () => {
  it("takes the default optimism bias off savings, keeps net costs and blanks, in the shape given", () => {
    expect(callMtfs("RISK.ADJUST", [[-0.5, 1.2, null]], "Low", null)).toEqual([[-0.5, 0.72, ""]]);
    expect(callMtfs("RISK.ADJUST", [[1000], [2000]], "high", null)).toEqual([[900], [1800]]);
    expect(callMtfs("RISK.ADJUST", [[1000]], 6, null)).toEqual([[600]]);
  });

  it("uses the user's table, the default for what it leaves out", () => {
    const table = [
      ["Low", "50%"],
      [3, 0.15],
      [null, null],
    ];
    expect(callMtfs("RISK.ADJUST", [[1000]], "Low", table)).toEqual([[500]]);
    expect(callMtfs("RISK.ADJUST", [[1000]], 3, table)).toEqual([[850]]);
    expect(callMtfs("RISK.ADJUST", [[1000]], "Medium", table)).toEqual([[750]]);
  });

  it("returns an error naming the argument for a bad confidence or table", () => {
    expect(errorOf((callMtfs("RISK.ADJUST", [[1]], null, null) as unknown[][])[0][0])?.code).toBe("#N/A");
    const bad = errorOf((callMtfs("RISK.ADJUST", [[1]], "Certain", null) as unknown[][])[0][0]);
    expect([bad?.code, bad?.message?.split(":")[0]]).toEqual(["#VALUE!", "confidence"]);
    const share = errorOf((callMtfs("RISK.ADJUST", [[1]], "Low", [["Low", 1.5]]) as unknown[][])[0][0]);
    expect(share?.message).toMatch(/^table \(row 1\): /);
  });
});
