import * as v from "valibot";
import { Decimal, ZERO } from "../money";
import { COST_KINDS, DELIVERY_KINDS, LEVERS, OVERLAP_KINDS, RAMPS } from "../choices";
import { WEEKS_PER_YEAR } from "../fiscalYear";
import { monthsToWeeks } from "../timeline";
import { decimalValue, describeValue } from "../parse/read";
import type {
  Baseline,
  CostItem,
  Delivery,
  Horizon,
  Lever,
  MtfsOverlap,
  ProfileInput,
  Target,
  Timeline,
  UnitCost,
  UnitCostComponent,
} from "../types";
import {
  at,
  byFy,
  choice,
  date,
  decimal,
  field,
  flag,
  fy,
  issueMessage,
  kind,
  kinds,
  list,
  optional,
  rate,
  strict,
  text,
} from "./define";
import { EngineError } from "../errors";

/**
 * The proposal's `assumptions` block (the template's "benefit profile assumptions"), defined once: the
 * parser, schema/proposal.schema.json, the field table in docs/engine.md and the wizard's rules all come
 * from this. Each object ends in the engine record it becomes (ProfileInput and its parts).
 *
 * New shapes go in the same way: the multi-stream model adds `streams: optional(list(kinds([...])))` with
 * one `strict({ kind: kind("entry"), ... })` per stream kind, and the tables, schema and parser follow.
 */

/** Default horizon: FY26/27 to FY31/32, MTFS to FY29/30. */
export const DEFAULT_HORIZON: Horizon = { firstFy: 2026, lastFy: 2031, mtfsLastFy: 2029 };

/**
 * The largest percent target each lever allows: a reduction cannot avoid more than every entry (entry), nor
 * move more than the whole caseload out early (exit). An increase (negative %) is bounded by the field rule.
 */
export const LEVER_MAX_PERCENT: Readonly<Record<Lever, number>> = { entry: 1, exit: 1 };

/** Component shares may miss 1 by this much (rounded shares such as 3 × 0.333). */
export const SHARE_SUM_TOLERANCE = new Decimal("0.001");

/** Weekly costs outside this band are probably in £k, £m or per year: a warning, not an error. */
export const WEEKLY_COST_PLAUSIBLE = { min: 1, max: 50000 } as const;

/** Durations beyond this many years are probably not weeks: a warning. */
export const DURATION_PLAUSIBLE_YEARS = 20;

const MONEY = { min: -1e9, max: 1e9 };
const BIG_MONEY = { min: -1e12, max: 1e12 };

function numberOf(value: unknown): number | undefined {
  try {
    return decimalValue(value, "").toNumber();
  } catch {
    return undefined;
  }
}

function weeklyCostWarning(value: unknown): string | undefined {
  const n = numberOf(value);
  if (n === undefined || n === 0) return undefined;
  if (Math.abs(n) < WEEKLY_COST_PLAUSIBLE.min) {
    return `£${n} a week is under £${WEEKLY_COST_PLAUSIBLE.min}; money is in £ (not £k or £m)`;
  }
  if (Math.abs(n) > WEEKLY_COST_PLAUSIBLE.max) {
    return `£${n} a week is over £${WEEKLY_COST_PLAUSIBLE.max.toLocaleString("en-GB")}; is it a cost per year?`;
  }
  return undefined;
}

function durationWarning(value: unknown): string | undefined {
  const n = numberOf(value);
  if (n === undefined || n <= DURATION_PLAUSIBLE_YEARS * WEEKS_PER_YEAR.toNumber()) return undefined;
  return `${n} weeks is over ${DURATION_PLAUSIBLE_YEARS} years; the duration is in weeks`;
}

