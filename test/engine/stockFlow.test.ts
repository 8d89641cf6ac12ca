import fc from "fast-check";
import {
  Decimal,
  averageRemainingStayStocks,
  averageStock,
  averageStocks,
  cumulativeAt,
  cumulativeFromRates,
  integralAt,
  realisedAt,
  stockAt,
  timeToReach,
  decimalCalculator,
  numberCalculator,
  piecesOf,
  stockFlowMath,
  type Calculator,
  type CumulativeFlow,
} from "../../src/engine";

const D = (x: number): Decimal => new Decimal(x);
const dec = stockFlowMath(decimalCalculator);
const steady = cumulativeFromRates([{ from: D(0), to: D(1000), rateFrom: D(1), rateTo: D(1) }], []);
const ramp = cumulativeFromRates([{ from: D(0), to: D(100), rateFrom: D(0), rateTo: D(2) }], []);

describe("stock with box-car duration", () => {
  it("cumulative flow integrates a linear ramp exactly", () => {
    expect(cumulativeAt(ramp, D(100)).toNumber()).toBe(100);
    expect(cumulativeAt(ramp, D(50)).toNumber()).toBe(25);
    expect(cumulativeAt(ramp, D(-1)).toNumber()).toBe(0);
  });

  it("caseload saturates after the duration at flow × duration", () => {
    expect(stockAt(steady, D(50), D(100)).toNumber()).toBe(50);
    expect(stockAt(steady, D(100), D(100)).toNumber()).toBe(100);
    expect(stockAt(steady, D(700), D(100)).toNumber()).toBe(100);
  });

  it("averages the stock exactly, matching a fine numerical average", () => {
    const exact = averageStock(ramp, D(40), D(160), D(30)).toNumber();
    let sum = 0;
    const n = 12000;
    for (let i = 0; i < n; i++) sum += stockAt(ramp, D(40 + ((i + 0.5) * 120) / n), D(30)).toNumber();
    expect(exact).toBeCloseTo(sum / n, 6);
  });

  it("averages consecutive windows the same way one window at a time", () => {
    const many = averageStocks(ramp, [D(40), D(90), D(160)], D(30));
    expect(many[0].eq(averageStock(ramp, D(40), D(90), D(30)))).toBe(true);
    expect(
      many[1]
        .minus(averageStock(ramp, D(90), D(160), D(30)))
        .abs()
        .toNumber(),
    ).toBeLessThan(1e-30);
  });

  it("integrates batches as steps", () => {
    const f = cumulativeFromRates([], [{ day: D(10), count: D(3) }]);
    expect(integralAt(f, D(20)).toNumber()).toBe(30);
    expect(averageStock(f, D(0), D(20), D(5)).toNumber()).toBe(0.75);
  });

  it("realises events only on the given days", () => {
    const f = realisedAt(steady, [D(50), D(120)]);
    expect(cumulativeAt(f, D(49)).toNumber()).toBe(0);
    expect(cumulativeAt(f, D(119)).toNumber()).toBe(50);
    expect(cumulativeAt(f, D(500)).toNumber()).toBe(120);
  });

  it("finds the day a level is reached, inside linear and quadratic pieces", () => {
    expect(timeToReach(steady, D(61))?.toNumber()).toBe(61);
    expect(timeToReach(ramp, D(25))?.toNumber()).toBeCloseTo(50, 12);
    expect(timeToReach(steady, D(5000))).toBeUndefined();
  });

  it("average stock never exceeds flow × duration for any window (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 1500 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        (a, len, dur) => {
          const avg = averageStock(steady, D(a), D(a + len), D(dur));
          expect(avg.lte(dur + 1e-20)).toBe(true);
          expect(avg.gte(-1e-20)).toBe(true);
        },
      ),
    );
  });
});

describe("stock of earlier exits, each saving the rest of a stay", () => {
  // A steady caseload with stays of D days has remaining stays uniform on (0, D]: an exit u days ago still
  // holds a case with weight 1 − u/D. For a flow of 1 a day from day 0, S(t) = t − t²/(2D) until D, then D/2.
  const fromZero = cumulativeFromRates([{ from: D(0), to: D(1000), rateFrom: D(1), rateTo: D(1) }], []);

  it("saturates at half the flow times the stay", () => {
    const [avg] = averageRemainingStayStocks(fromZero, [D(200), D(300)], D(100));
    expect(avg.toNumber()).toBeCloseTo(50, 12);
  });

  it("builds up as t − t²/2D while the first exits still hold cases", () => {
    // average of t − t²/200 over [0, 100] = 50 − 100²/600
    const [avg] = averageRemainingStayStocks(fromZero, [D(0), D(100)], D(100));
    expect(avg.toNumber()).toBeCloseTo(50 - 10000 / 600, 12);
  });

  it("matches a fine numerical convolution for a ramp", () => {
    const stay = 30;
    const [exact] = averageRemainingStayStocks(ramp, [D(40), D(160)], D(stay));
    const rate = (u: number): number => (u >= 0 && u < 100 ? u / 50 : 0);
    const n = 1200;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const t = 40 + ((i + 0.5) * 120) / n;
      let held = 0;
      const m = 6000;
      for (let k = 0; k < m; k++) {
        const age = ((k + 0.5) * stay) / m;
        held += (rate(t - age) * (1 - age / stay) * stay) / m;
      }
      sum += held;
    }
    expect(exact.toNumber()).toBeCloseTo(sum / n, 4);
  });
});

