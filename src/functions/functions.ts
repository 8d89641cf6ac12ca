/**
 * The MTFS formula library. Each function's JSDoc is its Excel metadata: custom-functions-metadata-plugin
 * turns it into functions.json at build time (the description and @param texts are the help Excel shows in
 * autocomplete), and docs/functions.md is generated from the same text. Bodies are thin: read the cells,
 * call the engine, shape the result; `scalar`/`grid` turn any error into an Excel error value.
 * Excel passes null for an omitted optional argument; each reader applies the documented default.
 */
import { fyLabel, inflate } from "../engine";
import { careAvoidedCells } from "./careAvoidedCells";
import { cellFy, cellNumber, cellYearRate } from "./cells";
import { demandCells } from "./demandCells";
import { edgeOfCareCells } from "./edgeOfCareCells";
import { grid, scalar } from "./invoke";
import { bcrCells, discountedPaybackCells, npvCells } from "./greenBookCells";
import { paybackCells } from "./paybackCells";
import { benefitProfileCells, quantifiedCells, runRateCells } from "./profileCells";
import { riskAdjustCells } from "./riskAdjustCells";
import { sensitivityCells, simulateCells } from "./riskCells";
import { TRIANGULATE_ARGUMENTS, triangulateCells } from "./triangulateCells";
import { forecastCells, profileMonthlyCells, ragCells, varianceCells } from "./trackingCells";

/**
 * Fiscal year label (1 April to 31 March) of a date.
 * @customfunction FYLABEL
 * @param date A date (a date cell, DATE(...) or text "YYYY-MM-DD"), or a fiscal start year such as 2026.
 * @returns The fiscal year label, e.g. "FY26/27".
 * @example =MTFS.FYLABEL(DATE(2026,8,1)) → "FY26/27"
 * @example =MTFS.FYLABEL("2027-04-01") → "FY27/28"
 */
export function fiscalYear(date: number | string): string | CustomFunctions.Error {
  return scalar(() => fyLabel(cellFy(date, "date")));
}

/**
 * A price moved from one fiscal year's prices to another's, with inflation stepped each 1 April.
 * @customfunction INFLATE
 * @param amount The price or cost in fromFy prices (£).
 * @param fromFy The fiscal year the amount is priced in: "FY26/27", 2026, or a date in that year.
 * @param toFy The fiscal year to move the price to (earlier years deflate).
 * @param inflationPerYear Inflation per year as a fraction or percentage (0.04 or 4%; above -100%, at most 100%: a bare 4 is refused, not read as 400%).
 * @returns amount × (1 + inflationPerYear) ^ (toFy − fromFy), in £.
 * @example =MTFS.INFLATE(1000, "FY26/27", "FY28/29", 4%) → 1081.6
 * @example =MTFS.INFLATE(1338, 2026, 2031, 0.04) → 1627.8816
 */
export function inflatePrice(
  amount: number,
  fromFy: number | string,
  toFy: number | string,
  inflationPerYear: number | string,
): number | CustomFunctions.Error {
  return scalar(() =>
    inflate(
      cellNumber(amount, "amount"),
      cellFy(fromFy, "fromFy"),
      cellFy(toFy, "toFy"),
      cellYearRate(inflationPerYear, "inflationPerYear"),
    ).toNumber(),
  );
}

/**
 * Triangulation: annual avoided care starts and the caseload by the end of the MTFS for a % reduction in starts (or, for a monthly table, children per month and the caseload in the horizon).
 * @customfunction TRIANGULATE
 * @param percentChange A % change (26% or 0.26; a range as text "-9% to -30%"), or a column of them (blank or 0 cells give blank rows): a reduction in starts for an annual table (-1000% to 100%), a signed change in the caseload for a monthly one (-100% to 1000%).
 * @param baselineStarts Care starts in the baseline: a year (e.g. 260) for an annual table, a month (e.g. 4.7) for a monthly one.
 * @param mtfsCaseload Caseload the change applies to: in the last MTFS year without the change (e.g. 734 children).
 * @param [realisationFactor] Annual tables: share of the steady-state caseload reduction realised by the end of the MTFS (default 0.7).
 * @param [kind] "annual" (default: avoided starts a year and caseload by the end of the MTFS) or "monthly" (children per month and caseload in 5 years).
 * @returns One row per % change, two whole numbers (or "low – high" ranges): starts avoided (a year, or children a month) and the caseload.
 * @example =MTFS.TRIANGULATE(26%, 260, 734) → 68 | 600
 * @example =MTFS.TRIANGULATE("-9% to -30%", 260, 734) → "-78 – -23" | "780 – 888"
 * @example =MTFS.TRIANGULATE(-48%, 4.7, 152, , "monthly") → 2 | 79
 */
