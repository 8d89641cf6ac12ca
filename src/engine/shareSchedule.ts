import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { dayNumber, fyStartDay } from "./fiscalYear";
import { firstWholeFyFrom, yearsBetweenDays } from "./runRate";
import { decimalCalculator, maxOf, type Calculator } from "./calculator";
import { stockFlowMath, type CumulativeFlow, type RatePiece } from "./stockFlow";
import type { FyStartYear } from "./types";

/**
 * A share of full impact over time given by dated points, as the new stream kinds state their phasing
 * ("40% of the benefit by 1 July 2027", "2 CYP every 3 months from January 2028", "£2.5m from each April").
 * The share is 0 before the first point. `linear` interpolates between points; `steps` holds each point's
 * share until the next point (a stepped ramp: x% until a date, then full). After the last point the share
 * holds. Averages over a FY are exact: the share is integrated with stockFlow's piecewise-quadratic F.
 */

/** The share of full impact reached on a date (fraction, 0–1). */
export interface SharePoint {
  /** ISO date. */
  readonly date: string;
  readonly share: Decimal;
}

/** Dated points and how the share moves between them. */
export interface ShareSchedule {
  readonly points: readonly SharePoint[];
  readonly shape: "linear" | "steps";
}

/**
 * A linear ramp from 0 on `from` to 1 on `to`; full from `from` when the dates are equal.
 *
 * @example
 * linearRamp("2026-11-01", "2027-07-01") // { shape: "linear", points: [{ 2026-11-01, 0 }, { 2027-07-01, 1 }] }
 */
export function linearRamp(from: string, to: string): ShareSchedule {
  if (from === to) return fullFrom(from);
  return {
    shape: "linear",
    points: [
      { date: from, share: ZERO },
      { date: to, share: new Decimal(1) },
    ],
  };
}

/**
 * Full impact from a date (nothing before it).
 *
 * @example
 * fullFrom("2027-04-01") // { shape: "steps", points: [{ date: "2027-04-01", share: 1 }] }
 */
export function fullFrom(date: string): ShareSchedule {
  return { shape: "steps", points: [{ date, share: new Decimal(1) }] };
}

/** Points as day numbers, checked: at least one, dates in order, shares within 0–1. */
function checkedDays(s: ShareSchedule, field: string): readonly { day: number; share: Decimal }[] {
  // Schedules are immutable, and a simulation reads the same ones on every draw: check each once.
  const known = checked.get(s);
  if (known !== undefined) return known;
  if (s.points.length === 0) throw new EngineError("missing", field, "needs at least one dated point");
  let prev = -Infinity;
  const pts = s.points.map((p, i) => {
    const day = dayNumber(p.date);
    if (day < prev) {
      throw new EngineError("invalid-date", `${field}[${i}].date`, "must not be before the previous point");
    }
    if (!p.share.isFinite() || p.share.lt(0) || p.share.gt(1)) {
      throw new EngineError("out-of-range", `${field}[${i}].share`, "must be between 0 and 1 (a fraction)");
    }
    prev = day;
    return { day, share: p.share };
  });
  checked.set(s, pts);
  return pts;
}

const checked = new WeakMap<ShareSchedule, readonly { day: number; share: Decimal }[]>();

/**
 * The schedule × `perDay` as a cumulative flow up to `endDay` (share-days when perDay is 1). The rate after
 * the last point holds to `endDay`.
 *
 * @example
 * const f = scheduleFlow(fullFrom("2026-04-01"), new Decimal(1), new Decimal(fyStartDay(2028)));
 * cumulativeAt(f, new Decimal(fyStartDay(2027))).toNumber() // 365
 */
export function scheduleFlow(
  s: ShareSchedule,
  perDay: Decimal,
  endDay: Decimal,
  field = "ramp",
): CumulativeFlow {
  return scheduleFlowOn(decimalCalculator, s, perDay, endDay, field);
}

/**
 * scheduleFlow on a number backend.
 *
 * @example
 * scheduleFlowOn(numberCalculator, fullFrom("2026-04-01"), 1, fyStartDay(2028)).starts.length // 2
 */
