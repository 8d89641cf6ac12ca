import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { decimalCalculator, maxOf, type Calculator } from "./calculator";
import { DAYS_PER_WEEK, WEEKS_PER_YEAR, dayNumber, fyStartDay } from "./fiscalYear";
import { flowMath } from "./flow";
import { resolveTimelineOn, type ResolvedTimeline } from "./timeline";
import { stockFlowMath } from "./stockFlow";
import { firstWholeFyFromOn, timeToFullRunRateYearsOn } from "./runRate";
import { hoursPerWeek, weeklySavingOn, type PackageSaving } from "./packageSaving";
import {
  fraction,
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
import type { FyStartYear, Horizon, Timeline } from "./types";
import { fyBoundsOn, planCache } from "./streamPlan";
import { MEASURE_LABELS } from "./measureLabels";

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
  return packageReviewStreamOn(decimalCalculator, input, horizon);
}

/**
 * packageReviewStream on a number backend (simulation and sensitivity; calculator.ts); `needs` says what
 * besides the £ is worked out (stream.ts).
 *
 * @example
 * packageReviewStreamOn(numberCalculator, miwaa, horizon).years.at(-1)?.gross // £ in the last FY
 */
export function packageReviewStreamOn<T>(
  calc: Calculator<T>,
  input: PackageReviewInput,
  horizon: Horizon,
  needs: StreamNeeds = WHOLE_STREAM,
): StreamProfile<T> {
  const { add, subtract: sub, multiply: mul } = calc;
  const d = calc.fromDecimal;
  const sf = stockFlowMath(calc);
  // The timeline, review cycle and duration are checked when a plan is made; a plan is only used for them.
  const known = plans.find(calc, horizon, input.id, input, fitsReview) as ReviewPlan<T> | undefined;
  const caseload = nonNegative(input.caseload, "caseload");
  const rate = fraction(input.reductionRate, "reductionRate");
  if (known === undefined) checkedCycle(input.weeksBetweenReviews);
  const perWeek = weeklySavingOn(calc, input.saving, "saving");
  const hours = hoursPerWeek(input.saving);
  const plan =
    known ?? (plans.keep(calc, horizon, input.id, reviewPlanOn(calc, input, horizon)) as ReviewPlan<T>);
  const { timeline, flowEnd, durationDays, fys, bounds } = plan;
  // On the backend's numbers (a drawn caseload or rate is not made a Decimal); the flow reads its Decimal
  // inputs back through the calculator, so toDecimal's Decimal of a plain number is never worked out.
  const cohort = mul(d(caseload), d(rate));
  const flow = flowMath(calc).avoidedEventsFlow({
    baseline: {
      volumePerYear: reviewsPerYearOn(calc, plan, caseload),
      growthPerYear: nonNegative(input.growthPerYear ?? ZERO, "growthPerYear"),
      baseFy: input.baseFy,
    },
    target: { kind: "percent", value: rate, cohortSize: calc.toDecimal(cohort) },
    durationWeeks: plan.durationWeeks,
    timeline,
    defaultBaseFy: horizon.firstFy,
    endDay: flowEnd,
  });
  const stocks = sf.averageStocks(flow, bounds, durationDays);
  const weeksPerYear = d(WEEKS_PER_YEAR);
  const hoursT = hours === undefined ? undefined : d(hours);
  const years: StreamYear<T>[] = [];
  const measured = needs.measures;
  // Packages reduced in each FY: a measure, and what a cost per reduction is paid on.
  const counted = measured || input.costPerReduction !== undefined;
  // Each FY start's cumulative reductions once (the end of one FY is the start of the next).
  let reducedBefore = counted ? sf.cumulativeAt(flow, bounds[0]) : calc.zero;
  // Each FY's price factor, worked out once (the rate is checked here, before the first FY's figures).
  const factors = fyPriceFactorsOn(calc, input, horizon.firstFy, fys);
  for (let i = 0; i < fys.length; i++) {
    // A stock of a non-negative flow: clamp the 40-digit rounding residue (e.g. −2e−37) at zero.
    const reduced = maxOf(calc, calc.zero, stocks[i]);
    let events = calc.zero;
    if (counted) {
      const reducedBy = sf.cumulativeAt(flow, bounds[i + 1]);
      events = sub(reducedBy, reducedBefore);
      reducedBefore = reducedBy;
    }
    const measures = measured ? reviewMeasuresOn(calc, reduced, events, hoursT) : NO_MEASURES;
    years.push(
      withEventCostsOn(
        calc,
        streamYearAtOn(calc, fys[i], mul(mul(reduced, perWeek), weeksPerYear), factors?.[i], measures),
        events,
        input.costPerReduction && nonNegative(input.costPerReduction, "costPerReduction"),
      ),
    );
  }
  if (!needs.settled) {
    return {
      id: input.id,
      label: input.label,
      kind: "packageReview",
      years,
      settledFy: horizon.firstFy,
      timeToFullImpactYears: undefined,
      cashability: input.cashability ?? "cashable",
    };
  }
  // Settled once the ramp is full and every person has been reviewed (the cohort reached), plus one stay
  // when reductions lapse; caseload growth after that is the steady trend, not a change of inputs.
  // The capped flow ends a rounding residue below the cohort, so look for a level a hair (1e-12) under it.
  const reached =
    calc.compare(cohort, calc.zero) === 0
      ? timeline.fullImpactDay
      : (sf.timeToReach(flow, mul(cohort, d(JUST_UNDER_ONE))) ?? flowEnd);
  let last = maxOf(calc, timeline.fullImpactDay, reached);
  if (input.durationWeeks !== undefined) last = add(last, durationDays);
  return {
    id: input.id,
    label: input.label,
    kind: "packageReview",
    years,
    settledFy: Math.max(horizon.firstFy, firstWholeFyFromOn(calc, last)),
    // As a cohort: start to full impact, no earlier than every person reviewed.
    timeToFullImpactYears: timeToFullRunRateYearsOn(calc, timeline, reached),
    cashability: input.cashability ?? "cashable",
  };
}

