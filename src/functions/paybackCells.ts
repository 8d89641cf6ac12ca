import {
  EngineError,
  decimalValue,
  enumValue,
  payback,
  type Decimal,
  type PaybackConvention,
} from "../engine";
import { cellOption, cellRange, isBlank, isBlankOrZero } from "./cells";

/**
 * MTFS.PAYBACK's body: years until the cumulative cashflow Σ(cost − benefit) first reaches zero, through the
 * engine's programme maths (Efficiency Review report, Table 3). A row or a column per argument; blank cells
 * count as 0, as in SUM.
 */

function amounts(cells: readonly unknown[], field: string): Decimal[] {
  return cells.map((c, i) => decimalValue(isBlank(c) ? 0 : c, `${field} (cell ${i + 1})`));
}

/**
 * The two rows of years without the trailing years where both are blank or 0 (they change no payback): a
 * whole row or column (2:2, B:B) is thousands of empty years. Rows of different lengths are left for the
 * engine to refuse.
 */
function usedYears(costs: unknown, benefits: unknown): [unknown[], unknown[]] {
  const c = cellRange(costs).flat();
  const b = cellRange(benefits).flat();
  if (c.length !== b.length) return [c, b];
  let n = c.length;
  while (n > 1 && isBlankOrZero(c[n - 1]) && isBlankOrZero(b[n - 1])) n--;
  return [c.slice(0, n), b.slice(0, n)];
}

/**
 * Payback in years from the start of the first year.
 *
 * @example
 * paybackCells([[10.4, 13.6, 3.6, 0.5]], [[0.4, 4.2, 16.8, 27.2]], null) // 3.2322…
 */
export function paybackCells(costs: unknown, benefits: unknown, convention: unknown): number {
  const how = enumValue<PaybackConvention>(
    cellOption(convention, "convention", "interpolated"),
    "convention",
    ["interpolated", "wholeYears"],
  );
  const [c, b] = usedYears(costs, benefits);
  const result = payback(amounts(c, "costs"), amounts(b, "benefits"), how);
  if (result.kind === "notWithinHorizon") {
    throw new EngineError(
      "missing",
      "benefits",
      "the cumulative cashflow does not reach zero in the years given",
    );
  }
  return result.years.toNumber();
}
