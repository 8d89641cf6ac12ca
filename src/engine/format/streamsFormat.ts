import { fieldRef } from "./captions";
import * as v from "valibot";
import type { Decimal } from "../money";
import { EngineError } from "../errors";
import { CASHABILITY, EXISTING_LINE_TREATMENTS, INFLATION_BASES, SCHEDULE_SHAPES } from "../choices";
import { describeValue } from "../parse/read";
import type { ExistingMtfsLine } from "../existingMtfs";
import type { PackageSaving } from "../packageSaving";
import type { ShareSchedule } from "../shareSchedule";
import type { IncomeItem } from "../incomeStream";
import type { StaffingReduction } from "../staffingStream";
import type { StreamCommon, StreamInput, StretchTarget } from "../assumptions";
import type { Cashability } from "../stream";
import type { FyStartYear } from "../types";
import { WEEKLY_COST_RULES } from "../weeklyCostRules";
import {
  at,
  choice,
  date,
  decimal,
  field,
  flag,
  fraction,
  fy,
  issueMessage,
  kind,
  kinds,
  list,
  optional,
  yearRate,
  strict,
  text,
} from "./define";
import {
  cohortEntries,
  durationWarning,
  targetFormat,
  weeklyCostWarning,
  type CohortDraft,
} from "./cohortFormat";

/**
 * The saving streams of the multi-stream `assumptions` (issue 13), defined once: one strict variant per stream
 * kind, each with the common fields (id, label, cashability, confidenceWeighting, inflationPerYear,
 * priceBaseFy, note) and exactly its engine module's inputs (src/engine/*Stream.ts), plus the dated share
 * schedule, the package saving and the existing MTFS lines. Cross-field rules sit beside the fields they
 * join (dates in order, a new fee not below the old, a new provision not dearer than the current one).
 */

/** A list path step, for issues raised by a list's own check. */
export function atIndex(input: readonly unknown[], key: number): v.ArrayPathItem {
  return { type: "array", origin: "value", input: input as unknown[], key, value: input[key] };
}

type AddIssue = (info: { message: string; path?: [v.IssuePathItem, ...v.IssuePathItem[]] }) => void;

/**
 * Adds an issue on `later` of `o` when it is before `earlier` (ISO dates compare as text); `list` ("items[]")
 * is where the caption table words `earlier`.
 */
function inOrder(
  o: Readonly<Record<string, unknown>>,
  [list, earlier, later]: readonly [string, string, string],
  addIssue: AddIssue,
): boolean {
  const a = o[earlier];
  const b = o[later];
  if (typeof a !== "string" || typeof b !== "string" || b >= a) return true;
  addIssue({
    message: issueMessage("invalid-date", `must not be before ${fieldRef(`${list}.${earlier}`)}`),
    path: [at(o, later)],
  });
  return false;
}

/** Refuses an empty list (a stream with no categories, a schedule with no points). */
function nonEmpty<S extends Parameters<typeof list>[0]>(item: S, what: string) {
  return v.pipe(
    list(item),
    v.check((xs) => xs.length > 0, issueMessage("missing", `needs at least one ${what}`)),
  );
}

const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** A stream id: a short slug (letters, digits, - and _; at most 40). */
const slug = field<string, string>(
  {
    type: "text",
    rule: "a slug: letters, digits, - or _, at most 40",
    json: { type: "string", pattern: SLUG.source },
    about: "short id, e.g. falls; costs name it in `stream`",
  },
  (value) => {
    const t = typeof value === "string" ? value.trim() : value;
    if (typeof t !== "string" || !SLUG.test(t)) {
      throw new EngineError(
        "invalid-type",
        "",
        `must be a short slug (letters, digits, - or _, at most 40), got ${describeValue(value)}`,
      );
    }
    return t;
  },
);

