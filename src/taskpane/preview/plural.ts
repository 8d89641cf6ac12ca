import type { Decimal } from "../../engine/money";

/**
 * A number of years as it is said: "1 year", "1.5 years", "0 years".
 *
 * @example
 * yearsText(new Decimal(1)) // "1 year"
 * yearsText(new Decimal(1.5)) // "1.5 years"
 */
export function yearsText(years: Decimal | string): string {
  const text = typeof years === "string" ? years : years.toString();
  return `${text} ${Number(text) === 1 ? "year" : "years"}`;
}

/**
 * A count and its noun, singular for exactly one: "1 problem", "3 problems".
 *
 * @example
 * countText(1, "problem") // "1 problem"
 */
export function countText(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
