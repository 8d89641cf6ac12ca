import { Decimal } from "./money";
import { EngineError } from "./errors";

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
 * Refuses thresholds that cannot order the statuses: 0 ≤ amber ≤ green.
 *
 * @example
 * checkRagThresholds({ green: D(0.8), amber: D(0.9) }) // throws "amber: must not be above green (0.8), got 0.9"
 */
export function checkRagThresholds(t: RagThresholds): void {
  if (t.green.lt(0)) throw new EngineError("out-of-range", "green", `must be ≥ 0, got ${t.green.toString()}`);
  if (t.amber.lt(0)) throw new EngineError("out-of-range", "amber", `must be ≥ 0, got ${t.amber.toString()}`);
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
