import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { EngineError } from "./errors";

/**
 * Seeded random numbers for simulation, on plain `number`s (the simulation backend; reported figures
 * stay Decimal). The stream is pure-rand's xoroshiro128+ read through `uniformFloat64` (53-bit multiples
 * of 2^-53): integer operations only, so a seed gives the same numbers on every machine and engine.
 * Uniform and triangular samples add only + − × ÷ and √ (exactly rounded by IEEE 754), so they are
 * bit-identical everywhere too; PERT needs Math.log, which engines may round differently in the last bit.
 */

/**
 * A stream of uniform numbers in [0, 1): each `next()` advances it. An object with a method, not a closure: every
 * seeded stream then shares one `next` (its prototype's), so a draw's call site sees one target from run to run
 * (a closure per run deoptimised the draws on a "wrong call target" at the start of each simulation).
 */
export interface RandomStream {
  next(): number;
}

/** The seeded stream's generator, read through `uniformFloat64`. */
class SeededStream implements RandomStream {
  constructor(private readonly rng: ReturnType<typeof xoroshiro128plus>) {}
  next(): number {
    return uniformFloat64(this.rng);
  }
}

/** A distribution an input may carry (all bounds in the input's own unit). */
export type Distribution =
  | { readonly kind: "uniform"; readonly low: number; readonly high: number }
  | { readonly kind: "triangular"; readonly low: number; readonly likely: number; readonly high: number }
  | { readonly kind: "pert"; readonly low: number; readonly likely: number; readonly high: number };

/** Outputs dropped after seeding. */
const WARM_UP = 4;

/** MurmurHash3's 32-bit finaliser: integer operations only, the same on every engine. */
function mixSeed(seed: number): number {
  let h = seed | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * The seeded stream: the same seed (a whole number from −2^31 to 2^31 − 1) gives the same numbers.
 *
 * @example
 * const stream = seededStream(42);
 * stream.next(); // a number in [0, 1), the same on every machine for seed 42
 */
export function seededStream(seed: number): RandomStream {
  if (!Number.isInteger(seed) || seed < -0x8000_0000 || seed > 0x7fff_ffff) {
    throw new EngineError(
      "out-of-range",
      "seed",
      `must be a whole number from -2147483648 to 2147483647, got ${seed}`,
    );
  }
  // xoroshiro128+ seeds its state almost directly from the seed, so its first outputs follow the seed
  // (seeds 0–3 all start at ~1.0): mix the seed (MurmurHash3's fmix32) and skip the first outputs.
  const rng = xoroshiro128plus(mixSeed(seed));
  for (let i = 0; i < WARM_UP; i++) rng.next();
  return new SeededStream(rng);
}

function checkFinite(values: Readonly<Record<string, number>>): void {
  for (const [field, x] of Object.entries(values)) {
    if (!Number.isFinite(x)) throw new EngineError("invalid-type", field, `must be a number, got ${x}`);
  }
}

function checkOrder(low: number, likely: number, high: number): void {
  checkFinite({ low, likely, high });
  if (!(low <= likely && likely <= high)) {
    throw new EngineError(
      "out-of-range",
      "likely",
      `must lie from low to high (${low} ≤ ${likely} ≤ ${high})`,
    );
  }
}

/**
 * A checked distribution: bounds finite, low ≤ likely ≤ high.
 *
 * @example
 * distribution({ kind: "triangular", low: 1, likely: 2, high: 4 }) // the same record
 */
export function distribution(d: Distribution): Distribution {
  if (d.kind === "uniform") {
    checkFinite({ low: d.low, high: d.high });
    if (!(d.low <= d.high)) {
      throw new EngineError("out-of-range", "high", `must be at least low (${d.low}), got ${d.high}`);
    }
  } else {
    checkOrder(d.low, d.likely, d.high);
  }
  return d;
}

/**
 * Uniform on [low, high).
 *
 * @example
 * uniform({ next: () => 0.5 }, 10, 20) // 15
 */
export function uniform(stream: RandomStream, low: number, high: number): number {
  return low + (high - low) * stream.next();
}

/**
 * Triangular (low, likely, high) by the inverse of its cumulative distribution.
 *
 * @example
 * triangular({ next: () => 0.5 }, 0, 5, 10) // 5
 */
export function triangular(stream: RandomStream, low: number, likely: number, high: number): number {
  const u = stream.next();
  const width = high - low;
  if (width === 0) return low;
  const split = (likely - low) / width;
  const x =
    u < split
      ? low + Math.sqrt(u * width * (likely - low))
      : high - Math.sqrt((1 - u) * width * (high - likely));
  // Held to low..high: for a width below ~1e-154 the product under the root underflows and can round up.
  return Math.min(high, Math.max(low, x));
}

/** Standard normal by Marsaglia's polar method. */
function normal(stream: RandomStream): number {
  for (;;) {
    const u = 2 * stream.next() - 1;
    const v = 2 * stream.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** Gamma(shape ≥ 1, scale 1) by Marsaglia and Tsang (2000). */
function gamma(stream: RandomStream, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(stream);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = stream.next();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * PERT (low, likely, high): low + (high − low) × Beta(α, β) with α = 1 + 4(likely − low)/(high − low),
 * β = 1 + 4(high − likely)/(high − low), so the mean is (low + 4 likely + high) / 6.
 *
 * @example
 * pert(seededStream(1), 0, 5, 10) // a number in [0, 10]
 */
export function pert(stream: RandomStream, low: number, likely: number, high: number): number {
  // Out of order (likely below low, say), a shape parameter falls under 1/3 and gamma never returns.
  checkOrder(low, likely, high);
  const width = high - low;
  if (width === 0) return low;
  const alpha = 1 + (4 * (likely - low)) / width;
  const beta = 1 + (4 * (high - likely)) / width;
  const x = gamma(stream, alpha);
  const y = gamma(stream, beta);
  return low + (width * x) / (x + y);
}

/**
 * One sample of a distribution.
 *
 * @example
 * sample({ next: () => 0.5 }, { kind: "uniform", low: 0, high: 2 }) // 1
 */
export function sample(stream: RandomStream, d: Distribution): number {
  return sampleChecked(stream, distribution(d));
}

/**
 * One sample of a distribution already checked (by `distribution`): a simulation checks each once and draws
 * from it thousands of times, through this one function (a closure per distribution made the draw's call
 * site see a new target on every run).
 *
 * @example
 * sampleChecked({ next: () => 0.5 }, distribution({ kind: "triangular", low: 0, likely: 5, high: 10 })) // 5
 */
export function sampleChecked(stream: RandomStream, d: Distribution): number {
  switch (d.kind) {
    case "uniform":
      return uniform(stream, d.low, d.high);
    case "triangular":
      return triangular(stream, d.low, d.likely, d.high);
    case "pert":
      return pert(stream, d.low, d.likely, d.high);
  }
}

/**
 * A sampler of a distribution, checked once.
 *
 * @example
 * const draw = sampler({ kind: "uniform", low: 0, high: 2 });
 * draw({ next: () => 0.5 }) // 1
 */
export function sampler(d: Distribution): (stream: RandomStream) => number {
  const checked = distribution(d);
  return (stream) => sampleChecked(stream, checked);
}
