import type { TRIANGULATION_ROUNDINGS } from "./choices";
import { EngineError } from "./errors";
import { Decimal, ZERO } from "./money";

/**
 * Triangulation tables: the "Operational impact" section of a benefits proposal, where several evidence
 * sources ("Best statistical neighbour", "TU review", ...) each give a % change and the table shows what
 * that would mean in avoided starts and caseload. Two published shapes exist:
 *
 * - `annualStarts` (the CFS Targeted Prevention Benefits Proposal): the % is a REDUCTION in annual care
 *   starts (26% = 26% fewer; −8% = more). Annual avoided starts = round(baselineStarts × %); caseload by
 *   the end of the MTFS = round(mtfsCaseload × (1 − realisationFactor × %)). The realisation factor
 *   (default 0.70) is inferred, not stated: the share of the steady-state caseload reduction reached by
 *   the end of the MTFS given the delivery timeline (DOMAIN.md §3).
 * - `monthlyStarts` (Family Based Placements, Efficiency Review Appendix B): the % is a signed CHANGE in the
 *   caseload (−58% = 58% fewer). Children per month = startsPerMonth × |%|; caseload in the horizon
 *   (5 years) = round(baselineCaseload × (1 + %)).
 *
 * Rounding: whole numbers by the table's rule: `round` (default; half away from zero, Excel's ROUND), `floor`
 * (toward zero, ROUNDDOWN) or `ceil` (away from zero, ROUNDUP). A % range ("−9% to −30%") gives a range of
 * results, low to high. The caseload column is optional (no `mtfsCaseload` / `baselineCaseload`: no column).
 * A row may state its avoided starts (or children per month) instead of, or beside, a %: a stated count is
 * shown as stated; without a % the row's % is the count over the baseline starts (when given), and its
 * caseload follows from that %.
 */

/** How a table turns exact results into whole numbers (TRIANGULATION_ROUNDINGS in choices.ts lists them). */
export type TriangulationRounding = (typeof TRIANGULATION_ROUNDINGS)[number];

/** A % as the table states it: one value, or a range such as "-9% to -30%". Fractions: 0.08 = 8%. */
export type PercentChange =
  | { readonly kind: "point"; readonly value: Decimal }
  | { readonly kind: "range"; readonly from: Decimal; readonly to: Decimal };

/** One evidence row of a triangulation table. */
export interface TriangulationRow {
  readonly method: string;
  /** The % the evidence gives; optional when the row states its starts. */
  readonly percentChange?: PercentChange;
  /** Starts the row states (a year, or children a month in a monthly table): one number or a range. */
  readonly avoidedStarts?: WholeRange;
  readonly explanation?: string;
}

/** Inputs for the CFS-style table (annual starts and caseload by the end of the MTFS). */
export interface AnnualStartsTriangulationInput {
  readonly kind: "annualStarts";
  /** Care starts per year in the baseline (260 for CFS); needed by rows that give a %. */
  readonly baselineStarts?: Decimal;
  /** Caseload expected in the last MTFS year without the change (734 CYP in FY29/30); none: no caseload column. */
  readonly mtfsCaseload?: Decimal;
  /** Whole numbers by this rule (default round). */
  readonly rounding?: TriangulationRounding;
  /** Heading of the starts column in the proposal's words ("Number of CYP"); default "Annual avoided starts". */
  readonly startsLabel?: string;
  /** Share of the steady-state caseload reduction realised by the end of the MTFS (default 0.70, inferred). */
  readonly realisationFactor: Decimal;
  readonly rows: readonly TriangulationRow[];
}

/** Inputs for the Family-Based-Placements-style table (children per month, caseload in N years). */
export interface MonthlyStartsTriangulationInput {
  readonly kind: "monthlyStarts";
  /** Average starts per month in the baseline (4.7 for FBP); needed by rows that give a %. */
  readonly startsPerMonth?: Decimal;
  /** Caseload the % applies to (152 residential placements in FY29/30); none: no caseload column. */
  readonly baselineCaseload?: Decimal;
  /** Whole numbers by this rule (default round); the uncertainty band still shows floor – ceil. */
  readonly rounding?: TriangulationRounding;
  /** Heading of the children-per-month column in the proposal's words; default "# CYP per month". */
  readonly startsLabel?: string;
  /** Years the caseload column looks ahead (5); a label only, the % is applied as stated. */
  readonly horizonYears: Decimal;
  /**
   * Children per month is shown as a floor–ceil range ("1 – 2") when it is under one a month or when its
   * fractional part lies within this distance of a half (rounding either way is doubtful). Default 0.2,
   * inferred from the published FBP table; 0 shows plain rounding except under one a month.
   */
  readonly uncertainBand: Decimal;
  readonly rows: readonly TriangulationRow[];
}

export type TriangulationInput = AnnualStartsTriangulationInput | MonthlyStartsTriangulationInput;

/** A whole-number result: a single value (low = high) or a range low–high. */
export interface WholeRange {
  readonly low: Decimal;
  readonly high: Decimal;
}

