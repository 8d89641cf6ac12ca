import { fieldRef } from "./captions";
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
  yearRate,
  strict,
  text,
} from "./define";
import { EngineError } from "../errors";
import { demandBaselineFormat } from "./demandBaselineFormat";
import { WEEKLY_COST_RULES } from "../weeklyCostRules";

/**
 * The blocks of the `assumptions` format that today's single-cohort form is made of (horizon, baseline, target,
 * timeline, unit cost, costs, overlap), shared by a `cohort` stream (streamsFormat.ts). assumptionsFormat.ts
 * puts them together. Each object ends in the engine record it becomes (ProfileInput and its parts).
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

/**
 * The warning on a negative cost of the alternative: it is netted off the weekly cost, so a negative one adds
 * to the saving. Right for an alternative that brings money in (a contribution above its cost), else a sign slip.
 */
function negativeAlternativeWarning(value: unknown): string | undefined {
  const n = numberOf(value);
  if (n === undefined || n >= 0) return undefined;
  return `£${n} a week is negative, so it adds £${-n} a week to the saving; a cost of the alternative is positive (a negative one only for an alternative that brings money in)`;
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
    if (lastFy < firstFy) return fail("lastFy", `must not be before ${fieldRef("horizon.firstFy")}`);
    if (lastFy - firstFy > 60)
      return fail("lastFy", `must be within 60 years of ${fieldRef("horizon.firstFy")}`);
    if (mtfsLastFy < firstFy || mtfsLastFy > lastFy)
      return fail(
        "mtfsLastFy",
        `must be from ${fieldRef("horizon.firstFy")} to ${fieldRef("horizon.lastFy")}`,
      );
    return { firstFy, lastFy, mtfsLastFy };
  }),
);