export function triangulation(
  percentChange: unknown[][],
  baselineStarts: number,
  mtfsCaseload: number,
  realisationFactor?: number,
  kind?: string,
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(
    () => triangulateCells(percentChange, baselineStarts, mtfsCaseload, realisationFactor, kind),
    TRIANGULATE_ARGUMENTS,
  );
}

/**
 * Edge-of-care programme summary: cumulative gross and post-deflator savings, net of the intervention cost, and in-year diversions.
 * @customfunction EDGE.OF.CARE
 * @param children Children starting the programme in the year.
 * @param successRate Share of children kept out of care (0.87 or 87%).
 * @param averageAnnualPlacementCost Average cost of a care placement per year (£).
 * @param [placementYears] Years of placement each successful child avoids (default 2; over 0, at most 50).
 * @param [deflator] Targeting deflator: share of successes that would otherwise have entered care (default 1 = 100%).
 * @param [interventionCost] Cost of running the programme for the year (£, default 0).
 * @param [labels] TRUE (default) puts a header row of labels above the figures; FALSE returns the figures only.
 * @returns Cumulative gross (£), post-deflator cumulative (£), net (£), in-year diversions (children).
 * @example =MTFS.EDGE.OF.CARE(100, 85%, 38406, 2, 45%, 724000, FALSE) → 6529020 | 2938059 | 2214059 | 38.25
 * @example =MTFS.EDGE.OF.CARE(100, 85%, 38406, , 45%, 724000) → (table: labels above the figures)
 */
export function edgeOfCareSummary(
  children: number,
  successRate: number | string,
  averageAnnualPlacementCost: number,
  placementYears?: number,
  deflator?: number | string,
  interventionCost?: number,
  labels?: boolean,
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(() =>
    edgeOfCareCells(
      children,
      successRate,
      averageAnnualPlacementCost,
      placementYears,
      deflator,
      interventionCost,
      labels,
    ),
  );
}

/**
 * Payback in years: when the cumulative cashflow (implementation costs less benefits, year by year) reaches zero for good (after its last year in deficit).
 * @customfunction PAYBACK
 * @param costs Implementation costs per year (a row or column, £ or £m), first year first.
 * @param benefits Financial benefits per year as positive amounts, in the same unit and years as costs.
 * @param [convention] "interpolated" (default: benefits accrue evenly within the year) or "wholeYears".
 * @returns Years from the start of the first year; #N/A if the cashflow never reaches zero.
 * @example =MTFS.PAYBACK({10.4,13.6,3.6,0.5}, {0.4,4.2,16.8,27.2}) → 3.2322
 * @example =MTFS.PAYBACK({10.4,13.6,3.6,0.5}, {0.4,4.2,16.8,27.2}, "wholeYears") → 4
 */
export function paybackYears(
  costs: unknown[][],
  benefits: unknown[][],
  convention?: string,
): number | CustomFunctions.Error {
  return scalar(() => paybackCells(costs, benefits, convention));
}

/**
 * Green Book net present value: discounted benefits less discounted costs, year 0 being the first year (discount factor 1).
 * @customfunction NPV
 * @param benefits Benefits per year as positive amounts (a row or column, £ or £m), first year first.
 * @param costs Costs per year as positive amounts, in the same unit and years as benefits.
 * @param [rate] "standard" (default: the Green Book STPR, 3.5% for years 0–30, then declining), "health" (1.5% for years 0–30) or one rate for every year (3.5% or 0.035).
 * @param [deflators] To put cash figures in the first year's prices: a deflator index per year (e.g. HM Treasury GDP deflators), or one rate a year (2%). Default none: the figures are already real.
 * @returns PV(benefits) − PV(costs), in the unit of the inputs. Unlike Excel's NPV, the first year is not discounted.
 * @example =MTFS.NPV({0.4,4.2,16.8,27.2}, {10.4,13.6,3.6,0.5}) → 17.3221
 * @example =MTFS.NPV({0,110}, {50,0}, 10%) → 50
 * @example =MTFS.NPV({0.4,4.2,16.8,27.2}, {10.4,13.6,3.6,0.5}, , 2%) → 15.6327
 */
