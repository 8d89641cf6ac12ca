import * as v from "valibot";
import { TRIANGULATION_ROUNDINGS } from "../choices";
import { EngineError } from "../errors";
import { Decimal } from "../money";
import { decimalValue, describeValue, rateValue, splitRangeText, type NumberRules } from "../parse/read";
import {
  DEFAULT_REALISATION_FACTOR,
  DEFAULT_UNCERTAIN_BAND,
  type PercentChange,
  type TriangulationInput,
  type TriangulationRow,
  type WholeRange,
} from "../triangulate";
import {
  at,
  choice,
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
/** A value or a range { from, to } (each a number or text), as the JSON Schema states it. */
const RANGE_JSON = {
  anyOf: [
    { type: ["number", "string"] },
    {
      type: "object",
      required: ["from", "to"],
      properties: { from: { type: ["number", "string"] }, to: { type: ["number", "string"] } },
      additionalProperties: false,
    },
  ],
};

export const HORIZON_YEARS_RULES: NumberRules = { gt: 0, max: 50 };

/**
 * Bounds of a % change: an annual table's reduction in starts (a rise of up to 1000% is a negative
 * reduction) up to 100%, a monthly table's signed change from -100% (the whole caseload) up to +1000%.
 */
export const PERCENT_CHANGE_RULES: Readonly<Record<"annual" | "monthly", NumberRules>> = {
  annual: { min: -10, max: 1 },
  monthly: { min: -1, max: 10 },
};

/** A % change: a point, a range as text, or { from, to }. */
function percentChange(rules: NumberRules) {
  const range = strict({ from: rate(rules), to: rate(rules) });
  return v.pipe(
    field<number | string | { from: number | string; to: number | string }, unknown>(
      {
        type: "% or range",
        rule: `each side ≥ ${rules.min! * 100}%, ≤ ${rules.max! * 100}%`,
        json: RANGE_JSON,
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

/** Starts a row states: a number, or a range "1 to 2" / { from, to } (counts may be negative: more starts). */
function statedStarts() {
  const rules: NumberRules = { min: -1e6, max: 1e6 };
  const range = strict({ from: decimal(rules), to: decimal(rules) });
  const order = (a: Decimal, b: Decimal): WholeRange =>
    a.lte(b) ? { low: a, high: b } : { low: b, high: a };
  return v.pipe(
    field<number | string | { from: number | string; to: number | string }, unknown>(
      {
        type: "number or range",
        rule: "a count, or a range { from, to }",
        json: RANGE_JSON,
        about: "the starts the row states (a year; a month in a monthly table)",
      },
      (x) => x,
    ),
    v.rawTransform(({ dataset, addIssue, NEVER }): WholeRange => {
      const value = dataset.value;
      try {
        if (typeof value === "string") {
          const sides = splitRangeText(value.trim());
          if (sides) return order(decimalValue(sides[0], "", rules), decimalValue(sides[1], "", rules));
        }
        if (typeof value === "object" && value !== null && !Array.isArray(value)) {
          const r = runNested(range, value, addIssue);
          return r ? order(r.from, r.to) : (NEVER as unknown as WholeRange);
        }
        const d = decimalValue(value, "", rules);
        return { low: d, high: d };
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        addIssue({ message: issueMessage(e.code, e.rule) });
        return NEVER as unknown as WholeRange;
      }
    }),
  );
}

function rows(rules: NumberRules) {
  return list(
    v.pipe(
      strict({
        method: text({ about: "the method or evidence" }),
        percentChange: optional(percentChange(rules)),
        avoidedStarts: optional(statedStarts()),
        explanation: optional(text()),
      }),
      v.metadata({ oneOfKeys: ["percentChange", "avoidedStarts"] }),
      v.rawTransform(({ dataset, addIssue, NEVER }): TriangulationRow => {
        const o = dataset.value;
        if (o.percentChange === undefined && o.avoidedStarts === undefined) {
          addIssue({
            message: issueMessage(
              "missing",
              "is required (or give avoidedStarts, the starts the row states)",
            ),
            path: [at(o, "percentChange")],
          });
          return NEVER as unknown as TriangulationRow;
        }
        return {
          method: o.method,
          ...(o.percentChange === undefined ? {} : { percentChange: o.percentChange }),
          ...(o.avoidedStarts === undefined ? {} : { avoidedStarts: o.avoidedStarts }),
          ...(o.explanation === undefined ? {} : { explanation: o.explanation }),
        };
      }),
    ),
  );
}

/**
 * The base a table's % rows need: `key` must be given when any row gives a % but no stated starts.
 * Returns false (after adding the issue) when it is missing.
 */
function needsBase(
  o: Readonly<Record<string, unknown>> & { readonly rows: readonly TriangulationRow[] },
  key: string,
  addIssue: (info: { message: string; path?: [v.IssuePathItem, ...v.IssuePathItem[]] }) => void,
): boolean {
  if (o[key] !== undefined || o.rows.every((r) => r.avoidedStarts !== undefined)) return true;
  addIssue({
    message: issueMessage("missing", "is required when a row gives a % without its starts"),
    path: [at(o, key)],
  });
  return false;
}

const startsLabel = optional(
  text({ about: "heading of the starts column in the proposal's words, e.g. Number of CYP", maxLength: 200 }),
);

const rounding = optional(
  choice(TRIANGULATION_ROUNDINGS, {
    default: "round",
    about: "whole numbers: round (half away from zero), floor (ROUNDDOWN) or ceil (ROUNDUP)",
  }),
);

const common = { source: optional(text()), $schema: optional(text()) };

/** The triangulation format: annual starts (the default kind) or monthly starts. */
export const triangulationFormat = kinds([
  v.pipe(
    strict({
      kind: optional(kind("annualStarts")),
      baselineStarts: optional(
        decimal({ min: 0 }, { about: "starts a year; needed by rows that give a %", default: "none" }),
      ),
      mtfsCaseload: optional(
        decimal({ min: 0 }, { about: "caseload in the MTFS; none: no caseload column", default: "none" }),
      ),
      realisationFactor: optional(rate({ min: 0, max: 1 }, { default: String(DEFAULT_REALISATION_FACTOR) })),
      rounding,
      startsLabel,
      // A reduction cannot exceed every start.
      rows: rows(PERCENT_CHANGE_RULES.annual),
      ...common,
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): TriangulationInput => {
      const o = dataset.value;
      if (!needsBase(o, "baselineStarts", addIssue)) return NEVER as unknown as TriangulationInput;
      return {
        kind: "annualStarts",
        ...(o.baselineStarts === undefined ? {} : { baselineStarts: o.baselineStarts }),
        ...(o.mtfsCaseload === undefined ? {} : { mtfsCaseload: o.mtfsCaseload }),
        realisationFactor: o.realisationFactor ?? DEFAULT_REALISATION_FACTOR,
        ...(o.rounding === undefined ? {} : { rounding: o.rounding }),
        ...(o.startsLabel === undefined ? {} : { startsLabel: o.startsLabel }),
        rows: o.rows,
      };
    }),
  ),
  v.pipe(
    strict({
      kind: kind("monthlyStarts"),
      startsPerMonth: optional(
        decimal({ min: 0 }, { about: "starts a month; needed by rows that give a %", default: "none" }),
      ),
      baselineCaseload: optional(
        decimal(
          { min: 0 },
          { about: "caseload the % applies to; none: no caseload column", default: "none" },
        ),
      ),
      horizonYears: optional(decimal(HORIZON_YEARS_RULES, { default: "5" })),
      uncertainBand: optional(decimal({ min: 0, max: 0.5 }, { default: String(DEFAULT_UNCERTAIN_BAND) })),
      rounding,
      startsLabel,
      // A change cannot remove more than the whole caseload.
      rows: rows(PERCENT_CHANGE_RULES.monthly),
      ...common,
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): TriangulationInput => {
      const o = dataset.value;
      if (!needsBase(o, "startsPerMonth", addIssue)) return NEVER as unknown as TriangulationInput;
      return {
        kind: "monthlyStarts",
        ...(o.startsPerMonth === undefined ? {} : { startsPerMonth: o.startsPerMonth }),
        ...(o.baselineCaseload === undefined ? {} : { baselineCaseload: o.baselineCaseload }),
        horizonYears: o.horizonYears ?? new Decimal(5),
        uncertainBand: o.uncertainBand ?? DEFAULT_UNCERTAIN_BAND,
        ...(o.rounding === undefined ? {} : { rounding: o.rounding }),
        ...(o.startsLabel === undefined ? {} : { startsLabel: o.startsLabel }),
        rows: o.rows,
      };
    }),
  ),
]);