export function scheduleFlowOn<T>(
  calc: Calculator<T>,
  s: ShareSchedule,
  perDay: T,
  endDay: T,
  field = "ramp",
): CumulativeFlow<T> {
  return daySharesFlow(calc, dayShares(calc, s, field), perDay, endDay);
}

/** A schedule's points on a number backend: day numbers and shares, checked (or built valid, as by a kind). */
export interface DayShares<T> {
  readonly shape: ShareSchedule["shape"];
  readonly days: readonly number[];
  readonly shares: ArrayLike<T>;
}

/**
 * A schedule's checked points on a number backend.
 *
 * @example
 * dayShares(numberCalculator, fullFrom("2027-04-01")).shares // Float64Array [1]
 */
export function dayShares<T>(calc: Calculator<T>, s: ShareSchedule, field = "ramp"): DayShares<T> {
  // Per backend and schedule: a simulation reads the same schedules on every draw.
  let bySchedule = daySharesOf.get(calc) as WeakMap<ShareSchedule, DayShares<T>> | undefined;
  if (bySchedule === undefined) {
    bySchedule = new WeakMap();
    daySharesOf.set(calc, bySchedule);
  }
  const known = bySchedule.get(s);
  if (known !== undefined) return known;
  const pts = checkedDays(s, field);
  const built = {
    shape: s.shape,
    days: pts.map((p) => p.day),
    shares: calc.array(pts.map((p) => calc.fromDecimal(p.share))),
  };
  bySchedule.set(s, built);
  return built;
}

const daySharesOf = new WeakMap<object, WeakMap<ShareSchedule, DayShares<unknown>>>();

function daySharesFlow<T>(calc: Calculator<T>, p: DayShares<T>, perDay: T, endDay: T): CumulativeFlow<T> {
  const pieces: RatePiece<T>[] = [];
  const n = p.days.length;
  for (let i = 0; i < n; i++) {
    const from = calc.fromNumber(p.days[i]);
    const hasNext = i + 1 < n;
    const to = hasNext ? calc.fromNumber(p.days[i + 1]) : maxOf(calc, endDay, from);
    const share = p.shares[i];
    const shareTo = hasNext && p.shape === "linear" ? p.shares[i + 1] : share;
    pieces.push({ from, to, rateFrom: calc.multiply(share, perDay), rateTo: calc.multiply(shareTo, perDay) });
  }
  return stockFlowMath(calc).cumulativeFromRates(pieces, []);
}

/**
 * Average share of full impact over a FY (0 before the first point).
 *
 * @example
 * averageShareInFy(fullFrom("2026-10-01"), 2026).toNumber() // 182 / 365
 * averageShareInFy(linearRamp("2026-04-01", "2027-04-01"), 2026).toNumber() // 0.5
 */
export function averageShareInFy(s: ShareSchedule, fy: FyStartYear, field = "ramp"): Decimal {
  return averageSharesInFysOn(decimalCalculator, s, [fy], field)[0];
}

/**
 * The average share of full impact in each FY, on a number backend: one flow for them all (a flow's figures
 * up to a day do not depend on how far past it the flow runs, so each FY's average is averageShareInFy's).
 *
 * @example
 * averageSharesInFysOn(numberCalculator, linearRamp("2026-04-01", "2027-04-01"), [2026, 2027]) // [0.5, 1]
 */
export function averageSharesInFysOn<T>(
  calc: Calculator<T>,
  s: ShareSchedule,
  fys: readonly FyStartYear[],
  field = "ramp",
): readonly T[] {
  // A schedule is an input a simulation does not draw: its shares are worked out once per backend and FYs
  // (the last FYs asked for, compared number by number: no key is built on every draw).
  let bySchedule = averageShares.get(calc) as WeakMap<ShareSchedule, AverageShares<T>> | undefined;
  if (bySchedule === undefined) {
    bySchedule = new WeakMap();
    averageShares.set(calc, bySchedule);
  }
  const known = bySchedule.get(s);
  if (known !== undefined && sameFys(known.fys, fys)) return known.shares;
  const shares: readonly T[] = averageDaySharesInFys(calc, dayShares(calc, s, field), fys);
  bySchedule.set(s, { fys: [...fys], shares });
  return shares;
}

