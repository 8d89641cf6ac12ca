import { Decimal } from "./money";
import { EngineError } from "./errors";
import { compareToNumber, decimalCalculator, type Calculator } from "./calculator";
import { DAYS_PER_WEEK, fyStartDay } from "./fiscalYear";
import { fyBoundsOn } from "./streamPlan";
import { flowMath } from "./flow";
import { resolveTimelineOn, type ResolvedTimeline } from "./timeline";
import { stockFlowMath, type CumulativeFlow } from "./stockFlow";
import { annualSavingOn } from "./unitCost";
import { saturationFyOn, timeToFullRunRateYearsOn } from "./runRate";
import {
  checkHorizon,
  checkWeighting,
  weighted,
  type Cashability,
  type OperationalMeasure,
  type StreamProfile,
  type Weighting,
} from "./stream";
import type { FyStartYear, Horizon, ProfileInput, Target, UnitCost } from "./types";
import { MEASURE_LABELS } from "./measureLabels";

/**
 * The cohort stream kind (DOMAIN §2): avoided events (entry or exit lever) from a baseline, growth and target,
 * ramped by a timeline; each holds one case for its duration (box-car stock; on the exit lever the rest of a
 * stay), and gross = FY-average caseload reduction × unit saving × periods per year, Σ over unit-cost components.
 */

/** A cohort stream's inputs: today's ProfileInput without the proposal-level investment, overlap and horizon. */
export interface CohortStreamInput extends Omit<ProfileInput, "investment" | "mtfsOverlap" | "horizon"> {
  /** Stream id (default "cohort"), referred to by per-case and per-event costs. */
  readonly id?: string;
  /** Words for the stream's lines (default "Cohort"). */
  readonly label?: string;
  /**
   * A target written as evidence × weighting ("40% of sampled cases × a 50% confidence weighting"): `target.value`
   * is the evidence, and the model uses the product; both parts are kept in `weightings`.
   */
  readonly targetWeighting?: Decimal;
  /** A confidence weighting on the whole stream's gross (fraction, 0 to 1). */
  readonly confidenceWeighting?: Decimal;
  /** Default `costAvoidance`: care avoided is a cost not incurred, not a budget taken out (002). */
  readonly cashability?: Cashability;
  /** Unit of the stream's measures in words (default "cases"), e.g. "children". */
  readonly unit?: string;
}

/** Day numbers of each occurrence of "MM-DD" from the FY before `fromFy` to the end of `toFy`. */
function anniversaries<T>(
  calc: Calculator<T>,
  monthDay: string,
  fromFy: FyStartYear,
  toFy: FyStartYear,
): readonly T[] {
  for (let k = 0; k < recentAnniversaries.length; k++) {
    const e = recentAnniversaries[k];
    if (e.calc === calc && e.monthDay === monthDay && e.fromFy === fromFy && e.toFy === toFy) {
      return e.days as T[];
    }
  }
  const days = anniversaryDays(monthDay, fromFy, toFy);
  const out: T[] = [];
  for (let k = 0; k < days.length; k++) out.push(calc.fromNumber(days[k]));
  recentAnniversaries[nextAnniversaries] = { calc, monthDay, fromFy, toFy, days: out };
  nextAnniversaries = (nextAnniversaries + 1) % RECENT_ANNIVERSARIES;
  return out;
}

/*
 * The last few anniversaries on each backend, compared field by field: a simulated draw realises its parts on
 * the same days as the last (no key string built, no days converted, no array made on each draw). Read only.
 */
const RECENT_ANNIVERSARIES = 8;
const recentAnniversaries: {
  readonly calc: unknown;
  readonly monthDay: string;
  readonly fromFy: FyStartYear;
  readonly toFy: FyStartYear;
  readonly days: readonly unknown[];
}[] = [];
let nextAnniversaries = 0;

/** Valid anniversaries by "MM-DD|from|to": a simulation prices the same parts on every draw (Date.parse is slow). */
const knownAnniversaries = new Map<string, readonly number[]>();

