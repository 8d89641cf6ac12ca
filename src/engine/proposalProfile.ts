import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { decimalCalculator, maxOf, type Calculator } from "./calculator";
import { WEEKS_PER_YEAR, fyLabel } from "./fiscalYear";
import { costInFyOn, type CostContext } from "./costs";
import { overlapInFyOn } from "./overlap";
import {
  checkExistingLine,
  existingLinesInFyOn,
  type ExistingLinesInFy,
  type ExistingMtfsLine,
} from "./existingMtfs";
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
  const ids = new Set<string>();
  streams.forEach((s, k) => {
    if (ids.has(s.id)) {
      throw new EngineError("out-of-range", `streams[${k}].id`, `must be unique; "${s.id}" is used twice`);
    }
    ids.add(s.id);
    if (s.confidenceWeighting !== undefined) {
      checkWeighting(s.confidenceWeighting, `streams[${k}].confidenceWeighting`);
    }
    const n = horizon.lastFy - horizon.firstFy + 1;
    if (s.years.length !== n || s.years.some((y, i) => y.fy !== horizon.firstFy + i)) {
      throw new Error(`stream ${s.id} does not cover FY ${horizon.firstFy}–${horizon.lastFy} in order`);
    }
  });
}

/** costSettledFy, remembered per cost line: the same lines are profiled on every simulated draw. */
function settledFyOfCost(c: CostItem): FyStartYear | undefined {
  if (settledFys.has(c)) return settledFys.get(c);
  const fy = costSettledFy(c);
  settledFys.set(c, fy);
  return fy;
}

const settledFys = new WeakMap<CostItem, FyStartYear | undefined>();

/** An FY's existing lines when a proposal has none (never written to). */
const NO_EXISTING_LINES: ExistingLinesInFy<never> = { deducted: [], addedBack: [] };

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

