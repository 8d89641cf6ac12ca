import type { EdgeOfCareInput } from "./edgeOfCare";
import { parseFormat } from "./format/check";
import {
  edgeOfCareProgrammeFormat,
  edgeOfCareSetFormat,
  PLACEMENT_YEARS_RULES,
} from "./format/edgeOfCareFormat";

/**
 * Parses edge-of-care summaries from JSON by their one definition (format/edgeOfCareFormat.ts): one
 * programme (`{ programme, periods, target }`) or a set to roll up (`{ rollup: "All programmes",
 * programmes: [...] }`). Unknown keys are refused.
 */

export { PLACEMENT_YEARS_RULES };

/** A set of programmes and, optionally, the name of their roll-up. */
export interface EdgeOfCareSet {
  readonly rollup?: string;
  readonly programmes: readonly EdgeOfCareInput[];
}

/**
 * Parses one programme's summary.
 *
 * @example
 * parseEdgeOfCareInput({ programme: "FFT", periods: [{ period: "2018/19", familiesStarted: 28,
 *   childrenStarted: 62, successRate: "79%", savingsYear1: 693000, savingsYear2: 1688000,
 *   savingsYear3: 995000, interventionCost: 485000 }] }).periods[0].deflator // { kind: "rate", value: 1 }
 * parseEdgeOfCareInput({ programme: "FFT", periods: [{ period: "x", successRate: 1.2 }] })
 * // throws "periods[0].familiesStarted: is required"
 */
export function parseEdgeOfCareInput(raw: unknown, prefix = ""): EdgeOfCareInput {
  return parseFormat(edgeOfCareProgrammeFormat, raw, prefix, prefix === "" ? "edgeOfCare" : prefix).value;
}

/**
 * Parses either one programme or `{ rollup?, programmes: [...] }` into a set.
 *
 * @example
 * parseEdgeOfCareSet({ rollup: "All programmes", programmes: [mstJson, fftJson] }).programmes.length // 2
 */
export function parseEdgeOfCareSet(raw: unknown): EdgeOfCareSet {
  const isSet = typeof raw === "object" && raw !== null && "programmes" in raw;
  if (!isSet) return { programmes: [parseEdgeOfCareInput(raw)] };
  return parseFormat(edgeOfCareSetFormat, raw, "", "edgeOfCare").value;
}
