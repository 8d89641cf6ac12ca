import * as fc from "fast-check";
import { edgeOfCare, edgeOfCareRollup, parseEdgeOfCareSet } from "../../src/engine";
import { allFinite, engineErrorOrFinite, scalar } from "./robustness";

describe("parseEdgeOfCareSet robustness", () => {
  it("edge of care: any field values give finite figures or an EngineError", () => {
    const period = fc.record(
      {
        period: fc.oneof(fc.string(), scalar),
        familiesStarted: scalar,
        childrenStarted: scalar,
        successRate: scalar,
        savingsYear1: scalar,
        savingsYear2: scalar,
        savingsYear3: scalar,
        targetingDeflator: scalar,
        interventionCost: scalar,
        averageAnnualPlacementCost: scalar,
        placementYears: scalar,
      },
      { requiredKeys: [] },
    );
    const programme = fc.record(
      {
        programme: fc.oneof(fc.string(), scalar),
        periods: fc.oneof(fc.array(period, { maxLength: 2 }), scalar),
        target: fc.oneof(period, scalar),
      },
      { requiredKeys: [] },
    );
    const input = fc.oneof(
      programme,
      fc.record({ rollup: fc.string(), programmes: fc.array(programme, { maxLength: 2 }) }),
    );
    fc.assert(
      fc.property(input, (raw) =>
        engineErrorOrFinite(() => {
          const set = parseEdgeOfCareSet(raw);
          const results = set.programmes.map(edgeOfCare);
          return [results, edgeOfCareRollup("all", results)];
        }),
      ),
      { numRuns: 300 },
    );
  });

  it("edge of care: valid random inputs always parse and compute (the generator reaches the happy path)", () => {
    const n = fc.integer({ min: 0, max: 1_000_000 });
    const r = fc.integer({ min: 0, max: 100 }).map((x) => `${x}%`);
    const period = fc.record({
      period: fc.constant("2020/21"),
      familiesStarted: n,
      childrenStarted: n,
      successRate: r,
      savingsYear1: n,
      savingsYear2: n,
      savingsYear3: n,
      targetingDeflator: r,
      interventionCost: n,
    });
    fc.assert(
      fc.property(period, (p) => {
        const result = edgeOfCare(parseEdgeOfCareSet({ programme: "p", periods: [p] }).programmes[0]);
        return allFinite(result) && result.periods[0].net !== undefined;
      }),
    );
  });
});

describe("parseEdgeOfCareSet bounds", () => {
  it("bounds a target's placementYears at 50 years, naming the field", () => {
    const programme = (placementYears: number) => ({
      programme: "MST",
      periods: [],
      target: {
        period: "Annual target",
        familiesStarted: 100,
        childrenStarted: 100,
        successRate: 0.85,
        averageAnnualPlacementCost: 38406,
        placementYears,
      },
    });
    expect(() => parseEdgeOfCareSet(programme(50))).not.toThrow();
    expect(() => parseEdgeOfCareSet(programme(1e9))).toThrow(
      /placementYears: must be <= 50, got 1000000000$/,
    );
  });
});
