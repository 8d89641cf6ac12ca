import fc from "fast-check";
import {
  Decimal,
  decimalCalculator,
  numberCalculator,
  parseDemandModel,
  projectDemand,
  withLeverScale,
} from "../../src/engine";

/** Valid demand models across the input space, written as a user would (fractions, FY start years). */
const modelArb = fc.record({
  name: fc.constant("p"),
  baseYear: fc.constant(2024),
  endYear: fc.integer({ min: 2025, max: 2045 }),
  stock: fc.integer({ min: 0, max: 50_000 }),
  entries: fc.integer({ min: 0, max: 30_000 }),
  entriesGrowth: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
  exitRate: fc.double({ min: 0, max: 1, noNaN: true }),
  unitCost: fc.integer({ min: 0, max: 500_000 }),
  unitCostInflation: fc.double({ min: 0, max: 0.1, noNaN: true }),
  budget: fc.integer({ min: 0, max: 5_000_000_000 }),
  budgetGrowth: fc.double({ min: -0.05, max: 0.1, noNaN: true }),
  spendBasis: fc.constantFrom("averageStock", "closingStock"),
  levers: fc.record({
    entriesChange: fc.double({ min: -1, max: 0, noNaN: true }),
    exitRateChange: fc.double({ min: 0, max: 3, noNaN: true }),
    exitLagYears: fc.integer({ min: 0, max: 3 }),
    exitBasis: fc.constantFrom("trend", "stock"),
    phasing: fc.constantFrom(
      [
        { year: 2026, share: 0.5 },
        { year: 2027, share: 1 },
      ],
      [{ year: 2025, share: 1 }],
      [{ year: 2030, share: 0.25 }],
    ),
  }),
});

describe("demand model properties", () => {
  it("no stock is ever negative, on either line", () => {
    fc.assert(
      fc.property(modelArb, (raw) => {
        const p = projectDemand(parseDemandModel(raw), decimalCalculator);
        return p.years.every((y) => !y.doNothing.stock.isNegative() && !y.withImpact.stock.isNegative());
      }),
    );
  });

  it("zero levers give the do-nothing line", () => {
    fc.assert(
      fc.property(modelArb, (raw) => {
        const p = projectDemand(withLeverScale(parseDemandModel(raw), new Decimal(0)), decimalCalculator);
        return (
          p.years.every(
            (y) => y.withImpact.spend.eq(y.doNothing.spend) && y.withImpact.stock.eq(y.doNothing.stock),
          ) && p.cumulativeBenefit.isZero()
        );
      }),
    );
  });

  it("half levers lie between do-nothing and full impact", () => {
    fc.assert(
      fc.property(modelArb, (raw) => {
        const model = parseDemandModel(raw);
        const full = projectDemand(model, decimalCalculator);
        const half = projectDemand(withLeverScale(model, new Decimal(0.5)), decimalCalculator);
        const eps = new Decimal("1e-20");
        return half.years.every((y, i) => {
          const s = y.withImpact.stock;
          const hi = y.doNothing.stock.plus(eps);
          const lo = full.years[i].withImpact.stock.minus(eps);
          return s.lte(hi) && s.gte(lo);
        });
      }),
    );
  });

  it("the float64 backend agrees with Decimal within 1e-9 relative (1e-3 absolute)", () => {
    fc.assert(
      fc.property(modelArb, (raw) => {
        const model = parseDemandModel(raw);
        const d = projectDemand(model, decimalCalculator);
        const f = projectDemand(model, numberCalculator);
        const close = (a: number, b: Decimal): boolean =>
          Math.abs(a - b.toNumber()) <= Math.max(1e-3, 1e-9 * Math.abs(b.toNumber()));
        return d.years.every(
          (y, i) =>
            close(f.years[i].withImpact.stock, y.withImpact.stock) &&
            close(f.years[i].withImpact.spend, y.withImpact.spend) &&
            close(f.years[i].cumulativeOverspendWithImpact, y.cumulativeOverspendWithImpact),
        );
      }),
    );
  });
});
