import { Decimal, ZERO } from "../money";
import { COST_KINDS, DELIVERY_KINDS, LEVERS, OVERLAP_KINDS, RAMPS, TARGET_KINDS } from "../choices";
import { EngineError } from "../errors";
import { WEEKS_PER_YEAR } from "../fiscalYear";
import { monthsToWeeks } from "../timeline";
import {
  asObject,
  describeValue,
  fieldPath,
  readArray,
  readBoolean,
  readDate,
  readDecimal,
  readEnum,
  readFy,
  readObject,
  readRate,
  readString,
  type RawObject,
} from "./read";
import type {
  Baseline,
  CostItem,
  Delivery,
  Horizon,
  MtfsOverlap,
  ProfileInput,
  Target,
  Timeline,
  UnitCost,
  UnitCostComponent,
} from "../types";

/**
 * Parses the `assumptions` block of a proposal (the template's "benefit profile assumptions") into a
 * ProfileInput, applying the documented defaults (docs/engine.md). Every error names the dotted field.
 */

/** Default horizon: FY26/27 to FY31/32, MTFS to FY29/30. */
export const DEFAULT_HORIZON: Horizon = { firstFy: 2026, lastFy: 2031, mtfsLastFy: 2029 };

function parseHorizon(o: RawObject | undefined, path: string): Horizon {
  if (!o) return DEFAULT_HORIZON;
  const firstFy = readFy(o, "firstFy", path, { default: DEFAULT_HORIZON.firstFy });
  const lastFy = readFy(o, "lastFy", path, { default: Math.max(firstFy, DEFAULT_HORIZON.lastFy) });
  const mtfsLastFy = readFy(o, "mtfsLastFy", path, { default: Math.min(lastFy, firstFy + 3) });
  if (lastFy < firstFy) {
    throw new EngineError("out-of-range", fieldPath(path, "lastFy"), "must not be before firstFy");
  }
  if (lastFy - firstFy > 60) {
    throw new EngineError("out-of-range", fieldPath(path, "lastFy"), "must be within 60 years of firstFy");
  }
  if (mtfsLastFy < firstFy || mtfsLastFy > lastFy) {
    throw new EngineError("out-of-range", fieldPath(path, "mtfsLastFy"), "must be within firstFy..lastFy");
  }
  return { firstFy, lastFy, mtfsLastFy };
}

function parseBaseline(o: RawObject | undefined, path: string): Baseline {
  if (!o) return { volumePerYear: ZERO, growthPerYear: ZERO };
  const baseFy = o.baseFy === undefined ? undefined : readFy(o, "baseFy", path);
  return {
    volumePerYear: readDecimal(o, "volumePerYear", path, { min: 0 }),
    growthPerYear: readRate(o, "growthPerYear", path, { default: 0, gt: -1, max: 10 }),
    ...(baseFy === undefined ? {} : { baseFy }),
  };
}

function parseTarget(o: RawObject, path: string): Target {
  const kind = readEnum(o, "kind", path, TARGET_KINDS);
  const cohortSize = readDecimal(o, "cohortSize", path, { optional: true, gt: 0, max: 1e9 });
  if (cohortSize !== undefined && kind === "caseloadReduction") {
    throw new EngineError(
      "invalid-type",
      fieldPath(path, "cohortSize"),
      "applies only to percent and countPerYear targets",
    );
  }
  const cohort = cohortSize === undefined ? {} : { cohortSize };
  if (kind === "percent")
    return { kind, value: readRate(o, "value", path, { min: -10, max: 10 }), ...cohort };
  const value = readDecimal(o, "value", path, { min: -1e9, max: 1e9 });
  if (kind === "caseloadReduction") return { kind, value };
  // A count stated per block of weeks (e.g. 10 CYP per 12-week term) is annualised with 52.18 weeks.
  const perWeeks = readDecimal(o, "perWeeks", path, { optional: true, gt: 0, max: 5200 });
  return { kind, value: perWeeks ? value.times(WEEKS_PER_YEAR).div(perWeeks) : value, ...cohort };
}

/** Reads a phase length given as `<name>Months` or `<name>Weeks` (not both); 0 when absent. */
function readPhaseWeeks(o: RawObject, name: string, path: string): Decimal {
  const months = readDecimal(o, `${name}Months`, path, { optional: true, min: 0, max: 1200 });
  const weeks = readDecimal(o, `${name}Weeks`, path, { optional: true, min: 0, max: 5200 });
  if (months !== undefined && weeks !== undefined) {
    throw new EngineError(
      "invalid-type",
      fieldPath(path, `${name}Weeks`),
      `give ${name}Months or ${name}Weeks, not both`,
    );
  }
  return months !== undefined ? monthsToWeeks(months) : (weeks ?? ZERO);
}

