import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { assumptionsProfileWith, computeAssumptions, type ProposalAssumptions } from "./assumptions";
import { cohortModel } from "./cohortStream";
import { daysInFy } from "./fiscalYear";
import { actualWindows, splicedFlow, sustainedRunRate, type Forecast, type StreamForecast } from "./forecast";
import { parsePeriod, periodProfile, periodsOf, type Period, type PeriodKind } from "./periodProfile";
import { outsideHorizon } from "./outsideHorizon";
import { formatSlippage } from "./present";
import { profileStreamInput, profileSummary } from "./profile";
import { DEFAULT_RAG_THRESHOLDS, ragStatus, type RagStatus, type RagThresholds } from "./rag";
import { cumulativeAt, timeToReach } from "./stockFlow";
import { DAYS_PER_MONTH } from "./timeline";
import {
  currentFyOf,
  forecastOrWhy,
  trackMeasure,
  trackProposal,
  type MeasureActual,
  type MeasureTracking,
  type StreamTracking,
  type TrackingSummary,
} from "./trackingSummary";
import { actualCheck, LEVEL_MEASURES, streamMeasures, type StreamMeasure } from "./trackedStream";
import { trackingWarnings } from "./trackingWarnings";
import { variance } from "./variance";
import type { ProposalProfile, ProposalStreamLine } from "./proposalProfile";
import type { StreamProfile } from "./stream";
import type { ProfileInput } from "./types";

/**
 * Tracking a proposal of any streams (issue 15). Each stream is tracked on its own measures: "saving" (the £
 * finance records) and the operational KPIs its kind reports (avoided events and caseload reduction for a
 * cohort; FTE reduced, people moved, finishers, packages reduced, … for the others). The plan per month or
 * quarter of a stream:
 *   cohort      the exact period profile (periodProfile.ts): events, caseload and the FY's saving split in
 *               proportion to the periods' gross;
 *   other kinds the FY's figures spread by days: a flow (the saving, people moved, finishers, units charged)
 *               in proportion to the period's days, a level (FTE, people in the new provision, share of the
 *               full saving, packages reduced) at the FY's average. Within-FY ramps are not resolved.
 * The saving is the stream's weighted gross on the proposal's reported basis, so the streams add up to the
 * proposal's gross. Variance and RAG per stream measure; with £ actuals on two or more streams, a proposal
 * total row. The forecast re-runs each stream and sums them through the proposal profile (costs, overlap,
 * existing MTFS lines as planned):
 *   a cohort with avoided-events actuals   re-run on them (forecast.ts's spliced flow);
 *   a stream with £ actuals                actual to date + plan after (each FY's saving moved by actual − plan);
 *   a stream with its driver KPI actuals   each actual period's saving × actual ÷ plan of the driver (every
 *                                          kind's saving is linear in its driver), the plan after;
 *   otherwise                              the plan.
 * A single-cohort proposal with actuals on its only stream is tracked by trackingSummary.ts, unchanged.
 */

/** The KPI each kind's saving is linear in (the cohort's is re-run on its avoided events). */
export const DRIVER_OF: Readonly<Record<string, string>> = {
  cohort: "avoidedEvents",
  addressableSpend: "shareOfFullSaving",
  income: "unitsCharged",
  staffing: "fteReduced",
  provision: "peopleInNewProvision",
  packageReview: "reducedPackages",
  reablement: "packagesAvoided",
};

/** One period of a stream's plan. Money in £. */
export interface StreamPeriodRow extends Period {
  /** The stream's weighted gross saving in the period (reported basis). */
  readonly saving: Decimal;
  /** Each KPI's planned value in the period (a flow's amount, a level's average). */
  readonly measures: Readonly<Record<string, Decimal>>;
}

/** A stream's plan per period. */
export interface StreamPlan {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  /** "saving" first, then the kind's KPIs. */
  readonly measures: readonly StreamMeasure[];
  readonly rows: readonly StreamPeriodRow[];
}

/**
 * A cohort stream's ProfileInput: the stream with the proposal's costs, overlap and horizon, as assumptions.ts
 * profiles it (so period profiles, forecasts and reprofiles of single cohorts apply to it).
 *
 * @example
 * cohortInput(reunification, 0).durationWeeks // the stream's
 */
export function cohortInput(a: ProposalAssumptions, k: number): ProfileInput {
  const s = a.streams[k];
  if (s.kind !== "cohort") throw new EngineError("contradictory", `streams[${k}]`, "is not a cohort stream");
  return { ...s, investment: a.investment, mtfsOverlap: a.mtfsOverlap, horizon: a.horizon };
}