export function netPresentValue(
  benefits: unknown[][],
  costs: unknown[][],
  rate?: number | string,
  deflators?: unknown[][],
): number | CustomFunctions.Error {
  return scalar(() => npvCells(benefits, costs, rate, deflators));
}

/**
 * Green Book benefit–cost ratio: present value of benefits divided by present value of costs.
 * @customfunction BCR
 * @param benefits Benefits per year as positive amounts (a row or column), first year first.
 * @param costs Costs per year as positive amounts, in the same unit and years as benefits (their present value must be above 0).
 * @param [rate] "standard" (default: the Green Book STPR), "health", or one rate for every year (3.5%).
 * @param [deflators] A deflator index per year, or one rate a year, to put cash figures in the first year's prices (default none).
 * @returns PV(benefits) ÷ PV(costs); above 1 when the NPV is positive.
 * @example =MTFS.BCR({0.4,4.2,16.8,27.2}, {10.4,13.6,3.6,0.5}) → 1.6333
 * @example =MTFS.BCR({0,110}, {50,0}, 10%) → 2
 */
export function benefitCostRatioOf(
  benefits: unknown[][],
  costs: unknown[][],
  rate?: number | string,
  deflators?: unknown[][],
): number | CustomFunctions.Error {
  return scalar(() => bcrCells(benefits, costs, rate, deflators));
}

/**
 * Discounted payback in years: when the cumulative discounted cashflow (costs less benefits, year by year) reaches zero for good (after its last year in deficit).
 * @customfunction DISCOUNTED.PAYBACK
 * @param benefits Benefits per year as positive amounts (a row or column), first year first.
 * @param costs Costs per year as positive amounts, in the same unit and years as benefits.
 * @param [rate] "standard" (default: the Green Book STPR), "health", or one rate for every year (3.5%).
 * @param [deflators] A deflator index per year, or one rate a year, to put cash figures in the first year's prices (default none).
 * @param [convention] "interpolated" (default: each year's discounted flows accrue evenly within it) or "wholeYears".
 * @returns Years from the start of the first year; #N/A if the discounted cashflow never reaches zero.
 * @example =MTFS.DISCOUNTED.PAYBACK({0.4,4.2,16.8,27.2}, {10.4,13.6,3.6,0.5}) → 3.2807
 * @example =MTFS.DISCOUNTED.PAYBACK({0,110}, {50,0}, 10%) → 1.5
 */
export function discountedPaybackYears(
  benefits: unknown[][],
  costs: unknown[][],
  rate?: number | string,
  deflators?: unknown[][],
  convention?: string,
): number | CustomFunctions.Error {
  return scalar(() => discountedPaybackCells(benefits, costs, rate, deflators, convention));
}

/**
 * Risk-adjusted amounts: each saving less the optimism bias for a confidence level or data-confidence grade (net costs are kept).
 * @customfunction RISK.ADJUST
 * @param amounts Savings per year (a row, column or block, £ or £m); negative amounts (net costs) are left as they are.
 * @param confidence "High", "Medium" or "Low", or a data-confidence grade from 1 (best evidence) to 6.
 * @param [table] Your own optimism-bias table: rows of a confidence and the share taken off (e.g. "Low" | 40%). Default: High 10%, Medium 25%, Low 40%; grades 1–6: 0%, 5%, 10%, 20%, 30%, 40% (the council's assumption, to edit).
 * @returns The amounts in the same shape, each saving × (1 − the share taken off).
 * @example =MTFS.RISK.ADJUST({-0.5,1.2,2.4}, "Low") → -0.5 | 0.72 | 1.44
 * @example =MTFS.RISK.ADJUST({1.2,2.4}, "Low", {"Low",0.5}) → 0.6 | 1.2
 * @example =MTFS.RISK.ADJUST({1.2,2.4}, 2) → 1.14 | 2.28
 */