const horizonFormat = v.pipe(
  strict({
    firstFy: optional(fy({ default: "FY26/27", about: "first FY shown" })),
    lastFy: optional(fy({ default: "FY31/32 (not before firstFy)", about: "last FY shown" })),
    mtfsLastFy: optional(fy({ default: "firstFy + 3, at most lastFy", about: "last FY of the MTFS" })),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }): Horizon => {
    const o = dataset.value;
    const firstFy = o.firstFy ?? DEFAULT_HORIZON.firstFy;
    const lastFy = o.lastFy ?? Math.max(firstFy, DEFAULT_HORIZON.lastFy);
    const mtfsLastFy = o.mtfsLastFy ?? Math.min(lastFy, firstFy + 3);
    const fail = (key: string, rule: string): Horizon => {
      addIssue({ message: issueMessage("out-of-range", rule), path: [at(o, key)] });
      return NEVER as unknown as Horizon;
    };
    if (lastFy < firstFy) return fail("lastFy", "must not be before firstFy");
    if (lastFy - firstFy > 60) return fail("lastFy", "must be within 60 years of firstFy");
    if (mtfsLastFy < firstFy || mtfsLastFy > lastFy)
      return fail("mtfsLastFy", "must be within firstFy..lastFy");
    return { firstFy, lastFy, mtfsLastFy };
  }),
);

const baselineFormat = v.pipe(
  strict({
    volumePerYear: decimal(
      { min: 0 },
      { about: "events a year (starts), or the caseload for the exit lever" },
    ),
    growthPerYear: optional(
      rate({ gt: -1, max: 10 }, { default: "0", about: "growth of the volume a year" }),
    ),
    baseFy: optional(fy({ default: "first horizon FY", about: "the FY the volume describes" })),
  }),
  v.transform((o): Baseline => ({
    volumePerYear: o.volumePerYear,
    growthPerYear: o.growthPerYear ?? ZERO,
    ...(o.baseFy === undefined ? {} : { baseFy: o.baseFy }),
  })),
);

const cohortSize = optional(
  decimal({ gt: 0, max: 1e9 }, { about: "a fixed cohort: avoided events stop once this many are reached" }),
);

const targetFormat = kinds([
  v.pipe(
    strict({
      kind: kind("percent"),
      value: rate(
        { min: -10, max: 10 },
        { about: "share of the baseline avoided", rule: "≥ -1000%, ≤ the lever's maximum (100%)" },
      ),
      cohortSize,
    }),
    v.transform((o): Target => ({
      kind: o.kind,
      value: o.value,
      ...(o.cohortSize ? { cohortSize: o.cohortSize } : {}),
    })),
  ),
  v.pipe(
    strict({
      kind: kind("countPerYear"),
      value: decimal({ min: -1e9, max: 1e9 }, { about: "events avoided a year (or per perWeeks)" }),
      perWeeks: optional(
        decimal({ gt: 0, max: 5200 }, { about: "the count is per this many weeks (annualised)" }),
      ),
      cohortSize,
    }),
    v.transform((o): Target => ({
      kind: o.kind,
      // A count stated per block of weeks (e.g. 10 CYP per 12-week term) is annualised with 52.18 weeks.
      value: o.perWeeks ? o.value.times(WEEKS_PER_YEAR).div(o.perWeeks) : o.value,
      ...(o.cohortSize ? { cohortSize: o.cohortSize } : {}),
    })),
  ),
  v.pipe(
    strict({
      kind: kind("caseloadReduction"),
      value: decimal({ min: -1e9, max: 1e9 }, { about: "steady-state caseload reduction" }),
      cohortSize,
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): Target => {
      if (dataset.value.cohortSize !== undefined) {
        addIssue({
          message: issueMessage("invalid-type", "applies only to percent and countPerYear targets"),
          path: [at(dataset.value, "cohortSize")],
        });
        return NEVER as unknown as Target;
      }
      return { kind: dataset.value.kind, value: dataset.value.value };
    }),
  ),
]);

const phaseMonths = (name: string) =>
  optional(
    decimal({ min: 0, max: 1200 }, { default: "0", about: `${name} phase in months (or ${name}Weeks)` }),
  );
const phaseWeeks = (name: string) =>
  optional(
    decimal({ min: 0, max: 5200 }, { default: "0", about: `${name} phase in weeks (or ${name}Months)` }),
  );

const deliveryFormat = kinds([
  v.pipe(
    strict({ kind: kind("continuous") }),
    v.transform((): Delivery => ({ kind: "continuous" })),
  ),
  v.pipe(
    strict({
      kind: kind("batches"),
      everyWeeks: decimal({ min: 1, max: 520 }, { about: "weeks between batches" }),
    }),
    v.transform((o): Delivery => ({ kind: "batches", everyWeeks: o.everyWeeks })),
  ),
]);
void DELIVERY_KINDS;