/**
 * Each stream's plan by month or fiscal quarter over the horizon (rules above). The periods of a FY sum to the
 * stream's FY saving and flows.
 *
 * @example
 * streamPeriodPlans(incomeMaximisation, "quarter").map((p) => p.id) // ["fees", "traded"]
 */
export function streamPeriodPlans(
  a: ProposalAssumptions,
  kind: PeriodKind = "month",
  proposal: ProposalProfile = computeAssumptions(a).proposal,
): StreamPlan[] {
  const { horizon } = a;
  const periods = periodsOf(horizon.firstFy, horizon.lastFy, kind);
  const perFy = kind === "month" ? 12 : 4;
  return proposal.streams.map((line, k) => {
    const measures = streamMeasures(line);
    const cohortRows = line.kind === "cohort" ? periodProfile(cohortInput(a, k), kind) : undefined;
    const rows: StreamPeriodRow[] = periods.map((p, i) => {
      const y = Math.floor(i / perFy);
      const year = line.years[y];
      const days = new Decimal(p.toDay - p.fromDay).div(daysInFy(p.fy));
      if (cohortRows !== undefined) {
        const fyRows = cohortRows.slice(y * perFy, (y + 1) * perFy);
        const fyGross = fyRows.reduce((s, r) => s.plus(r.gross), ZERO);
        const share = fyGross.isZero() ? days : cohortRows[i].gross.div(fyGross);
        return {
          ...p,
          saving: year.gross.times(share),
          measures: {
            avoidedEvents: cohortRows[i].avoidedEvents,
            caseloadReduction: cohortRows[i].caseloadReduction,
          },
        };
      }
      return {
        ...p,
        saving: year.gross.times(days),
        measures: Object.fromEntries(
          year.measures.map((m) => [m.key, LEVEL_MEASURES.has(m.key) ? m.value : m.value.times(days)]),
        ),
      };
    });
    return { id: line.id, label: line.label, kind: line.kind, measures, rows };
  });
}

/** Both calendars' plans, by stream id and period label. */
function planIndex(a: ProposalAssumptions, proposal: ProposalProfile) {
  const month = streamPeriodPlans(a, "month", proposal);
  const quarter = streamPeriodPlans(a, "quarter", proposal);
  const rows = new Map<string, Map<string, StreamPeriodRow>>();
  for (const plan of [...month, ...quarter]) {
    const m = rows.get(plan.id) ?? new Map<string, StreamPeriodRow>();
    for (const r of plan.rows) m.set(r.label, r);
    rows.set(plan.id, m);
  }
  const row = (id: string, label: string): StreamPeriodRow => {
    const r = rows.get(id)?.get(label);
    if (r === undefined) throw outsideHorizon(label, a.horizon);
    return r;
  };
  const value = (id: string, measure: string, label: string): Decimal =>
    measure === "saving" ? row(id, label).saving : (row(id, label).measures[measure] ?? ZERO);
  return { plans: month, row, value };
}

const WORST: Readonly<Record<RagStatus, number>> = { Red: 0, Amber: 1, Green: 2 };
const worst = (rags: readonly RagStatus[]): RagStatus =>
  rags.reduce((a, b) => (WORST[b] < WORST[a] ? b : a), "Green" as RagStatus);

/**
 * Tracks a proposal's actuals (any streams) against its plan: per stream and measure, variance and RAG; the
 * proposal's £ total; the forecast; warnings. A single-cohort proposal gives trackProposal's summary.
 *
 * @example
 * trackAssumptions(incomeMax, [{ stream: "fees", period: "2026-Q3", measure: "saving", value: D(5000) }]).streams[0].rag
 */
