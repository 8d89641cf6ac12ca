import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { cohortModel } from "./cohortStream";
import { daysInFy, dayNumber, fyOf, isoDate } from "./fiscalYear";
import { extrapolationWarning, FEW_PERIODS } from "./trackingWarnings";
import { variance } from "./variance";
import { rateValue } from "./parse/read";
import { parsePeriod } from "./periodProfile";
import { computeProfile, profileStreamInput } from "./profile";
import { cumulativeAt } from "./stockFlow";
import { DAYS_PER_MONTH, WEEKS_PER_MONTH } from "./timeline";
import type { PeriodActual } from "./forecast";
import type { Profile, ProfileInput, Timeline } from "./types";

/**
 * Reprofiling (issue 15, "MTFS refreshed … reprofile savings where required", 004): a revised profile that fits
 * the actual avoided events to date, read one of three ways: a later start (the whole timeline moves, the
 * slippage), a lower target reached (the target scaled), or a longer ramp (rollout stretched). Each reading's
 * parameter is the one that minimises the squared error between the modelled and the actual avoided events over
 * the periods with actuals; the reading with the smallest error is proposed, errors within TIE_SHARE of the
 * data's own squared scale of it being ties that go to the smaller change: a later start, a longer ramp, then a
 * lower target (one period fits all three almost exactly). Actuals at or ahead of the plan to date propose no change (an earlier start or a
 * higher target is not searched); fewer than FEW_PERIODS periods make a reprofile indicative only. The approved
 * input is never changed: the revision is a new input beside it.
 */

/** How a revised profile differs from the approved one. */
export type ReprofileReading =
  /** Start (and every stated timeline date) `days` later. */
  | { readonly kind: "laterStart"; readonly days: number }
  /** The target's value × `factor` (1 = as approved). */
  | { readonly kind: "targetReached"; readonly factor: Decimal }
  /** Rollout `weeks` longer (the full-impact date moves, first impact does not). */
  | { readonly kind: "longerRamp"; readonly weeks: Decimal };

/** One reading fitted to the actuals. */
export interface ReprofileCandidate {
  readonly reading: ReprofileReading;
  /** Σ (modelled − actual avoided events)² over the actual periods. */
  readonly squaredError: Decimal;
}

/** A proposed reprofile. */
export interface Reprofile {
  /** The measure fitted, when not the avoided events. */
  readonly measure?: ReprofileMeasure;
  /**
   * Actuals far above plan from few periods (trackingWarnings.ts), and the note that a reprofile from fewer
   * than FEW_PERIODS periods is indicative only; absent when there are none.
   */
  readonly warnings?: readonly string[];
  /** Number of actual periods fitted (RMS errors divide by it). */
  readonly periods: number;
  /** Fewer than FEW_PERIODS periods of actuals: the readings cannot be told apart. */
  readonly indicative?: true;
  /** Why it is indicative, in words (indicativeNote; also among `warnings`), for a note beside the reprofile. */
  readonly indicativeNote?: string;
  /** Actuals at or ahead of the plan to date: no change proposed (`reading` is a later start of 0 days). */
  readonly aheadOfPlan?: true;
  /** The reading proposed: the candidate with the smallest error (near-equal errors: the smaller change). */
  readonly reading: ReprofileReading;
  readonly squaredError: Decimal;
  /** Every reading tried, in the order laterStart, targetReached, longerRamp; none when ahead of plan. */
  readonly candidates: readonly ReprofileCandidate[];
  /** The approved plan's error, for comparison. */
  readonly approvedSquaredError: Decimal;
  /** The revised input (a copy; the approved one is untouched). */
  readonly input: ProfileInput;
  readonly approved: Profile;
  readonly revised: Profile;
}

/** Longest later start tried: three years. */
const MAX_SHIFT_DAYS = 1096;
/** The later start is searched every 14 days, then day by day around the best. */
const COARSE_DAYS = 14;
/** Longest ramp extension tried: three years (36 monthly steps, or 156 weeks). */
const MAX_RAMP_WEEKS = 156;

interface Window {
  readonly from: Decimal;
  readonly to: Decimal;
  readonly value: Decimal;
}

/** The measures a reprofile can fit: the cohort's KPIs, or the £ saving finance records. */
export type ReprofileMeasure = "avoidedEvents" | "caseloadReduction" | "saving";

