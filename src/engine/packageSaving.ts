import type { Decimal } from "./money";
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
  return s.kind === "weekly"
    ? nonNegative(s.weeklySavingPerPerson, `${field}.weeklySavingPerPerson`)
    : nonNegative(s.hoursPerWeek, `${field}.hoursPerWeek`).times(
        nonNegative(s.costPerHour, `${field}.costPerHour`),
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