function anniversaryDays(monthDay: string, fromFy: FyStartYear, toFy: FyStartYear): readonly number[] {
  const place = `${monthDay}|${fromFy}|${toFy}`;
  const known = knownAnniversaries.get(place);
  if (known !== undefined) return known;
  const days: number[] = [];
  for (let y = fromFy - 1; y <= toFy + 1; y++) {
    const d = Date.parse(`${y}-${monthDay}T00:00:00Z`) / 86_400_000;
    if (!Number.isFinite(d)) {
      throw new EngineError(
        "invalid-date",
        "unitCost.components.realisedFrom",
        `must be MM-DD, got ${monthDay}`,
      );
    }
    days.push(d);
  }
  if (knownAnniversaries.size >= 256) knownAnniversaries.clear();
  knownAnniversaries.set(place, days);
  return days;
}

/** A target's unit in words: a percent is a fraction (shown as %), a count a flow a year, a caseload a number held. */
function targetUnitOf(input: CohortStreamInput): string | undefined {
  const unit = input.unit ?? "cases";
  return { percent: undefined, countPerYear: `${unit} a year`, caseloadReduction: unit }[input.target.kind];
}

/*
 * The savings of the last few unit costs per backend: a unit cost is an immutable input, and a draw that moves
 * one of its figures writes a fresh copy of it (a ring compared by identity, as timeline.ts's, not a WeakMap of
 * young keys). Each part's saving function, and its figures for the FYs of the last horizon it priced.
 */
interface UnitSavings<T> {
  readonly calc: unknown;
  readonly unitCost: UnitCost;
  readonly savings: readonly ((fy: FyStartYear) => T)[];
  prices?: { readonly firstFy: FyStartYear; readonly lastFy: FyStartYear } & PartSavings<T>;
}

/** Each part's saving in each FY of a horizon (part, then FY) and at price-base prices. */
interface PartSavings<T> {
  readonly byFy: readonly (readonly T[])[];
  readonly atPriceBase: readonly T[];
}

const RECENT_UNIT_COSTS = 16;
const recentSavings: UnitSavings<unknown>[] = [];
let nextSavings = 0;

function knownSavings<T>(calc: Calculator<T>, unitCost: UnitCost): UnitSavings<T> | undefined {
  for (let k = 0; k < recentSavings.length; k++) {
    const e = recentSavings[k];
    if (e.unitCost === unitCost && e.calc === calc) return e as UnitSavings<T>;
  }
  return undefined;
}

function rememberSavings<T>(
  calc: Calculator<T>,
  unitCost: UnitCost,
  parts: readonly CohortSavingPart<T>[],
): void {
  // A loop, not `map`: every entry's array then has one elements kind (V8 map), so reads of `savings` in
  // savingsByFy and cohortModelOn no longer deoptimised part-way through a simulation's timed run.
  const savings = new Array<(fy: FyStartYear) => T>(parts.length);
  for (let k = 0; k < parts.length; k++) savings[k] = parts[k].annualSaving;
  recentSavings[nextSavings] = { calc, unitCost, savings };
  nextSavings = (nextSavings + 1) % RECENT_UNIT_COSTS;
}

/** The parts' savings in the horizon's FYs and at price-base prices (remembered with the unit cost's). */
function savingsByFy<T>(
  calc: Calculator<T>,
  unitCost: UnitCost,
  parts: readonly CohortSavingPart<T>[],
  horizon: Horizon,
): PartSavings<T> {
  const known = knownSavings(calc, unitCost);
  const p = known?.prices;
  if (p !== undefined && p.firstFy === horizon.firstFy && p.lastFy === horizon.lastFy) return p;
  // Arrays sized once: a draw that moves the unit cost prices its parts anew.
  const byFy = new Array<T[]>(parts.length);
  const atPriceBase = new Array<T>(parts.length);
  for (let k = 0; k < parts.length; k++) {
    const row = new Array<T>(horizon.lastFy - horizon.firstFy + 1);
    for (let fy = horizon.firstFy; fy <= horizon.lastFy; fy++)
      row[fy - horizon.firstFy] = parts[k].annualSaving(fy);
    byFy[k] = row;
    // The saving at price-base prices is the same every FY: worked out once per part.
    atPriceBase[k] = parts[k].annualSaving(unitCost.priceBaseFy);
  }
  // Only figures of the remembered savings' own functions are remembered with them.
  let same = known !== undefined;
  for (let k = 0; same && k < parts.length; k++) same = known?.savings[k] === parts[k].annualSaving;
  if (known !== undefined && same) {
    known.prices = { firstFy: horizon.firstFy, lastFy: horizon.lastFy, byFy, atPriceBase };
  }
  return { byFy, atPriceBase };
}

