import { Decimal, ZERO } from "./money";
import { variance } from "./variance";

/**
 * Edge-of-care performance summaries (Edge of Care Interventions Summary Report, Appendix Two): programmes
 * such as MST and FFT
 * that keep children out of care. Per programme and period (an actual year, a year to date, or the annual
 * target) the identities are:
 *
 * - successful children = children started × success rate; children per family = children ÷ families;
 * - cumulative gross savings = savings in years 1 + 2 + 3 (actual), or, for a target, successful children ×
 *   placement years (2) × average annual placement cost;
 * - post-deflator cumulative = cumulative gross × targeting deflator (MST standard only; others use 1);
 * - net = post-deflator cumulative − intervention cost;
 * - in-year successful diversions = successful children × deflator;
 * - in-year gross = year-1 savings × deflator (actual); for a target, successful children × deflator ×
 *   average annual placement cost × ½, because a start spread evenly over the year avoids on average half
 *   a year of placement in its first year (= cumulative / 4 with 2 placement years);
 * - in-year net = in-year gross − intervention cost; % of target = actual ÷ target.
 *
 * A roll-up table whose programmes carry different deflators (the "All programmes" table) cannot be
 * recomputed from one rate, so a period may state its post-deflator figures instead (`deflator.kind ===
 * "stated"`). Money is in £.
 */

/** The targeting deflator: one rate for the period, or post-deflator figures as published. */
export type TargetingDeflator =
  | { readonly kind: "rate"; readonly value: Decimal }
  | {
      readonly kind: "stated";
      readonly postDeflatorCumulative: Decimal;
      readonly inYearGross: Decimal;
      readonly inYearDiversions: Decimal;
    };

interface PeriodBase {
  /** "2018/19", "2020/21 YTD", "Annual target". */
  readonly period: string;
  readonly familiesStarted: Decimal;
  readonly childrenStarted: Decimal;
  /** Share of children who stayed out of care, 0..1. */
  readonly successRate: Decimal;
  readonly deflator: TargetingDeflator;
  /** Cost of running the programme in the period (£); absent when not yet published (FFT YTD). */
  readonly interventionCost?: Decimal;
}

/** An actual year (or year to date): savings in years 1–3 of each successful child's avoided placement. */
export interface EdgeOfCareActual extends PeriodBase {
  readonly kind: "actual";
  readonly savingsYear1: Decimal;
  readonly savingsYear2: Decimal;
  readonly savingsYear3: Decimal;
}

/** An annual target: built from an average annual placement cost and the placement years avoided. */
export interface EdgeOfCareTarget extends PeriodBase {
  readonly kind: "target";
  readonly averageAnnualPlacementCost: Decimal;
  /** Years of placement each successful child avoids (2 in every published summary). */
  readonly placementYears: Decimal;
}

export type EdgeOfCarePeriod = EdgeOfCareActual | EdgeOfCareTarget;

/** One programme's summary table: actual periods and, optionally, the annual target. */
export interface EdgeOfCareInput {
  readonly programme: string;
  readonly periods: readonly EdgeOfCareActual[];
  readonly target?: EdgeOfCareTarget;
}

/** Actual ÷ target for each measure the summaries report (fractions; absent where undefined). */
export interface PercentOfTarget {
  readonly familiesStarted?: Decimal;
  readonly childrenStarted?: Decimal;
  readonly postDeflatorCumulative?: Decimal;
  readonly inYearDiversions?: Decimal;
  readonly inYearGross?: Decimal;
  readonly inYearNet?: Decimal;
}

/** The computed figures of one period. Money in £, counts unrounded. */
export interface EdgeOfCarePeriodResult {
  readonly kind: EdgeOfCarePeriod["kind"];
  readonly period: string;
  readonly familiesStarted: Decimal;
  readonly childrenStarted: Decimal;
  readonly successRate: Decimal;
  readonly successfulChildren: Decimal;
  /** Children started per family started (FFT prints it); absent when no family started. */
  readonly childrenPerFamily?: Decimal;
  readonly cumulativeGross: Decimal;
  readonly postDeflatorCumulative: Decimal;
  readonly interventionCost?: Decimal;
  readonly net?: Decimal;
  readonly inYearDiversions: Decimal;
  readonly inYearGross: Decimal;
  readonly inYearNet?: Decimal;
  /** Present on actual periods when a target is given. */
  readonly percentOfTarget?: PercentOfTarget;
}