/** A schedule's average shares in the FYs they were worked out for. */
interface AverageShares<T> {
  readonly fys: readonly FyStartYear[];
  readonly shares: readonly T[];
}

const averageShares = new WeakMap<object, WeakMap<ShareSchedule, AverageShares<unknown>>>();

function sameFys(a: readonly FyStartYear[], b: readonly FyStartYear[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * averageSharesInFysOn of points a kind builds itself (provision's moves).
 *
 * @example
 * averageDaySharesInFys(numberCalculator, dayShares(numberCalculator, fullFrom("2026-10-01")), [2026]) // [182 / 365]
 */
export function averageDaySharesInFys<T>(
  calc: Calculator<T>,
  p: DayShares<T>,
  fys: readonly FyStartYear[],
): T[] {
  if (fys.length === 0) return [];
  const sf = stockFlowMath(calc);
  let last = fys[0];
  let consecutive = true;
  for (let i = 1; i < fys.length; i++) {
    if (fys[i] !== fys[0] + i) consecutive = false;
    if (fys[i] > last) last = fys[i];
  }
  const end = calc.fromNumber(fyStartDay(last + 1));
  const f = daySharesFlow(calc, p, calc.one, end);
  if (consecutive) {
    // A horizon's FYs (a simulated draw's provision moves): each FY start's cumulative share once, as the
    // end of one FY is the start of the next.
    const out: T[] = [];
    let a = calc.fromNumber(fyStartDay(fys[0]));
    let atA = sf.cumulativeAt(f, a);
    for (let i = 0; i < fys.length; i++) {
      const b = calc.fromNumber(fyStartDay(fys[i] + 1));
      const atB = sf.cumulativeAt(f, b);
      out.push(calc.divide(calc.subtract(atB, atA), calc.subtract(b, a)));
      a = b;
      atA = atB;
    }
    return out;
  }
  return fys.map((fy) => {
    const a = calc.fromNumber(fyStartDay(fy));
    const b = calc.fromNumber(fyStartDay(fy + 1));
    return calc.divide(calc.subtract(sf.cumulativeAt(f, b), sf.cumulativeAt(f, a)), calc.subtract(b, a));
  });
}

/**
 * Share of full impact on a day number (0 before the first point; a point applies from its own day). With
 * `justBefore`, the share just before that day, so a step on 1 April counts in the FY it opens: the change
 * over [a, b) is shareAt(b, justBefore) − shareAt(a, justBefore).
 *
 * @example
 * shareAt(linearRamp("2026-04-01", "2027-04-01"), fyStartDay(2026) + 73).toNumber() // 0.2
 * shareAt(fullFrom("2027-04-01"), fyStartDay(2027), "ramp", true).toNumber() // 0
 */
export function shareAt(s: ShareSchedule, day: number, field = "ramp", justBefore = false): Decimal {
  return shareAtOn(decimalCalculator, s, day, field, justBefore);
}

/**
 * shareAt on a number backend.
 *
 * @example
 * shareAtOn(numberCalculator, linearRamp("2026-04-01", "2027-04-01"), fyStartDay(2026) + 73) // ≈ 0.2
 */
export function shareAtOn<T>(
  calc: Calculator<T>,
  s: ShareSchedule,
  day: number,
  field = "ramp",
  justBefore = false,
): T {
  return dayShareAt(calc, dayShares(calc, s, field), day, justBefore);
}

/**
 * shareAtOn of points a kind builds itself.
 *
 * @example
 * dayShareAt(numberCalculator, dayShares(numberCalculator, fullFrom("2027-04-01")), fyStartDay(2027), true) // 0
 */
export function dayShareAt<T>(calc: Calculator<T>, p: DayShares<T>, day: number, justBefore = false): T {
  const d = calc.fromNumber(day);
  let share = calc.zero;
  for (let i = 0; i < p.days.length; i++) {
    const pointDay = calc.fromNumber(p.days[i]);
    const c = calc.compare(d, pointDay);
    if (justBefore ? c <= 0 : c < 0) {
      if (i === 0 || p.shape === "steps") return share;
      const aDay = calc.fromNumber(p.days[i - 1]);
      const aShare = p.shares[i - 1];
      const x = calc.divide(calc.subtract(d, aDay), calc.subtract(pointDay, aDay));
      return calc.add(aShare, calc.multiply(calc.subtract(p.shares[i], aShare), x));
    }
    share = p.shares[i];
  }
  return share;
}

/**
 * First FY in which the share no longer changes: the FY of the last point, or the next FY when the last point
 * falls after that FY's 1 April.
 *
 * @example
 * scheduleSettledFy(linearRamp("2026-11-01", "2027-07-01")) // 2028
 * scheduleSettledFy(fullFrom("2027-04-01")) // 2027
 */
export function scheduleSettledFy(s: ShareSchedule): FyStartYear {
  const known = settledFys.get(s);
  if (known !== undefined) return known;
  const last = s.points[s.points.length - 1];
  if (last === undefined) throw new EngineError("missing", "ramp", "needs at least one dated point");
  const fy = firstWholeFyFrom(new Decimal(dayNumber(last.date)));
  settledFys.set(s, fy);
  return fy;
}

const settledFys = new WeakMap<ShareSchedule, FyStartYear>();

/**
 * The day number on which the share first reaches its final value (the last point's share).
 *
 * @example
 * scheduleFullDay(linearRamp("2026-11-01", "2027-07-01")) // dayNumber("2027-07-01")
 */
export function scheduleFullDay(s: ShareSchedule, field = "ramp"): number {
  // Remembered per schedule: a stream reports its time to full impact on every simulated draw.
  const known = fullDays.get(s);
  if (known !== undefined) return known;
  const pts = checkedDays(s, field);
  const final = pts[pts.length - 1].share;
  const day = (pts.find((p) => p.share.eq(final)) ?? pts[pts.length - 1]).day;
  fullDays.set(s, day);
  return day;
}

const fullDays = new WeakMap<ShareSchedule, number>();

/**
 * Time to full impact of one or more schedules, in years: from the earliest first dated point to the latest
 * day a schedule first reaches its final share (0 for none).
 *
 * @example
 * schedulesTimeToFullYears([linearRamp("2026-04-01", "2027-04-01")]).toFixed(2) // "1.00"
 */
export function schedulesTimeToFullYears(schedules: readonly ShareSchedule[], field = "ramp"): Decimal {
  if (schedules.length === 0) return ZERO;
  if (schedules.length === 1) return scheduleTimeToFullYears(schedules[0], field);
  const first = Math.min(...schedules.map((s) => dayNumber(checkedFirst(s, field))));
  const full = Math.max(...schedules.map((s) => scheduleFullDay(s, field)));
  return yearsBetweenDays(first, full);
}

function checkedFirst(s: ShareSchedule, field: string): string {
  const p = s.points[0];
  if (p === undefined) throw new EngineError("missing", field, "needs at least one dated point");
  return p.date;
}

/**
 * schedulesTimeToFullYears of one schedule, remembered per schedule (a stream reports it on every draw).
 *
 * @example
 * scheduleTimeToFullYears(linearRamp("2026-04-01", "2027-04-01")).toFixed(2) // "1.00"
 */
export function scheduleTimeToFullYears(s: ShareSchedule, field = "ramp"): Decimal {
  const known = timesToFull.get(s);
  if (known !== undefined) return known;
  const years = yearsBetweenDays(dayNumber(checkedFirst(s, field)), scheduleFullDay(s, field));
  timesToFull.set(s, years);
  return years;
}

const timesToFull = new WeakMap<ShareSchedule, Decimal>();
