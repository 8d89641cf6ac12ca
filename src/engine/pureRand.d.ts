/**
 * Types for the two pure-rand entry points the engine uses. pure-rand 8 publishes them only through
 * its package "exports" map, which this project's `moduleResolution: "node"` does not read; Node, Jest
 * and webpack resolve the same paths at run time.
 */
declare module "pure-rand/generator/xoroshiro128plus" {
  /** A generator that changes as it is read (pure-rand 8's RandomGenerator). */
  export interface RandomGenerator {
    clone(): RandomGenerator;
    next(): number;
    getState(): readonly number[];
  }
  export function xoroshiro128plus(seed: number): RandomGenerator;
}

declare module "pure-rand/distribution/uniformFloat64" {
  import type { RandomGenerator } from "pure-rand/generator/xoroshiro128plus";
  /** A float in [0, 1), a multiple of 2^-53. */
  export function uniformFloat64(rng: RandomGenerator): number;
}