const baselineFormat = v.pipe(
  strict({
    volumePerYear: optional(
      decimal(
        { min: 0 },
        { about: "events a year (starts), or the caseload for the exit lever (required unless demand)" },
      ),
    ),
    growthPerYear: optional(yearRate({ default: "0", about: "growth of the volume a year" })),
    baseFy: optional(fy({ default: "first horizon FY", about: "the FY the volume describes" })),
    // A demand model's do-nothing line instead of typed numbers (demandBaselineFormat.ts, issue 16).
    demand: optional(demandBaselineFormat),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }): Baseline => {
    const o = dataset.value;
    const raw = o as unknown as Record<string, unknown>;
    if (o.demand !== undefined) {
      const typed = (["volumePerYear", "growthPerYear", "baseFy"] as const).filter((k) => o[k] !== undefined);
      for (const k of typed)
        addIssue({
          message: issueMessage("contradictory", "give demand or typed volumes, not both"),
          path: [at(raw, k)],
        });
      return typed.length ? (NEVER as unknown as Baseline) : o.demand;
    }
    if (o.volumePerYear === undefined) {
      addIssue({
        message: issueMessage("missing", "is required (or give demand)"),
        path: [at(raw, "volumePerYear")],
      });
      return NEVER as unknown as Baseline;
    }
    return {
      volumePerYear: o.volumePerYear,
      growthPerYear: o.growthPerYear ?? ZERO,
      ...(o.baseFy === undefined ? {} : { baseFy: o.baseFy }),
    };
  }),
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
    stepShare: optional(
      rate({ min: 0, max: 1 }, { about: "the stepped ramp's share of the impact until full impact" }),
    ),
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
    if ((o.ramp === "stepped") !== (o.stepShare !== undefined)) {
      addIssue({
        message:
          o.ramp === "stepped"
            ? issueMessage("missing", "is required with the stepped ramp")
            : issueMessage("contradictory", 'applies only to ramp "stepped"'),
        path: [at(o, "stepShare")],
      });
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
      ...(o.stepShare === undefined ? {} : { stepShare: o.stepShare }),
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

/**
 * A unit cost before its prices default (price base: the horizon's first FY, or the stream's; inflation: 0, or
 * the stream's) and before the proposal decides where its inflation is held.
 */
type UnitCostDraft = Omit<UnitCost, "priceBaseFy" | "inflationPerYear" | "inflationContingency"> & {
  readonly priceBaseFy?: number;
  readonly inflationPerYear?: Decimal;
  readonly inflationContingency?: boolean;
};

const unitCostFormat = v.pipe(
  strict({
    // A cost per case cannot be negative; a proposal that adds cases has a negative target instead.
    weeklyCost: optional(
      decimal(WEEKLY_COST_RULES, {
        about: "cost per case per week (£), never negative; required unless components are given",
        warn: weeklyCostWarning,
        negative:
          "a weekly cost cannot be negative; for a proposal that adds cases, make the target negative",
      }),
    ),
    // Netted off the weekly cost: negative is allowed (an alternative that brings money in) but warned.
    alternativeWeeklyCost: optional(
      decimal(MONEY, {
        default: "0",
        about: "cost of the alternative per week, netted off; a negative one adds to the saving (warned)",
        warn: negativeAlternativeWarning,
      }),
    ),
    // The share of the weekly cost another opportunity already claims: netted off, so never negative.
    overlapWeeklyCost: optional(
      decimal(WEEKLY_COST_RULES, {
        default: "0",
        about: "cost that overlaps per week, netted off the weekly cost; never negative",
        negative: "the overlap is netted off the weekly cost: give it as a positive amount",
      }),
    ),
    inflationPerYear: optional(yearRate({ default: "0", about: "stepped on 1 April" })),
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
      return fail(
        "weeklyCost",
        "contradictory",
        `give ${fieldRef("unitCost.weeklyCost")} or ${fieldRef("unitCost.components[]")}, not both`,
      );
    }
    if (components.length === 0 && o.weeklyCost === undefined)
      return fail("weeklyCost", "missing", "is required");
    if (components.length > 0 && !o.partialShares) {
      const sum = components.reduce((s, c) => s.plus(c.share), ZERO);
      if (sum.minus(1).abs().gt(SHARE_SUM_TOLERANCE)) {
        return fail(
          "components",
          "contradictory",
          `shares must sum to 100%, got ${sum.times(100).toDecimalPlaces(2).toString()}%; set ${fieldRef("unitCost.partialShares")} to yes (true) if they cover only part of the cases`,
        );
      }
    }
    return {
      weeklyCost: o.weeklyCost ?? ZERO,
      alternativeWeeklyCost: o.alternativeWeeklyCost ?? ZERO,
      overlapWeeklyCost: o.overlapWeeklyCost ?? ZERO,
      ...(o.inflationPerYear === undefined ? {} : { inflationPerYear: o.inflationPerYear }),
      ...(o.priceBaseFy === undefined ? {} : { priceBaseFy: o.priceBaseFy }),
      periodsPerYear: o.periodsPerYear ?? WEEKS_PER_YEAR,
      ...(components.length > 0 ? { components } : {}),
      ...(o.inflationContingency === undefined ? {} : { inflationContingency: o.inflationContingency }),
    };
  }),
);

const label = optional(text({ default: '""' }));

const streamRef = optional(
  text({ default: "every stream, summed", about: "id of the stream whose cases or events it is priced on" }),
);

