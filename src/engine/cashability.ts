import { ZERO, type Decimal } from "./money";
import type { ProposalProfile } from "./proposalProfile";

/**
 * The gross saving per FY split by what kind of saving each stream is (the national report: most is cost
 * avoidance, not cashable). Cost avoidance is spend that would have grown and does not: it is never a budget
 * reduction, so every surface that shows it names it.
 */

/** One FY's gross saving by kind (the proposal's weighted gross, summed over its streams). */
export interface CashabilityYear {
  readonly fy: number;
  readonly label: string;
  readonly cashable: Decimal;
  readonly costAvoidance: Decimal;
  readonly nonCashable: Decimal;
}

/**
 * Gross per FY by the streams' cashability label.
 *
 * @example
 * grossByCashability(computeAssumptions(a).proposal)[3].costAvoidance // CFS TP's FY29/30 gross (a cohort stream)
 */
export function grossByCashability(proposal: ProposalProfile): CashabilityYear[] {
  return proposal.years.map((y, i) => {
    const sum = (kind: string): Decimal =>
      proposal.streams
        .filter((s) => s.cashability === kind)
        .reduce((acc, s) => acc.plus(s.years[i]?.gross ?? ZERO), ZERO);
    return {
      fy: y.fy,
      label: y.label,
      cashable: sum("cashable"),
      costAvoidance: sum("costAvoidance"),
      nonCashable: sum("nonCashable"),
    };
  });
}

/** What cost avoidance is: a fixed line under a sheet's split; `calc profile` and the pane say it only when hasCostAvoidance. */
export const COST_AVOIDANCE_NOTE =
  "Cost avoidance is spend that would have grown and does not: it is not a reduction of today's budget.";

/**
 * Whether any FY of a split has cost avoidance to report: a proposal of cashable streams only (a step-down
 * that leaves today's budget) has none, so no surface explains a column of zeros.
 *
 * @example
 * hasCostAvoidance(grossByCashability(proposal)) // true for CFS TP (a cohort stream)
 */
export function hasCostAvoidance(years: readonly Pick<CashabilityYear, "costAvoidance">[]): boolean {
  return years.some((y) => !y.costAvoidance.isZero());
}
