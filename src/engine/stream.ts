import type { Decimal } from "./money";
import type { FyStartYear } from "./types";

/**
 * A saving stream's profile: one cohort or kind of saving inside a proposal, per FY. The proposal-level
 * combination (costs, overlap, in-year, MTFS row, run rate) sums these; each kind module produces one.
 */

/** An operational output beside the £ (people supported, FTE reduced, …), with its unit. */
export interface OperationalMeasure {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly value: Decimal;
}

/** One FY of a stream. Money in £. */
export interface StreamYear {
  readonly fy: FyStartYear;
  /** Saving in £ in this FY (at this FY's prices). */
  readonly gross: Decimal;
  /** The same at the price-base FY's prices; equal to gross when the kind has no inflation. */
  readonly grossAtPriceBase: Decimal;
  /** Costs that scale with the stream's events, £. */
  readonly oneOffCosts?: Decimal;
  readonly measures: readonly OperationalMeasure[];
}

/** A stream over a horizon. */
export interface StreamProfile {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly years: readonly StreamYear[];
  /** First FY from which nothing in this stream's inputs changes any more. */
  readonly settledFy: FyStartYear;
  readonly cashability: "cashable" | "costAvoidance" | "nonCashable";
}