const POSITIVE_MONEY = { min: 0, max: 1e12 };
const COUNT = { min: 0, max: 1e9 };
const weeklyMoney = (about: string) => decimal(WEEKLY_COST_RULES, { about, warn: weeklyCostWarning });
const share = (about: string, d: { default?: string } = {}) => fraction({ about, ...d });

/** The fields every stream has. */
const commonEntries = {
  id: slug,
  label: text({ maxLength: 200, about: "the stream in words" }),
  cashability: optional(
    choice(CASHABILITY, {
      default: "per kind (cohort: costAvoidance, else cashable)",
      about: "what kind of saving",
    }),
  ),
  confidenceWeighting: optional(share("confidence weighting on the stream's gross", { default: "100%" })),
  inflationPerYear: optional(yearRate({ default: "0", about: "stepped each 1 April" })),
  priceBaseFy: optional(fy({ default: "first horizon FY", about: "FY of the stream's £" })),
  cohortKey: optional(text({ maxLength: 100, about: "its cohort across the programme (overlap register)" })),
};

interface CommonDraft {
  readonly id: string;
  readonly label: string;
  readonly cashability?: Cashability;
  readonly confidenceWeighting?: Decimal;
  readonly inflationPerYear?: Decimal;
  readonly priceBaseFy?: FyStartYear;
  readonly cohortKey?: string;
  readonly note?: string;
}

/** The common fields of a parsed stream (only those given). */
function common(o: CommonDraft): StreamCommon & {
  readonly cashability?: Cashability;
  readonly inflationPerYear?: Decimal;
  readonly priceBaseFy?: FyStartYear;
} {
  return Object.fromEntries(
    (
      [
        "id",
        "label",
        "cashability",
        "confidenceWeighting",
        "inflationPerYear",
        "priceBaseFy",
        "cohortKey",
        "note",
      ] as const
    )
      .filter((k) => o[k] !== undefined)
      .map((k) => [k, o[k]]),
  ) as unknown as StreamCommon;
}

const sharePoint = v.pipe(
  strict({
    date: date({ about: "from this date" }),
    share: share("share of full impact reached on the date"),
  }),
  v.transform((o) => ({ date: o.date, share: o.share })),
);

/**
 * Dated shares of full impact (shareSchedule.ts): `linear` between points, or `steps` (each share holds until
 * the next point: x% until a date, then full). Dates must be in order.
 */
export const scheduleFormat = v.pipe(
  strict({
    shape: optional(choice(SCHEDULE_SHAPES, { default: "linear", about: "steps: a stepped ramp" })),
    points: nonEmpty(sharePoint, "dated point"),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }): ShareSchedule => {
    const { points } = dataset.value;
    for (let i = 1; i < points.length; i++) {
      if (points[i].date < points[i - 1].date) {
        addIssue({
          message: issueMessage("invalid-date", "must not be before the previous point's date"),
          path: [at(dataset.value, "points"), atIndex(points, i), at(points[i], "date")],
        });
        return NEVER as unknown as ShareSchedule;
      }
    }
    return { shape: dataset.value.shape ?? "linear", points };
  }),
);

/** What one person's smaller (or no longer needed) package saves a week (packageSaving.ts). */
export const packageSavingFormat = kinds([
  v.pipe(
    strict({ kind: kind("weekly"), weeklySavingPerPerson: weeklyMoney("£ a week per person") }),
    v.transform((o): PackageSaving => ({ kind: "weekly", weeklySavingPerPerson: o.weeklySavingPerPerson })),
  ),
  v.pipe(
    strict({
      kind: kind("hours"),
      hoursPerWeek: decimal({ min: 0, max: 168 }, { about: "hours of care a week per person" }),
      costPerHour: decimal({ min: 0, max: 1e6 }, { about: "£ an hour" }),
    }),
    v.transform((o): PackageSaving => ({
      kind: "hours",
      hoursPerWeek: o.hoursPerWeek,
      costPerHour: o.costPerHour,
    })),
  ),
]);