/** The target the model uses: the stated value × its weighting, when written as evidence × weighting. */
function weightedTarget(target: Target, w: Weighting | undefined): Target {
  return w === undefined ? target : { ...target, value: w.value };
}

/** A unit-cost part of the cohort model: its flow of realised events and its annual saving per case. */
export interface CohortSavingPart<T = Decimal> {
  readonly flow: CumulativeFlow<T>;
  readonly annualSaving: (fy: FyStartYear) => T;
}

/** The cohort stream's model before it is averaged over FYs: what period profiles and forecasts re-evaluate. */
export interface CohortModel<T = Decimal> {
  /** Cumulative avoided events F(t) (the plan, or the forecast when a flow was substituted). */
  readonly flow: CumulativeFlow<T>;
  readonly parts: readonly CohortSavingPart<T>[];
  readonly durationDays: T;
  /** Average caseload reduction over each window [bounds[i], bounds[i+1]) for a flow (entry or exit stock). */
  readonly averageOf: (f: CumulativeFlow<T>, bounds: readonly T[]) => T[];
  readonly timeline: ResolvedTimeline<T>;
  /** The target the model uses (× its weighting when written as evidence × weighting). */
  readonly target: Target;
  readonly targetWeighting?: Weighting;
}

/**
 * The cohort model: the avoided-events flow and the unit-cost parts that price it. `adjustFlow` replaces the
 * planned flow (e.g. actual avoided events to date, then the plan; forecast.ts) before the parts are built.
 *
 * @example
 * const m = cohortModel(cfsStreamInput, horizon);
 * cumulativeAt(m.flow, new Decimal(fyStartDay(2027))).toNumber() // avoided events by 1 April 2027
 */
export function cohortModel(
  input: CohortStreamInput,
  horizon: Horizon,
  adjustFlow?: (plan: CumulativeFlow) => CumulativeFlow,
): CohortModel {
  return cohortModelOn(decimalCalculator, input, horizon, adjustFlow);
}

/**
 * cohortModel on a number backend: the same calculator calls, so the Decimal backend gives identical figures.
 *
 * @example
 * cohortModelOn(numberCalculator, cfsStreamInput, horizon).durationDays // 1071.7
 */
export function cohortModelOn<T>(
  calc: Calculator<T>,
  input: CohortStreamInput,
  horizon: Horizon,
  adjustFlow?: (plan: CumulativeFlow<T>) => CumulativeFlow<T>,
): CohortModel<T> {
  checkHorizon(horizon);
  const { unitCost } = input;
  const sf = stockFlowMath(calc);
  const timeline = resolveTimelineOn(calc, input.timeline);
  const durationWeeks = input.durationWeeks;
  if (!(compareToNumber(durationWeeks, 0) > 0)) {
    // No stay left to save: a caseload target would need an infinite flow, and the exit stock divides by D.
    throw new EngineError("out-of-range", "durationWeeks", `must be > 0, got ${durationWeeks.toString()}`);
  }
  if (input.confidenceWeighting !== undefined)
    checkWeighting(input.confidenceWeighting, "confidenceWeighting");
  const targetWeighting =
    input.targetWeighting === undefined
      ? undefined
      : weighted("Target", input.target.value, input.targetWeighting, "targetWeighting", targetUnitOf(input));
  const target = weightedTarget(input.target, targetWeighting);
  const durationDays = calc.multiply(calc.fromDecimal(durationWeeks), calc.fromNumber(DAYS_PER_WEEK));
  const planFlow = flowMath(calc).avoidedEventsFlow({
    baseline: input.baseline,
    target,
    lever: input.lever,
    durationWeeks,
    timeline,
    delivery: input.timeline.delivery,
    defaultBaseFy: horizon.firstFy,
    endDay: calc.fromNumber(fyStartDay(horizon.lastFy + 1)),
  });
  const flow = adjustFlow ? adjustFlow(planFlow) : planFlow;

  // Parts realised from the same date share one flow (built once; their caseloads are then averaged once).
  const components = unitCost.components;
  const whole = components === undefined || components.length === 0;
  const parts = new Array<CohortSavingPart<T>>(whole ? 1 : components.length);
  // A unit cost a draw leaves alone prices its parts as on the last draw (its savings, worked out once).
  const known = knownSavings(calc, unitCost);
  if (whole) {
    parts[0] = { flow, annualSaving: known ? known.savings[0] : annualSavingOn(calc, unitCost) };
  } else {
    for (let k = 0; k < components.length; k++) {
      const c = components[k];
      const from = c.realisedFrom;
      // Parts realised from the same date share the flow of the first (then their caseloads are averaged once).
      let j = 0;
      while (j < k && components[j].realisedFrom !== from) j++;
      const partFlow = !from
        ? flow
        : j < k
          ? parts[j].flow
          : sf.realisedAt(flow, anniversaries(calc, from, horizon.firstFy, horizon.lastFy));
      parts[k] = {
        flow: partFlow,
        annualSaving: known ? known.savings[k] : annualSavingOn(calc, unitCost, c),
      };
    }
  }
  if (known === undefined) rememberSavings(calc, unitCost, parts);

  const averageOf = (f: CumulativeFlow<T>, bounds: readonly T[]): T[] =>
    input.lever === "exit"
      ? sf.averageRemainingStayStocks(f, bounds, durationDays)
      : sf.averageStocks(f, bounds, durationDays);
  return {
    flow,
    parts,
    durationDays,
    averageOf,
    timeline,
    target,
    ...(targetWeighting ? { targetWeighting } : {}),
  };
}