const PHASES = ["design", "pilot", "rollout", "lead"] as const;

const timelineFormat = v.pipe(
  strict({
    startDate: date({ about: "project start" }),
    designMonths: phaseMonths("design"),
    designWeeks: phaseWeeks("design"),
    pilotMonths: phaseMonths("pilot"),
    pilotWeeks: phaseWeeks("pilot"),
    rolloutMonths: phaseMonths("rollout"),
    rolloutWeeks: phaseWeeks("rollout"),
    leadMonths: phaseMonths("lead"),
    leadWeeks: phaseWeeks("lead"),
    ramp: optional(choice(RAMPS, { default: "linear", about: "how the impact builds over the rollout" })),
    designEndDate: optional(date({ about: "stated end of design (overrides the months)" })),
    pilotEndDate: optional(date({ about: "stated end of the pilot" })),
    sustainableDate: optional(date({ about: "stated date of full impact" })),
    deliveryEndDate: optional(date({ about: "stated end of delivery" })),
    delivery: optional(deliveryFormat),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }): Timeline => {
    const o = dataset.value;
    const weeks: Record<string, Decimal> = {};
    for (const name of PHASES) {
      const m = o[`${name}Months`];
      const w = o[`${name}Weeks`];
      if (m !== undefined && w !== undefined) {
        addIssue({
          message: issueMessage("invalid-type", `give ${name}Months or ${name}Weeks, not both`),
          path: [at(o, `${name}Weeks`)],
        });
      }
      weeks[name] = m !== undefined ? monthsToWeeks(m) : (w ?? ZERO);
    }
    if (dataset.issues) return NEVER as unknown as Timeline;
    const dates = (["designEndDate", "pilotEndDate", "sustainableDate", "deliveryEndDate"] as const).reduce(
      (acc, k) => (o[k] === undefined ? acc : { ...acc, [k]: o[k] }),
      {},
    );
    return {
      startDate: o.startDate,
      designWeeks: weeks.design,
      pilotWeeks: weeks.pilot,
      rolloutWeeks: weeks.rollout,
      leadWeeks: weeks.lead,
      ramp: o.ramp ?? "linear",
      ...dates,
      ...(o.delivery ? { delivery: o.delivery } : {}),
    };
  }),
);

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

const realisedFrom = field<string, string>(
  {
    type: "MM-DD",
    rule: "day 1–28",
    json: { type: "string", pattern: "^\\d{2}-\\d{2}$" },
    about: "saving starts each year on this day (e.g. a school year)",
  },
  (value) => {
    const m = typeof value === "string" ? MONTH_DAY.exec(value.trim()) : null;
    const ok = m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= 28;
    if (!ok) {
      throw new EngineError(
        "invalid-date",
        "",
        `must be a day of the year MM-DD (day 1–28), got ${describeValue(value)}`,
      );
    }
    return (value as string).trim();
  },
);

const componentFormat = v.pipe(
  strict({
    label: optional(text({ default: '""' })),
    share: rate({ min: 0, max: 1 }, { about: "share of cases in this component" }),
    costPerPeriod: decimal(MONEY, { about: "saving per case per period (£)" }),
    realisedFrom: optional(realisedFrom),
  }),
  v.transform((o): UnitCostComponent => ({
    label: o.label ?? "",
    share: o.share,
    costPerPeriod: o.costPerPeriod,
    ...(o.realisedFrom ? { realisedFrom: o.realisedFrom } : {}),
  })),
);

/** A unit cost before its price base defaults to the horizon's first FY. */
type UnitCostDraft = Omit<UnitCost, "priceBaseFy"> & { readonly priceBaseFy?: number };

