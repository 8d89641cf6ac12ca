import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import type { FyStartYear } from "./types";

/**
 * Existing MTFS lines that relate to a proposal (e.g. Reablement's AC21 "Increasing Reablement Capacity",
 * £1.00m a year). A line is either `deducted` from the proposal's net benefit (the opportunity is stated "net of
 * existing MTFS value") or `addedBack`: the proposal's figures exclude it but its Appendix A row includes it, so
 * the MTFS row is net benefit + inflation contingency + the added-back lines. Either way it is its own line.
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
  readonly note?: string;
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