/** A stream FY record whose figures a scratch's next draw rewrites (cohortStreamOn with a scratch). */
interface CohortYear<T> {
  readonly fy: FyStartYear;
  gross: T;
  grossAtPriceBase: T;
  readonly oneOffCosts: undefined;
  readonly measures: readonly [Mutable<OperationalMeasure<T>>, Mutable<OperationalMeasure<T>>];
}

type Mutable<X> = { -readonly [K in keyof X]: X[K] };

function cohortYear<T>(
  fy: FyStartYear,
  gross: T,
  grossAtPriceBase: T,
  unit: string,
  avoided: T,
  caseload: T,
): CohortYear<T> {
  return {
    fy,
    gross,
    grossAtPriceBase,
    oneOffCosts: undefined,
    measures: [
      { key: "avoidedEvents", label: MEASURE_LABELS.avoidedEvents, unit, value: avoided },
      { key: "caseloadReduction", label: MEASURE_LABELS.caseloadReduction, unit, value: caseload },
    ],
  };
}

/**
 * What cohortStreamOn may reuse from one call to the next: its FY records, rewritten in place by the next call
 * given the same scratch (a simulated model's draws each read their stream before the next is drawn). A stream
 * made with a scratch is only good until the scratch's next use.
 */
export interface CohortStreamScratch {
  years: unknown;
  firstFy: FyStartYear;
  unit: string;
}

/**
 * An empty CohortStreamScratch.
 *
 * @example
 * cohortStreamOn(numberCalculator, input, horizon, undefined, cohortStreamScratch()).years[5].gross // as without one
 */
export function cohortStreamScratch(): CohortStreamScratch {
  return { years: undefined, firstFy: 0, unit: "" };
}

/**
 * The cohort stream over the horizon: per FY avoided events and caseload reduction (its measures) and the gross
 * saving at the FY's prices and at the price base's. `adjustFlow` as in cohortModel.
 *
 * @example
 * const s = cohortStream(parseProposal(cfsJson).assumptions, horizon);
 * s.years[5].gross.div(1e6).toFixed(2) // "5.18" (FY31/32, before the £1.5m investment and the £0.39m overlap)
 * s.settledFy // 2031
 */
export function cohortStream(
  input: CohortStreamInput,
  horizon: Horizon,
  adjustFlow?: (plan: CumulativeFlow) => CumulativeFlow,
): StreamProfile {
  return cohortStreamOn(decimalCalculator, input, horizon, adjustFlow);
}

