import { fyLabel } from "./fiscalYear";
import { formatMoney } from "./present";
import type { ReprofileReading } from "./reprofile";
import type { Profile } from "./types";

/**
 * A proposed reprofile in words, one wording for the CLI's `track reprofile` and the taskpane's Track tab: what
 * it fitted and why none is proposed when the actuals are at or ahead of the plan. The reading is
 * `describeReprofile`'s; that it is indicative only (fewer than FEW_PERIODS periods) is said once, by the
 * engine's `indicativeNote` (the Track tab's note beside the reading, a line of the CLI's table). What the revised
 * figures are beside the forecast, and a revised full run rate at a later FY's prices, are said here too.
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

/**
 * What the revised figures are, beside the forecast `track report` prints: the two answer different questions,
 * so they differ whenever the actuals are off plan (the fitted reading also moves the plan after the actuals).
 */
export const REVISED_MEANS =
  "Revised: the approved plan refitted to the actuals, every period modelled (to date too): a proposal to " +
  "revise the plan, not the expected outturn.";

/** What the forecast beside a reprofile is: the one forecast `track report` and `track closure` give. */
export const FORECAST_MEANS =
  "Forecast: the expected outturn that track report and closure give (the actuals to date, then the approved plan).";

/**
 * The approved and revised full run rates in words. A revised run rate reached in a later FY is that FY's net,
 * at its prices (unit costs inflate each 1 April), so it can read above the approved one though nothing was
 * gained; the approved plan's net in that FY is given beside it, like for like. The forecast's (closure's
 * expected) follows when given.
 *
 * @example
 * fullRunRateText(fbpApproved, fbpRevised)
 * // "Full run rate: approved £2.00m in FY30/31, revised £2.10m in FY31/32 (reached 1 year later, at FY31/32
 * //  prices; the approved plan in FY31/32: £2.10m)"
 */
export function fullRunRateText(
  approved: Pick<Profile, "fullRunRate" | "years">,
  revised: Pick<Profile, "fullRunRate">,
  forecast?: Pick<Profile, "fullRunRate">,
): string {
  const a = approved.fullRunRate;
  const r = revised.fullRunRate;
  const later = r.fy - a.fy;
  const same = approved.years.find((y) => y.fy === r.fy);
  const likeForLike =
    later > 0 && same !== undefined
      ? ` (reached ${later === 1 ? "1 year" : `${later} years`} later, at ${r.label} prices; ` +
        `the approved plan in ${fyLabel(r.fy)}: ${formatMoney(same.cumulative)})`
      : "";
  const f = forecast?.fullRunRate;
  return (
    `Full run rate: approved ${formatMoney(a.value)} in ${a.label}, revised ${formatMoney(r.value)} in ${r.label}` +
    likeForLike +
    (f === undefined ? "" : `; forecast ${formatMoney(f.value)} in ${f.label}`)
  );
}