function parseDelivery(o: RawObject | undefined, path: string): Delivery | undefined {
  if (!o) return undefined;
  const kind = readEnum(o, "kind", path, DELIVERY_KINDS);
  if (kind === "continuous") return { kind };
  return { kind, everyWeeks: readDecimal(o, "everyWeeks", path, { min: 1, max: 520 }) };
}

function parseTimeline(o: RawObject, path: string): Timeline {
  const optionalDate = (key: string): { readonly [k: string]: string } => {
    const d = readDate(o, key, path, { optional: true });
    return d === undefined ? {} : { [key]: d };
  };
  const delivery = parseDelivery(
    readObject(o, "delivery", path, { optional: true }),
    fieldPath(path, "delivery"),
  );
  return {
    startDate: readDate(o, "startDate", path),
    designWeeks: readPhaseWeeks(o, "design", path),
    pilotWeeks: readPhaseWeeks(o, "pilot", path),
    rolloutWeeks: readPhaseWeeks(o, "rollout", path),
    leadWeeks: readPhaseWeeks(o, "lead", path),
    ramp: readEnum(o, "ramp", path, RAMPS, { default: "linear" }),
    ...optionalDate("designEndDate"),
    ...optionalDate("pilotEndDate"),
    ...optionalDate("sustainableDate"),
    ...optionalDate("deliveryEndDate"),
    ...(delivery ? { delivery } : {}),
  };
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

function parseComponent(raw: unknown, path: string): UnitCostComponent {
  const o = asObject(raw, path);
  const realisedFrom = readString(o, "realisedFrom", path, { optional: true });
  if (realisedFrom !== undefined) {
    const m = MONTH_DAY.exec(realisedFrom);
    const ok = m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= 28;
    if (!ok) {
      throw new EngineError(
        "invalid-date",
        fieldPath(path, "realisedFrom"),
        `must be a day of the year MM-DD (day 1–28), got ${describeValue(realisedFrom)}`,
      );
    }
  }
  return {
    label: readString(o, "label", path, { default: "" }),
    share: readRate(o, "share", path, { min: 0, max: 1 }),
    costPerPeriod: readDecimal(o, "costPerPeriod", path, { min: -1e9, max: 1e9 }),
    ...(realisedFrom ? { realisedFrom } : {}),
  };
}

function parseUnitCost(o: RawObject, path: string, defaultPriceBaseFy: number): UnitCost {
  const components = readArray(o, "components", path, { optional: true }).map((c, i) =>
    parseComponent(c, fieldPath(fieldPath(path, "components"), i)),
  );
  const money = { min: -1e9, max: 1e9 };
  return {
    weeklyCost:
      components.length > 0
        ? readDecimal(o, "weeklyCost", path, { ...money, default: 0 })
        : readDecimal(o, "weeklyCost", path, money),
    alternativeWeeklyCost: readDecimal(o, "alternativeWeeklyCost", path, { ...money, default: 0 }),
    overlapWeeklyCost: readDecimal(o, "overlapWeeklyCost", path, { ...money, default: 0 }),
    inflationPerYear: readRate(o, "inflationPerYear", path, { default: 0, gt: -1, max: 10 }),
    priceBaseFy: readFy(o, "priceBaseFy", path, { default: defaultPriceBaseFy }),
    periodsPerYear: readDecimal(o, "periodsPerYear", path, { default: WEEKS_PER_YEAR, gt: 0, max: 366 }),
    ...(components.length > 0 ? { components } : {}),
    inflationContingency: readBoolean(o, "inflationContingency", path, { default: false }),
  };
}

function parseCostItem(raw: unknown, path: string): CostItem {
  const o = asObject(raw, path);
  const kind = readEnum(o, "kind", path, COST_KINDS);
  const label = readString(o, "label", path, { default: "" });
  const money = { min: -1e12, max: 1e12 };
  switch (kind) {
    case "ongoing": {
      const fromDate = readDate(o, "fromDate", path);
      const toDate = readDate(o, "toDate", path, { optional: true });
      if (toDate !== undefined && toDate < fromDate) {
        throw new EngineError("invalid-date", fieldPath(path, "toDate"), "must not be before fromDate");
      }
      const costInflation = readRate(o, "inflationPerYear", path, { optional: true, gt: -1, max: 10 });
      return {
        kind,
        label,
        amountPerYear: readDecimal(o, "amountPerYear", path, money),
        fromDate,
        ...(toDate ? { toDate } : {}),
        inflates: readBoolean(o, "inflates", path, { default: false }),
        ...(costInflation === undefined ? {} : { inflationPerYear: costInflation }),
      };
    }
    case "oneOff":
      return { kind, label, amount: readDecimal(o, "amount", path, money), date: readDate(o, "date", path) };
    case "perCase":
      return { kind, label, amountPerCasePerYear: readDecimal(o, "amountPerCasePerYear", path, money) };
    case "phased": {
      const byFy = readObject(o, "amountsByFy", path);
      const byFyPath = fieldPath(path, "amountsByFy");
      return {
        kind,
        label,
        amountsByFy: Object.keys(byFy).map((key) => ({
          fy: readFy({ fy: key }, "fy", byFyPath),
          amount: readDecimal(byFy, key, byFyPath, money),
        })),
      };
    }
  }
}

function parseOverlap(o: RawObject | undefined, path: string): MtfsOverlap {
  if (!o) return { kind: "none" };
  const kind = readEnum(o, "kind", path, OVERLAP_KINDS);
  const note = readString(o, "note", path, { optional: true });
  const withNote = note === undefined ? {} : { note };
  switch (kind) {
    case "none":
      return { kind };
    case "amountPerYear": {
      const fromFy = o.fromFy === undefined ? undefined : readFy(o, "fromFy", path);
      return {
        kind,
        amountPerYear: readDecimal(o, "amountPerYear", path, { min: 0, max: 1e12 }),
        capAtGross: readBoolean(o, "capAtGross", path, { default: true }),
        ...(fromFy === undefined ? {} : { fromFy }),
        ...withNote,
      };
    }
    case "amountPerWeek":
      return {
        kind,
        amountPerWeek: readDecimal(o, "amountPerWeek", path, { min: 0, max: 1e9 }),
        ...withNote,
      };
    case "weeksOfDuration":
      return { kind, weeks: readDecimal(o, "weeks", path, { min: 0, max: 5200 }), ...withNote };
  }
}

/**
 * Parses a proposal's assumptions into the input of computeProfile. `fieldPrefix` (default "assumptions")
 * starts every error's field path.
 *
 * @example
 * const a = parseAssumptions({ baseline: { volumePerYear: 260 }, target: { kind: "percent", value: "8%" },
 *   durationWeeks: 153.1, unitCost: { weeklyCost: 1487, overlapWeeklyCost: 149, inflationPerYear: 0.04 },
 *   timeline: { startDate: "2026-08-01", pilotMonths: 4, rolloutMonths: 6, leadMonths: 8.5 } });
 * a.target.value.toNumber() // 0.08
 * parseAssumptions({ ...same, durationWeeks: -3 }) // throws "assumptions.durationWeeks: must be > 0, got -3"
 */
export function parseAssumptions(raw: unknown, fieldPrefix = "assumptions"): ProfileInput {
  const o = asObject(raw, fieldPrefix || "assumptions");
  const p = fieldPrefix;
  const horizon = parseHorizon(readObject(o, "horizon", p, { optional: true }), fieldPath(p, "horizon"));
  const target = parseTarget(readObject(o, "target", p), fieldPath(p, "target"));
  const baselineObj = readObject(o, "baseline", p, { optional: true });
  if (!baselineObj && target.kind === "percent") {
    throw new EngineError("missing", fieldPath(p, "baseline"), "is required for a percent target");
  }
  return {
    baseline: parseBaseline(baselineObj, fieldPath(p, "baseline")),
    target,
    lever: readEnum(o, "lever", p, LEVERS, { default: "entry" }),
    durationWeeks: readDecimal(o, "durationWeeks", p, { gt: 0, max: 5200 }),
    unitCost: parseUnitCost(readObject(o, "unitCost", p), fieldPath(p, "unitCost"), horizon.firstFy),
    timeline: parseTimeline(readObject(o, "timeline", p), fieldPath(p, "timeline")),
    investment: readArray(o, "investment", p, { optional: true }).map((c, i) =>
      parseCostItem(c, fieldPath(fieldPath(p, "investment"), i)),
    ),
    mtfsOverlap: parseOverlap(
      readObject(o, "mtfsOverlap", p, { optional: true }),
      fieldPath(p, "mtfsOverlap"),
    ),
    horizon,
  };
}