/** One computed row of an annual-starts table. */
export interface AnnualStartsRowResult {
  readonly kind: "annualStarts";
  readonly method: string;
  /** The stated %, or the one a stated count implies (count ÷ baseline starts); none if neither is known. */
  readonly percentChange?: PercentChange;
  /** True when the row stated its starts (shown as stated, not rounded). */
  readonly startsStated: boolean;
  /** True when the % is not stated but implied by the stated starts. */
  readonly percentImplied: boolean;
  readonly explanation?: string;
  /** Unrounded avoided starts per year (negative = more starts). */
  readonly annualAvoidedStartsExact: WholeRange;
  readonly annualAvoidedStarts: WholeRange;
  /** None when the table has no caseload column or the row no %. */
  readonly caseloadByEndOfMtfsExact?: WholeRange;
  readonly caseloadByEndOfMtfs?: WholeRange;
}

/** One computed row of a monthly-starts table. */
export interface MonthlyStartsRowResult {
  readonly kind: "monthlyStarts";
  readonly method: string;
  /** The stated %, or the one a stated count implies (−count ÷ starts per month); none if neither is known. */
  readonly percentChange?: PercentChange;
  /** True when the row stated its children per month (shown as stated). */
  readonly startsStated: boolean;
  /** True when the % is not stated but implied by the stated children per month. */
  readonly percentImplied: boolean;
  readonly explanation?: string;
  readonly childrenPerMonthExact: WholeRange;
  /** Whole children per month as published: one number or a floor–ceil range (see `uncertainBand`). */
  readonly childrenPerMonth: WholeRange;
  /** None when the table has no caseload column or the row no %. */
  readonly caseloadInHorizonExact?: WholeRange;
  readonly caseloadInHorizon?: WholeRange;
}

export type TriangulationRowResult = AnnualStartsRowResult | MonthlyStartsRowResult;

/** A computed triangulation table. */
export interface TriangulationResult {
  readonly kind: TriangulationInput["kind"];
  readonly rounding: TriangulationRounding;
  /** The starts column's heading when the table names it. */
  readonly startsLabel?: string;
  /** False when the table has no caseload column (renderers leave it out). */
  readonly hasCaseload: boolean;
  readonly rows: readonly TriangulationRowResult[];
}

/** The default realisation factor (inferred: 70% of the steady-state reduction by the end of the MTFS). */
export const DEFAULT_REALISATION_FACTOR = new Decimal("0.7");
/** The default band around a half inside which children per month is shown as a range. */
export const DEFAULT_UNCERTAIN_BAND = new Decimal("0.2");

function ends(p: PercentChange): readonly [Decimal, Decimal] {
  return p.kind === "point" ? [p.value, p.value] : [p.from, p.to];
}

function ordered(a: Decimal, b: Decimal): WholeRange {
  return a.lte(b) ? { low: a, high: b } : { low: b, high: a };
}

/**
 * One exact value as a whole number by the table's rule (floor and ceil round the size, as Excel's ROUNDDOWN
 * and ROUNDUP do, so the sheet's formulas give the same: −20.8 floors to −20).
 *
 * @example
 * wholeBy(new Decimal("20.8"), "floor").toNumber() // 20
 */
export function wholeBy(x: Decimal, rule: TriangulationRounding): Decimal {
  if (rule === "floor") return x.toDecimalPlaces(0, Decimal.ROUND_DOWN);
  if (rule === "ceil") return x.toDecimalPlaces(0, Decimal.ROUND_UP);
  return x.round();
}

function roundRange(r: WholeRange, rule: TriangulationRounding): WholeRange {
  return { low: wholeBy(r.low, rule), high: wholeBy(r.high, rule) };
}

/** The % a stated count implies over `base` (sign by `sign`); none without a base or with a zero base. */
function impliedPercent(
  count: WholeRange,
  base: Decimal | undefined,
  sign: 1 | -1,
): PercentChange | undefined {
  if (base === undefined || base.isZero()) return undefined;
  const of = (d: Decimal): Decimal => d.div(base).times(sign);
  return count.low.eq(count.high)
    ? { kind: "point", value: of(count.low) }
    : { kind: "range", from: of(count.low), to: of(count.high) };
}

/**
 * Whole children per month for one exact value: a floor–ceil range when fewer than one a month or when
 * the fraction is within `band` of a half, otherwise the value by the table's rule.
 */
function wholePerMonth(x: Decimal, band: Decimal, rule: TriangulationRounding): WholeRange {
  if (x.isZero()) return { low: ZERO, high: ZERO };
  const floor = x.floor();
  const fraction = x.minus(floor);
  if (x.lt(1) || fraction.minus("0.5").abs().lt(band)) return { low: floor, high: x.ceil() };
  return { low: wholeBy(x, rule), high: wholeBy(x, rule) };
}

