import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { decimalCalculator, maxOf, type Calculator } from "./calculator";
import { WEEKS_PER_YEAR, fyLabel } from "./fiscalYear";
import { costInFyOn, costReadsStreams, type CostContext } from "./costs";
import { overlapInFyOn, type OverlapContext } from "./overlap";
import { checkExistingLine, existingLinesInto, type ExistingMtfsLine } from "./existingMtfs";
import { costSettledFy, existingLineSettledFy, overlapSettledFy } from "./settled";
import {
  checkHorizon,
  checkWeighting,
  type OperationalMeasure,
  type StreamProfile,
  type StreamYear,
  type Weighting,
} from "./stream";
import type { CostItem, FyStartYear, Horizon, MtfsOverlap } from "./types";

/**
 * The proposal profile: a proposal is a sum of saving streams, less its costs, its MTFS overlap and the existing
 * MTFS lines it is net of (docs/engine.md). Per FY:
 *   gross        = Σ stream gross × stream weighting × proposal weighting (price-base prices when inflation is held centrally)
 *   cumulative   = gross − costs − overlap − existing lines (capped at the saving left; the net benefit)
 *   in-year      = cumulative − previous cumulative
 *   contingency  = the inflation held centrally: on gross (default), or on net (gross less costs and overlap)
 *   MTFS row     = cumulative + contingency + added-back existing lines
 * Each stream's, cost's and existing line's own figures are kept so the CLI and the sheet can show them.
 */

/** Where the inflation on the saving sits. */
export interface InflationContingencyRule {
  /** True when the inflation is held in a central contingency (Adults proposals print it in brackets). */
  readonly heldCentrally: boolean;
  /**
   * What it is the inflation of: `gross` (default; costs and overlap stay at each FY's prices in the net) or
   * `net` (costs and overlap are at price-base prices too, so their inflation is taken from the contingency).
   */
  readonly base: "gross" | "net";
}

/** Prices for costs that inflate and for a per-week overlap. */
export interface ProposalPrices {
  /** Default 0. */
  readonly inflationPerYear: Decimal;
  /** Default the first horizon FY. */
  readonly priceBaseFy: FyStartYear;
  /** Periods a year for a per-week overlap (default 52.18). */
  readonly periodsPerYear: Decimal;
}

/** Everything computeProposalProfile needs (streams on the backend's numbers; the rest as parsed). */
export interface ProposalProfileInput<T = Decimal> {
  readonly streams: readonly StreamProfile<T>[];
  readonly investment: readonly CostItem[];
  readonly mtfsOverlap: MtfsOverlap;
  readonly existingMtfsLines?: readonly ExistingMtfsLine[];
  /** A confidence weighting built into the whole financial profile (fraction, 0 to 1; default 1). */
  readonly confidenceWeighting?: Decimal;
  readonly inflationContingency: InflationContingencyRule;
  readonly prices?: Partial<ProposalPrices>;
  readonly horizon: Horizon;
}

/** One FY of one stream as the proposal counts it. */
export interface ProposalStreamYear<T = Decimal> {
  readonly fy: FyStartYear;
  readonly label: string;
  /** The stream's gross on the reported basis (price-base prices when held centrally), before weighting. */
  readonly grossBeforeWeighting: T;
  /** × the stream's and the proposal's confidence weighting: its share of the proposal's gross. */
  readonly gross: T;
  /** Its gross at the FY's prices, weighted (equal to `gross` unless the inflation is held centrally). */
  readonly grossAtFyPrices: T;
  /** Its share of the inflation contingency on gross (weighted; 0 unless held centrally). */
  readonly inflationContingency: T;
  /** Its own per-event costs (£). */
  readonly oneOffCosts: T;
  readonly measures: readonly OperationalMeasure<T>[];
}

/** One stream's lines in the proposal profile. */
export interface ProposalStreamLine<T = Decimal> {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly cashability: StreamProfile["cashability"];
  readonly settledFy: FyStartYear;
  /** Weightings inside the stream's figures (e.g. a target written as evidence × weighting). */
  readonly weightings: readonly Weighting[];
  /** The weighting applied to its gross: stream × proposal (1 when neither is given). */
  readonly weighting: T;
  readonly years: readonly ProposalStreamYear<T>[];
}

/** A cost line by FY. */
export interface ProposalLine<T = Decimal> {
  readonly label: string;
  readonly kind: string;
  /** £ by FY of the horizon, in order (positive = cost). */
  readonly amounts: readonly T[];
}

/** An existing MTFS line by FY: what it takes off the net, and what the MTFS row adds back. */
export interface ExistingMtfsLineResult<T = Decimal> {
  readonly label: string;
  readonly treatment: ExistingMtfsLine["treatment"];
  readonly deducted: readonly T[];
  readonly addedBack: readonly T[];
}

