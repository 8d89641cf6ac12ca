import { toPounds, type Decimal } from "../../engine";

/**
 * How every JSON output rounds a figure at this edge (the engine keeps full precision): money in £ to pennies
 * (the engine's toPounds), counts, measures and rates (fractions) to 4 decimal places, so a reader gets the
 * figures the tables show, not binary noise (2.1887805946449106 avoided events).
 */

/**
 * A count, measure, weighting or rate (a fraction) in JSON: 4 decimal places.
 *
 * @example
 * jsonCount(new Decimal("2.1887805946449106")) // 2.1888
 * jsonCount(new Decimal("0.456875395572589")) // 0.4569 (45.69%)
 */
export function jsonCount(d: Decimal): number {
  return d.toDecimalPlaces(4).toNumber();
}

/**
 * A figure of a measure in JSON: £ to pennies for money, else a count to 4 decimal places.
 *
 * @example
 * jsonFigure(true, new Decimal("107381.3712")) // 107381.37
 * jsonFigure(false, new Decimal("198.48537263177167")) // 198.4854
 */
export function jsonFigure(money: boolean, d: Decimal): number {
  return money ? toPounds(d) : jsonCount(d);
}
