import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { compareToNumber } from "./calculator";
import { costReadsStreams } from "./costs";
import type { CostItem, FyStartYear, Horizon } from "./types";

/**
 * A proposal is a sum of saving streams (issue 13). Every stream kind (cohort, % of addressable spend, income
 * lines, …) is a small module that turns its own inputs into a StreamProfile: per FY of the horizon, the gross
 * saving at that FY's prices and at the price base's, costs that scale with its events, and its operational
 * measures. proposalProfile.ts adds streams, costs, overlap and existing MTFS lines into the MTFS profile.
 */

/** An operational output beside the £, with its unit, e.g. children kept out of care or hours of homecare avoided. */
export interface OperationalMeasure<T = Decimal> {
  /** Stable key, e.g. `caseloadReduction`; costs priced per event name it (`perEvent.measure`). */
  readonly key: string;
  /** Words for the sheet and the CLI, e.g. "Caseload reduction". */
  readonly label: string;
  /** Unit in words, e.g. "children", "hours", "CYP trained". */
  readonly unit: string;
  readonly value: T;
}

/** What every stream kind produces, per FY of the horizon, at that FY's prices. */
export interface StreamYear<T = Decimal> {
  readonly fy: FyStartYear;
  /** Saving in £ in this FY (at this FY's prices). */
  readonly gross: T;
  /** The same at the price-base FY's prices (for inflation held centrally); equal to gross when the kind has no inflation. */
  readonly grossAtPriceBase: T;
  /** Costs that scale with the stream's events (e.g. per resident engaged), £. */
  readonly oneOffCosts?: T;
  readonly measures: readonly OperationalMeasure<T>[];
}

/** Whether a stream's saving reduces a budget (`cashable`), avoids a future cost, or is not cash at all. */
export type Cashability = "cashable" | "costAvoidance" | "nonCashable";

/** A figure written as evidence × weighting, e.g. 40% of sampled cases × a 50% confidence weighting = 20%. */
export interface Weighting {
  /** What is weighted, in words, e.g. "Target". */
  readonly label: string;
  readonly evidence: Decimal;
  /** Unit of the evidence and the product in words (e.g. "CYP a year"); absent: a fraction, shown as %. */
  readonly unit?: string;
  /** The confidence weighting (fraction, 0 to 1). */
  readonly weighting: Decimal;
  /** evidence × weighting: the figure the model uses. */
  readonly value: Decimal;
}

/** One saving stream of a proposal over the horizon (figures on a number backend; Decimal unless simulating). */
export interface StreamProfile<T = Decimal> {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  /** One row per FY of the horizon, in order. */
  readonly years: readonly StreamYear<T>[];
  /**
   * First FY from which nothing in this stream's inputs changes any more (ramps done, stays saturated, step
   * dates passed); the run rate is read from max(settledFy of every stream and cost). Steady growth and
   * inflation do not count as changes.
   */
  readonly settledFy: FyStartYear;
  /** Default per kind; issue 14 splits the profile by it. */
  readonly cashability: "cashable" | "costAvoidance" | "nonCashable";
  /** Weightings already inside the stream's figures (e.g. a target written as evidence × weighting), to show. */
  readonly weightings?: readonly Weighting[];
  /** A confidence weighting on the whole stream (fraction, 0 to 1): the proposal profile scales its gross by it. */
  readonly confidenceWeighting?: Decimal;
  /** Years from the stream's start to full impact, when the kind has a timeline (time to full run rate). */
  readonly timeToFullImpactYears?: T;
}

/**
 * What a caller reads of a stream profile besides each FY's £ (gross, grossAtPriceBase, oneOffCosts). Reports
 * read everything; a simulated draw (proposalFiguresOn) reads no settled FY or time to full, and measures only
 * for costs priced per case or event, so a kind skips working out what is not read.
 */
export interface StreamNeeds {
  /** Each FY's operational measures; when false every FY's list is empty. */
  readonly measures: boolean;
  /** settledFy and timeToFullImpactYears; when false they are not worked out (the first FY; undefined). */
  readonly settled: boolean;
}

/** Everything a stream profile holds: what the reports read, and each kind's default. */
export const WHOLE_STREAM: StreamNeeds = { measures: true, settled: true };

