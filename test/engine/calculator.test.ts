import fc from "fast-check";
import {
  compareToNumber,
  decimalCalculator,
  decimalOfNumber,
  numberCalculator,
} from "../../src/engine/calculator";
import { Decimal } from "../../src/engine/money";

/** A drawn number as a Decimal (simulation and tornado ends): the same Decimal as `new Decimal(x)`, read lazily. */
describe("decimalOfNumber", () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

  it("is a Decimal equal to new Decimal(x) in every Decimal operation (property)", () => {
    fc.assert(
      fc.property(finite, finite, (x, y) => {
        const lazy = decimalOfNumber(x);
        const real = new Decimal(x);
        expect(lazy).toBeInstanceOf(Decimal);
        expect(lazy.toString()).toBe(real.toString());
        expect(lazy.plus(y).toString()).toBe(real.plus(y).toString());
        expect(lazy.times(y).toString()).toBe(real.times(y).toString());
        expect(lazy.comparedTo(y)).toBe(real.comparedTo(y));
        expect(new Decimal(y).minus(lazy).toString()).toBe(new Decimal(y).minus(real).toString());
        expect(new Decimal(lazy).eq(real)).toBe(true);
        expect(Object.is(lazy.toNumber(), real.toNumber())).toBe(true);
        // The checks answered from the number agree with the digits'.
        const fresh = decimalOfNumber(x);
        expect([fresh.lt(y), fresh.lte(y), fresh.gt(y), fresh.gte(y)]).toEqual([
          real.lt(y),
          real.lte(y),
          real.gt(y),
          real.gte(y),
        ]);
        expect([fresh.isZero(), fresh.isFinite(), fresh.isNegative(), fresh.isNeg()]).toEqual([
          real.isZero(),
          real.isFinite(),
          real.isNegative(),
          real.isNeg(),
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it("is read by the number backend as the number itself", () => {
    fc.assert(fc.property(finite, (x) => Object.is(numberCalculator.fromDecimal(decimalOfNumber(x)), x)));
  });

  it("works out its digits in the engine's precision (40 significant digits)", () => {
    expect(decimalOfNumber(1).div(3).toString()).toBe(new Decimal(1).div(3).toString());
    expect(decimalOfNumber(2).sqrt().toString()).toBe(new Decimal(2).sqrt().toString());
  });
});

describe("numberCalculator.fromDecimal", () => {
  it("gives toNumber's double for any Decimal (property)", () => {
    const decimalArb = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => new Decimal(x)),
      fc
        .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -40, max: 40 }))
        .map(([m, e]) => new Decimal(`${m}e${e}`)),
      fc.tuple(fc.integer(), fc.integer({ min: 1, max: 1000 })).map(([a, b]) => new Decimal(a).div(b)),
    );
    fc.assert(
      fc.property(decimalArb, (d) => {
        // A fresh copy, so the remembered number of an earlier check is not what is compared.
        const copy = new Decimal(d);
        expect(Object.is(numberCalculator.fromDecimal(copy), d.toNumber())).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("numberCalculator.toDecimal", () => {
  it("is a Decimal of the same double, read back without a string round trip", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
        const d = numberCalculator.toDecimal(x);
        expect(d).toBeInstanceOf(Decimal);
        expect(d.eq(new Decimal(x))).toBe(true);
        expect(numberCalculator.fromDecimal(d)).toBe(x);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * The arithmetic is one function per operation for both backends (calculator.ts): a model call site that has
 * run on both then still calls one function, which V8 inlines; two made every site megamorphic (issue 14).
 */
describe("the backends' shared operations", () => {
  const ops = [
    "add",
    "subtract",
    "multiply",
    "divide",
    "compare",
    "pow",
    "floor",
    "sqrt",
    "roundTo",
    "key",
    "toNumber",
  ] as const;

  it("are the same function on either backend", () => {
    for (const op of ops) expect(numberCalculator[op]).toBe(decimalCalculator[op]);
  });

  it("give each backend's own result (property)", () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
    fc.assert(
      fc.property(finite, finite, fc.integer({ min: -5, max: 5 }), (x, y, n) => {
        const n1 = numberCalculator;
        const d1 = decimalCalculator;
        const [a, b] = [new Decimal(x), new Decimal(y)];
        expect(Object.is(n1.add(x, y), x + y)).toBe(true);
        expect(Object.is(n1.subtract(x, y), x - y)).toBe(true);
        expect(Object.is(n1.multiply(x, y), x * y)).toBe(true);
        expect(Object.is(n1.divide(x, y), x / y)).toBe(true);
        expect(n1.compare(x, y)).toBe(x < y ? -1 : x > y ? 1 : 0);
        expect(Object.is(n1.pow(x, n), x ** n)).toBe(true);
        expect(Object.is(n1.floor(x), Math.floor(x))).toBe(true);
        expect(n1.key(x)).toBe(x);
        expect(d1.add(a, b).eq(a.plus(b))).toBe(true);
        expect(d1.subtract(a, b).eq(a.minus(b))).toBe(true);
        expect(d1.multiply(a, b).eq(a.times(b))).toBe(true);
        if (!b.isZero()) expect(d1.divide(a, b).eq(a.div(b))).toBe(true);
        expect(d1.compare(a, b)).toBe(a.comparedTo(b));
        expect(d1.floor(a).eq(a.floor())).toBe(true);
        expect(d1.roundTo(a, 3).eq(a.toDecimalPlaces(3))).toBe(true);
        expect(d1.key(a)).toBe(a.toString());
        expect(d1.toNumber(a)).toBe(a.toNumber());
      }),
      { numRuns: 300 },
    );
  });
});

/** The input checks a draw makes (> 0, > −1) without making a Decimal: the same answer as decimal.js's cmp. */
describe("compareToNumber", () => {
  // Decimals at and next to the doubles compared with, including ones whose nearest double is that double.
  const near = (n: number) =>
    fc.oneof(
      fc.constant(new Decimal(n)),
      fc.integer({ min: -30, max: 30 }).map((k) => new Decimal(n).plus(new Decimal(10).pow(-20 - k))),
      fc.integer({ min: -30, max: 30 }).map((k) => new Decimal(n).minus(new Decimal(10).pow(-20 - k))),
      fc.constant(new Decimal("1e-400")),
      fc.constant(new Decimal("-1e-400")),
      fc.double({ noNaN: true }).map((x) => new Decimal(x)),
      fc.double({ noNaN: true }).map((x) => decimalOfNumber(x)),
    );

  it.each([0, -1, 1])("is d.cmp(%p) for Decimals next to it (property)", (n) => {
    fc.assert(
      fc.property(near(n), (d) => {
        expect(compareToNumber(d, n)).toBe(d.cmp(n));
      }),
    );
  });

  it("is NaN for a NaN Decimal, as cmp", () => {
    expect(compareToNumber(new Decimal(NaN), 0)).toBeNaN();
  });
});

describe("numberCalculator.pow", () => {
  // It remembers the whole powers of its last few bases (calculator.ts): whatever the order of the calls, each
  // is the power `**` gives, -0 and NaN included, also once more bases than it keeps have come and gone.
  const base = fc.oneof(
    fc.constantFrom(1, 1.04, 1.0336, 0.97, 0, -0, -1.5, NaN, Infinity),
    fc.double({ min: -3, max: 3 }),
  );
  const exponent = fc.oneof(fc.integer({ min: -20, max: 50 }), fc.constantFrom(0.5, -0.25, 1e9));

  it("gives a ** n for any sequence of bases and exponents (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(base, exponent), { minLength: 1, maxLength: 60 }), (calls) => {
        for (const [a, n] of [...calls, ...calls])
          expect(Object.is(numberCalculator.pow(a, n), a ** n)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("array: a run of values as each backend keeps it", () => {
  it("copies numbers into a Float64Array (whole or fractional alike) and keeps Decimals as given", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true })), (xs) => {
        const held = numberCalculator.array(xs);
        expect(held).toBeInstanceOf(Float64Array);
        expect(Array.from(held)).toEqual(xs);
      }),
    );
    const ds = [new Decimal(1), new Decimal("0.5")];
    expect(decimalCalculator.array(ds)).toBe(ds);
  });
});

describe("the two calculators' shape", () => {
  it("lists the same keys in the same order, so a model's calc.op loads see one hidden class", () => {
    expect(Object.keys(numberCalculator)).toEqual(Object.keys(decimalCalculator));
  });
});
