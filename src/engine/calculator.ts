import { Decimal } from "./money";

/**
 * The arithmetic a model needs, as a value (the way dinero.js v2 takes a calculator), so one model runs on
 * two number backends: Decimal for every reported figure, plain float64 to cross-check and for speed.
 * A model written against `Calculator<T>` never sees the concrete type.
 */
export interface Calculator<T> {
  /** Backend name, for messages and tests. */
  readonly name: "decimal" | "number";
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  subtract(a: T, b: T): T;
  multiply(a: T, b: T): T;
  /** a / b; callers guarantee b ≠ 0 (the parsers refuse inputs that would divide by zero). */
  divide(a: T, b: T): T;
  /** −1, 0 or 1 as a is less than, equal to or greater than b. */
  compare(a: T, b: T): -1 | 0 | 1;
  /** Whether a is zero (either sign; NaN is not). */
  isZero(a: T): boolean;
  /** a^n for a whole number n (Decimal: decimal.js `pow`, exact to 40 digits). */
  pow(a: T, n: number): T;
  /** The largest whole number ≤ a. */
  floor(a: T): T;
  /** √a for a ≥ 0. */
  sqrt(a: T): T;
  /** a rounded half up to `places` decimal places (Decimal: `toDecimalPlaces`). */
  roundTo(a: T, places: number): T;
  /** A key equal for equal values, for Maps that merge equal points (Decimal: its exact string). */
  key(a: T): string | number;
  fromNumber(n: number): T;
  /** Exact for the Decimal backend; the nearest float for the number backend. */
  fromDecimal(d: Decimal): T;
  toNumber(a: T): number;
  toDecimal(a: T): Decimal;
  /**
   * `xs` as the backend keeps a run of values read on every draw: the number backend copies them into a
   * Float64Array, so whole and fractional runs share one V8 map (a plain array's elements kind differs).
   */
  array(xs: readonly T[]): ArrayLike<T>;
}

/** A value of either backend: the shared operations below tell them apart by type. */
type Value = number | Decimal;

/*
 * The number backend's whole powers of the last few bases, remembered: a simulation raises the same inflation
 * and growth factors to the same few whole powers on every draw, and `**` costs as much as dozens of
 * multiplications. `a ** n` is a pure function of a and n, so a remembered power is the one `**` gives.
 */
const POWER_BASES = 4;
/** Exponents remembered: MIN_EXPONENT up to MIN_EXPONENT + EXPONENTS − 1 (FYs before and after a price base). */
const MIN_EXPONENT = -16;
const EXPONENTS = 64;
const powerBases = new Float64Array(POWER_BASES).fill(NaN);
// NaN marks a power not yet worked out (a NaN power is worked out each time; NaN bases never match).
const powers = Array.from({ length: POWER_BASES }, () => new Float64Array(EXPONENTS).fill(NaN));
let nextPowerBase = 0;

function powerOf(a: number, n: number): number {
  const k = n - MIN_EXPONENT;
  // 0 and −0 are equal but their odd powers are not: zero is never remembered.
  if (a === 0 || !(k >= 0 && k < EXPONENTS && Number.isInteger(n))) return a ** n;
  let slot = 0;
  while (slot < POWER_BASES && powerBases[slot] !== a) slot++;
  if (slot === POWER_BASES) {
    slot = nextPowerBase;
    nextPowerBase = (nextPowerBase + 1) % POWER_BASES;
    powerBases[slot] = a;
    powers[slot].fill(NaN);
  }
  const known = powers[slot][k];
  if (known === known) return known;
  const p = a ** n;
  powers[slot][k] = p;
  return p;
}

/*
 * Each arithmetic operation is ONE function for both backends, telling numbers from Decimals by type: a model
 * call site (`calc.add(a, b)`) then always calls the same function, whichever backends have run through it, so
 * V8 keeps it monomorphic and inlines it (the number branch is then plain float arithmetic). Two functions per
 * operation made every site megamorphic as soon as both backends had run: a call per operation, and a heap
 * number per result, on every simulated draw.
 */
