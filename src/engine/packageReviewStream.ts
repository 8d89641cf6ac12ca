import { Decimal } from "./money";
import { EngineError } from "./errors";
import { DAYS_PER_WEEK, WEEKS_PER_YEAR, fyStartDay } from "./fiscalYear";
import { avoidedEventsFlow } from "./flow";
import { resolveTimeline } from "./timeline";
import { averageStocks, cumulativeAt, timeToReach } from "./stockFlow";
import { firstWholeFyFrom, timeToFullRunRateYears } from "./runRate";
import { hoursPerWeek, weeklySaving, type PackageSaving } from "./packageSaving";
import {
  fraction,
  horizonFys,
  nonNegative,
  streamYear,
  weeksValue,
  withEventCosts,
  type StreamPrices,
} from "./streamYears";
import type { OperationalMeasure, StreamProfile } from "./stream";
import type { FyStartYear, Horizon, Timeline } from "./types";

/**
 * Reduced package hours or cost per review on an existing caseload (Maximising Independence for Working
 * Age Adults, seeds/004 Appendix B). Each person is reviewed every `weeksBetweenReviews`; from first impact
 * the new review practice ramps in (timeline.ts), and `reductionRate` of the reviews reduce the package by
 * the stated saving. A person's package is reduced once: reductions stop when the caseload × rate have been
 * reduced, then continue only with caseload growth (flow.ts's cohort cap). Each reduction lasts
 * `durationWeeks` (default: for good):
 *   gross(FY) = average reduced packages in the FY × weekly saving × 52.18, inflated each 1 April.
 */

/** A package-review stream. Money in £, price-base prices. */
export interface PackageReviewInput extends StreamPrices {
  readonly id: string;
  readonly label: string;
  /** People with a package of care ("1876 active WAA"). */
  readonly caseload: Decimal;
  /** Caseload growth a year, compounding each 1 April from `baseFy` (default 0). */
  readonly growthPerYear?: Decimal;
  /** FY the caseload refers to (default: the horizon's first FY). */
  readonly baseFy?: FyStartYear;
  /** "52 weeks average duration till next package review". */
  readonly weeksBetweenReviews: Decimal;
  /** Fraction of reviews that reduce the formal support ("49% of all cases reviewed"). */
  readonly reductionRate: Decimal;
  /** What a reduced package saves a week. */
  readonly saving: PackageSaving;
  /** When the new review practice starts and is fully in place (start, design, pilot, rollout, lead). */
  readonly timeline: Timeline;
  /** Weeks a reduction lasts (default: to the end of the horizon and beyond). */
  readonly durationWeeks?: Decimal;
  /** One-off cost per package reduced, £ (e.g. assistive technology); reported as the FY's `oneOffCosts`. */
  readonly costPerReduction?: Decimal;
  readonly cashability?: StreamProfile["cashability"];
}

/**
 * The stream's profile over the horizon; measures the average number of reduced packages (and the hours of
 * care a week avoided, when the saving is stated in hours).
 *
 * @example
 * packageReviewStream({ …, caseload: D(1000), weeksBetweenReviews: D(52), reductionRate: D(0.5),
 *   saving: { kind: "weekly", weeklySavingPerPerson: D(100) }, timeline }, horizon).years.at(-1).gross // → 500 × 100 × 52.18 once all are reviewed
 */
export function packageReviewStream(input: PackageReviewInput, horizon: Horizon): StreamProfile {
  const fys = horizonFys(horizon);
  const caseload = nonNegative(input.caseload, "caseload");
  const rate = fraction(input.reductionRate, "reductionRate");
  const cycle = weeksValue(input.weeksBetweenReviews, "weeksBetweenReviews");
  if (cycle.isZero()) {
    throw new EngineError("out-of-range", "weeksBetweenReviews", "must be more than 0 weeks");
  }
  const perWeek = weeklySaving(input.saving, "saving");
  const hours = hoursPerWeek(input.saving);
  for (const k of ["designWeeks", "pilotWeeks", "rolloutWeeks", "leadWeeks"] as const) {
    weeksValue(input.timeline[k], `timeline.${k}`);
  }
  const timeline = resolveTimeline(input.timeline);
  const endDay = new Decimal(fyStartDay(horizon.lastFy + 1));
  // The flow runs past the horizon far enough for every person to have been reviewed (one cycle after full
  // impact), so settledFy is found even when that happens after the horizon.
  const flowEnd = Decimal.max(endDay, timeline.fullImpactDay.plus(cycle.times(DAYS_PER_WEEK)).plus(1));
  const durationDays =
    input.durationWeeks === undefined
      ? endDay.minus(Decimal.min(timeline.startDay, new Decimal(fyStartDay(horizon.firstFy)))).plus(1)
      : weeksValue(input.durationWeeks, "durationWeeks").times(DAYS_PER_WEEK);
  const cohort = caseload.times(rate);
  const flow = avoidedEventsFlow({
    baseline: {
      volumePerYear: caseload.times(WEEKS_PER_YEAR).div(cycle),
      growthPerYear: nonNegative(input.growthPerYear ?? new Decimal(0), "growthPerYear"),
      baseFy: input.baseFy,
    },
    target: { kind: "percent", value: rate, cohortSize: cohort },
    durationWeeks: durationDays.div(DAYS_PER_WEEK),
    timeline,
    defaultBaseFy: horizon.firstFy,
    endDay: flowEnd,
  });
  const bounds = [...fys, horizon.lastFy + 1].map((fy) => new Decimal(fyStartDay(fy)));
  const stocks = averageStocks(flow, bounds, durationDays);
  const years = fys.map((fy, i) => {
    // A stock of a non-negative flow: clamp the 40-digit rounding residue (e.g. −2e−37) at zero.
    const reduced = Decimal.max(0, stocks[i]);
    const measures: OperationalMeasure[] = [
      { key: "reducedPackages", label: "Average packages reduced", unit: "people", value: reduced },
    ];
    if (hours) {
      measures.push({
        key: "homecareHoursAvoided",
        label: "Hours of care avoided a week",
        unit: "hours/week",
        value: reduced.times(hours),
      });
    }
    const events = cumulativeAt(flow, bounds[i + 1]).minus(cumulativeAt(flow, bounds[i]));
    measures.push({
      key: "packagesReducedInYear",
      label: "Packages reduced in the year",
      unit: "people",
      value: events,
    });
    return withEventCosts(
      streamYear(fy, reduced.times(perWeek).times(WEEKS_PER_YEAR), input, horizon.firstFy, measures),
      events,
      input.costPerReduction && nonNegative(input.costPerReduction, "costPerReduction"),
    );
  });
  // Settled once the ramp is full and every person has been reviewed (the cohort reached), plus one stay
  // when reductions lapse; caseload growth after that is the steady trend, not a change of inputs.
  // The capped flow ends a rounding residue below the cohort, so look for a level a hair (1e-12) under it.
  const reached = cohort.isZero()
    ? timeline.fullImpactDay
    : (timeToReach(flow, cohort.times(new Decimal(1).minus("1e-12"))) ?? flowEnd);
  let last = Decimal.max(timeline.fullImpactDay, reached);
  if (input.durationWeeks !== undefined) last = last.plus(durationDays);
  return {
    id: input.id,
    label: input.label,
    kind: "packageReview",
    years,
    settledFy: Math.max(horizon.firstFy, firstWholeFyFrom(last)),
    // As a cohort: start to full impact, no earlier than every person reviewed.
    timeToFullImpactYears: timeToFullRunRateYears(timeline, reached),
    cashability: input.cashability ?? "cashable",
  };
}