/**
 * cohortStream on a number backend (simulation and sensitivity run it on plain numbers; calculator.ts).
 *
 * @example
 * cohortStreamOn(numberCalculator, cfsStreamInput, horizon).years[5].gross // ≈ 5.18e6
 */
export function cohortStreamOn<T>(
  calc: Calculator<T>,
  input: CohortStreamInput,
  horizon: Horizon,
  adjustFlow?: (plan: CumulativeFlow<T>) => CumulativeFlow<T>,
  scratch?: CohortStreamScratch,
): StreamProfile<T> {
  const { unitCost } = input;
  const sf = stockFlowMath(calc);
  const { flow, parts, averageOf, timeline, target, targetWeighting } = cohortModelOn(
    calc,
    input,
    horizon,
    adjustFlow,
  );
  const durationWeeks = input.durationWeeks;
  const unit = input.unit ?? "cases";
  const bounds = fyBoundsOn(calc, horizon).bounds;
  const caseload = averageOf(flow, bounds);
  const partCaseload = new Array<T[]>(parts.length);
  for (let k = 0; k < parts.length; k++) {
    const f = parts[k].flow;
    // A flow shared with an earlier part (or the stream's own) has its caseload already.
    let j = 0;
    while (j < k && parts[j].flow !== f) j++;
    partCaseload[k] = f === flow ? caseload : j < k ? partCaseload[j] : averageOf(f, bounds);
  }

  // Loops rather than reduce and closures: a simulation runs this on every draw (the same calls, in order).
  const { byFy, atPriceBase } = savingsByFy(calc, unitCost, parts, horizon);
  // The FY records to fill: the scratch's when it holds this horizon's in this unit (each to be rewritten), else
  // fresh slots (kept by the scratch, when given, for the next call). Inline: one function less to compile.
  const n = horizon.lastFy - horizon.firstFy + 1;
  const kept = scratch?.years as CohortYear<T>[] | undefined;
  const reuse =
    kept !== undefined && kept.length === n && scratch?.firstFy === horizon.firstFy && scratch.unit === unit;
  const years = reuse ? kept : new Array<CohortYear<T>>(n);
  if (!reuse && scratch !== undefined) {
    scratch.years = years;
    scratch.firstFy = horizon.firstFy;
    scratch.unit = unit;
  }
  let eventsBefore = sf.cumulativeAt(flow, bounds[0]);
  for (let fy = horizon.firstFy; fy <= horizon.lastFy; fy++) {
    const i = fy - horizon.firstFy;
    const eventsBy = sf.cumulativeAt(flow, bounds[i + 1]);
    let gross = calc.zero;
    let grossAtPriceBase = calc.zero;
    for (let k = 0; k < parts.length; k++) {
      gross = calc.add(gross, calc.multiply(partCaseload[k][i], byFy[k][i]));
    }
    for (let k = 0; k < parts.length; k++) {
      grossAtPriceBase = calc.add(grossAtPriceBase, calc.multiply(partCaseload[k][i], atPriceBase[k]));
    }
    const avoided = calc.subtract(eventsBy, eventsBefore);
    const y = years[i];
    if (y === undefined) years[i] = cohortYear(fy, gross, grossAtPriceBase, unit, avoided, caseload[i]);
    else {
      // A scratch's record of this FY (scratch.years): its figures rewritten, its shape and words kept.
      y.gross = gross;
      y.grossAtPriceBase = grossAtPriceBase;
      y.measures[0].value = avoided;
      y.measures[1].value = caseload[i];
    }
    eventsBefore = eventsBy;
  }

  const cohort = target.kind === "caseloadReduction" ? undefined : target.cohortSize;
  const reached = cohort === undefined ? undefined : sf.timeToReach(flow, calc.fromDecimal(cohort));
  return {
    id: input.id ?? "cohort",
    label: input.label ?? "Cohort",
    kind: "cohort",
    years,
    settledFy: saturationFyOn(calc, timeline, durationWeeks, reached),
    cashability: input.cashability ?? "costAvoidance",
    ...(targetWeighting ? { weightings: [targetWeighting] } : {}),
    ...(input.confidenceWeighting !== undefined ? { confidenceWeighting: input.confidenceWeighting } : {}),
    timeToFullImpactYears: timeToFullRunRateYearsOn(calc, timeline, reached),
  };
}
