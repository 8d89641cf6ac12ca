import DecimalJs from "decimal.js";

/**
 * The engine's own Decimal constructor. All money and volumes in the engine are values of this type;
 * global Decimal settings are never changed, so a host that also uses decimal.js is unaffected.
 * 40 significant digits keep weekly-step sums exact far beyond the pennies we present.
 *
 * @example
 * new Decimal("1487").minus(149).toString() // "1338"
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** Anything the engine accepts where a Decimal is expected. */
export type DecimalLike = Decimal | number | string;

/**
 * Converts a number, numeric string or Decimal to an engine Decimal.
 *
 * @example
 * toDecimal(0.08).times(260).toNumber() // 20.8
 */
export function toDecimal(value: DecimalLike): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

/** Zero, shared. */
export const ZERO = new Decimal(0);
