import type {
  BenefitBasis,
  DemandLevers,
  DemandModel,
  ExitBasis,
  PhaseStep,
  SpendBasis,
} from "./demandModel";
import { EngineError } from "./errors";
import { Decimal } from "./money";
import { asObject, fieldPath, fyValue, rateValue, type RawObject } from "./parse/read";
import {
  readArray,
  readDecimal,
  readEnum,
  readFy,
  readNumber,
  readObject,
  readRate,
  readString,
} from "./parse/objectReaders";

/**
 * Parses a demand model from JSON (schema/demand.schema.json). Money in £ a year, rates as fractions or
 * "2.2%", years as FY labels ("2024/25") or start years (2024). Keys the format does not know are refused,
 * naming the key, so a typo ("entriesGrowht") is never silently a default.
 */

const TOP_KEYS = [
  "$schema",
  "name",
  "source",
  "notes",
  "baseYear",
  "endYear",
  "reportFrom",
  "stock",
  "entries",
  "entriesGrowth",
  "entriesByYear",
  "exitRate",
  "meanStayYears",
  "exits",
  "exitRateByYear",
  "unitCost",
  "spend",
  "unitCostInflation",
  "budget",
  "budgetGrowth",
  "spendBasis",
  "benefitBasis",
  "levers",
  "leverScale",
  "population",
  "targetPopulation",
] as const;
const LEVER_KEYS = ["entriesChange", "exitRateChange", "exitLagYears", "exitBasis", "phasing"] as const;
const PHASE_KEYS = ["year", "share"] as const;
const MAX_YEARS = 100;
// Bounds that catch typos, not forecasts, and keep every figure over 100 years finite as a float too.
const MAX_COUNT = 1e8;
const MAX_POUNDS = 1e13;
const MAX_GROWTH = 1;

/**
 * Refuses any key outside `allowed`, naming the first one found.
 *
 * @example
 * refuseUnknownKeys({ stock: 1, stok: 2 }, ["stock"], "demand") // throws "demand.stok: is not a known field"
 */
export function refuseUnknownKeys(o: RawObject, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) {
      throw new EngineError("unknown-option", fieldPath(path, key), "is not a known field");
    }
  }
}

function exactlyOne(o: RawObject, keys: readonly string[]): string {
  const given = keys.filter((k) => o[k] !== undefined && o[k] !== null && o[k] !== "");
  if (given.length !== 1) {
    throw new EngineError(
      given.length === 0 ? "missing" : "invalid-type",
      keys.join("|"),
      given.length === 0 ? `give one of ${keys.join(", ")}` : `give only one of ${given.join(", ")}`,
    );
  }
  return given[0];
}

function growthRate(o: RawObject, key: string, path: string): Decimal {
  return readRate(o, key, path, { gt: -1, max: MAX_GROWTH, default: 0 });
}

function phaseStep(raw: unknown, field: string): PhaseStep {
  const o = asObject(raw, field);
  refuseUnknownKeys(o, PHASE_KEYS, field);
  return { year: readFy(o, "year", field), share: readRate(o, "share", field, { min: 0, max: 1 }) };
}

function levers(o: RawObject, firstYear: number, scale: Decimal): DemandLevers {
  const raw = readObject(o, "levers", "", { optional: true });
  if (raw === undefined) {
    return {
      entriesChange: new Decimal(0),
      exitRateChange: new Decimal(0),
      exitLagYears: 0,
      exitBasis: "trend",
      phasing: [],
    };
  }
  refuseUnknownKeys(raw, LEVER_KEYS, "levers");
  const phasingField = "levers.phasing";
  const phasing =
    raw.phasing === undefined
      ? [{ year: firstYear, share: new Decimal(1) }]
      : readArray(raw, "phasing", "levers").map((p, i) => phaseStep(p, fieldPath(phasingField, i)));
  for (let i = 1; i < phasing.length; i++) {
    if (phasing[i].year <= phasing[i - 1].year) {
      throw new EngineError("out-of-range", fieldPath(phasingField, i), "years must increase down the list");
    }
  }
  return {
    entriesChange: readRate(raw, "entriesChange", "levers", { min: -1, max: 10, default: 0 }).times(scale),
    exitRateChange: readRate(raw, "exitRateChange", "levers", { min: -1, max: 10, default: 0 }).times(scale),
    exitLagYears: readNumber(raw, "exitLagYears", "levers", {
      min: 0,
      max: MAX_YEARS,
      integer: true,
      default: 0,
    }),
    exitBasis: readEnum<ExitBasis>(raw, "exitBasis", "levers", ["trend", "stock"], { default: "trend" }),
    phasing,
  };
}

/** A list of `{ year, <key> }` for projected years, in increasing year order, as a map. */
function byYear(
  o: RawObject,
  listKey: string,
  key: string,
  years: { first: number; last: number },
  read: (item: RawObject, field: string) => Decimal,
): Map<number, Decimal> {
  const out = new Map<number, Decimal>();
  if (o[listKey] === undefined) return out;
  let previous = -Infinity;
  readArray(o, listKey, "").forEach((raw, i) => {
    const field = fieldPath(listKey, i);
    const item = asObject(raw, field);
    refuseUnknownKeys(item, ["year", key], field);
    const year = readFy(item, "year", field);
    if (year < years.first || year > years.last) {
      throw new EngineError(
        "out-of-range",
        fieldPath(field, "year"),
        "must be a projected year (after baseYear, up to endYear)",
      );
    }
    if (year <= previous) throw new EngineError("out-of-range", field, "years must increase down the list");
    previous = year;
    out.set(year, read(item, field));
  });
  return out;
}

