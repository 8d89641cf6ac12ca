import { Decimal, computeProfile, parseAssumptions } from "../../src/engine";

/**
 * Inflation contingency (DOMAIN §1): some Adults proposals hold the price inflation on the saving in a central
 * contingency and print it in brackets beside each figure; Appendix A's row adds it back.
 */
const base = {
  baseline: { volumePerYear: 260, growthPerYear: 0 },
  target: { kind: "percent", value: "8%" },
  durationWeeks: 153.1,
  unitCost: { weeklyCost: 1487, overlapWeeklyCost: 149, inflationPerYear: 0.04, priceBaseFy: "FY26/27" },
  timeline: { startDate: "2026-08-01", pilotMonths: 4, rolloutMonths: 6, leadMonths: 8.5, ramp: "linear" },
  investment: [{ kind: "ongoing", amountPerYear: 1_500_000, fromDate: "2026-12-01" }],
  horizon: { firstFy: "FY26/27", lastFy: "FY31/32" },
};
const held = { ...base, unitCost: { ...base.unitCost, inflationContingency: true } };

describe("inflation contingency", () => {
  it("shows the benefit at price-base prices and the inflation since then as its own line", () => {
    const withInflation = computeProfile(parseAssumptions(base));
    const p = computeProfile(parseAssumptions(held));
    p.years.forEach((y, i) => {
      const full = withInflation.years[i].gross;
      const factor = new Decimal(1.04).pow(y.fy - 2026);
      expect(y.gross.toNumber()).toBeCloseTo(full.div(factor).toNumber(), 6);
      expect(y.inflationContingency.toNumber()).toBeCloseTo(full.minus(full.div(factor)).toNumber(), 6);
      expect(y.cumulative.eq(y.gross.minus(y.costs).minus(y.overlap))).toBe(true);
      expect(y.mtfsImpact.eq(y.cumulative.plus(y.inflationContingency))).toBe(true);
    });
  });

  it("carries no contingency in the price-base year or without inflation", () => {
    const p = computeProfile(parseAssumptions(held));
    expect(p.years[0].inflationContingency.isZero()).toBe(true);
    const flat = computeProfile(
      parseAssumptions({ ...held, unitCost: { ...held.unitCost, inflationPerYear: 0 } }),
    );
    for (const y of flat.years) expect(y.inflationContingency.isZero()).toBe(true);
  });

  it("keeps the quantified opportunity and run rate at price-base prices", () => {
    const p = computeProfile(parseAssumptions(held));
    const fy2930 = p.years.find((y) => y.label === "FY29/30");
    expect(p.quantifiedOpportunity.eq(fy2930?.cumulative ?? 0)).toBe(true);
    expect(p.fullRunRate.value.lt(computeProfile(parseAssumptions(base)).fullRunRate.value)).toBe(true);
  });

  it("nets the overlap against the benefit at price-base prices", () => {
    const p = computeProfile(
      parseAssumptions({ ...held, mtfsOverlap: { kind: "amountPerYear", amountPerYear: 50_000_000 } }),
    );
    for (const y of p.years) expect(y.overlap.eq(Decimal.max(0, y.gross))).toBe(true);
  });

  it("rejects a value that is not true or false, naming the field", () => {
    expect(() =>
      parseAssumptions({ ...base, unitCost: { ...base.unitCost, inflationContingency: "maybe" } }),
    ).toThrow(/unitCost\.inflationContingency/);
  });
});
