import { parseFormat, type Checked } from "../format/check";
import { assumptionsFormat, DEFAULT_HORIZON } from "../format/assumptionsFormat";
import { singleCohort, type ProposalAssumptions } from "../assumptions";
import type { ProfileInput } from "../types";

/**
 * Parses the `assumptions` block of a proposal by its one definition (format/assumptionsFormat.ts), in either
 * form (single cohort or `streams`), applying the documented defaults (docs/engine.md). Every error names the
 * dotted field; an unknown key is an error naming the nearest known key.
 */

export { DEFAULT_HORIZON };

/**
 * Parses a proposal's assumptions (either form) into ProposalAssumptions, with its warnings. `fieldPrefix`
 * (default "assumptions") starts every error's field path.
 *
 * @example
 * const { value } = checkProposalAssumptions({ streams: [{ kind: "income", id: "fees", label: "Fees", items: [...] }] });
 * value.streams[0].kind // "income"
 */
export function checkProposalAssumptions(
  raw: unknown,
  fieldPrefix = "assumptions",
): Checked<ProposalAssumptions> {
  return parseFormat(assumptionsFormat, raw, fieldPrefix, fieldPrefix || "assumptions");
}

/**
 * Parses a proposal's single-cohort assumptions into the input of computeProfile; a multi-stream block is an
 * EngineError ("… works on single-cohort proposals only"). `fieldPrefix` (default "assumptions") starts every
 * error's field path.
 *
 * @example
 * const a = parseAssumptions({ baseline: { volumePerYear: 260 }, target: { kind: "percent", value: "8%" },
 *   durationWeeks: 153.1, unitCost: { weeklyCost: 1487, overlapWeeklyCost: 149, inflationPerYear: 0.04 },
 *   timeline: { startDate: "2026-08-01", pilotMonths: 4, rolloutMonths: 6, leadMonths: 8.5 } });
 * a.target.value.toNumber() // 0.08
 * parseAssumptions({ ...same, durationWeeks: -3 }) // throws "assumptions.durationWeeks: must be > 0, got -3"
 * parseAssumptions({ ...same, durationWeek: 3 }) // throws "assumptions.durationWeek: unknown field; did you mean durationWeeks?"
 */
export function parseAssumptions(raw: unknown, fieldPrefix = "assumptions"): ProfileInput {
  return checkAssumptions(raw, fieldPrefix).value;
}

/**
 * Parses single-cohort assumptions and returns them with their warnings (values that pass but look wrong).
 *
 * @example
 * checkAssumptions({ ...a, durationWeeks: 2000 }).warnings // ["assumptions.durationWeeks: 2000 weeks is over 20 years; ..."]
 */
export function checkAssumptions(raw: unknown, fieldPrefix = "assumptions"): Checked<ProfileInput> {
  const { value, warnings } = checkProposalAssumptions(raw, fieldPrefix);
  return { value: singleCohort(value, "this cell"), warnings };
}