/** One FY of the proposal profile. Money in £. */
export interface ProposalYear<T = Decimal> {
  readonly fy: FyStartYear;
  readonly label: string;
  /** Σ stream gross before the confidence weightings (reported basis). */
  readonly grossBeforeWeighting: T;
  /** Σ stream gross after them: the gross the profile nets. */
  readonly gross: T;
  readonly costs: T;
  readonly overlap: T;
  /** Existing MTFS lines the benefit is stated net of (capped at the saving left after the overlap). */
  readonly existingMtfs: T;
  /** Net benefit: gross − costs − overlap − existingMtfs. */
  readonly cumulative: T;
  readonly inYear: T;
  readonly inflationContingency: T;
  readonly inYearInflationContingency: T;
  /** Existing MTFS lines the MTFS row adds back (e.g. AC21). */
  readonly addedBack: T;
  /** cumulative + inflationContingency + addedBack: the row the MTFS programme table shows. */
  readonly mtfsImpact: T;
  /** Σ of the streams' measures with the same key and unit. */
  readonly measures: readonly OperationalMeasure<T>[];
}

/** A computed proposal profile: totals per FY, each stream's, cost's and existing line's own lines. */
export interface ProposalProfile<T = Decimal> {
  readonly years: readonly ProposalYear<T>[];
  readonly streams: readonly ProposalStreamLine<T>[];
  readonly costLines: readonly ProposalLine<T>[];
  readonly existingMtfsLines: readonly ExistingMtfsLineResult<T>[];
  /** The proposal-level confidence weighting, when given. */
  readonly confidenceWeighting?: Decimal;
  readonly quantifiedOpportunity: T;
  readonly quantifiedOpportunityInflationContingency: T;
  /**
   * Net benefit in the first FY from which nothing in the inputs changes any more (every stream, cost schedule,
   * overlap and existing line settled), capped to the horizon; `settledBy` names what settles last.
   */
  readonly fullRunRate: {
    readonly value: T;
    readonly fy: FyStartYear;
    readonly label: string;
    readonly inflationContingency: T;
    readonly settledBy: string;
  };
  /** The longest of the streams' times from start to full impact (0 when no stream has a timeline). */
  readonly timeToFullRunRateYears: T;
}

/** Checks stream rows cover the horizon and ids are unique: a producer that breaks this is a bug. */
function checkStreams<T>(streams: readonly StreamProfile<T>[], horizon: Horizon): void {
  // Loops, not a Set and closures: a simulation checks every draw's streams.
  const n = horizon.lastFy - horizon.firstFy + 1;
  for (let k = 0; k < streams.length; k++) {
    const s = streams[k];
    for (let j = 0; j < k; j++) {
      if (streams[j].id === s.id) {
        throw new EngineError("out-of-range", `streams[${k}].id`, `must be unique; "${s.id}" is used twice`);
      }
    }
    if (s.confidenceWeighting !== undefined) {
      checkWeighting(s.confidenceWeighting, `streams[${k}].confidenceWeighting`);
    }
    let inOrder = s.years.length === n;
    for (let i = 0; inOrder && i < n; i++) inOrder = s.years[i].fy === horizon.firstFy + i;
    if (!inOrder) {
      throw new Error(`stream ${s.id} does not cover FY ${horizon.firstFy}–${horizon.lastFy} in order`);
    }
  }
}

/** costSettledFy, remembered per cost line: the same lines are profiled on every simulated draw. */
function settledFyOfCost(c: CostItem): FyStartYear | undefined {
  if (settledFys.has(c)) return settledFys.get(c);
  const fy = costSettledFy(c);
  settledFys.set(c, fy);
  return fy;
}

const settledFys = new WeakMap<CostItem, FyStartYear | undefined>();

/**
 * xs.map(f) as a loop: arrays made by Array.prototype.map differ in elements kind between optimised and
 * unoptimised code, and this function reads back the arrays it makes, so with map V8 deoptimised it on a
 * "wrong map" every few simulated draws, for good (MTFS.SIMULATE ran at half speed; issue 14).
 */
function mapped<A, B>(xs: readonly A[], f: (x: A, k: number) => B): B[] {
  const out: B[] = [];
  for (let k = 0; k < xs.length; k++) out.push(f(xs[k], k));
  return out;
}

/** Refuses costs priced on a stream the proposal does not have. */
function checkStreamRefs(items: readonly CostItem[], ids: ReadonlySet<string>): void {
  items.forEach((c, k) => {
    if ((c.kind === "perCase" || c.kind === "perEvent") && c.stream !== undefined && !ids.has(c.stream)) {
      throw new EngineError(
        "unknown-option",
        `investment[${k}].stream`,
        `must name one of the proposal's streams (${[...ids].join(", ")}), got ${c.stream}`,
      );
    }
  });
}

