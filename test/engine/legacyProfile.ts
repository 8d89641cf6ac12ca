/**
 * Test oracle: computeProfile exactly as it was before the stream model (issue 13), kept verbatim so
 * test/engine/proposalProfile.test.ts can hold the thin wrapper to it, digit for digit, on random inputs.
 * Not product code: nothing in src/ imports it.
 */
import { Decimal, ZERO } from "../../src/engine/money";
import { EngineError } from "../../src/engine/errors";
import { DAYS_PER_WEEK, fyLabel, fyStartDay } from "../../src/engine/fiscalYear";
import { avoidedEventsFlow } from "../../src/engine/flow";
import { resolveTimeline } from "../../src/engine/timeline";
import {
  averageRemainingStayStocks,
  averageStocks,
  cumulativeAt,
  realisedAt,
  timeToReach,
  type CumulativeFlow,
} from "../../src/engine/stockFlow";
import { annualSavingPerCase, componentAnnualSaving } from "../../src/engine/unitCost";
import { totalCostInFy } from "../../src/engine/costs";
import { effectiveDurationWeeks, overlapInFy } from "../../src/engine/overlap";
import { fullRunRate, runRateFy, timeToFullRunRateYears } from "../../src/engine/runRate";
import type {
  FyStartYear,
  Profile,
  ProfileInput,
  ProfileYear,
  UnitCostComponent,
} from "../../src/engine/types";

/**
 * The benefits profile (DOMAIN §2): per FY, avoided events and the average caseload reduction they hold
 * (a box-car stock on the entry lever; on the exit lever each earlier exit holds the rest of a stay),
 * gross = caseload reduction × unit saving × periods per year, less costs and MTFS overlap = net = the
 * cumulative benefit; in-year = the change in cumulative from the previous FY. When the inflation is held in
 * a central contingency, gross is at price-base prices and the inflation part is its own line.
 */

/** A saving stream: a flow of realised events and its annual saving per case in a FY. */
interface Stream {
  readonly flow: CumulativeFlow;
  readonly annualSaving: (fy: FyStartYear) => Decimal;
}

/** Day numbers of each occurrence of "MM-DD" from the FY before `fromFy` to the end of `toFy`. */
function anniversaries(monthDay: string, fromFy: FyStartYear, toFy: FyStartYear): Decimal[] {
  const days: Decimal[] = [];
  for (let y = fromFy - 1; y <= toFy + 1; y++) {
    const d = Date.parse(`${y}-${monthDay}T00:00:00Z`) / 86_400_000;
    if (!Number.isFinite(d)) {
      throw new EngineError(
        "invalid-date",
        "unitCost.components.realisedFrom",
        `must be MM-DD, got ${monthDay}`,
      );
    }
    days.push(new Decimal(d));
  }
  return days;
}

/**
 * Computes the benefits profile over the horizon.
 *
 * @example
 * const p = computeProfile(parseProposal(cfsJson).assumptions);
 * p.years.map((y) => y.cumulative.div(1e6).toFixed(2)) // ["-0.50", "-1.50", "-0.58", "1.10", "2.77", "3.29"]
 */
