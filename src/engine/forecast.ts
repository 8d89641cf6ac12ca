import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { cohortModel, cohortStream } from "./cohortStream";
import { fyLabel, fyOf } from "./fiscalYear";
import { parsePeriod, type Period } from "./periodProfile";
import { profileOfStream, profileStreamInput } from "./profile";
import { DAYS_PER_MONTH } from "./timeline";
import {
  cumulativeAt,
  fromPieces,
  piecesOf,
  timeToReach,
  type CumulativeFlow,
  type CumulativePiece,
} from "./stockFlow";
import type { Profile, ProfileInput } from "./types";

/**
 * Forecast outturn (issue 15): the model re-run with the actual KPIs to date and the plan after that. For the
 * cohort stream the actual avoided events of each period replace the modelled flow (spread evenly over the
 * period) from the first actual period to the end of the last; after it events follow the plan's rate, from the
 * level actually reached. The FY profile and the MTFS row then come from the same stock, unit costs and costs
 * as the plan. Slippage is the horizontal gap between the curves at the last actual day: how many (average,
 * 30.44-day) months earlier the plan expected the avoided events delivered by then. The forecast's full run rate
 * is the sustained rate (sustainedRunRate), so a one-off shortfall in the year the plan settles does not lower it.
 */

/** Avoided events actually recorded in a period ("2026-04" or "2026-Q1"). */
export interface PeriodActual {
  readonly period: string;
  readonly value: Decimal;
}

/** A forecast and how it was made. */
export interface Forecast {
  readonly plan: Profile;
  readonly forecast: Profile;
  /** Last day covered by actuals (exclusive end of the last actual period), a UTC day number. */
  readonly throughDay: number;
  /** Avoided events to date: planned and actual (from the first actual period). */
  readonly planEventsToDate: Decimal;
  readonly actualEventsToDate: Decimal;
  /**
   * Months by which delivery runs behind the plan at the last actual day (negative: ahead); absent when the
   * plan never reaches the actual level within the horizon, or when two or more cohort streams have event
   * actuals (then each stream's is in `streams`).
   */
  readonly slippageMonths?: Decimal;
  /** Per stream of a multi-stream proposal: what its forecast was read from and its gross by FY (streamTracking.ts). */
  readonly streams?: readonly StreamForecast[];
}

/** One stream's forecast: its weighted gross by FY of the horizon, planned and forecast. Money in £. */
export interface StreamForecast {
  readonly id: string;
  readonly label: string;
  /** The measure the forecast re-ran the stream on ("avoidedEvents", "saving", a driver KPI), or "plan". */
  readonly basis: string;
  /** The stream's kind ("cohort", "income", …); only a cohort stream has slippage. */
  readonly kind?: string;
  readonly plan: readonly Decimal[];
  readonly forecast: readonly Decimal[];
  /** A cohort stream forecast from avoided-events actuals: its events to date (from its first actual period). */
  readonly planEventsToDate?: Decimal;
  readonly actualEventsToDate?: Decimal;
  /** Its slippage in months at its last actual day (absent: the plan does not reach it within the horizon). */
  readonly slippageMonths?: Decimal;
}

/**
 * Actual periods sorted and checked: no overlaps, no gaps, no negative counts.
 *
 * @example
 * actualWindows([{ period: "2027-Q2", value: D(3) }])[0].fromDay // dayNumber("2027-07-01")
 */
export function actualWindows(actuals: readonly PeriodActual[]): (Period & { value: Decimal })[] {
  if (actuals.length === 0)
    throw new EngineError("missing", "actuals", "give at least one period of avoided events");
  const windows = actuals
    .map((a, k) => {
      if (a.value.isNeg() || !a.value.isFinite()) {
        throw new EngineError(
          "out-of-range",
          `actuals[${k}].value`,
          `must be ≥ 0 avoided events, got ${a.value.toString()}`,
        );
      }
      return { ...parsePeriod(a.period, `actuals[${k}].period`), value: a.value };
    })
    .sort((a, b) => a.fromDay - b.fromDay);
  const [first] = periodBreaks(windows);
  if (first !== undefined)
    throw new EngineError("out-of-range", "actuals", `${windows[first.at].label} ${first.rule}`);
  return windows;
}

/** Where a period does not follow on from the one before it: its index and the rule it breaks. */
export interface PeriodBreak {
  /** Index (in the list given) of the later period; the one before it is at `at - 1`. */
  readonly at: number;
  readonly rule: string;
}

/**
 * Every place periods sorted by start do not follow one another (an overlap, or a gap): the one rule the
 * forecast's actuals keep (actualWindows) and the import's check of a stream's avoided events reads.
 *
 * @example
 * periodBreaks(["2027-12", "2028-03"].map((p) => parsePeriod(p))) // [{ at: 1, rule: "leaves a gap after 2027-12: …" }]
 */
export function periodBreaks(sorted: readonly Period[]): PeriodBreak[] {
  const out: PeriodBreak[] = [];
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].fromDay === sorted[i - 1].toDay) continue;
    const rule =
      sorted[i].fromDay < sorted[i - 1].toDay
        ? `overlaps ${sorted[i - 1].label}`
        : `leaves a gap after ${sorted[i - 1].label}: give every period up to the last actual one`;
    out.push({ at: i, rule });
  }
  return out;
}

