import * as v from "valibot";
import { Decimal } from "../money";
import type { BenefitBasis, DemandModel, ExitBasis, PhaseStep, SpendBasis } from "../demandModel";
import { at, choice, decimal, field, fy, issueMessage, list, optional, rate, strict, text } from "./define";
import { describeValue } from "../parse/read";
import { EngineError } from "../errors";

/**
 * The demand model (schema/demand.schema.json), defined once: the parser, the JSON Schema and the field table
 * in docs/engine.md come from this. Money in £ a year, rates as fractions or "2.2%", years as FY labels
 * ("2024/25") or start years (2024). Unknown keys are refused, naming the nearest known one, so a typo
 * ("entriesGrowht") is never silently a default.
 */

/** Horizon bound: at most this many projected years. */
export const DEMAND_MAX_YEARS = 100;
// Bounds that catch typos, not forecasts, and keep every figure over 100 years finite as a float too.
const MAX_COUNT = 1e8;
const MAX_POUNDS = 1e13;
const POPULATION = { min: 1, max: 1e10 };

const growth = (about: string) => optional(rate({ gt: -1, max: 1 }, { default: "0", about }));
const count = (about: string) => decimal({ min: 0, max: MAX_COUNT }, { about });

/** Free notes: an object of explanations (never a figure). */
const notes = field<Record<string, unknown>, Record<string, unknown>>(
  { type: "object", about: "explanations by field (text)", json: { type: "object" } },
  (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new EngineError("invalid-type", "", `must be an object, got ${describeValue(value)}`);
    return value as Record<string, unknown>;
  },
);

const phaseStep = strict({
  year: fy({ about: "from this year on" }),
  share: rate({ min: 0, max: 1 }, { about: "share of the levers' change delivered" }),
});

const leversFormat = strict({
  entriesChange: optional(
    rate({ min: -1, max: 10 }, { default: "0", about: "signed change in entries (-14.5% = fewer)" }),
  ),
  exitRateChange: optional(
    rate({ min: -1, max: 10 }, { default: "0", about: "signed change in exits (2.2% = more)" }),
  ),
  exitLagYears: optional(
    decimal(
      { min: 0, max: DEMAND_MAX_YEARS, integer: true },
      { default: "0", about: "years the exit lever's phasing lags" },
    ),
  ),
  exitBasis: optional(
    choice(["trend", "stock"] as const, {
      default: "trend",
      about: "trend: more exits than the entries lever alone leaves; stock: a higher exit rate",
    }),
  ),
  phasing: optional(list(phaseStep)),
});

const entriesItem = strict({ year: fy(), entries: count("stated do-nothing entries that year") });
const exitRateItem = strict({
  year: fy(),
  exitRate: rate({ min: 0, max: 1 }, { about: "exit rate from that year on" }),
});

const entries = {
  $schema: optional(text()),
  name: text({ about: "what the model is of" }),
  source: optional(text()),
  notes: optional(notes),
  baseYear: fy({ about: "the year the stated stock, spend and budget belong to" }),
  endYear: fy({ about: "last projected year" }),
  reportFrom: optional(fy({ default: "baseYear + 1", about: "cumulative figures count from this year" })),
  step: optional(
    choice(["year", "month"] as const, {
      default: "year",
      about: "year: one step a year; month: twelve (entries and exit rate ÷ 12 a month)",
    }),
  ),
  stock: count("children in care at the end of the base year"),
  entries: count("entries in the base year"),
  entriesGrowth: growth("do-nothing growth of entries a year"),
  entriesByYear: optional(list(entriesItem)),
  exitRate: optional(rate({ min: 0, max: 1 }, { about: "share of the opening stock that exits a year" })),
  meanStayYears: optional(decimal({ min: 1, max: DEMAND_MAX_YEARS }, { about: "exit rate = 1 / mean stay" })),
  exits: optional(count("exits in the base year (exit rate = exits / stock)")),
  exitRateByYear: optional(list(exitRateItem)),
  unitCost: optional(count("cost per child a year (£, base year)")),
  spend: optional(
    decimal({ min: 0, max: MAX_POUNDS }, { about: "base-year spend (unit cost = spend / stock)" }),
  ),
  unitCostInflation: growth("unit cost inflation a year"),
  budget: decimal({ min: 0, max: MAX_POUNDS }, { about: "base-year budget (£)" }),
  budgetGrowth: growth("budget growth a year"),
  spendBasis: optional(
    choice(["averageStock", "closingStock"] as const, {
      default: "averageStock",
      about: "stock spend is paid on",
    }),
  ),
  benefitBasis: optional(
    choice(["split", "costAvoidance", "cashable"] as const, {
      default: "split",
      about: "split: cashable only below the budget line",
    }),
  ),
  levers: optional(leversFormat),
  leverScale: optional(
    rate({ min: 0, max: 10 }, { default: "1", about: "scales both levers (0.5 = half impact)" }),
  ),
  population: optional(decimal(POPULATION, { about: "population the figures are for" })),
  targetPopulation: optional(decimal(POPULATION, { about: "population to scale to (pro rata)" })),
};