/** A programme's computed summary. */
export interface EdgeOfCareResult {
  readonly programme: string;
  readonly periods: readonly EdgeOfCarePeriodResult[];
  readonly target?: EdgeOfCarePeriodResult;
}

const HALF = new Decimal("0.5");

/** % of target is tracking's % of plan (variance.ts), so the summaries and the tracking path agree. */
function ratio(actual: Decimal | undefined, target: Decimal | undefined): Decimal | undefined {
  if (actual === undefined || target === undefined) return undefined;
  return variance(actual, target).percentOfPlan;
}

function perFamily(children: Decimal, families: Decimal): Decimal | undefined {
  return families.isZero() ? undefined : children.div(families);
}

function withOptional<K extends string>(key: K, value: Decimal | undefined): { [P in K]?: Decimal } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: Decimal };
}

/**
 * Computes one period (actual or target) of an edge-of-care summary.
 *
 * @example
 * const d = (x: number) => new Decimal(x);
 * edgeOfCarePeriod({ kind: "actual", period: "2018/19", familiesStarted: d(77), childrenStarted: d(77),
 *   successRate: d(0.87), deflator: { kind: "rate", value: d(0.48) }, interventionCost: d(708_000),
 *   savingsYear1: d(2_390_000), savingsYear2: d(4_402_000), savingsYear3: d(2_012_000) })
 * // cumulativeGross 8,804,000; postDeflatorCumulative 4,225,920; net 3,517,920; inYearGross 1,147,200
 */
export function edgeOfCarePeriod(p: EdgeOfCarePeriod): EdgeOfCarePeriodResult {
  const successfulChildren = p.childrenStarted.times(p.successRate);
  const cumulativeGross =
    p.kind === "actual"
      ? p.savingsYear1.plus(p.savingsYear2).plus(p.savingsYear3)
      : successfulChildren.times(p.placementYears).times(p.averageAnnualPlacementCost);
  const firstYearGross =
    p.kind === "actual" ? p.savingsYear1 : successfulChildren.times(p.averageAnnualPlacementCost).times(HALF);
  const d = p.deflator;
  const postDeflatorCumulative =
    d.kind === "rate" ? cumulativeGross.times(d.value) : d.postDeflatorCumulative;
  const inYearGross = d.kind === "rate" ? firstYearGross.times(d.value) : d.inYearGross;
  const inYearDiversions = d.kind === "rate" ? successfulChildren.times(d.value) : d.inYearDiversions;
  const cost = p.interventionCost;
  return {
    kind: p.kind,
    period: p.period,
    familiesStarted: p.familiesStarted,
    childrenStarted: p.childrenStarted,
    successRate: p.successRate,
    successfulChildren,
    ...withOptional("childrenPerFamily", perFamily(p.childrenStarted, p.familiesStarted)),
    cumulativeGross,
    postDeflatorCumulative,
    ...withOptional("interventionCost", cost),
    ...withOptional("net", cost === undefined ? undefined : postDeflatorCumulative.minus(cost)),
    inYearDiversions,
    inYearGross,
    ...withOptional("inYearNet", cost === undefined ? undefined : inYearGross.minus(cost)),
  };
}

/**
 * Each measure of an actual period as a fraction of the target.
 *
 * @example
 * percentOfTarget(ytd, target).familiesStarted // 37 / 100 = 0.37
 */
export function percentOfTarget(
  actual: EdgeOfCarePeriodResult,
  target: EdgeOfCarePeriodResult,
): PercentOfTarget {
  return {
    ...withOptional("familiesStarted", ratio(actual.familiesStarted, target.familiesStarted)),
    ...withOptional("childrenStarted", ratio(actual.childrenStarted, target.childrenStarted)),
    ...withOptional(
      "postDeflatorCumulative",
      ratio(actual.postDeflatorCumulative, target.postDeflatorCumulative),
    ),
    ...withOptional("inYearDiversions", ratio(actual.inYearDiversions, target.inYearDiversions)),
    ...withOptional("inYearGross", ratio(actual.inYearGross, target.inYearGross)),
    ...withOptional("inYearNet", ratio(actual.inYearNet, target.inYearNet)),
  };
}

