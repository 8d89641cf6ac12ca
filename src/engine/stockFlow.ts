import { Decimal } from "./money";
import { decimalCalculator, maxOf, minOf, type Calculator } from "./calculator";

/**
 * Stock with a box-car duration, in closed form. The cumulative number of avoided events F(t) (t in days)
 * is piecewise quadratic, because the flow of events is piecewise linear (ramps, growth steps) with
 * optional jumps (batches). Each avoided event removes one case for exactly D days, so the caseload
 * reduction is S(t) = F(t) − F(t − D), and its average over [a, b] is exact:
 *   (G(b) − G(a) − G(b − D) + G(a − D)) / (b − a),  with G(t) = ∫ F.
 * No time-stepping, so a profile costs a few dozen operations per FY. Written once over a Calculator
 * (stockFlowMath): Decimal for reported figures, plain numbers for simulation; the Decimal functions below
 * are that model on the Decimal backend.
 */

/** One piece of F on [start, next piece's start): F(t) = value + rate·x + accel·x²/2 with x = t − start. */
export interface CumulativePiece<T = Decimal> {
  readonly start: T;
  readonly value: T;
  /** Events per day at the piece start. */
  readonly rate: T;
  /** Change in events per day, per day. */
  readonly accel: T;
}

/**
 * F as sorted pieces, held as one array per field (piece i is starts[i], values[i], rates[i], accels[i]): on the
 * number backend plain arrays of numbers hold unboxed doubles, where a record per piece boxed each of its four.
 * F is 0 before the first piece.
 */
export interface CumulativeFlow<T = Decimal> {
  readonly starts: readonly T[];
  readonly values: readonly T[];
  readonly rates: readonly T[];
  readonly accels: readonly T[];
  /**
   * G = ∫F at each piece start, worked out on first use (integralsAtStarts): most flows a simulated draw builds
   * are read only for F (a cohort before its cap, events before they are batched). Derived from the arrays
   * above, which never change, so it cannot go stale.
   */
  integrals: T[] | undefined;
}

/** A linear piece of the event rate (events per day) on [from, to), and event batches at instants. */
export interface RatePiece<T = Decimal> {
  readonly from: T;
  readonly to: T;
  readonly rateFrom: T;
  readonly rateTo: T;
}
export interface Batch<T = Decimal> {
  readonly day: T;
  readonly count: T;
}

/**
 * Contiguous linear rate pieces as arrays: piece k runs from cuts[k] to cuts[k + 1] (cuts ascending, one more
 * than the pieces), its rate from rateFrom[k] to rateTo[k]. What the flow model builds on every draw.
 */
export interface RateCuts<T> {
  readonly cuts: readonly T[];
  readonly rateFrom: readonly T[];
  readonly rateTo: readonly T[];
}

/** The stock-flow operations on one number backend (see the Decimal functions below for each one's meaning). */
export interface StockFlowMath<T> {
  fromPieces(pieces: readonly CumulativePiece<T>[]): CumulativeFlow<T>;
  cumulativeFromRates(rates: readonly RatePiece<T>[], batches: readonly Batch<T>[]): CumulativeFlow<T>;
  /** cumulativeFromRates of contiguous pieces given as cuts (the same pieces, from the same calculator calls). */
  cumulativeFromCuts(rates: RateCuts<T>): CumulativeFlow<T>;
  /**
   * timeToReach of cumulativeFromCuts(rates), its pieces built only until the level is reached (a fixed cohort
   * is usually reached well before the horizon ends), with the flow when it never is.
   */
  reachFromCuts(rates: RateCuts<T>, level: T): { reached: T | undefined; flow?: CumulativeFlow<T> };
  integralsAtStarts(f: CumulativeFlow<T>): readonly T[];
  cumulativeAt(f: CumulativeFlow<T>, t: T): T;
  integralAt(f: CumulativeFlow<T>, t: T): T;
  stockAt(f: CumulativeFlow<T>, t: T, durationDays: T): T;
  averageStock(f: CumulativeFlow<T>, a: T, b: T, durationDays: T): T;
  realisedAt(f: CumulativeFlow<T>, days: readonly T[]): CumulativeFlow<T>;
  timeToReach(f: CumulativeFlow<T>, level: T): T | undefined;
  averageStocks(f: CumulativeFlow<T>, bounds: readonly T[], durationDays: T): T[];
  averageRemainingStayStocks(f: CumulativeFlow<T>, bounds: readonly T[], durationDays: T): T[];
}