/** Σ of measures with the same key and unit, in first-seen order. */
function sumMeasures<T>(
  calc: Calculator<T>,
  lists: readonly (readonly OperationalMeasure<T>[])[],
): readonly OperationalMeasure<T>[] {
  // One stream: its measures are the sums (the same records, not copies).
  if (lists.length === 1) return lists[0];
  const out: OperationalMeasure<T>[] = [];
  for (const list of lists) {
    for (const m of list) {
      const k = out.findIndex((o) => o.key === m.key && o.unit === m.unit);
      if (k < 0) out.push(m);
      else out[k] = { ...out[k], value: calc.add(out[k].value, m.value) };
    }
  }
  return out;
}

/**
 * Index of the MTFS row's FY among the horizon's FYs (first to last): the last MTFS FY, or the last FY of the
 * horizon when the MTFS end lies outside it (the quantified opportunity's year).
 *
 * @example
 * mtfsIndexOf({ firstFy: 2026, lastFy: 2031, mtfsLastFy: 2029 }) // 3
 */
export function mtfsIndexOf(horizon: Horizon): number {
  const last = horizon.lastFy - horizon.firstFy;
  const i = horizon.mtfsLastFy - horizon.firstFy;
  return Number.isInteger(i) && i >= 0 && i <= last ? i : last;
}

/**
 * Computes the proposal profile over the horizon from its streams, costs, overlap and existing MTFS lines.
 *
 * @example
 * const p = computeProposalProfile({ streams: [cohortStream(cfs, horizon)], investment: cfs.investment,
 *   mtfsOverlap: cfs.mtfsOverlap, inflationContingency: { heldCentrally: false, base: "gross" }, horizon });
 * p.years.map((y) => y.cumulative.div(1e6).toFixed(2)) // ["-0.50", "-1.50", "-0.58", "1.10", "2.77", "3.29"]
 */
export function computeProposalProfile(input: ProposalProfileInput): ProposalProfile {
  return computeProposalProfileOn(decimalCalculator, input);
}

/**
 * computeProposalProfile on a number backend: the same calculator calls, so the Decimal backend's figures are
 * exactly computeProposalProfile's, and the number backend's agree with them to float rounding.
 *
 * @example
 * computeProposalProfileOn(numberCalculator, { ...input, streams: [cohortStreamOn(numberCalculator, cfs, horizon)] })
 *   .years[3].cumulative // ≈ 1104079.71
 */
export function computeProposalProfileOn<T>(
  calc: Calculator<T>,
  input: ProposalProfileInput<T>,
): ProposalProfile<T> {
  const run = checkedRunOn(calc, input, true);
  return profileOf(calc, run, yearsOn(run));
}

/**
 * The years of computeProposalProfileOn's profile, and nothing after them (no cost lines, existing lines, run
 * rate or quantified opportunity), each FY's figures the same calculator calls. Kept beside proposalFiguresOn,
 * which draws use, as the record form the tests hold the draw's rows against.
 *
 * @example
 * proposalYearsOn(numberCalculator, input)[3].cumulative // = computeProposalProfileOn(numberCalculator, input).years[3].cumulative
 */
export function proposalYearsOn<T>(calc: Calculator<T>, input: ProposalProfileInput<T>): ProposalYear<T>[] {
  return yearsOn(checkedRunOn(calc, input, false));
}

/**
 * The net (cumulative) and MTFS rows of computeProposalProfileOn's years as plain numbers, each FY the same
 * calculator calls: a simulated draw's figures, with no per-FY record or stream line made.
 *
 * @example
 * proposalFiguresOn(numberCalculator, input).net[3] // = proposalYearsOn(numberCalculator, input)[3].cumulative
 */
export function proposalFiguresOn<T>(
  calc: Calculator<T>,
  input: ProposalProfileInput<T>,
  scratch?: FiguresScratch,
): { net: number[]; mtfs: number[] } {
  const run = scratch === undefined ? checkedRunOn(calc, input, false) : reusedRunOn(calc, input, scratch);
  const n = input.horizon.lastFy - input.horizon.firstFy + 1;
  const net = new Array<number>(n);
  const mtfs = new Array<number>(n);
  figuresInto(run, net, mtfs);
  return { net, mtfs };
}

/**
 * What proposalFiguresOn may keep from one call to the next (a simulated model's draws): the last run, with its
 * scratch records, contexts and prices, reused when the next input differs only in its streams' figures.
 */
export interface FiguresScratch {
  run: unknown;
}

/**
 * An empty FiguresScratch.
 *
 * @example
 * proposalFiguresOn(numberCalculator, input, figuresScratch()).net // = proposalFiguresOn(numberCalculator, input).net
 */
