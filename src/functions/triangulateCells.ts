import {
  EngineError,
  formatWholeRange,
  isEngineError,
  parseTriangulationInput,
  triangulate,
  type WholeRange,
} from "../engine";
import { cellRange, isBlank } from "./cells";
import type { Grid, GridCell } from "./invoke";

/**
 * MTFS.TRIANGULATE's body: each % change (one cell or a column) → annual avoided starts and caseload by the
 * end of the MTFS, through the engine's triangulation parser and maths (seeds/000 line 71). Blank cells in
 * the column give blank rows, so the formula can sit beside a table that is still being filled in.
 */

/** A whole-number result: a number, or "low – high" text for a % range. */
function wholeCell(r: WholeRange): GridCell {
  return r.low.eq(r.high) ? r.low.toNumber() : formatWholeRange(r);
}

/**
 * Triangulation rows for the cells of `percentChange`.
 *
 * @example
 * triangulateCells([[0.26]], 260, 734, null) // [[68, 600]]
 */
export function triangulateCells(
  percentChange: unknown,
  baselineStarts: unknown,
  mtfsCaseload: unknown,
  realisationFactor: unknown,
): Grid {
  const cells = cellRange(percentChange).flat();
  const filled = cells.map((c, i) => ({ c, i })).filter(({ c }) => !isBlank(c));
  const raw = {
    kind: "annualStarts",
    baselineStarts,
    mtfsCaseload,
    realisationFactor: isBlank(realisationFactor) ? undefined : realisationFactor,
    rows: filled.map(({ c, i }) => ({ method: `cell ${i + 1}`, percentChange: c })),
  };
  const input = withCellNames(
    () => parseTriangulationInput(raw),
    (k) => filled[k].i,
  );
  const results = triangulate(input).rows;
  const out: GridCell[][] = cells.map(() => ["", ""]);
  filled.forEach(({ i }, k) => {
    const r = results[k];
    if (r.kind === "annualStarts")
      out[i] = [wholeCell(r.annualAvoidedStarts), wholeCell(r.caseloadByEndOfMtfs)];
  });
  return out;
}

/** Runs the parser, renaming `rows[k].percentChange` in an error to the cell of the argument it came from. */
function withCellNames<T>(parse: () => T, cellOf: (row: number) => number): T {
  try {
    return parse();
  } catch (e) {
    const m = isEngineError(e) ? /^rows\[(\d+)\]\.percentChange$/.exec(e.field) : null;
    if (!m || !isEngineError(e)) throw e;
    throw new EngineError(e.code, `percentChange (cell ${cellOf(Number(m[1])) + 1})`, e.rule);
  }
}