/**
 * The pieces of F as records (forecasts splice them; tests show them).
 *
 * @example
 * piecesOf(cumulativeFromRates([{ from: D(0), to: D(10), rateFrom: D(1), rateTo: D(1) }], []))[1].value.toNumber() // 10
 */
export function piecesOf<T>(f: CumulativeFlow<T>): CumulativePiece<T>[] {
  const out: CumulativePiece<T>[] = [];
  for (let i = 0; i < f.starts.length; i++) {
    out.push({ start: f.starts[i], value: f.values[i], rate: f.rates[i], accel: f.accels[i] });
  }
  return out;
}

/**
 * The stock-flow model on a number backend. Every operation is the same sequence of calculator calls on
 * either backend, so the Decimal figures are exactly those of the Decimal functions.
 *
 * @example
 * const m = stockFlowMath(numberCalculator);
 * m.cumulativeAt(m.cumulativeFromRates([{ from: 0, to: 10, rateFrom: 1, rateTo: 1 }], []), 20) // 10
 */
export function stockFlowMath<T>(calc: Calculator<T>): StockFlowMath<T> {
  // Built once per backend: the model's closures are shared by every call. The last backend asked for is
  // answered without the WeakMap (a simulated draw asks a few times, always for the number backend).
  if (calc === lastCalc) return lastMath as StockFlowMath<T>;
  let math = stockFlowMathCache.get(calc) as StockFlowMath<T> | undefined;
  if (math === undefined) {
    math = buildStockFlowMath(calc);
    stockFlowMathCache.set(calc, math);
  }
  lastCalc = calc;
  lastMath = math;
  return math;
}

const stockFlowMathCache = new WeakMap<object, unknown>();
let lastCalc: unknown;
let lastMath: unknown;