export function figuresScratch(): FiguresScratch {
  return { run: undefined };
}

/** checkedRunOn (without lines), reusing the scratch's run when the input has the same parts besides streams. */
function reusedRunOn<T>(
  calc: Calculator<T>,
  input: ProposalProfileInput<T>,
  scratch: FiguresScratch,
): ProfileRun<T> {
  const last = scratch.run as ProfileRun<T> | undefined;
  if (last !== undefined && runFits(last, calc, input)) {
    // Its other parts are the last input's, checked then; stream ids and weightings too (runFits).
    checkStreams(input.streams, input.horizon);
    last.input = input;
    return last;
  }
  const run = checkedRunOn(calc, input, false);
  scratch.run = run;
  return run;
}

/** Whether a run made for another input holds everything of this one's that a run works out before its FYs. */
function runFits<T>(run: ProfileRun<T>, calc: Calculator<T>, input: ProposalProfileInput<T>): boolean {
  const was = run.input;
  const { prices } = run;
  if (
    run.streamLines !== undefined ||
    run.calc !== calc ||
    was.investment !== input.investment ||
    was.mtfsOverlap !== input.mtfsOverlap ||
    was.existingMtfsLines !== input.existingMtfsLines ||
    was.confidenceWeighting !== input.confidenceWeighting ||
    was.horizon !== input.horizon ||
    was.inflationContingency.heldCentrally !== input.inflationContingency.heldCentrally ||
    was.inflationContingency.base !== input.inflationContingency.base ||
    prices.inflationPerYear !== (input.prices?.inflationPerYear ?? ZERO) ||
    prices.priceBaseFy !== (input.prices?.priceBaseFy ?? input.horizon.firstFy) ||
    prices.periodsPerYear !== (input.prices?.periodsPerYear ?? WEEKS_PER_YEAR) ||
    was.streams.length !== input.streams.length
  ) {
    return false;
  }
  // The weightings and the ids `measure` matches costs on.
  for (let k = 0; k < input.streams.length; k++) {
    const a = was.streams[k];
    const b = input.streams[k];
    if (a.id !== b.id || a.confidenceWeighting !== b.confidenceWeighting) return false;
  }
  return true;
}

/** The input checked, its stream lines and the run every FY shares; `lines`: collect each line's amounts. */
function checkedRunOn<T>(calc: Calculator<T>, input: ProposalProfileInput<T>, lines: boolean): ProfileRun<T> {
  checkProfileInput(input);
  const existing = input.existingMtfsLines ?? [];
  const held = input.inflationContingency.heldCentrally;
  // A draw reads no stream line: each FY's weighted rows are then worked out in scratch records (profileYearInto).
  const streamLines = lines
    ? mapped(input.streams, (s) => streamLineOn(calc, s, input.confidenceWeighting, held))
    : undefined;
  return profileRunOn(calc, input, existing, streamLines, lines);
}

/**
 * The FYs of the horizon in order. The FY loop and the lines after it are functions of their own: V8 optimises
 * (and, on a new proposal's shapes, deoptimises) each alone, where one large function was recompiled whole on
 * every new shape.
 */
function yearsOn<T>(run: ProfileRun<T>): ProposalYear<T>[] {
  const { calc, rows } = run;
  const { horizon } = run.input;
  const years: ProposalYear<T>[] = [];
  let previous = calc.zero;
  let previousContingency = calc.zero;
  for (let fy = horizon.firstFy; fy <= horizon.lastFy; fy++) {
    const y = blankYear(calc);
    profileYearInto(run, y, fy, previous, previousContingency);
    y.label = fyLabel(fy);
    // The FY's stream rows are still in run.rows.
    y.measures = rows.length === 1 ? rows[0].measures : sumMeasures(calc, mapped(rows, measuresOf));
    years.push(y);
    previous = y.cumulative;
    previousContingency = y.inflationContingency;
  }
  return years;
}

/**
 * yearsOn's net (cumulative) and MTFS rows as plain numbers, every FY worked out in one scratch record: what a
 * simulated draw reads, without a record (or summed measures) per FY.
 */
function figuresInto<T>(run: ProfileRun<T>, net: number[], mtfs: number[]): void {
  const { calc } = run;
  const { horizon } = run.input;
  const y = blankYear(calc);
  for (let fy = horizon.firstFy; fy <= horizon.lastFy; fy++) {
    profileYearInto(run, y, fy, y.cumulative, y.inflationContingency);
    const i = fy - horizon.firstFy;
    net[i] = calc.toNumber(y.cumulative);
    mtfs[i] = calc.toNumber(y.mtfsImpact);
  }
}