type Path = [v.IssuePathItem, ...v.IssuePathItem[]];
type Issue = (info: { message: string; path: Path }) => void;

const listAt = (items: readonly unknown[], i: number): v.ArrayPathItem => ({
  type: "array",
  origin: "value",
  input: items as unknown[],
  key: i,
  value: items[i],
});

/** Years of a list must increase and (for by-year lists) lie in the projection. */
function checkYears(
  o: Record<string, unknown>,
  key: string,
  items: readonly { year: number }[],
  years: { first: number; last: number } | undefined,
  addIssue: Issue,
  nested: readonly v.IssuePathItem[] = [],
): boolean {
  let ok = true;
  items.forEach((item, i) => {
    const step: Path = [...(nested as Path), at(o, key), listAt(items, i)] as Path;
    if (years && (item.year < years.first || item.year > years.last)) {
      addIssue({
        message: issueMessage("out-of-range", "must be a projected year (after baseYear, up to endYear)"),
        path: [...step, at(item as unknown as Record<string, unknown>, "year")],
      });
      ok = false;
    } else if (i > 0 && item.year <= items[i - 1].year) {
      addIssue({ message: issueMessage("out-of-range", "years must increase down the list"), path: step });
      ok = false;
    }
  });
  return ok;
}

/**
 * The demand model: fields above, then the cross-field rules (one exit measure and one cost measure, years in
 * order and in the projection, populations in pairs) and the derived figures (exit rate, unit cost, scale).
 */