/** The reprofile measures, in the order a workbook picks the one to fit (the first with actuals). */
export const REPROFILE_MEASURES: readonly ReprofileMeasure[] = [
  "avoidedEvents",
  "saving",
  "caseloadReduction",
];

function windowsOf(actuals: readonly PeriodActual[], measure: ReprofileMeasure): Window[] {
  if (actuals.length === 0)
    throw new EngineError("missing", "actuals", `give at least one period of ${measure} to reprofile on`);
  const seen: Window[] = [];
  actuals.forEach((a, k) => {
    const p = parsePeriod(a.period, `actuals[${k}].period`);
    if ((a.value.isNeg() && measure !== "saving") || !a.value.isFinite())
      throw new EngineError("out-of-range", `actuals[${k}].value`, `must be ≥ 0, got ${a.value.toString()}`);
    const w = { from: new Decimal(p.fromDay), to: new Decimal(p.toDay), value: a.value };
    if (seen.some((s) => s.from.lt(w.to) && w.from.lt(s.to)))
      throw new EngineError(
        "out-of-range",
        `actuals[${k}].period`,
        `${p.label} overlaps another actual period`,
      );
    seen.push(w);
  });
  return seen;
}

/**
 * The modelled measure in each of the windows, as periodProfile.ts computes a period: avoided events
 * F(b) − F(a); the average caseload reduction; the gross saving Σ parts average caseload × annual saving ×
 * (window days ÷ FY days).
 */
function modelled(input: ProfileInput, windows: readonly Window[], measure: ReprofileMeasure): Decimal[] {
  const model = cohortModel(profileStreamInput(input), input.horizon);
  const { flow } = model;
  return windows.map((w) => {
    if (measure === "avoidedEvents") return cumulativeAt(flow, w.to).minus(cumulativeAt(flow, w.from));
    if (measure === "caseloadReduction") return model.averageOf(flow, [w.from, w.to])[0];
    const fy = fyOf(w.from.toNumber());
    const prices = input.unitCost.inflationContingency ? input.unitCost.priceBaseFy : fy;
    const share = w.to.minus(w.from).div(daysInFy(fy));
    return model.parts.reduce(
      (s, p) => s.plus(model.averageOf(p.flow, [w.from, w.to])[0].times(share).times(p.annualSaving(prices))),
      ZERO,
    );
  });
}

function squaredError(input: ProfileInput, windows: readonly Window[], measure: ReprofileMeasure): Decimal {
  return modelled(input, windows, measure).reduce(
    (s, m, i) => s.plus(m.minus(windows[i].value).pow(2)),
    ZERO,
  );
}

/** The timeline's dates, all moved by a later start (in the parsed input and in the JSON alike). */
const TIMELINE_DATES = [
  "startDate",
  "designEndDate",
  "pilotEndDate",
  "sustainableDate",
  "deliveryEndDate",
] as const satisfies readonly (keyof Timeline)[];

const shiftDate = (date: string | undefined, days: number): string | undefined =>
  date === undefined ? undefined : isoDate(dayNumber(date) + days);

function withTimeline(input: ProfileInput, t: Partial<Timeline>): ProfileInput {
  const timeline = { ...input.timeline, ...t };
  for (const k of Object.keys(t) as (keyof Timeline)[]) if (t[k] === undefined) delete timeline[k];
  return { ...input, timeline };
}

/**
 * The approved input revised by a reading.
 *
 * @example
 * reprofiledInput(cfs, { kind: "laterStart", days: 92 }).timeline.startDate // "2026-11-01"
 */
export function reprofiledInput(input: ProfileInput, reading: ReprofileReading): ProfileInput {
  const t = input.timeline;
  switch (reading.kind) {
    case "laterStart":
      return withTimeline(
        input,
        Object.fromEntries(TIMELINE_DATES.map((k) => [k, shiftDate(t[k], reading.days)])),
      );
    case "targetReached":
      return { ...input, target: { ...input.target, value: input.target.value.times(reading.factor) } };
    case "longerRamp":
      return t.sustainableDate === undefined
        ? withTimeline(input, { rolloutWeeks: t.rolloutWeeks.plus(reading.weeks) })
        : withTimeline(input, {
            sustainableDate: shiftDate(t.sustainableDate, reading.weeks.times(7).round().toNumber()),
          });
  }
}

