import {
  EngineError,
  GREEN_BOOK_HEALTH,
  GREEN_BOOK_STANDARD,
  benefitCostRatio,
  decimalValue,
  discountedPayback,
  enumValue,
  flatDeflatorIndex,
  flatSchedule,
  npv,
  realPrices,
  type Decimal,
  type DiscountSchedule,
  type PaybackConvention,
} from "../engine";
import { cellOption, cellRange, cellRate, isBlank, isBlankOrZero, withoutTrailing } from "./cells";

/**
 * Bodies of MTFS.NPV, MTFS.BCR and MTFS.DISCOUNTED.PAYBACK: two rows of years (benefits, costs; a row
 * or a column each, blank cells 0 as in SUM) through the engine's Green Book view (greenBook.ts).
 */

/** Benefits and costs per year, in real prices when deflators are given, ready for the engine. */
export interface GreenBookFlows {
  readonly benefits: readonly Decimal[];
  readonly costs: readonly Decimal[];
  readonly schedule: DiscountSchedule;
}

function amounts(cells: readonly unknown[], field: string): Decimal[] {
  return cells.map((c, i) => decimalValue(isBlank(c) ? 0 : c, `${field} (cell ${i + 1})`));
}

/** The rate argument: blank or "standard" (Green Book STPR), "health", or a flat rate (3.5% or 0.035). */
function schedule(rate: unknown): DiscountSchedule {
  if (isBlank(rate)) return GREEN_BOOK_STANDARD;
  if (typeof rate === "string" && /^\s*[a-z]/i.test(rate)) {
    const which = enumValue(rate, "rate", ["standard", "health"] as const);
    return which === "health" ? GREEN_BOOK_HEALTH : GREEN_BOOK_STANDARD;
  }
  return flatSchedule(cellRate(rate, "rate", { gt: -1, perYear: true }));
}

/**
 * The deflators argument for n years: blank (the flows are already in real prices), one rate a year
 * (2% or 0.02), or an index per year (a row or column as long as the flows, e.g. HM Treasury's GDP deflators).
 */
function deflatorIndex(deflators: unknown, n: number): readonly Decimal[] | undefined {
  // An index is never 0, so trailing 0s are empty cells (as some desktop builds pass them).
  const cells = withoutTrailing(cellRange(deflators).flat(), isBlankOrZero);
  if (cells.length === 1) {
    if (isBlankOrZero(cells[0])) return undefined;
    return flatDeflatorIndex(n, cellRate(cells[0], "deflators", { gt: -1, perYear: true }));
  }
  if (cells.length < n) {
    throw new EngineError(
      "out-of-range",
      "deflators",
      `must be one rate, or an index for each of the ${n} years, got ${cells.length} values`,
    );
  }
  return cells.slice(0, n).map((c, i) => decimalValue(c, `deflators (cell ${i + 1})`, { gt: 0 }));
}

/**
 * Reads the arguments the three functions share. Trailing years where both rows are blank or 0 are
 * dropped (a whole row 2:2 is thousands of empty years; they change no NPV, ratio or payback).
 *
 * @example
 * greenBookFlows([[0, 110]], [[50, 0]], 0.1, null).benefits.map(Number) // [0, 110]
 */
export function greenBookFlows(
  benefits: unknown,
  costs: unknown,
  rate: unknown,
  deflators: unknown,
): GreenBookFlows {
  const b = cellRange(benefits).flat();
  const c = cellRange(costs).flat();
  if (b.length !== c.length) {
    throw new EngineError(
      "out-of-range",
      "costs",
      `must have one cell per year of benefits (${b.length}), got ${c.length}`,
    );
  }
  let n = b.length;
  while (n > 1 && isBlankOrZero(b[n - 1]) && isBlankOrZero(c[n - 1])) n--;
  const index = deflatorIndex(deflators, n);
  const real = (xs: Decimal[]): readonly Decimal[] => (index === undefined ? xs : realPrices(xs, index));
  return {
    benefits: real(amounts(b.slice(0, n), "benefits")),
    costs: real(amounts(c.slice(0, n), "costs")),
    schedule: schedule(rate),
  };
}

/**
 * MTFS.NPV's body: PV(benefits) − PV(costs), year 0 = the first cell.
 *
 * @example
 * npvCells([[0, 110]], [[50, 0]], 0.1, null) // 50
 */
export function npvCells(benefits: unknown, costs: unknown, rate: unknown, deflators: unknown): number {
  const f = greenBookFlows(benefits, costs, rate, deflators);
  return npv(f.benefits, f.costs, f.schedule).toNumber();
}

/**
 * MTFS.BCR's body: PV(benefits) ÷ PV(costs).
 *
 * @example
 * bcrCells([[0, 110]], [[50, 0]], 0.1, null) // 2
 */
export function bcrCells(benefits: unknown, costs: unknown, rate: unknown, deflators: unknown): number {
  const f = greenBookFlows(benefits, costs, rate, deflators);
  return benefitCostRatio(f.benefits, f.costs, f.schedule).toNumber();
}

/**
 * MTFS.DISCOUNTED.PAYBACK's body: years from the start of the first year until the discounted
 * cumulative cashflow first reaches zero.
 *
 * @example
 * discountedPaybackCells([[0, 110]], [[50, 0]], 0.1, null, null) // 1.5
 */
export function discountedPaybackCells(
  benefits: unknown,
  costs: unknown,
  rate: unknown,
  deflators: unknown,
  convention: unknown,
): number {
  const how = enumValue<PaybackConvention>(
    cellOption(convention, "convention", "interpolated"),
    "convention",
    ["interpolated", "wholeYears"],
  );
  const f = greenBookFlows(benefits, costs, rate, deflators);
  const result = discountedPayback(f.benefits, f.costs, f.schedule, how);
  if (result.kind === "notWithinHorizon") {
    throw new EngineError(
      "missing",
      "benefits",
      "the discounted cumulative cashflow does not reach zero in the years given",
    );
  }
  return result.years.toNumber();
}