export function riskAdjusted(
  amounts: unknown[][],
  confidence: number | string,
  table?: unknown[][],
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(() => riskAdjustCells(amounts, confidence, table));
}

/**
 * Sensitivity (a tornado): the quantified opportunity (net benefit in the last MTFS year) with each input alone at its low and high, the others at base, largest swing first.
 * @customfunction SENSITIVITY
 * @param assumptions A label/value range of assumptions, as MTFS.BENEFIT.PROFILE reads it (e.g. B10:C24).
 * @param [low] Change at the low end, as a share of each input (default -10%; -1000% to 1000%: -150% or -1.5 is -150%).
 * @param [high] Change at the high end, as a share of each input (default 10%; -1000% to 1000%: 150% or 1.5 is 150%).
 * @returns A header row, then one row per input, an input that changes nothing included (swing 0): its label, its low and high values, the quantified opportunity at each (£), the swing (£) and a note when the model refused an end (that end then shows the base figure) or when the input moves only the MTFS row (swing 0).
 * @example =MTFS.SENSITIVITY(B10:C24) → (table: CFS Targeted Prevention, weekly unit cost first)
 * @example =MTFS.SENSITIVITY(B10:C24, -20%, 20%) → (table: the same inputs at ±20%)
 */
export function sensitivity(
  assumptions: unknown[][],
  low?: number | string,
  high?: number | string,
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(() => sensitivityCells(assumptions, low, high));
}

/**
 * Monte Carlo of the MTFS row: the target, weekly unit cost and lead time drawn from a spread set by the confidence level; P10, P50 and P90 per fiscal year and the probability of reaching the planned figure.
 * @customfunction SIMULATE
 * @param assumptions A label/value range of assumptions, as MTFS.BENEFIT.PROFILE reads it (e.g. B10:C24).
 * @param [iterations] Number of draws, 1 to 20,000 in a worksheet cell (default 1,000); the CLI's simulate runs up to 100,000.
 * @param [seed] A whole number (default 1): the same seed gives the same results in Excel and the CLI.
 * @param [confidence] "High" (±10%), "Medium" (±25%, default) or "Low" (±40%): the triangular spread of each drawn input.
 * @returns A header row, then one row per fiscal year: planned, P10, P50 and P90 (£), and the share of draws at or above the plan as shown (one within its rounding, £5k in £m or £50 in £k, has reached it).
 * @example =MTFS.SIMULATE(B10:C24, 10000, 42, "Low") → (table: CFS Targeted Prevention, P10/P50/P90 per FY)
 */
export function simulation(
  assumptions: unknown[][],
  iterations?: number,
  seed?: number,
  confidence?: string,
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(() => simulateCells(assumptions, iterations, seed, confidence));
}