/**
 * Readings whose squared errors are within this share of the data's squared scale (squaredScale) of the
 * smallest are tied. 0.0001: against an exact fit, an RMS error within 1% of the RMS size of the figures
 * fitted (one quarter of actuals fits all three readings within 0.004%; three months made by a 60% target
 * give a ramp 0.1% and a later start 0.7%, told apart).
 */
export const TIE_SHARE = new Decimal("0.0001");

/**
 * The data's own squared scale: Σ over the actual periods of max(|actual|, |plan|)², so near-equal errors are
 * judged against the size of the figures fitted (events, £ or caseload alike).
 *
 * @example
 * squaredScale([D(1)], [D(2.19)]).toNumber() // 4.7961
 */
export function squaredScale(actual: readonly Decimal[], planned: readonly Decimal[]): Decimal {
  return actual.reduce((s, a, i) => s.plus(Decimal.max(a.abs(), planned[i].abs()).pow(2)), ZERO);
}

/**
 * Which reading wins a tie: the one that changes the approved figures least. A later start and a longer ramp
 * keep the approved target (its full run rate); a lower target cuts it.
 */
const TIE_ORDER: readonly ReprofileReading["kind"][] = ["laterStart", "longerRamp", "targetReached"];

/**
 * The candidate proposed: of those whose error is within TIE_SHARE × `scale` of the smallest error, the one
 * that changes the approved figures least (TIE_ORDER).
 *
 * @example
 * proposedCandidate([{ squaredError: D(0.0002), … }, { squaredError: D(0), … }], D(4.8)) // the first: a tie
 */
export function proposedCandidate(
  candidates: readonly ReprofileCandidate[],
  scale: Decimal,
): ReprofileCandidate {
  const least = Decimal.min(...candidates.map((c) => c.squaredError));
  const tie = scale.times(TIE_SHARE);
  const tied = candidates.filter((c) => c.squaredError.minus(least).lte(tie));
  const rank = (c: ReprofileCandidate) => TIE_ORDER.indexOf(c.reading.kind);
  return tied.reduce((b, c) => (rank(c) < rank(b) ? c : b));
}

/**
 * The root-mean-square error of a fit, in the measure's own units (£ for a saving): √(squared error ÷ periods).
 *
 * @example
 * rmsError(D(15387275.1942), 1).toFixed(0) // "3923"
 */
export function rmsError(squaredError: Decimal, periods: number): Decimal {
  return periods > 0 ? squaredError.div(periods).sqrt() : ZERO;
}

/**
 * The note on a reprofile from fewer than FEW_PERIODS periods: one or two periods fit every reading almost
 * exactly, so they cannot tell them apart.
 *
 * @example
 * indicativeNote(["2027-Q3"], "a later start, a lower target and a longer ramp")
 */
export function indicativeNote(periods: readonly string[], readings: string): string | undefined {
  const n = periods.length;
  if (n >= FEW_PERIODS) return undefined;
  const span = n === 1 ? `1 period (${periods[0]})` : `${n} periods (${periods[0]} to ${periods[n - 1]})`;
  return (
    `the reprofile is indicative only: ${span} of actuals cannot tell ${readings} apart; ` +
    `give at least ${FEW_PERIODS} periods before relying on it`
  );
}

/** The best of `steps` (ascending changes) by error; the first (smallest change) wins a tie. */
function best<T>(steps: readonly T[], error: (s: T) => Decimal): { step: T; error: Decimal } {
  let out = { step: steps[0], error: error(steps[0]) };
  for (const s of steps.slice(1)) {
    const e = error(s);
    if (e.lt(out.error)) out = { step: s, error: e };
  }
  return out;
}

function fitLaterStart(
  input: ProfileInput,
  windows: readonly Window[],
  measure: ReprofileMeasure,
): ReprofileCandidate {
  const err = (days: number) =>
    squaredError(reprofiledInput(input, { kind: "laterStart", days }), windows, measure);
  const coarse = best(
    Array.from({ length: Math.floor(MAX_SHIFT_DAYS / COARSE_DAYS) + 1 }, (_, k) => k * COARSE_DAYS),
    err,
  );
  const around = Array.from({ length: 2 * COARSE_DAYS + 1 }, (_, k) => coarse.step - COARSE_DAYS + k).filter(
    (d) => d >= 0,
  );
  const fine = best(around, err);
  return { reading: { kind: "laterStart", days: fine.step }, squaredError: fine.error };
}

