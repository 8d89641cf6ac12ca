import { Decimal, EngineError, decimalCalculator, parseDemandModel, projectDemand } from "../../src/engine";

// A council's own figures: stock, entries and exits in, a do-nothing line and a break-even year out.
const council = {
  name: "Anyshire children in care",
  baseYear: "2025/26",
  endYear: 2030,
  stock: 600,
  entries: 300,
  entriesGrowth: "3%",
  exits: 290,
  spend: 60_000_000,
  unitCostInflation: "4%",
  budget: 52_000_000,
  budgetGrowth: "10%",
  levers: { entriesChange: "-10%", phasing: [{ year: "2026/27", share: 1 }] },
};

const error = (raw: unknown): EngineError => {
  try {
    parseDemandModel(raw);
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error("expected an EngineError");
};

describe("parseDemandModel", () => {
  it("turns a council's stock, entries and exits into a do-nothing line and a break-even year", () => {
    const model = parseDemandModel(council);
    expect(model.exitRate.toString()).toBe(new Decimal(290).div(600).toString());
    expect(model.unitCost.toNumber()).toBe(100_000);
    const p = projectDemand(model, decimalCalculator);
    expect(p.years.map((y) => y.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
    expect(p.years[1].doNothing.entries.toNumber()).toBeCloseTo(309, 9);
    expect(p.years[1].doNothing.exits.toNumber()).toBeCloseTo(290, 9);
    // By hand, 2026/27: entries 309 × 0.9 = 278.1; exits 290/600 × 600 = 290; stock 600 + 278.1 − 290 = 588.1;
    // spend on the average stock (600 + 588.1) / 2 × £104,000 = £61.78m against a budget of £57.2m.
    expect(p.years[1].withImpact.stock.toNumber()).toBeCloseTo(588.1, 9);
    expect(p.years[1].withImpact.spend.toNumber()).toBeCloseTo(61_781_200, 3);
    // Over budget in 2027/28 (63.73 > 62.92), within it in 2028/29 (66.95 <= 69.21).
    expect(p.breakEvenYear).toBe(2028);
    expect(p.overspendToBreakEven.toNumber()).toBeCloseTo(
      p.years[1].withImpact.overspend.plus(p.years[2].withImpact.overspend).toNumber(),
      6,
    );
  });

  it("takes stated entries and exit rates for given years, the trend growing on from each", () => {
    const model = parseDemandModel({
      ...council,
      entriesByYear: [{ year: "2027/28", entries: 400 }],
      exitRateByYear: [{ year: 2028, exitRate: "50%" }],
    });
    const p = projectDemand(model, decimalCalculator);
    const dn = (year: number) => p.years.find((y) => y.year === year)!.doNothing;
    expect(dn(2026).entries.toNumber()).toBeCloseTo(309, 9); // the 3% trend
    expect(dn(2027).entries.toNumber()).toBe(400); // stated
    expect(dn(2028).entries.toNumber()).toBeCloseTo(412, 9); // 3% on from the stated year
    expect(dn(2027).exits.div(dn(2026).stock).toNumber()).toBeCloseTo(290 / 600, 12);
    expect(dn(2028).exits.div(dn(2027).stock).toNumber()).toBeCloseTo(0.5, 12);
    expect(dn(2029).exits.div(dn(2028).stock).toNumber()).toBeCloseTo(0.5, 12);
  });

  it("refuses stated years outside the projection or out of order", () => {
    expect(error({ ...council, entriesByYear: [{ year: 2025, entries: 1 }] }).field).toBe(
      "entriesByYear[0].year",
    );
    expect(
      error({
        ...council,
        exitRateByYear: [
          { year: 2028, exitRate: 0.5 },
          { year: 2027, exitRate: 0.4 },
        ],
      }).field,
    ).toBe("exitRateByYear[1]");
    expect(error({ ...council, entriesByYear: [{ year: 2027, entries: 1, exits: 2 }] }).message).toBe(
      "entriesByYear[0].exits: unknown field",
    );
  });

  it("accepts a mean stay instead of an exit rate", () => {
    const { exits: _exits, ...rest } = council;
    expect(parseDemandModel({ ...rest, meanStayYears: 2 }).exitRate.toNumber()).toBe(0.5);
  });

  it("refuses unknown keys, naming them", () => {
    expect(error({ ...council, entriesGrowht: 0.01 }).message).toBe(
      "entriesGrowht: unknown field; did you mean entriesGrowth?",
    );
    expect(error({ ...council, entriesGrowht: 0.01 }).code).toBe("unknown-field");
    expect(error({ ...council, levers: { entriesChange: -0.1, lag: 1 } }).message).toBe(
      "levers.lag: unknown field",
    );
    expect(error({ ...council, levers: { phasing: [{ year: 2027, share: 1, when: 2 }] } }).message).toBe(
      "levers.phasing[0].when: unknown field",
    );
  });

  it("asks for exactly one exit measure and one cost measure", () => {
    expect(error({ ...council, exitRate: 0.5 }).message).toBe("exits: give only one of exitRate, exits");
    const { spend: _spend, ...noCost } = council;
    expect(error(noCost).code).toBe("missing");
  });

  it("names the field and the rule for out-of-range values", () => {
    expect(error({ ...council, exits: 700 }).field).toBe("exits");
    expect(error({ ...council, endYear: 2025 }).field).toBe("endYear");
    expect(error({ ...council, entriesGrowth: "-100%" }).field).toBe("entriesGrowth");
    expect(error({ ...council, population: 1000 }).message).toBe(
      "targetPopulation: is required with population",
    );
    expect(
      error({
        ...council,
        levers: {
          phasing: [
            { year: 2028, share: 1 },
            { year: 2027, share: 0 },
          ],
        },
      }).field,
    ).toBe("levers.phasing[1]");
    expect(error({ ...council, levers: { phasing: [{ year: 2028, share: 1.5 }] } }).field).toBe(
      "levers.phasing[0].share",
    );
  });

  it("levers default to full from the first projected year", () => {
    const model = parseDemandModel({ ...council, levers: { entriesChange: "-10%" } });
    expect(model.levers.phasing).toEqual([{ year: 2026, share: new Decimal(1) }]);
  });
});
