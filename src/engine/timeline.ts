import { Decimal } from "./money";
import { decimalCalculator, minOf, type Calculator } from "./calculator";
import { EngineError } from "./errors";
import { DAYS_PER_WEEK, WEEKS_PER_YEAR, dayNumber } from "./fiscalYear";
import type { RampShape, Timeline } from "./types";

/**
 * Timeline of a change: start → design → pilot → rollout, and a lead time before avoided events show.
 * Impact ramps from 0 at first impact (pilot end + lead) to full at full impact (rollout end + lead).
 * Months are average months of 52.18 / 12 weeks (30.44 days), the proposals' own year split in twelve.
 */

/** Weeks in an average month: 52.18 / 12. */
export const WEEKS_PER_MONTH = WEEKS_PER_YEAR.div(12);
/** Days in an average month (≈ 30.44). */
export const DAYS_PER_MONTH = WEEKS_PER_MONTH.times(DAYS_PER_WEEK);

/** The dates of a timeline as day numbers (Decimal, because phase lengths in months are fractional days). */
export interface ResolvedTimeline<T = Decimal> {
  readonly startDay: T;
  readonly designEndDay: T;
  readonly pilotEndDay: T;
  readonly rolloutEndDay: T;
  /** Pilot end + lead: avoided events begin. */
  readonly firstImpactDay: T;
  /** Rollout end + lead: avoided events at the full rate. */
  readonly fullImpactDay: T;
  /** Delivery end + lead: no avoided events after this day (absent: open-ended). */
  readonly deliveryEndDay?: T;
  readonly ramp: RampShape;
  /** The `stepped` ramp's share of the impact before full impact. */
  readonly stepShare?: T;
}

/**
 * Converts months to weeks with the average month (52.18 / 12 weeks).
 *
 * @example
 * monthsToWeeks(12).toNumber() // 52.18
 */
export function monthsToWeeks(months: Decimal | number): Decimal {
  return new Decimal(months).times(WEEKS_PER_MONTH);
}

/**
 * Resolves a timeline's phases and stated dates into day numbers. Stated dates override phase lengths.
 *
 * @example
 * const t = resolveTimeline({ startDate: "2026-08-01", designWeeks: ZERO, pilotWeeks: monthsToWeeks(4),
 *   rolloutWeeks: monthsToWeeks(6), leadWeeks: monthsToWeeks(8.5), ramp: "linear" });
 * isoDate(t.pilotEndDay.floor().toNumber()) // "2026-12-01"
 */
export function resolveTimeline(t: Timeline): ResolvedTimeline {
  return resolveTimelineOn(decimalCalculator, t);
}

/**
 * resolveTimeline on a number backend (the same calculator calls, so Decimal day numbers are identical).
 * The last few timelines resolved are remembered per backend: parsed inputs are immutable, and a profile
 * resolves its timeline twice (its checks, then its model) and a simulation on every draw that leaves it alone.
 *
 * @example
 * resolveTimelineOn(numberCalculator, cfs.timeline).firstImpactDay // day number of 17 August 2027
 */
export function resolveTimelineOn<T>(calc: Calculator<T>, t: Timeline): ResolvedTimeline<T> {
  // Newest first: a draw resolves its timeline for its checks, then again for its model.
  for (let j = 1; j <= recent.length; j++) {
    const e = recent[(next - j + RECENT) % RECENT];
    if (e.timeline === t && e.calc === calc) return e.resolved as ResolvedTimeline<T>;
  }
  const r = resolveNow(calc, t);
  recent[next] = { calc, timeline: t, resolved: r };
  next = (next + 1) % RECENT;
  return r;
}

/*
 * A ring of recent timelines, not a WeakMap: a simulation draws a new timeline on every iteration (a drawn lead
 * time), and ten thousand young WeakMap keys made each scavenge walk the map (MTFS.SIMULATE spent more time
 * in the garbage collector than in the model; issue 14). A programme's proposals fit in the ring.
 */
const RECENT = 32;
const recent: { calc: unknown; timeline: Timeline; resolved: unknown }[] = [];
let next = 0;