/**
 * Benefits profile per fiscal year from the proposal's assumptions: in-year spend reduction and cumulative benefit (£), spilled under a header row of FY labels.
 * @customfunction BENEFIT.PROFILE
 * @param assumptions A label/value range of assumptions (e.g. B10:C24; several saving streams under "Stream 1 — Falls (cohort)" rows are summed), or the baseline volume of events per year (e.g. 260 care starts).
 * @param [rows] Extra rows to show: any of "gross", "costs", "overlap", "caseload", "avoided", "contingency" (inflation held centrally), "mtfs" (the MTFS row: cumulative + contingency), or "all" (default: in-year and cumulative only).
 * @param [orientation] "rows" (default: fiscal years across, as the proposal template) or "columns" (fiscal years down).
 * @param [target] Target: % of the baseline avoided per year (8% or 0.08), or a count when targetKind says so.
 * @param [weeklyCost] Baseline unit cost per case per week (£, in the price base year).
 * @param [durationWeeks] Weeks each avoided event removes one case for (e.g. 153.1).
 * @param [startDate] Project start date: a date cell, DATE(...) or "YYYY-MM-DD".
 * @param [pilotMonths] Pilot phase length in months (default 0).
 * @param [rolloutMonths] Rollout length in months (default 0).
 * @param [leadMonths] Lead time in months between intervention and avoided event (default 0).
 * @param [inflationPerYear] Unit cost inflation per year, stepped each 1 April (default 0).
 * @param [growthPerYear] Growth in the baseline volume per year (default 0).
 * @param [alternativeWeeklyCost] Weekly cost of the alternative the case moves to (£, default 0).
 * @param [overlapWeeklyCost] Weekly overlap with another opportunity, netted off the unit cost (£, default 0).
 * @param [investmentPerYear] Ongoing investment per year (£, default none).
 * @param [investmentFromDate] Date the ongoing investment starts (default: the start date).
 * @param [mtfsOverlapPerYear] Overlap with existing MTFS lines per year (£), capped at the gross saving (default none).
 * @param [targetKind] "percent" (default: target is a % of the baseline), "countPerYear" (target is a number of events avoided a year, e.g. 6) or "caseloadReduction".
 * @param [ramp] How impact builds up: "linear" (default), "monthly-steps" or "immediate".
 * @returns A header row of FY labels, then labelled rows of £ per fiscal year.
 * @example =MTFS.BENEFIT.PROFILE(B10:C24) → (table: the CFS Targeted Prevention profile)
 * @example =MTFS.BENEFIT.PROFILE(B10:C24, "gross, costs, overlap", "columns") → (table: more rows, fiscal years down)
 * @example =MTFS.BENEFIT.PROFILE(260, , , 8%, 1487, 153.1, DATE(2026,8,1), 4, 6, 8.5, 4%, , , 149, 1500000, DATE(2026,12,1), 390000, , "monthly-steps") → (table: the same profile from arguments)
 */
export function benefitProfile(
  assumptions: unknown[][],
  rows?: string,
  orientation?: string,
  target?: number | string,
  weeklyCost?: number,
  durationWeeks?: number,
  startDate?: number | string,
  pilotMonths?: number,
  rolloutMonths?: number,
  leadMonths?: number,
  inflationPerYear?: number | string,
  growthPerYear?: number | string,
  alternativeWeeklyCost?: number,
  overlapWeeklyCost?: number,
  investmentPerYear?: number,
  investmentFromDate?: number | string,
  mtfsOverlapPerYear?: number,
  targetKind?: string,
  ramp?: string,
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(() =>
    benefitProfileCells(assumptions, rows, orientation, {
      target,
      weeklyCost,
      durationWeeks,
      startDate,
      pilotMonths,
      rolloutMonths,
      leadMonths,
      inflationPerYear,
      growthPerYear,
      alternativeWeeklyCost,
      overlapWeeklyCost,
      investmentPerYear,
      investmentFromDate,
      mtfsOverlapPerYear,
      targetKind,
      ramp,
    }),
  );
}

/**
 * Full run rate: the steady-state annual net benefit of a proposal, or the fiscal year it is reached, or the years to reach it.
 * @customfunction RUNRATE
 * @param assumptions A label/value range of assumptions, as for MTFS.BENEFIT.PROFILE.
 * @param [result] "value" (default: £ per year), "fy" (the FY label it is first reached) or "years" (years from the start date).
 * @returns The full run rate in £ per year, its FY label, or years to reach it.
 * @example =MTFS.RUNRATE(B10:C24) → (about £3.29m; the proposal publishes £3.30m in FY31/32)
 * @example =MTFS.RUNRATE(B10:C24, "fy") → "FY31/32"
 * @example =MTFS.RUNRATE(B10:C24, "years") → (years from the start date to the start of FY31/32)
 */
export function runRate(assumptions: unknown[][], result?: string): number | string | CustomFunctions.Error {
  return scalar(() => runRateCells(assumptions, result));
}

/**
 * Quantified opportunity over the MTFS: the cumulative net benefit in the last MTFS year (FY29/30 by default).
 * @customfunction QUANTIFIED
 * @param assumptions A label/value range of assumptions, as for MTFS.BENEFIT.PROFILE.
 * @returns The cumulative benefit in the last MTFS year, in £.
 * @example =MTFS.QUANTIFIED(B10:C24) → (about £1.10m; the proposal publishes £1.12m)
 */
