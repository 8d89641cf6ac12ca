import { Decimal } from "./money";

/**
 * Variance to date (issue 15): actual against plan over the same periods, per KPI and per £. Sign convention:
 * variance = actual − plan, so a saving (or avoided events, or caseload reduction) short of the plan is a
 * negative variance; every measure the model tracks is one where more is better.
 */

/** Actual against plan to date. */
export interface Variance {
  readonly actual: Decimal;
  readonly plan: Decimal;
  /** actual − plan: negative when delivery is short of the plan. */
  readonly variance: Decimal;
  /** actual / plan (1 = on plan); absent when the plan to date is 0, where a share of it means nothing. */
  readonly percentOfPlan?: Decimal;
}

/**
 * Variance of an actual against the plan to date.
 *
 * @example
 * variance(new Decimal(80), new Decimal(100)) // { actual: 80, plan: 100, variance: -20, percentOfPlan: 0.8 }
 * variance(new Decimal(5), new Decimal(0)).percentOfPlan // undefined
 */
export function variance(actual: Decimal, plan: Decimal): Variance {
  return {
    actual,
    plan,
    variance: actual.minus(plan),
    ...(plan.isZero() ? {} : { percentOfPlan: actual.div(plan) }),
  };
}