const cohortStreamFormat = v.pipe(
  strict({
    kind: kind("cohort"),
    ...commonEntries,
    ...cohortEntries,
    targetWeighting: optional(
      share("the target is evidence × this confidence weighting (e.g. 40% × 50%)", { default: "none" }),
    ),
    unit: optional(text({ default: "cases", about: "unit of its measures in words, e.g. children" })),
    // A stretch target for this stream (scrutiny report paragraph 22): the Stretch scenarios model it instead.
    stretch: optional(strict({ target: targetFormat, note: optional(text()) })),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }): CohortStreamDraft => {
    const o = dataset.value;
    let ok = true;
    if (o.unitCost.inflationContingency !== undefined) {
      addIssue({
        message: issueMessage(
          "contradictory",
          `is set for the whole proposal in the multi-stream form: use ${fieldRef("inflationContingency.heldCentrally")} in the assumptions`,
        ),
        path: [
          at(o, "unitCost"),
          at(o.unitCost as unknown as Record<string, unknown>, "inflationContingency"),
        ],
      });
      ok = false;
    }
    for (const k of ["inflationPerYear", "priceBaseFy"] as const) {
      if (o[k] !== undefined && o.unitCost[k] !== undefined) {
        addIssue({
          message: issueMessage(
            "contradictory",
            `give ${fieldRef(k)} on the stream or in the unit cost (unitCost), not both`,
          ),
          path: [at(o, k)],
        });
        ok = false;
      }
    }
    return ok ? { ...o, kind: "cohort" } : (NEVER as unknown as CohortStreamDraft);
  }),
);

/** A cohort stream as parsed, before the defaults that need the horizon. */
export type CohortStreamDraft = CommonDraft &
  CohortDraft & {
    readonly kind: "cohort";
    readonly targetWeighting?: Decimal;
    readonly unit?: string;
    readonly durationNote?: string;
    readonly stretch?: StretchTarget;
  };

const categoryFormat = v.pipe(
  strict({
    label: text({ maxLength: 200, about: "spend category, or a lever on the same spend" }),
    addressableSpend: decimal(POSITIVE_MONEY, { about: "third-party spend in scope, £ a year" }),
    reductionRate: share("share of that spend saved at full impact"),
    benefitShare: optional(share("share of the category's saving this slice delivers", { default: "100%" })),
    ramp: scheduleFormat,
  }),
  v.transform((o) => ({
    label: o.label,
    addressableSpend: o.addressableSpend,
    reductionRate: o.reductionRate,
    ...(o.benefitShare === undefined ? {} : { benefitShare: o.benefitShare }),
    ramp: o.ramp,
  })),
);

const addressableSpendFormat = v.pipe(
  strict({
    kind: kind("addressableSpend"),
    ...commonEntries,
    categories: nonEmpty(categoryFormat, "category"),
  }),
  v.transform((o): StreamInput => ({ ...common(o), kind: "addressableSpend", categories: o.categories })),
);

const goLive = {
  goLiveDate: date({ about: "the income starts on this date" }),
  endDate: optional(date({ about: "last day (inclusive); open-ended when absent" })),
};