/** A year record to fill (profileYearInto), every figure zero: one shape for every FY of every profile. */
function blankYear<T>(calc: Calculator<T>): Mutable<ProposalYear<T>> {
  const z = calc.zero;
  return {
    fy: 0,
    label: "",
    grossBeforeWeighting: z,
    gross: z,
    costs: z,
    overlap: z,
    existingMtfs: z,
    cumulative: z,
    inYear: z,
    inflationContingency: z,
    inYearInflationContingency: z,
    addedBack: z,
    mtfsImpact: z,
    measures: NO_MEASURES,
  };
}

const NO_MEASURES: readonly OperationalMeasure<never>[] = [];

/** The input checks computeProposalProfileOn makes before any arithmetic. */
function checkProfileInput<T>(input: ProposalProfileInput<T>): void {
  const { horizon, streams } = input;
  checkHorizon(horizon);
  checkStreams(streams, horizon);
  if (input.investment.some(isPricedOnAStream)) {
    checkStreamRefs(input.investment, new Set(streams.map((s) => s.id)));
  }
  if (input.confidenceWeighting !== undefined)
    checkWeighting(input.confidenceWeighting, "confidenceWeighting");
  const existing = input.existingMtfsLines ?? [];
  for (let k = 0; k < existing.length; k++) checkExistingLine(existing[k], `existingMtfsLines[${k}]`);
}

const isPricedOnAStream = (c: CostItem): boolean =>
  (c.kind === "perCase" || c.kind === "perEvent") && c.stream !== undefined;

/** Weighting = stream × proposal; only multiplied when given, so an unweighted profile is untouched. */
function weightOn<T>(
  calc: Calculator<T>,
  stream: Decimal | undefined,
  proposal: Decimal | undefined,
): T | undefined {
  const d = calc.fromDecimal;
  if (stream === undefined) return proposal === undefined ? undefined : d(proposal);
  return proposal === undefined ? d(stream) : calc.multiply(d(stream), d(proposal));
}

/** One stream's line: its years on the reported basis, weighted. */
function streamLineOn<T>(
  calc: Calculator<T>,
  s: StreamProfile<T>,
  proposalWeighting: Decimal | undefined,
  held: boolean,
): ProposalStreamLine<T> {
  const w = weightOn(calc, s.confidenceWeighting, proposalWeighting);
  return {
    id: s.id,
    label: s.label,
    kind: s.kind,
    cashability: s.cashability,
    settledFy: s.settledFy,
    weightings: s.weightings ?? [],
    weighting: w ?? calc.one,
    years: mapped(s.years, (y) => streamLineYearOn(calc, y, w, held)),
  };
}

function streamLineYearOn<T>(
  calc: Calculator<T>,
  y: StreamYear<T>,
  w: T | undefined,
  held: boolean,
): ProposalStreamYear<T> {
  const reported = reportedGross(y, held);
  const gross = weighted(calc, reported, w);
  const grossAtFyPrices = weighted(calc, y.gross, w);
  return {
    fy: y.fy,
    label: fyLabel(y.fy),
    grossBeforeWeighting: reported,
    gross,
    grossAtFyPrices,
    inflationContingency: calc.subtract(grossAtFyPrices, gross),
    oneOffCosts: oneOffCostsOf(calc, y),
    measures: y.measures,
  };
}

/*
 * A stream FY's figures as the proposal counts them, one function each: its stream line's FY (streamLineYearOn)
 * and the proposal's FY totals (profileYearInto) both take them from these, the totals straight from the rows.
 */

/** The stream FY's gross on the reported basis (price-base prices when the inflation is held centrally). */
function reportedGross<T>(y: StreamYear<T>, held: boolean): T {
  return held ? y.grossAtPriceBase : y.gross;
}

/** x × the stream's weighting, when it has one. */
function weighted<T>(calc: Calculator<T>, x: T, w: T | undefined): T {
  return w === undefined ? x : calc.multiply(x, w);
}

/** The stream FY's own per-event costs. */
function oneOffCostsOf<T>(calc: Calculator<T>, y: StreamYear<T>): T {
  return y.oneOffCosts ?? calc.zero;
}

type Mutable<X> = { -readonly [K in keyof X]: X[K] };

/**
 * What every FY of one profile shares: the input, its rules, the amounts each line collects, and the FY's
 * stream rows and contexts, refilled in place each FY (a fresh literal per FY deoptimised the loop on a map check).
 */
