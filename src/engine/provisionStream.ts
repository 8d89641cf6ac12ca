import { Decimal } from "./money";
import { EngineError } from "./errors";
import { decimalCalculator, minOf, type Calculator } from "./calculator";
import { WEEKS_PER_YEAR, addCalendarMonths, dayNumber, fyStartDay } from "./fiscalYear";
import { firstWholeFyFromDay, yearsBetweenDays } from "./runRate";
import { averageDaySharesInFys, dayShareAt, type DayShares, type ShareSchedule } from "./shareSchedule";
import {
  nonNegative,
  fyPriceFactorsOn,
  streamYearAtOn,
  withEventCostsOn,
  type StreamPrices,
} from "./streamYears";
import { NO_MEASURES, WHOLE_STREAM, type StreamNeeds, type StreamProfile, type StreamYear } from "./stream";
import { fyBoundsOn } from "./streamPlan";
import type { FyStartYear, Horizon } from "./types";
import { MEASURE_LABELS } from "./measureLabels";

/**
 * A unit-cost reduction on a caseload moved to new provision as capacity opens (both Commissioning for the
 * Future proposals, seeds/004 Appendix B). From `openingDate`, `movesPerStep` people move every
 * `stepMonths` calendar months until the caseload (or the new provision's places) is moved; each moved person
 * saves (currentWeeklyCost − newProvisionWeeklyCost) a week:
 *   gross(FY) = average people moved in the FY × weekly saving × 52.18, inflated each 1 April.
 * Two settings opening at different dates are two streams.
 */

/** A move-to-new-provision stream. Money in £ a week, price-base prices. */
export interface ProvisionInput extends StreamPrices {
  readonly id: string;
  readonly label: string;
  /** People who could move ("a baseline of 8 CYP … and 1 CYP …"), no growth. */
  readonly caseload: Decimal;
  /** Places in the new provision (default: the caseload). */
  readonly places?: Decimal;
  /** Current cost per person a week. */
  readonly currentWeeklyCost: Decimal;
  /** Cost per person a week in the new provision. */
  readonly newProvisionWeeklyCost: Decimal;
  /** ISO date the new provision becomes available; the first move happens then. */
  readonly openingDate: string;
  /** People moved at each step ("2 CYP"). */
  readonly movesPerStep: Decimal;
  /** Calendar months between moves ("every 3 months"); a whole number ≥ 1. */
  readonly stepMonths: number;
  /** One-off cost per person moved, £ (e.g. transition support); reported as the FY's `oneOffCosts`. */
  readonly costPerMove?: Decimal;
  /** Weeks a year used to annualise (default 52.18). */
  readonly weeksPerYear?: Decimal;
  /** Default cashable. */
  readonly cashability?: StreamProfile["cashability"];
}

/**
 * The people-moved schedule as shares of the people who will move (steps at each move date).
 *
 * @example
 * movesSchedule({ …, caseload: D(9), movesPerStep: D(2), stepMonths: 3, openingDate: "2028-01-01" }).points.length // 5
 */
export function movesSchedule(input: ProvisionInput): { schedule: ShareSchedule; moved: Decimal } {
  const m = movesOn(decimalCalculator, input);
  return {
    schedule: {
      shape: "steps",
      points: m.points.days.map((_, i) => ({ date: moveDate(input, m, i), share: m.points.shares[i] })),
    },
    moved: m.moved,
  };
}

/** Move i's date: the opening, or the calendar's (a draw reads only the day numbers, so no dates are copied). */
function moveDate<T>(input: ProvisionInput, m: Moves<T>, i: number): string {
  return m.calendar === undefined ? input.openingDate : m.calendar.dates[i];
}

/** The moves on a number backend: each move's day, and the share of the people moved by then. */
interface Moves<T> {
  readonly points: DayShares<T>;
  readonly moved: T;
  /** The move calendar the points come from (none when nobody moves). */
  readonly calendar?: StepDates;
}