const FIGURES: StreamNeeds = { measures: false, settled: false };
const FIGURES_AND_MEASURES: StreamNeeds = { measures: true, settled: false };

/**
 * What the net and MTFS rows of a proposal read of its streams (a risk model's figures): each FY's £, and the
 * measures only when a cost line is priced on them (costReadsStreams).
 *
 * @example
 * figuresNeeds([{ kind: "ongoing", label: "FFPP", amountPerYear: D(1500000), fromDate: "2026-12-01" }]) // { measures: false, settled: false }
 */
export function figuresNeeds(investment: readonly CostItem[]): StreamNeeds {
  // A loop, not `some` with a closure: a simulated draw asks once per proposal.
  for (let k = 0; k < investment.length; k++) {
    if (costReadsStreams(investment[k])) return FIGURES_AND_MEASURES;
  }
  return FIGURES;
}

/** The measures of every FY a kind skips them in (one shared empty list, never written). */
export const NO_MEASURES: readonly OperationalMeasure<never>[] = [];

/**
 * A stream profile with every key present, in one order (absent ones undefined), the stream's confidence
 * weighting from its common fields: every kind then gives the proposal profile one object shape, which V8
 * keeps optimised code for (seven shapes made a simulation's profile code fall back to slow paths).
 *
 * @example
 * uniformStream(addressableSpendStream(input, horizon), D(0.5)).confidenceWeighting?.toNumber() // 0.5
 */
export function uniformStream<T>(p: StreamProfile<T>, confidenceWeighting?: Decimal): StreamProfile<T> {
  return {
    id: p.id,
    label: p.label,
    kind: p.kind,
    years: p.years,
    settledFy: p.settledFy,
    cashability: p.cashability,
    weightings: p.weightings,
    confidenceWeighting: confidenceWeighting ?? p.confidenceWeighting,
    timeToFullImpactYears: p.timeToFullImpactYears,
  };
}

/**
 * A figure written as evidence × weighting, checked: the weighting is a fraction from 0 to 1.
 *
 * @example
 * weighted("Target", D(0.4), D(0.5), "targetWeighting").value.toNumber() // 0.2
 */
export function weighted(
  label: string,
  evidence: Decimal,
  weighting: Decimal,
  field: string,
  unit?: string,
): Weighting {
  checkWeighting(weighting, field);
  return {
    label,
    evidence,
    ...(unit === undefined ? {} : { unit }),
    weighting,
    value: evidence.times(weighting),
  };
}

/**
 * Refuses a confidence weighting outside 0 to 1 (a weighting never adds confidence).
 *
 * @example
 * checkWeighting(D(1.5), "confidenceWeighting") // throws "confidenceWeighting: must be between 0 and 1 …"
 */
export function checkWeighting(weighting: Decimal, field: string): void {
  // Against doubles without a Decimal of 0 or 1 per check (exact: compareToNumber); profiles check on every draw.
  if (compareToNumber(weighting, 0) < 0 || compareToNumber(weighting, 1) > 0) {
    throw new EngineError(
      "out-of-range",
      field,
      `must be between 0 and 1 (0% to 100%), got ${weighting.toString()}`,
    );
  }
}

/**
 * A measure's value in a stream year, 0 when the kind does not report it.
 *
 * @example
 * measureValue(year, "caseloadReduction").toNumber() // 61.03…
 */
export function measureValue(year: StreamYear, key: string): Decimal {
  return year.measures.find((m) => m.key === key)?.value ?? ZERO;
}

/**
 * Refuses a horizon the engine cannot profile (checked first, as computeProfile always has).
 *
 * @example
 * checkHorizon({ firstFy: 2026, lastFy: 2025, mtfsLastFy: 2025 }) // throws "horizon.lastFy: must not be before horizon.firstFy"
 */
export function checkHorizon(horizon: Horizon): void {
  if (horizon.lastFy < horizon.firstFy) {
    throw new EngineError("out-of-range", "horizon.lastFy", "must not be before horizon.firstFy");
  }
  if (horizon.lastFy - horizon.firstFy > 60) {
    throw new EngineError("out-of-range", "horizon.lastFy", "must be within 60 years of horizon.firstFy");
  }
}