interface ProfileRun<T> {
  readonly calc: Calculator<T>;
  /** The input profiled (a reused run is given the next draw's, runFits). */
  input: ProposalProfileInput<T>;
  readonly existing: readonly ExistingMtfsLine[];
  readonly prices: ProposalPrices;
  readonly onNet: boolean;
  /** Each stream's line; undefined when no line is read (a draw). */
  readonly streamLines: readonly ProposalStreamLine<T>[] | undefined;
  /** Each stream's weighting (stream × proposal; undefined when neither is given), as its line's. */
  readonly weights: readonly (T | undefined)[];
  readonly held: boolean;
  /** Whether each line's amounts are collected (for the cost and existing lines; a simulated draw reads none). */
  readonly lines: boolean;
  readonly costAmounts: T[][];
  readonly streamCostAmounts: T[][];
  readonly deductedAmounts: T[][];
  readonly addedBackAmounts: T[][];
  /** The FY's amount of each existing line, deducted and added back (refilled in place per FY). */
  readonly deductedInFy: T[];
  readonly addedBackInFy: T[];
  /** The FY's total added back (existingLinesOn). */
  addedBackTotal: T;
  /** The FY's stream rows, read by `measure` (costs call it back). */
  readonly rows: StreamYear<T>[];
  /** A measure of the FY's stream rows: one stream's (or, `stream` undefined, their sum). */
  readonly measure: (key: string, stream: string | undefined) => T;
  readonly costContext: Mutable<CostContext<T>>;
  readonly overlapContext: Mutable<OverlapContext<T>>;
  /** The FY's cost of each investment line (refilled in place per FY). */
  readonly itemCosts: T[];
  /**
   * Per investment line, its cost at each FY's own prices (slot 2i, FY i of the horizon) and at the reported
   * prices when those differ (2i + 1), once worked out: only for lines that read no stream (costReadsStreams).
   */
  readonly fixedCosts: (T | undefined)[][];
}

function profileRunOn<T>(
  calc: Calculator<T>,
  input: ProposalProfileInput<T>,
  existing: readonly ExistingMtfsLine[],
  streamLines: readonly ProposalStreamLine<T>[] | undefined,
  lines: boolean,
): ProfileRun<T> {
  const { horizon, streams } = input;
  const prices: ProposalPrices = {
    inflationPerYear: input.prices?.inflationPerYear ?? ZERO,
    priceBaseFy: input.prices?.priceBaseFy ?? horizon.firstFy,
    periodsPerYear: input.prices?.periodsPerYear ?? WEEKS_PER_YEAR,
  };
  const rows: StreamYear<T>[] = [];
  const ids = mapped(streams, idOf);
  const measure = (key: string, stream: string | undefined): T => {
    let acc = calc.zero;
    for (let k = 0; k < rows.length; k++) {
      if (stream === undefined || ids[k] === stream) {
        acc = calc.add(acc, measureValue(rows[k].measures, key) ?? calc.zero);
      }
    }
    return acc;
  };
  return {
    calc,
    input,
    existing,
    prices,
    onNet: input.inflationContingency.heldCentrally && input.inflationContingency.base === "net",
    streamLines,
    weights: mapped(streams, (s) => weightOn(calc, s.confidenceWeighting, input.confidenceWeighting)),
    held: input.inflationContingency.heldCentrally,
    lines,
    costAmounts: lines ? mapped(input.investment, () => []) : [],
    streamCostAmounts: lines ? mapped(streams, () => []) : [],
    deductedAmounts: lines ? mapped(existing, () => []) : [],
    addedBackAmounts: lines ? mapped(existing, () => []) : [],
    deductedInFy: mapped(existing, () => calc.zero),
    addedBackInFy: mapped(existing, () => calc.zero),
    addedBackTotal: calc.zero,
    rows,
    measure,
    costContext: {
      fy: horizon.firstFy,
      caseloadReduction: calc.zero,
      inflationPerYear: prices.inflationPerYear,
      priceBaseFy: prices.priceBaseFy,
      pricesFy: horizon.firstFy,
      measure,
    },
    overlapContext: {
      fy: horizon.firstFy,
      gross: calc.zero,
      caseloadReduction: calc.zero,
      periodsPerYear: prices.periodsPerYear,
      inflationPerYear: prices.inflationPerYear,
      priceBaseFy: prices.priceBaseFy,
      firstFy: horizon.firstFy,
      pricesFy: horizon.firstFy,
    },
    itemCosts: mapped(input.investment, () => calc.zero),
    fixedCosts: mapped(input.investment, () => []),
  };
}

const idOf = <T>(s: StreamProfile<T>): string => s.id;

/** The value of the measure with this key, if the list has one (a loop: no closure per look-up). */
function measureValue<T>(measures: readonly OperationalMeasure<T>[], key: string): T | undefined {
  for (let k = 0; k < measures.length; k++) if (measures[k].key === key) return measures[k].value;
  return undefined;
}