describe("cumulativeFromRates on contiguous pieces", () => {
  // Contiguous pieces without batches skip sorting and merging the cut points (stockFlow.ts); a batch of 0
  // events takes the general sweep with the same pieces, so the two must agree digit for digit.
  const contiguousRates = fc
    .array(
      fc.tuple(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
      ),
      {
        minLength: 1,
        maxLength: 8,
      },
    )
    .chain((spans) =>
      fc.integer({ min: -500, max: 500 }).map((start) => {
        let from = start;
        return spans.map(([len, r0, r1]) => {
          const piece = { from: D(from), to: D(from + len), rateFrom: D(r0 / 7), rateTo: D(r1 / 3) };
          from += len;
          return piece;
        });
      }),
    );

  it("gives the general sweep's pieces, in any input order (property)", () => {
    fc.assert(
      fc.property(contiguousRates, (rates) => {
        const fast = cumulativeFromRates(rates, []);
        const general = cumulativeFromRates(rates, [{ day: rates[0].from, count: D(0) }]);
        const shown = (f: typeof fast) => ({
          pieces: piecesOf(f).map((p) => [p.start, p.value, p.rate, p.accel].map(String)),
          integrals: dec.integralsAtStarts(f).map(String),
        });
        expect(shown(fast)).toEqual(shown(general));
        expect(shown(cumulativeFromRates([...rates].reverse(), []))).toEqual(shown(general));
      }),
      { numRuns: 200 },
    );
  });
});