const unitCostFormat = v.pipe(
  strict({
    weeklyCost: optional(
      decimal(MONEY, {
        about: "cost per case per week (£); required unless components are given",
        warn: weeklyCostWarning,
      }),
    ),
    alternativeWeeklyCost: optional(
      decimal(MONEY, { default: "0", about: "cost of the alternative per week" }),
    ),
    overlapWeeklyCost: optional(decimal(MONEY, { default: "0", about: "cost that overlaps per week" })),
    inflationPerYear: optional(rate({ gt: -1, max: 10 }, { default: "0", about: "stepped on 1 April" })),
    priceBaseFy: optional(fy({ default: "first horizon FY", about: "FY of the prices" })),
    periodsPerYear: optional(
      decimal({ gt: 0, max: 366 }, { default: "52.18", about: "periods a year (190 for a school-day cost)" }),
    ),
    components: optional(list(componentFormat)),
    partialShares: optional(
      flag({ default: "false", about: "true when the component shares cover only part of the cases" }),
    ),
    inflationContingency: optional(
      flag({ default: "false", about: "true: inflation held centrally, its own line (Adults proposals)" }),
    ),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }): UnitCostDraft => {
    const o = dataset.value;
    const components = o.components ?? [];
    const fail = (key: string, code: "missing" | "contradictory", rule: string): UnitCostDraft => {
      addIssue({ message: issueMessage(code, rule), path: [at(o, key)] });
      return NEVER as unknown as UnitCostDraft;
    };
    if (components.length > 0 && o.weeklyCost !== undefined) {
      return fail("weeklyCost", "contradictory", "give weeklyCost or components, not both");
    }
    if (components.length === 0 && o.weeklyCost === undefined)
      return fail("weeklyCost", "missing", "is required");
    if (components.length > 0 && !o.partialShares) {
      const sum = components.reduce((s, c) => s.plus(c.share), ZERO);
      if (sum.minus(1).abs().gt(SHARE_SUM_TOLERANCE)) {
        return fail(
          "components",
          "contradictory",
          `shares must sum to 100%, got ${sum.times(100).toDecimalPlaces(2).toString()}%; set partialShares: true if they cover only part of the cases`,
        );
      }
    }
    return {
      weeklyCost: o.weeklyCost ?? ZERO,
      alternativeWeeklyCost: o.alternativeWeeklyCost ?? ZERO,
      overlapWeeklyCost: o.overlapWeeklyCost ?? ZERO,
      inflationPerYear: o.inflationPerYear ?? ZERO,
      ...(o.priceBaseFy === undefined ? {} : { priceBaseFy: o.priceBaseFy }),
      periodsPerYear: o.periodsPerYear ?? WEEKS_PER_YEAR,
      ...(components.length > 0 ? { components } : {}),
      inflationContingency: o.inflationContingency ?? false,
    };
  }),
);

const label = optional(text({ default: '""' }));

const costFormat = kinds([
  v.pipe(
    strict({
      kind: kind("ongoing"),
      label,
      amountPerYear: decimal(BIG_MONEY, { about: "£ a year, pro rata by days" }),
      fromDate: date(),
      toDate: optional(date({ about: "inclusive; open-ended when absent" })),
      inflates: optional(flag({ default: "false", about: "inflates at the unit cost's rate" })),
      inflationPerYear: optional(
        rate({ gt: -1, max: 10 }, { about: "its own inflation (e.g. a pay award)" }),
      ),
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): CostItem => {
      const o = dataset.value;
      if (o.toDate !== undefined && o.toDate < o.fromDate) {
        addIssue({
          message: issueMessage("invalid-date", "must not be before fromDate"),
          path: [at(o, "toDate")],
        });
        return NEVER as unknown as CostItem;
      }
      return {
        kind: "ongoing",
        label: o.label ?? "",
        amountPerYear: o.amountPerYear,
        fromDate: o.fromDate,
        ...(o.toDate ? { toDate: o.toDate } : {}),
        inflates: o.inflates ?? false,
        ...(o.inflationPerYear === undefined ? {} : { inflationPerYear: o.inflationPerYear }),
      };
    }),
  ),
  v.pipe(
    strict({ kind: kind("oneOff"), label, amount: decimal(BIG_MONEY), date: date() }),
    v.transform((o): CostItem => ({ kind: "oneOff", label: o.label ?? "", amount: o.amount, date: o.date })),
  ),
  v.pipe(
    strict({ kind: kind("perCase"), label, amountPerCasePerYear: decimal(BIG_MONEY) }),
    v.transform((o): CostItem => ({
      kind: "perCase",
      label: o.label ?? "",
      amountPerCasePerYear: o.amountPerCasePerYear,
    })),
  ),
  v.pipe(
    strict({ kind: kind("phased"), label, amountsByFy: byFy(BIG_MONEY, { about: '{ "FY26/27": £ }' }) }),
    v.transform((o): CostItem => ({ kind: "phased", label: o.label ?? "", amountsByFy: o.amountsByFy })),
  ),
]);
void COST_KINDS;

