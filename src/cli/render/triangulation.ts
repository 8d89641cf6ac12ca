import {
  formatPercentChange,
  formatWholeRange,
  type Decimal,
  type PercentChange,
  type TriangulationResult,
  type WholeRange,
} from "../../engine";
import { textTable } from "../table";

/** Triangulation results as JSON (whole numbers and exact values) or the proposal's table. */

const exact = (r: WholeRange): { low: number; high: number } => ({
  low: r.low.toDecimalPlaces(4).toNumber(),
  high: r.high.toDecimalPlaces(4).toNumber(),
});
const whole = (r: WholeRange): number | { low: number; high: number } =>
  r.low.eq(r.high) ? r.low.toNumber() : { low: r.low.toNumber(), high: r.high.toNumber() };
const pct = (p: PercentChange): number | { from: number; to: number } =>
  p.kind === "point"
    ? p.value.toDecimalPlaces(6).toNumber()
    : { from: p.from.toDecimalPlaces(6).toNumber(), to: p.to.toDecimalPlaces(6).toNumber() };
const num = (d: Decimal): number => d.toNumber();

/** A key only when its value is known (a table without a caseload column has no caseload keys). */
const maybe = <T>(key: string, x: T | undefined, f: (v: T) => unknown): Record<string, unknown> =>
  x === undefined ? {} : { [key]: f(x) };

/** The % column: the stated %, or the one a stated count implies in brackets, or blank. */
function percentText(p: PercentChange | undefined, implied: boolean): string {
  if (p === undefined) return "";
  return implied ? `(${formatPercentChange(p)})` : formatPercentChange(p);
}

/**
 * JSON-ready triangulation: one object per row; ranges as `{ low, high }`, single values as numbers; the
 * caseload keys only where a caseload is computed; `startsStated` when the row gave its starts.
 *
 * @example
 * triangulationJson(result).rows[1] // { method: "Best statistical neighbour", percentChange: 0.26, annualAvoidedStarts: 68, ... }
 */
export function triangulationJson(result: TriangulationResult): Record<string, unknown> {
  return {
    kind: result.kind,
    rounding: result.rounding,
    ...(result.startsLabel === undefined ? {} : { startsLabel: result.startsLabel }),
    rows: result.rows.map((r) =>
      r.kind === "annualStarts"
        ? {
            method: r.method,
            ...maybe("percentChange", r.percentChange, pct),
            annualAvoidedStarts: whole(r.annualAvoidedStarts),
            ...maybe("caseloadByEndOfMtfs", r.caseloadByEndOfMtfs, whole),
            ...(r.startsStated ? { startsStated: true } : {}),
            ...(r.percentImplied ? { percentImplied: true } : {}),
            exact: {
              annualAvoidedStarts: exact(r.annualAvoidedStartsExact),
              ...maybe("caseloadByEndOfMtfs", r.caseloadByEndOfMtfsExact, exact),
            },
            ...(r.explanation === undefined ? {} : { explanation: r.explanation }),
          }
        : {
            method: r.method,
            ...maybe("percentChange", r.percentChange, pct),
            childrenPerMonth: whole(r.childrenPerMonth),
            ...maybe("caseloadInHorizon", r.caseloadInHorizon, whole),
            ...(r.startsStated ? { startsStated: true } : {}),
            ...(r.percentImplied ? { percentImplied: true } : {}),
            exact: {
              childrenPerMonth: exact(r.childrenPerMonthExact),
              ...maybe("caseloadInHorizon", r.caseloadInHorizonExact, exact),
            },
            ...(r.explanation === undefined ? {} : { explanation: r.explanation }),
          },
    ),
  };
}

/**
 * The triangulation table with the proposal's column headings (no caseload column when the table has none).
 * A % in brackets is implied by the starts the row states.
 *
 * @example
 * triangulationTable(result) // "Triangulation Methodology  % change achievable  Annual avoided starts  ..."
 */
export function triangulationTable(result: TriangulationResult, horizonYears?: Decimal): string {
  const years = horizonYears === undefined ? "" : ` in ${num(horizonYears)} yrs`;
  const header =
    result.kind === "annualStarts"
      ? [
          "Triangulation Methodology",
          "% change achievable",
          result.startsLabel ?? "Annual avoided starts",
          "Caseload by end of MTFS",
        ]
      : [
          "Triangulation Methodology",
          "% change achievable",
          result.startsLabel ?? "# CYP per month",
          `Resultant caseload${years}`,
        ];
  const rows = result.rows.map((r) => {
    const starts = r.kind === "annualStarts" ? r.annualAvoidedStarts : r.childrenPerMonth;
    const caseload = r.kind === "annualStarts" ? r.caseloadByEndOfMtfs : r.caseloadInHorizon;
    const cells = [r.method, percentText(r.percentChange, r.percentImplied), formatWholeRange(starts)];
    return result.hasCaseload ? [...cells, formatWholeRange(caseload)] : cells;
  });
  const shown = result.hasCaseload ? header : header.slice(0, 3);
  return textTable(
    shown,
    rows,
    shown.map((_, i) => (i === 0 ? "left" : "right")),
  );
}
