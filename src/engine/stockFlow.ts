import { Decimal, ZERO } from "./money";

/**
 * Stock with a box-car duration, in closed form. The cumulative number of avoided events F(t) (t in days)
 * is piecewise quadratic, because the flow of events is piecewise linear (ramps, growth steps) with
 * optional jumps (batches). Each avoided event removes one case for exactly D days, so the caseload
 * reduction is S(t) = F(t) − F(t − D), and its average over [a, b] is exact:
 *   (G(b) − G(a) − G(b − D) + G(a − D)) / (b − a),  with G(t) = ∫ F.
 * No time-stepping, so a profile costs a few dozen Decimal operations per FY.
 */

/** One piece of F on [start, next piece's start): F(t) = value + rate·x + accel·x²/2 with x = t − start. */
export interface CumulativePiece {
  readonly start: Decimal;
  readonly value: Decimal;
  /** Events per day at the piece start. */
  readonly rate: Decimal;
  /** Change in events per day, per day. */
  readonly accel: Decimal;
}

/** F as sorted pieces, plus G = ∫F at each piece start. F is 0 before the first piece. */
export interface CumulativeFlow {
  readonly pieces: readonly CumulativePiece[];
  readonly integralAtStart: readonly Decimal[];
}

/** A linear piece of the event rate (events per day) on [from, to), and event batches at instants. */
export interface RatePiece {
  readonly from: Decimal;
  readonly to: Decimal;
  readonly rateFrom: Decimal;
  readonly rateTo: Decimal;
}
export interface Batch {
  readonly day: Decimal;
  readonly count: Decimal;
}

const TWO = new Decimal(2);
const SIX = new Decimal(6);

function pieceValue(p: CumulativePiece, x: Decimal): Decimal {
  return p.value.plus(p.rate.times(x)).plus(p.accel.times(x).times(x).div(TWO));
}

function pieceIntegral(p: CumulativePiece, x: Decimal): Decimal {
  const x2 = x.times(x);
  return p.value.times(x).plus(p.rate.times(x2).div(TWO)).plus(p.accel.times(x2).times(x).div(SIX));
}

/**
 * Builds F from pieces. The integral prefix is computed once so each later evaluation is O(log n).
 *
 * @example
 * const f = fromPieces([{ start: new Decimal(0), value: ZERO, rate: new Decimal(1), accel: ZERO }]);
 * cumulativeAt(f, new Decimal(10)).toNumber() // 10
 */
export function fromPieces(pieces: readonly CumulativePiece[]): CumulativeFlow {
  const integralAtStart: Decimal[] = [];
  let acc = ZERO;
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0) acc = acc.plus(pieceIntegral(pieces[i - 1], pieces[i].start.minus(pieces[i - 1].start)));
    integralAtStart.push(acc);
  }
  return { pieces, integralAtStart };
}

/**
 * Cumulative events F from linear rate pieces (non-overlapping, any order) and batches. One sweep over the
 * sorted breakpoints, so long monthly-step ramps stay linear in cost.
 *
 * @example
 * const f = cumulativeFromRates([{ from: new Decimal(0), to: new Decimal(10), rateFrom: new Decimal(1), rateTo: new Decimal(1) }], []);
 * cumulativeAt(f, new Decimal(20)).toNumber() // 10
 */
export function cumulativeFromRates(rates: readonly RatePiece[], batches: readonly Batch[]): CumulativeFlow {
  const live = rates.filter((r) => r.to.gt(r.from)).sort((a, b) => a.from.comparedTo(b.from));
  const points = new Map<string, Decimal>();
  const batchAt = new Map<string, Decimal>();
  for (const r of live) {
    points.set(r.from.toString(), r.from);
    points.set(r.to.toString(), r.to);
  }
  for (const b of batches) {
    const key = b.day.toString();
    points.set(key, b.day);
    batchAt.set(key, (batchAt.get(key) ?? ZERO).plus(b.count));
  }
  const sorted = [...points.values()].sort((a, b) => a.comparedTo(b));
  const pieces: CumulativePiece[] = [];
  let value = ZERO;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    const end = sorted[i + 1];
    value = value.plus(batchAt.get(start.toString()) ?? ZERO);
    let rate = ZERO;
    let accel = ZERO;
    while (j < live.length && live[j].to.lte(start)) j++;
    const r = live[j];
    if (end !== undefined && r !== undefined && r.from.lte(start) && r.to.gte(end)) {
      const slope = r.rateTo.minus(r.rateFrom).div(r.to.minus(r.from));
      rate = r.rateFrom.plus(slope.times(start.minus(r.from)));
      accel = slope;
    }
    const piece = { start, value, rate, accel };
    pieces.push(piece);
    if (end !== undefined) value = pieceValue(piece, end.minus(start));
  }
  return fromPieces(pieces);
}