/**
 * Computes a programme's whole summary table; every actual period gets its % of the target.
 *
 * @example
 * edgeOfCare(mstStandard).periods[2].percentOfTarget?.inYearDiversions // ≈ 0.49 (19 of 38)
 */
export function edgeOfCare(input: EdgeOfCareInput): EdgeOfCareResult {
  const target = input.target === undefined ? undefined : edgeOfCarePeriod(input.target);
  const periods = input.periods.map((p) => {
    const r = edgeOfCarePeriod(p);
    return target === undefined ? r : { ...r, percentOfTarget: percentOfTarget(r, target) };
  });
  return { programme: input.programme, periods, ...(target === undefined ? {} : { target }) };
}

function sumOf(
  rows: readonly EdgeOfCarePeriodResult[],
  pick: (r: EdgeOfCarePeriodResult) => Decimal,
): Decimal {
  return rows.reduce((s, r) => s.plus(pick(r)), ZERO);
}

/** Sum of an optional measure; absent if any programme lacks it (a total of partial figures would mislead). */
function sumDefined(
  rows: readonly EdgeOfCarePeriodResult[],
  pick: (r: EdgeOfCarePeriodResult) => Decimal | undefined,
): Decimal | undefined {
  const values = rows.map(pick);
  return values.some((v) => v === undefined) ? undefined : sumOf(rows, (r) => pick(r) ?? ZERO);
}

function rollupPeriod(period: string, rows: readonly EdgeOfCarePeriodResult[]): EdgeOfCarePeriodResult {
  const childrenStarted = sumOf(rows, (r) => r.childrenStarted);
  const successfulChildren = sumOf(rows, (r) => r.successfulChildren);
  const interventionCost = sumDefined(rows, (r) => r.interventionCost);
  const familiesStarted = sumOf(rows, (r) => r.familiesStarted);
  return {
    kind: rows.every((r) => r.kind === "target") ? "target" : "actual",
    period,
    familiesStarted,
    childrenStarted,
    // Children-weighted mean: total successful children over total children started.
    successRate: childrenStarted.isZero() ? ZERO : successfulChildren.div(childrenStarted),
    successfulChildren,
    ...withOptional("childrenPerFamily", perFamily(childrenStarted, familiesStarted)),
    cumulativeGross: sumOf(rows, (r) => r.cumulativeGross),
    postDeflatorCumulative: sumOf(rows, (r) => r.postDeflatorCumulative),
    ...withOptional("interventionCost", interventionCost),
    ...withOptional(
      "net",
      sumDefined(rows, (r) => r.net),
    ),
    inYearDiversions: sumOf(rows, (r) => r.inYearDiversions),
    inYearGross: sumOf(rows, (r) => r.inYearGross),
    ...withOptional(
      "inYearNet",
      sumDefined(rows, (r) => r.inYearNet),
    ),
  };
}

/**
 * The "All programmes" roll-up: for each period label present in any programme, the sum of the programmes'
 * figures, with a children-weighted success rate; targets roll up likewise. % of target is recomputed from
 * the summed figures (never averaged).
 *
 * @example
 * edgeOfCareRollup("All programmes", [edgeOfCare(mst), edgeOfCare(fft)]).periods[0].childrenStarted
 * // 77 + 62 = 139
 */
export function edgeOfCareRollup(
  programme: string,
  programmes: readonly EdgeOfCareResult[],
): EdgeOfCareResult {
  const labels: string[] = [];
  for (const p of programmes)
    for (const r of p.periods) if (!labels.includes(r.period)) labels.push(r.period);
  const targets = programmes.flatMap((p) => (p.target === undefined ? [] : [p.target]));
  const target = targets.length === 0 ? undefined : rollupPeriod(targets[0].period, targets);
  const periods = labels.map((label) => {
    const rows = programmes.flatMap((p) => p.periods.filter((r) => r.period === label));
    const r = rollupPeriod(label, rows);
    return target === undefined ? r : { ...r, percentOfTarget: percentOfTarget(r, target) };
  });
  return { programme, periods, ...(target === undefined ? {} : { target }) };
}