function buildStockFlowMath<T>(calc: Calculator<T>): StockFlowMath<T> {
  const { add, subtract: sub, multiply: mul, divide: div, compare: cmp, isZero, zero: ZERO } = calc;
  const TWO = calc.fromNumber(2);
  const SIX = calc.fromNumber(6);
  const TWENTY_FOUR = calc.fromNumber(24);

  const flowOf = (starts: T[], values: T[], rates: T[], accels: T[]): CumulativeFlow<T> => ({
    starts,
    values,
    rates,
    accels,
    integrals: undefined,
  });

  /*
   * F, G and H of piece i at x past its start. A zero acceleration (a constant rate) or a zero rate as well (a
   * step: realised events, the flat end) leaves its terms out: each is 0 and adding 0 to a sum changes no digit
   * on either backend (Decimal: the sum is already rounded to its 40 digits), so the figures are the full
   * formulas', for a fraction of the calculator calls.
   */
  const valueOf = (v: T, r: T, a: T, x: T): T => {
    if (!isZero(a)) return add(add(v, mul(r, x)), div(mul(mul(a, x), x), TWO));
    return isZero(r) ? v : add(v, mul(r, x));
  };
  const isStep = (f: CumulativeFlow<T>, i: number): boolean => isZero(f.accels[i]) && isZero(f.rates[i]);
  const valueIn = (f: CumulativeFlow<T>, i: number, x: T): T =>
    valueOf(f.values[i], f.rates[i], f.accels[i], x);

  const pieceIntegral = (f: CumulativeFlow<T>, i: number, x: T): T => {
    const v = f.values[i];
    const r = f.rates[i];
    const a = f.accels[i];
    if (isZero(a)) return isZero(r) ? mul(v, x) : add(mul(v, x), div(mul(r, mul(x, x)), TWO));
    const x2 = mul(x, x);
    return add(add(mul(v, x), div(mul(r, x2), TWO)), div(mul(mul(a, x2), x), SIX));
  };

  const integralsAtStarts = (f: CumulativeFlow<T>): T[] => {
    const known = f.integrals;
    if (known !== undefined) return known;
    const starts = f.starts;
    // Sized once (pushes grew each array a simulated draw builds two or three times over).
    const out = new Array<T>(starts.length);
    let acc = ZERO;
    for (let i = 0; i < starts.length; i++) {
      if (i > 0) acc = add(acc, pieceIntegral(f, i - 1, sub(starts[i], starts[i - 1])));
      out[i] = acc;
    }
    f.integrals = out;
    return out;
  };

  const fromPieces = (pieces: readonly CumulativePiece<T>[]): CumulativeFlow<T> => {
    const starts: T[] = [];
    const values: T[] = [];
    const rates: T[] = [];
    const accels: T[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i];
      starts.push(p.start);
      values.push(p.value);
      rates.push(p.rate);
      accels.push(p.accel);
    }
    return flowOf(starts, values, rates, accels);
  };

  const inOrder = (live: readonly RatePiece<T>[]): boolean => {
    for (let k = 1; k < live.length; k++) if (cmp(live[k - 1].from, live[k].from) > 0) return false;
    return true;
  };
  const contiguous = (live: readonly RatePiece<T>[]): boolean => {
    for (let k = 1; k < live.length; k++) if (cmp(live[k - 1].to, live[k].from) !== 0) return false;
    return true;
  };

  // cumulativeFromRates's sweep when the cut points are each piece's start and the last piece's end: the
  // same pieces from the same calculator calls, without sorting and merging the points. Piece k's rate at its
  // start is rateFrom + slope × 0, which is rateFrom.
  // A piece's acceleration: (rateTo − rateFrom) / span, 0 for a constant rate without the two calls (a finite
  // rate minus itself is +0 on either backend, and +0 over a positive span is +0: the same digits). Most pieces
  // a draw builds are constant (monthly steps, every piece after full impact).
  const slopeOf = (rate: T, rateTo: T, span: T): T => (rateTo === rate ? ZERO : div(sub(rateTo, rate), span));

  const cumulativeFromCuts = (rates: RateCuts<T>): CumulativeFlow<T> => {
    const { cuts, rateFrom, rateTo } = rates;
    const n = rateFrom.length;
    // The pieces and the flat end after them, each array sized once.
    const size = n > 0 ? n + 1 : 0;
    const starts = new Array<T>(size);
    const values = new Array<T>(size);
    const rs = new Array<T>(size);
    const accels = new Array<T>(size);
    let value = ZERO;
    for (let k = 0; k < n; k++) {
      const start = cuts[k];
      const rate = rateFrom[k];
      // The piece's length once: the slope and the value at its end are of the same difference.
      const span = sub(cuts[k + 1], start);
      const slope = slopeOf(rate, rateTo[k], span);
      starts[k] = start;
      values[k] = value;
      rs[k] = rate;
      accels[k] = slope;
      value = valueOf(value, rate, slope, span);
    }
    if (n > 0) {
      starts[n] = cuts[n];
      values[n] = value;
      rs[n] = ZERO;
      accels[n] = ZERO;
    }
    return flowOf(starts, values, rs, accels);
  };

  const cumulativeFromRates = (
    rates: readonly RatePiece<T>[],
    batches: readonly Batch<T>[],
  ): CumulativeFlow<T> => {
    const live = rates.filter((r) => cmp(r.to, r.from) > 0);
    if (!inOrder(live)) live.sort((a, b) => cmp(a.from, b.from));
    // Contiguous pieces without batches: their ends are the cut points already.
    if (batches.length === 0 && contiguous(live)) {
      const cuts: T[] = [];
      const rateFrom: T[] = [];
      const rateTo: T[] = [];
      for (let k = 0; k < live.length; k++) {
        cuts.push(live[k].from);
        rateFrom.push(live[k].rateFrom);
        rateTo.push(live[k].rateTo);
      }
      if (live.length > 0) cuts.push(live[live.length - 1].to);
      return cumulativeFromCuts({ cuts, rateFrom, rateTo });
    }
    // The distinct cut points in order: sorted, equal values merged (a simulation builds flows on every draw).
    const all: T[] = [];
    for (const r of live) all.push(r.from, r.to);
    for (const b of batches) all.push(b.day);
    all.sort(cmp);
    const sorted: T[] = [];
    for (const x of all) if (sorted.length === 0 || cmp(sorted[sorted.length - 1], x) !== 0) sorted.push(x);
    const batchAt = new Map<string | number, T>();
    for (const b of batches) {
      const key = calc.key(b.day);
      batchAt.set(key, add(batchAt.get(key) ?? ZERO, b.count));
    }
    const starts: T[] = [];
    const values: T[] = [];
    const rs: T[] = [];
    const accels: T[] = [];
    const f = flowOf(starts, values, rs, accels);
    let value = ZERO;
    let j = 0;
    for (let i = 0; i < sorted.length; i++) {
      const start = sorted[i];
      const end = sorted[i + 1];
      if (batchAt.size > 0) value = add(value, batchAt.get(calc.key(start)) ?? ZERO);
      let rate = ZERO;
      let accel = ZERO;
      while (j < live.length && cmp(live[j].to, start) <= 0) j++;
      const r = live[j];
      if (end !== undefined && r !== undefined && cmp(r.from, start) <= 0 && cmp(r.to, end) >= 0) {
        const slope = div(sub(r.rateTo, r.rateFrom), sub(r.to, r.from));
        rate = add(r.rateFrom, mul(slope, sub(start, r.from)));
        accel = slope;
      }
      starts.push(start);
      values.push(value);
      rs.push(rate);
      accels.push(accel);
      if (end !== undefined) value = valueIn(f, i, sub(end, start));
    }
    return f;
  };

  const findPiece = (f: CumulativeFlow<T>, t: T): number => {
    const starts = f.starts;
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || cmp(t, starts[0]) < 0) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cmp(starts[mid], t) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const cumulativeAt = (f: CumulativeFlow<T>, t: T): T => {
    const i = findPiece(f, t);
    if (i < 0) return ZERO;
    return valueIn(f, i, sub(t, f.starts[i]));
  };

  // findPiece for a t no earlier than the one piece `from` was found for: a walk forward from it.
  const findPieceFrom = (f: CumulativeFlow<T>, t: T, from: number): number => {
    const starts = f.starts;
    if (from >= 0 && cmp(starts[from], t) > 0) return findPiece(f, t);
    let i = from;
    while (i + 1 < starts.length && cmp(starts[i + 1], t) <= 0) i++;
    return i;
  };

  const integralIn = (f: CumulativeFlow<T>, i: number, t: T): T => {
    if (i < 0) return ZERO;
    return add(integralsAtStarts(f)[i], pieceIntegral(f, i, sub(t, f.starts[i])));
  };

  const integralAt = (f: CumulativeFlow<T>, t: T): T => integralIn(f, findPiece(f, t), t);

  const stockAt = (f: CumulativeFlow<T>, t: T, durationDays: T): T =>
    sub(cumulativeAt(f, t), cumulativeAt(f, sub(t, durationDays)));

  const averageStock = (f: CumulativeFlow<T>, a: T, b: T, durationDays: T): T => {
    if (cmp(b, a) <= 0) return ZERO;
    const total = add(
      sub(sub(integralAt(f, b), integralAt(f, a)), integralAt(f, sub(b, durationDays))),
      integralAt(f, sub(a, durationDays)),
    );
    return div(total, sub(b, a));
  };

  const realisedAt = (f: CumulativeFlow<T>, days: readonly T[]): CumulativeFlow<T> => {
    // Callers pass ascending days (block ends, anniversaries): no copy to sort, and F walked forward.
    let ascending = true;
    for (let k = 1; k < days.length; k++) if (cmp(days[k - 1], days[k]) > 0) ascending = false;
    const sorted = ascending ? days : [...days].sort(cmp);
    const n = sorted.length;
    const starts = new Array<T>(n);
    const values = new Array<T>(n);
    const rs = new Array<T>(n);
    let at = -1;
    for (let k = 0; k < n; k++) {
      const d = sorted[k];
      at = findPieceFrom(f, d, at);
      starts[k] = d;
      // On a step (F realised already: a part realised from an anniversary of batched events) F is its value,
      // as valueIn gives it, without the offset it would not read.
      values[k] = at < 0 ? ZERO : isStep(f, at) ? f.values[at] : valueIn(f, at, sub(d, f.starts[at]));
      rs[k] = ZERO;
    }
    // Steps: every rate and acceleration 0 (one array serves as both: they never change).
    return flowOf(starts, values, rs, rs);
  };

  // The day within piece i (ending on `next`, `span` after its start, where F is at or above the level) on
  // which F reaches it.
  const reachIn = (f: CumulativeFlow<T>, i: number, level: T, next: T, span: T): T =>
    reachOf(f.starts[i], f.values[i], f.rates[i], f.accels[i], level, next, span);
  // reachIn of a piece given by its start, value, rate and acceleration.
  const reachOf = (start: T, value: T, rate: T, accel: T, level: T, next: T, span: T): T => {
    const gap = sub(level, value);
    if (cmp(accel, ZERO) === 0) return cmp(rate, ZERO) === 0 ? next : add(start, div(gap, rate));
    const disc = add(mul(rate, rate), mul(mul(accel, gap), TWO));
    const x = cmp(disc, ZERO) < 0 ? span : div(sub(calc.sqrt(disc), rate), accel);
    return add(start, minOf(calc, span, maxOf(calc, ZERO, x)));
  };

  const timeToReach = (f: CumulativeFlow<T>, level: T): T | undefined => {
    const { starts, values } = f;
    for (let i = 0; i < starts.length; i++) {
      if (cmp(values[i], level) >= 0) return starts[i];
      if (i + 1 >= starts.length) break;
      const span = sub(starts[i + 1], starts[i]);
      if (cmp(valueIn(f, i, span), level) < 0) continue;
      return reachIn(f, i, level, starts[i + 1], span);
    }
    return undefined;
  };

  // cumulativeFromCuts's sweep with timeToReach's test after each piece: F at a piece's end is the next
  // piece's value, so each figure is the one the two give. The sweep keeps only the piece it is on (a cohort
  // is usually reached, and then its pieces are not needed); a flow never reached is built as cumulativeFromCuts.
  const reachFromCuts = (
    rates: RateCuts<T>,
    level: T,
  ): { reached: T | undefined; flow?: CumulativeFlow<T> } => {
    const { cuts, rateFrom, rateTo } = rates;
    const n = rateFrom.length;
    let value = ZERO;
    for (let k = 0; k < n; k++) {
      const start = cuts[k];
      if (cmp(value, level) >= 0) return { reached: start };
      const span = sub(cuts[k + 1], start);
      const rate = rateFrom[k];
      const accel = slopeOf(rate, rateTo[k], span);
      const end = valueOf(value, rate, accel, span);
      if (cmp(end, level) >= 0) {
        return { reached: reachOf(start, value, rate, accel, level, cuts[k + 1], span) };
      }
      value = end;
    }
    return { reached: undefined, flow: cumulativeFromCuts(rates) };
  };

  const windowAverages = (bounds: readonly T[], antiderivative: readonly T[]): T[] => {
    const out: T[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const len = sub(bounds[i + 1], bounds[i]);
      out.push(cmp(len, ZERO) <= 0 ? ZERO : div(sub(antiderivative[i + 1], antiderivative[i]), len));
    }
    return out;
  };

  const averageStocks = (f: CumulativeFlow<T>, bounds: readonly T[], durationDays: T): T[] => {
    // Bounds ascend (FY starts): each of t and t − D walks the pieces forward instead of searching them.
    // windowAverages of the stock's integral at each bound, as each bound's integral is worked out (no array
    // of them): the same calculator calls in the same order.
    const out = new Array<T>(Math.max(bounds.length - 1, 0));
    let at = -1;
    let before = -1;
    let previous = ZERO;
    for (let i = 0; i < bounds.length; i++) {
      const t = bounds[i];
      const back = sub(t, durationDays);
      at = findPieceFrom(f, t, at);
      before = findPieceFrom(f, back, before);
      const stockIntegral = sub(integralIn(f, at, t), integralIn(f, before, back));
      if (i > 0) {
        const len = sub(t, bounds[i - 1]);
        out[i - 1] = cmp(len, ZERO) <= 0 ? ZERO : div(sub(stockIntegral, previous), len);
      }
      previous = stockIntegral;
    }
    return out;
  };

  // H = ∫G at each piece start: H(start + x) = H₀ + G₀·x + value·x²/2 + rate·x³/6 + accel·x⁴/24.
  const pieceSecondIntegral = (f: CumulativeFlow<T>, i: number, x: T): T => {
    const r = f.rates[i];
    const a = f.accels[i];
    const x2 = mul(x, x);
    const upToValue = add(mul(integralsAtStarts(f)[i], x), div(mul(f.values[i], x2), TWO));
    if (isZero(a) && isZero(r)) return upToValue;
    const upToRate = add(upToValue, div(mul(mul(r, x2), x), SIX));
    return isZero(a) ? upToRate : add(upToRate, div(mul(mul(a, x2), x2), TWENTY_FOUR));
  };

  const secondIntegralAtStarts = (f: CumulativeFlow<T>): T[] => {
    const out: T[] = [];
    let acc = ZERO;
    for (let i = 0; i < f.starts.length; i++) {
      if (i > 0) acc = add(acc, pieceSecondIntegral(f, i - 1, sub(f.starts[i], f.starts[i - 1])));
      out.push(acc);
    }
    return out;
  };

  const averageRemainingStayStocks = (f: CumulativeFlow<T>, bounds: readonly T[], durationDays: T): T[] => {
    const h = secondIntegralAtStarts(f);
    const second = (t: T): T => {
      const i = findPiece(f, t);
      return i < 0 ? ZERO : add(h[i], pieceSecondIntegral(f, i, sub(t, f.starts[i])));
    };
    return windowAverages(
      bounds,
      bounds.map((t) =>
        sub(integralAt(f, t), div(sub(second(t), second(sub(t, durationDays))), durationDays)),
      ),
    );
  };

  return {
    fromPieces,
    cumulativeFromRates,
    cumulativeFromCuts,
    reachFromCuts,
    integralsAtStarts,
    cumulativeAt,
    integralAt,
    stockAt,
    averageStock,
    realisedAt,
    timeToReach,
    averageStocks,
    averageRemainingStayStocks,
  };
}

