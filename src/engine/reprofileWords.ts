import type { ReprofileReading } from "./reprofile";

/**
 * A proposed reprofile in words, one wording for the CLI's `track reprofile` and the taskpane's Track tab: what
 * it fitted and why none is proposed when the actuals are at or ahead of the plan. The reading is
 * `describeReprofile`'s; that it is indicative only (fewer than FEW_PERIODS periods) is said once, by the
 * engine's `indicativeNote` (the Track tab's note beside the reading, the CLI's warning).
 */

/** What these words read of a reprofile (a single cohort's, reprofile.ts, or another stream's, streamReprofile.ts). */
export interface ReprofileSummary {
  readonly reading: ReprofileReading;
  /** The measure fitted; absent: the avoided events. */
  readonly measure?: string;
  /** The stream fitted, on a proposal of streams that are not a single cohort. */
  readonly stream?: string;
  /** Number of actual periods fitted. */
  readonly periods: number;
  readonly indicative?: true;
  readonly aheadOfPlan?: true;
}

/** The measures in the words these lines use (a KPI not listed reads as its key). */
const FITTED: Readonly<Record<string, string | undefined>> = {
  avoidedEvents: "avoided-events",
  saving: "£ saving",
  caseloadReduction: "caseload-reduction",
};

/**
 * The actuals a reprofile was fitted to, in words.
 *
 * @example
 * reprofiledActualsText({ periods: 3, reading }) // "avoided-events actuals"
 * reprofiledActualsText({ stream: "falls", measure: "saving", periods: 3, reading }) // "falls stream's £ saving actuals"
 */
export function reprofiledActualsText(r: ReprofileSummary): string {
  const measure = r.measure ?? "avoidedEvents";
  return `${r.stream === undefined ? "" : `${r.stream} stream's `}${FITTED[measure] ?? measure} actuals`;
}

/**
 * Why no reprofile is proposed, when the actuals are at or ahead of the approved plan; undefined otherwise.
 *
 * @example
 * aheadOfPlanText({ aheadOfPlan: true, periods: 3, reading })
 * // "The avoided-events actuals are at or ahead of the approved plan (an earlier start or a higher target is not searched)."
 */
export function aheadOfPlanText(r: ReprofileSummary): string | undefined {
  if (!r.aheadOfPlan) return undefined;
  return `The ${reprofiledActualsText(r)} are at or ahead of the approved plan (an earlier start or a higher target is not searched).`;
}