describe("averageStocks walking the pieces", () => {
  // averageStocks walks the pieces forward for ascending bounds (stockFlow.ts) and searches them otherwise; either
  // way each window's average is the one integralAt gives, digit for digit.
  const flow = cumulativeFromRates(
    [
      { from: D(0), to: D(30), rateFrom: D(0), rateTo: D(1) },
      { from: D(30), to: D(95), rateFrom: D(1), rateTo: D(1) },
      { from: D(120), to: D(400), rateFrom: D(2), rateTo: D(0.5) },
    ],
    [{ day: D(200), count: D(7) }],
  );

  it("equals the window averages of integralAt for bounds in any order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -300, max: 700 }), { minLength: 2, maxLength: 9 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 300 }),
        (days, ascending, dur) => {
          const bounds = (ascending ? [...days].sort((a, b) => a - b) : days).map(D);
          const held = (t: Decimal): Decimal => integralAt(flow, t).minus(integralAt(flow, t.minus(dur)));
          const expected = bounds.slice(1).map((b, i) => {
            const len = b.minus(bounds[i]);
            return len.lte(0) ? "0" : held(b).minus(held(bounds[i])).div(len).toString();
          });
          expect(averageStocks(flow, bounds, D(dur)).map(String)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the terms a zero rate or acceleration leaves out", () => {
  // stockFlow.ts leaves out the terms of a zero rate or acceleration (steps, constant rates) and works out G's
  // prefix on first use: every figure is still the full formulas' own, digit for digit, on both backends.
  const full = <T>(calc: Calculator<T>) => {
    const { add, multiply: mul, divide: div, subtract: sub } = calc;
    const [two, six, twentyFour] = [2, 6, 24].map((n) => calc.fromNumber(n));
    const find = (f: CumulativeFlow<T>, t: T): number => {
      let i = -1;
      for (let k = 0; k < f.starts.length; k++) if (calc.compare(f.starts[k], t) <= 0) i = k;
      return i;
    };
    const piece = (f: CumulativeFlow<T>, i: number, x: T) => {
      const [v, r, a, x2] = [f.values[i], f.rates[i], f.accels[i], mul(x, x)];
      return {
        F: add(add(v, mul(r, x)), div(mul(mul(a, x), x), two)),
        G: add(add(mul(v, x), div(mul(r, x2), two)), div(mul(mul(a, x2), x), six)),
        H: (g0: T) =>
          add(
            add(add(mul(g0, x), div(mul(v, x2), two)), div(mul(mul(r, x2), x), six)),
            div(mul(mul(a, x2), x2), twentyFour),
          ),
      };
    };
    const prefix = (f: CumulativeFlow<T>, of: (i: number, x: T, g: T[]) => T): T[] => {
      const out: T[] = [];
      for (let i = 0; i < f.starts.length; i++)
        out.push(i === 0 ? calc.zero : add(out[i - 1], of(i - 1, sub(f.starts[i], f.starts[i - 1]), out)));
      return out;
    };
    return (f: CumulativeFlow<T>, t: T) => {
      const g = prefix(f, (i, x) => piece(f, i, x).G);
      const h = prefix(f, (i, x) => piece(f, i, x).H(g[i]));
      const i = find(f, t);
      if (i < 0) return [calc.zero, calc.zero, calc.zero];
      const x = sub(t, f.starts[i]);
      const p = piece(f, i, x);
      return [p.F, add(g[i], p.G), add(h[i], p.H(g[i]))];
    };
  };
  // Pieces with zero rates, zero accelerations or both, and batches.
  const rates = fc.array(
    fc.tuple(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
    { minLength: 1, maxLength: 6 },
  );

  it("gives the full formulas' F, G and H on both backends (property)", () => {
    fc.assert(
      fc.property(
        rates,
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: -50, max: 500 }), { minLength: 1, maxLength: 6 }),
        (spans, batchDays, days) => {
          for (const calc of [decimalCalculator, numberCalculator] as Calculator<unknown>[]) {
            const sf = stockFlowMath(calc);
            const n = (x: number) => calc.fromNumber(x);
            let from = 0;
            const pieces = spans.map(([len, r0, r1]) => {
              const p = {
                from: n(from),
                to: n(from + len),
                rateFrom: n(r0 / 3),
                rateTo: n(r1 === 4 ? r0 / 3 : r1 / 7),
              };
              from += len;
              return p;
            });
            const batches = batchDays.map((d) => ({ day: n(d), count: n(d / 9) }));
            const flow = sf.cumulativeFromRates(pieces, batches);
            const steps = sf.realisedAt(flow, [...days].sort((a, b) => a - b).map(n));
            const show = (x: unknown) => String(x);
            for (const f of [flow, steps]) {
              const ref = full(calc);
              for (const d of days) {
                const t = n(d);
                const [F, G, H] = ref(f, t).map(show);
                expect(show(sf.cumulativeAt(f, t))).toBe(F);
                expect(show(sf.integralAt(f, t))).toBe(G);
                // H through the remaining-stay stock of [t, t + 1) with a 1-day stay: S(t+1) − S(t), where
                // S(t) = G(t) − (H(t) − H(t − 1)).
                const [, G1, H1] = ref(f, n(d + 1));
                const [, G0, H0] = ref(f, t);
                const [, , Hb] = ref(f, n(d - 1));
                const S = (g: unknown, h: unknown, back: unknown) => calc.subtract(g, calc.subtract(h, back));
                const stay = sf.averageRemainingStayStocks(f, [t, n(d + 1)], n(1))[0];
                expect(show(stay)).toBe(show(calc.subtract(S(G1, H1, H0), S(G0, H0, Hb))));
                expect(H).toBe(show(H0));
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("reachFromCuts", () => {
  // The flow model's cohort cap (flow.ts) builds the pieces only until the cohort is reached: the day is
  // timeToReach's on the whole flow, and a level never reached gives the whole flow.
  it("finds timeToReach's day of cumulativeFromCuts, on both backends (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 90 }),
            fc.integer({ min: 0, max: 5 }),
            fc.integer({ min: 0, max: 5 }),
          ),
          { minLength: 0, maxLength: 7 },
        ),
        fc.integer({ min: -5, max: 400 }),
        (spans, lvl) => {
          for (const calc of [decimalCalculator, numberCalculator] as Calculator<unknown>[]) {
            const sf = stockFlowMath(calc);
            const n = (x: number) => calc.fromNumber(x);
            const cuts = [n(10)];
            let day = 10;
            for (const [len] of spans) cuts.push(n((day += len)));
            const rates = {
              cuts: spans.length > 0 ? cuts : [],
              rateFrom: spans.map(([, r0]) => n(r0 / 3)),
              rateTo: spans.map(([, r0, r1]) => n(r1 === 5 ? r0 / 3 : r1 / 7)),
            };
            const whole = sf.cumulativeFromCuts(rates);
            const level = n(lvl / 2);
            const { reached, flow } = sf.reachFromCuts(rates, level);
            expect(String(reached)).toBe(String(sf.timeToReach(whole, level)));
            const shown = (f: CumulativeFlow<unknown>) =>
              piecesOf(f).map((p) => Object.values(p).map(String));
            if (reached === undefined) expect(shown(flow!)).toEqual(shown(whole));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