export function trackAssumptions(
  a: ProposalAssumptions,
  actuals: readonly MeasureActual[],
  thresholds: RagThresholds = DEFAULT_RAG_THRESHOLDS,
): TrackingSummary {
  if (actuals.length === 0) throw new EngineError("missing", "actuals", "give at least one actual");
  const proposal = computeAssumptions(a).proposal;
  const check = actualCheck(a, { proposal });
  // Each actual with its stream's id (a blank or "cohort" resolved), once checked.
  const resolved = actuals.map((x) => ({ ...x, stream: check(x).id }));
  if (a.cohort !== undefined) return trackProposal(a.cohort, actuals, thresholds);
  const index = planIndex(a, proposal);
  const byStream = new Map<string, MeasureActual[]>();
  for (const x of resolved) byStream.set(x.stream, [...(byStream.get(x.stream) ?? []), x]);
  const streams: StreamTracking[] = [];
  for (const plan of index.plans) {
    const mine = byStream.get(plan.id);
    if (mine === undefined) continue;
    const measures = [...new Set(mine.map((x) => x.measure))].map((measure) => {
      const level = plan.measures.some((m) => m.key === measure && m.level);
      const list = mine.filter((x) => x.measure === measure);
      const planOf = (label: string) => index.value(plan.id, measure, label);
      return trackMeasure(measure, list, planOf, level, thresholds, plan.id);
    });
    streams.push({
      id: plan.id,
      label: plan.label,
      kind: plan.kind,
      measures,
      rag: worst(measures.map((m) => m.rag)),
    });
  }
  const measures: MeasureTracking[] = streams.flatMap((s) => s.measures);
  const savings = measures.filter((m) => m.measure === "saving");
  if (savings.length >= 2) {
    const actual = savings.reduce((s, m) => s.plus(m.actual), ZERO);
    const plan = savings.reduce((s, m) => s.plus(m.plan), ZERO);
    const labels = [...new Set(savings.flatMap((m) => m.periods))].sort(
      (x, y) => parsePeriod(x).fromDay - parsePeriod(y).fromDay,
    );
    measures.push({
      measure: "saving",
      periods: labels,
      ...variance(actual, plan),
      rag: ragStatus(actual, plan, thresholds),
    });
  }
  const forecast = forecastOrWhy(() => streamsForecast(a, proposal, resolved, index));
  const warnings = trackingWarnings(measures.filter((m) => m.stream !== undefined));
  return {
    measures,
    currentFy: currentFyOf(actuals),
    ...forecast,
    ...(warnings.length > 0 ? { warnings } : {}),
    streams,
  };
}

/** A stream profile's saving moved by a £ amount per FY (on the reported basis, after weighting). */
function movedBy(
  planned: StreamProfile,
  line: ProposalStreamLine,
  deltas: readonly Decimal[],
): StreamProfile {
  const w = line.weighting;
  if (w.isZero() || deltas.every((d) => d.isZero())) return planned;
  return {
    ...planned,
    years: planned.years.map((y, i) => {
      const raw = deltas[i].div(w);
      if (raw.isZero()) return y;
      const reported = line.years[i].grossBeforeWeighting;
      if (reported.isZero())
        return { ...y, gross: y.gross.plus(raw), grossAtPriceBase: y.grossAtPriceBase.plus(raw) };
      const r = reported.plus(raw).div(reported);
      return { ...y, gross: y.gross.times(r), grossAtPriceBase: y.grossAtPriceBase.times(r) };
    }),
  };
}

/** A cohort stream's avoided events to date (from its first actual period) and its slippage. */
interface EventsToDate {
  readonly planEventsToDate: Decimal;
  readonly actualEventsToDate: Decimal;
  readonly slippageMonths?: Decimal;
}

/**
 * The forecast of a proposal of any streams (rules above); undefined when no stream has an actual it can be
 * re-run on. Avoided events to date add up over the cohort streams with event actuals; the slippage is each
 * stream's (a proposal-level slippage only when one stream has them: two streams' months do not add).
 * `actuals` carry their stream's resolved id.
 */
