import { describeReprofile, type ReprofileReading } from "./reprofile";

/**
 * A proposed reprofile in words, one wording for the CLI's `track reprofile` and the taskpane's Track tab: what
 * it fitted, the reading (marked indicative from fewer than FEW_PERIODS periods), and why none is proposed when
 * the actuals are at or ahead of the plan.
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

const periodsText = (n: number): string => (n === 1 ? "1 period" : `${n} periods`);

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
 * The reprofile proposed, in words: its reading, "(indicative only: 1 period of actuals)" when fewer than
 * FEW_PERIODS periods cannot tell the readings apart, or that none is proposed at or ahead of plan.
 *
 * @example
 * proposedReprofileText({ reading: { kind: "laterStart", days: 138 }, periods: 1, indicative: true })
 * // "a later start: 138 days (4.5 months) later (indicative only: 1 period of actuals)"
 */
export function proposedReprofileText(r: ReprofileSummary): string {
  const indicative = r.indicative ? ` (indicative only: ${periodsText(r.periods)} of actuals)` : "";
  return `${describeReprofile(r)}${indicative}`;
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
