import { fieldRef } from "./captions";
import * as v from "valibot";
import { ZERO } from "../money";
import { WEEKS_PER_YEAR } from "../fiscalYear";
import { CASHABILITY } from "../choices";
import type { ProposalAssumptions, StreamInput } from "../assumptions";
import type { CostItem } from "../types";
import { at, choice, fraction, issueMessage, list, optional, strict, text } from "./define";
import {
  COHORT_KEYS,
  DEFAULT_HORIZON,
  checkCohort,
  cohortEntries,
  costFormat,
  horizonFormat,
  overlapFormat,
  resolveCohort,
  targetFormat,
  type CohortDraft,
} from "./cohortFormat";
import {
  atIndex,
  existingLineFormat,
  inflationContingencyFormat,
  pricesFormat,
  streamsFormat,
  type StreamDraft,
} from "./streamsFormat";

export {
  DEFAULT_HORIZON,
  DURATION_PLAUSIBLE_YEARS,
  LEVER_MAX_PERCENT,
  SHARE_SUM_TOLERANCE,
  WEEKLY_COST_PLAUSIBLE,
} from "./cohortFormat";

/**
 * The proposal's `assumptions` block (the template's "benefit profile assumptions"), defined once: the
 * parser, schema/proposal.schema.json, the field table in docs/engine.md and the wizard's rules all come
 * from this. Two forms (docs/engine.md "Streams"): today's single cohort (`target`, `durationWeeks`,
 * `unitCost`, `timeline` … at the top), read as one `cohort` stream with id "cohort"; or `streams`, a list of
 * saving streams of any kind. Giving both is contradictory. Both end in ProposalAssumptions.
 */

/** The single-cohort keys a file in that form must give. */
const REQUIRED_COHORT_KEYS = ["target", "durationWeeks", "unitCost", "timeline"] as const;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * Adds the form's own rules to the strict object: with `streams`, no single-cohort key; without, the
 * single-cohort keys that are required. Checked beside the fields' own rules, so every problem shows at once.
 */
function eitherForm<S extends ReturnType<typeof strict>>(schema: S): S {
  return {
    ...schema,
    // Read by describe.ts: the JSON Schema says the same (oneOf the two forms), the docs mark the required keys.
    forms: { single: REQUIRED_COHORT_KEYS, cohortKeys: COHORT_KEYS, streams: "streams" },
    "~run"(dataset, config) {
      const input = dataset.value;
      const out = schema["~run"](dataset, config);
      if (!isPlainObject(input)) return out;
      const issues: v.BaseIssue<unknown>[] = [];
      const issue = (key: string, message: string) =>
        issues.push({
          kind: "schema",
          type: "custom",
          input: input[key],
          expected: null,
          received: "unknown",
          message,
          path: [at(input, key)],
        });
      if ("streams" in input) {
        for (const k of COHORT_KEYS) {
          if (k in input)
            issue(k, issueMessage("contradictory", "give streams or the single-cohort fields, not both"));
        }
      } else {
        for (const k of REQUIRED_COHORT_KEYS)
          if (!(k in input)) issue(k, issueMessage("missing", "is required"));
      }
      if (issues.length === 0) return out;
      const o = out as { typed: boolean; issues?: v.BaseIssue<unknown>[] };
      o.typed = false;
      // In the format's field order, as the object's own issues are: the first missing field is named first.
      const order = Object.keys(schema.entries);
      const rank = (i: v.BaseIssue<unknown>): number => {
        const key = i.path?.[0]?.key;
        return typeof key === "string" && order.includes(key) ? order.indexOf(key) : -1;
      };
      o.issues = [...(o.issues ?? []), ...issues].sort((x, y) => rank(x) - rank(y));
      return out;
    },
  } as S;
}