// No closures, helpers or spread (one function to compile): a drawn lead time resolves a timeline per draw.
// Dates are day numbers (fromNumber of dayNumber), phase lengths weeks × 7 days.
function resolveNow<T>(calc: Calculator<T>, t: Timeline): ResolvedTimeline<T> {
  const { add, multiply: mul, compare: cmp, fromDecimal, fromNumber } = calc;
  const week = fromNumber(DAYS_PER_WEEK);
  const startDay = fromNumber(dayNumber(t.startDate));
  const designEndDay = t.designEndDate
    ? fromNumber(dayNumber(t.designEndDate))
    : add(startDay, mul(fromDecimal(t.designWeeks), week));
  const pilotEndDay = t.pilotEndDate
    ? fromNumber(dayNumber(t.pilotEndDate))
    : add(designEndDay, mul(fromDecimal(t.pilotWeeks), week));
  const rolloutEndDay = t.sustainableDate
    ? fromNumber(dayNumber(t.sustainableDate))
    : add(pilotEndDay, mul(fromDecimal(t.rolloutWeeks), week));
  if (cmp(designEndDay, startDay) < 0) {
    throw new EngineError("invalid-date", "timeline.designEndDate", "must not be before the start date");
  }
  if (cmp(pilotEndDay, designEndDay) < 0) {
    throw new EngineError("invalid-date", "timeline.pilotEndDate", "must not be before the end of design");
  }
  if (cmp(rolloutEndDay, pilotEndDay) < 0) {
    throw new EngineError(
      "invalid-date",
      "timeline.sustainableDate",
      "must not be before the end of the pilot",
    );
  }
  const lead = mul(fromDecimal(t.leadWeeks), week);
  const deliveryEnd = t.deliveryEndDate ? fromNumber(dayNumber(t.deliveryEndDate)) : undefined;
  if (deliveryEnd !== undefined && cmp(deliveryEnd, startDay) < 0) {
    throw new EngineError("invalid-date", "timeline.deliveryEndDate", "must not be before the start date");
  }
  if (t.ramp === "stepped") {
    if (t.stepShare === undefined) {
      throw new EngineError("missing", "timeline.stepShare", "is required with the stepped ramp");
    }
    if (t.stepShare.lt(0) || t.stepShare.gt(1)) {
      throw new EngineError(
        "out-of-range",
        "timeline.stepShare",
        `must be between 0 and 1 (0% to 100%), got ${t.stepShare.toString()}`,
      );
    }
  }
  const resolved = {
    startDay,
    designEndDay,
    pilotEndDay,
    rolloutEndDay,
    firstImpactDay: add(pilotEndDay, lead),
    fullImpactDay: add(rolloutEndDay, lead),
    deliveryEndDay: deliveryEnd === undefined ? undefined : add(deliveryEnd, lead),
    ramp: t.ramp,
  };
  return t.ramp === "stepped" && t.stepShare !== undefined
    ? { ...resolved, stepShare: calc.fromDecimal(t.stepShare) }
    : resolved;
}

/** A piece of the ramp: constant or linear share of full impact on [from, to). */
export interface RampPiece<T = Decimal> {
  readonly from: T;
  readonly to: T;
  readonly shareFrom: T;
  readonly shareTo: T;
}

/**
 * The ramp as pieces from first impact to full impact; after the last piece the share is 1.
 * `monthly-steps` over an n-month rollout rises by 1/n at the end of each month (0 in the first month),
 * reaching 1 at the first month end on or after full impact. `stepped` holds the step share until full impact.
 *
 * @example
 * rampPieces(resolved).map((p) => p.shareFrom.toNumber()) // linear: [0]; monthly-steps over 6 months: [0, 1/6, …, 5/6]; stepped 50%: [0.5]
 */
export function rampPieces(t: ResolvedTimeline): readonly RampPiece[] {
  return rampPiecesOn(decimalCalculator, t);
}

/**
 * rampPieces on a number backend (the same calculator calls, so Decimal figures are identical).
 *
 * @example
 * rampPiecesOn(numberCalculator, resolved).map((p) => p.shareFrom) // [0, 1/6, …, 5/6] for 6 monthly steps
 */
export function rampPiecesOn<T>(calc: Calculator<T>, t: ResolvedTimeline<T>): readonly RampPiece<T>[] {
  const a = t.firstImpactDay;
  const b = t.fullImpactDay;
  if (t.ramp === "immediate" || calc.compare(b, a) <= 0) return [];
  if (t.ramp === "linear") return [{ from: a, to: b, shareFrom: calc.zero, shareTo: calc.one }];
  if (t.ramp === "stepped") {
    const share = t.stepShare ?? calc.one;
    return [{ from: a, to: b, shareFrom: share, shareTo: share }];
  }
  const daysPerMonth = calc.fromDecimal(DAYS_PER_MONTH);
  // Rounded so 6 months of 52.18/12 weeks count as exactly 6 steps despite division residue.
  const months = calc.roundTo(calc.divide(calc.subtract(b, a), daysPerMonth), 9);
  const pieces: RampPiece<T>[] = [];
  for (let k = 0; calc.compare(calc.fromNumber(k), months) < 0; k++) {
    const share = minOf(calc, calc.one, calc.divide(calc.fromNumber(k), months));
    pieces.push({
      from: calc.add(a, calc.multiply(daysPerMonth, calc.fromNumber(k))),
      to: calc.add(a, calc.multiply(daysPerMonth, calc.fromNumber(k + 1))),
      shareFrom: share,
      shareTo: share,
    });
  }
  return pieces;
}
