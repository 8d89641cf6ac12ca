import { Decimal } from "./money";
import { DAYS_PER_WEEK, WEEKS_PER_YEAR, fyOf, fyStartDay } from "./fiscalYear";
import { decimalCalculator, type Calculator } from "./calculator";
import { rampPiecesOn, type RampPiece, type ResolvedTimeline } from "./timeline";
import { stockFlowMath, type CumulativeFlow, type RateCuts } from "./stockFlow";
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

/** What the flow needs from the assumptions (the timeline on the flow's number backend). */
export interface FlowInput<T = Decimal> {
  readonly baseline: Baseline;
  readonly target: Target;
  /** Which stock the events feed; sets the flow a caseload-reduction target needs (default entry). */
  readonly lever?: Lever;
  readonly durationWeeks: Decimal;
  readonly timeline: ResolvedTimeline<T>;
  readonly delivery?: Delivery;
  /** FY the baseline volume refers to when `baseline.baseFy` is absent. */
  readonly defaultBaseFy: FyStartYear;
  /** Last day the flow must cover (exclusive end of the horizon). */
  readonly endDay: T;
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
  return decimalFlow.fullRatePerYear(baseline, target, durationWeeks, fy, baseFy, lever);
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
  return decimalFlow.avoidedEventsFlow(input);
}

/** The flow model on one number backend (see fullRatePerYear and avoidedEventsFlow). */
export interface FlowMath<T> {
  fullRatePerYear(
    baseline: Baseline,
    target: Target,
    durationWeeks: Decimal,
    fy: FyStartYear,
    baseFy: FyStartYear,
    lever?: Lever,
  ): T;
  avoidedEventsFlow(input: FlowInput<T>): CumulativeFlow<T>;
}

/**
 * The flow model on a number backend: the same calculator calls on either, so Decimal figures are identical.
 *
 * @example
 * flowMath(numberCalculator).avoidedEventsFlow(input).starts.length // as many pieces as the Decimal flow
 */
export function flowMath<T>(calc: Calculator<T>): FlowMath<T> {
  // Built once per backend: the model's closures are shared by every call. The last backend asked for is
  // answered without the WeakMap (a simulated draw asks on every draw, always for the number backend).
  if (calc === lastCalc) return lastMath as FlowMath<T>;
  let math = flowMathCache.get(calc) as FlowMath<T> | undefined;
  if (math === undefined) {
    math = buildFlowMath(calc);
    flowMathCache.set(calc, math);
  }
  lastCalc = calc;
  lastMath = math;
  return math;
}

const flowMathCache = new WeakMap<object, unknown>();
let lastCalc: unknown;
let lastMath: unknown;

