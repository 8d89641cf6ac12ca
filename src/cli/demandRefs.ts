import { dirname, resolve } from "path";
import { readJsonFile } from "./readJson";

/**
 * A cohort baseline may name its demand model by file (`"baseline": { "demand": { "model": "x.json" } }`).
 * The engine reads no files, so the CLI puts each named model in place first, resolving the name relative
 * to the proposal file, as an editor resolves `$schema`.
 */

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);

/** A baseline with its demand model read in place of its file name (anything else unchanged). */
function withModel(baseline: unknown, dir: string): unknown {
  if (!isObject(baseline) || !isObject(baseline.demand) || typeof baseline.demand.model !== "string")
    return baseline;
  const model = readJsonFile(resolve(dir, baseline.demand.model));
  return { ...baseline, demand: { ...baseline.demand, model } };
}

/**
 * The proposal JSON with every demand model named by file read in, relative to `proposalFile`.
 *
 * @example
 * withDemandModels(readJsonFile("examples/x.json"), "examples/x.json")
 * // assumptions.baseline.demand.model: the parsed examples/national-children-in-care-500k.json
 */
export function withDemandModels(raw: unknown, proposalFile: string): unknown {
  if (!isObject(raw) || !isObject(raw.assumptions)) return raw;
  const dir = dirname(resolve(proposalFile));
  const a = raw.assumptions;
  const assumptions: Json = { ...a };
  if ("baseline" in a) assumptions.baseline = withModel(a.baseline, dir);
  if (Array.isArray(a.streams))
    assumptions.streams = a.streams.map((s: unknown) =>
      isObject(s) && "baseline" in s ? { ...s, baseline: withModel(s.baseline, dir) } : s,
    );
  return { ...raw, assumptions };
}