function streamsForecast(
  a: ProposalAssumptions,
  proposal: ProposalProfile,
  actuals: readonly (MeasureActual & { readonly stream: string })[],
  index: ReturnType<typeof planIndex>,
): Forecast | undefined {
  const fys = proposal.years.map((y) => y.fy);
  const bases: StreamForecast[] = [];
  const streamActuals = (id: string, measure: string) =>
    actuals.filter((x) => x.stream === id && x.measure === measure);
  const deltasOf = (list: readonly MeasureActual[], delta: (x: MeasureActual) => Decimal): Decimal[] =>
    fys.map((fy) =>
      list.filter((x) => parsePeriod(x.period).fy === fy).reduce((s, x) => s.plus(delta(x)), ZERO),
    );
  const profile = assumptionsProfileWith(a, (k, s, planned, rerunCohort) => {
    const line = proposal.streams[k];
    const eventActuals = s.kind === "cohort" ? streamActuals(line.id, "avoidedEvents") : [];
    const saving = streamActuals(line.id, "saving");
    const driver = DRIVER_OF[s.kind];
    const drivers = s.kind === "cohort" ? [] : streamActuals(line.id, driver);
    let basis = "plan";
    let out = planned;
    let events: EventsToDate | undefined;
    if (eventActuals.length > 0) {
      const windows = actualWindows(eventActuals);
      basis = "avoidedEvents";
      out = rerunCohort((f) => splicedFlow(f, windows));
      const planFlow = cohortModel(profileStreamInput(cohortInput(a, k)), a.horizon).flow;
      const from = new Decimal(windows[0].fromDay);
      const through = new Decimal(windows[windows.length - 1].toDay);
      const planReached = cumulativeAt(planFlow, through);
      const actualReached = cumulativeAt(planFlow, from).plus(
        windows.reduce((t, w) => t.plus(w.value), ZERO),
      );
      const planDay = actualReached.eq(planReached) ? through : timeToReach(planFlow, actualReached);
      events = {
        planEventsToDate: planReached.minus(cumulativeAt(planFlow, from)),
        actualEventsToDate: actualReached.minus(cumulativeAt(planFlow, from)),
        ...(planDay === undefined ? {} : { slippageMonths: through.minus(planDay).div(DAYS_PER_MONTH) }),
      };
    } else if (saving.length > 0) {
      basis = "saving";
      out = movedBy(
        planned,
        line,
        deltasOf(saving, (x) => x.value.minus(index.value(line.id, "saving", x.period))),
      );
    } else if (drivers.length > 0) {
      basis = driver;
      out = movedBy(
        planned,
        line,
        deltasOf(drivers, (x) => {
          const plan = index.value(line.id, driver, x.period);
          const saving = index.value(line.id, "saving", x.period);
          return plan.gt(0) ? saving.times(x.value.div(plan).minus(1)) : ZERO;
        }),
      );
    }
    bases.push({ id: line.id, label: line.label, basis, kind: s.kind, plan: [], forecast: [], ...events });
    return out;
  });
  if (bases.every((b) => b.basis === "plan")) return undefined;
  const streams = bases.map((b, k) => ({
    ...b,
    plan: proposal.streams[k].years.map((y) => y.gross),
    forecast: profile.streams[k].years.map((y) => y.gross),
  }));
  const through = Math.max(...actuals.map((x) => parsePeriod(x.period).toDay));
  const onEvents = eventStreams(bases);
  const slippage = onEvents.length === 1 ? onEvents[0].slippageMonths : undefined;
  const plan = profileSummary(proposal);
  const forecast = profileSummary(profile);
  return {
    plan,
    forecast: { ...forecast, fullRunRate: sustainedRunRate(plan, forecast, through) },
    throughDay: through,
    planEventsToDate: onEvents.reduce((t, b) => t.plus(b.planEventsToDate ?? ZERO), ZERO),
    actualEventsToDate: onEvents.reduce((t, b) => t.plus(b.actualEventsToDate ?? ZERO), ZERO),
    ...(slippage === undefined ? {} : { slippageMonths: slippage }),
    streams,
  };
}

/** The streams forecast from their avoided-events actuals (each with its events to date and slippage). */
function eventStreams(streams: readonly StreamForecast[]): StreamForecast[] {
  return streams.filter((s) => s.planEventsToDate !== undefined);
}

/**
 * The streams whose slippage is given on its own: the cohort streams with avoided-events actuals, when there
 * are two or more (their months do not add up to the proposal's); undefined when the proposal's slippage is
 * the forecast's own (one such stream, or a single cohort).
 *
 * @example
 * slippageByStream(trackAssumptions(pair, actualsOnBoth).forecast!)?.map((s) => s.id) // ["first", "second"]
 */
export function slippageByStream(f: Forecast): readonly StreamForecast[] | undefined {
  const streams = eventStreams(f.streams ?? []);
  return streams.length >= 2 ? streams : undefined;
}

/** Slippage of a proposal none of whose streams is a cohort (the CLI and the Dashboard say it alike). */
export const NO_COHORT_SLIPPAGE = "n/a (no cohort stream)";

/**
 * Whether a forecast is of a proposal of streams none of which is a cohort: it has no slippage at all.
 *
 * @example
 * hasNoCohortStream(trackAssumptions(incomeMax, feesActuals).forecast!) // true
 */
export function hasNoCohortStream(f: Forecast): boolean {
  return f.streams !== undefined && f.streams.every((s) => s.kind !== undefined && s.kind !== "cohort");
}

/**
 * A forecast's slippage in words: the proposal's, or each cohort stream's when two or more have event
 * actuals; on a proposal of streams with none, that slippage reads from avoided events only.
 *
 * @example
 * slippageText(pairForecast) // "per stream: first 6.1 months ahead of the plan; second 42.1 months ahead of the plan"
 */
export function slippageText(f: Forecast): string {
  const perStream = slippageByStream(f);
  if (perStream !== undefined)
    return `per stream: ${perStream.map((s) => `${s.id} ${formatSlippage(s.slippageMonths)}`).join("; ")}`;
  if (hasNoCohortStream(f)) return NO_COHORT_SLIPPAGE;
  if (f.streams?.every((s) => s.planEventsToDate === undefined))
    return "read from avoided-events actuals only (none recorded)";
  return formatSlippage(f.slippageMonths);
}
