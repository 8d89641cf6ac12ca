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
export interface ResolvedTimeline {
  readonly startDay: Decimal;
  readonly designEndDay: Decimal;
  readonly pilotEndDay: Decimal;
  readonly rolloutEndDay: Decimal;
  /** Pilot end + lead: avoided events begin. */
  readonly firstImpactDay: Decimal;
  /** Rollout end + lead: avoided events at the full rate. */
  readonly fullImpactDay: Decimal;
  /** Delivery end + lead: no avoided events after this day (absent: open-ended). */
  readonly deliveryEndDay?: Decimal;
  readonly ramp: RampShape;
  /** The `stepped` ramp's share of the impact before full impact. */
  readonly stepShare?: Decimal;
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

function weeksToDays(weeks: Decimal): Decimal {
  return weeks.times(DAYS_PER_WEEK);
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
  // Parsed inputs are immutable, and a simulation resolves the same timeline on every draw.
  const known = resolved.get(t);
  if (known !== undefined) return known;
  const r = resolveTimelineNow(t);
  resolved.set(t, r);
  return r;
}

const resolved = new WeakMap<Timeline, ResolvedTimeline>();

function resolveTimelineNow(t: Timeline): ResolvedTimeline {
  const startDay = new Decimal(dayNumber(t.startDate));
  const designEndDay = t.designEndDate
    ? new Decimal(dayNumber(t.designEndDate))
    : startDay.plus(weeksToDays(t.designWeeks));
  const pilotEndDay = t.pilotEndDate
    ? new Decimal(dayNumber(t.pilotEndDate))
    : designEndDay.plus(weeksToDays(t.pilotWeeks));
  const rolloutEndDay = t.sustainableDate
    ? new Decimal(dayNumber(t.sustainableDate))
    : pilotEndDay.plus(weeksToDays(t.rolloutWeeks));
  if (designEndDay.lt(startDay)) {
    throw new EngineError("invalid-date", "timeline.designEndDate", "must not be before the start date");
  }
  if (pilotEndDay.lt(designEndDay)) {
    throw new EngineError("invalid-date", "timeline.pilotEndDate", "must not be before the end of design");
  }
  if (rolloutEndDay.lt(pilotEndDay)) {
    throw new EngineError(
      "invalid-date",
      "timeline.sustainableDate",
      "must not be before the end of the pilot",
    );
  }
  const lead = weeksToDays(t.leadWeeks);
  const deliveryEnd = t.deliveryEndDate ? new Decimal(dayNumber(t.deliveryEndDate)) : undefined;
  if (deliveryEnd && deliveryEnd.lt(startDay)) {
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
  return {
    startDay,
    designEndDay,
    pilotEndDay,
    rolloutEndDay,
    firstImpactDay: pilotEndDay.plus(lead),
    fullImpactDay: rolloutEndDay.plus(lead),
    deliveryEndDay: deliveryEnd?.plus(lead),
    ramp: t.ramp,
    ...(t.ramp === "stepped" ? { stepShare: t.stepShare } : {}),
  };
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
export function rampPiecesOn<T>(calc: Calculator<T>, t: ResolvedTimeline): readonly RampPiece<T>[] {
  const a = calc.fromDecimal(t.firstImpactDay);
  const b = calc.fromDecimal(t.fullImpactDay);
  if (t.ramp === "immediate" || calc.compare(b, a) <= 0) return [];
  if (t.ramp === "linear") return [{ from: a, to: b, shareFrom: calc.zero, shareTo: calc.one }];
  if (t.ramp === "stepped") {
    const share = t.stepShare === undefined ? calc.one : calc.fromDecimal(t.stepShare);
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
