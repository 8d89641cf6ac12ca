import { Decimal } from "./money";
import { inflate } from "./fiscalYear";
import type { FyStartYear, UnitCost } from "./types";

/**
 * Unit cost saving per avoided case: (baseline cost − alternative − overlap) per period, in price-base prices,
 * inflated in whole steps each 1 April; annualised with `periodsPerYear` (52.18 weeks, or e.g. 190 school days).
 */

/**
 * Saving per case per period in a FY's prices, without components.
 *
 * @example
 * savingPerPeriod({ weeklyCost: D(1487), alternativeWeeklyCost: ZERO, overlapWeeklyCost: D(149),
 *   inflationPerYear: D(0.04), priceBaseFy: 2026, periodsPerYear: D(52.18) }, 2027).toNumber() // 1391.52
 */
export function savingPerPeriod(u: UnitCost, fy: FyStartYear): Decimal {
  const base = u.weeklyCost.minus(u.alternativeWeeklyCost).minus(u.overlapWeeklyCost);
  return inflate(base, u.priceBaseFy, fy, u.inflationPerYear);
}

/**
 * Saving per case per year in a FY's prices: saving per period × periods per year.
 *
 * @example
 * annualSavingPerCase(cfsUnitCost, 2026).toNumber() // 1338 × 52.18 = 69816.84
 */
export function annualSavingPerCase(u: UnitCost, fy: FyStartYear): Decimal {
  return savingPerPeriod(u, fy).times(u.periodsPerYear);
}

/**
 * A component's saving per case per year in a FY's prices: share × cost per period × periods, inflated.
 *
 * @example
 * componentAnnualSaving(u, { label: "PTB", share: D(0.351), costPerPeriod: D(16.11) }, 2026).toNumber() // 0.351 × 16.11 × 190
 */
export function componentAnnualSaving(
  u: UnitCost,
  c: { readonly share: Decimal; readonly costPerPeriod: Decimal },
  fy: FyStartYear,
): Decimal {
  return inflate(
    c.share.times(c.costPerPeriod).times(u.periodsPerYear),
    u.priceBaseFy,
    fy,
    u.inflationPerYear,
  );
}