const incomeItemFormat = kinds([
  v.pipe(
    strict({
      kind: kind("volumeTimesFee"),
      label: text({ maxLength: 200 }),
      volumePerYear: decimal(COUNT, { about: "units charged a year" }),
      feePerUnit: decimal(POSITIVE_MONEY, { about: "new fee per unit, £" }),
      currentFeePerUnit: optional(
        decimal(POSITIVE_MONEY, { default: "0", about: "fee before, £ (0: a new charge)" }),
      ),
      ...goLive,
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): IncomeItem => {
      const o = dataset.value;
      let ok = inOrder(o, ["items[]", "goLiveDate", "endDate"], addIssue);
      if (o.currentFeePerUnit !== undefined && o.feePerUnit.lt(o.currentFeePerUnit)) {
        addIssue({
          message: issueMessage("out-of-range", `must not be below ${fieldRef("items[].currentFeePerUnit")}`),
          path: [at(o, "feePerUnit")],
        });
        ok = false;
      }
      if (!ok) return NEVER as unknown as IncomeItem;
      return {
        kind: "volumeTimesFee",
        label: o.label,
        volumePerYear: o.volumePerYear,
        feePerUnit: o.feePerUnit,
        ...(o.currentFeePerUnit === undefined ? {} : { currentFeePerUnit: o.currentFeePerUnit }),
        goLiveDate: o.goLiveDate,
        ...(o.endDate === undefined ? {} : { endDate: o.endDate }),
      };
    }),
  ),
  v.pipe(
    strict({
      kind: kind("amountPerYear"),
      label: text({ maxLength: 200 }),
      amountPerYear: decimal(POSITIVE_MONEY, { about: "additional income a year, £" }),
      ...goLive,
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): IncomeItem => {
      const o = dataset.value;
      if (!inOrder(o, ["items[]", "goLiveDate", "endDate"], addIssue)) return NEVER as unknown as IncomeItem;
      return {
        kind: "amountPerYear",
        label: o.label,
        amountPerYear: o.amountPerYear,
        goLiveDate: o.goLiveDate,
        ...(o.endDate === undefined ? {} : { endDate: o.endDate }),
      };
    }),
  ),
]);

const incomeFormat = v.pipe(
  strict({ kind: kind("income"), ...commonEntries, items: nonEmpty(incomeItemFormat, "income line") }),
  v.transform((o): StreamInput => ({ ...common(o), kind: "income", items: o.items })),
);

const phasing = {
  fromDate: date({ about: "the reduction starts on this date" }),
  fullByDate: optional(
    date({ default: "fromDate (in full at once)", about: "builds linearly to full by this date" }),
  ),
};

const reductionFormat = kinds([
  v.pipe(
    strict({
      kind: kind("fte"),
      label: text({ maxLength: 200 }),
      fteReduction: decimal(COUNT, { about: "posts removed (FTE)" }),
      costPerFte: decimal(POSITIVE_MONEY, { about: "cost of one FTE a year, £ (salary and on-costs)" }),
      ...phasing,
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): StaffingReduction => {
      const o = dataset.value;
      if (!inOrder(o, ["reductions[]", "fromDate", "fullByDate"], addIssue))
        return NEVER as unknown as StaffingReduction;
      return {
        kind: "fte",
        label: o.label,
        fteReduction: o.fteReduction,
        costPerFte: o.costPerFte,
        fromDate: o.fromDate,
        ...(o.fullByDate === undefined ? {} : { fullByDate: o.fullByDate }),
      };
    }),
  ),
  v.pipe(
    strict({
      kind: kind("amount"),
      label: text({ maxLength: 200 }),
      amountPerYear: decimal(POSITIVE_MONEY, { about: "reduction in staffing spend a year, £" }),
      ...phasing,
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): StaffingReduction => {
      const o = dataset.value;
      if (!inOrder(o, ["reductions[]", "fromDate", "fullByDate"], addIssue))
        return NEVER as unknown as StaffingReduction;
      return {
        kind: "amount",
        label: o.label,
        amountPerYear: o.amountPerYear,
        fromDate: o.fromDate,
        ...(o.fullByDate === undefined ? {} : { fullByDate: o.fullByDate }),
      };
    }),
  ),
]);

const staffingFormat = v.pipe(
  strict({ kind: kind("staffing"), ...commonEntries, reductions: nonEmpty(reductionFormat, "reduction") }),
  v.transform((o): StreamInput => ({ ...common(o), kind: "staffing", reductions: o.reductions })),
);

