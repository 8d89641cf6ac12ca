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
 * Rounding: whole numbers, half away from zero (Excel's ROUND). A % range ("−9% to −30%") gives a range
 * of results, low to high.
 */

/** A % as the table states it: one value, or a range such as "-9% to -30%". Fractions: 0.08 = 8%. */
export type PercentChange =
  | { readonly kind: "point"; readonly value: Decimal }
  | { readonly kind: "range"; readonly from: Decimal; readonly to: Decimal };

/** One evidence row of a triangulation table. */
export interface TriangulationRow {
  readonly method: string;
  readonly percentChange: PercentChange;
  readonly explanation?: string;
}

/** Inputs for the CFS-style table (annual starts and caseload by the end of the MTFS). */
export interface AnnualStartsTriangulationInput {
  readonly kind: "annualStarts";
  /** Care starts per year in the baseline (260 for CFS). */
  readonly baselineStarts: Decimal;
  /** Caseload expected in the last MTFS year without the change (734 CYP in FY29/30). */
  readonly mtfsCaseload: Decimal;
  /** Share of the steady-state caseload reduction realised by the end of the MTFS (default 0.70, inferred). */
  readonly realisationFactor: Decimal;
  readonly rows: readonly TriangulationRow[];
}

/** Inputs for the Family-Based-Placements-style table (children per month, caseload in N years). */
export interface MonthlyStartsTriangulationInput {
  readonly kind: "monthlyStarts";
  /** Average starts per month in the baseline (4.7 for FBP). */
  readonly startsPerMonth: Decimal;
  /** Caseload the % applies to (152 residential placements in FY29/30). */
  readonly baselineCaseload: Decimal;
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
  readonly percentChange: PercentChange;
  readonly explanation?: string;
  /** Unrounded avoided starts per year (negative = more starts). */
  readonly annualAvoidedStartsExact: WholeRange;
  readonly annualAvoidedStarts: WholeRange;
  readonly caseloadByEndOfMtfsExact: WholeRange;
  readonly caseloadByEndOfMtfs: WholeRange;
}

/** One computed row of a monthly-starts table. */
export interface MonthlyStartsRowResult {
  readonly kind: "monthlyStarts";
  readonly method: string;
  readonly percentChange: PercentChange;
  readonly explanation?: string;
  readonly childrenPerMonthExact: WholeRange;
  /** Whole children per month as published: one number or a floor–ceil range (see `uncertainBand`). */
  readonly childrenPerMonth: WholeRange;
  readonly caseloadInHorizonExact: WholeRange;
  readonly caseloadInHorizon: WholeRange;
}

export type TriangulationRowResult = AnnualStartsRowResult | MonthlyStartsRowResult;

/** A computed triangulation table. */
export interface TriangulationResult {
  readonly kind: TriangulationInput["kind"];
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

function roundRange(r: WholeRange): WholeRange {
  return { low: r.low.round(), high: r.high.round() };
}

/**
 * Whole children per month for one exact value: a floor–ceil range when fewer than one a month or when
 * the fraction is within `band` of a half, otherwise the rounded value.
 */
function wholePerMonth(x: Decimal, band: Decimal): WholeRange {
  if (x.isZero()) return { low: ZERO, high: ZERO };
  const floor = x.floor();
  const fraction = x.minus(floor);
  if (x.lt(1) || fraction.minus("0.5").abs().lt(band)) return { low: floor, high: x.ceil() };
  return { low: x.round(), high: x.round() };
}

function annualRow(input: AnnualStartsTriangulationInput, row: TriangulationRow): AnnualStartsRowResult {
  const [a, b] = ends(row.percentChange);
  const starts = (p: Decimal): Decimal => input.baselineStarts.times(p);
  const caseload = (p: Decimal): Decimal =>
    input.mtfsCaseload.times(new Decimal(1).minus(input.realisationFactor.times(p)));
  const startsExact = ordered(starts(a), starts(b));
  const caseloadExact = ordered(caseload(a), caseload(b));
  return {
    kind: "annualStarts",
    method: row.method,
    percentChange: row.percentChange,
    ...(row.explanation === undefined ? {} : { explanation: row.explanation }),
    annualAvoidedStartsExact: startsExact,
    annualAvoidedStarts: roundRange(startsExact),
    caseloadByEndOfMtfsExact: caseloadExact,
    caseloadByEndOfMtfs: roundRange(caseloadExact),
  };
}

function monthlyRow(input: MonthlyStartsTriangulationInput, row: TriangulationRow): MonthlyStartsRowResult {
  const [a, b] = ends(row.percentChange);
  const perMonth = (p: Decimal): Decimal => input.startsPerMonth.times(p.abs());
  const caseload = (p: Decimal): Decimal => input.baselineCaseload.times(new Decimal(1).plus(p));
  const perMonthExact = ordered(perMonth(a), perMonth(b));
  const caseloadExact = ordered(caseload(a), caseload(b));
  // A stated range of % is shown end to end (round each end); a single % uses the uncertainty rule.
  const childrenPerMonth =
    row.percentChange.kind === "range"
      ? roundRange(perMonthExact)
      : wholePerMonth(perMonthExact.low, input.uncertainBand);
  return {
    kind: "monthlyStarts",
    method: row.method,
    percentChange: row.percentChange,
    ...(row.explanation === undefined ? {} : { explanation: row.explanation }),
    childrenPerMonthExact: perMonthExact,
    childrenPerMonth,
    caseloadInHorizonExact: caseloadExact,
    caseloadInHorizon: roundRange(caseloadExact),
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
  if (input.kind === "annualStarts") {
    return { kind: input.kind, rows: input.rows.map((r) => annualRow(input, r)) };
  }
  return { kind: input.kind, rows: input.rows.map((r) => monthlyRow(input, r)) };
}