const entries = {
  horizon: optional(horizonFormat),
  baseline: cohortEntries.baseline,
  target: optional(cohortEntries.target),
  lever: cohortEntries.lever,
  durationWeeks: optional(cohortEntries.durationWeeks),
  durationNote: cohortEntries.durationNote,
  unitCost: optional(cohortEntries.unitCost),
  timeline: optional(cohortEntries.timeline),
  // The single cohort's own `streams[i].cashability` (same choices; the cohort stream's default applies).
  cashability: optional(
    choice(CASHABILITY, {
      default: "costAvoidance",
      about: "single-cohort form: what kind of saving (streams give their own)",
    }),
  ),
  streams: optional(streamsFormat),
  investment: optional(list(costFormat)),
  mtfsOverlap: optional(overlapFormat),
  existingMtfsLines: optional(list(existingLineFormat)),
  confidenceWeighting: optional(
    fraction({ default: "100%", about: "confidence weighting built into the whole profile" }),
  ),
  inflationContingency: optional(inflationContingencyFormat),
  prices: optional(pricesFormat),
  // A stretch target (scrutiny report paragraph 22): the same kind of target, for the Stretch scenarios.
  stretch: optional(strict({ target: targetFormat, note: optional(text()) })),
};

type Issue = (info: { message: string; path: [v.IssuePathItem, ...v.IssuePathItem[]] }) => void;

/** Refuses costs priced on a stream the proposal does not have. */
function checkStreamRefs(
  o: Record<string, unknown>,
  investment: readonly CostItem[],
  ids: readonly string[],
  addIssue: Issue,
): boolean {
  let ok = true;
  investment.forEach((c, k) => {
    if (
      (c.kind === "perCase" || c.kind === "perEvent") &&
      c.stream !== undefined &&
      !ids.includes(c.stream)
    ) {
      addIssue({
        message: issueMessage(
          "unknown-option",
          `must name one of the proposal's streams (${ids.join(", ")}), got ${c.stream}`,
        ),
        path: [
          at(o, "investment"),
          atIndex(investment, k),
          at(c as unknown as Record<string, unknown>, "stream"),
        ],
      });
      ok = false;
    }
  });
  return ok;
}

/** Refuses a stream id used twice. */
function checkUniqueIds(
  o: Record<string, unknown>,
  streams: readonly StreamDraft[],
  addIssue: Issue,
): boolean {
  const seen = new Set<string>();
  let ok = true;
  streams.forEach((s, k) => {
    if (seen.has(s.id)) {
      addIssue({
        message: issueMessage("contradictory", `must be unique; "${s.id}" is used twice`),
        path: [at(o, "streams"), atIndex(streams, k), at(s as unknown as Record<string, unknown>, "id")],
      });
      ok = false;
    }
    seen.add(s.id);
  });
  return ok;
}

/**
 * The `assumptions` block, in either form. Cross-field rules: the form's keys (above); a percent target needs a
 * baseline and stays within the lever's maximum; stream ids are unique; a cost's `stream` names a stream; the
 * unit cost's price base defaults to the horizon's first FY.
 */
