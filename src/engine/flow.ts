import { Decimal } from "./money";
import { DAYS_PER_WEEK, WEEKS_PER_YEAR, fyOf, fyStartDay } from "./fiscalYear";
import { rampPieces, type RampPiece, type ResolvedTimeline } from "./timeline";
import {
  cumulativeFromRates,
  realisedAt,
  timeToReach,
  type CumulativeFlow,
  type RatePiece,
} from "./stockFlow";
import type { Baseline, Delivery, FyStartYear, Lever, Target } from "./types";

/**
 * Avoided events over time: full rate × ramp. The full rate per year in a FY is
 *   percent:           baseline volume × (1 + growth)^(FY − base FY) × target %
 *   countPerYear:      the stated count
 *   caseloadReduction: target caseload × 52.18 / duration weeks (the flow that keeps that caseload away),
 *                      doubled for the exit lever, whose earlier exits each save half a stay on average
 * For the exit lever the baseline volume is the current caseload and the % the extra share of it that exits
 * each year; the stock those exits hold is in stockFlow.ts (averageRemainingStayStocks).
 */

/** Days per modelled year: 52.18 weeks of 7 days, so a flow of C × 52.18 / D a year holds exactly C cases. */
export const DAYS_PER_YEAR = WEEKS_PER_YEAR.times(DAYS_PER_WEEK);

/** What the flow needs from the assumptions. */
export interface FlowInput {
  readonly baseline: Baseline;
  readonly target: Target;
  /** Which stock the events feed; sets the flow a caseload-reduction target needs (default entry). */
  readonly lever?: Lever;
  readonly durationWeeks: Decimal;
  readonly timeline: ResolvedTimeline;
  readonly delivery?: Delivery;
  /** FY the baseline volume refers to when `baseline.baseFy` is absent. */
  readonly defaultBaseFy: FyStartYear;
  /** Last day the flow must cover (exclusive end of the horizon). */
  readonly endDay: Decimal;
}

/**
 * The baseline volume in a FY: the volume stated for it (`byFy`), else grown by `growthPerYear` from the
 * last stated FY before it (or back from the first; `volumePerYear` in `baseFy` when none is stated).
 *
 * @example
 * baselineVolume({ volumePerYear: D(100), growthPerYear: D(0.1) }, 2028, 2026).toNumber() // 121
 * baselineVolume({ volumePerYear: D(100), growthPerYear: D(0.1), byFy: new Map([[2026, D(100)], [2027, D(90)]]) }, 2028, 2026).toNumber() // 99
 */
export function baselineVolume(baseline: Baseline, fy: FyStartYear, baseFy: FyStartYear): Decimal {
  const grow = (volume: Decimal, from: FyStartYear): Decimal =>
    volume.times(baseline.growthPerYear.plus(1).pow(fy - from));
  const stated = baseline.byFy;
  if (stated === undefined || stated.size === 0) return grow(baseline.volumePerYear, baseFy);
  const own = stated.get(fy);
  if (own !== undefined) return own;
  const years = [...stated.keys()];
  const before = years.filter((y) => y < fy);
  const from = before.length ? Math.max(...before) : Math.min(...years);
  return grow(stated.get(from) ?? baseline.volumePerYear, from);
}

/**
 * Avoided events per year at full impact in a FY.
 *
 * @example
 * fullRatePerYear({ volumePerYear: D(260), growthPerYear: ZERO }, { kind: "percent", value: D(0.08) }, D(153.1), 2026, 2026).toNumber() // 20.8
 * fullRatePerYear(baseline, { kind: "caseloadReduction", value: D(10) }, D(107), 2026, 2026).toNumber() // 4.8766…
 * fullRatePerYear(baseline, { kind: "caseloadReduction", value: D(10) }, D(107), 2026, 2026, "exit").toNumber() // 9.7533…
 */