/** A row with neither a % nor stated starts (the format refuses it first; typed input from code may not). */
function missingBoth(method: string): never {
  throw new EngineError("missing", "", `row "${method}" gives neither a % nor its starts`);
}

function annualRow(input: AnnualStartsTriangulationInput, row: TriangulationRow): AnnualStartsRowResult {
  const rule = input.rounding ?? "round";
  const base = input.baselineStarts;
  const stated = row.avoidedStarts;
  const percent = row.percentChange ?? (stated && impliedPercent(stated, base, 1));
  let startsExact: WholeRange;
  if (stated !== undefined) startsExact = stated;
  else if (percent !== undefined && base !== undefined) {
    const [a, b] = ends(percent);
    startsExact = ordered(base.times(a), base.times(b));
  } else return missingBoth(row.method);
  const mtfsCaseload = input.mtfsCaseload;
  const caseloadExact =
    percent === undefined || mtfsCaseload === undefined
      ? undefined
      : (() => {
          const [a, b] = ends(percent);
          const at = (p: Decimal): Decimal =>
            mtfsCaseload.times(new Decimal(1).minus(input.realisationFactor.times(p)));
          return ordered(at(a), at(b));
        })();
  return {
    kind: "annualStarts",
    method: row.method,
    ...(percent === undefined ? {} : { percentChange: percent }),
    startsStated: stated !== undefined,
    percentImplied: row.percentChange === undefined && percent !== undefined,
    ...(row.explanation === undefined ? {} : { explanation: row.explanation }),
    annualAvoidedStartsExact: startsExact,
    annualAvoidedStarts: stated ?? roundRange(startsExact, rule),
    ...(caseloadExact === undefined
      ? {}
      : { caseloadByEndOfMtfsExact: caseloadExact, caseloadByEndOfMtfs: roundRange(caseloadExact, rule) }),
  };
}

function monthlyRow(input: MonthlyStartsTriangulationInput, row: TriangulationRow): MonthlyStartsRowResult {
  const rule = input.rounding ?? "round";
  const perMonthBase = input.startsPerMonth;
  const stated = row.avoidedStarts;
  const percent = row.percentChange ?? (stated && impliedPercent(stated, perMonthBase, -1));
  let perMonthExact: WholeRange;
  if (stated !== undefined) perMonthExact = stated;
  else if (percent !== undefined && perMonthBase !== undefined) {
    const [a, b] = ends(percent);
    perMonthExact = ordered(perMonthBase.times(a.abs()), perMonthBase.times(b.abs()));
  } else return missingBoth(row.method);
  const baselineCaseload = input.baselineCaseload;
  const caseloadExact =
    percent === undefined || baselineCaseload === undefined
      ? undefined
      : (() => {
          const [a, b] = ends(percent);
          const at = (p: Decimal): Decimal => baselineCaseload.times(new Decimal(1).plus(p));
          return ordered(at(a), at(b));
        })();
  // A stated range of % is shown end to end (each end by the rule); a single % uses the uncertainty rule.
  const childrenPerMonth =
    stated ??
    (percent?.kind === "range"
      ? roundRange(perMonthExact, rule)
      : wholePerMonth(perMonthExact.low, input.uncertainBand, rule));
  return {
    kind: "monthlyStarts",
    method: row.method,
    ...(percent === undefined ? {} : { percentChange: percent }),
    startsStated: stated !== undefined,
    percentImplied: row.percentChange === undefined && percent !== undefined,
    ...(row.explanation === undefined ? {} : { explanation: row.explanation }),
    childrenPerMonthExact: perMonthExact,
    childrenPerMonth,
    ...(caseloadExact === undefined
      ? {}
      : { caseloadInHorizonExact: caseloadExact, caseloadInHorizon: roundRange(caseloadExact, rule) }),
  };
}

/**
 * Computes every row of a triangulation table.
 *
 * @example
 * const t = triangulate({
 *   kind: "annualStarts", baselineStarts: new Decimal(260), mtfsCaseload: new Decimal(734),
 *   realisationFactor: new Decimal(0.7),
 *   rows: [{ method: "Best statistical neighbour", percentChange: { kind: "point", value: new Decimal(0.26) } }],
 * });
 * t.rows[0].kind === "annualStarts" && t.rows[0].annualAvoidedStarts.low.toNumber() // 68
 * // and caseloadByEndOfMtfs.low = 600
 */
export function triangulate(input: TriangulationInput): TriangulationResult {
  const rounding = input.rounding ?? "round";
  const label = input.startsLabel === undefined ? {} : { startsLabel: input.startsLabel };
  if (input.kind === "annualStarts") {
    return {
      kind: input.kind,
      rounding,
      ...label,
      hasCaseload: input.mtfsCaseload !== undefined,
      rows: input.rows.map((r) => annualRow(input, r)),
    };
  }
  return {
    kind: input.kind,
    rounding,
    ...label,
    hasCaseload: input.baselineCaseload !== undefined,
    rows: input.rows.map((r) => monthlyRow(input, r)),
  };
}