export const assumptionsFormat = v.pipe(
  eitherForm(strict(entries)),
  v.rawTransform(({ dataset, addIssue, NEVER }): ProposalAssumptions => {
    const o = dataset.value;
    const fail = NEVER as unknown as ProposalAssumptions;
    const horizon = o.horizon ?? DEFAULT_HORIZON;
    const investment = o.investment ?? [];
    const mtfsOverlap = o.mtfsOverlap ?? { kind: "none" as const };
    const existingMtfsLines = o.existingMtfsLines ?? [];
    const proposalLevel = {
      horizon,
      investment,
      mtfsOverlap,
      existingMtfsLines,
      ...(o.confidenceWeighting === undefined ? {} : { confidenceWeighting: o.confidenceWeighting }),
    };
    if (o.streams !== undefined) {
      let ok = checkUniqueIds(o, o.streams, addIssue);
      if (o.stretch !== undefined) {
        addIssue({
          message: issueMessage(
            "contradictory",
            "is for the single-cohort form; in the multi-stream form give each cohort stream its own (streams[i].stretch)",
          ),
          path: [at(o, "stretch")],
        });
        ok = false;
      }
      if (o.cashability !== undefined) {
        addIssue({
          message: issueMessage(
            "contradictory",
            "is for the single-cohort form; in the multi-stream form give each stream its own (streams[i].cashability)",
          ),
          path: [at(o, "cashability")],
        });
        ok = false;
      }
      ok =
        checkStreamRefs(
          o,
          investment,
          o.streams.map((s) => s.id),
          addIssue,
        ) && ok;
      o.streams.forEach((s, k) => {
        if (s.kind !== "cohort") return;
        const nested: Issue = (info) =>
          addIssue({ ...info, path: [at(o, "streams"), atIndex(o.streams ?? [], k), ...info.path] });
        ok = checkCohort(s, nested) && ok;
        // A stream's stretch target meets its target's rules (a percent needs the baseline, the lever's maximum).
        const stretch = s.stretch;
        if (stretch !== undefined) {
          const inStretch: Issue = (info) =>
            nested({ ...info, path: [at(s as unknown as Record<string, unknown>, "stretch"), ...info.path] });
          ok = checkCohort({ ...s, target: stretch.target }, inStretch) && ok;
        }
      });
      if (!ok) return fail;
      const inflationContingency = {
        heldCentrally: o.inflationContingency?.heldCentrally ?? false,
        base: o.inflationContingency?.base ?? ("gross" as const),
      };
      const streams = o.streams.map((s): StreamInput => {
        if (s.kind !== "cohort") return s;
        const { inflationPerYear, priceBaseFy, ...rest } = s;
        return {
          ...rest,
          ...resolveCohort(s, horizon, { inflationPerYear, priceBaseFy }, inflationContingency.heldCentrally),
        };
      });
      return {
        ...proposalLevel,
        streams,
        inflationContingency,
        prices: {
          inflationPerYear: o.prices?.inflationPerYear ?? ZERO,
          priceBaseFy: o.prices?.priceBaseFy ?? horizon.firstFy,
          periodsPerYear: o.prices?.periodsPerYear ?? WEEKS_PER_YEAR,
        },
      };
    }

    // The single-cohort form: required keys were checked by eitherForm.
    const draft = o as unknown as CohortDraft;
    let ok = checkCohort(draft, addIssue);
    ok = checkStreamRefs(o, investment, ["cohort"], addIssue) && ok;
    const stretch = o.stretch;
    if (stretch !== undefined) {
      // The stretch target meets the target's rules (a percent needs the baseline, within the lever's maximum).
      const nested: Issue = (info) => addIssue({ ...info, path: [at(o, "stretch"), ...info.path] });
      ok = checkCohort({ ...draft, target: stretch.target }, nested) && ok;
    }
    const ownRule = draft.unitCost.inflationContingency;
    const rule = o.inflationContingency;
    if (ownRule !== undefined && rule?.heldCentrally !== undefined && ownRule !== rule.heldCentrally) {
      addIssue({
        message: issueMessage(
          "contradictory",
          `says otherwise than ${fieldRef("unitCost.inflationContingency")}; give one`,
        ),
        path: [at(o, "inflationContingency"), at(rule as Record<string, unknown>, "heldCentrally")],
      });
      ok = false;
    }
    if (!ok) return fail;
    const heldCentrally = ownRule ?? rule?.heldCentrally ?? false;
    const cohort = {
      ...resolveCohort(draft, horizon, {}, heldCentrally),
      ...(o.cashability === undefined ? {} : { cashability: o.cashability }),
    };
    const { unitCost } = cohort;
    // Only the multi-stream model expresses these; without them the cohort is today's ProfileInput.
    const plain =
      existingMtfsLines.length === 0 &&
      o.confidenceWeighting === undefined &&
      o.prices === undefined &&
      (rule?.base ?? "gross") === "gross";
    return {
      ...proposalLevel,
      streams: [{ kind: "cohort", id: "cohort", label: "Cohort", ...cohort }],
      inflationContingency: { heldCentrally, base: rule?.base ?? "gross" },
      prices: {
        inflationPerYear: o.prices?.inflationPerYear ?? unitCost.inflationPerYear,
        priceBaseFy: o.prices?.priceBaseFy ?? unitCost.priceBaseFy,
        periodsPerYear: o.prices?.periodsPerYear ?? unitCost.periodsPerYear,
      },
      ...(plain ? { cohort: { ...cohort, investment, mtfsOverlap, horizon } } : {}),
      ...(stretch === undefined
        ? {}
        : { stretch: { target: stretch.target, ...(stretch.note ? { note: stretch.note } : {}) } }),
    };
  }),
);

/** The JSON the assumptions block accepts (before defaults), derived from the definition. */
export type AssumptionsJson = v.InferInput<typeof assumptionsFormat>;