export function fullRatePerYear(
  baseline: Baseline,
  target: Target,
  durationWeeks: Decimal,
  fy: FyStartYear,
  baseFy: FyStartYear,
  lever: Lever = "entry",
): Decimal {
  switch (target.kind) {
    case "percent":
      return baselineVolume(baseline, fy, baseFy).times(target.value);
    case "countPerYear":
      return target.value;
    case "caseloadReduction": {
      const flow = target.value.times(WEEKS_PER_YEAR).div(durationWeeks);
      return lever === "exit" ? flow.times(2) : flow;
    }
  }
}

/** The ramp piece containing day d (pieces are sorted and contiguous), by binary search. */
function rampPieceAt(ramp: readonly RampPiece[], d: Decimal): RampPiece | undefined {
  let lo = 0;
  let hi = ramp.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (d.lt(ramp[mid].from)) hi = mid - 1;
    else if (d.gte(ramp[mid].to)) lo = mid + 1;
    else return ramp[mid];
  }
  return undefined;
}

function shareOn(p: RampPiece | undefined, d: Decimal): Decimal {
  if (p === undefined) return new Decimal(1);
  return p.shareFrom.plus(p.shareTo.minus(p.shareFrom).times(d.minus(p.from).div(p.to.minus(p.from))));
}

/** Linear rate pieces on [start, end): ramp share × rate of the FY, cut at ramp edges and every 1 April. */
function ratePieces(
  start: Decimal,
  end: Decimal,
  ramp: readonly RampPiece[],
  rateInFy: (fy: FyStartYear) => Decimal,
): RatePiece[] {
  if (end.lte(start)) return [];
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
  const pieces: RatePiece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    const perDay = rateInFy(fyOf(from.floor().toNumber()));
    // Ramp edges are cuts, so the whole interval lies on one ramp piece (or after the ramp, at share 1).
    const piece = rampPieceAt(ramp, from);
    pieces.push({
      from,
      to,
      rateFrom: perDay.times(shareOn(piece, from)),
      rateTo: perDay.times(shareOn(piece, to)),
    });
  }
  return pieces;
}

/** Rate pieces cut off at day `at`. */
function clip(rates: readonly RatePiece[], at: Decimal): RatePiece[] {
  const out: RatePiece[] = [];
  for (const r of rates) {
    if (r.from.gte(at)) continue;
    if (r.to.lte(at)) {
      out.push(r);
      continue;
    }
    const x = at.minus(r.from).div(r.to.minus(r.from));
    out.push({
      from: r.from,
      to: at,
      rateFrom: r.rateFrom,
      rateTo: r.rateFrom.plus(r.rateTo.minus(r.rateFrom).times(x)),
    });
  }
  return out;
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

  const ramp = rampPieces(t);
  const rateInFy = (fy: FyStartYear): Decimal =>
    fullRatePerYear(input.baseline, input.target, input.durationWeeks, fy, baseFy, input.lever).div(
      DAYS_PER_YEAR,
    );
  let rates = ratePieces(start, end, ramp, rateInFy);

  // A fixed cohort: events stop when it is reached, then continue only as the cohort grows.
  const cohort = input.target.kind === "caseloadReduction" ? undefined : input.target.cohortSize;
  if (cohort !== undefined) {
    const reached = timeToReach(cumulativeFromRates(rates, []), cohort);
    if (reached !== undefined) {
      const g = input.baseline.growthPerYear;
      const capFy = fyOf(reached.floor().toNumber());
      const growthRate = (fy: FyStartYear): Decimal =>
        cohort
          .times(g)
          .times(g.plus(1).pow(fy - capFy))
          .div(DAYS_PER_YEAR);
      rates = [...clip(rates, reached), ...ratePieces(reached, end, [], growthRate)];
    }
  }
  const flow = cumulativeFromRates(rates, []);
  if (input.delivery?.kind !== "batches") return flow;

  // Batched delivery: events completed in each block are realised together at the block's end.
  const blockDays = input.delivery.everyWeeks.times(DAYS_PER_WEEK);
  const days: Decimal[] = [];
  for (let d = start.plus(blockDays); d.lte(input.endDay); d = d.plus(blockDays)) days.push(d);
  return realisedAt(flow, days);
}
