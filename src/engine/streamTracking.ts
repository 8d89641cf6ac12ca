import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { assumptionsProfileWith, computeAssumptions, type ProposalAssumptions } from "./assumptions";
import { cohortModel } from "./cohortStream";
import { daysInFy } from "./fiscalYear";
import { actualWindows, splicedFlow, type Forecast, type StreamForecast } from "./forecast";
import { parsePeriod, periodProfile, periodsOf, type Period, type PeriodKind } from "./periodProfile";
import { profileStreamInput, profileSummary } from "./profile";
import { DEFAULT_RAG_THRESHOLDS, ragStatus, type RagStatus, type RagThresholds } from "./rag";
import { cumulativeAt, timeToReach } from "./stockFlow";
import { DAYS_PER_MONTH } from "./timeline";
import {
  currentFyOf,
  trackMeasure,
  trackProposal,
  type MeasureActual,
  type MeasureTracking,
  type StreamTracking,
  type TrackingSummary,
} from "./trackingSummary";
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

/** Measures that are a level held (compared in the last period), not a flow summed over periods. */
const LEVELS: ReadonlySet<string> = new Set([
  "caseloadReduction",
  "fteReduced",
  "peopleInNewProvision",
  "shareOfFullSaving",
  "reducedPackages",
  "packagesAvoided",
  "homecareHoursAvoided",
]);

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

/** A measure a stream is tracked on. */
export interface StreamMeasure {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** A level (compared in the last period with an actual) rather than a flow (summed). */
  readonly level: boolean;
}

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

const SAVING: StreamMeasure = { key: "saving", label: "Saving (£)", unit: "£", level: false };

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
    const measures: StreamMeasure[] = [
      SAVING,
      ...(line.years[0]?.measures ?? []).map((m) => ({
        key: m.key,
        label: m.label,
        unit: m.unit,
        level: LEVELS.has(m.key),
      })),
    ];
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
          year.measures.map((m) => [m.key, LEVELS.has(m.key) ? m.value : m.value.times(days)]),
        ),
      };
    });
    return { id: line.id, label: line.label, kind: line.kind, measures, rows };
  });
}

/** The stream an actual is of: its id, or the only stream when blank. */
function streamOf(plans: readonly StreamPlan[], a: MeasureActual): StreamPlan {
  const id = (a.stream ?? "").trim();
  if (id === "") {
    if (plans.length === 1) return plans[0];
    throw new EngineError(
      "missing",
      "stream",
      `this proposal has ${plans.length} streams (${plans.map((p) => p.id).join(", ")}): name one`,
    );
  }
  const p = plans.find((x) => x.id === id) ?? (id === "cohort" && plans.length === 1 ? plans[0] : undefined);
  if (p === undefined)
    throw new EngineError(
      "unknown-option",
      "stream",
      `must be one of ${plans.map((x) => x.id).join(", ")}, got "${id}"`,
    );
  return p;
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
    if (r === undefined)
      throw new EngineError("out-of-range", "period", `${label} is outside the proposal's horizon`);
    return r;
  };
  const value = (id: string, measure: string, label: string): Decimal =>
    measure === "saving" ? row(id, label).saving : (row(id, label).measures[measure] ?? ZERO);
  return { plans: month, row, value };
}

const WORST: Readonly<Record<RagStatus, number>> = { Red: 0, Amber: 1, Green: 2 };
const worst = (rags: readonly RagStatus[]): RagStatus =>
  rags.reduce((a, b) => (WORST[b] < WORST[a] ? b : a), "Green" as RagStatus);

/** A single-cohort proposal whose actuals are all on its one stream (tracked as it always was). */
function onSingleCohort(a: ProposalAssumptions, actuals: readonly MeasureActual[]): ProfileInput | undefined {
  if (a.cohort === undefined) return undefined;
  const id = a.streams[0]?.id ?? "cohort";
  const mine = actuals.every((x) => ["", "cohort", id].includes((x.stream ?? "").trim()));
  return mine ? a.cohort : undefined;
}

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
  const single = onSingleCohort(a, actuals);
  if (single !== undefined) return trackProposal(single, actuals, thresholds);
  const proposal = computeAssumptions(a).proposal;
  const index = planIndex(a, proposal);
  const byStream = new Map<string, MeasureActual[]>();
  for (const x of actuals) {
    const id = streamOf(index.plans, x).id;
    byStream.set(id, [...(byStream.get(id) ?? []), x]);
  }
  const streams: StreamTracking[] = [];
  for (const plan of index.plans) {
    const mine = byStream.get(plan.id);
    if (mine === undefined) continue;
    const measures = [...new Set(mine.map((x) => x.measure))].map((measure) => {
      const info = plan.measures.find((m) => m.key === measure);
      if (info === undefined)
        throw new EngineError(
          "unknown-option",
          "measure",
          `must be one of ${plan.measures.map((m) => m.key).join(", ")} for stream ${plan.id}, got "${measure}"`,
        );
      const list = mine.filter((x) => x.measure === measure);
      const planOf = (label: string) => index.value(plan.id, measure, label);
      return trackMeasure(measure, list, planOf, info.level, thresholds, plan.id);
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
  const forecast = streamsForecast(a, proposal, actuals, index);
  const warnings = trackingWarnings(measures.filter((m) => m.stream !== undefined));
  return {
    measures,
    currentFy: currentFyOf(actuals),
    ...(forecast === undefined ? {} : { forecast }),
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

/**
 * The forecast of a proposal of any streams (rules above); undefined when no stream has an actual it can be
 * re-run on.
 */
function streamsForecast(
  a: ProposalAssumptions,
  proposal: ProposalProfile,
  actuals: readonly MeasureActual[],
  index: ReturnType<typeof planIndex>,
): Forecast | undefined {
  const fys = proposal.years.map((y) => y.fy);
  const bases: StreamForecast[] = [];
  let events: { plan: Decimal; actual: Decimal; slippage?: Decimal } | undefined;
  const streamActuals = (id: string, measure: string) =>
    actuals.filter((x) => streamOf(index.plans, x).id === id && x.measure === measure);
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
        plan: planReached.minus(cumulativeAt(planFlow, from)),
        actual: actualReached.minus(cumulativeAt(planFlow, from)),
        ...(planDay === undefined ? {} : { slippage: through.minus(planDay).div(DAYS_PER_MONTH) }),
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
    bases.push({ id: line.id, label: line.label, basis, plan: [], forecast: [] });
    return out;
  });
  if (bases.every((b) => b.basis === "plan")) return undefined;
  const streams = bases.map((b, k) => ({
    ...b,
    plan: proposal.streams[k].years.map((y) => y.gross),
    forecast: profile.streams[k].years.map((y) => y.gross),
  }));
  const through = Math.max(...actuals.map((x) => parsePeriod(x.period).toDay));
  return {
    plan: profileSummary(proposal),
    forecast: profileSummary(profile),
    throughDay: through,
    planEventsToDate: events?.plan ?? ZERO,
    actualEventsToDate: events?.actual ?? ZERO,
    ...(events?.slippage === undefined ? {} : { slippageMonths: events.slippage }),
    streams,
  };
}
