import { Decimal, ZERO } from "./money";
import { EngineError, isEngineError } from "./errors";
import { forecastProfile, type Forecast } from "./forecast";
import { parsePeriod, periodProfile, type PeriodRow } from "./periodProfile";
import { outsideHorizon } from "./outsideHorizon";
import { DEFAULT_RAG_THRESHOLDS, ragStatus, type RagStatus, type RagThresholds } from "./rag";
import { variance, type Variance } from "./variance";
import { trackingWarnings, type TrackingWarning } from "./trackingWarnings";
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
  /** The stream's id on a multi-stream proposal (streamTracking.ts); blank or absent: the only stream. */
  readonly stream?: string;
}

/** Plan against actual to date for one measure. */
export interface MeasureTracking extends Variance {
  readonly measure: string;
  /** The stream it is of (multi-stream proposals); absent for a single cohort and a proposal's £ total. */
  readonly stream?: string;
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
  /** Actuals far above plan from few periods (trackingWarnings.ts); absent when there are none. */
  readonly warnings?: readonly TrackingWarning[];
  /** Per stream of a multi-stream proposal: its measures and RAG (streamTracking.ts). */
  readonly streams?: readonly StreamTracking[];
  /**
   * Why there is no forecast though avoided events were recorded (their periods leave a gap or overlap): the
   * variance and RAG still stand, the forecast is left out rather than guessed.
   */
  readonly forecastWithheld?: string;
}

/**
 * A forecast, or why it is withheld: avoided-events actuals whose periods leave a gap or overlap cannot be
 * spliced into the plan (actualWindows), so tracking says so instead of failing the whole proposal.
 *
 * @example
 * forecastOrWhy(() => forecastProfile(cfs, gapped)) // { forecastWithheld: "avoided events 2028-03 leaves a gap after 2027-12: …" }
 */
export function forecastOrWhy(make: () => Forecast | undefined): {
  readonly forecast?: Forecast;
  readonly forecastWithheld?: string;
} {
  try {
    const forecast = make();
    return forecast === undefined ? {} : { forecast };
  } catch (e) {
    if (!isEngineError(e) || e.field !== "actuals") throw e;
    return { forecastWithheld: `avoided events ${e.rule}` };
  }
}

/** One stream of a multi-stream proposal tracked. */
export interface StreamTracking {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly measures: readonly MeasureTracking[];
  /** The worst of its measures' RAG. */
  readonly rag: RagStatus;
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
 * One measure's actuals (of one stream) against its plan per period: flows summed over the periods, a stock
 * compared in the last period. Overlapping periods (a quarter and a month in it) are refused.
 *
 * @example
 * trackMeasure("saving", actuals, (label) => plan.get(label), false).variance // Σ actual − Σ plan
 */
export function trackMeasure(
  measure: string,
  actuals: readonly { readonly period: string; readonly value: Decimal }[],
  planOf: (label: string) => Decimal,
  stock: boolean,
  thresholds: RagThresholds = DEFAULT_RAG_THRESHOLDS,
  stream?: string,
): MeasureTracking {
  const mine = actuals
    .map((a) => ({ ...a, at: parsePeriod(a.period) }))
    .sort((a, b) => a.at.fromDay - b.at.fromDay);
  const what = stream === undefined ? measure : `${stream} ${measure}`;
  // A quarter and a month in it (or the same period twice) would count the same delivery twice.
  for (let i = 1; i < mine.length; i++) {
    if (mine[i].at.fromDay < mine[i - 1].at.toDay) {
      throw new EngineError(
        "contradictory",
        "period",
        `${mine[i].period} overlaps ${mine[i - 1].period} for ${what}: give each day once`,
      );
    }
  }
  const last = mine[mine.length - 1];
  const actual = stock ? last.value : mine.reduce((s, a) => s.plus(a.value), ZERO);
  const plan = stock ? planOf(last.period) : mine.reduce((s, a) => s.plus(planOf(a.period)), ZERO);
  return {
    measure,
    ...(stream === undefined ? {} : { stream }),
    periods: mine.map((a) => a.period),
    ...variance(actual, plan),
    rag: ragStatus(actual, plan, thresholds),
  };
}

/**
 * The FY of the last day with an actual: the forecast's "current FY".
 *
 * @example
 * currentFyOf([{ period: "2027-Q4", measure: "saving", value: D(1) }]) // 2027
 */
export function currentFyOf(actuals: readonly { readonly period: string }[]): FyStartYear {
  const lastDay = Math.max(...actuals.map((a) => parsePeriod(a.period).toDay));
  return parsePeriod(new Date((lastDay - 1) * 86_400_000).toISOString().slice(0, 7)).fy;
}

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
  const planOf = (label: string): PeriodRow => {
    const r = rows.get(label);
    if (r === undefined) throw outsideHorizon(label, input.horizon);
    return r;
  };
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
    const mine = actuals.filter((a) => a.measure === measure);
    measures.push(trackMeasure(measure, mine, (label) => how.pick(planOf(label)), how.stock, thresholds));
  }
  const events = actuals.filter((a) => a.measure === "avoidedEvents");
  const warnings = trackingWarnings(measures);
  return {
    measures,
    currentFy: currentFyOf(actuals),
    ...(events.length > 0 ? forecastOrWhy(() => forecastProfile(input, events)) : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