const dec = stockFlowMath(decimalCalculator);

/**
 * Builds F from pieces. The integral prefix is computed once so each later evaluation is O(log n).
 *
 * @example
 * const f = fromPieces([{ start: new Decimal(0), value: ZERO, rate: new Decimal(1), accel: ZERO }]);
 * cumulativeAt(f, new Decimal(10)).toNumber() // 10
 */
export function fromPieces(pieces: readonly CumulativePiece[]): CumulativeFlow {
  return dec.fromPieces(pieces);
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
  return dec.cumulativeFromRates(rates, batches);
}

/**
 * F(t): avoided events up to day t (right-continuous: a batch on day t counts).
 *
 * @example
 * cumulativeAt(cumulativeFromRates([], [{ day: new Decimal(5), count: new Decimal(3) }]), new Decimal(5)).toNumber() // 3
 */
export function cumulativeAt(f: CumulativeFlow, t: Decimal): Decimal {
  return dec.cumulativeAt(f, t);
}

/**
 * G(t) = ∫ F up to t (event-days).
 *
 * @example
 * integralAt(cumulativeFromRates([], [{ day: new Decimal(0), count: new Decimal(2) }]), new Decimal(10)).toNumber() // 20
 */
export function integralAt(f: CumulativeFlow, t: Decimal): Decimal {
  return dec.integralAt(f, t);
}

