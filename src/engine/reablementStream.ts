import { Decimal } from "./money";
import { decimalCalculator, maxOf, type Calculator } from "./calculator";
import { DAYS_PER_WEEK, WEEKS_PER_YEAR, dayNumber } from "./fiscalYear";
import { DAYS_PER_YEAR } from "./flow";
import { stockFlowMath } from "./stockFlow";
import { scheduleFlowOn, scheduleTimeToFullYears, type ShareSchedule } from "./shareSchedule";
import { firstWholeFyFromOn } from "./runRate";
import { hoursPerWeek, weeklySavingOn, type PackageSaving } from "./packageSaving";
import {
  nonNegative,
  fyPriceFactorsOn,
  streamYearAtOn,
  weeksValue,
  withEventCostsOn,
  type StreamPrices,
} from "./streamYears";
import {
  NO_MEASURES,
  WHOLE_STREAM,
  type OperationalMeasure,
  type StreamNeeds,
  type StreamProfile,
  type StreamYear,
} from "./stream";
import { fyBoundsOn, planCache } from "./streamPlan";
import type { FyStartYear, Horizon } from "./types";
import { MEASURE_LABELS } from "./measureLabels";

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
  return reablementStreamOn(decimalCalculator, input, horizon);
}

/**
 * reablementStream on a number backend (simulation and sensitivity; calculator.ts); `needs` says what besides
 * the £ is worked out (stream.ts).
 *
 * @example
 * reablementStreamOn(numberCalculator, hart, horizon).years[1].gross // ≈ 699 × 100 × 52.18
 */
export function reablementStreamOn<T>(
  calc: Calculator<T>,
  input: ReablementInput,
  horizon: Horizon,
  needs: StreamNeeds = WHOLE_STREAM,
): StreamProfile<T> {
  const { subtract: sub, multiply: mul } = calc;
  const d = calc.fromDecimal;
  const sf = stockFlowMath(calc);
  const { fys, bounds } = fyBoundsOn(calc, horizon);
  // The ramp and stay are checked when a plan is made; a plan is only used for the same ones.
  const known = plans.find(calc, horizon, input.id, input, fitsRamp) as ReablementPlan<T> | undefined;
  const perYear = nonNegative(input.finishersPerYear, "finishersPerYear");
  // On the backend's numbers: a Decimal product would be made again on every simulated draw.
  const durationDays =
    known?.durationDays ??
    calc.multiply(d(weeksValue(input.durationWeeks, "durationWeeks")), calc.fromNumber(DAYS_PER_WEEK));
  const perWeek = weeklySavingOn(calc, input.saving, "saving");
  const hours = hoursPerWeek(input.saving);
  const hoursT = hours === undefined ? undefined : d(hours);
  const flow = scheduleFlowOn(
    calc,
    input.ramp,
    calc.divide(d(perYear), d(DAYS_PER_YEAR)),
    bounds[bounds.length - 1],
    "ramp",
  );
  const stocks = sf.averageStocks(flow, bounds, durationDays);
  const weeksPerYear = d(WEEKS_PER_YEAR);
  const years: StreamYear<T>[] = [];
  const measured = needs.measures;
  // Finishers in each FY: a measure, and what a cost per finisher is paid on.
  const counted = measured || input.costPerFinisher !== undefined;
  // Each FY start's cumulative finishers once (the end of one FY is the start of the next).
  let finishedBefore = counted ? sf.cumulativeAt(flow, bounds[0]) : calc.zero;
  // Each FY's price factor, worked out once (the rate is checked here, before the first FY's figures).
  const factors = fyPriceFactorsOn(calc, input, horizon.firstFy, fys);
  for (let i = 0; i < fys.length; i++) {
    // A stock of a non-negative flow: clamp the 40-digit rounding residue at zero.
    const people = maxOf(calc, calc.zero, stocks[i]);
    let finishers = calc.zero;
    if (counted) {
      const finishedBy = sf.cumulativeAt(flow, bounds[i + 1]);
      finishers = sub(finishedBy, finishedBefore);
      finishedBefore = finishedBy;
    }
    const measures = measured ? reablementMeasuresOn(calc, finishers, people, hoursT) : NO_MEASURES;
    years.push(
      withEventCostsOn(
        calc,
        streamYearAtOn(calc, fys[i], mul(mul(people, perWeek), weeksPerYear), factors?.[i], measures),
        finishers,
        input.costPerFinisher && nonNegative(input.costPerFinisher, "costPerFinisher"),
      ),
    );
  }
  const plan =
    known ??
    (plans.keep(
      calc,
      horizon,
      input.id,
      reablementPlanOn(calc, input, horizon, durationDays),
    ) as ReablementPlan<T>);
  return {
    id: input.id,
    label: input.label,
    kind: "reablement",
    years,
    settledFy: needs.settled ? plan.settledFy : horizon.firstFy,
    timeToFullImpactYears: needs.settled ? plan.timeToFull : undefined,
    cashability: input.cashability ?? "cashable",
  };
}

/** A FY's measures: finishers, people not needing the package, and the hours a week avoided (saving in hours). */
function reablementMeasuresOn<T>(
  calc: Calculator<T>,
  finishers: T,
  people: T,
  hoursT: T | undefined,
): OperationalMeasure<T>[] {
  const done: OperationalMeasure<T> = {
    key: "finishers",
    label: MEASURE_LABELS.finishers,
    unit: "people",
    value: finishers,
  };
  const avoided: OperationalMeasure<T> = {
    key: "packagesAvoided",
    label: MEASURE_LABELS.packagesAvoided,
    unit: "people",
    value: people,
  };
  // Array literals of their final length (a push past a literal's length reallocates its store).
  return hoursT === undefined
    ? [done, avoided]
    : [
        done,
        avoided,
        {
          key: "homecareHoursAvoided",
          label: MEASURE_LABELS.homecareHoursAvoided,
          unit: "hours/week",
          value: calc.multiply(people, hoursT),
        },
      ];
}

/** What a reablement stream's ramp and stay give on one backend: the stay in days, the settled FY, the time to full. */
interface ReablementPlan<T> {
  readonly ramp: ShareSchedule;
  readonly durationInput: Decimal;
  readonly durationDays: T;
  readonly settledFy: FyStartYear;
  readonly timeToFull: T;
}

const plans = planCache<ReablementPlan<unknown>>();

function fitsRamp(plan: ReablementPlan<unknown>, input: ReablementInput): boolean {
  return plan.ramp === input.ramp && plan.durationInput === input.durationWeeks;
}

/** The plan of a stream whose ramp and stay are checked. */
function reablementPlanOn<T>(
  calc: Calculator<T>,
  input: ReablementInput,
  horizon: Horizon,
  durationDays: T,
): ReablementPlan<T> {
  const lastPoint = input.ramp.points[input.ramp.points.length - 1];
  const settledDay = calc.add(calc.fromNumber(dayNumber(lastPoint.date)), durationDays);
  return {
    ramp: input.ramp,
    durationInput: input.durationWeeks,
    durationDays,
    settledFy: Math.max(horizon.firstFy, firstWholeFyFromOn(calc, settledDay)),
    timeToFull: calc.fromDecimal(scheduleTimeToFullYears(input.ramp)),
  };
}