/** A FY's measures: reduced packages, the hours of care a week they avoid (saving in hours), reductions in the FY. */
function reviewMeasuresOn<T>(
  calc: Calculator<T>,
  reduced: T,
  events: T,
  hoursT: T | undefined,
): OperationalMeasure<T>[] {
  const packages: OperationalMeasure<T> = {
    key: "reducedPackages",
    label: MEASURE_LABELS.reducedPackages,
    unit: "people",
    value: reduced,
  };
  const inYear: OperationalMeasure<T> = {
    key: "packagesReducedInYear",
    label: MEASURE_LABELS.packagesReducedInYear,
    unit: "people",
    value: events,
  };
  // Array literals of their final length (a push past a literal's length reallocates its store).
  return hoursT === undefined
    ? [packages, inYear]
    : [
        packages,
        {
          key: "homecareHoursAvoided",
          label: MEASURE_LABELS.homecareHoursAvoided,
          unit: "hours/week",
          value: calc.multiply(reduced, hoursT),
        },
        inYear,
      ];
}

const JUST_UNDER_ONE = new Decimal(1).minus("1e-12");

/** What a package-review stream's timeline, review cycle and duration give on one backend. */
interface ReviewPlan<T> {
  readonly timelineInput: Timeline;
  readonly cycleInput: Decimal;
  readonly durationInput: Decimal | undefined;
  readonly timeline: ResolvedTimeline<T>;
  readonly flowEnd: T;
  readonly durationDays: T;
  /** durationDays in weeks, as the flow takes it. */
  readonly durationWeeks: Decimal;
  readonly fys: readonly FyStartYear[];
  readonly bounds: readonly T[];
  /** The last caseload (the Decimal itself) and its reviews a year, as the flow's baseline reads them. */
  reviewsOf?: { readonly caseload: Decimal; readonly perYear: Decimal };
}

const plans = planCache<ReviewPlan<unknown>>();

/**
 * Reviews a year, caseload × 52.18 / weeks between reviews, on the backend's numbers (a drawn caseload is
 * not made a Decimal; toDecimal's Decimal of a plain number is read back as that number), remembered for the
 * plan's last caseload: a draw that leaves the caseload alone gets the same figure.
 */
function reviewsPerYearOn<T>(calc: Calculator<T>, plan: ReviewPlan<T>, caseload: Decimal): Decimal {
  const known = plan.reviewsOf;
  if (known !== undefined && known.caseload === caseload) return known.perYear;
  const d = calc.fromDecimal;
  const perYear = calc.toDecimal(
    calc.divide(calc.multiply(d(caseload), d(WEEKS_PER_YEAR)), d(plan.cycleInput)),
  );
  plan.reviewsOf = { caseload, perYear };
  return perYear;
}

/** True when a plan was made from this stream's timeline, cycle and duration (shared by every draw that leaves them alone). */
function fitsReview(plan: ReviewPlan<unknown>, input: PackageReviewInput): boolean {
  return (
    plan.timelineInput === input.timeline &&
    plan.cycleInput === input.weeksBetweenReviews &&
    plan.durationInput === input.durationWeeks
  );
}

function checkedCycle(weeks: Decimal): Decimal {
  const cycle = weeksValue(weeks, "weeksBetweenReviews");
  if (cycle.isZero()) {
    throw new EngineError("out-of-range", "weeksBetweenReviews", "must be more than 0 weeks");
  }
  return cycle;
}

/** The plan of a stream whose review cycle is checked: its timeline checked and resolved, the flow's end and the stay. */
function reviewPlanOn<T>(calc: Calculator<T>, input: PackageReviewInput, horizon: Horizon): ReviewPlan<T> {
  const { add, multiply: mul } = calc;
  const d = calc.fromDecimal;
  const cycle = checkedCycle(input.weeksBetweenReviews);
  for (const k of ["designWeeks", "pilotWeeks", "rolloutWeeks", "leadWeeks"] as const) {
    weeksValue(input.timeline[k], `timeline.${k}`);
  }
  const timeline = resolveTimelineOn(calc, input.timeline);
  const { fys, bounds } = fyBoundsOn(calc, horizon);
  const endDayNumber = fyStartDay(horizon.lastFy + 1);
  const endDay = calc.fromNumber(endDayNumber);
  // The flow runs past the horizon far enough for every person to have been reviewed (one cycle after full
  // impact), so settledFy is found even when that happens after the horizon.
  const flowEnd = maxOf(
    calc,
    endDay,
    add(add(timeline.fullImpactDay, mul(d(cycle), calc.fromNumber(DAYS_PER_WEEK))), calc.one),
  );
  // Whole days (the timeline starts on a date), so exact on either backend; the flow takes it in weeks.
  const durationDays =
    input.durationWeeks === undefined
      ? calc.fromNumber(
          endDayNumber - Math.min(dayNumber(input.timeline.startDate), fyStartDay(horizon.firstFy)) + 1,
        )
      : mul(d(weeksValue(input.durationWeeks, "durationWeeks")), calc.fromNumber(DAYS_PER_WEEK));
  return {
    timelineInput: input.timeline,
    cycleInput: input.weeksBetweenReviews,
    durationInput: input.durationWeeks,
    timeline,
    flowEnd,
    durationDays,
    durationWeeks: calc.toDecimal(calc.divide(durationDays, calc.fromNumber(DAYS_PER_WEEK))),
    fys,
    bounds,
  };
}
