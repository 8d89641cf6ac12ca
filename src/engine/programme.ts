import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";

/**
 * Programme maths for the MTFS programme table (the Efficiency Review report, Appendix A) and the resource-cost
 * table (Table 3): directorate subtotals and totals are plain sums of the rows; the cumulative
 * cashflow is the running Σ(implementation cost − benefit); payback is where it crosses zero.
 * Amounts are in any one unit (£ or £m) per call; every row has one amount per column (FY).
 */

/** One opportunity row: its directorate and one amount per column (e.g. FY26/27..FY30/31). */
export interface ProgrammeRow {
  readonly directorate: string;
  readonly opportunity: string;
  readonly amounts: readonly Decimal[];
}

/** The subtotal of one directorate's rows. */
export interface DirectorateSubtotal {
  readonly directorate: string;
  readonly rowCount: number;
  readonly amounts: readonly Decimal[];
}

/** How payback years are counted when the cumulative cashflow crosses zero inside a year. */
export type PaybackConvention = "interpolated" | "wholeYears";

/**
 * Payback: `paysBack` with the years from the start of the first column, or `notWithinHorizon` when the
 * cumulative cashflow never reaches zero in the columns given.
 */
export type PaybackResult =
  | { readonly kind: "paysBack"; readonly years: Decimal; readonly convention: PaybackConvention }
  | { readonly kind: "notWithinHorizon"; readonly convention: PaybackConvention };

function columnCount(rows: readonly { readonly amounts: readonly Decimal[] }[], field: string): number {
  const n = rows.length === 0 ? 0 : rows[0].amounts.length;
  rows.forEach((r, i) => {
    if (r.amounts.length !== n) {
      throw new EngineError(
        "out-of-range",
        `${field}[${i}].amounts`,
        `must have ${n} values, got ${r.amounts.length}`,
      );
    }
  });
  return n;
}

/**
 * Column sums of any rows (the programme total, "Total ER Savings").
 *
 * @example
 * sumColumns([{ amounts: [new Decimal(1), new Decimal(2)] }, { amounts: [new Decimal(3), new Decimal(4)] }])
 * // [4, 6]
 */
export function sumColumns(rows: readonly { readonly amounts: readonly Decimal[] }[]): Decimal[] {
  const n = columnCount(rows, "rows");
  return Array.from({ length: n }, (_, c) => rows.reduce((sum, r) => sum.plus(r.amounts[c]), ZERO));
}

/**
 * Subtotals per directorate, in the order directorates first appear (Appendix A's subtotal rows).
 *
 * @example
 * directorateSubtotals([
 *   { directorate: "CFS", opportunity: "FBP", amounts: [new Decimal("0.83")] },
 *   { directorate: "CFS", opportunity: "TP", amounts: [new Decimal("-0.57")] },
 * ]) // [{ directorate: "CFS", rowCount: 2, amounts: [0.26] }]
 */
export function directorateSubtotals(rows: readonly ProgrammeRow[]): DirectorateSubtotal[] {
  columnCount(rows, "rows");
  const order: string[] = [];
  const groups = new Map<string, ProgrammeRow[]>();
  for (const row of rows) {
    const group = groups.get(row.directorate);
    if (group === undefined) {
      order.push(row.directorate);
      groups.set(row.directorate, [row]);
    } else group.push(row);
  }
  return order.map((directorate) => {
    const group = groups.get(directorate) ?? [];
    return { directorate, rowCount: group.length, amounts: sumColumns(group) };
  });
}

/**
 * The programme total of every row, per column (equal to the sum of the directorate subtotals).
 *
 * @example
 * programmeTotal([{ directorate: "A", opportunity: "x", amounts: [new Decimal(1)] }]) // [1]
 */
export function programmeTotal(rows: readonly ProgrammeRow[]): Decimal[] {
  return sumColumns(rows);
}

/**
 * "Additional beyond the MTFS": the total in the first year after the MTFS less the total in the last
 * MTFS year (Appendix A: 32.45 − 27.14 = 5.31, printed £5.3m).
 *
 * @example
 * additionalBeyondMtfs(new Decimal("27.14"), new Decimal("32.45")).toNumber() // 5.31
 */
export function additionalBeyondMtfs(lastMtfsYearTotal: Decimal, futureYearTotal: Decimal): Decimal {
  return futureYearTotal.minus(lastMtfsYearTotal);
}

function sameLength(costs: readonly Decimal[], benefits: readonly Decimal[]): void {
  if (costs.length !== benefits.length) {
    throw new EngineError(
      "out-of-range",
      "benefits",
      `must have one value per cost year (${costs.length}), got ${benefits.length}`,
    );
  }
}

/**
 * Running Σ(implementation cost − benefit) per year. Benefits are positive amounts (Table 3 prints them
 * in brackets). Table 3: costs 10.4, 13.6, 3.6, 0.5 and benefits 0.4, 4.2, 16.8, 27.2 → 10.0, 19.4, 6.2, −20.5.
 *
 * @example
 * cumulativeCashflow([10.4, 13.6].map((x) => new Decimal(x)), [0.4, 4.2].map((x) => new Decimal(x)))
 * // [10, 19.4]
 */
export function cumulativeCashflow(costs: readonly Decimal[], benefits: readonly Decimal[]): Decimal[] {
  sameLength(costs, benefits);
  let running = ZERO;
  return costs.map((cost, i) => {
    running = running.plus(cost).minus(benefits[i]);
    return running;
  });
}

/**
 * Years until the cumulative cashflow reaches zero or below for good, counted from the start of the first
 * year: the crossing after its last year in deficit (a year with nothing in it, or benefits before costs, is
 * not a payback when costs come later); 0 when it is never in deficit; not within the horizon when it ends
 * in deficit. Conventions: `interpolated` (default) assumes costs and benefits accrue evenly within a year,
 * so payback = full years before the crossing year + (cumulative before it ÷ net benefit in it); Table 3
 * gives 3 + 6.2 / 26.7 = 3.23 where the report prints 3.3 (recorded in docs/discrepancies.md).
 * `wholeYears` counts whole years to the end of the crossing year (Table 3: 4).
 *
 * @example
 * const d = (xs: number[]) => xs.map((x) => new Decimal(x));
 * payback(d([10.4, 13.6, 3.6, 0.5]), d([0.4, 4.2, 16.8, 27.2]))
 * // { kind: "paysBack", years: 3.2322..., convention: "interpolated" }
 */
export function payback(
  costs: readonly Decimal[],
  benefits: readonly Decimal[],
  convention: PaybackConvention = "interpolated",
): PaybackResult {
  const cashflow = cumulativeCashflow(costs, benefits);
  let lastDeficit = -1;
  cashflow.forEach((c, i) => {
    if (c.gt(0)) lastDeficit = i;
  });
  if (lastDeficit === cashflow.length - 1) return { kind: "notWithinHorizon", convention };
  if (lastDeficit < 0) return { kind: "paysBack", years: ZERO, convention };
  const i = lastDeficit + 1;
  if (convention === "wholeYears") return { kind: "paysBack", years: new Decimal(i + 1), convention };
  // Net benefit in the crossing year is before − cashflow[i] > 0 here (before > 0 ≥ cashflow[i]).
  const before = cashflow[lastDeficit];
  return { kind: "paysBack", years: before.div(before.minus(cashflow[i])).plus(i), convention };
}
