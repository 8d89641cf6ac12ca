import { Decimal, ZERO } from "./money";
import { decimalCalculator, maxOf, minOf, type Calculator } from "./calculator";
import { EngineError } from "./errors";
import type { FyStartYear } from "./types";

/**
 * Existing MTFS lines that relate to a proposal (e.g. Reablement's AC21 "Increasing Reablement Capacity",
 * £1.00m a year). The proposal's figures are stated "net of existing MTFS value", so every line is deducted from
 * the net benefit, capped by default at the saving that remains after the overlap (a line can remove a saving but
 * never create a cost). A line is `deducted` only (the MTFS row leaves it to its own MTFS line) or `addedBack`:
 * Appendix A's row includes it in full, so the MTFS row is net benefit + inflation contingency + the line
 * (Reablement: a £0.00m profile in FY26/27 and £1.00m in Appendix A). Either way it is its own line.
 */

/** One existing MTFS line: a saving already in the MTFS, £ a year from `firstFy` to `lastFy` (inclusive). */
export interface ExistingMtfsLine {
  /** The MTFS reference, e.g. "AC21". */
  readonly ref?: string;
  readonly label: string;
  /** Saving already in the MTFS in each FY it covers (£, positive = saving). */
  readonly amountPerYear: Decimal;
  readonly firstFy: FyStartYear;
  /** Last FY the line covers; open-ended when absent. */
  readonly lastFy?: FyStartYear;
  readonly treatment: "deducted" | "addedBack";
  /** Deduct no more than the saving left after the overlap and earlier lines (default true). */
  readonly capAtGross?: boolean;
  readonly note?: string;
}

/** What the lines take off the net and add to the MTFS row in one FY, line by line. */
export interface ExistingLinesInFy<T = Decimal> {
  /** Deducted from the net, per line (after the cap). */
  readonly deducted: readonly T[];
  /** Added back to the MTFS row, per line (the full amount of `addedBack` lines, else 0). */
  readonly addedBack: readonly T[];
}

/**
 * The lines' deductions and add-backs in a FY, given the saving that remains after the overlap: each capped line
 * takes at most what is left, in order.
 *
 * @example
 * existingLinesInFy([ac21], 2026, D(300000)).deducted[0].toNumber() // 300000 (capped); addedBack[0]: 1000000
 */
export function existingLinesInFy(
  lines: readonly ExistingMtfsLine[],
  fy: FyStartYear,
  remaining: Decimal,
): ExistingLinesInFy {
  return existingLinesInFyOn(decimalCalculator, lines, fy, remaining);
}

/**
 * existingLinesInFy on a number backend.
 *
 * @example
 * existingLinesInFyOn(numberCalculator, [ac21], 2026, 300000).deducted[0] // 300000
 */
export function existingLinesInFyOn<T>(
  calc: Calculator<T>,
  lines: readonly ExistingMtfsLine[],
  fy: FyStartYear,
  remaining: T,
): ExistingLinesInFy<T> {
  const deducted = new Array<T>(lines.length);
  const addedBack = new Array<T>(lines.length);
  existingLinesInto(calc, lines, fy, remaining, deducted, addedBack);
  return { deducted, addedBack };
}

/**
 * existingLinesInFyOn into the caller's arrays (line k's amounts at index k): a simulated draw profiles every FY
 * of a proposal with existing lines into the same two arrays, rather than two new ones and a record per FY.
 *
 * @example
 * const deducted = [0], addedBack = [0];
 * existingLinesInto(numberCalculator, [ac21], 2026, 300000, deducted, addedBack); // deducted[0] = 300000
 */
export function existingLinesInto<T>(
  calc: Calculator<T>,
  lines: readonly ExistingMtfsLine[],
  fy: FyStartYear,
  remaining: T,
  deducted: T[],
  addedBack: T[],
): void {
  let left = maxOf(calc, calc.zero, remaining);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const amount = calc.fromDecimal(existingLineInFy(line, fy));
    const d = line.capAtGross === false ? amount : minOf(calc, amount, left);
    left = maxOf(calc, calc.zero, calc.subtract(left, d));
    deducted[k] = d;
    addedBack[k] = line.treatment === "addedBack" ? amount : calc.zero;
  }
}

/**
 * The line's amount in a FY (0 outside its FYs).
 *
 * @example
 * existingLineInFy({ ref: "AC21", label: "Increasing Reablement Capacity", amountPerYear: D(1e6), firstFy: 2026, treatment: "addedBack" }, 2027).toNumber() // 1000000
 */
export function existingLineInFy(line: ExistingMtfsLine, fy: FyStartYear): Decimal {
  if (fy < line.firstFy || (line.lastFy !== undefined && fy > line.lastFy)) return ZERO;
  return line.amountPerYear;
}

/**
 * Refuses a line whose last FY is before its first.
 *
 * @example
 * checkExistingLine(line, "existingMtfsLines[0]") // throws "existingMtfsLines[0].lastFy: must not be before firstFy"
 */
export function checkExistingLine(line: ExistingMtfsLine, field: string): void {
  if (line.lastFy !== undefined && line.lastFy < line.firstFy) {
    throw new EngineError("out-of-range", `${field}.lastFy`, "must not be before firstFy");
  }
}