const provisionFormat = v.pipe(
  strict({
    kind: kind("provision"),
    ...commonEntries,
    caseload: decimal(COUNT, { about: "people who could move" }),
    places: optional(decimal(COUNT, { default: "the caseload", about: "places in the new provision" })),
    currentWeeklyCost: weeklyMoney("current cost per person a week, £"),
    newProvisionWeeklyCost: weeklyMoney("cost per person a week in the new provision, £"),
    openingDate: date({ about: "the new provision opens; the first move happens then" }),
    movesPerStep: decimal(COUNT, { about: "people moved at each step" }),
    stepMonths: decimal({ min: 1, max: 1200, integer: true }, { about: "calendar months between moves" }),
    costPerMove: optional(
      decimal(POSITIVE_MONEY, { default: "0", about: "one-off cost per person moved, £" }),
    ),
    weeksPerYear: optional(decimal({ gt: 0, max: 53 }, { default: "52.18", about: "weeks a year" })),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }): StreamInput => {
    const o = dataset.value;
    if (o.newProvisionWeeklyCost.gt(o.currentWeeklyCost)) {
      addIssue({
        message: issueMessage(
          "out-of-range",
          `must not exceed ${fieldRef("currentWeeklyCost")}: the stream is a saving`,
        ),
        path: [at(o, "newProvisionWeeklyCost")],
      });
      return NEVER as unknown as StreamInput;
    }
    return {
      ...common(o),
      kind: "provision",
      caseload: o.caseload,
      ...(o.places === undefined ? {} : { places: o.places }),
      currentWeeklyCost: o.currentWeeklyCost,
      newProvisionWeeklyCost: o.newProvisionWeeklyCost,
      openingDate: o.openingDate,
      movesPerStep: o.movesPerStep,
      stepMonths: o.stepMonths.toNumber(),
      ...(o.costPerMove === undefined ? {} : { costPerMove: o.costPerMove }),
      ...(o.weeksPerYear === undefined ? {} : { weeksPerYear: o.weeksPerYear }),
    };
  }),
);

const weeks = (about: string, d: { default?: string } = {}) =>
  decimal({ min: 0, max: 5200 }, { about, warn: durationWarning, ...d });

const packageReviewFormat = v.pipe(
  strict({
    kind: kind("packageReview"),
    ...commonEntries,
    caseload: decimal(COUNT, { about: "people with a package of care" }),
    // Over 100% a year is refused as the baseline's growth is (2 typed for 2%), not only warned about.
    growthPerYear: optional(yearRate({ default: "0", about: "caseload growth a year" }, { min: 0 })),
    baseFy: optional(fy({ default: "first horizon FY", about: "the FY the caseload refers to" })),
    weeksBetweenReviews: decimal({ gt: 0, max: 5200 }, { about: "weeks from one review to the next" }),
    reductionRate: share("share of reviews that reduce the package"),
    saving: packageSavingFormat,
    timeline: cohortEntries.timeline,
    durationWeeks: optional(weeks("weeks a reduction lasts", { default: "for good" })),
    costPerReduction: optional(
      decimal(POSITIVE_MONEY, { default: "0", about: "one-off cost per package reduced, £" }),
    ),
  }),
  v.transform((o): StreamInput => ({
    ...common(o),
    kind: "packageReview",
    caseload: o.caseload,
    ...(o.growthPerYear === undefined ? {} : { growthPerYear: o.growthPerYear }),
    ...(o.baseFy === undefined ? {} : { baseFy: o.baseFy }),
    weeksBetweenReviews: o.weeksBetweenReviews,
    reductionRate: o.reductionRate,
    saving: o.saving,
    timeline: o.timeline,
    ...(o.durationWeeks === undefined ? {} : { durationWeeks: o.durationWeeks }),
    ...(o.costPerReduction === undefined ? {} : { costPerReduction: o.costPerReduction }),
  })),
);

