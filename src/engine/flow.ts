import { Decimal } from "./money";
import { DAYS_PER_WEEK, WEEKS_PER_YEAR, fyOf, fyStartDay } from "./fiscalYear";
import { rampPieces, type ResolvedTimeline } from "./timeline";
import { cumulativeFromRates, realisedAt, type CumulativeFlow, type RatePiece } from "./stockFlow";
import type { Baseline, Delivery, FyStartYear, Target } from "./types";

/**
 * Avoided events over time: full rate × ramp. The full rate per year in a FY is
 *   percent:           baseline volume × (1 + growth)^(FY − base FY) × target %
 *   countPerYear:      the stated count
 *   caseloadReduction: target caseload × 52.18 / duration weeks (the flow that keeps that caseload away)
 * For the exit lever the same formulas apply with the baseline volume read as the current caseload.
 */

/** Days per modelled year: 52.18 weeks of 7 days, so a flow of C × 52.18 / D a year holds exactly C cases. */
export const DAYS_PER_YEAR = WEEKS_PER_YEAR.times(DAYS_PER_WEEK);

/** What the flow needs from the assumptions. */
export interface FlowInput {
  readonly baseline: Baseline;
  readonly target: Target;
  readonly durationWeeks: Decimal;
  readonly timeline: ResolvedTimeline;
  readonly delivery?: Delivery;
  /** FY the baseline volume refers to when `baseline.baseFy` is absent. */
  readonly defaultBaseFy: FyStartYear;
  /** Last day the flow must cover (exclusive end of the horizon). */
  readonly endDay: Decimal;
}

/**
 * Avoided events per year at full impact in a FY.
 *
 * @example
 * fullRatePerYear({ volumePerYear: D(260), growthPerYear: ZERO }, { kind: "percent", value: D(0.08) }, D(153.1), 2026, 2026).toNumber() // 20.8
 * fullRatePerYear(baseline, { kind: "caseloadReduction", value: D(10) }, D(107), 2026, 2026).toNumber() // 4.8766…
 */
export function fullRatePerYear(
  baseline: Baseline,
  target: Target,
  durationWeeks: Decimal,
  fy: FyStartYear,
  baseFy: FyStartYear,
): Decimal {
  switch (target.kind) {
    case "percent":
      return baseline.volumePerYear
        .times(baseline.growthPerYear.plus(1).pow(fy - baseFy))
        .times(target.value);
    case "countPerYear":
      return target.value;
    case "caseloadReduction":
      return target.value.times(WEEKS_PER_YEAR).div(durationWeeks);
  }
}

/**
 * Cumulative avoided events F(t) for the assumptions: the ramp × full rate, growth stepping each 1 April,
 * stopping at the delivery end, and (for batched delivery) realised at the end of each block.
 *
 * @example
 * const f = avoidedEventsFlow(input);
 * cumulativeAt(f, endOfFy).toNumber() // avoided events to date
 */
export function avoidedEventsFlow(input: FlowInput): CumulativeFlow {
  const t = input.timeline;
  const baseFy = input.baseline.baseFy ?? input.defaultBaseFy;
  const end = t.deliveryEndDay && t.deliveryEndDay.lt(input.endDay) ? t.deliveryEndDay : input.endDay;
  const start = t.firstImpactDay;
  if (end.lte(start)) return cumulativeFromRates([], []);

  // Breakpoints: ramp pieces, full impact, and every 1 April (growth and FY-dependent targets step there).
  const ramp = rampPieces(t);
  const cuts = new Map<string, Decimal>();
  const add = (d: Decimal): void => {
    if (d.gte(start) && d.lte(end)) cuts.set(d.toString(), d);
  };
  add(start);
  add(end);
  for (const p of ramp) {
    add(p.from);
    add(p.to);
  }
  for (let fy = fyOf(start.floor().toNumber()) + 1; new Decimal(fyStartDay(fy)).lt(end); fy++) {
    add(new Decimal(fyStartDay(fy)));
  }
  const points = [...cuts.values()].sort((a, b) => a.comparedTo(b));

  const shareAt = (d: Decimal, atEnd: boolean): Decimal => {
    for (const p of ramp) {
      const inside = atEnd ? d.gt(p.from) && d.lte(p.to) : d.gte(p.from) && d.lt(p.to);
      if (inside) {
        const x = d.minus(p.from).div(p.to.minus(p.from));
        return p.shareFrom.plus(p.shareTo.minus(p.shareFrom).times(x));
      }
    }
    return new Decimal(1);
  };

  const rates: RatePiece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    const fy = fyOf(from.floor().toNumber());
    const perDay = fullRatePerYear(input.baseline, input.target, input.durationWeeks, fy, baseFy).div(
      DAYS_PER_YEAR,
    );
    rates.push({
      from,
      to,
      rateFrom: perDay.times(shareAt(from, false)),
      rateTo: perDay.times(shareAt(to, true)),
    });
  }
  const flow = cumulativeFromRates(rates, []);
  if (input.delivery?.kind !== "batches") return flow;

  // Batched delivery: events completed in each block are realised together at the block's end.
  const blockDays = input.delivery.everyWeeks.times(DAYS_PER_WEEK);
  const days: Decimal[] = [];
  for (let d = start.plus(blockDays); d.lte(input.endDay); d = d.plus(blockDays)) days.push(d);
  if (days.length === 0 || days[days.length - 1].lt(end))
    days.push(end.gt(input.endDay) ? input.endDay : end);
  return realisedAt(flow, days);
}
