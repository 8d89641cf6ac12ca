import { Decimal, ZERO } from "./money";
import { decimalCalculator, maxOf, minOf, type Calculator } from "./calculator";
import { inflateOn } from "./costs";
import type { FyStartYear, MtfsOverlap } from "./types";

/**
 * Overlap with existing MTFS lines, netted off per FY. A fixed amount per year is capped at the FY's gross by
 * default (an overlap can remove a saving but never create a cost); a £-per-week overlap scales with the
 * caseload reduction like the unit cost; a weeks-of-duration overlap shortens the duration instead (see
 * effectiveDurationWeeks) and is 0 here.
 */

/** What the overlap may depend on in a FY. */
export interface OverlapContext<T = Decimal> {
  readonly fy: FyStartYear;
  readonly gross: T;
  readonly caseloadReduction: T;
  readonly periodsPerYear: Decimal;
  readonly inflationPerYear: Decimal;
  readonly priceBaseFy: FyStartYear;
  readonly firstFy: FyStartYear;
  /** FY whose prices a per-week overlap is in (default `fy`; the price base FY when inflation is held on net). */
  readonly pricesFy?: FyStartYear;
}

/**
 * Overlap in a FY (£, positive = deducted).
 *
 * @example
 * overlapInFy({ kind: "amountPerYear", amountPerYear: D(390000), capAtGross: true }, { ...ctx, gross: D(122000) }).toNumber() // 122000
 */
export function overlapInFy(o: MtfsOverlap, ctx: OverlapContext): Decimal {
  return overlapInFyOn(decimalCalculator, o, ctx);
}

/**
 * overlapInFy on a number backend.
 *
 * @example
 * overlapInFyOn(numberCalculator, { kind: "amountPerYear", amountPerYear: D(390000), capAtGross: true }, { ...ctx, gross: 122000 }) // 122000
 */
export function overlapInFyOn<T>(calc: Calculator<T>, o: MtfsOverlap, ctx: OverlapContext<T>): T {
  switch (o.kind) {
    case "none":
    case "weeksOfDuration":
      return calc.zero;
    case "amountPerYear": {
      if (ctx.fy < (o.fromFy ?? ctx.firstFy)) return calc.zero;
      const amount = calc.fromDecimal(o.amountPerYear);
      if (!o.capAtGross) return amount;
      return maxOf(calc, calc.zero, minOf(calc, amount, ctx.gross));
    }
    case "amountPerWeek":
      return calc.multiply(
        calc.multiply(
          inflateOn(
            calc,
            calc.fromDecimal(o.amountPerWeek),
            ctx.priceBaseFy,
            ctx.pricesFy ?? ctx.fy,
            ctx.inflationPerYear,
          ),
          calc.fromDecimal(ctx.periodsPerYear),
        ),
        ctx.caseloadReduction,
      );
  }
}

/**
 * Duration after a weeks-of-duration overlap (never below 0).
 *
 * @example
 * effectiveDurationWeeks(D(157.5), { kind: "weeksOfDuration", weeks: D(4.4) }).toNumber() // 153.1
 */
export function effectiveDurationWeeks(durationWeeks: Decimal, o: MtfsOverlap): Decimal {
  return o.kind === "weeksOfDuration" ? Decimal.max(ZERO, durationWeeks.minus(o.weeks)) : durationWeeks;
}
