import { parseFormat } from "./format/check";
import { HORIZON_YEARS_RULES, PERCENT_CHANGE_RULES, triangulationFormat } from "./format/triangulationFormat";
import type { TriangulationInput } from "./triangulate";

/**
 * Parses a triangulation table from JSON (the `triangulation` block of a proposal, or a stand-alone file),
 * by its one definition in format/triangulationFormat.ts. `kind` defaults to "annualStarts". Rates are
 * fractions, "8%" strings, or ranges written "-9% to -30%" or `{ "from": -0.09, "to": -0.3 }`. Errors name
 * the full field path; unknown keys are refused.
 */

export { HORIZON_YEARS_RULES, PERCENT_CHANGE_RULES };

/**
 * Parses and validates a triangulation input.
 *
 * @example
 * const input = parseTriangulationInput({ baselineStarts: 260, mtfsCaseload: 734,
 *   rows: [{ method: "TU review", percentChange: "23%" }] }, "triangulation");
 * input.kind // "annualStarts"; realisationFactor defaults to 0.7
 * parseTriangulationInput({ baselineStarts: -1, mtfsCaseload: 734, rows: [] }, "triangulation")
 * // throws "triangulation.baselineStarts: must be >= 0, got -1"
 */
export function parseTriangulationInput(raw: unknown, prefix = ""): TriangulationInput {
  return parseFormat(triangulationFormat, raw, prefix, prefix === "" ? "triangulation" : prefix).value;
}