/** Σ of the FY's investment lines at `pricesFy`'s prices, each line's cost left in run.itemCosts. */
function itemCostsOn<T>(run: ProfileRun<T>, fy: FyStartYear, caseloadReduction: T, pricesFy: FyStartYear): T {
  const { calc, itemCosts } = run;
  const items = run.input.investment;
  const ctx = run.costContext;
  ctx.fy = fy;
  ctx.caseloadReduction = caseloadReduction;
  ctx.pricesFy = pricesFy;
  let total = calc.zero;
  // A reused run keeps the costs that read no stream (its investment and prices are the last draw's).
  const fixed = run.fixedCosts;
  const slot = 2 * (fy - run.input.horizon.firstFy) + (pricesFy === fy ? 0 : 1);
  for (let k = 0; k < items.length; k++) {
    let c: T;
    if (costReadsStreams(items[k])) c = costInFyOn(calc, items[k], ctx);
    else {
      const known = fixed[k][slot];
      c = known === undefined ? (fixed[k][slot] = costInFyOn(calc, items[k], ctx)) : known;
    }
    itemCosts[k] = c;
    total = calc.add(total, c);
  }
  return total;
}

function overlapOn<T>(
  run: ProfileRun<T>,
  fy: FyStartYear,
  caseloadReduction: T,
  pricesFy: FyStartYear,
  onGross: T,
): T {
  const ctx = run.overlapContext;
  ctx.fy = fy;
  ctx.gross = onGross;
  ctx.caseloadReduction = caseloadReduction;
  ctx.pricesFy = pricesFy;
  return overlapInFyOn(run.calc, run.input.mtfsOverlap, ctx);
}

/**
 * One FY of the profile into `y` (all but its label and measures); each line's amounts for the FY are appended
 * to the run's. The FY's stream rows are left in run.rows.
 */
function profileYearInto<T>(
  run: ProfileRun<T>,
  y: Mutable<ProposalYear<T>>,
  fy: FyStartYear,
  previous: T,
  previousContingency: T,
): void {
  const { calc, rows, existing, onNet, prices, weights, held } = run;
  const { add, subtract: sub } = calc;
  const streams = run.input.streams;
  const i = fy - run.input.horizon.firstFy;
  for (let k = 0; k < streams.length; k++) {
    rows[k] = streams[k].years[i];
  }
  const caseloadReduction = run.measure("caseloadReduction", undefined);
  const reportedPrices = onNet ? prices.priceBaseFy : fy;
  const itemTotal = itemCostsOn(run, fy, caseloadReduction, reportedPrices);
  if (run.lines) for (let k = 0; k < run.itemCosts.length; k++) run.costAmounts[k].push(run.itemCosts[k]);
  // Each total adds the streams in order, as it always has (the Decimal figures are digit for digit).
  let gross = calc.zero;
  let grossFy = calc.zero;
  let grossBeforeWeighting = calc.zero;
  let costs = itemTotal;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const w = weights[k];
    const reported = reportedGross(r, held);
    const oneOff = oneOffCostsOf(calc, r);
    gross = add(gross, weighted(calc, reported, w));
    grossFy = add(grossFy, weighted(calc, r.gross, w));
    grossBeforeWeighting = add(grossBeforeWeighting, reported);
    costs = add(costs, oneOff);
    if (run.lines) run.streamCostAmounts[k].push(oneOff);
  }
  const overlap = overlapOn(run, fy, caseloadReduction, reportedPrices, gross);
  const net = sub(sub(gross, costs), overlap);
  // Most proposals have no existing lines: nothing to work out (or allocate) per FY then.
  const hasLines = existing.length > 0;
  const existingMtfs = hasLines ? existingLinesOn(run, fy, sub(gross, overlap)) : calc.zero;
  const addedBack = hasLines ? run.addedBackTotal : calc.zero;
  const cumulative = hasLines ? sub(net, existingMtfs) : net;
  // On net: the inflation of costs and overlap comes out of the contingency, so the MTFS row is unchanged.
  const inflationContingency = onNet
    ? sub(contingencyNetOn(run, fy, caseloadReduction, grossFy), net)
    : sub(grossFy, gross);
  const withContingency = add(cumulative, inflationContingency);
  y.fy = fy;
  y.grossBeforeWeighting = grossBeforeWeighting;
  y.gross = gross;
  y.costs = costs;
  y.overlap = overlap;
  y.existingMtfs = existingMtfs;
  y.cumulative = cumulative;
  y.inYear = sub(cumulative, previous);
  y.inflationContingency = inflationContingency;
  y.inYearInflationContingency = sub(inflationContingency, previousContingency);
  y.addedBack = addedBack;
  y.mtfsImpact = hasLines ? add(withContingency, addedBack) : withContingency;
}

const measuresOf = <T>(r: StreamYear<T>): readonly OperationalMeasure<T>[] => r.measures;