export function quantified(assumptions: unknown[][]): number | CustomFunctions.Error {
  return scalar(() => quantifiedCells(assumptions));
}

/**
 * Placement cost avoided by a number of avoided care episodes, per fiscal year or in total.
 * @customfunction CARE.AVOIDED
 * @param count Number of care episodes avoided (0 to 1,000,000).
 * @param weeklyCost Weekly cost of the care avoided (£, in priceBaseFy prices; never negative).
 * @param weeksEach Weeks of care each avoided episode would have lasted (e.g. 153.1).
 * @param from When the episodes would have started: a date (a date cell, DATE(...) or "YYYY-MM-DD"), or a fiscal year ("FY26/27" or 2026), which starts on its 1 April; with no to, the episodes are spread evenly over that fiscal year.
 * @param [to] The last start when the episodes are spread evenly from from: a date, or a fiscal year ("FY28/29" or 2028) to spread them to its 31 March (default: all start on the from date, or over the from fiscal year).
 * @param [inflationPerYear] Inflation of the weekly cost per year, stepped each 1 April (default 0; at most 100%: 5 is refused, type 5%).
 * @param [priceBaseFy] Fiscal year whose prices weeklyCost is in (default: the fiscal year of from).
 * @param [result] "byFy" (default: a header row of FY labels over £ per FY) or "total" (£ over all years).
 * @returns £ avoided per fiscal year under FY labels, or the total.
 * @example =MTFS.CARE.AVOIDED(10, 1338, 52, "2026-04-01", , , , "total") → 695760
 * @example =MTFS.CARE.AVOIDED(10, 1338, 52, DATE(2026,10,1)) → (table: the cost split across FY26/27 and FY27/28)
 * @example =MTFS.CARE.AVOIDED(21, 1338, 153.1, "FY26/27", , 4%) → (table: 21 episodes spread over FY26/27)
 */
export function careCostAvoided(
  count: number,
  weeklyCost: number,
  weeksEach: number,
  from: number | string,
  to?: number | string,
  inflationPerYear?: number | string,
  priceBaseFy?: number | string,
  result?: string,
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(() =>
    careAvoidedCells(count, weeklyCost, weeksEach, from, to, inflationPerYear, priceBaseFy, result),
  );
}

/**
 * Demand model (children in care): stock, entries and exits per year, do-nothing and with-impact spend against the budget, overspend and benefit, spilled under a header row of FY labels; or one headline figure.
 * @customfunction DEMAND
 * @param model A label/value range of the demand model: Base year, End year, Stock, Entries, Entries growth, Exit rate (or Mean stay, or Exits), Unit cost (or Spend), Unit cost inflation, Budget, Budget growth, Entries change, Exit rate change, Exit lag, "Phasing 2028/29" rows (share of the levers from that year), "Entries 2027/28" and "Exit rate 2027/28" rows (stated values for a year), Population and Target population; labels may also be the JSON keys of schema/demand.schema.json.
 * @param [result] "table" (default), or one figure: "breakEvenYear", "overspendToBreakEven", "cumulativeOverspend", "cumulativeOverspendDoNothing", "cumulativeBenefit", "cashable" or "costAvoidance".
 * @param [orientation] "rows" (default: fiscal years across) or "columns" (fiscal years down).
 * @param [leverScale] Scales both levers, e.g. 0.5 for the half-impact scenario (default 1).
 * @returns A header row of FY labels, then labelled rows (£ a year; children for stock, entries and exits), or the one figure asked for.
 * @example =MTFS.DEMAND(E10:F27) → (table: the national children-in-care projection, FY24/25 to FY35/36)
 * @example =MTFS.DEMAND(E10:F27, "breakEvenYear") → "FY33/34"
 * @example =MTFS.DEMAND(E10:F27, "cumulativeBenefit", , 0.5) → (the half-impact benefit, about £2.4bn)
 */
export function demand(
  model: unknown[][],
  result?: string,
  orientation?: string,
  leverScale?: number | string,
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(() => demandCells(model, result, orientation, leverScale));
}