const pickGross = <T>(r: ProposalStreamYear<T>): T => r.gross;
const pickGrossAtFyPrices = <T>(r: ProposalStreamYear<T>): T => r.grossAtFyPrices;
const pickOneOffCosts = <T>(r: ProposalStreamYear<T>): T => r.oneOffCosts;
const pickGrossBeforeWeighting = <T>(r: ProposalStreamYear<T>): T => r.grossBeforeWeighting;

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
  const { horizon, streams } = input;
  const { add, subtract: sub, multiply: mul, zero: ZERO_T } = calc;
  const d = calc.fromDecimal;
  // Loops, not spreads and maps: a simulation profiles thousands of times (the same additions in the same order).
  const sum = (xs: readonly T[]): T => {
    let a = ZERO_T;
    for (let k = 0; k < xs.length; k++) a = add(a, xs[k]);
    return a;
  };
  const sumOf = (
    rows: readonly ProposalStreamYear<T>[],
    pick: (r: ProposalStreamYear<T>) => T,
    from = ZERO_T,
  ): T => {
    let a = from;
    for (let k = 0; k < rows.length; k++) a = add(a, pick(rows[k]));
    return a;
  };
  checkHorizon(horizon);
  checkStreams(streams, horizon);
  if (
    input.investment.some((c) => (c.kind === "perCase" || c.kind === "perEvent") && c.stream !== undefined)
  ) {
    checkStreamRefs(input.investment, new Set(streams.map((s) => s.id)));
  }
  if (input.confidenceWeighting !== undefined)
    checkWeighting(input.confidenceWeighting, "confidenceWeighting");
  const existing = input.existingMtfsLines ?? [];
  existing.forEach((l, k) => checkExistingLine(l, `existingMtfsLines[${k}]`));
  const prices: ProposalPrices = {
    inflationPerYear: input.prices?.inflationPerYear ?? ZERO,
    priceBaseFy: input.prices?.priceBaseFy ?? horizon.firstFy,
    periodsPerYear: input.prices?.periodsPerYear ?? WEEKS_PER_YEAR,
  };
  const held = input.inflationContingency.heldCentrally;
  const onNet = held && input.inflationContingency.base === "net";

  // Weighting = stream × proposal; only multiplied when given, so an unweighted profile is untouched.
  const weightOf = (s: StreamProfile<T>): T | undefined =>
    s.confidenceWeighting === undefined
      ? input.confidenceWeighting === undefined
        ? undefined
        : d(input.confidenceWeighting)
      : input.confidenceWeighting === undefined
        ? d(s.confidenceWeighting)
        : mul(d(s.confidenceWeighting), d(input.confidenceWeighting));
  const streamLines = mapped(streams, (s): ProposalStreamLine<T> => {
    const w = weightOf(s);
    const apply = (x: T): T => (w === undefined ? x : mul(x, w));
    return {
      id: s.id,
      label: s.label,
      kind: s.kind,
      cashability: s.cashability,
      settledFy: s.settledFy,
      weightings: s.weightings ?? [],
      weighting: w ?? calc.one,
      years: mapped(s.years, (y) => {
        const reported = held ? y.grossAtPriceBase : y.gross;
        const gross = apply(reported);
        const grossAtFyPrices = apply(y.gross);
        return {
          fy: y.fy,
          label: fyLabel(y.fy),
          grossBeforeWeighting: reported,
          gross,
          grossAtFyPrices,
          inflationContingency: sub(grossAtFyPrices, gross),
          oneOffCosts: y.oneOffCosts ?? ZERO_T,
          measures: y.measures,
        };
      }),
    };
  });

  const costAmounts: T[][] = mapped(input.investment, () => []);
  const streamCostAmounts: T[][] = mapped(streams, () => []);
  const deductedAmounts: T[][] = mapped(existing, () => []);
  const addedBackAmounts: T[][] = mapped(existing, () => []);
  const years: ProposalYear<T>[] = [];
  let previous = ZERO_T;
  let previousContingency = ZERO_T;
  // The FY's stream rows, read by `measure` (costs call it back); the helpers below are made once, not per FY.
  // Both arrays are refilled in place each FY (a fresh literal per FY deoptimised this function on a map check).
  const rows: StreamYear<T>[] = [];
  const lineRows: ProposalStreamYear<T>[] = [];
  const measure = (key: string, stream: string | undefined): T => {
    let acc = ZERO_T;
    for (let k = 0; k < rows.length; k++) {
      if (stream === undefined || streams[k].id === stream) {
        acc = add(acc, rows[k].measures.find((m) => m.key === key)?.value ?? ZERO_T);
      }
    }
    return acc;
  };
  const costsAt = (fy: FyStartYear, caseloadReduction: T, pricesFy: FyStartYear): T[] => {
    const ctx: CostContext<T> = {
      fy,
      caseloadReduction,
      inflationPerYear: prices.inflationPerYear,
      priceBaseFy: prices.priceBaseFy,
      pricesFy,
      measure,
    };
    const out: T[] = [];
    for (const c of input.investment) out.push(costInFyOn(calc, c, ctx));
    return out;
  };
  const overlapAt = (fy: FyStartYear, caseloadReduction: T, pricesFy: FyStartYear, onGross: T): T =>
    overlapInFyOn(calc, input.mtfsOverlap, {
      fy,
      gross: onGross,
      caseloadReduction,
      periodsPerYear: prices.periodsPerYear,
      inflationPerYear: prices.inflationPerYear,
      priceBaseFy: prices.priceBaseFy,
      firstFy: horizon.firstFy,
      pricesFy,
    });
  for (let fy = horizon.firstFy; fy <= horizon.lastFy; fy++) {
    const i = fy - horizon.firstFy;
    for (let k = 0; k < streams.length; k++) {
      rows[k] = streams[k].years[i];
      lineRows[k] = streamLines[k].years[i];
    }
    const caseloadReduction = measure("caseloadReduction", undefined);
    const gross = sumOf(lineRows, pickGross);
    const grossFy = sumOf(lineRows, pickGrossAtFyPrices);
    const reportedPrices = onNet ? prices.priceBaseFy : fy;
    const itemCosts = costsAt(fy, caseloadReduction, reportedPrices);
    for (let k = 0; k < itemCosts.length; k++) costAmounts[k].push(itemCosts[k]);
    for (let k = 0; k < lineRows.length; k++) streamCostAmounts[k].push(lineRows[k].oneOffCosts);
    const costs = sumOf(lineRows, pickOneOffCosts, sum(itemCosts));
    const overlap = overlapAt(fy, caseloadReduction, reportedPrices, gross);
    // Most proposals have no existing lines: nothing to work out (or allocate) per FY then.
    const lines =
      existing.length === 0
        ? (NO_EXISTING_LINES as ExistingLinesInFy<T>)
        : existingLinesInFyOn(calc, existing, fy, sub(gross, overlap));
    for (let k = 0; k < lines.deducted.length; k++) deductedAmounts[k].push(lines.deducted[k]);
    for (let k = 0; k < lines.addedBack.length; k++) addedBackAmounts[k].push(lines.addedBack[k]);
    const existingMtfs = sum(lines.deducted);
    const addedBack = sum(lines.addedBack);
    const net = sub(sub(gross, costs), overlap);
    const cumulative = existing.length === 0 ? net : sub(net, existingMtfs);
    // On net: the inflation of costs and overlap comes out of the contingency, so the MTFS row is unchanged.
    const inflationContingency = onNet
      ? sub(
          sub(
            sub(grossFy, sumOf(lineRows, pickOneOffCosts, sum(costsAt(fy, caseloadReduction, fy)))),
            overlapAt(fy, caseloadReduction, fy, grossFy),
          ),
          net,
        )
      : sub(grossFy, gross);
    const withContingency = add(cumulative, inflationContingency);
    const measures: (readonly OperationalMeasure<T>[])[] = [];
    for (const r of rows) measures.push(r.measures);
    years.push({
      fy,
      label: fyLabel(fy),
      grossBeforeWeighting: sumOf(lineRows, pickGrossBeforeWeighting),
      gross,
      costs,
      overlap,
      existingMtfs,
      cumulative,
      inYear: sub(cumulative, previous),
      inflationContingency,
      inYearInflationContingency: sub(inflationContingency, previousContingency),
      addedBack,
      mtfsImpact: existing.length === 0 ? withContingency : add(withContingency, addedBack),
      measures: sumMeasures(calc, measures),
    });
    previous = cumulative;
    previousContingency = inflationContingency;
  }

  const costLines: ProposalLine<T>[] = [];
  for (let k = 0; k < input.investment.length; k++) {
    const c = input.investment[k];
    costLines.push({ label: c.label, kind: c.kind, amounts: costAmounts[k] });
  }
  streams.forEach((s, k) => {
    if (s.years.some((y) => y.oneOffCosts !== undefined)) {
      costLines.push({ label: `${s.label}: costs per event`, kind: "stream", amounts: streamCostAmounts[k] });
    }
  });
  const existingLines: ExistingMtfsLineResult<T>[] = mapped(existing, (l, k) => ({
    label: l.ref === undefined ? l.label : `${l.ref} ${l.label}`,
    treatment: l.treatment,
    deducted: deductedAmounts[k],
    addedBack: addedBackAmounts[k],
  }));

  const settle: { fy: FyStartYear; by: string }[] = mapped(streams, (s) => ({
    fy: s.settledFy,
    by: s.label,
  }));
  for (const c of input.investment) {
    const fy = settledFyOfCost(c);
    if (fy !== undefined) settle.push({ fy, by: c.label });
  }
  for (const l of existing) settle.push({ fy: existingLineSettledFy(l), by: l.ref ?? l.label });
  const overlapFy = overlapSettledFy(input.mtfsOverlap);
  if (overlapFy !== undefined) settle.push({ fy: overlapFy, by: "MTFS overlap" });
  const last = settle.reduce<{ fy: FyStartYear; by: string } | undefined>(
    (acc, x) => (acc === undefined || x.fy > acc.fy ? x : acc),
    undefined,
  );
  const runFy = Math.min(Math.max(last?.fy ?? horizon.firstFy, horizon.firstFy), horizon.lastFy);
  const runRow = years[runFy - horizon.firstFy];
  const mtfsRow = years[mtfsIndexOf(horizon)];
  let timeToFull = ZERO_T;
  for (const s of streams) {
    if (s.timeToFullImpactYears !== undefined) timeToFull = maxOf(calc, timeToFull, s.timeToFullImpactYears);
  }
  return {
    years,
    streams: streamLines,
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
