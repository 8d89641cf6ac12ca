import * as v from "valibot";
import { Decimal } from "../money";
import { EngineError } from "../errors";
import { rateValue, type NumberRules } from "../parse/read";
import type { EdgeOfCareActual, EdgeOfCareInput, EdgeOfCareTarget, TargetingDeflator } from "../edgeOfCare";
import { decimal, field, issueMessage, list, optional, rate, runNested, strict, text } from "./define";

/**
 * Edge-of-care summaries, defined once: one programme (`{ programme, periods, target }`) or a set to roll up
 * (`{ rollup, programmes: [...] }`). Money in £; rates as fractions or "87%". `targetingDeflator` is a rate
 * (default 1 = none) or, for a roll-up table with mixed deflators, the published figures.
 */

/**
 * Years of placement each successful child avoids: more than 0, at most 50 (a childhood). Unbounded, 1e9
 * years gave £3.26e15 from a typo. Shared by the JSON parser and MTFS.EDGE.OF.CARE.
 */
export const PLACEMENT_YEARS_RULES: NumberRules = { gt: 0, max: 50 };

const ONE = new Decimal(1);
const money = (about?: string) => decimal({ min: 0 }, about ? { about } : {});

const statedDeflator = strict({
  postDeflatorCumulative: money(),
  inYearGross: money(),
  inYearDiversions: money(),
});

const deflator = v.pipe(
  field<number | string | Record<string, unknown>, unknown>(
    {
      type: "% or object",
      rule: "0–100%, or { postDeflatorCumulative, inYearGross, inYearDiversions }",
      default: "1 (none)",
      json: {
        anyOf: [
          { type: ["number", "string"] },
          {
            type: "object",
            required: ["postDeflatorCumulative", "inYearGross", "inYearDiversions"],
            properties: {
              postDeflatorCumulative: { type: ["number", "string"], minimum: 0 },
              inYearGross: { type: ["number", "string"], minimum: 0 },
              inYearDiversions: { type: ["number", "string"], minimum: 0 },
            },
            additionalProperties: false,
          },
        ],
      },
    },
    (x) => x,
  ),
  v.rawTransform(({ dataset, addIssue, NEVER }): TargetingDeflator => {
    const value = dataset.value;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const d = runNested(statedDeflator, value, addIssue);
      return d ? { kind: "stated", ...d } : (NEVER as unknown as TargetingDeflator);
    }
    try {
      return { kind: "rate", value: rateValue(value, "", { min: 0, max: 1 }) };
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      addIssue({ message: issueMessage(e.code, e.rule) });
      return NEVER as unknown as TargetingDeflator;
    }
  }),
);

const base = {
  familiesStarted: decimal({ min: 0 }),
  childrenStarted: decimal({ min: 0 }),
  successRate: rate({ min: 0, max: 1 }),
  targetingDeflator: optional(deflator),
  interventionCost: optional(money("£ spent on the intervention")),
};

const actual = v.pipe(
  strict({
    period: text(),
    ...base,
    savingsYear1: money(),
    savingsYear2: money(),
    savingsYear3: money(),
  }),
  v.transform((o): EdgeOfCareActual => ({
    kind: "actual",
    period: o.period,
    familiesStarted: o.familiesStarted,
    childrenStarted: o.childrenStarted,
    successRate: o.successRate,
    deflator: o.targetingDeflator ?? { kind: "rate", value: ONE },
    ...(o.interventionCost === undefined ? {} : { interventionCost: o.interventionCost }),
    savingsYear1: o.savingsYear1,
    savingsYear2: o.savingsYear2,
    savingsYear3: o.savingsYear3,
  })),
);

const target = v.pipe(
  strict({
    period: optional(text({ default: "Annual target" })),
    ...base,
    averageAnnualPlacementCost: money(),
    placementYears: optional(decimal(PLACEMENT_YEARS_RULES, { default: "2" })),
  }),
  v.transform((o): EdgeOfCareTarget => ({
    kind: "target",
    period: o.period ?? "Annual target",
    familiesStarted: o.familiesStarted,
    childrenStarted: o.childrenStarted,
    successRate: o.successRate,
    deflator: o.targetingDeflator ?? { kind: "rate", value: ONE },
    ...(o.interventionCost === undefined ? {} : { interventionCost: o.interventionCost }),
    averageAnnualPlacementCost: o.averageAnnualPlacementCost,
    placementYears: o.placementYears ?? new Decimal(2),
  })),
);

const about = { source: optional(text()), notes: optional(list(text())), $schema: optional(text()) };

/** One programme's summary. */
export const edgeOfCareProgrammeFormat = v.pipe(
  strict({ programme: text(), periods: list(actual), target: optional(target), ...about }),
  v.transform((o): EdgeOfCareInput => ({
    programme: o.programme,
    periods: o.periods,
    ...(o.target === undefined ? {} : { target: o.target }),
  })),
);

/** A set of programmes to roll up. */
export const edgeOfCareSetFormat = v.pipe(
  strict({ rollup: optional(text()), programmes: list(edgeOfCareProgrammeFormat), ...about }),
  v.transform((o) => ({ ...(o.rollup === undefined ? {} : { rollup: o.rollup }), programmes: o.programmes })),
);