function movesOn<T>(calc: Calculator<T>, input: ProvisionInput): Moves<T> {
  const { subtract: sub, compare: cmp } = calc;
  const caseload = nonNegative(input.caseload, "caseload");
  const places = nonNegative(input.places ?? caseload, "places");
  const moved = minOf(calc, calc.fromDecimal(caseload), calc.fromDecimal(places));
  const stepDecimal = nonNegative(input.movesPerStep, "movesPerStep");
  if (!Number.isInteger(input.stepMonths) || input.stepMonths < 1 || input.stepMonths > 1200) {
    throw new EngineError("out-of-range", "stepMonths", "must be a whole number of months, 1 to 1200");
  }
  if (cmp(moved, calc.zero) === 0 || stepDecimal.isZero()) {
    const day = dayNumber(input.openingDate);
    return {
      points: { shape: "steps", days: [day], shares: calc.array([calc.zero]) },
      moved,
    };
  }
  const step = calc.fromDecimal(stepDecimal);
  // Moving everyone must take at most 100 years of steps: more is a typo, and would be a very long loop.
  const steps = sub(calc.zero, calc.floor(sub(calc.zero, calc.divide(moved, step)))); // ⌈moved / step⌉
  if (
    cmp(calc.multiply(sub(steps, calc.one), calc.fromNumber(input.stepMonths)), calc.fromNumber(1200)) > 0
  ) {
    throw new EngineError(
      "out-of-range",
      "movesPerStep",
      "moves the caseload in more than 100 years; check movesPerStep and stepMonths",
    );
  }
  const calendar = stepDates(input.openingDate, input.stepMonths);
  const shares: T[] = [];
  for (let k = 1; ; k++) {
    const done = minOf(calc, moved, calc.multiply(step, calc.fromNumber(k)));
    calendar.upTo(k);
    shares.push(calc.divide(done, moved));
    if (cmp(done, moved) >= 0) break;
  }
  const n = shares.length;
  return {
    points: { shape: "steps", days: calendar.days.slice(0, n), shares: calc.array(shares) },
    moved,
    calendar,
  };
}

/** Move dates from an opening date every so many months, made as far as a stream needs them. */
interface StepDates {
  readonly opening: string;
  readonly months: number;
  readonly dates: string[];
  readonly days: number[];
  /** Makes the dates of moves 1 to k. */
  upTo(k: number): void;
  /** Years from the opening to move k + 1 (yearsBetweenDays), remembered. */
  yearsTo(k: number): Decimal;
}

/*
 * A ring of recent move calendars, matched by opening date and step (no key built per draw): a simulation
 * moves the same provision on every draw, with as many steps as its drawn caseload needs.
 */
const RECENT = 16;
const recent: StepDates[] = [];
let nextSlot = 0;

function stepDates(opening: string, months: number): StepDates {
  for (let i = 0; i < recent.length; i++) {
    const e = recent[i];
    if (e.opening === opening && e.months === months) return e;
  }
  const dates: string[] = [];
  const days: number[] = [];
  const years: Decimal[] = [];
  const made: StepDates = {
    opening,
    months,
    dates,
    days,
    upTo(k) {
      while (dates.length < k) {
        const date = addCalendarMonths(opening, dates.length * months);
        days.push(dayNumber(date));
        dates.push(date);
      }
    },
    yearsTo(k) {
      made.upTo(k + 1);
      return (years[k] ??= yearsBetweenDays(days[0], days[k]));
    },
  };
  recent[nextSlot] = made;
  nextSlot = (nextSlot + 1) % RECENT;
  return made;
}

/**
 * The stream's profile over the horizon; measures the average number of people in the new provision.
 *
 * @example
 * provisionStream(cfsCommissioning, horizon).years.map((y) => y.gross.div(1e6).toFixed(2)) // ["0.00", "0.05", "0.70", "0.97", …]
 */
export function provisionStream(input: ProvisionInput, horizon: Horizon): StreamProfile {
  return provisionStreamOn(decimalCalculator, input, horizon);
}