const add = (a: Value, b: Value): Value => (typeof a === "number" ? a + (b as number) : a.plus(b as Decimal));
const subtract = (a: Value, b: Value): Value =>
  typeof a === "number" ? a - (b as number) : a.minus(b as Decimal);
const multiply = (a: Value, b: Value): Value =>
  typeof a === "number" ? a * (b as number) : a.times(b as Decimal);
const divide = (a: Value, b: Value): Value =>
  typeof a === "number" ? a / (b as number) : a.div(b as Decimal);
const compare = (a: Value, b: Value): -1 | 0 | 1 => {
  if (typeof a === "number") return a < (b as number) ? -1 : a > (b as number) ? 1 : 0;
  const c = a.comparedTo(b as Decimal);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
};
const isZero = (a: Value): boolean => (typeof a === "number" ? a === 0 : a.isZero());
const pow = (a: Value, n: number): Value => (typeof a === "number" ? powerOf(a, n) : a.pow(n));
const floor = (a: Value): Value => (typeof a === "number" ? Math.floor(a) : a.floor());
const sqrt = (a: Value): Value => (typeof a === "number" ? Math.sqrt(a) : a.sqrt());
const roundTo = (a: Value, places: number): Value =>
  typeof a === "number" ? Math.round(a * 10 ** places) / 10 ** places : a.toDecimalPlaces(places);
const key = (a: Value): string | number => (typeof a === "number" ? a : a.toString());
const toNumber = (a: Value): number => (typeof a === "number" ? a : a.toNumber());

/** The operations both backends share (one function each, see below). */
type SharedOps<T> = Pick<
  Calculator<T>,
  | "add"
  | "subtract"
  | "multiply"
  | "divide"
  | "compare"
  | "isZero"
  | "pow"
  | "floor"
  | "sqrt"
  | "roundTo"
  | "key"
  | "toNumber"
>;

/** The shared operations typed for one backend (they hold for any T that is number or Decimal). */
function sharedOps<T>(): SharedOps<T> {
  return {
    add,
    subtract,
    multiply,
    divide,
    compare,
    isZero,
    pow,
    floor,
    sqrt,
    roundTo,
    key,
    toNumber,
  } as unknown as SharedOps<T>;
}

/**
 * The engine's Decimal (40 significant digits, from money.ts); global Decimal settings are never touched.
 *
 * @example
 * decimalCalculator.add(decimalCalculator.fromNumber(0.1), decimalCalculator.fromNumber(0.2)).toString() // "0.3"
 */
export const decimalCalculator: Calculator<Decimal> = {
  name: "decimal",
  zero: new Decimal(0),
  one: new Decimal(1),
  ...sharedOps<Decimal>(),
  fromNumber: (n) => new Decimal(n),
  fromDecimal: (d) => d,
  // The same keys in the same order as numberCalculator, so both objects share one V8 hidden class and a
  // model's `calc.op` loads stay monomorphic.
  toDecimal: (a) => a,
  array: (xs) => xs,
};

const asNumbers = new WeakMap<Decimal, number>();

/**
 * A Decimal of a drawn number whose digits are only worked out when Decimal code reads them: decimal.js reads
 * an instance only through `d`, `e`, `s` and `constructor` (its prototype is shared by every clone), and
 * making a Decimal of an arbitrary double costs microseconds. The checks the stream kinds make against plain
 * numbers (≥ 0, ≤ 1, finite) are answered from the number: distinct doubles have disjoint rounding intervals,
 * so they order as their shortest decimal forms (what `new Decimal(x)` holds) do.
 */
