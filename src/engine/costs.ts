import { Decimal, ZERO } from "./money";
import { dayNumber, daysInFy, fyOf, fyStartDay, inflate } from "./fiscalYear";
import type { CostItem, FyStartYear } from "./types";

/**
 * Investment netted off the gross benefit, per FY: ongoing costs pro rata by days from their start date
 * (to an optional inclusive end date), one-off items in the FY of their date, per-case costs on the average
 * caseload reduction, per-event costs on a stream's events in the FY, and phased amounts by FY.
 */

/** What a cost line may depend on in a FY besides its own terms. */
export interface CostContext {
  readonly fy: FyStartYear;
  /** Average caseload reduction in the FY (for per-case costs). */
  readonly caseloadReduction: Decimal;
  readonly inflationPerYear: Decimal;
  readonly priceBaseFy: FyStartYear;
  /** FY whose prices inflating costs are stated in (default `fy`; the price base FY reports them uninflated). */
  readonly pricesFy?: FyStartYear;
  /**
   * A stream's operational measure in the FY (`stream` undefined: summed over every stream), for per-case
   * costs on one stream and per-event costs; without it those fall back to `caseloadReduction` and 0 events.
   */
  readonly measure?: (key: string, stream: string | undefined) => Decimal;
}

/**
 * Share of a FY's days covered by [fromDate, toDate] (inclusive), as a fraction.
 *
 * @example
 * fyShareCovered(2026, "2026-12-01").toNumber() // 121 / 365
 */
export function fyShareCovered(fy: FyStartYear, fromDate: string, toDate?: string): Decimal {
  const a = Math.max(fyStartDay(fy), dayNumber(fromDate));
  const b = Math.min(fyStartDay(fy + 1), toDate === undefined ? Infinity : dayNumber(toDate) + 1);
  return b <= a ? ZERO : new Decimal(b - a).div(daysInFy(fy));
}

/**
 * Cost of one line in a FY (£, positive = cost).
 *
 * @example
 * costInFy({ kind: "ongoing", label: "FFPP", amountPerYear: D(1500000), fromDate: "2026-12-01" }, ctx2026).toNumber() // 497260.27…
 */
export function costInFy(item: CostItem, ctx: CostContext): Decimal {
  switch (item.kind) {
    case "ongoing": {
      const rate = item.inflationPerYear ?? (item.inflates ? ctx.inflationPerYear : undefined);
      const amount =
        rate === undefined
          ? item.amountPerYear
          : inflate(item.amountPerYear, ctx.priceBaseFy, ctx.pricesFy ?? ctx.fy, rate);
      return amount.times(fyShareCovered(ctx.fy, item.fromDate, item.toDate));
    }
    case "oneOff":
      return fyOf(item.date) === ctx.fy ? item.amount : ZERO;
    case "perCase": {
      const cases =
        item.stream === undefined || ctx.measure === undefined
          ? ctx.caseloadReduction
          : ctx.measure("caseloadReduction", item.stream);
      return item.amountPerCasePerYear.times(cases);
    }
    case "perEvent": {
      const events = ctx.measure?.(item.measure ?? "avoidedEvents", item.stream) ?? ZERO;
      const amount = item.inflates
        ? inflate(item.amountPerEvent, ctx.priceBaseFy, ctx.pricesFy ?? ctx.fy, ctx.inflationPerYear)
        : item.amountPerEvent;
      return amount.times(events);
    }
    case "phased":
      return item.amountsByFy.reduce((sum, a) => (a.fy === ctx.fy ? sum.plus(a.amount) : sum), ZERO);
  }
}

/**
 * Total cost of all lines in a FY.
 *
 * @example
 * totalCostInFy([ffpp], ctx2027).toNumber() // 1500000
 */
export function totalCostInFy(items: readonly CostItem[], ctx: CostContext): Decimal {
  return items.reduce((sum, item) => sum.plus(costInFy(item, ctx)), ZERO);
}
