import { Decimal } from "./money";
import { inflate } from "./fiscalYear";
import { EngineError } from "./errors";
import { compareToNumber, decimalCalculator, type Calculator } from "./calculator";
import type { FyStartYear, UnitCost, UnitCostComponent } from "./types";

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
  return annualSavingOn(decimalCalculator, u)(fy);
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
  return annualSavingOn(decimalCalculator, u, c)(fy);
}

/**
 * A unit's annual saving per case by FY on a number backend, its inputs converted once: the component's
 * (share × cost per period × periods, inflated) or, without one, (cost − alternative − overlap) × periods,
 * inflated. The same values as componentAnnualSaving / annualSavingPerCase on the Decimal backend.
 *
 * @example
 * annualSavingOn(numberCalculator, cfsUnitCost)(2026) // 69816.84
 */
export function annualSavingOn<T>(
  calc: Calculator<T>,
  u: UnitCost,
  component?: Pick<UnitCostComponent, "share" | "costPerPeriod">,
): (fy: FyStartYear) => T {
  // inflate()'s rules (and messages) for a rate it would refuse, without its arithmetic otherwise.
  if (compareToNumber(u.inflationPerYear, -1) <= 0 || !Number.isInteger(u.priceBaseFy)) {
    inflate(0, u.priceBaseFy, u.priceBaseFy, u.inflationPerYear);
  }
  const factor = calc.add(calc.fromDecimal(u.inflationPerYear), calc.one);
  const periods = calc.fromDecimal(u.periodsPerYear);
  const power = (fy: FyStartYear): T => {
    if (!Number.isInteger(fy))
      throw new EngineError("invalid-type", "fy", "must be a whole fiscal start year");
    return calc.pow(factor, fy - u.priceBaseFy);
  };
  if (component !== undefined) {
    const annual = calc.multiply(
      calc.multiply(calc.fromDecimal(component.share), calc.fromDecimal(component.costPerPeriod)),
      periods,
    );
    return (fy) => calc.multiply(annual, power(fy));
  }
  const base = calc.subtract(
    calc.subtract(calc.fromDecimal(u.weeklyCost), calc.fromDecimal(u.alternativeWeeklyCost)),
    calc.fromDecimal(u.overlapWeeklyCost),
  );
  return (fy) => calc.multiply(calc.multiply(base, power(fy)), periods);
}