/**
 * Benefits profile by calendar month or fiscal quarter (the profile to date that actuals are tracked against): gross saving, costs, MTFS overlap, net benefit, avoided events and caseload reduction per period; the periods of a fiscal year add up to its figures.
 * @customfunction PROFILE.MONTHLY
 * @param assumptions A label/value range of assumptions, as for MTFS.BENEFIT.PROFILE.
 * @param [period] "month" (default: calendar months "2026-04", …) or "quarter" (fiscal quarters: "2026-Q1" is April to June 2026).
 * @returns A header row, then one row per period of the horizon: the period, £ gross, costs, overlap and net, avoided events, caseload reduction.
 * @example =MTFS.PROFILE.MONTHLY(B10:C24) → (table: 72 months, April 2026 to March 2032)
 * @example =MTFS.PROFILE.MONTHLY(B10:C24, "quarter") → (table: 24 fiscal quarters)
 */
export function profileMonthly(
  assumptions: unknown[][],
  period?: string,
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(() => profileMonthlyCells(assumptions, period));
}

/**
 * Variance to date: actual − plan (a shortfall is negative) and actual as a share of plan, for a KPI or £; a range is summed (the figure to date).
 * @customfunction VARIANCE
 * @param actual The actual to date: a number, or a range of periods' actuals (summed).
 * @param plan The plan to date over the same periods: a number or a range (summed).
 * @returns One row: the variance (actual − plan) and the share of plan (blank when the plan to date is 0).
 * @example =MTFS.VARIANCE(80, 100) → -20 | 0.8
 * @example =MTFS.VARIANCE({10,12,9}, {10,10,10}) → 1 | 1.0333
 */
export function varianceToDate(
  actual: unknown[][],
  plan: unknown[][],
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(() => varianceCells(actual, plan));
}

/**
 * RAG status of delivery to date: "Green", "Amber" or "Red" from actual ÷ plan. The product's default, for the council to edit: Green at 95% of plan or more, Amber at 80% or more, Red below; with no plan to date, Green unless the actual is negative.
 * @customfunction RAG
 * @param actual The actual to date: a number, or a range (summed).
 * @param plan The plan to date over the same periods: a number or a range (summed).
 * @param [green] Share of plan at or above which the status is Green (default 95%; 0% to 1000%: 105% or 1.05 for ahead of plan).
 * @param [amber] Share of plan at or above which the status is Amber (default 80%; from 0%, not above green).
 * @returns "Green", "Amber" or "Red".
 * @example =MTFS.RAG(96, 100) → "Green"
 * @example =MTFS.RAG(85, 100) → "Amber"
 * @example =MTFS.RAG(85, 100, 90%, 86%) → "Red"
 * @example =MTFS.RAG(106, 100, 105%) → "Green"
 */
export function ragStatusOf(
  actual: unknown[][],
  plan: unknown[][],
  green?: number | string,
  amber?: number | string,
): string | CustomFunctions.Error {
  return scalar(() => ragCells(actual, plan, green, amber));
}

/**
 * Forecast outturn per fiscal year: the model re-run with the actual avoided events to date and the plan after that, beside the plan, with the slippage (months by which delivery runs behind the plan).
 * @customfunction FORECAST
 * @param assumptions A label/value range of assumptions, as for MTFS.BENEFIT.PROFILE.
 * @param actualsRange Two columns: the period ("2027-07", "2027-Q2" or a date in the month) and the avoided events actually recorded in it; no gaps between periods.
 * @returns A header row of FY labels, then the plan's and the forecast's cumulative benefit, the forecast MTFS row (£), and the slippage in months; then a Note row when the actual events are more than 2× the plan from fewer than 3 periods (the forecast extrapolates from very little).
 * @example =MTFS.FORECAST(B10:C24, {"2027-10",0;"2027-11",0;"2027-12",0}) → (table: no avoided events in a quarter that planned 2.19; 3.02 months behind)
 */
export function forecastOutturn(
  assumptions: unknown[][],
  actualsRange: unknown[][],
): Array<Array<number | string | CustomFunctions.Error>> {
  return grid(() => forecastCells(assumptions, actualsRange));
}