function buildFlowMath<T>(calc: Calculator<T>): FlowMath<T> {
  const { add, subtract: sub, multiply: mul, divide: div, compare: cmp } = calc;
  const sf = stockFlowMath(calc);
  const daysPerYear = calc.fromDecimal(DAYS_PER_YEAR);
  const weeksPerYear = calc.fromDecimal(WEEKS_PER_YEAR);
  const two = calc.fromNumber(2);
  const one = calc.one;
  const fyOfDay = (d: T): FyStartYear => fyOf(calc.toNumber(calc.floor(d)));
  const sortedDistinct = (xs: T[]): T[] => {
    // Insertion sort (stable, as Array.prototype.sort): a few dozen points, mostly in order already, and no
    // comparator called back from the builtin on every simulated draw.
    for (let i = 1; i < xs.length; i++) {
      const x = xs[i];
      let j = i;
      while (j > 0 && cmp(xs[j - 1], x) > 0) {
        xs[j] = xs[j - 1];
        j--;
      }
      xs[j] = x;
    }
    let n = 0;
    for (let i = 0; i < xs.length; i++) if (n === 0 || cmp(xs[n - 1], xs[i]) !== 0) xs[n++] = xs[i];
    xs.length = n;
    return xs;
  };

  // sortedDistinct of start, end, the ascending edges (all within [start, end]) and the ascending 1 Aprils
  // (all within (start, end)): the same points, merged rather than sorted.
  const mergedCuts = (start: T, end: T, edges: readonly T[], fyStarts: readonly T[]): T[] => {
    const out: T[] = [start];
    let last = start;
    let i = 0;
    let j = 0;
    while (i < edges.length || j < fyStarts.length) {
      const x =
        j >= fyStarts.length || (i < edges.length && cmp(edges[i], fyStarts[j]) <= 0)
          ? edges[i++]
          : fyStarts[j++];
      if (cmp(last, x) !== 0) {
        out.push(x);
        last = x;
      }
    }
    if (cmp(last, end) !== 0) out.push(end);
    return out;
  };

  // The full rate with its inputs already on this backend (converted once per flow, not once per piece).
  const fullRateOf = (
    baseline: Baseline,
    target: Target,
    durationWeeks: Decimal,
    baseFy: FyStartYear,
    lever: Lever = "entry",
  ): ((fy: FyStartYear) => T) => {
    const value = calc.fromDecimal(target.value);
    switch (target.kind) {
      case "percent": {
        // Volumes stated FY by FY (a demand model's do-nothing line) are read per FY, in Decimal.
        if (baseline.byFy !== undefined && baseline.byFy.size > 0) {
          return (fy) => mul(calc.fromDecimal(baselineVolume(baseline, fy, baseFy)), value);
        }
        const volume = calc.fromDecimal(baseline.volumePerYear);
        const growthFactor = add(calc.fromDecimal(baseline.growthPerYear), calc.one);
        return (fy) => mul(mul(volume, calc.pow(growthFactor, fy - baseFy)), value);
      }
      case "countPerYear":
        return () => value;
      case "caseloadReduction": {
        const flow = div(mul(value, weeksPerYear), calc.fromDecimal(durationWeeks));
        const rate = lever === "exit" ? mul(flow, two) : flow;
        return () => rate;
      }
    }
  };
  const fullRate = (
    baseline: Baseline,
    target: Target,
    durationWeeks: Decimal,
    fy: FyStartYear,
    baseFy: FyStartYear,
    lever: Lever = "entry",
  ): T => fullRateOf(baseline, target, durationWeeks, baseFy, lever)(fy);

  // A constant piece (monthly steps, stepped) holds its share: share + 0 × x is the share, digit for digit.
  const shareOn = (p: RampPiece<T> | undefined, d: T): T =>
    p === undefined
      ? calc.one
      : p.shareFrom === p.shareTo
        ? p.shareFrom
        : add(p.shareFrom, mul(sub(p.shareTo, p.shareFrom), div(sub(d, p.from), sub(p.to, p.from))));

  // Linear rate pieces on [start, end): ramp share × rate of the FY, cut at ramp edges and every 1 April. The
  // cuts, each piece's FY and its ramp shares depend only on the timeline and the days (rampCuts); the rates
  // are the FYs' rates times those shares (ratesOn). As plain arrays: a simulation builds the pieces on every draw.
  const rampCuts = (start: T, end: T, ramp: readonly RampPiece<T>[]): RampCuts<T> => {
    if (cmp(end, start) <= 0) return { cuts: [], fys: [], shareFrom: [], shareTo: [] };
    // Ramp edges on [start, end], in the ramp's order.
    const edges: T[] = [];
    let ascending = true;
    for (let k = 0; k < ramp.length; k++) {
      const p = ramp[k];
      if (cmp(p.from, start) >= 0 && cmp(p.from, end) <= 0) edges.push(p.from);
      if (cmp(p.to, start) >= 0 && cmp(p.to, end) <= 0) edges.push(p.to);
    }
    for (let k = 1; k < edges.length; k++) if (cmp(edges[k - 1], edges[k]) > 0) ascending = false;
    // Each 1 April after start and before end (all after start: the first is that of start's FY + 1).
    const firstFy = fyOfDay(start);
    const fyStarts: T[] = [];
    for (let fy = firstFy + 1; ; fy++) {
      const d = calc.fromNumber(fyStartDay(fy));
      if (cmp(d, end) >= 0) break;
      fyStarts.push(d);
    }
    // The distinct cut points in order. A timeline's ramp ascends, so its edges and the 1 Aprils are merged
    // (a draw that moves the lead time cuts anew; sorting them all made most of the comparisons).
    const points = ascending
      ? mergedCuts(start, end, edges, fyStarts)
      : sortedDistinct([start, end, ...edges, ...fyStarts]);
    // The points ascend, so the ramp is walked, not searched; the FY of a point is start's FY + the 1 Aprils
    // on or before it (fyOf of its day, as the FY starts are whole).
    const pieces = points.length - 1;
    const fys = new Array<number>(pieces);
    const shareFrom = new Array<T>(pieces);
    const shareTo = new Array<T>(pieces);
    let j = 0;
    let passed = 0;
    for (let i = 0; i < pieces; i++) {
      const from = points[i];
      const to = points[i + 1];
      while (passed < fyStarts.length && cmp(from, fyStarts[passed]) >= 0) passed++;
      fys[i] = firstFy + passed;
      // Ramp edges are cuts, so the whole interval lies on one ramp piece (or after the ramp, at share 1).
      while (j < ramp.length && cmp(from, ramp[j].to) >= 0) j++;
      const piece = j < ramp.length && cmp(from, ramp[j].from) >= 0 ? ramp[j] : undefined;
      shareFrom[i] = shareOn(piece, from);
      shareTo[i] = shareOn(piece, to);
    }
    return { cuts: points, fys, shareFrom, shareTo };
  };

  // The pieces' rates: each FY's rate a year (worked out once, the pieces ascend) per day, times the pieces'
  // shares. Given the rate a year, not a day: no closure per draw to divide it.
  const ratesOn = (g: RampCuts<T>, ratePerYear: (fy: FyStartYear) => T): RateCuts<T> => {
    const { fys, shareFrom, shareTo } = g;
    const n = fys.length;
    const rateFrom = new Array<T>(n);
    const rateTo = new Array<T>(n);
    let rateFy = NaN;
    let perDay = calc.zero;
    for (let i = 0; i < n; i++) {
      const fy = fys[i];
      if (fy !== rateFy) {
        perDay = div(ratePerYear(fy), daysPerYear);
        rateFy = fy;
      }
      // A full share (after the ramp) gives the FY's rate itself: x × 1 is x on doubles, and a Decimal rate
      // per day is a quotient, already at the engine's 40 digits, so times(1) returns its digits.
      const from = shareFrom[i];
      const to = shareTo[i];
      rateFrom[i] = from === one ? perDay : mul(perDay, from);
      rateTo[i] = to === one ? perDay : mul(perDay, to);
    }
    return { cuts: g.cuts, rateFrom, rateTo };
  };

  const ratePieces = (
    start: T,
    end: T,
    ramp: readonly RampPiece<T>[],
    ratePerYear: (fy: FyStartYear) => T,
  ): RateCuts<T> => ratesOn(rampCuts(start, end, ramp), ratePerYear);

  // The plan's cuts by resolved timeline (cached per timeline in timeline.ts) and end day: a draw that leaves
  // the timeline alone reuses them, and only its rates are worked out. A ring compared by identity (a drawn
  // timeline is a new object on every draw, so a WeakMap would fill with young keys).
  const recentCuts: { timeline: ResolvedTimeline<T>; end: T; cuts: RampCuts<T> }[] = [];
  let nextCuts = 0;
  const planCuts = (t: ResolvedTimeline<T>, start: T, end: T): RampCuts<T> => {
    for (let k = 0; k < recentCuts.length; k++) {
      const e = recentCuts[k];
      if (e.timeline === t && cmp(e.end, end) === 0) return e.cuts;
    }
    const cuts = rampCuts(start, end, rampPiecesOn(calc, t));
    recentCuts[nextCuts] = { timeline: t, end, cuts };
    nextCuts = (nextCuts + 1) % RECENT_CUTS;
    return cuts;
  };

  // Rate pieces cut off at day `at`, then the pieces of `after` (which start at `at` when any piece ends after
  // it): the pieces cumulativeFromRates was given as records, the same calculator calls.
  const clipThen = (rates: RateCuts<T>, at: T, after: RateCuts<T>): RateCuts<T> => {
    const { cuts: c, rateFrom: r0, rateTo: r1 } = rates;
    const cuts: T[] = [];
    const rateFrom: T[] = [];
    const rateTo: T[] = [];
    let k = 0;
    for (; k < r0.length && cmp(c[k], at) < 0; k++) {
      cuts.push(c[k]);
      rateFrom.push(r0[k]);
      if (cmp(c[k + 1], at) <= 0) {
        rateTo.push(r1[k]);
        continue;
      }
      const x = div(sub(at, c[k]), sub(c[k + 1], c[k]));
      rateTo.push(add(r0[k], mul(sub(r1[k], r0[k]), x)));
      k++;
      break;
    }
    // The last kept piece's end: `at` when it was cut (as `after` starts), else its own cut.
    if (k > 0) cuts.push(cmp(c[k], at) <= 0 ? c[k] : at);
    const n = after.rateFrom.length;
    for (let i = 0; i < n; i++) {
      if (i > 0 || cuts.length === 0) cuts.push(after.cuts[i]);
      rateFrom.push(after.rateFrom[i]);
      rateTo.push(after.rateTo[i]);
    }
    if (n > 0) cuts.push(after.cuts[n]);
    return { cuts, rateFrom, rateTo };
  };

  const avoided = (input: FlowInput<T>): CumulativeFlow<T> => {
    const t = input.timeline;
    const baseFy = input.baseline.baseFy ?? input.defaultBaseFy;
    const endDay = input.endDay;
    const deliveryEnd = t.deliveryEndDay;
    const end = deliveryEnd !== undefined && cmp(deliveryEnd, endDay) < 0 ? deliveryEnd : endDay;
    const start = t.firstImpactDay;
    if (cmp(end, start) <= 0) return sf.cumulativeFromCuts({ cuts: [], rateFrom: [], rateTo: [] });

    const rateOf = fullRateOf(input.baseline, input.target, input.durationWeeks, baseFy, input.lever);
    let rates = ratesOn(planCuts(t, start, end), rateOf);

    // A fixed cohort: events stop when it is reached, then continue only as the cohort grows.
    const cohortSize = input.target.kind === "caseloadReduction" ? undefined : input.target.cohortSize;
    let uncapped: CumulativeFlow<T> | undefined;
    if (cohortSize !== undefined) {
      const cohort = calc.fromDecimal(cohortSize);
      const { reached, flow } = sf.reachFromCuts(rates, cohort);
      uncapped = flow;
      if (reached !== undefined) {
        const g = calc.fromDecimal(input.baseline.growthPerYear);
        const capFy = fyOfDay(reached);
        // The factors every FY shares, worked out once (the same calls, so the same digits).
        const grown = mul(cohort, g);
        const factor = add(g, calc.one);
        const growthRate = (fy: FyStartYear): T => mul(grown, calc.pow(factor, fy - capFy));
        rates = clipThen(rates, reached, ratePieces(reached, end, [], growthRate));
      }
    }
    // A cohort never reached keeps the flow already built from the same rates.
    const flow = uncapped ?? sf.cumulativeFromCuts(rates);
    if (input.delivery?.kind !== "batches") return flow;

    // Batched delivery: events completed in each block are realised together at the block's end.
    return sf.realisedAt(flow, blockEnds(t, input.delivery.everyWeeks, endDay));
  };

  // The block ends of batched delivery from the timeline's first impact up to the end day, remembered for the
  // last few timelines (a draw that leaves the timeline and the block length alone ends its blocks on the same
  // days: no array built per draw). Read only, as realisedAt's days are.
  const recentBlockEnds: {
    timeline: ResolvedTimeline<T>;
    everyWeeks: Decimal;
    end: T;
    days: readonly T[];
  }[] = [];
  let nextBlockEnds = 0;
  const blockEnds = (t: ResolvedTimeline<T>, everyWeeks: Decimal, endDay: T): readonly T[] => {
    for (let k = 0; k < recentBlockEnds.length; k++) {
      const e = recentBlockEnds[k];
      if (e.timeline === t && e.everyWeeks === everyWeeks && cmp(e.end, endDay) === 0) return e.days;
    }
    const start = t.firstImpactDay;
    const blockDays = mul(calc.fromDecimal(everyWeeks), calc.fromNumber(DAYS_PER_WEEK));
    const days: T[] = [];
    for (let d = add(start, blockDays); cmp(d, endDay) <= 0; d = add(d, blockDays)) days.push(d);
    recentBlockEnds[nextBlockEnds] = { timeline: t, everyWeeks, end: endDay, days };
    nextBlockEnds = (nextBlockEnds + 1) % RECENT_CUTS;
    return days;
  };

  return { fullRatePerYear: fullRate, avoidedEventsFlow: avoided };
}

/** Rate pieces before their rates: the cuts, each piece's FY and its ramp shares at its ends. */
interface RampCuts<T> {
  readonly cuts: readonly T[];
  readonly fys: readonly number[];
  readonly shareFrom: readonly T[];
  readonly shareTo: readonly T[];
}

const RECENT_CUTS = 8;

const decimalFlow = flowMath(decimalCalculator);