const costFormat = kinds([
  v.pipe(
    strict({
      kind: kind("ongoing"),
      label,
      amountPerYear: decimal(BIG_MONEY, { about: "£ a year, pro rata by days" }),
      fromDate: date(),
      toDate: optional(date({ about: "inclusive; open-ended when absent" })),
      inflates: optional(flag({ default: "false", about: "inflates at the unit cost's rate" })),
      inflationPerYear: optional(yearRate({ about: "its own inflation (e.g. a pay award)" })),
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): CostItem => {
      const o = dataset.value;
      if (o.toDate !== undefined && o.toDate < o.fromDate) {
        addIssue({
          message: issueMessage("invalid-date", `must not be before ${fieldRef("investment[].fromDate")}`),
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
    strict({
      kind: kind("perCase"),
      label,
      amountPerCasePerYear: decimal(BIG_MONEY, { about: "£ per case a year while the case is in the stock" }),
      stream: streamRef,
    }),
    v.transform((o): CostItem => ({
      kind: "perCase",
      label: o.label ?? "",
      amountPerCasePerYear: o.amountPerCasePerYear,
      ...(o.stream === undefined ? {} : { stream: o.stream }),
    })),
  ),
  v.pipe(
    strict({
      kind: kind("perEvent"),
      label,
      amountPerEvent: decimal(BIG_MONEY, {
        about: "£ per event in the FY it happens (e.g. per resident engaged)",
      }),
      stream: streamRef,
      measure: optional(
        text({ default: "avoidedEvents", about: "the stream's measure counted as events, e.g. finishers" }),
      ),
      inflates: optional(flag({ default: "false", about: "inflates at the proposal's prices" })),
    }),
    v.transform((o): CostItem => ({
      kind: "perEvent",
      label: o.label ?? "",
      amountPerEvent: o.amountPerEvent,
      ...(o.stream === undefined ? {} : { stream: o.stream }),
      ...(o.measure === undefined ? {} : { measure: o.measure }),
      inflates: o.inflates ?? false,
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
    strict({ kind: kind("amountPerWeek"), amountPerWeek: decimal(WEEKLY_COST_RULES), note: overlapNote }),
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

/** The single-cohort fields (the whole `assumptions` of today's form, and a `cohort` stream's own fields). */
export const cohortEntries = {
  baseline: optional(baselineFormat),
  target: targetFormat,
  lever: optional(choice(LEVERS, { default: "entry", about: "entry: fewer starts; exit: more leave early" })),
  durationWeeks: decimal({ gt: 0, max: 5200 }, { about: "average stay (weeks)", warn: durationWarning }),
  durationNote: optional(text()),
  unitCost: unitCostFormat,
  timeline: timelineFormat,
};

/** Keys of the single-cohort fields. */
export const COHORT_KEYS = Object.keys(cohortEntries) as readonly (keyof typeof cohortEntries)[];

/** The single-cohort fields as parsed, before the defaults that need the horizon. */
export interface CohortDraft {
  readonly baseline?: Baseline;
  readonly target: Target;
  readonly lever?: Lever;
  readonly durationWeeks: Decimal;
  readonly unitCost: UnitCostDraft;
  readonly timeline: Timeline;
}

/**
 * The cohort's cross-field rules: a percent target needs a baseline and stays within the lever's maximum.
 * Paths are relative to the object holding the fields. False when a rule failed.
 */
export function checkCohort(
  o: CohortDraft,
  addIssue: (info: { message: string; path: [v.IssuePathItem, ...v.IssuePathItem[]] }) => void,
): boolean {
  const lever = o.lever ?? "entry";
  if (o.target.kind !== "percent") return true;
  if (o.baseline === undefined) {
    addIssue({
      message: issueMessage("missing", "is required for a percent target"),
      path: [at(o as unknown as Record<string, unknown>, "baseline")],
    });
    return false;
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
      path: [
        at(o as unknown as Record<string, unknown>, "target"),
        at(o.target as unknown as Record<string, unknown>, "value"),
      ],
    });
    return false;
  }
  return true;
}

/**
 * The single-cohort fields with their defaults: the ProfileInput without the proposal-level lines. `prices`
 * are the stream's own (a cohort stream's inflation and price base when its unit cost does not give them);
 * `heldCentrally` is the proposal's inflation rule.
 *
 * @example
 * resolveCohort(draft, horizon, {}, false).unitCost.priceBaseFy // horizon.firstFy when the unit cost does not say
 */
export function resolveCohort(
  o: CohortDraft,
  horizon: Horizon,
  prices: { readonly inflationPerYear?: Decimal; readonly priceBaseFy?: number },
  heldCentrally: boolean,
): Omit<ProfileInput, "investment" | "mtfsOverlap" | "horizon"> {
  return {
    baseline: o.baseline ?? { volumePerYear: ZERO, growthPerYear: ZERO },
    target: o.target,
    lever: o.lever ?? "entry",
    durationWeeks: o.durationWeeks,
    unitCost: {
      ...o.unitCost,
      inflationPerYear: o.unitCost.inflationPerYear ?? prices.inflationPerYear ?? ZERO,
      priceBaseFy: o.unitCost.priceBaseFy ?? prices.priceBaseFy ?? horizon.firstFy,
      inflationContingency: heldCentrally,
    },
    timeline: o.timeline,
  };
}

export {
  horizonFormat,
  costFormat,
  overlapFormat,
  targetFormat,
  weeklyCostWarning,
  durationWarning,
  MONEY,
  BIG_MONEY,
};
export type { UnitCostDraft };
