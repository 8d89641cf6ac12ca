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
        rows: fc.oneof(fc.array(row, { maxLength: 3 }), scalar),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, (raw) => engineErrorOrFinite(() => triangulate(parseTriangulationInput(raw)))),
    );
  });
});
