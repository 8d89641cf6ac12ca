import * as fc from "fast-check";
import { parseTriangulationInput, triangulate } from "../../src/engine";
import { engineErrorOrFinite, scalar } from "./robustness";

describe("parseTriangulationInput robustness", () => {
  it("triangulation: any field values give a finite table or an EngineError", () => {
    const row = fc.record(
      { method: fc.oneof(fc.string(), scalar), percentChange: scalar },
      { requiredKeys: [] },
    );
    const input = fc.record(
      {
        kind: fc.constantFrom("annualStarts", "monthlyStarts", "other"),
        baselineStarts: scalar,
        mtfsCaseload: scalar,
        realisationFactor: scalar,
        startsPerMonth: scalar,
        baselineCaseload: scalar,
        uncertainBand: scalar,
        horizonYears: scalar,
        rows: fc.oneof(fc.array(row, { maxLength: 3 }), scalar),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, (raw) => engineErrorOrFinite(() => triangulate(parseTriangulationInput(raw)))),
    );
  });
});

describe("parseTriangulationInput bounds", () => {
  const monthly = { kind: "monthlyStarts", startsPerMonth: 4.7, baselineCaseload: 152, rows: [] };

  it("bounds horizonYears to more than 0 and at most 50, naming the field", () => {
    expect(parseTriangulationInput({ ...monthly, horizonYears: 50 }).kind).toBe("monthlyStarts");
    expect(() => parseTriangulationInput({ ...monthly, horizonYears: 51 }, "triangulation")).toThrow(
      "triangulation.horizonYears: must be <= 50, got 51",
    );
    // Once printed "in Infinity yrs".
    expect(() => parseTriangulationInput({ ...monthly, horizonYears: "1e400" }, "triangulation")).toThrow(
      "triangulation.horizonYears: must be a number Excel can hold, got 1e400",
    );
  });

  it("reads range text in one pass, whatever its spacing or case", () => {
    const row = (percentChange: string) => ({ method: "m", percentChange });
    const input = parseTriangulationInput({
      baselineStarts: 260,
      mtfsCaseload: 734,
      rows: [row("-9%\tTO  -30%")],
    });
    const pc = input.rows[0].percentChange;
    expect(pc?.kind === "range" ? [pc.from.toNumber(), pc.to.toNumber()] : []).toEqual([-0.09, -0.3]);
  });
});
