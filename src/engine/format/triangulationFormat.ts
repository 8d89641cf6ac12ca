import * as v from "valibot";
import { EngineError } from "../errors";
import { Decimal } from "../money";
import { describeValue, rateValue, splitRangeText, type NumberRules } from "../parse/read";
import {
  DEFAULT_REALISATION_FACTOR,
  DEFAULT_UNCERTAIN_BAND,
  type PercentChange,
  type TriangulationInput,
  type TriangulationRow,
} from "../triangulate";
import {
  decimal,
  field,
  issueMessage,
  kind,
  kinds,
  list,
  optional,
  rate,
  runNested,
  strict,
  text,
} from "./define";

/**
 * The triangulation table (a proposal's `triangulation` block, or a stand-alone file), defined once.
 * Rates are fractions, "8%" strings, or ranges "-9% to -30%" / { "from": -0.09, "to": -0.3 }.
 */

/** Years over which a monthly table's caseload change is shown: more than 0, at most 50 (default 5). */
export const HORIZON_YEARS_RULES: NumberRules = { gt: 0, max: 50 };

/** A % change: a point, a range as text, or { from, to }. */
function percentChange(rules: NumberRules) {
  const range = strict({ from: rate(rules), to: rate(rules) });
  return v.pipe(
    field<number | string | { from: number | string; to: number | string }, unknown>(
      {
        type: "% or range",
        rule: `each side ≥ ${rules.min! * 100}%, ≤ ${rules.max! * 100}%`,
        json: {
          anyOf: [
            { type: ["number", "string"] },
            {
              type: "object",
              required: ["from", "to"],
              properties: { from: { type: ["number", "string"] }, to: { type: ["number", "string"] } },
              additionalProperties: false,
            },
          ],
        },
        about: 'e.g. "23%", "-9% to -30%"',
      },
      (x) => x,
    ),
    v.rawTransform(({ dataset, addIssue, NEVER }): PercentChange => {
      const value = dataset.value;
      try {
        if (typeof value === "string") {
          const sides = splitRangeText(value.trim());
          if (sides)
            return {
              kind: "range",
              from: rateValue(sides[0], "", rules),
              to: rateValue(sides[1], "", rules),
            };
        }
        if (typeof value === "object" && value !== null && !Array.isArray(value)) {
          const r = runNested(range, value, addIssue);
          return r ? { kind: "range", from: r.from, to: r.to } : (NEVER as unknown as PercentChange);
        }
        if (typeof value !== "number" && typeof value !== "string") {
          throw new EngineError(
            "invalid-type",
            "",
            `must be a % or a range {from, to}, got ${describeValue(value)}`,
          );
        }
        return { kind: "point", value: rateValue(value, "", rules) };
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        addIssue({ message: issueMessage(e.code, e.rule) });
        return NEVER as unknown as PercentChange;
      }
    }),
  );
}

function rows(rules: NumberRules) {
  return list(
    v.pipe(
      strict({
        method: text({ about: "the method or evidence" }),
        percentChange: percentChange(rules),
        explanation: optional(text()),
      }),
      v.transform((o): TriangulationRow => ({
        method: o.method,
        percentChange: o.percentChange,
        ...(o.explanation === undefined ? {} : { explanation: o.explanation }),
      })),
    ),
  );
}

const common = { source: optional(text()), $schema: optional(text()) };

/** The triangulation format: annual starts (the default kind) or monthly starts. */
export const triangulationFormat = kinds([
  v.pipe(
    strict({
      kind: optional(kind("annualStarts")),
      baselineStarts: decimal({ min: 0 }, { about: "starts a year" }),
      mtfsCaseload: decimal({ min: 0 }, { about: "caseload in the MTFS" }),
      realisationFactor: optional(rate({ min: 0, max: 1 }, { default: String(DEFAULT_REALISATION_FACTOR) })),
      // A reduction cannot exceed every start.
      rows: rows({ min: -10, max: 1 }),
      ...common,
    }),
    v.transform((o): TriangulationInput => ({
      kind: "annualStarts",
      baselineStarts: o.baselineStarts,
      mtfsCaseload: o.mtfsCaseload,
      realisationFactor: o.realisationFactor ?? DEFAULT_REALISATION_FACTOR,
      rows: o.rows,
    })),
  ),
  v.pipe(
    strict({
      kind: kind("monthlyStarts"),
      startsPerMonth: decimal({ min: 0 }),
      baselineCaseload: decimal({ min: 0 }),
      horizonYears: optional(decimal(HORIZON_YEARS_RULES, { default: "5" })),
      uncertainBand: optional(decimal({ min: 0, max: 0.5 }, { default: String(DEFAULT_UNCERTAIN_BAND) })),
      // A change cannot remove more than the whole caseload.
      rows: rows({ min: -1, max: 10 }),
      ...common,
    }),
    v.transform((o): TriangulationInput => ({
      kind: "monthlyStarts",
      startsPerMonth: o.startsPerMonth,
      baselineCaseload: o.baselineCaseload,
      horizonYears: o.horizonYears ?? new Decimal(5),
      uncertainBand: o.uncertainBand ?? DEFAULT_UNCERTAIN_BAND,
      rows: o.rows,
    })),
  ),
]);
