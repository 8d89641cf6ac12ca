import fc from "fast-check";
import { readFileSync } from "fs";
import { join } from "path";
import {
  Decimal,
  decimalCalculator,
  numberCalculator,
  parseDemandModel,
  projectDemand,
  withLeverScale,
} from "../../src/engine";
import { allFinite, engineErrorOrFinite, scalar } from "./robustness";

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
          const between = (v: Decimal, a: Decimal, b: Decimal): boolean =>
            v.lte(a.plus(eps)) && v.gte(b.minus(eps));
          const f = full.years[i].withImpact;
          return (
            between(y.withImpact.stock, y.doNothing.stock, f.stock) &&
            between(y.withImpact.spend, y.doNothing.spend, f.spend)
          );
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

describe("parseDemandModel robustness", () => {
  it("any field values give finite figures or an EngineError, never a TypeError or NaN", () => {
    const phase = fc.oneof(
      fc.record({ year: fc.oneof(fc.integer({ min: 2020, max: 2040 }), scalar), share: scalar }),
      scalar,
    );
    const raw = fc.record(
      {
        name: fc.oneof(fc.string(), scalar),
        baseYear: fc.oneof(fc.constantFrom(2024, "2024/25", "FY24/25"), scalar),
        endYear: fc.oneof(fc.integer({ min: 2020, max: 2140 }), scalar),
        reportFrom: fc.oneof(fc.integer({ min: 2020, max: 2040 }), scalar),
        stock: scalar,
        entries: scalar,
        entriesGrowth: scalar,
        exitRate: scalar,
        meanStayYears: scalar,
        exits: scalar,
        unitCost: scalar,
        spend: scalar,
        unitCostInflation: scalar,
        budget: scalar,
        budgetGrowth: scalar,
        spendBasis: fc.oneof(fc.constantFrom("averageStock", "closingStock"), scalar),
        levers: fc.oneof(
          fc.record(
            {
              entriesChange: scalar,
              exitRateChange: scalar,
              exitLagYears: scalar,
              exitBasis: fc.oneof(fc.constantFrom("trend", "stock"), scalar),
              phasing: fc.oneof(fc.array(phase, { maxLength: 3 }), scalar),
            },
            { requiredKeys: [] },
          ),
          scalar,
        ),
        leverScale: scalar,
        population: scalar,
        targetPopulation: scalar,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(raw, (r) =>
        engineErrorOrFinite(() => projectDemand(parseDemandModel(r), decimalCalculator)),
      ),
      { numRuns: 300 },
    );
  });
});

describe("parseDemandModel robustness around a valid model", () => {
  const example = JSON.parse(
    readFileSync(join(__dirname, "../../examples/national-children-in-care-500k.json"), "utf8"),
  ) as Record<string, unknown>;
  const keys = Object.keys(example).filter((k) => k !== "notes" && k !== "$schema");

  it("one field replaced by any value gives finite figures on both backends, or an EngineError", () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), scalar, (key, value) =>
        engineErrorOrFinite(() => {
          const model = parseDemandModel({ ...example, [key]: value });
          return [projectDemand(model, decimalCalculator), projectDemand(model, numberCalculator)];
        }),
      ),
      { numRuns: 300 },
    );
  });

  it("the largest inputs the parser accepts stay finite as floats over 100 years", () => {
    const big = {
      ...example,
      stock: 1e8,
      entries: 1e8,
      spend: 1e13,
      budget: 1e13,
      entriesGrowth: 1,
      unitCostInflation: 1,
      budgetGrowth: 1,
      endYear: 2124,
      population: 1,
      targetPopulation: 1e10,
    };
    expect(allFinite(projectDemand(parseDemandModel(big), numberCalculator))).toBe(true);
  });
});
