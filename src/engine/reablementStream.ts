import { Decimal } from "./money";
import { DAYS_PER_WEEK, WEEKS_PER_YEAR, dayNumber, fyStartDay } from "./fiscalYear";
import { DAYS_PER_YEAR } from "./flow";
import { averageStocks, cumulativeAt, type CumulativeFlow } from "./stockFlow";
import { scheduleFlow, schedulesTimeToFullYears, type ShareSchedule } from "./shareSchedule";
import { firstWholeFyFrom } from "./runRate";
import { hoursPerWeek, weeklySaving, type PackageSaving } from "./packageSaving";
import {
  horizonFys,
  nonNegative,
  streamYear,
  weeksValue,
  withEventCosts,
  type StreamPrices,
} from "./streamYears";
import type { OperationalMeasure, StreamProfile } from "./stream";
import type { Horizon } from "./types";

/**
 * A reablement cohort (Reablement, seeds/004 Appendix B): people completing reablement × the package they no
 * longer need, for a duration. Finishers arrive at `finishersPerYear` × the ramp share (e.g. the share of the
 * extra support-worker FTE in post: "increase in successful reablement finishers is proportional to increase
 * in recruited FTE"); each finisher saves the weekly package for `durationWeeks` (a box-car stock,
 * stockFlow.ts):
 *   gross(FY) = average people not needing the package in the FY × weekly saving × 52.18, inflated each 1 April.
 */

/** A reablement stream. Money in £, price-base prices. */
export interface ReablementInput extends StreamPrices {
  readonly id: string;
  readonly label: string;
  /** Extra people finishing reablement a year at full capacity ("699 residents … per year"). */
  readonly finishersPerYear: Decimal;
  /** Share of full capacity over time (dated points). */
  readonly ramp: ShareSchedule;
  /** Weeks each finisher no longer needs the package. */
  readonly durationWeeks: Decimal;
  /** The package each finisher no longer needs. */
  readonly saving: PackageSaving;
  /** One-off cost per finisher, £ (e.g. equipment per resident); reported as the FY's `oneOffCosts`. */
  readonly costPerFinisher?: Decimal;
  readonly cashability?: StreamProfile["cashability"];
}

/**
 * The stream's profile over the horizon; measures finishers in the FY and the average people not needing a
 * package (and hours of homecare avoided a week when the saving is in hours).
 *
 * @example
 * reablementStream({ id: "r", label: "HART", finishersPerYear: D(699), ramp: fullFrom("2026-04-01"),
 *   durationWeeks: D(52.18), saving: { kind: "weekly", weeklySavingPerPerson: D(100) } }, horizon).years[1].gross // 699 × 100 × 52.18
 */
export function reablementStream(input: ReablementInput, horizon: Horizon): StreamProfile {
  const fys = horizonFys(horizon);
  const perYear = nonNegative(input.finishersPerYear, "finishersPerYear");
  const durationDays = weeksValue(input.durationWeeks, "durationWeeks").times(DAYS_PER_WEEK);
  const perWeek = weeklySaving(input.saving, "saving");
  const hours = hoursPerWeek(input.saving);
  const bounds = [...fys, horizon.lastFy + 1].map((fy) => new Decimal(fyStartDay(fy)));
  const flow = scheduleFlow(input.ramp, perYear.div(DAYS_PER_YEAR), bounds[bounds.length - 1], "ramp");
  const stocks = averageStocks(flow, bounds, durationDays);
  const years = fys.map((fy, i) => {
    // A stock of a non-negative flow: clamp the 40-digit rounding residue at zero.
    const people = Decimal.max(0, stocks[i]);
    const finishers = flowBetween(flow, bounds[i], bounds[i + 1]);
    const measures: OperationalMeasure[] = [
      { key: "finishers", label: "Extra people finishing reablement", unit: "people", value: finishers },
      {
        key: "packagesAvoided",
        label: "Average people not needing a package",
        unit: "people",
        value: people,
      },
    ];
    if (hours) {
      measures.push({
        key: "homecareHoursAvoided",
        label: "Hours of homecare avoided a week",
        unit: "hours/week",
        value: people.times(hours),
      });
    }
    return withEventCosts(
      streamYear(fy, people.times(perWeek).times(WEEKS_PER_YEAR), input, horizon.firstFy, measures),
      finishers,
      input.costPerFinisher && nonNegative(input.costPerFinisher, "costPerFinisher"),
    );
  });
  const lastPoint = input.ramp.points[input.ramp.points.length - 1];
  const settledDay = new Decimal(dayNumber(lastPoint.date)).plus(durationDays);
  return {
    id: input.id,
    label: input.label,
    kind: "reablement",
    years,
    settledFy: Math.max(horizon.firstFy, firstWholeFyFrom(settledDay)),
    timeToFullImpactYears: schedulesTimeToFullYears([input.ramp]),
    cashability: input.cashability ?? "cashable",
  };
}

function flowBetween(f: CumulativeFlow, a: Decimal, b: Decimal): Decimal {
  return cumulativeAt(f, b).minus(cumulativeAt(f, a));
}
