import { Decimal } from "./money";
import {
  asObject,
  fieldPath,
  rateValue,
  readArray,
  readDecimal,
  readObject,
  readString,
  type NumberRules,
  type RawObject,
} from "./parse/read";
import type { EdgeOfCareActual, EdgeOfCareInput, EdgeOfCareTarget, TargetingDeflator } from "./edgeOfCare";

/**
 * Parses edge-of-care summaries from JSON: one programme (`{ programme, periods, target }`) or a set to
 * roll up (`{ rollup: "All programmes", programmes: [...] }`). Money in £; rates as fractions or "87%".
 * `targetingDeflator` is a rate (default 1 = no deflator) or, for a roll-up table with mixed deflators,
 * `{ postDeflatorCumulative, inYearGross, inYearDiversions }` as published.
 */

/** A set of programmes and, optionally, the name of their roll-up. */
export interface EdgeOfCareSet {
  readonly rollup?: string;
  readonly programmes: readonly EdgeOfCareInput[];
}

const ONE = new Decimal(1);

/**
 * Years of placement each successful child avoids: more than 0, at most 50 (a childhood). Unbounded, 1e9
 * years gave £3.26e15 from a typo. Shared by the JSON parser and MTFS.EDGE.OF.CARE.
 */
export const PLACEMENT_YEARS_RULES: NumberRules = { gt: 0, max: 50 };

function deflatorValue(o: RawObject, path: string): TargetingDeflator {
  const raw = o.targetingDeflator;
  const field = fieldPath(path, "targetingDeflator");
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const d = asObject(raw, field);
    return {
      kind: "stated",
      postDeflatorCumulative: readDecimal(d, "postDeflatorCumulative", field, { min: 0 }),
      inYearGross: readDecimal(d, "inYearGross", field, { min: 0 }),
      inYearDiversions: readDecimal(d, "inYearDiversions", field, { min: 0 }),
    };
  }
  if (raw === undefined || raw === null || raw === "") return { kind: "rate", value: ONE };
  return { kind: "rate", value: rateValue(raw, field, { min: 0, max: 1 }) };
}

function base(o: RawObject, path: string, defaultPeriod?: string) {
  const cost = readDecimal(o, "interventionCost", path, { min: 0, optional: true });
  return {
    period:
      defaultPeriod === undefined
        ? readString(o, "period", path)
        : readString(o, "period", path, { default: defaultPeriod }),
    familiesStarted: readDecimal(o, "familiesStarted", path, { min: 0 }),
    childrenStarted: readDecimal(o, "childrenStarted", path, { min: 0 }),
    successRate: readRateField(o, "successRate", path),
    deflator: deflatorValue(o, path),
    ...(cost === undefined ? {} : { interventionCost: cost }),
  };
}

function readRateField(o: RawObject, key: string, path: string): Decimal {
  const field = fieldPath(path, key);
  if (o[key] === undefined || o[key] === null) return readDecimal(o, key, path); // throws "is required"
  return rateValue(o[key], field, { min: 0, max: 1 });
}

function actualValue(raw: unknown, path: string): EdgeOfCareActual {
  const o = asObject(raw, path);
  return {
    kind: "actual",
    ...base(o, path),
    savingsYear1: readDecimal(o, "savingsYear1", path, { min: 0 }),
    savingsYear2: readDecimal(o, "savingsYear2", path, { min: 0 }),
    savingsYear3: readDecimal(o, "savingsYear3", path, { min: 0 }),
  };
}

function targetValue(o: RawObject, path: string): EdgeOfCareTarget {
  return {
    kind: "target",
    ...base(o, path, "Annual target"),
    averageAnnualPlacementCost: readDecimal(o, "averageAnnualPlacementCost", path, { min: 0 }),
    placementYears: readDecimal(o, "placementYears", path, { ...PLACEMENT_YEARS_RULES, default: 2 }),
  };
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
  const o = asObject(raw, prefix === "" ? "edgeOfCare" : prefix);
  const periodsField = fieldPath(prefix, "periods");
  const periods = readArray(o, "periods", prefix).map((p, i) => actualValue(p, fieldPath(periodsField, i)));
  const target = readObject(o, "target", prefix, { optional: true });
  return {
    programme: readString(o, "programme", prefix),
    periods,
    ...(target === undefined ? {} : { target: targetValue(target, fieldPath(prefix, "target")) }),
  };
}

/**
 * Parses either one programme or `{ rollup?, programmes: [...] }` into a set.
 *
 * @example
 * parseEdgeOfCareSet({ rollup: "All programmes", programmes: [mstJson, fftJson] }).programmes.length // 2
 */
export function parseEdgeOfCareSet(raw: unknown): EdgeOfCareSet {
  const o = asObject(raw, "edgeOfCare");
  if (o.programmes === undefined) return { programmes: [parseEdgeOfCareInput(o)] };
  const rollup = readString(o, "rollup", "", { optional: true });
  const programmes = readArray(o, "programmes", "").map((p, i) =>
    parseEdgeOfCareInput(p, fieldPath("programmes", i)),
  );
  return { ...(rollup === undefined ? {} : { rollup }), programmes };
}
