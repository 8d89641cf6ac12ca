import { Decimal } from "./money";
import { decimalCalculator, type Calculator } from "./calculator";
import { dayNumber, daysInFy, fyOf, fyStartDay, inflate } from "./fiscalYear";
import type { CostItem, FyStartYear } from "./types";
import { EngineError } from "./errors";

/**
 * Investment netted off the gross benefit, per FY: ongoing costs pro rata by days from their start date
 * (to an optional inclusive end date), one-off items in the FY of their date, per-case costs on the average
 * caseload reduction, per-event costs on a stream's events in the FY, and phased amounts by FY.
 */

/** What a cost line may depend on in a FY besides its own terms. */
export interface CostContext<T = Decimal> {
  readonly fy: FyStartYear;
  /** Average caseload reduction in the FY (for per-case costs). */
  readonly caseloadReduction: T;
  readonly inflationPerYear: Decimal;
  readonly priceBaseFy: FyStartYear;
  /** FY whose prices inflating costs are stated in (default `fy`; the price base FY reports them uninflated). */
  readonly pricesFy?: FyStartYear;
  /**
   * A stream's operational measure in the FY (`stream` undefined: summed over every stream), for per-case
   * costs on one stream and per-event costs; without it those fall back to `caseloadReduction` and 0 events.
   */
  readonly measure?: (key: string, stream: string | undefined) => T;
}

/**
 * Share of a FY's days covered by [fromDate, toDate] (inclusive), as a fraction.
 *
 * @example
 * fyShareCovered(2026, "2026-12-01").toNumber() // 121 / 365
 */
export function fyShareCovered(fy: FyStartYear, fromDate: string, toDate?: string): Decimal {
  return fyShareCoveredOn(decimalCalculator, fy, fromDate, toDate);
}

/**
 * fyShareCovered on a number backend.
 *
 * @example
 * fyShareCoveredOn(numberCalculator, 2026, "2026-12-01") // 121 / 365
 */
export function fyShareCoveredOn<T>(
  calc: Calculator<T>,
  fy: FyStartYear,
  fromDate: string,
  toDate?: string,
): T {
  const a = Math.max(fyStartDay(fy), dayNumber(fromDate));
  const b = Math.min(fyStartDay(fy + 1), toDate === undefined ? Infinity : dayNumber(toDate) + 1);
  return b <= a ? calc.zero : calc.divide(calc.fromNumber(b - a), calc.fromNumber(daysInFy(fy)));
}

/**
 * amount × (1 + rate)^(toFy − fromFy) on a number backend, checked as fiscalYear.ts's inflate.
 *
 * @example
 * inflateOn(numberCalculator, 1000, 2026, 2028, new Decimal(0.04)) // 1081.6
 */
export function inflateOn<T>(
  calc: Calculator<T>,
  amount: T,
  fromFy: FyStartYear,
  toFy: FyStartYear,
  rate: Decimal,
): T {
  // inflate()'s rules, without its Decimal arithmetic (a rate is checked once: the same ones on every draw).
  if (!validRates.has(rate)) {
    if (rate.lte(-1)) inflate(0, fromFy, toFy, rate);
    validRates.add(rate);
  }
  if (!Number.isInteger(fromFy) || !Number.isInteger(toFy)) inflate(0, fromFy, toFy, rate);
  return calc.multiply(amount, calc.pow(calc.add(calc.fromDecimal(rate), calc.one), toFy - fromFy));
}

const validRates = new WeakSet<Decimal>();

/**
 * Cost of one line in a FY (£, positive = cost).
 *
 * @example
 * costInFy({ kind: "ongoing", label: "FFPP", amountPerYear: D(1500000), fromDate: "2026-12-01" }, ctx2026).toNumber() // 497260.27…
 */
export function costInFy(item: CostItem, ctx: CostContext): Decimal {
  return costInFyOn(decimalCalculator, item, ctx);
}

/**
 * costInFy on a number backend (the same calculator calls, so Decimal figures are identical).
 *
 * @example
 * costInFyOn(numberCalculator, ffpp, { ...ctx2026, caseloadReduction: 0 }) // 497260.27…
 */
export function costInFyOn<T>(calc: Calculator<T>, item: CostItem, ctx: CostContext<T>): T {
  const d = calc.fromDecimal;
  switch (item.kind) {
    case "ongoing": {
      const rate = item.inflationPerYear ?? (item.inflates ? ctx.inflationPerYear : undefined);
      const amount =
        rate === undefined
          ? d(item.amountPerYear)
          : inflateOn(calc, d(item.amountPerYear), ctx.priceBaseFy, ctx.pricesFy ?? ctx.fy, rate);
      return calc.multiply(amount, fyShareCoveredOn(calc, ctx.fy, item.fromDate, item.toDate));
    }
    case "oneOff":
      return fyOf(item.date) === ctx.fy ? d(item.amount) : calc.zero;
    case "perCase": {
      const cases =
        item.stream === undefined || ctx.measure === undefined
          ? ctx.caseloadReduction
          : ctx.measure("caseloadReduction", item.stream);
      return calc.multiply(d(item.amountPerCasePerYear), cases);
    }
    case "perEvent": {
      const events = ctx.measure?.(item.measure ?? "avoidedEvents", item.stream) ?? calc.zero;
      const amount = item.inflates
        ? inflateOn(
            calc,
            d(item.amountPerEvent),
            ctx.priceBaseFy,
            ctx.pricesFy ?? ctx.fy,
            ctx.inflationPerYear,
          )
        : d(item.amountPerEvent);
      return calc.multiply(amount, events);
    }
    case "phased":
      return item.amountsByFy.reduce(
        (sum, a) => (a.fy === ctx.fy ? calc.add(sum, d(a.amount)) : sum),
        calc.zero,
      );
  }
}

/**
 * Whether a line's cost in a FY reads the streams (the caseload reduction or a measure): otherwise it is a
 * function of the line, the FY and the prices alone (costInFyOn), the same on every simulated draw.
 *
 * @example
 * costReadsStreams({ kind: "ongoing", label: "FFPP", amountPerYear: D(1500000), fromDate: "2026-12-01" }) // false
 */
export function costReadsStreams(item: CostItem): boolean {
  // Exhaustive, so a new cost kind must say whether it reads the streams (a draw reuses the costs of those that do not).
  switch (item.kind) {
    case "perCase":
    case "perEvent":
      return true;
    case "ongoing":
    case "oneOff":
    case "phased":
      return false;
    default:
      return unknownKind(item);
  }
}

function unknownKind(item: never): never {
  // Unreachable for a parsed line (the type is exhaustive); a typed engine error if a cast let one through.
  throw new EngineError(
    "unknown-option",
    "investment.kind",
    `is not a known cost kind: ${(item as { kind: string }).kind}`,
  );
}

/**
 * Total cost of all lines in a FY.
 *
 * @example
 * totalCostInFy([ffpp], ctx2027).toNumber() // 1500000
 */
export function totalCostInFy(items: readonly CostItem[], ctx: CostContext): Decimal {
  return items.reduce((sum, item) => sum.plus(costInFy(item, ctx)), decimalCalculator.zero);
}
