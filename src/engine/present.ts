import { Decimal, toDecimal, type DecimalLike } from "./money";
import type { PercentChange, WholeRange } from "./triangulate";
import type { GreenBookView } from "./profileGreenBook";
import type { PaybackResult } from "./programme";

/**
 * Presentation rounding: the ONLY place the engine's exact £ values are rounded for display. The CLI
 * tables, the workbook and the taskpane all call these, so a figure reads the same everywhere. Rounding
 * is half away from zero, as Excel's ROUND does; a value that rounds to zero never shows a minus sign.
 */

const MILLION = new Decimal(1_000_000);
const THOUSAND = new Decimal(1_000);

function noNegativeZero(d: Decimal): Decimal {
  return d.isZero() ? new Decimal(0) : d;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * £ to £m rounded to `dp` decimal places, as a number (for cells and JSON).
 *
 * @example
 * toMillions(-497_312.4) // -0.5
 * toMillions(1_123_456, 1) // 1.1
 */
export function toMillions(amount: DecimalLike, dp = 2): number {
  return noNegativeZero(toDecimal(amount).div(MILLION).toDecimalPlaces(dp)).toNumber();
}

/**
 * £ as "£1.12m" / "-£0.50m" with `dp` decimal places, as the proposal template prints it.
 *
 * @example
 * formatMillions(-500_000) // "-£0.50m"
 * formatMillions(3_300_000, 1) // "£3.3m"
 * formatMillions(-1) // "£0.00m"
 */
export function formatMillions(amount: DecimalLike, dp = 2): string {
  const m = noNegativeZero(toDecimal(amount).div(MILLION).toDecimalPlaces(dp));
  const [whole, frac] = m.abs().toFixed(dp).split(".");
  const body = `£${groupThousands(whole)}${frac === undefined ? "" : `.${frac}`}m`;
  return m.isNegative() ? `-${body}` : body;
}

/**
 * Below this many £ a figure is shown in £k: in £m it would read £0.0Xm, hiding a spread of a few £k (the
 * Monte Carlo P-values of a small first year) or showing −£1,200 as "-£0.00m".
 */
export const SMALL_MONEY = 100_000;

/**
 * The unit a figure is shown in: "m" (£m to 2 dp) from `SMALL_MONEY` up, "k" (£k to 1 dp) below it, "zero"
 * when even £k to 1 dp rounds it to nothing (under £50, zero included). The one rule for text (`formatMoney`)
 * and for cells (the workbook's £k number format).
 *
 * @example
 * moneyScale(-54_500) // "k"
 * moneyScale(570_000) // "m"
 * moneyScale(-0.3) // "zero"
 */
export function moneyScale(amount: DecimalLike): "m" | "k" | "zero" {
  const d = toDecimal(amount).abs();
  if (d.gte(SMALL_MONEY)) return "m";
  return d.div(THOUSAND).toDecimalPlaces(1).isZero() ? "zero" : "k";
}

/**
 * The lowest £ figure that reads as reaching `planned` by the money rule (formatMoney: £m to 2 dp, £k to 1 dp
 * below £0.1m): the plan as shown, less half its unit (£5k in £m, £50 in £k). A Monte Carlo iteration within
 * the plan's rounding reads as the plan, so it has reached it: when P10 = P50 = P90 = the plan as shown, the
 * probability of reaching it is 100%, not the coin flip of a spread too narrow to show (or of float noise).
 *
 * @example
 * reachesPlanFrom(1_020_566.64) // 1_015_000 (£1.02m less £5k)
 * reachesPlanFrom(-53_612) // -53_650 (-£53.6k less £50)
 * reachesPlanFrom(0) // -50 (reads "-", as anything under £50 does)
 */
export function reachesPlanFrom(planned: DecimalLike): number {
  const unit = moneyScale(planned) === "m" ? 10_000 : 100;
  return toDecimal(planned)
    .div(unit)
    .toDecimalPlaces(0)
    .times(unit)
    .minus(unit / 2)
    .toNumber();
}

/** What "P(≥ plan)" means, under the simulation's table in the CLI and on the Risk sheet (reachesPlanFrom). */
export const PLAN_REACHED_TEXT =
  "P(≥ plan): share of iterations at or above the planned MTFS row as shown (one within its rounding, £5k in £m or £50 in £k, has reached it)";

/**
 * How a figure of `moneyScale` "zero" reads, in text and in cells alike (the workbook's £m and £k formats show
 * a zero as this too): under £50 there is nothing to show in £k to 1 dp, and no sign either.
 */
export const NIL_MONEY_TEXT = "-";

/**
 * £ in £m to 2 dp, or in £k to 1 dp below £0.1m (`moneyScale`), so small figures keep their differences; a
 * figure that rounds to nothing in £k (under £50, zero included) reads as zero does in a cell, `NIL_MONEY_TEXT`.
 *
 * @example
 * formatMoney(-54_512) // "-£54.5k"
 * formatMoney(-1_200) // "-£1.2k"
 * formatMoney(-20) // "-"
 * formatMoney(1_104_080) // "£1.10m"
 */
export function formatMoney(amount: DecimalLike): string {
  const scale = moneyScale(amount);
  if (scale === "zero") return NIL_MONEY_TEXT;
  if (scale === "m") return formatMillions(amount);
  const k = toDecimal(amount).div(THOUSAND).toDecimalPlaces(1);
  const body = `£${k.abs().toFixed(1)}k`;
  return k.isNegative() ? `-${body}` : body;
}

/**
 * A figure with an inflation contingency in brackets, as Adults proposals print a figure whose inflation is
 * held centrally; each by the money rule (`formatMoney`: £m, £k below £0.1m) in its own scale. Just the figure
 * when there is no contingency line (`contingency` undefined).
 *
 * @example
 * formatWithContingency(530_000, 130_000) // "£0.53m (£0.13m)"
 * formatWithContingency(530_000, 26_000) // "£0.53m (£26.0k)"
 * formatWithContingency(-500_000, undefined) // "-£0.50m"
 */
export function formatWithContingency(amount: DecimalLike, contingency: DecimalLike | undefined): string {
  const main = formatMoney(amount);
  return contingency === undefined ? main : `${main} (${formatMoney(contingency)})`;
}

/**
 * What a table of figures shown by the money rule (`formatMoney`) is in, for its caption: "£m", or
 * "£m, or £k below £0.1m" when any of them is in £k (each cell still carries its own unit).
 *
 * @example
 * moneyUnitsText([1_200_000, 530_000]) // "£m"
 * moneyUnitsText([1_200_000, 54_500]) // "£m, or £k below £0.1m"
 */
export function moneyUnitsText(amounts: Iterable<DecimalLike>): string {
  for (const a of amounts)
    if (moneyScale(a) === "k") return `£m, or £k below ${formatMillions(SMALL_MONEY, 1)}`;
  return "£m";
}

/**
 * £ as "£4,226k" (whole thousands), as the edge-of-care summaries print it.
 *
 * @example
 * formatThousands(4_225_920) // "£4,226k"
 * formatThousands(-10_400) // "-£10k"
 */
export function formatThousands(amount: DecimalLike): string {
  const k = noNegativeZero(toDecimal(amount).div(THOUSAND).round());
  const body = `£${groupThousands(k.abs().toFixed(0))}k`;
  return k.isNegative() ? `-${body}` : body;
}

/**
 * £ rounded to pennies, as a number (the CLI's JSON output: money in £, never £m).
 *
 * @example
 * toPounds("1234.565") // 1234.57
 */
export function toPounds(amount: DecimalLike): number {
  return noNegativeZero(toDecimal(amount).toDecimalPlaces(2)).toNumber();
}

/**
 * A fraction as a percentage text with `dp` places: 0.3654 → "37%".
 *
 * @example
 * formatPercent(0.3654) // "37%"
 * formatPercent(0.157, 1) // "15.7%"
 */
export function formatPercent(fraction: DecimalLike, dp = 0): string {
  return `${noNegativeZero(toDecimal(fraction).times(100).toDecimalPlaces(dp)).toFixed(dp)}%`;
}

/**
 * A whole number with thousands separators: 4935.6 → "4,936".
 *
 * @example
 * formatWhole(191.2) // "191"
 */
export function formatWhole(value: DecimalLike): string {
  const d = noNegativeZero(toDecimal(value).round());
  return `${d.isNegative() ? "-" : ""}${groupThousands(d.abs().toFixed(0))}`;
}

/**
 * A whole-number result of a triangulation: "68", or "106 – 138" for a range; "" for none (a table without a
 * caseload column). A count a row states as 6.5 is shown as stated (up to 2 dp).
 *
 * @example
 * formatWholeRange({ low: new Decimal(0), high: new Decimal(1) }) // "0 – 1"
 * formatWholeRange({ low: new Decimal(68), high: new Decimal(68) }) // "68"
 * formatWholeRange(undefined) // ""
 */
export function formatWholeRange(r: WholeRange | undefined): string {
  if (r === undefined) return "";
  const one = (d: Decimal): string =>
    d.isInteger() ? formatWhole(d) : noNegativeZero(d.toDecimalPlaces(2)).toString();
  return r.low.eq(r.high) ? one(r.low) : `${one(r.low)} – ${one(r.high)}`;
}

/**
 * A triangulation % as the table prints it: "26%", "15.7%", "-9% to -30%" (up to 2 dp, no trailing zeros).
 *
 * @example
 * formatPercentChange({ kind: "range", from: new Decimal(-0.09), to: new Decimal(-0.3) }) // "-9% to -30%"
 */
export function formatPercentChange(p: PercentChange): string {
  const one = (d: Decimal): string => `${noNegativeZero(d.times(100).toDecimalPlaces(2)).toString()}%`;
  return p.kind === "point" ? one(p.value) : `${one(p.from)} to ${one(p.to)}`;
}

/**
 * A forecast's slippage in words: months behind (positive) or ahead of (negative) the plan, as a size.
 *
 * @example
 * formatSlippage(new Decimal(-4.6)) // "4.6 months ahead of the plan"
 * formatSlippage(undefined) // "the plan does not reach the actual level within the horizon"
 */
export function formatSlippage(months: Decimal | undefined): string {
  if (months === undefined) return "the plan does not reach the actual level within the horizon";
  if (months.abs().lt(0.05)) return "on the plan";
  return `${months.abs().toFixed(1)} months ${months.isNeg() ? "ahead of" : "behind"} the plan`;
}

/**
 * A number of years as it is said: "1 year", "1.5 years", "0 years".
 *
 * @example
 * yearsText(new Decimal(1)) // "1 year"
 * yearsText(new Decimal(1.5)) // "1.5 years"
 */
export function yearsText(years: DecimalLike | string): string {
  const text = typeof years === "string" ? years : years.toString();
  return `${text} ${Number(text) === 1 ? "year" : "years"}`;
}

/** What the Green Book view's ratio and payback read as: "n/a (no costs)" when nothing costs (one rule for all). */
export const NO_COSTS_TEXT = "n/a (no costs)";

/**
 * Whether a payback has anything to pay back: total costs above zero. Without costs the cashflow is never in
 * deficit and the payback reads NO_COSTS_TEXT, not 0 years: the Green Book view, the Scenarios sheet and
 * `calc scenarios` all follow this one rule.
 *
 * @example
 * hasCostsToPayBack(new Decimal(0)) // false
 */
export function hasCostsToPayBack(totalCost: DecimalLike): boolean {
  return toDecimal(totalCost).gt(0);
}

/**
 * The benefit–cost ratio in words: two decimals, or "n/a (no costs)".
 *
 * @example
 * benefitCostRatioText(profileGreenBook(profile)) // "1.47"
 */
export function benefitCostRatioText(view: GreenBookView): string {
  return view.benefitCostRatio === undefined ? NO_COSTS_TEXT : view.benefitCostRatio.toFixed(2);
}

/** Decimal places of a payback in years on every surface (sheets and CLI): the reports say "payback 2.5 years". */
export const PAYBACK_DECIMALS = 1;

/**
 * A payback in years as every surface shows it, rounded to PAYBACK_DECIMALS (the sheets' PAYBACK_FORMAT rounds
 * alike); a whole number keeps its words ("1 year", "3 years"), as yearsText says them.
 *
 * @example
 * paybackYearsText(new Decimal(2.4567)) // "2.5 years"
 */
export function paybackYearsText(years: DecimalLike): string {
  return yearsText(toDecimal(years).toDecimalPlaces(PAYBACK_DECIMALS));
}

/** A payback of 0 years in words (year 0's benefits already cover its costs), on sheets and in text alike. */
export const WITHIN_YEAR_0 = "within year 0";

/**
 * The discounted payback in words: "4.7 years", "within year 0", "n/a (no costs)" when there is nothing to pay
 * back (greenBookNothingToPayBack), or not within `horizon` (the last FY shown).
 *
 * @example
 * discountedPaybackText(profileGreenBook(profile), "FY31/32") // "4.7 years"
 */
export function discountedPaybackText(view: GreenBookView, horizon = "the profile's years"): string {
  if (greenBookNothingToPayBack(view)) return NO_COSTS_TEXT;
  const pb = view.discountedPayback;
  if (pb.kind === "paysBack" && pb.years.isZero()) return WITHIN_YEAR_0;
  return pb.kind === "paysBack" ? paybackYearsText(pb.years) : `not within ${horizon}`;
}

/**
 * Whether a payback has nothing to pay back: no implementation cost and a cashflow never in deficit (a payback
 * of 0 years). A programme whose own profile dips below zero first still has a payback, costs or none.
 *
 * @example
 * nothingToPayBack({ payback: { kind: "paysBack", years: new Decimal(0), convention: "interpolated" },
 *   implementationCost: new Decimal(0) }) // true
 */
export function nothingToPayBack(r: {
  readonly payback: PaybackResult;
  readonly implementationCost: DecimalLike;
}): boolean {
  return (
    !hasCostsToPayBack(r.implementationCost) && r.payback.kind === "paysBack" && r.payback.years.isZero()
  );
}

/**
 * Whether a Green Book view has nothing to pay back: nothingToPayBack with the costs' present value as the
 * cost. A view without costs whose running NPV dips below zero first (a negative year) keeps its payback.
 *
 * @example
 * greenBookNothingToPayBack(greenBookView(years, [d(1), d(2)], [d(0), d(0)])) // true
 */
export function greenBookNothingToPayBack(view: GreenBookView): boolean {
  return nothingToPayBack({ payback: view.discountedPayback, implementationCost: view.pvCosts });
}

/**
 * A scenario's payback in words, as `calc scenarios` prints it and the Scenarios sheet shows it: NO_COSTS_TEXT
 * when there is nothing to pay back (nothingToPayBack), else paybackYearsText, or not within `horizon`.
 *
 * @example
 * scenarioPaybackText({ payback: { kind: "paysBack", years: new Decimal(3.2322), convention: "interpolated" },
 *   implementationCost: new Decimal(28.1e6) }, "FY26/27–FY29/30") // "3.2 years"
 */
export function scenarioPaybackText(
  r: { readonly payback: PaybackResult; readonly implementationCost: DecimalLike },
  horizon: string,
): string {
  if (nothingToPayBack(r)) return NO_COSTS_TEXT;
  return r.payback.kind === "paysBack" ? paybackYearsText(r.payback.years) : `not within ${horizon}`;
}
