import {
  EngineError,
  decimalValue,
  enumValue,
  payback,
  type Decimal,
  type PaybackConvention,
} from "../engine";
import { cellOption, cellRange, isBlank } from "./cells";

/**
 * MTFS.PAYBACK's body: years until the cumulative cashflow Σ(cost − benefit) first reaches zero, through the
 * engine's programme maths (the Efficiency Review report, Table 3). A row or a column per argument; blank cells count as 0,
 * as in SUM.
 */

function amounts(value: unknown, field: string): Decimal[] {
  return cellRange(value)
    .flat()
    .map((c, i) => decimalValue(isBlank(c) ? 0 : c, `${field} (cell ${i + 1})`));
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
  const result = payback(amounts(costs, "costs"), amounts(benefits, "benefits"), how);
  if (result.kind === "notWithinHorizon") {
    throw new EngineError(
      "missing",
      "benefits",
      "the cumulative cashflow does not reach zero in the years given",
    );
  }
  return result.years.toNumber();
}