const reablementFormat = v.pipe(
  strict({
    kind: kind("reablement"),
    ...commonEntries,
    finishersPerYear: decimal(COUNT, { about: "extra people finishing reablement a year at full capacity" }),
    ramp: scheduleFormat,
    durationWeeks: weeks("weeks each finisher no longer needs the package"),
    saving: packageSavingFormat,
    costPerFinisher: optional(
      decimal(POSITIVE_MONEY, { default: "0", about: "one-off cost per finisher, £" }),
    ),
  }),
  v.transform((o): StreamInput => ({
    ...common(o),
    kind: "reablement",
    finishersPerYear: o.finishersPerYear,
    ramp: o.ramp,
    durationWeeks: o.durationWeeks,
    saving: o.saving,
    ...(o.costPerFinisher === undefined ? {} : { costPerFinisher: o.costPerFinisher }),
  })),
);

/** A stream as parsed: every kind but cohort is final; a cohort waits for the horizon's defaults. */
export type StreamDraft = Exclude<StreamInput, { kind: "cohort" }> | CohortStreamDraft;

/** One stream of a proposal, by its kind. */
export const streamFormat = kinds([
  cohortStreamFormat,
  addressableSpendFormat,
  incomeFormat,
  staffingFormat,
  provisionFormat,
  packageReviewFormat,
  reablementFormat,
]) as unknown as v.GenericSchema<unknown, StreamDraft>;

/** The streams list: at least one. */
export const streamsFormat = nonEmpty(streamFormat, "stream");

/** An existing MTFS line the proposal relates to (existingMtfs.ts). */
export const existingLineFormat = v.pipe(
  strict({
    ref: optional(text({ maxLength: 40, about: "the MTFS reference, e.g. AC21" })),
    label: text({ maxLength: 200, about: "the line's name" }),
    amountPerYear: decimal({ min: -1e12, max: 1e12 }, { about: "saving already in the MTFS a year, £" }),
    firstFy: fy({ about: "first FY the line covers" }),
    lastFy: optional(fy({ default: "open-ended", about: "last FY the line covers" })),
    treatment: choice(EXISTING_LINE_TREATMENTS, {
      about: "deducted: taken off the net; addedBack: also added to the MTFS row",
    }),
    capAtGross: optional(flag({ default: "true", about: "deduct no more than the saving left" })),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }): ExistingMtfsLine => {
    const o = dataset.value;
    if (o.lastFy !== undefined && o.lastFy < o.firstFy) {
      addIssue({
        message: issueMessage(
          "out-of-range",
          `must not be before ${fieldRef("existingMtfsLines[].firstFy")}`,
        ),
        path: [at(o, "lastFy")],
      });
      return NEVER as unknown as ExistingMtfsLine;
    }
    return {
      ...(o.ref === undefined ? {} : { ref: o.ref }),
      label: o.label,
      amountPerYear: o.amountPerYear,
      firstFy: o.firstFy,
      ...(o.lastFy === undefined ? {} : { lastFy: o.lastFy }),
      treatment: o.treatment,
      ...(o.capAtGross === undefined ? {} : { capAtGross: o.capAtGross }),
      ...(o.note === undefined ? {} : { note: o.note }),
    };
  }),
);

/** Where the inflation on the saving is held (proposalProfile.ts). */
export const inflationContingencyFormat = strict({
  heldCentrally: optional(flag({ default: "false", about: "true: inflation held centrally, its own line" })),
  base: optional(
    choice(INFLATION_BASES, { default: "gross", about: "the inflation of the gross, or of the net" }),
  ),
});

/** Prices for costs that inflate and for a per-week overlap. */
export const pricesFormat = strict({
  inflationPerYear: optional(
    yearRate({ default: "0 (single-cohort form: the unit cost's)", about: "stepped each 1 April" }),
  ),
  priceBaseFy: optional(fy({ default: "first horizon FY (single-cohort form: the unit cost's)" })),
  periodsPerYear: optional(
    decimal(
      { gt: 0, max: 366 },
      { default: "52.18 (single-cohort form: the unit cost's)", about: "for a per-week overlap" },
    ),
  ),
});
