import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { forecastProfile, type Forecast } from "./forecast";
import { parsePeriod, periodProfile, type PeriodRow } from "./periodProfile";
import { DEFAULT_RAG_THRESHOLDS, ragStatus, type RagStatus, type RagThresholds } from "./rag";
import { variance, type Variance } from "./variance";
import type { FyStartYear, ProfileInput } from "./types";

/**
 * One proposal's tracking summary (the dashboard row of `track report`): per measure, plan and actual to date
 * over the periods that have actuals, the variance and RAG; the forecast outturn from the avoided events. Flows
 * (the £ saving, avoided events) are summed over the periods; a stock (caseload reduction) is compared in the
 * last period with an actual. The £ saving is compared with the plan's gross saving of those periods (finance
 * records investment costs on their own lines).
 */

/** An actual of one measure in one period. */
export interface MeasureActual {
  readonly period: string;
  /** "saving" (£) or a KPI key: avoidedEvents, caseloadReduction. */
  readonly measure: string;
  readonly value: Decimal;
}

/** Plan against actual to date for one measure. */
export interface MeasureTracking extends Variance {
  readonly measure: string;
  readonly rag: RagStatus;
  /** Periods compared, in order. */
  readonly periods: readonly string[];
}

/** A proposal's tracking summary. */
export interface TrackingSummary {
  readonly measures: readonly MeasureTracking[];
  /** The forecast from the avoided-events actuals, when there are any. */
  readonly forecast?: Forecast;
  /** The FY of the last actual: the forecast's "current FY". */
  readonly currentFy: FyStartYear;
}

/** Measures a cohort proposal is tracked on, and how each reads from a period of the plan. */
const PLAN_OF: Readonly<
  Record<string, { readonly stock: boolean; readonly pick: (r: PeriodRow) => Decimal }>
> = {
  saving: { stock: false, pick: (r) => r.gross },
  avoidedEvents: { stock: false, pick: (r) => r.avoidedEvents },
  caseloadReduction: { stock: true, pick: (r) => r.caseloadReduction },
};

/** The measures a single-cohort proposal can be tracked on. */
export const TRACKED_MEASURES = Object.keys(PLAN_OF);

/**
 * Tracks a single-cohort proposal's actuals against its plan.
 *
 * @example
 * trackProposal(cfs, [{ period: "2027-Q3", measure: "avoidedEvents", value: D(0) }]).measures[0].rag // "Red"
 */
export function trackProposal(
  input: ProfileInput,
  actuals: readonly MeasureActual[],
  thresholds: RagThresholds = DEFAULT_RAG_THRESHOLDS,
): TrackingSummary {
  if (actuals.length === 0) throw new EngineError("missing", "actuals", "give at least one actual");
  const rows = new Map<string, PeriodRow>();
  for (const kind of ["month", "quarter"] as const)
    for (const r of periodProfile(input, kind)) rows.set(r.label, r);
  const measures: MeasureTracking[] = [];
  for (const measure of [...new Set(actuals.map((a) => a.measure))]) {
    const how = PLAN_OF[measure];
    if (how === undefined) {
      throw new EngineError(
        "unknown-option",
        "measure",
        `must be one of ${TRACKED_MEASURES.join(", ")} for this proposal, got "${measure}"`,
      );
    }
    const mine = actuals
      .filter((a) => a.measure === measure)
      .map((a) => ({ ...a, at: parsePeriod(a.period) }))
      .sort((a, b) => a.at.fromDay - b.at.fromDay);
    // A quarter and a month in it (or the same period twice) would count the same delivery twice.
    for (let i = 1; i < mine.length; i++) {
      if (mine[i].at.fromDay < mine[i - 1].at.toDay) {
        throw new EngineError(
          "contradictory",
          "period",
          `${mine[i].period} overlaps ${mine[i - 1].period} for ${measure}: give each day once`,
        );
      }
    }
    const planOf = (label: string): Decimal => {
      const r = rows.get(label);
      if (r === undefined)
        throw new EngineError("out-of-range", "period", `${label} is outside the proposal's horizon`);
      return how.pick(r);
    };
    const last = mine[mine.length - 1];
    const actual = how.stock ? last.value : mine.reduce((s, a) => s.plus(a.value), ZERO);
    const plan = how.stock ? planOf(last.period) : mine.reduce((s, a) => s.plus(planOf(a.period)), ZERO);
    measures.push({
      measure,
      periods: mine.map((a) => a.period),
      ...variance(actual, plan),
      rag: ragStatus(actual, plan, thresholds),
    });
  }
  const events = actuals.filter((a) => a.measure === "avoidedEvents");
  const lastDay = Math.max(...actuals.map((a) => parsePeriod(a.period).toDay));
  const currentFy = parsePeriod(new Date((lastDay - 1) * 86_400_000).toISOString().slice(0, 7)).fy;
  return {
    measures,
    currentFy,
    ...(events.length > 0 ? { forecast: forecastProfile(input, events) } : {}),
  };
}