/** Least squares in closed form: the modelled events scale with the target's value. */
function fitTarget(
  input: ProfileInput,
  windows: readonly Window[],
  measure: ReprofileMeasure,
): ReprofileCandidate {
  const planned = modelled(input, windows, measure);
  const pp = planned.reduce((s, p) => s.plus(p.pow(2)), ZERO);
  const ap = planned.reduce((s, p, i) => s.plus(p.times(windows[i].value)), ZERO);
  const factor = pp.isZero() ? new Decimal(1) : Decimal.max(ZERO, ap.div(pp)).toDecimalPlaces(4);
  const reading = { kind: "targetReached", factor } as const;
  return { reading, squaredError: squaredError(reprofiledInput(input, reading), windows, measure) };
}

function fitRamp(
  input: ProfileInput,
  windows: readonly Window[],
  measure: ReprofileMeasure,
): ReprofileCandidate {
  // A ramp in monthly steps stays in whole months, so its steps stay whole.
  const unit = input.timeline.ramp === "monthly-steps" ? WEEKS_PER_MONTH : new Decimal(1);
  const count = Math.floor(new Decimal(MAX_RAMP_WEEKS).div(unit).toNumber());
  const steps = Array.from({ length: count + 1 }, (_, k) => unit.times(k));
  const fit = best(steps, (weeks) =>
    squaredError(reprofiledInput(input, { kind: "longerRamp", weeks }), windows, measure),
  );
  return { reading: { kind: "longerRamp", weeks: fit.step }, squaredError: fit.error };
}

/**
 * Proposes a revised profile fitting the actual avoided events of a single-cohort proposal.
 *
 * @example
 * const r = reprofile(cfs, [{ period: "2027-10", value: D(0) }, { period: "2027-11", value: D(0) }, { period: "2027-12", value: D(0) }]);
 * r.reading // { kind: "laterStart", days: 138 }; r.revised.years beside r.approved.years
 */
export function reprofile(
  input: ProfileInput,
  actuals: readonly PeriodActual[],
  measure: ReprofileMeasure = "avoidedEvents",
): Reprofile {
  const windows = windowsOf(actuals, measure);
  const planned = modelled(input, windows, measure);
  const level = measure === "caseloadReduction";
  const last = windows.reduce((k, w, i) => (w.from.gt(windows[k].from) ? i : k), 0);
  const toDate = variance(
    level ? windows[last].value : windows.reduce((t, w) => t.plus(w.value), ZERO),
    level ? planned[last] : planned.reduce((t, p) => t.plus(p), ZERO),
  );
  const periods = actuals.map((a) => a.period);
  const warning = extrapolationWarning({ measure, periods, ...toDate });
  const ahead = toDate.variance.gte(0);
  // No reprofile is proposed at or ahead of plan, so there is nothing to call indicative.
  const note = ahead ? undefined : indicativeNote(periods, "a later start, a lower target and a longer ramp");
  const warnings = [
    ...(warning === undefined ? [] : [warning.message]),
    ...(note === undefined ? [] : [note]),
  ];
  const approvedSquaredError = squaredError(input, windows, measure);
  const approved = computeProfile(input);
  const common = {
    ...(measure === "avoidedEvents" ? {} : { measure }),
    ...(warnings.length === 0 ? {} : { warnings }),
    periods: windows.length,
    ...(note === undefined ? {} : { indicative: true as const, indicativeNote: note }),
    approvedSquaredError,
    approved,
  };
  // At or ahead of plan: the readings only delay or shrink the plan, so none fits better than no change.
  if (ahead)
    return {
      ...common,
      aheadOfPlan: true,
      reading: { kind: "laterStart", days: 0 },
      squaredError: approvedSquaredError,
      candidates: [],
      input,
      revised: approved,
    };
  const candidates = [
    fitLaterStart(input, windows, measure),
    fitTarget(input, windows, measure),
    fitRamp(input, windows, measure),
  ];
  const scale = squaredScale(
    windows.map((w) => w.value),
    planned,
  );
  const chosen = proposedCandidate(candidates, scale);
  const revisedInput = reprofiledInput(input, chosen.reading);
  return {
    ...common,
    reading: chosen.reading,
    squaredError: chosen.squaredError,
    candidates,
    input: revisedInput,
    revised: computeProfile(revisedInput),
  };
}

