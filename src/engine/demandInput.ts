import type { DemandModel } from "./demandModel";
import { parseFormat } from "./format/check";
import { demandFormat } from "./format/demandFormat";

/**
 * Parses a demand model from JSON by its one definition (format/demandFormat.ts, schema/demand.schema.json).
 * Money in £ a year, rates as fractions or "2.2%", years as FY labels ("2024/25") or start years (2024). Keys
 * the format does not know are refused, naming the nearest known key, so a typo ("entriesGrowht") is never
 * silently a default.
 */

/**
 * Parses and checks a demand model; scales stock, entries, exits, spend and budget when `population` and
 * `targetPopulation` are given (unit costs and rates are unchanged by scale).
 *
 * @example
 * parseDemandModel({ name: "x", baseYear: "2024/25", endYear: "2035/36", stock: 100, entries: 50,
 *   exitRate: 0.5, unitCost: 1000, budget: 90000 }).endYear // 2035
 * parseDemandModel({ name: "x", stok: 1 }) // throws "stok: unknown field; did you mean stock?"
 */
export function parseDemandModel(raw: unknown, prefix = ""): DemandModel {
  return parseFormat(demandFormat, raw, prefix, prefix === "" ? "demand" : prefix).value;
}
