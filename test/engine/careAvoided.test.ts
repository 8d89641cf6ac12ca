import { Decimal, ZERO, careAvoided, EngineError } from "../../src/engine";

const D = (x: number): Decimal => new Decimal(x);

describe("care avoided", () => {
  it("costs exactly count × weeks × weekly cost without inflation", () => {
    const r = careAvoided({
      count: D(10),
      weeklyCost: D(1338),
      weeksEach: D(52),
      inflationPerYear: ZERO,
      priceBaseFy: 2026,
      when: { kind: "dates", fromDate: "2026-10-01" },
    });
    expect(r.totalCostAvoided.toNumber()).toBeCloseTo(10 * 52 * 1338, 8);
    expect(r.years.map((y) => y.label)).toEqual(["FY26/27", "FY27/28"]);
  });

  it("spreads episodes evenly over a FY and inflates later years", () => {
    const r = careAvoided({
      count: D(12),
      weeklyCost: D(1000),
      weeksEach: D(10),
      inflationPerYear: D(0.04),
      priceBaseFy: 2026,
      when: { kind: "fy", fy: 2026 },
    });
    expect(r.totalCareWeeks.toNumber()).toBeCloseTo(120, 9);
    expect(r.totalCostAvoided.gt(120000)).toBe(true);
    expect(r.totalCostAvoided.lt(120000 * 1.04)).toBe(true);
  });

  it("bounds the count at 1,000,000 episodes", () => {
    const input = (count: number) => ({
      count: D(count),
      weeklyCost: D(1),
      weeksEach: D(1),
      inflationPerYear: ZERO,
      priceBaseFy: 2026,
      when: { kind: "fy", fy: 2026 } as const,
    });
    expect(careAvoided(input(1e6)).totalCostAvoided.toNumber()).toBeCloseTo(1e6, 6);
    expect(() => careAvoided(input(1e6 + 1))).toThrow("count: must be <= 1000000, got 1000001");
  });

  it("rejects a negative count by code", () => {
    expect(() =>
      careAvoided({
        count: D(-1),
        weeklyCost: D(1),
        weeksEach: D(1),
        inflationPerYear: ZERO,
        priceBaseFy: 2026,
        when: { kind: "fy", fy: 2026 },
      }),
    ).toThrow(expect.objectContaining({ code: "out-of-range", field: "count" }) as EngineError);
  });

  it("refuses a last start before the first, naming the from date", () => {
    expect(() =>
      careAvoided({
        count: D(6),
        weeklyCost: D(1000),
        weeksEach: D(10),
        inflationPerYear: ZERO,
        priceBaseFy: 2026,
        when: { kind: "dates", fromDate: "2027-10-01", toDate: "2027-03-31" },
      }),
    ).toThrow("toDate: must not be before the from date (2027-10-01), got 2027-03-31");
  });
});