const overlapNote = optional(text());

const overlapFormat = kinds([
  v.pipe(
    strict({ kind: kind("none"), note: overlapNote }),
    v.transform((): MtfsOverlap => ({ kind: "none" })),
  ),
  v.pipe(
    strict({
      kind: kind("amountPerYear"),
      amountPerYear: decimal({ min: 0, max: 1e12 }),
      capAtGross: optional(flag({ default: "true" })),
      fromFy: optional(fy({ default: "first horizon FY" })),
      note: overlapNote,
    }),
    v.transform((o): MtfsOverlap => ({
      kind: "amountPerYear",
      amountPerYear: o.amountPerYear,
      capAtGross: o.capAtGross ?? true,
      ...(o.fromFy === undefined ? {} : { fromFy: o.fromFy }),
      ...(o.note === undefined ? {} : { note: o.note }),
    })),
  ),
  v.pipe(
    strict({ kind: kind("amountPerWeek"), amountPerWeek: decimal({ min: 0, max: 1e9 }), note: overlapNote }),
    v.transform((o): MtfsOverlap => ({
      kind: "amountPerWeek",
      amountPerWeek: o.amountPerWeek,
      ...(o.note === undefined ? {} : { note: o.note }),
    })),
  ),
  v.pipe(
    strict({ kind: kind("weeksOfDuration"), weeks: decimal({ min: 0, max: 5200 }), note: overlapNote }),
    v.transform((o): MtfsOverlap => ({
      kind: "weeksOfDuration",
      weeks: o.weeks,
      ...(o.note === undefined ? {} : { note: o.note }),
    })),
  ),
]);
void OVERLAP_KINDS;

/**
 * The `assumptions` block. Cross-field rules: a percent target needs a baseline and stays within the lever's
 * maximum; the unit cost's price base defaults to the horizon's first FY.
 */
export const assumptionsFormat = v.pipe(
  strict({
    horizon: optional(horizonFormat),
    baseline: optional(baselineFormat),
    target: targetFormat,
    lever: optional(
      choice(LEVERS, { default: "entry", about: "entry: fewer start; exit: more leave early" }),
    ),
    durationWeeks: decimal({ gt: 0, max: 5200 }, { about: "average stay (weeks)", warn: durationWarning }),
    durationNote: optional(text()),
    unitCost: unitCostFormat,
    timeline: timelineFormat,
    investment: optional(list(costFormat)),
    mtfsOverlap: optional(overlapFormat),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }): ProfileInput => {
    const o = dataset.value;
    const lever = o.lever ?? "entry";
    if (o.target.kind === "percent") {
      if (o.baseline === undefined) {
        addIssue({
          message: issueMessage("missing", "is required for a percent target"),
          path: [at(o, "baseline")],
        });
        return NEVER as unknown as ProfileInput;
      }
      const max = LEVER_MAX_PERCENT[lever];
      if (o.target.value.gt(max)) {
        const given = o.target.value;
        addIssue({
          message: issueMessage(
            "out-of-range",
            `must be <= ${max * 100}% for the ${lever} lever, got ${given.toString()} (${given.times(100).toString()}%); ` +
              `for ${given.toString()}% write ${given.div(100).toString()} or "${given.toString()}%"`,
          ),
          path: [at(o, "target"), at(o.target as unknown as Record<string, unknown>, "value")],
        });
        return NEVER as unknown as ProfileInput;
      }
    }
    const horizon = o.horizon ?? DEFAULT_HORIZON;
    return {
      baseline: o.baseline ?? { volumePerYear: ZERO, growthPerYear: ZERO },
      target: o.target,
      lever,
      durationWeeks: o.durationWeeks,
      unitCost: { ...o.unitCost, priceBaseFy: o.unitCost.priceBaseFy ?? horizon.firstFy },
      timeline: o.timeline,
      investment: o.investment ?? [],
      mtfsOverlap: o.mtfsOverlap ?? { kind: "none" },
      horizon,
    };
  }),
);

/** The JSON the assumptions block accepts (before defaults), derived from the definition. */
export type AssumptionsJson = v.InferInput<typeof assumptionsFormat>;