/**
 * A proposed reprofile in words: its reading, or that actuals at or ahead of plan propose none.
 *
 * @example
 * describeReprofile({ aheadOfPlan: true, … }) // "ahead of plan: no reprofile proposed"
 */
export function describeReprofile(r: {
  readonly reading: ReprofileReading;
  readonly aheadOfPlan?: true;
}): string {
  return r.aheadOfPlan ? AHEAD_OF_PLAN : describeReading(r.reading);
}

/** What a reprofile of actuals at or ahead of plan says. */
export const AHEAD_OF_PLAN = "ahead of plan: no reprofile proposed";

/**
 * A reading in words, for the CLI, the sheet and the taskpane.
 *
 * @example
 * describeReading({ kind: "laterStart", days: 138 }) // "a later start: 138 days (4.5 months) later"
 */
export function describeReading(r: ReprofileReading): string {
  switch (r.kind) {
    case "laterStart":
      return `a later start: ${r.days} days (${new Decimal(r.days).div(DAYS_PER_MONTH).toFixed(1)} months) later`;
    case "targetReached":
      return `${r.factor.lt(1) ? "a lower" : r.factor.gt(1) ? "a higher" : "the same"} target reached: ${r.factor.times(100).toDecimalPlaces(1).toString()}% of the approved target`;
    case "longerRamp":
      return `a longer ramp: rollout ${r.weeks.div(WEEKS_PER_MONTH).toFixed(1)} months longer`;
  }
}

/**
 * The revised assumptions JSON: the approved JSON with the reading applied in the units it was written in
 * (months stay months). On the multi-stream form the one cohort stream is revised. The input is not changed.
 *
 * @example
 * reprofiledAssumptionsJson({ timeline: { startDate: "2026-08-01" }, … }, { kind: "laterStart", days: 92 }).timeline.startDate // "2026-11-01"
 */
export function reprofiledAssumptionsJson(
  assumptions: Readonly<Record<string, unknown>>,
  reading: ReprofileReading,
): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(assumptions)) as Record<string, unknown>;
  const streams = copy.streams;
  let cohort = copy;
  if (Array.isArray(streams)) {
    const cohorts = (streams as Record<string, unknown>[]).filter((s) => s.kind === "cohort");
    if (cohorts.length !== 1)
      throw new EngineError(
        "unknown-option",
        "assumptions.streams",
        "a reprofile needs exactly one cohort stream",
      );
    cohort = cohorts[0];
  }
  const timeline = (cohort.timeline ?? {}) as Record<string, unknown>;
  const shift = (key: string, days: number): void => {
    if (typeof timeline[key] === "string") timeline[key] = isoDate(dayNumber(timeline[key] as string) + days);
  };
  switch (reading.kind) {
    case "laterStart":
      for (const k of TIMELINE_DATES) shift(k, reading.days);
      break;
    case "targetReached": {
      const target = cohort.target as Record<string, unknown>;
      // Read as the format reads it ("8%", 0.08, "1,200"), so a bad value is an error, not NaN.
      target.value = rateValue(target.value, "assumptions.target.value")
        .times(reading.factor)
        .toDecimalPlaces(10)
        .toNumber();
      break;
    }
    case "longerRamp":
      if (typeof timeline.sustainableDate === "string")
        shift("sustainableDate", reading.weeks.times(7).round().toNumber());
      else if (timeline.rolloutMonths !== undefined)
        timeline.rolloutMonths = new Decimal(Number(timeline.rolloutMonths ?? 0))
          .plus(reading.weeks.div(WEEKS_PER_MONTH))
          .toDecimalPlaces(10)
          .toNumber();
      else
        timeline.rolloutWeeks = new Decimal(Number(timeline.rolloutWeeks ?? 0))
          .plus(reading.weeks)
          .toNumber();
      break;
  }
  // A note the approved timeline carried may describe what the reprofile changed (a trial's "ramp rises in
  // monthly steps (1/6 a month)" after a longer ramp): say beside it what changed, keeping the user's words.
  if (reading.kind !== "targetReached" && typeof timeline.note === "string" && timeline.note.trim() !== "")
    timeline.note = `${timeline.note} [Reprofiled: ${describeReading(reading)}; the note above is the approved timeline's.]`;
  cohort.timeline = timeline;
  return copy;
}
