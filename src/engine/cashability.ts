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

/** What cost avoidance is: said beside a split only when some of it is cost avoidance (hasCostAvoidance). */
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

/**
 * The formula of a sheet's note beside a split: COST_AVOIDANCE_NOTE when a cell of `costAvoidance` (a range)
 * is not 0, else blank, so it follows the split as it recalculates, as hasCostAvoidance decides for the CLI;
 * `text` is the note, or the part of it one cell shows.
 *
 * @example
 * costAvoidanceNoteFormula("C80:C85") // 'IF(OR(MAX(C80:C85)<>0,MIN(C80:C85)<>0),"Cost avoidance is …","")'
 */
export function costAvoidanceNoteFormula(costAvoidance: string, text = COST_AVOIDANCE_NOTE): string {
  // MAX and MIN, not SUMPRODUCT: in the grammar refresh evaluates (formulaValue.ts); blanks count as 0.
  return `IF(OR(MAX(${costAvoidance})<>0,MIN(${costAvoidance})<>0),"${text.replace(/"/g, '""')}","")`;
}
