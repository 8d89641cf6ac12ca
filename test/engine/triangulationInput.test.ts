import * as fc from "fast-check";
import { Decimal, EngineError, parseTriangulationInput, triangulate } from "../../src/engine";

// "No input makes the engine throw an untyped error or return NaN/Infinity": random JSON-ish values for
// every field of the triangulation and edge-of-care inputs either parse and compute to finite Decimals, or
// raise an EngineError (never a TypeError, never NaN).

const scalar = fc.oneof(
  fc.double(),
  fc.integer({ min: -1000, max: 1_000_000 }),
  fc.constantFrom("8%", "-9% to -30%", "1,487", "", "abc", "NaN", "Infinity", "1e400", "50%"),
  fc.constant(null),
  fc.boolean(),
  fc.constant([] as unknown[]),
  fc.constant({} as Record<string, unknown>),
);

function allFinite(value: unknown, seen = new Set<unknown>()): boolean {
  if (value instanceof Decimal) return value.isFinite();
  if (typeof value === "number") return Number.isFinite(value);
  if (value === null || typeof value !== "object" || seen.has(value)) return true;
  seen.add(value);
  return Object.values(value).every((v) => allFinite(v, seen));
}

function engineErrorOrFinite(f: () => unknown): boolean {
  try {
    return allFinite(f());
  } catch (e) {
    if (e instanceof EngineError) return true;
    throw e;
  }
}

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