function populationScale(o: RawObject): Decimal {
  const population = readDecimal(o, "population", "", { min: 1, max: 1e10, optional: true });
  const target = readDecimal(o, "targetPopulation", "", { min: 1, max: 1e10, optional: true });
  if (population === undefined && target === undefined) return new Decimal(1);
  if (population === undefined)
    throw new EngineError("missing", "population", "is required with targetPopulation");
  if (target === undefined)
    throw new EngineError("missing", "targetPopulation", "is required with population");
  return target.div(population);
}

/**
 * Parses and checks a demand model; scales stock, entries, exits, spend and budget when `population` and
 * `targetPopulation` are given (unit costs and rates are unchanged by scale).
 *
 * @example
 * parseDemandModel({ name: "x", baseYear: "2024/25", endYear: "2035/36", stock: 100, entries: 50,
 *   exitRate: 0.5, unitCost: 1000, budget: 90000 }).endYear // 2035
 * parseDemandModel({ name: "x", stok: 1 }) // throws "stok: is not a known field"
 */
export function parseDemandModel(raw: unknown): DemandModel {
  const o = asObject(raw, "demand");
  refuseUnknownKeys(o, TOP_KEYS, "");
  if (o.notes !== undefined) asObject(o.notes, "notes");
  const name = readString(o, "name", "");
  const baseYear = readFy(o, "baseYear", "");
  const endYear = readFy(o, "endYear", "");
  if (endYear <= baseYear || endYear - baseYear > MAX_YEARS) {
    throw new EngineError("out-of-range", "endYear", `must be 1 to ${MAX_YEARS} years after baseYear`);
  }
  const reportFrom = o.reportFrom === undefined ? baseYear + 1 : fyValue(o.reportFrom, "reportFrom");
  if (reportFrom <= baseYear || reportFrom > endYear) {
    throw new EngineError(
      "out-of-range",
      "reportFrom",
      "must be a projected year (after baseYear, up to endYear)",
    );
  }
  const scale = populationScale(o);
  const stock = readDecimal(o, "stock", "", { min: 0, max: MAX_COUNT });
  const exitKey = exactlyOne(o, ["exitRate", "meanStayYears", "exits"]);
  let exitRate: Decimal;
  if (exitKey === "exitRate") exitRate = readRate(o, "exitRate", "", { min: 0, max: 1 });
  else if (exitKey === "meanStayYears")
    exitRate = new Decimal(1).div(readDecimal(o, "meanStayYears", "", { min: 1, max: MAX_YEARS }));
  else {
    if (stock.isZero())
      throw new EngineError("out-of-range", "exits", "needs a stock > 0 to give an exit rate");
    exitRate = readDecimal(o, "exits", "", { min: 0, max: stock.toNumber() }).div(stock);
  }
  const costKey = exactlyOne(o, ["unitCost", "spend"]);
  let unitCost: Decimal;
  if (costKey === "unitCost") unitCost = readDecimal(o, "unitCost", "", { min: 0, max: MAX_COUNT });
  else {
    if (stock.isZero())
      throw new EngineError("out-of-range", "spend", "needs a stock > 0 to give a unit cost");
    unitCost = readDecimal(o, "spend", "", { min: 0, max: MAX_POUNDS }).div(stock);
    if (unitCost.gt(MAX_COUNT)) {
      throw new EngineError(
        "out-of-range",
        "spend",
        `÷ stock must be at most £${MAX_COUNT} a child, got £${unitCost.toSignificantDigits(3).toString()}`,
      );
    }
  }
  const years = { first: baseYear + 1, last: endYear };
  const entriesByYear = byYear(o, "entriesByYear", "entries", years, (item, field) =>
    readDecimal(item, "entries", field, { min: 0, max: MAX_COUNT }).times(scale),
  );
  const exitRateByYear = byYear(o, "exitRateByYear", "exitRate", years, (item, field) =>
    readRate(item, "exitRate", field, { min: 0, max: 1 }),
  );
  const leverScale =
    o.leverScale === undefined ? new Decimal(1) : rateValue(o.leverScale, "leverScale", { min: 0, max: 10 });
  return {
    name,
    baseYear,
    endYear,
    reportFrom,
    stock: stock.times(scale),
    entries: readDecimal(o, "entries", "", { min: 0, max: MAX_COUNT }).times(scale),
    entriesGrowth: growthRate(o, "entriesGrowth", ""),
    exitRate,
    entriesByYear,
    exitRateByYear,
    unitCost,
    unitCostInflation: growthRate(o, "unitCostInflation", ""),
    budget: readDecimal(o, "budget", "", { min: 0, max: MAX_POUNDS }).times(scale),
    budgetGrowth: growthRate(o, "budgetGrowth", ""),
    spendBasis: readEnum<SpendBasis>(o, "spendBasis", "", ["averageStock", "closingStock"], {
      default: "averageStock",
    }),
    benefitBasis: readEnum<BenefitBasis>(o, "benefitBasis", "", ["split", "costAvoidance", "cashable"], {
      default: "split",
    }),
    levers: levers(o, baseYear + 1, leverScale),
    scale,
  };
}