export const demandFormat = v.pipe(
  {
    ...strict(entries),
    // For the JSON Schema (describe.ts): the one-of rules the transform below checks.
    jsonAlso: {
      allOf: [
        { oneOf: ["exitRate", "meanStayYears", "exits"].map((k) => ({ required: [k] })) },
        { oneOf: ["unitCost", "spend"].map((k) => ({ required: [k] })) },
      ],
    },
  },
  v.rawTransform(({ dataset, addIssue, NEVER }): DemandModel => {
    const o = dataset.value;
    const raw = o as unknown as Record<string, unknown>;
    const fail = NEVER as unknown as DemandModel;
    const issue = (key: string, code: Parameters<typeof issueMessage>[0], rule: string): false => {
      addIssue({ message: issueMessage(code, rule), path: [at(raw, key)] });
      return false;
    };
    let ok = true;
    const { baseYear, endYear } = o;
    if (endYear <= baseYear || endYear - baseYear > DEMAND_MAX_YEARS)
      ok = issue("endYear", "out-of-range", `must be 1 to ${DEMAND_MAX_YEARS} years after baseYear`);
    const reportFrom = o.reportFrom ?? baseYear + 1;
    if (o.reportFrom !== undefined && (reportFrom <= baseYear || reportFrom > endYear))
      ok = issue("reportFrom", "out-of-range", "must be a projected year (after baseYear, up to endYear)");
    const exitKeys = (["exitRate", "meanStayYears", "exits"] as const).filter((k) => o[k] !== undefined);
    const costKeys = (["unitCost", "spend"] as const).filter((k) => o[k] !== undefined);
    for (const [keys, all] of [
      [exitKeys, ["exitRate", "meanStayYears", "exits"]],
      [costKeys, ["unitCost", "spend"]],
    ] as const) {
      if (keys.length === 0) ok = issue(all[0], "missing", `give one of ${all.join(", ")}`);
      else if (keys.length > 1) ok = issue(keys[1], "contradictory", `give only one of ${keys.join(", ")}`);
    }
    if (o.exits !== undefined && (o.stock.isZero() || o.exits.gt(o.stock)))
      ok = issue(
        "exits",
        "out-of-range",
        o.stock.isZero() ? "needs a stock > 0 to give an exit rate" : "must be at most the stock",
      );
    if (o.spend !== undefined && o.stock.isZero())
      ok = issue("spend", "out-of-range", "needs a stock > 0 to give a unit cost");
    else if (o.spend !== undefined && o.spend.div(o.stock).gt(MAX_COUNT))
      ok = issue(
        "spend",
        "out-of-range",
        `÷ stock must be at most £${MAX_COUNT} a child, got £${o.spend.div(o.stock).toSignificantDigits(3).toString()}`,
      );
    if ((o.population === undefined) !== (o.targetPopulation === undefined)) {
      ok =
        o.population === undefined
          ? issue("population", "missing", "is required with targetPopulation")
          : issue("targetPopulation", "missing", "is required with population");
    }
    const years = { first: baseYear + 1, last: endYear };
    ok = checkYears(raw, "entriesByYear", o.entriesByYear ?? [], years, addIssue) && ok;
    ok = checkYears(raw, "exitRateByYear", o.exitRateByYear ?? [], years, addIssue) && ok;
    const lv = o.levers;
    if (lv?.phasing !== undefined)
      ok =
        checkYears(lv as unknown as Record<string, unknown>, "phasing", lv.phasing, undefined, addIssue, [
          at(raw, "levers"),
        ]) && ok;
    if (!ok || exitKeys.length !== 1 || costKeys.length !== 1) return fail;

    const one = new Decimal(1);
    const scale = o.population && o.targetPopulation ? o.targetPopulation.div(o.population) : one;
    const exitRate =
      o.exitRate ?? (o.meanStayYears ? one.div(o.meanStayYears) : (o.exits ?? new Decimal(0)).div(o.stock));
    const unitCost = o.unitCost ?? (o.spend ?? new Decimal(0)).div(o.stock);
    const leverScale = o.leverScale ?? one;
    const zero = new Decimal(0);
    const phasing: PhaseStep[] = lv === undefined ? [] : (lv.phasing ?? [{ year: baseYear + 1, share: one }]);
    return {
      name: o.name,
      baseYear,
      endYear,
      reportFrom,
      stepsPerYear: o.step === "month" ? 12 : 1,
      stock: o.stock.times(scale),
      entries: o.entries.times(scale),
      entriesGrowth: o.entriesGrowth ?? zero,
      exitRate,
      entriesByYear: new Map((o.entriesByYear ?? []).map((e) => [e.year, e.entries.times(scale)])),
      exitRateByYear: new Map((o.exitRateByYear ?? []).map((e) => [e.year, e.exitRate])),
      unitCost,
      unitCostInflation: o.unitCostInflation ?? zero,
      budget: o.budget.times(scale),
      budgetGrowth: o.budgetGrowth ?? zero,
      spendBasis: (o.spendBasis ?? "averageStock") as SpendBasis,
      benefitBasis: (o.benefitBasis ?? "split") as BenefitBasis,
      levers: {
        entriesChange: (lv?.entriesChange ?? zero).times(leverScale),
        exitRateChange: (lv?.exitRateChange ?? zero).times(leverScale),
        exitLagYears: (lv?.exitLagYears ?? zero).toNumber(),
        exitBasis: (lv?.exitBasis ?? "trend") as ExitBasis,
        phasing,
      },
      scale,
    };
  }),
);

/** The JSON a demand model accepts, derived from the definition. */
export type DemandJson = v.InferInput<typeof demandFormat>;
