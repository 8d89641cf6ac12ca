import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { forecastProfile, type Forecast } from "./forecast";
import { periodProfile } from "./periodProfile";
import { fyLabel } from "./fiscalYear";
import { outsideHorizon } from "./outsideHorizon";
import { DEFAULT_RAG_THRESHOLDS, ragStatus, type RagThresholds } from "./rag";
import { variance } from "./variance";
import type { EdgeOfCarePeriodResult, EdgeOfCareResult } from "./edgeOfCare";
import { cohortInput } from "./streamTracking";
import type { ProposalAssumptions } from "./assumptions";
import type { TrackingLinks } from "./format/trackingFormat";
import type { MeasureActual, MeasureTracking } from "./trackingSummary";
import type { FyStartYear, ProfileInput } from "./types";

/**
 * Edge of care as tracking (issue 15; the Edge of Care Interventions Summary Report, 003): a programme's
 * year-to-date summary is an actual against its annual target, measure by measure, with the same variance,
 * % of target and RAG as every tracked proposal (the % of target is the one edgeOfCare.ts prints). The YTD's
 * in-year successful diversions are avoided events: they feed the forecast of a proposal that names the
 * programme, spread over the YTD's quarters in the plan's own shape.
 */

/** The measures an edge-of-care summary reports, in its column order. */
export const EDGE_OF_CARE_MEASURES = [
  "familiesStarted",
  "childrenStarted",
  "postDeflatorCumulative",
  "inYearDiversions",
  "inYearGross",
  "inYearNet",
] as const;

/** One period of a programme tracked against its annual target. */
export interface EdgeOfCareTracking {
  readonly programme: string;
  readonly period: string;
  readonly measures: readonly MeasureTracking[];
}

/**
 * Each actual period of a summary tracked against the annual target (none without a target). A measure the
 * period leaves blank (FFT's YTD intervention cost, so its nets) is left out.
 *
 * @example
 * edgeOfCareTracking(edgeOfCare(mst))[2].measures.find((m) => m.measure === "inYearDiversions")?.percentOfPlan // 0.5
 */
export function edgeOfCareTracking(
  result: EdgeOfCareResult,
  thresholds: RagThresholds = DEFAULT_RAG_THRESHOLDS,
): EdgeOfCareTracking[] {
  const target = result.target;
  if (target === undefined) return [];
  return result.periods.map((p) => ({
    programme: result.programme,
    period: p.period,
    measures: EDGE_OF_CARE_MEASURES.flatMap((measure): MeasureTracking[] => {
      const actual = p[measure];
      const plan = target[measure];
      if (actual === undefined || plan === undefined) return [];
      return [
        { measure, periods: [p.period], ...variance(actual, plan), rag: ragStatus(actual, plan, thresholds) },
      ];
    }),
  }));
}

/**
 * The YTD's in-year successful diversions as avoided-events actuals of a proposal, for FY `fy`'s quarters 1 to
 * `quarters`: the total split over them in proportion to the proposal's planned events (evenly when none are
 * planned), so a YTD equal to the plan gives the plan.
 *
 * @example
 * edgeOfCareActuals(cfs, ytd, 2027, 2) // [{ period: "2027-Q1", value: … }, { period: "2027-Q2", value: … }]
 */
export function edgeOfCareActuals(
  input: ProfileInput,
  ytd: EdgeOfCarePeriodResult,
  fy: FyStartYear,
  quarters: number,
): { readonly period: string; readonly value: Decimal }[] {
  if (!Number.isInteger(quarters) || quarters < 1 || quarters > 4)
    throw new EngineError(
      "out-of-range",
      "quarters",
      `must be 1 to 4 quarters of the year to date, got ${quarters}`,
    );
  const labels = Array.from({ length: quarters }, (_, k) => `${fy}-Q${k + 1}`);
  const rows = periodProfile(input, "quarter").filter((r) => labels.includes(r.label));
  if (rows.length !== quarters) throw outsideHorizon(fyLabel(fy), input.horizon, { field: "fy" });
  const planned = rows.reduce((s, r) => s.plus(r.avoidedEvents), ZERO);
  const total = ytd.inYearDiversions;
  return rows.map((r) => ({
    period: r.label,
    value: planned.isZero() ? total.div(quarters) : total.times(r.avoidedEvents).div(planned),
  }));
}

/**
 * The forecast of a proposal that names an edge-of-care programme, from the programme's YTD diversions.
 *
 * @example
 * edgeOfCareForecast(proposal, mst.periods[2], 2020, 2).forecast.years // per FY
 */
export function edgeOfCareForecast(
  input: ProfileInput,
  ytd: EdgeOfCarePeriodResult,
  fy: FyStartYear,
  quarters: number,
): Forecast {
  return forecastProfile(input, edgeOfCareActuals(input, ytd, fy, quarters));
}

/**
 * The avoided-entries actuals a proposal's link to an edge-of-care programme gives (format/trackingFormat.ts):
 * the named programme's period (default its last, the year to date), its in-year successful diversions spread
 * over the linked FY's quarters in the cohort's plan shape (edgeOfCareActuals), on the linked cohort stream.
 * No link, no actuals; a link to a programme not among `results`, or to a proposal without one cohort stream,
 * is an EngineError naming the field.
 *
 * @example
 * edgeOfCareFeed(proposal.assumptions, proposal.tracking, [edgeOfCare(mst)]) // [{ stream: "cohort", period: "2027-Q1", measure: "avoidedEvents", … }]
 */
export function edgeOfCareFeed(
  a: ProposalAssumptions,
  links: TrackingLinks | undefined,
  results: readonly EdgeOfCareResult[],
): MeasureActual[] {
  const link = links?.edgeOfCare;
  if (link === undefined) return [];
  const result = results.find((r) => r.programme === link.programme);
  if (result === undefined)
    throw new EngineError(
      "missing",
      "tracking.edgeOfCare.programme",
      `no edge-of-care summary is for "${link.programme}" (given: ${results.map((r) => r.programme).join(", ") || "none"})`,
    );
  const ytd =
    link.period === undefined
      ? result.periods[result.periods.length - 1]
      : result.periods.find((p) => p.period === link.period);
  if (ytd === undefined)
    throw new EngineError(
      "missing",
      "tracking.edgeOfCare.period",
      `${result.programme} has no period "${link.period ?? ""}" (it has ${result.periods.map((p) => p.period).join(", ")})`,
    );
  const cohorts = a.streams.flatMap((s, k) =>
    s.kind === "cohort" && (link.stream ?? s.id) === s.id ? [k] : [],
  );
  if (cohorts.length !== 1)
    throw new EngineError(
      "contradictory",
      "tracking.edgeOfCare.stream",
      link.stream === undefined
        ? `the diversions feed one cohort stream; this proposal has ${cohorts.length}: name one`
        : `no cohort stream is called "${link.stream}"`,
    );
  const k = cohorts[0];
  const input = a.cohort ?? cohortInput(a, k);
  return edgeOfCareActuals(input, ytd, link.fy, link.quarters).map((x) => ({
    ...x,
    measure: "avoidedEvents",
    stream: a.streams[k].id,
  }));
}
