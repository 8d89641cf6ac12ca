import {
  EngineError,
  PERCENT_CHANGE_RULES,
  enumValue,
  formatWholeRange,
  isEngineError,
  parseTriangulationInput,
  triangulate,
  type NumberRules,
  type WholeRange,
} from "../engine";
import { cellOption, cellRange, cellRate, isBlank, isBlankOrZero, withoutTrailing } from "./cells";
import type { Grid, GridCell } from "./invoke";

/**
 * MTFS.TRIANGULATE's body: each % change (one cell or a column) → annual avoided starts and caseload by the
 * end of the MTFS, through the engine's triangulation parser and maths (the CFS Targeted Prevention table).
 * Blank cells (and 0, as an empty cell may arrive) in the column give blank rows, so the formula can sit
 * beside a table that is still being filled in; trailing blanks give no rows.
 */

/** A whole-number result: a number, or "low – high" text for a % range. */
function wholeCell(r: WholeRange | undefined): GridCell {
  if (r === undefined) return "";
  return r.low.eq(r.high) ? r.low.toNumber() : formatWholeRange(r);
}

// In a module of its own so the functions bundle has it before this one's chunk loads (lazy/triangulateCells.ts).
export { TRIANGULATE_ARGUMENTS } from "./triangulateArguments";

/**
 * Triangulation rows for the cells of `percentChange`: annual avoided starts and caseload by the end of the
 * MTFS (kind "annual", CFS style), or children per month and caseload in the horizon (kind "monthly", Family
 * Based Placements style, Efficiency Review report Appendix B: the % is a signed change, starts per month).
 *
 * @example
 * triangulateCells([[0.26]], 260, 734, null, null) // [[68, 600]]
 * triangulateCells([[-0.58]], 4.7, 152, null, "monthly") // [["2 – 3", 64]]
 */
export function triangulateCells(
  percentChange: unknown,
  baselineStarts: unknown,
  mtfsCaseload: unknown,
  realisationFactor: unknown,
  kind: unknown,
): Grid {
  const monthly =
    enumValue(cellOption(kind, "kind", "annual"), "kind", ["annual", "monthly"] as const) === "monthly";
  // 0 too: an empty cell may arrive as 0, and no monthly table has a realisation factor to give.
  if (monthly && !isBlankOrZero(realisationFactor)) {
    throw new EngineError(
      "invalid-type",
      "realisationFactor",
      "applies to annual tables only; leave it blank",
    );
  }
  // A 0% change says nothing, and an empty cell arrives as 0 on some builds: both give a blank row. Trailing
  // blanks go, so a whole column (B:B) spills as far as its last filled cell, not a million rows.
  const cells = withoutTrailing(cellRange(percentChange).flat(), isBlankOrZero);
  const filled = cells.map((c, i) => ({ c, i })).filter(({ c }) => !isBlankOrZero(c));
  const rows = filled.map(({ c, i }) => ({
    method: `cell ${i + 1}`,
    percentChange: bareRate(
      c,
      `percentChange (cell ${i + 1})`,
      PERCENT_CHANGE_RULES[monthly ? "monthly" : "annual"],
    ),
  }));
  const raw = monthly
    ? { kind: "monthlyStarts", startsPerMonth: baselineStarts, baselineCaseload: mtfsCaseload, rows }
    : {
        kind: "annualStarts",
        baselineStarts,
        mtfsCaseload,
        realisationFactor: isBlank(realisationFactor)
          ? undefined
          : bareRate(realisationFactor, "realisationFactor"),
        rows,
      };
  const input = withCellNames(
    () => parseTriangulationInput(raw),
    (k) => filled[k].i,
  );
  const results = triangulate(input).rows;
  const out: GridCell[][] = cells.map(() => ["", ""]);
  filled.forEach(({ i }, k) => {
    const r = results[k];
    out[i] =
      r.kind === "annualStarts"
        ? [wholeCell(r.annualAvoidedStarts), wholeCell(r.caseloadByEndOfMtfs)]
        : [wholeCell(r.childrenPerMonth), wholeCell(r.caseloadInHorizon)];
  });
  return out;
}

/**
 * A number given for a rate, through cellRate within the parser's bounds (`rules`; a bare number past 100%
 * is refused when none are given): a bare 26 for 26% is refused in
 * the wording every rate argument uses, a bare 1.5 (a cell formatted 150%) is 150% where the bounds allow
 * it. Text (a "%" or a range "-9% to -30%") is the parser's.
 */
function bareRate(value: unknown, field: string, rules: NumberRules = {}): unknown {
  return typeof value === "number" ? cellRate(value, field, rules).toNumber() : value;
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
