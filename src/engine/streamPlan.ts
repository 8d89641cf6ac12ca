import { fyStartDay } from "./fiscalYear";
import { horizonFys } from "./streamYears";
import type { FyStartYear, Horizon } from "./types";

/**
 * What a stream kind works out from its dates and the horizon alone (FY start days, each dated line's FY
 * shares, the settled FY, the time to full impact), remembered across a simulation's draws. A draw writes
 * fresh copies of the records on its drawn paths, so those records cannot key a cache (and ten thousand
 * young WeakMap keys would slow every scavenge, timeline.ts); the horizon is never drawn, and a stream's
 * dates are the same strings on every draw. So a plan is kept per backend, horizon and stream id, and used
 * only while the kind's own check says it fits the input's dates.
 */

/** A horizon's FYs and their start days on one backend, the day after the last FY last. */
export interface FyBounds<T> {
  readonly fys: readonly FyStartYear[];
  /** fyStartDay of each FY, then of the FY after the horizon: one more than `fys`. */
  readonly bounds: readonly T[];
}

/**
 * A horizon's FYs (checked, as horizonFys) and FY start days on a backend, remembered per horizon.
 *
 * @example
 * fyBoundsOn(numberCalculator, { firstFy: 2026, lastFy: 2027, mtfsLastFy: 2027 }).bounds // [20544, 20909, 21274]
 */
export function fyBoundsOn<T>(calc: { fromNumber(n: number): T }, horizon: Horizon): FyBounds<T> {
  let byHorizon = boundsByCalc.get(calc) as WeakMap<Horizon, FyBounds<T>> | undefined;
  if (byHorizon === undefined) {
    byHorizon = new WeakMap();
    boundsByCalc.set(calc, byHorizon);
  }
  const known = byHorizon.get(horizon);
  // A horizon record is immutable; the check guards one a caller built and then changed.
  if (
    known !== undefined &&
    known.fys[0] === horizon.firstFy &&
    known.fys.length === horizon.lastFy - horizon.firstFy + 1
  ) {
    return known;
  }
  const fys = horizonFys(horizon);
  const bounds = new Array<T>(fys.length + 1);
  for (let i = 0; i < fys.length; i++) bounds[i] = calc.fromNumber(fyStartDay(fys[i]));
  bounds[fys.length] = calc.fromNumber(fyStartDay(horizon.lastFy + 1));
  const built = { fys, bounds };
  byHorizon.set(horizon, built);
  return built;
}

const boundsByCalc = new WeakMap<object, WeakMap<Horizon, FyBounds<unknown>>>();

/** Plans of one stream kind, per backend, horizon and stream id. */
export interface PlanCache<P> {
  /** The plan kept for this stream, if `fits` says it was made from the same dates as `input`. */
  find<I>(
    calc: object,
    horizon: Horizon,
    id: string,
    input: I,
    fits: (plan: P, input: I) => boolean,
  ): P | undefined;
  /** Keeps a plan for this stream (replacing one that no longer fits). */
  keep(calc: object, horizon: Horizon, id: string, plan: P): P;
}

/**
 * An empty plan cache for one stream kind.
 *
 * @example
 * const plans = planCache<{ from: string }>();
 * plans.keep(numberCalculator, horizon, "fees", { from: "2026-04-01" });
 * plans.find(numberCalculator, horizon, "fees", "2026-04-01", (p, d) => p.from === d) // { from: "2026-04-01" }
 */
export function planCache<P>(): PlanCache<P> {
  const byCalc = new WeakMap<object, WeakMap<Horizon, Map<string, P>>>();
  const plansOf = (calc: object, horizon: Horizon): Map<string, P> => {
    let byHorizon = byCalc.get(calc);
    if (byHorizon === undefined) {
      byHorizon = new WeakMap();
      byCalc.set(calc, byHorizon);
    }
    let plans = byHorizon.get(horizon);
    if (plans === undefined) {
      plans = new Map();
      byHorizon.set(horizon, plans);
    }
    return plans;
  };
  return {
    find(calc, horizon, id, input, fits) {
      const plan = byCalc.get(calc)?.get(horizon)?.get(id);
      return plan !== undefined && fits(plan, input) ? plan : undefined;
    },
    keep(calc, horizon, id, plan) {
      const plans = plansOf(calc, horizon);
      // Bounded: ids are a proposal's few streams, but a caller may profile many generated ones.
      if (plans.size >= 256 && !plans.has(id)) plans.clear();
      plans.set(id, plan);
      return plan;
    },
  };
}

/**
 * Per FY of a plan's shares (one run of FY shares per line), the first FY whose shares are all the same as
 * its own (itself when no earlier one is): the same shares of the same amounts give the same sums, so a
 * stream works out a settled FY's figures once per draw and reads the later ones back.
 *
 * @example
 * firstLikeFys(numberCalculator, [[0.5, 1, 1], [0, 1, 1]], 3) // [0, 1, 1]
 */
export function firstLikeFys<T>(
  calc: { compare(a: T, b: T): number },
  shares: readonly ArrayLike<T>[],
  fyCount: number,
): number[] {
  const like: number[] = [];
  for (let i = 0; i < fyCount; i++) {
    let j = 0;
    for (; j < i; j++) {
      let same = true;
      for (let k = 0; same && k < shares.length; k++) same = calc.compare(shares[k][j], shares[k][i]) === 0;
      if (same) break;
    }
    like.push(j);
  }
  return like;
}
