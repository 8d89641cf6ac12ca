import {
  COST_AVOIDANCE_NOTE,
  formatMoney,
  hasCostAvoidance,
  toPounds,
  type CashabilityYear,
} from "../../engine";
import { textTable } from "../table";

/** The gross saving split by kind under `calc profile`: cost avoidance always labelled as such. */

const fy = (label: string): string => label.replace(/^FY/, "FY ");

/**
 * The split as a table in £m, with what cost avoidance means; it begins with a blank line, as the Green Book
 * view before it does, so each section of `calc profile` stands apart.
 *
 * @example
 * cashabilityTable(grossByCashability(proposal)) // "\nGross saving by kind …\nFY 26/27  £0.00m  £0.00m  -"
 */
export function cashabilityTable(years: readonly CashabilityYear[]): string {
  const rows = years.map((y) => [
    fy(y.label),
    formatMoney(y.cashable),
    formatMoney(y.costAvoidance),
    formatMoney(y.nonCashable),
  ]);
  return (
    "\nGross saving by kind (before costs and overlap)\n" +
    textTable(["FY", "Cashable", "Cost avoidance", "Non-cashable"], rows, [
      "left",
      "right",
      "right",
      "right",
    ]) +
    // Said only when some of the gross is cost avoidance: a cashable step-down is a budget reduction.
    (hasCostAvoidance(years) ? `\n${COST_AVOIDANCE_NOTE}\n` : "\n")
  );
}

/**
 * The split as JSON, money in £.
 *
 * @example
 * cashabilityJson(years) // { grossByKind: [{ fy: "FY26/27", cashable: 0, costAvoidance: 0, nonCashable: 0 }, ...] }
 */
export function cashabilityJson(years: readonly CashabilityYear[]): Record<string, unknown> {
  return {
    grossByKind: years.map((y) => ({
      fy: y.label,
      cashable: toPounds(y.cashable),
      costAvoidance: toPounds(y.costAvoidance),
      nonCashable: toPounds(y.nonCashable),
    })),
  };
}
