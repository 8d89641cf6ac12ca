import { Decimal } from "./money";
import { decimalCalculator, maxOf, type Calculator } from "./calculator";
import { DAYS_PER_WEEK, fyLabel, fyOf, fyStartDay } from "./fiscalYear";
import { DAYS_PER_YEAR } from "./flow";
import type { ResolvedTimeline } from "./timeline";
import type { FyStartYear, Horizon, Profile, ProfileYear } from "./types";

/**
 * Run-rate conventions (documented in docs/engine.md):
 * - Full impact is the day avoided events reach their full rate: rollout end + lead; for a programme with a
 *   delivery end it is the delivery end + lead; for a target with a fixed cohort it is no earlier than the day
 *   the last of the cohort is realised.
 * - The stock saturates one duration later: a cohort stream settles in the first FY that starts on or after
 *   saturation (the first whole FY at steady state). The full run rate is the net in the first FY in which every
 *   stream and cost schedule has settled, capped to the horizon (proposalProfile.ts, settled.ts).
 * - Time to full run rate is years (of 52.18 weeks) from the start date to full impact: the time the service
 *   needs to change, which is what the programme table prints (CFS TP 1.5 years).
 */

/**
 * The day the change reaches full impact: delivery end + lead when stated, else rollout end + lead.
 *
 * @example
 * fullImpactDay(resolvedCfs).toNumber() // day number of about 15 Feb 2028
 */
export function fullImpactDay(t: ResolvedTimeline, cohortReachedDay?: Decimal): Decimal {
  return fullImpactDayOn(decimalCalculator, t, cohortReachedDay);
}

/**
 * fullImpactDay on a number backend.
 *
 * @example
 * fullImpactDayOn(numberCalculator, resolvedCfs) // day number of about 15 Feb 2028
 */
export function fullImpactDayOn<T>(calc: Calculator<T>, t: ResolvedTimeline<T>, cohortReachedDay?: T): T {
  const day = t.deliveryEndDay ?? t.fullImpactDay;
  return cohortReachedDay !== undefined && calc.compare(cohortReachedDay, day) > 0 ? cohortReachedDay : day;
}

/**
 * First FY wholly at steady state: the first FY starting on or after full impact + duration, capped to the horizon.
 *
 * @example
 * runRateFy(resolvedCfs, D(153.1), horizon) // 2031 (FY31/32)
 */
export function runRateFy(
  t: ResolvedTimeline,
  durationWeeks: Decimal,
  horizon: Horizon,
  cohortReachedDay?: Decimal,
): FyStartYear {
  const fy = saturationFy(t, durationWeeks, cohortReachedDay);
  return Math.min(Math.max(fy, horizon.firstFy), horizon.lastFy);
}

/**
 * First FY starting on or after full impact + duration (the stock is saturated), not capped to any horizon:
 * a cohort stream's settled FY.
 *
 * @example
 * saturationFy(resolvedCfs, D(153.1)) // 2031
 */
export function saturationFy(
  t: ResolvedTimeline,
  durationWeeks: Decimal,
  cohortReachedDay?: Decimal,
): FyStartYear {
  return saturationFyOn(decimalCalculator, t, durationWeeks, cohortReachedDay);
}

/**
 * saturationFy on a number backend.
 *
 * @example
 * saturationFyOn(numberCalculator, resolvedCfs, D(153.1)) // 2031
 */
export function saturationFyOn<T>(
  calc: Calculator<T>,
  t: ResolvedTimeline<T>,
  durationWeeks: Decimal,
  cohortReachedDay?: T,
): FyStartYear {
  const saturated = calc.add(
    fullImpactDayOn(calc, t, cohortReachedDay),
    calc.multiply(calc.fromDecimal(durationWeeks), calc.fromNumber(DAYS_PER_WEEK)),
  );
  // ceil(x) = −floor(−x): a fractional day counts as the next whole day.
  return firstWholeFyFromDay(-calc.toNumber(calc.floor(calc.subtract(calc.zero, saturated))));
}