export function legacyComputeProfile(input: ProfileInput): Profile {
  const { horizon, unitCost } = input;
  if (horizon.lastFy < horizon.firstFy) {
    throw new EngineError("out-of-range", "horizon.lastFy", "must not be before horizon.firstFy");
  }
  if (horizon.lastFy - horizon.firstFy > 60) {
    throw new EngineError("out-of-range", "horizon.lastFy", "must be within 60 years of horizon.firstFy");
  }
  const timeline = resolveTimeline(input.timeline);
  const durationWeeks = effectiveDurationWeeks(input.durationWeeks, input.mtfsOverlap);
  if (!durationWeeks.gt(0)) {
    // No stay left to save: a caseload target would need an infinite flow, and the exit stock divides by D.
    throw input.mtfsOverlap.kind === "weeksOfDuration"
      ? new EngineError(
          "out-of-range",
          "mtfsOverlap.weeks",
          `must be less than durationWeeks (${input.durationWeeks.toString()})`,
        )
      : new EngineError("out-of-range", "durationWeeks", `must be > 0, got ${durationWeeks.toString()}`);
  }
  const durationDays = durationWeeks.times(DAYS_PER_WEEK);
  const flow = avoidedEventsFlow({
    baseline: input.baseline,
    target: input.target,
    lever: input.lever,
    durationWeeks,
    timeline,
    delivery: input.timeline.delivery,
    defaultBaseFy: horizon.firstFy,
    endDay: new Decimal(fyStartDay(horizon.lastFy + 1)),
  });

  const componentStream = (c: UnitCostComponent): Stream => ({
    flow: c.realisedFrom
      ? realisedAt(flow, anniversaries(c.realisedFrom, horizon.firstFy, horizon.lastFy))
      : flow,
    annualSaving: (fy) => componentAnnualSaving(unitCost, c, fy),
  });
  const streams: readonly Stream[] =
    unitCost.components && unitCost.components.length > 0
      ? unitCost.components.map(componentStream)
      : [{ flow, annualSaving: (fy) => annualSavingPerCase(unitCost, fy) }];

  const bounds: Decimal[] = [];
  for (let fy = horizon.firstFy; fy <= horizon.lastFy + 1; fy++) bounds.push(new Decimal(fyStartDay(fy)));
  const averageOf = input.lever === "exit" ? averageRemainingStayStocks : averageStocks;
  const caseload = averageOf(flow, bounds, durationDays);
  const streamCaseload = streams.map((s) =>
    s.flow === flow ? caseload : averageOf(s.flow, bounds, durationDays),
  );

  const years: ProfileYear[] = [];
  let previous = ZERO;
  let previousContingency = ZERO;
  for (let fy = horizon.firstFy; fy <= horizon.lastFy; fy++) {
    const i = fy - horizon.firstFy;
    const a = bounds[i];
    const b = bounds[i + 1];
    const caseloadReduction = caseload[i];
    const grossAt = (pricesFy: FyStartYear): Decimal =>
      streams.reduce((sum, s, k) => sum.plus(streamCaseload[k][i].times(s.annualSaving(pricesFy))), ZERO);
    const grossAtFyPrices = grossAt(fy);
    // Held centrally: the benefit stays at price-base prices and the inflation part is reported beside it.
    const gross = unitCost.inflationContingency ? grossAt(unitCost.priceBaseFy) : grossAtFyPrices;
    const inflationContingency = grossAtFyPrices.minus(gross);
    const costs = totalCostInFy(input.investment, {
      fy,
      caseloadReduction,
      inflationPerYear: unitCost.inflationPerYear,
      priceBaseFy: unitCost.priceBaseFy,
    });
    const overlap = overlapInFy(input.mtfsOverlap, {
      fy,
      gross,
      caseloadReduction,
      periodsPerYear: unitCost.periodsPerYear,
      inflationPerYear: unitCost.inflationPerYear,
      priceBaseFy: unitCost.priceBaseFy,
      firstFy: horizon.firstFy,
    });
    const cumulative = gross.minus(costs).minus(overlap);
    years.push({
      fy,
      label: fyLabel(fy),
      avoidedEvents: cumulativeAt(flow, b).minus(cumulativeAt(flow, a)),
      caseloadReduction,
      gross,
      costs,
      overlap,
      cumulative,
      inYear: cumulative.minus(previous),
      inflationContingency,
      inYearInflationContingency: inflationContingency.minus(previousContingency),
      mtfsImpact: cumulative.plus(inflationContingency),
    });
    previous = cumulative;
    previousContingency = inflationContingency;
  }

  const cohort = input.target.kind === "caseloadReduction" ? undefined : input.target.cohortSize;
  const cohortReachedDay = cohort === undefined ? undefined : timeToReach(flow, cohort);
  const mtfsRow = years.find((y) => y.fy === horizon.mtfsLastFy) ?? years[years.length - 1];
  return {
    years,
    quantifiedOpportunity: mtfsRow.cumulative,
    quantifiedOpportunityInflationContingency: mtfsRow.inflationContingency,
    fullRunRate: fullRunRate(years, runRateFy(timeline, durationWeeks, horizon, cohortReachedDay)),
    timeToFullRunRateYears: timeToFullRunRateYears(timeline, cohortReachedDay),
  };
}
