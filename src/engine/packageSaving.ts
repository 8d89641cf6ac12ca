import type { Decimal } from "./money";
import { decimalCalculator, type Calculator } from "./calculator";
import { nonNegative } from "./streamYears";

/**
 * What one person's smaller (or no longer needed) care package saves a week, as the Adults proposals state
 * it: a £ a week, or hours of care a week × the cost per hour. Price-base prices.
 */
export type PackageSaving =
  | { readonly kind: "weekly"; readonly weeklySavingPerPerson: Decimal }
  | { readonly kind: "hours"; readonly hoursPerWeek: Decimal; readonly costPerHour: Decimal };

/**
 * £ a week per person.
 *
 * @example
 * weeklySaving({ kind: "hours", hoursPerWeek: D(5), costPerHour: D(24) }, "saving").toNumber() // 120
 */
export function weeklySaving(s: PackageSaving, field: string): Decimal {
  return weeklySavingOn(decimalCalculator, s, field);
}

/**
 * weeklySaving on a number backend.
 *
 * @example
 * weeklySavingOn(numberCalculator, { kind: "hours", hoursPerWeek: D(5), costPerHour: D(24) }, "saving") // 120
 */
export function weeklySavingOn<T>(calc: Calculator<T>, s: PackageSaving, field: string): T {
  const d = calc.fromDecimal;
  // Field and key apart: the name is only built for an error (a simulated draw checks the saving each time).
  return s.kind === "weekly"
    ? d(nonNegative(s.weeklySavingPerPerson, field, "weeklySavingPerPerson"))
    : calc.multiply(
        d(nonNegative(s.hoursPerWeek, field, "hoursPerWeek")),
        d(nonNegative(s.costPerHour, field, "costPerHour")),
      );
}

/**
 * Hours of care a week per person, when the saving is stated in hours (else undefined).
 *
 * @example
 * hoursPerWeek({ kind: "weekly", weeklySavingPerPerson: D(100) }) // undefined
 */
export function hoursPerWeek(s: PackageSaving): Decimal | undefined {
  return s.kind === "hours" ? s.hoursPerWeek : undefined;
}