function findPiece(f: CumulativeFlow, t: Decimal): number {
  let lo = 0;
  let hi = f.pieces.length - 1;
  if (hi < 0 || t.lt(f.pieces[0].start)) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (f.pieces[mid].start.lte(t)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * F(t): avoided events up to day t (right-continuous: a batch on day t counts).
 *
 * @example
 * cumulativeAt(cumulativeFromRates([], [{ day: new Decimal(5), count: new Decimal(3) }]), new Decimal(5)).toNumber() // 3
 */
export function cumulativeAt(f: CumulativeFlow, t: Decimal): Decimal {
  const i = findPiece(f, t);
  if (i < 0) return ZERO;
  const p = f.pieces[i];
  return pieceValue(p, t.minus(p.start));
}

/**
 * G(t) = ∫ F up to t (event-days).
 *
 * @example
 * integralAt(cumulativeFromRates([], [{ day: new Decimal(0), count: new Decimal(2) }]), new Decimal(10)).toNumber() // 20
 */
export function integralAt(f: CumulativeFlow, t: Decimal): Decimal {
  const i = findPiece(f, t);
  if (i < 0) return ZERO;
  const p = f.pieces[i];
  return f.integralAtStart[i].plus(pieceIntegral(p, t.minus(p.start)));
}

/**
 * Caseload reduction at day t with each event lasting `durationDays`: F(t) − F(t − D).
 *
 * @example
 * const f = cumulativeFromRates([{ from: new Decimal(0), to: new Decimal(1000), rateFrom: new Decimal(1), rateTo: new Decimal(1) }], []);
 * stockAt(f, new Decimal(500), new Decimal(100)).toNumber() // 100
 */
export function stockAt(f: CumulativeFlow, t: Decimal, durationDays: Decimal): Decimal {
  return cumulativeAt(f, t).minus(cumulativeAt(f, t.minus(durationDays)));
}

/**
 * Exact average caseload reduction over [a, b) (days), each event lasting `durationDays`.
 *
 * @example
 * const f = cumulativeFromRates([{ from: new Decimal(0), to: new Decimal(1000), rateFrom: new Decimal(1), rateTo: new Decimal(1) }], []);
 * averageStock(f, new Decimal(200), new Decimal(300), new Decimal(100)).toNumber() // 100
 */
export function averageStock(f: CumulativeFlow, a: Decimal, b: Decimal, durationDays: Decimal): Decimal {
  if (b.lte(a)) return ZERO;
  const total = integralAt(f, b)
    .minus(integralAt(f, a))
    .minus(integralAt(f, b.minus(durationDays)))
    .plus(integralAt(f, a.minus(durationDays)));
  return total.div(b.minus(a));
}

/**
 * F sampled at the given days and held until the next one (events are realised only at those days).
 * Used for batched delivery (end of each term) and for savings that start at the next school year.
 *
 * @example
 * const f = cumulativeFromRates([{ from: new Decimal(0), to: new Decimal(100), rateFrom: new Decimal(1), rateTo: new Decimal(1) }], []);
 * cumulativeAt(realisedAt(f, [new Decimal(50)]), new Decimal(60)).toNumber() // 50
 */
export function realisedAt(f: CumulativeFlow, days: readonly Decimal[]): CumulativeFlow {
  const sorted = [...days].sort((a, b) => a.comparedTo(b));
  return fromPieces(sorted.map((d) => ({ start: d, value: cumulativeAt(f, d), rate: ZERO, accel: ZERO })));
}

/**
 * First day on which F reaches `level` (F is non-decreasing when the flow is non-negative), or undefined if it
 * never does. Exact within a piece: the root of a linear or quadratic.
 *
 * @example
 * const f = cumulativeFromRates([{ from: new Decimal(0), to: new Decimal(100), rateFrom: new Decimal(1), rateTo: new Decimal(1) }], []);
 * timeToReach(f, new Decimal(61))?.toNumber() // 61
 */
export function timeToReach(f: CumulativeFlow, level: Decimal): Decimal | undefined {
  for (let i = 0; i < f.pieces.length; i++) {
    const p = f.pieces[i];
    if (p.value.gte(level)) return p.start;
    const next = f.pieces[i + 1];
    if (next === undefined) break;
    const span = next.start.minus(p.start);
    if (pieceValue(p, span).lt(level)) continue;
    const gap = level.minus(p.value);
    if (p.accel.isZero()) return p.rate.isZero() ? next.start : p.start.plus(gap.div(p.rate));
    const disc = p.rate.times(p.rate).plus(p.accel.times(gap).times(TWO));
    const x = disc.isNeg() ? span : disc.sqrt().minus(p.rate).div(p.accel);
    return p.start.plus(Decimal.min(span, Decimal.max(ZERO, x)));
  }
  return undefined;
}

/**
 * Exact average caseload reduction over each window [bounds[i], bounds[i+1]), evaluating G once per bound
 * (consecutive fiscal years share their boundaries).
 *
 * @example
 * averageStocks(f, [D(200), D(300), D(400)], D(100)).map((x) => x.toNumber()) // [100, 100] for a steady flow of 1 a day
 */
export function averageStocks(
  f: CumulativeFlow,
  bounds: readonly Decimal[],
  durationDays: Decimal,
): Decimal[] {
  return windowAverages(
    bounds,
    bounds.map((t) => integralAt(f, t).minus(integralAt(f, t.minus(durationDays)))),
  );
}

/** Average of a stock over each window [bounds[i], bounds[i+1]), from its antiderivative at every bound. */
function windowAverages(bounds: readonly Decimal[], antiderivative: readonly Decimal[]): Decimal[] {
  const out: Decimal[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const len = bounds[i + 1].minus(bounds[i]);
    out.push(len.lte(0) ? ZERO : antiderivative[i + 1].minus(antiderivative[i]).div(len));
  }
  return out;
}

/** H = ∫G at each piece start: H(start + x) = H₀ + G₀·x + value·x²/2 + rate·x³/6 + accel·x⁴/24. */
function secondIntegralAtStarts(f: CumulativeFlow): Decimal[] {
  const out: Decimal[] = [];
  let acc = ZERO;
  for (let i = 0; i < f.pieces.length; i++) {
    if (i > 0) acc = acc.plus(pieceSecondIntegral(f, i - 1, f.pieces[i].start.minus(f.pieces[i - 1].start)));
    out.push(acc);
  }
  return out;
}

const TWENTY_FOUR = new Decimal(24);

function pieceSecondIntegral(f: CumulativeFlow, i: number, x: Decimal): Decimal {
  const p = f.pieces[i];
  const x2 = x.times(x);
  return f.integralAtStart[i]
    .times(x)
    .plus(p.value.times(x2).div(TWO))
    .plus(p.rate.times(x2).times(x).div(SIX))
    .plus(p.accel.times(x2).times(x2).div(TWENTY_FOUR));
}

/**
 * Exact average caseload reduction over each window [bounds[i], bounds[i+1]) when each event is an earlier
 * exit from a steady caseload whose stays last `durationDays`: the exit saves the rest of the stay, which is
 * uniform on (0, D], so an exit u days ago still holds a case with weight 1 − u/D (a triangular kernel, mean
 * D/2). The stock is S(t) = F(t) − (G(t) − G(t − D)) / D; its average over [a, b] needs H = ∫G.
 *
 * @example
 * // a steady flow of 1 a day, each exit saving on average 50 of 100 days: 50 once saturated
 * averageRemainingStayStocks(f, [D(200), D(300)], D(100)).map((x) => x.toNumber()) // [50]
 */
export function averageRemainingStayStocks(
  f: CumulativeFlow,
  bounds: readonly Decimal[],
  durationDays: Decimal,
): Decimal[] {
  const h = secondIntegralAtStarts(f);
  const second = (t: Decimal): Decimal => {
    const i = findPiece(f, t);
    return i < 0 ? ZERO : h[i].plus(pieceSecondIntegral(f, i, t.minus(f.pieces[i].start)));
  };
  return windowAverages(
    bounds,
    bounds.map((t) =>
      integralAt(f, t).minus(
        second(t)
          .minus(second(t.minus(durationDays)))
          .div(durationDays),
      ),
    ),
  );
}
