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
  p.kind === "point" ? p.value.toNumber() : { from: p.from.toNumber(), to: p.to.toNumber() };
const num = (d: Decimal): number => d.toNumber();

/**
 * JSON-ready triangulation: one object per row; ranges as `{ low, high }`, single values as numbers.
 *
 * @example
 * triangulationJson(result).rows[1] // { method: "Best statistical neighbour", percentChange: 0.26, annualAvoidedStarts: 68, ... }
 */
export function triangulationJson(result: TriangulationResult): Record<string, unknown> {
  return {
    kind: result.kind,
    rows: result.rows.map((r) =>
      r.kind === "annualStarts"
        ? {
            method: r.method,
            percentChange: pct(r.percentChange),
            annualAvoidedStarts: whole(r.annualAvoidedStarts),
            caseloadByEndOfMtfs: whole(r.caseloadByEndOfMtfs),
            exact: {
              annualAvoidedStarts: exact(r.annualAvoidedStartsExact),
              caseloadByEndOfMtfs: exact(r.caseloadByEndOfMtfsExact),
            },
            ...(r.explanation === undefined ? {} : { explanation: r.explanation }),
          }
        : {
            method: r.method,
            percentChange: pct(r.percentChange),
            childrenPerMonth: whole(r.childrenPerMonth),
            caseloadInHorizon: whole(r.caseloadInHorizon),
            exact: {
              childrenPerMonth: exact(r.childrenPerMonthExact),
              caseloadInHorizon: exact(r.caseloadInHorizonExact),
            },
            ...(r.explanation === undefined ? {} : { explanation: r.explanation }),
          },
    ),
  };
}

/**
 * The triangulation table with the proposal's column headings.
 *
 * @example
 * triangulationTable(result) // "Triangulation Methodology  % change achievable  Annual avoided starts  ..."
 */
export function triangulationTable(result: TriangulationResult, horizonYears?: Decimal): string {
  if (result.kind === "annualStarts") {
    const rows = result.rows.map((r) =>
      r.kind === "annualStarts"
        ? [
            r.method,
            formatPercentChange(r.percentChange),
            formatWholeRange(r.annualAvoidedStarts),
            formatWholeRange(r.caseloadByEndOfMtfs),
          ]
        : [],
    );
    return textTable(
      [
        "Triangulation Methodology",
        "% change achievable",
        "Annual avoided starts",
        "Caseload by end of MTFS",
      ],
      rows,
      ["left", "right", "right", "right"],
    );
  }
  const years = horizonYears === undefined ? "" : ` in ${num(horizonYears)} yrs`;
  const rows = result.rows.map((r) =>
    r.kind === "monthlyStarts"
      ? [
          r.method,
          formatPercentChange(r.percentChange),
          formatWholeRange(r.childrenPerMonth),
          formatWholeRange(r.caseloadInHorizon),
        ]
      : [],
  );
  return textTable(
    ["Triangulation Methodology", "% change achievable", "# CYP per month", `Resultant caseload${years}`],
    rows,
    ["left", "right", "right", "right"],
  );
}