/**
 * provisionStream on a number backend (simulation and sensitivity; calculator.ts); `needs` says what besides
 * the £ is worked out (stream.ts).
 *
 * @example
 * provisionStreamOn(numberCalculator, cfsCommissioning, horizon).years[2].gross // ≈ 0.70e6
 */
export function provisionStreamOn<T>(
  calc: Calculator<T>,
  input: ProvisionInput,
  horizon: Horizon,
  needs: StreamNeeds = WHOLE_STREAM,
): StreamProfile<T> {
  const { multiply: mul, subtract: sub } = calc;
  const d = calc.fromDecimal;
  const current = d(nonNegative(input.currentWeeklyCost, "currentWeeklyCost"));
  const newCost = d(nonNegative(input.newProvisionWeeklyCost, "newProvisionWeeklyCost"));
  // On the backend's numbers (a Decimal comparison makes a Decimal on every simulated draw).
  if (calc.compare(current, newCost) < 0) {
    throw new EngineError(
      "out-of-range",
      "newProvisionWeeklyCost",
      "must not exceed currentWeeklyCost (the stream is a saving)",
    );
  }
  const schedule = movesOn(calc, input);
  const { points, moved } = schedule;
  const annual = mul(
    sub(current, newCost),
    d(nonNegative(input.weeksPerYear ?? WEEKS_PER_YEAR, "weeksPerYear")),
  );
  const { fys } = fyBoundsOn(calc, horizon);
  const shares = averageDaySharesInFys(calc, points, fys);
  const years: StreamYear<T>[] = [];
  const measured = needs.measures;
  // People moved in each FY: a measure, and what a cost per move is paid on.
  const counted = measured || input.costPerMove !== undefined;
  // Each FY start's share once (the end of one FY is the start of the next).
  let movedBefore = counted ? dayShareAt(calc, points, fyStartDay(fys[0]), true) : calc.zero;
  // Each FY's price factor, worked out once (the rate is checked here, before the first FY's figures).
  const factors = fyPriceFactorsOn(calc, input, horizon.firstFy, fys);
  for (let i = 0; i < fys.length; i++) {
    const people = mul(moved, shares[i]);
    let moves = calc.zero;
    if (counted) {
      const movedBy = dayShareAt(calc, points, fyStartDay(fys[i] + 1), true);
      moves = mul(moved, sub(movedBy, movedBefore));
      movedBefore = movedBy;
    }
    years.push(
      withEventCostsOn(
        calc,
        streamYearAtOn(
          calc,
          fys[i],
          mul(people, annual),
          factors?.[i],
          measured
            ? [
                {
                  key: "peopleInNewProvision",
                  label: MEASURE_LABELS.peopleInNewProvision,
                  unit: "people",
                  value: people,
                },
                { key: "peopleMoved", label: MEASURE_LABELS.peopleMoved, unit: "people", value: moves },
              ]
            : NO_MEASURES,
        ),
        moves,
        input.costPerMove && nonNegative(input.costPerMove, "costPerMove"),
      ),
    );
  }
  return {
    id: input.id,
    label: input.label,
    kind: "provision",
    years,
    settledFy: needs.settled ? provisionSettledFy(points, horizon) : horizon.firstFy,
    timeToFullImpactYears: needs.settled ? provisionTimeToFullOn(calc, schedule) : undefined,
    cashability: input.cashability ?? "cashable",
  };
}

/** The FY from which every move is in (the last move's date). */
function provisionSettledFy<T>(points: DayShares<T>, horizon: Horizon): FyStartYear {
  return Math.max(horizon.firstFy, firstWholeFyFromDay(points.days[points.days.length - 1]));
}

/** Opening to the last move (the first point at the final share, as schedulesTimeToFullYears reads it). */
function provisionTimeToFullOn<T>(calc: Calculator<T>, moves: Moves<T>): T {
  const { points, calendar } = moves;
  const final = points.shares[points.shares.length - 1];
  let full = 0;
  while (calc.compare(points.shares[full], final) !== 0) full++;
  return calc.fromDecimal(
    calendar === undefined ? yearsBetweenDays(points.days[0], points.days[full]) : calendar.yearsTo(full),
  );
}