class DrawnDecimal {
  private real: Decimal | undefined = undefined;
  constructor(readonly x: number) {}
  private digits(): Decimal {
    return (this.real ??= new Decimal(this.x));
  }
  get d(): number[] {
    return this.digits().d;
  }
  get e(): number {
    return this.digits().e;
  }
  get s(): number {
    return this.digits().s;
  }
  isFinite(): boolean {
    return Number.isFinite(this.x);
  }
  isZero(): boolean {
    return this.x === 0;
  }
  isNegative(): boolean {
    return this.x < 0 || Object.is(this.x, -0);
  }
  isNeg(): boolean {
    return this.isNegative();
  }
  lt(y: Decimal | number | string): boolean {
    return typeof y === "number" ? this.x < y : this.digits().lt(y);
  }
  lte(y: Decimal | number | string): boolean {
    return typeof y === "number" ? this.x <= y : this.digits().lte(y);
  }
  gt(y: Decimal | number | string): boolean {
    return typeof y === "number" ? this.x > y : this.digits().gt(y);
  }
  gte(y: Decimal | number | string): boolean {
    return typeof y === "number" ? this.x >= y : this.digits().gte(y);
  }
}
Object.setPrototypeOf(DrawnDecimal.prototype, Decimal.prototype);
Object.defineProperty(DrawnDecimal.prototype, "constructor", { value: Decimal });

/**
 * A Decimal made from a number, known to the number backend as that number (no string round trip): a
 * simulated draw is written into the assumptions as a Decimal and read back as a number (DrawnDecimal).
 *
 * @example
 * numberCalculator.fromDecimal(decimalOfNumber(0.1)) // 0.1
 * decimalOfNumber(0.1).plus(0.2).toString() // "0.3"
 */
export function decimalOfNumber(x: number): Decimal {
  return new DrawnDecimal(x) as unknown as Decimal;
}

/** Exact powers of ten as doubles (10^0 to 10^22). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `d.toNumber()`, without its string round trip when the digits allow: up to 14 significant digits (two of
 * decimal.js's base-10^7 words, so an exact integer M) times 10^p with |p| ≤ 22 (an exact double) is M × 10^p
 * or M / 10^-p, one correctly rounded operation: the same double toNumber gives (Clinger's fast path).
 */
function numberOf(d: Decimal): number {
  const words = d.d;
  if (words === null || words === undefined || words.length > 2) return d.toNumber();
  const m = words.length === 1 ? words[0] : words[0] * 1e7 + words[1];
  const p = 7 * (Math.floor(d.e / 7) - words.length + 1);
  if (p > 22 || p < -22) return d.toNumber();
  const x = p >= 0 ? m * POWERS_OF_TEN[p] : m / POWERS_OF_TEN[-p];
  return d.s < 0 ? -x : x;
}

/**
 * Plain float64 arithmetic.
 *
 * @example
 * numberCalculator.add(0.1, 0.2) // 0.30000000000000004
 */
export const numberCalculator: Calculator<number> = {
  name: "number",
  zero: 0,
  one: 1,
  ...sharedOps<number>(),
  fromNumber: (n) => n,
  fromDecimal: (d) => {
    if (d instanceof DrawnDecimal) return d.x;
    // Inputs and constants are converted again on every simulated iteration: remember each Decimal's number.
    let n = asNumbers.get(d);
    if (n === undefined) {
      n = numberOf(d);
      asNumbers.set(d, n);
    }
    return n;
  },
  // Its digits are only worked out if Decimal code reads them (the number backend reads it back as `a`).
  toDecimal: (a) => decimalOfNumber(a),
  array: (xs) => Float64Array.from(xs),
};

/**
 * The smaller of two values.
 *
 * @example
 * minOf(numberCalculator, 2, 3) // 2
 */
export function minOf<T>(calc: Calculator<T>, a: T, b: T): T {
  return calc.compare(a, b) <= 0 ? a : b;
}

/**
 * The larger of two values.
 *
 * @example
 * maxOf(numberCalculator, 2, 3) // 3
 */
export function maxOf<T>(calc: Calculator<T>, a: T, b: T): T {
  return calc.compare(a, b) >= 0 ? a : b;
}

/**
 * The sign of d − n for a double n, exactly (NaN when d is NaN), as `d.cmp(n)`: from d's nearest double when
 * that differs from n (rounding to doubles keeps order, and n is one), so the checks a simulated draw makes on
 * its inputs (> 0, > −1) make no Decimal.
 *
 * @example
 * compareToNumber(new Decimal("1e-400"), 0) // 1 (its double is 0, so decimal.js decides)
 */
export function compareToNumber(d: Decimal, n: number): number {
  const x = numberCalculator.fromDecimal(d);
  if (x > n) return 1;
  if (x < n) return -1;
  return d.cmp(n);
}