/** The plan's F at day t as a piece starting there (value, rate and acceleration at t). */
function planPieceAt(plan: CumulativeFlow, t: Decimal): CumulativePiece {
  let p: CumulativePiece | undefined;
  for (const q of piecesOf(plan)) if (q.start.lte(t)) p = q;
  if (p === undefined) return { start: t, value: ZERO, rate: ZERO, accel: ZERO };
  return {
    start: t,
    value: cumulativeAt(plan, t),
    rate: p.rate.plus(p.accel.times(t.minus(p.start))),
    accel: p.accel,
  };
}

/** The plan's pieces on [from, to), each starting at or after `from`. */
function planPiecesOn(plan: CumulativeFlow, from: Decimal, to: Decimal): CumulativePiece[] {
  return [planPieceAt(plan, from), ...piecesOf(plan).filter((p) => p.start.gt(from) && p.start.lt(to))];
}

/**
 * The plan's flow with the actual events of each actual period, delivered in the plan's own shape within the
 * period (scaled by actual ÷ planned; evenly when none were planned), then the plan's rate from the level reached.
 * Actuals equal to the plan give the plan's flow back.
 *
 * @example
 * cumulativeAt(splicedFlow(plan, [{ fromDay: 0, toDay: 10, value: D(3) }]), D(10)).toNumber() // F_plan(0) + 3
 */
export function splicedFlow(
  plan: CumulativeFlow,
  windows: readonly { readonly fromDay: number; readonly toDay: number; readonly value: Decimal }[],
): CumulativeFlow {
  const a0 = new Decimal(windows[0].fromDay);
  const end = new Decimal(windows[windows.length - 1].toDay);
  const pieces: CumulativePiece[] = piecesOf(plan).filter((p) => p.start.lt(a0));
  let level = cumulativeAt(plan, a0);
  for (const w of windows) {
    const a = new Decimal(w.fromDay);
    const b = new Decimal(w.toDay);
    const base = cumulativeAt(plan, a);
    const planned = cumulativeAt(plan, b).minus(base);
    if (planned.gt(0)) {
      const r = w.value.div(planned);
      for (const p of planPiecesOn(plan, a, b)) {
        pieces.push({
          start: p.start,
          value: level.plus(p.value.minus(base).times(r)),
          rate: p.rate.times(r),
          accel: p.accel.times(r),
        });
      }
    } else {
      pieces.push({ start: a, value: level, rate: w.value.div(b.minus(a)), accel: ZERO });
    }
    level = level.plus(w.value);
  }
  const offset = level.minus(cumulativeAt(plan, end));
  for (const p of planPiecesOn(plan, end, new Decimal(Infinity))) {
    pieces.push({ ...p, value: p.value.plus(offset) });
  }
  return fromPieces(pieces);
}

/**
 * The full run rate of a forecast read as "actual to date + plan after": the sustained rate, so the forecast's
 * net in the first FY after the last actual period that is at the plan's full run rate, i.e. the later of the
 * plan's run-rate FY and the FY after the actuals'; the plan's run rate when that FY is beyond the horizon. The
 * same rule for every stream kind (a one-off shortfall in the FY the plan settles would otherwise lower it).
 *
 * @example
 * sustainedRunRate(plan, forecast, dayNumber("2027-07-01")).fy // max(plan.fullRunRate.fy, 2028)
 */
export function sustainedRunRate(
  plan: Profile,
  forecast: Profile,
  throughDay: number,
): Profile["fullRunRate"] {
  const fy = Math.max(plan.fullRunRate.fy, fyOf(throughDay - 1) + 1);
  const row = forecast.years.find((y) => y.fy === fy);
  if (row === undefined) return plan.fullRunRate;
  return { value: row.cumulative, fy, label: fyLabel(fy), inflationContingency: row.inflationContingency };
}

/**
 * The forecast outturn of a single-cohort proposal from actual avoided events per month or quarter.
 *
 * @example
 * const f = forecastProfile(cfs, [{ period: "2027-Q1", value: D(2) }]);
 * f.forecast.years.map((y) => y.cumulative) // the forecast per FY; f.slippageMonths // months behind
 */
export function forecastProfile(input: ProfileInput, actuals: readonly PeriodActual[]): Forecast {
  const windows = actualWindows(actuals);
  const streamInput = profileStreamInput(input);
  const { horizon } = input;
  const planFlow = cohortModel(streamInput, horizon).flow;
  const through = new Decimal(windows[windows.length - 1].toDay);
  const from = new Decimal(windows[0].fromDay);
  const plan = profileOfStream(input, cohortStream(streamInput, horizon));
  const spliced = profileOfStream(
    input,
    cohortStream(streamInput, horizon, (f) => splicedFlow(f, windows)),
  );
  const forecast = { ...spliced, fullRunRate: sustainedRunRate(plan, spliced, through.toNumber()) };
  const planReached = cumulativeAt(planFlow, through);
  const actualReached = cumulativeAt(planFlow, from).plus(windows.reduce((a, w) => a.plus(w.value), ZERO));
  const planDay = actualReached.eq(planReached) ? through : timeToReach(planFlow, actualReached);
  return {
    plan,
    forecast,
    throughDay: through.toNumber(),
    planEventsToDate: planReached.minus(cumulativeAt(planFlow, from)),
    actualEventsToDate: actualReached.minus(cumulativeAt(planFlow, from)),
    ...(planDay === undefined ? {} : { slippageMonths: through.minus(planDay).div(DAYS_PER_MONTH) }),
  };
}
