/**
 * Entry of the custom functions bundle (dist/functions.js). Registers every MTFS.* function with Excel's
 * runtime. The metadata plugin's loader also appends `CustomFunctions.associate` calls to functions.ts in
 * the webpack bundle; associating the same id twice simply rebinds it, and this explicit table is what
 * tests and the taskpane use. Loading it where no `CustomFunctions` global exists (jest, a browser) is a no-op.
 */
import * as fns from "./functions";

/** Function id (as in functions.json, without the MTFS namespace) → implementation. */
export const FUNCTIONS = {
  FY: fns.fiscalYear,
  INFLATE: fns.inflatePrice,
  TRIANGULATE: fns.triangulation,
  "EDGE.OF.CARE": fns.edgeOfCareSummary,
  PAYBACK: fns.paybackYears,
  "BENEFIT.PROFILE": fns.benefitProfile,
  RUNRATE: fns.runRate,
  QUANTIFIED: fns.quantified,
  "CARE.AVOIDED": fns.careCostAvoided,
} as const;

/** The part of Excel's CustomFunctions runtime used to register functions (a test passes a stub). */
export interface FunctionRegistry {
  associate(id: string, fn: (...args: never[]) => unknown): void;
}

/**
 * Registers every function with a CustomFunctions-like registry.
 *
 * @example
 * registerFunctions(CustomFunctions) // Excel can now call =MTFS.FY(...)
 */
export function registerFunctions(registry: FunctionRegistry): void {
  for (const [id, fn] of Object.entries(FUNCTIONS)) registry.associate(id, fn);
}

if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.associate === "function") {
  registerFunctions(CustomFunctions);
}

export * from "./functions";
