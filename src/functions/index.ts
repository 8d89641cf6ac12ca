/**
 * Entry of the custom functions bundle (dist/functions.js). In the bundle, the metadata plugin's loader
 * appends one `CustomFunctions.associate(id, fn)` per `@customfunction` JSDoc block to functions.ts: that is
 * the one registration Excel sees (the JSDoc is the source of truth for ids). This module adds none; it
 * exports the same id → function table for tests, the bench and any host without the loader, which call
 * `registerFunctions` themselves. (It used to associate every function a second time here.)
 */
import * as fns from "./functions";

/** Function id (as in functions.json, without the MTFS namespace) → implementation. */
export const FUNCTIONS = {
  FYLABEL: fns.fiscalYear,
  INFLATE: fns.inflatePrice,
  TRIANGULATE: fns.triangulation,
  "EDGE.OF.CARE": fns.edgeOfCareSummary,
  PAYBACK: fns.paybackYears,
  NPV: fns.netPresentValue,
  BCR: fns.benefitCostRatioOf,
  "DISCOUNTED.PAYBACK": fns.discountedPaybackYears,
  "RISK.ADJUST": fns.riskAdjusted,
  SENSITIVITY: fns.sensitivity,
  SIMULATE: fns.simulation,
  "BENEFIT.PROFILE": fns.benefitProfile,
  RUNRATE: fns.runRate,
  QUANTIFIED: fns.quantified,
  "CARE.AVOIDED": fns.careCostAvoided,
  DEMAND: fns.demand,
  "PROFILE.MONTHLY": fns.profileMonthly,
  VARIANCE: fns.varianceToDate,
  RAG: fns.ragStatusOf,
  FORECAST: fns.forecastOutturn,
} as const;

/** The part of Excel's CustomFunctions runtime used to register functions (a test passes a stub). */
export interface FunctionRegistry {
  associate(id: string, fn: (...args: never[]) => unknown): void;
}

/**
 * Registers every function with a CustomFunctions-like registry, once each. Not for the webpack bundle,
 * where the metadata loader already does it.
 *
 * @example
 * registerFunctions(stubRuntime) // stubRuntime can now be called as Excel calls =MTFS.FYLABEL(...)
 */
export function registerFunctions(registry: FunctionRegistry): void {
  for (const [id, fn] of Object.entries(FUNCTIONS)) registry.associate(id, fn);
}

export * from "./functions";