/**
 * The first FY that starts on or after a day (a fractional day counts as the next whole day).
 *
 * @example
 * firstWholeFyFrom(new Decimal(dayNumber("2026-04-01"))) // 2026
 * firstWholeFyFrom(new Decimal(dayNumber("2026-04-02"))) // 2027
 */
export function firstWholeFyFrom(day: Decimal): FyStartYear {
  return firstWholeFyFromDay(day.ceil().toNumber());
}

/**
 * firstWholeFyFrom of a whole day number (no Decimal: the settle days of dated inputs are whole days).
 *
 * @example
 * firstWholeFyFromDay(dayNumber("2026-04-02")) // 2027
 */
export function firstWholeFyFromDay(d: number): FyStartYear {
  const fy = fyOf(d);
  return fyStartDay(fy) < d ? fy + 1 : fy;
}

/**
 * firstWholeFyFrom on a number backend: ceil(x) = −floor(−x), the same whole day on either backend.
 *
 * @example
 * firstWholeFyFromOn(numberCalculator, dayNumber("2026-04-01") + 0.5) // 2027
 */
export function firstWholeFyFromOn<T>(calc: Calculator<T>, day: T): FyStartYear {
  return firstWholeFyFromDay(-calc.toNumber(calc.floor(calc.subtract(calc.zero, day))));
}

/**
 * Full run rate: value (net benefit) and FY, from computed profile years.
 *
 * @example
 * fullRunRate(years, 2031) // { value: 3294…, fy: 2031, label: "FY31/32" }
 */
export function fullRunRate(years: readonly ProfileYear[], fy: FyStartYear): Profile["fullRunRate"] {
  const row = years.find((y) => y.fy === fy) ?? years[years.length - 1];
  return {
    value: row.cumulative,
    fy: row.fy,
    label: fyLabel(row.fy),
    inflationContingency: row.inflationContingency,
  };
}

/**
 * Years from the start date to full impact, in years of 52.18 weeks.
 *
 * @example
 * timeToFullRunRateYears(resolvedCfs).toNumber() // 1.54…
 */
export function timeToFullRunRateYears(t: ResolvedTimeline, cohortReachedDay?: Decimal): Decimal {
  return timeToFullRunRateYearsOn(decimalCalculator, t, cohortReachedDay);
}

/**
 * timeToFullRunRateYears on a number backend.
 *
 * @example
 * timeToFullRunRateYearsOn(numberCalculator, resolvedCfs) // 1.54…
 */
export function timeToFullRunRateYearsOn<T>(
  calc: Calculator<T>,
  t: ResolvedTimeline<T>,
  cohortReachedDay?: T,
): T {
  const years = calc.divide(
    calc.subtract(fullImpactDayOn(calc, t, cohortReachedDay), t.startDay),
    calc.fromDecimal(DAYS_PER_YEAR),
  );
  return maxOf(calc, calc.zero, years);
}

/**
 * Years (of 52.18 weeks, as timeToFullRunRateYears) from one day number to a later one; 0 when `to` is not
 * after `from`. The stream kinds without a timeline use it for their time to full impact.
 *
 * @example
 * yearsBetweenDays(dayNumber("2026-04-01"), dayNumber("2028-04-01")).toFixed(2) // "2.00"
 */
export function yearsBetweenDays(from: Decimal | number, to: Decimal | number): Decimal {
  // Day numbers of the inputs' dates, the same few on every simulated draw: remembered (Decimals are immutable).
  const key = typeof from === "number" && typeof to === "number" ? `${from}|${to}` : undefined;
  const known = key === undefined ? undefined : yearsBetween.get(key);
  if (known !== undefined) return known;
  const years = Decimal.max(0, new Decimal(to).minus(from).div(DAYS_PER_YEAR));
  if (key !== undefined) {
    if (yearsBetween.size >= 4096) yearsBetween.clear();
    yearsBetween.set(key, years);
  }
  return years;
}

const yearsBetween = new Map<string, Decimal>();
