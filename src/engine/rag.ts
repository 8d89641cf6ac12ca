import { Decimal } from "./money";
import { EngineError } from "./errors";
import type { NumberRules } from "./parse/read";

/**
 * RAG status of delivery to date (issue 15). The product's default, for the council to edit: Green when the
 * actual is at least 95% of the plan to date, Amber from 80%, Red below. With no plan to date (0, before first
 * impact) nothing was due: Green unless the actual is below it (a negative saving), then Red. A negative plan
 * (a net cost to date) is Green when the actual is at least the plan, else Red.
 */

export type RagStatus = "Green" | "Amber" | "Red";

/** Shares of the plan to date (fractions): Green at or above `green`, Amber at or above `amber`. */
export interface RagThresholds {
  readonly green: Decimal;
  readonly amber: Decimal;
}

/** The product's default thresholds: Green ≥ 95% of plan to date, Amber ≥ 80%, Red below. */
export const DEFAULT_RAG_THRESHOLDS: RagThresholds = {
  green: new Decimal("0.95"),
  amber: new Decimal("0.8"),
};

/**
 * Bounds of each threshold as a share of the plan to date: from 0; a green above 100% (delivery ahead of
 * plan) is allowed, up to 1000%, beyond which a figure is a whole percent typed for a share (105 for 105%).
 */
export const RAG_THRESHOLD_RULES = { min: 0, max: 10 } as const satisfies NumberRules;

/**
 * Refuses thresholds that cannot order the statuses: 0 ≤ amber ≤ green ≤ 1000%.
 *
 * @example
 * checkRagThresholds({ green: D(0.8), amber: D(0.9) }) // throws "amber: must not be above green (0.8), got 0.9"
 */
export function checkRagThresholds(t: RagThresholds): void {
  const { min, max } = RAG_THRESHOLD_RULES;
  for (const [field, x] of [
    ["green", t.green],
    ["amber", t.amber],
  ] as const) {
    if (x.lt(min))
      throw new EngineError("out-of-range", field, `must be ≥ ${min * 100}%, got ${x.toString()}`);
    if (x.gt(max))
      throw new EngineError("out-of-range", field, `must be ≤ ${max * 100}%, got ${x.toString()}`);
  }
  if (t.amber.gt(t.green)) {
    throw new EngineError(
      "out-of-range",
      "amber",
      `must not be above green (${t.green.toString()}), got ${t.amber.toString()}`,
    );
  }
}

/**
 * RAG status of an actual against the plan to date.
 *
 * @example
 * ragStatus(new Decimal(96), new Decimal(100)) // "Green"
 * ragStatus(new Decimal(85), new Decimal(100)) // "Amber"
 * ragStatus(new Decimal(0), new Decimal(0)) // "Green" (nothing due yet)
 */
export function ragStatus(
  actual: Decimal,
  plan: Decimal,
  thresholds: RagThresholds = DEFAULT_RAG_THRESHOLDS,
): RagStatus {
  checkRagThresholds(thresholds);
  if (!plan.gt(0)) return actual.gte(plan) ? "Green" : "Red";
  const share = actual.div(plan);
  if (share.gte(thresholds.green)) return "Green";
  return share.gte(thresholds.amber) ? "Amber" : "Red";
}