/** The net at FY prices, for a contingency held on net: gross less costs and overlap, all at the FY's prices. */
function contingencyNetOn<T>(run: ProfileRun<T>, fy: FyStartYear, caseloadReduction: T, grossFy: T): T {
  const { calc, rows } = run;
  let costs = itemCostsOn(run, fy, caseloadReduction, fy);
  for (let k = 0; k < rows.length; k++) costs = calc.add(costs, oneOffCostsOf(calc, rows[k]));
  return calc.subtract(calc.subtract(grossFy, costs), overlapOn(run, fy, caseloadReduction, fy, grossFy));
}

/**
 * The FY's existing lines into the run's scratch (each line's amounts appended to the run's): the total the net
 * is stated net of, and the total added back left in run.addedBackTotal (one function, not a record per FY).
 */
function existingLinesOn<T>(run: ProfileRun<T>, fy: FyStartYear, remaining: T): T {
  const { calc, deductedInFy: deducted, addedBackInFy: added } = run;
  existingLinesInto(calc, run.existing, fy, remaining, deducted, added);
  let existingMtfs = calc.zero;
  for (let k = 0; k < deducted.length; k++) {
    if (run.lines) run.deductedAmounts[k].push(deducted[k]);
    existingMtfs = calc.add(existingMtfs, deducted[k]);
  }
  let addedBack = calc.zero;
  for (let k = 0; k < added.length; k++) {
    if (run.lines) run.addedBackAmounts[k].push(added[k]);
    addedBack = calc.add(addedBack, added[k]);
  }
  run.addedBackTotal = addedBack;
  return existingMtfs;
}

/** The profile of its years: the cost and existing lines, the run rate and the quantified opportunity. */
function profileOf<T>(calc: Calculator<T>, run: ProfileRun<T>, years: ProposalYear<T>[]): ProposalProfile<T> {
  const { input, existing } = run;
  const { horizon, streams } = input;
  const costLines: ProposalLine<T>[] = [];
  for (let k = 0; k < input.investment.length; k++) {
    const c = input.investment[k];
    costLines.push({ label: c.label, kind: c.kind, amounts: run.costAmounts[k] });
  }
  for (let k = 0; k < streams.length; k++) {
    const s = streams[k];
    if (s.years.some(hasOneOffCosts)) {
      costLines.push({
        label: `${s.label}: costs per event`,
        kind: "stream",
        amounts: run.streamCostAmounts[k],
      });
    }
  }
  const existingLines: ExistingMtfsLineResult<T>[] = mapped(existing, (l, k) => ({
    label: l.ref === undefined ? l.label : `${l.ref} ${l.label}`,
    treatment: l.treatment,
    deducted: run.deductedAmounts[k],
    addedBack: run.addedBackAmounts[k],
  }));
  const last = lastSettled(input, existing);
  const runFy = Math.min(Math.max(last?.fy ?? horizon.firstFy, horizon.firstFy), horizon.lastFy);
  const runRow = years[runFy - horizon.firstFy];
  const mtfsRow = years[mtfsIndexOf(horizon)];
  let timeToFull = calc.zero;
  for (const s of streams) {
    if (s.timeToFullImpactYears !== undefined) timeToFull = maxOf(calc, timeToFull, s.timeToFullImpactYears);
  }
  return {
    years,
    streams: run.streamLines ?? [],
    costLines,
    existingMtfsLines: existingLines,
    ...(input.confidenceWeighting !== undefined ? { confidenceWeighting: input.confidenceWeighting } : {}),
    quantifiedOpportunity: mtfsRow.cumulative,
    quantifiedOpportunityInflationContingency: mtfsRow.inflationContingency,
    fullRunRate: {
      value: runRow.cumulative,
      fy: runRow.fy,
      label: runRow.label,
      inflationContingency: runRow.inflationContingency,
      settledBy: last?.by ?? "",
    },
    timeToFullRunRateYears: timeToFull,
  };
}

const hasOneOffCosts = <T>(y: StreamYear<T>): boolean => y.oneOffCosts !== undefined;

/** What settles last (the first of equals): a stream, a cost line, an existing line or the overlap. */
function lastSettled<T>(
  input: ProposalProfileInput<T>,
  existing: readonly ExistingMtfsLine[],
): { fy: FyStartYear; by: string } | undefined {
  let last: { fy: FyStartYear; by: string } | undefined;
  const consider = (fy: FyStartYear, by: string): void => {
    if (last === undefined || fy > last.fy) last = { fy, by };
  };
  for (const s of input.streams) consider(s.settledFy, s.label);
  for (const c of input.investment) {
    const fy = settledFyOfCost(c);
    if (fy !== undefined) consider(fy, c.label);
  }
  for (const l of existing) consider(existingLineSettledFy(l), l.ref ?? l.label);
  const overlapFy = overlapSettledFy(input.mtfsOverlap);
  if (overlapFy !== undefined) consider(overlapFy, "MTFS overlap");
  return last;
}