/**
 * Caseload reduction at day t with each event lasting `durationDays`: F(t) − F(t − D).
 *
 * @example
 * const f = cumulativeFromRates([{ from: new Decimal(0), to: new Decimal(1000), rateFrom: new Decimal(1), rateTo: new Decimal(1) }], []);
 * stockAt(f, new Decimal(500), new Decimal(100)).toNumber() // 100
 */
export function stockAt(f: CumulativeFlow, t: Decimal, durationDays: Decimal): Decimal {
  return dec.stockAt(f, t, durationDays);
}

/**
 * Exact average caseload reduction over [a, b) (days), each event lasting `durationDays`.
 *
 * @example
 * const f = cumulativeFromRates([{ from: new Decimal(0), to: new Decimal(1000), rateFrom: new Decimal(1), rateTo: new Decimal(1) }], []);
 * averageStock(f, new Decimal(200), new Decimal(300), new Decimal(100)).toNumber() // 100
 */
export function averageStock(f: CumulativeFlow, a: Decimal, b: Decimal, durationDays: Decimal): Decimal {
  return dec.averageStock(f, a, b, durationDays);
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
  return dec.realisedAt(f, days);
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
  return dec.timeToReach(f, level);
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
  return dec.averageStocks(f, bounds, durationDays);
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
  return dec.averageRemainingStayStocks(f, bounds, durationDays);
}
