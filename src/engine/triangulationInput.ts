import { EngineError } from "./errors";
import {
  asObject,
  describeValue,
  fieldPath,
  rateValue,
  readArray,
  readDecimal,
  readEnum,
  readRate,
  readString,
  splitRangeText,
  type NumberRules,
  type RawObject,
} from "./parse/read";
import {
  DEFAULT_REALISATION_FACTOR,
  DEFAULT_UNCERTAIN_BAND,
  type PercentChange,
  type TriangulationInput,
  type TriangulationRow,
} from "./triangulate";

/**
 * Parses a triangulation table from JSON (the `triangulation` block of a proposal, or a stand-alone file).
 * `kind` defaults to "annualStarts". Rates are fractions, "8%" strings, or ranges written
 * "-9% to -30%" or `{ "from": -0.09, "to": -0.3 }`. Errors name the full field path.
 */

/** Years over which a monthly table's caseload change is shown: more than 0, at most 50 (default 5). */
export const HORIZON_YEARS_RULES: NumberRules = { gt: 0, max: 50 };

function percentChangeValue(value: unknown, field: string, rules: NumberRules): PercentChange {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    throw new EngineError("missing", field, "is required");
  }
  if (typeof value === "string") {
    const sides = splitRangeText(value.trim());
    if (sides) {
      return {
        kind: "range",
        from: rateValue(sides[0], field, rules),
        to: rateValue(sides[1], field, rules),
      };
    }
  }
  if (typeof value === "object" && !Array.isArray(value)) {
    const o = value as RawObject;
    if ("from" in o || "to" in o) {
      return {
        kind: "range",
        from: readRate(o, "from", field, rules),
        to: readRate(o, "to", field, rules),
      };
    }
    throw new EngineError(
      "invalid-type",
      field,
      `must be a % or a range {from, to}, got ${describeValue(value)}`,
    );
  }
  return { kind: "point", value: rateValue(value, field, rules) };
}

function rowValue(raw: unknown, field: string, rules: NumberRules): TriangulationRow {
  const o = asObject(raw, field);
  const explanation = readString(o, "explanation", field, { optional: true });
  return {
    method: readString(o, "method", field),
    percentChange: percentChangeValue(o.percentChange, fieldPath(field, "percentChange"), rules),
    ...(explanation === undefined ? {} : { explanation }),
  };
}

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
  const o = asObject(raw, prefix === "" ? "triangulation" : prefix);
  const kind = readEnum(o, "kind", prefix, ["annualStarts", "monthlyStarts"] as const, {
    default: "annualStarts",
  });
  const rowsField = fieldPath(prefix, "rows");
  // A reduction cannot exceed every start (annual), a change cannot remove more than the whole caseload.
  const rules: NumberRules = kind === "annualStarts" ? { min: -10, max: 1 } : { min: -1, max: 10 };
  const rows = readArray(o, "rows", prefix).map((r, i) => rowValue(r, fieldPath(rowsField, i), rules));
  if (kind === "annualStarts") {
    return {
      kind,
      baselineStarts: readDecimal(o, "baselineStarts", prefix, { min: 0 }),
      mtfsCaseload: readDecimal(o, "mtfsCaseload", prefix, { min: 0 }),
      realisationFactor: readRate(o, "realisationFactor", prefix, {
        min: 0,
        max: 1,
        default: DEFAULT_REALISATION_FACTOR,
      }),
      rows,
    };
  }
  return {
    kind,
    startsPerMonth: readDecimal(o, "startsPerMonth", prefix, { min: 0 }),
    baselineCaseload: readDecimal(o, "baselineCaseload", prefix, { min: 0 }),
    horizonYears: readDecimal(o, "horizonYears", prefix, { ...HORIZON_YEARS_RULES, default: 5 }),
    uncertainBand: readDecimal(o, "uncertainBand", prefix, {
      min: 0,
      max: 0.5,
      default: DEFAULT_UNCERTAIN_BAND,
    }),
    rows,
  };
}
