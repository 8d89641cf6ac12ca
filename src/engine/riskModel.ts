import { decimalCalculator, numberCalculator, type Calculator } from "./calculator";
import { cohortStreamOn } from "./cohortStream";
import { profileStreamInput, proposalInputOfStream } from "./profile";
import {
  mtfsIndexOf,
  figuresScratch,
  proposalFiguresOn,
  type FiguresScratch,
  type ProposalProfileInput,
} from "./proposalProfile";
import { horizonFys } from "./streamYears";
import { figuresNeeds } from "./stream";
import { EngineError } from "./errors";
import { decimalAt, numberPaths, type RiskEntry } from "./riskInputs";
import { assumptionsProfileInputOn, type ProposalAssumptions, type StreamInput } from "./assumptions";
import type { ConfidenceLevel, Proposal } from "./proposal";
import type { FyStartYear, Horizon, ProfileInput } from "./types";

/**
 * What a tornado and a simulation run many times: a proposal's assumptions, how to evaluate them on plain
 * numbers (the engine's own model on the number backend, calculator.ts), and its risk entries.
 */

/** The figures a risk analysis reads, per FY of the horizon (£, plain numbers). */
export interface RiskFigures {
  /** Net benefit (the cumulative benefit row). */
  readonly net: readonly number[];
  /** The MTFS row (net + inflation held centrally + added-back lines). */
  readonly mtfs: readonly number[];
}

/** One proposal as a risk analysis sees it. */
export interface RiskModel<A> {
  readonly name: string;
  readonly assumptions: A;
  readonly fys: readonly FyStartYear[];
  /** Index of the last MTFS FY in `fys`: the quantified opportunity is `net[mtfsIndex]`. */
  readonly mtfsIndex: number;
  readonly confidence?: ConfidenceLevel;
  readonly entries: readonly RiskEntry[];
  /** What a simulation draws when no entry carries a distribution (defaultDraws). */
  readonly defaultDraws: readonly RiskEntry[];
  /** The figures on plain numbers (fast, for draws and tornado ends). */
  evaluate(assumptions: A): RiskFigures;
  /** The figures of `assumptions` on the Decimal engine: the reported planned / base figures. */
  exact(): RiskFigures;
}

/** The FYs a programme adds up: those every proposal covers, and the index of the shared MTFS FY among them. */
export interface ProgrammeFys {
  readonly fys: readonly FyStartYear[];
  readonly mtfsIndex: number;
  /** Per proposal, the index of the programme's first FY in the proposal's own FYs. */
  readonly offsets: readonly number[];
}

/**
 * The FYs a programme of proposals adds up: those every proposal covers (horizons may end in different FYs,
 * as the demo programme's do). Refuses proposals whose MTFS ends (mtfsLastFy) in another FY than the first's:
 * a programme has one MTFS row and one quantified-opportunity year.
 *
 * @example
 * programmeFys([cfsModel, reablementModel]).fys // [2026, …, 2030]: the FYs both cover
 */
export function programmeFys(models: readonly RiskModel<unknown>[]): ProgrammeFys {
  const [first] = models;
  const mtfsFy = first.fys[first.mtfsIndex];
  models.forEach((m, k) => {
    if (m.fys[m.mtfsIndex] !== mtfsFy) {
      throw new EngineError(
        "out-of-range",
        `proposals[${k}].horizon`,
        `"${m.name}" must end its MTFS (mtfsLastFy) in the same FY as the first proposal, "${first.name}"`,
      );
    }
  });
  // Each horizon is a run of FYs that holds the MTFS FY, so the common FYs are one run that holds it too.
  const from = Math.max(...models.map((m) => m.fys[0]));
  const to = Math.min(...models.map((m) => m.fys[m.fys.length - 1]));
  const fys: FyStartYear[] = [];
  for (let fy = from; fy <= to; fy++) fys.push(fy);
  return { fys, mtfsIndex: mtfsFy - from, offsets: models.map((m) => from - m.fys[0]) };
}

/**
 * The headline estimates of a single-cohort proposal: the size of the effect, its unit price and its timing.
 * A simulation draws them from the confidence spread when the proposal's risk block gives no distribution.
 */
export const DEFAULT_DRAWN_PATHS = ["target.value", "unitCost.weeklyCost", "timeline.leadWeeks"] as const;

/**
 * The default draws: each headline estimate that is non-zero, from the confidence spread.
 *
 * @example
 * defaultDraws(cfs).map((e) => e.path) // ["target.value", "unitCost.weeklyCost", "timeline.leadWeeks"]
 */
export function defaultDraws(
  assumptions: unknown,
  paths: readonly string[] = DEFAULT_DRAWN_PATHS,
): RiskEntry[] {
  return paths
    .filter((path) => {
      const d = decimalAt(assumptions, path);
      return d !== undefined && !d.isZero();
    })
    .map((path) => ({ path, distribution: { kind: "confidence" } }));
}

/**
 * The figures of a proposal profile input on either backend, as plain numbers: only the profile's net and MTFS
 * rows are worked out (proposalFiguresOn), the figures a risk analysis reads.
 */
function figuresOn<T>(
  calc: Calculator<T>,
  input: ProposalProfileInput<T>,
  scratch?: FiguresScratch,
): RiskFigures {
  return proposalFiguresOn(calc, input, scratch);
}

/**
 * f, worked out on its first call and kept: a model's exact figures are of its own assumptions, which never
 * change (a draw evaluates a copy). Each simulation of the model then profiles it on Decimal once, not per run.
 */
function once<R>(f: () => R): () => R {
  let kept: { readonly value: R } | undefined;
  return () => (kept ??= { value: f() }).value;
}

/** f with a FiguresScratch of its own, kept from call to call. */
function withScratch<A>(f: (x: A, scratch: FiguresScratch) => RiskFigures): (x: A) => RiskFigures {
  const scratch = figuresScratch();
  return (x) => f(x, scratch);
}

/** A model's FYs and the index of its MTFS row (the rule computeProposalProfile applies). */
function horizonOf(h: Horizon): { fys: FyStartYear[]; mtfsIndex: number } {
  return { fys: horizonFys(h), mtfsIndex: mtfsIndexOf(h) };
}

/** A single-cohort ProfileInput's figures on `calc`. */
function profileFiguresOn<T>(
  calc: Calculator<T>,
  input: ProfileInput,
  scratch?: FiguresScratch,
): RiskFigures {
  const stream = cohortStreamOn(calc, profileStreamInput(input, calc), input.horizon);
  return figuresOn(calc, proposalInputOfStream(input, stream), scratch);
}

/**
 * The figures of a single-cohort ProfileInput, its cohort stream on the number backend.
 *
 * @example
 * profileRiskFigures(cfs).net.map((x) => (x / 1e6).toFixed(2)) // ["-0.50", "-1.50", "-0.58", "1.10", "2.77", "3.29"]
 */
export function profileRiskFigures(input: ProfileInput): RiskFigures {
  return profileFiguresOn(numberCalculator, input);
}

/**
 * The risk model of a single-cohort proposal.
 *
 * @example
 * const m = profileRiskModel("CFS", cfs, []);
 * m.evaluate(m.assumptions).net[m.mtfsIndex] // ≈ 1.10e6
 */
export function profileRiskModel(
  name: string,
  input: ProfileInput,
  entries: readonly RiskEntry[] = [],
  confidence?: ConfidenceLevel,
): RiskModel<ProfileInput> {
  return {
    name,
    assumptions: input,
    ...horizonOf(input.horizon),
    ...(confidence ? { confidence } : {}),
    entries,
    defaultDraws: defaultDraws(input),
    // One scratch per model: its draws share everything but the streams' figures (proposalFiguresOn).
    evaluate: withScratch((x, scratch) => profileFiguresOn(numberCalculator, x, scratch)),
    exact: once(() => profileFiguresOn(decimalCalculator, input)),
  };
}

/** The headline estimates of each stream kind, by their key in the stream (list indices left out). */
const DEFAULT_DRAWN_BY_KIND: Readonly<Record<StreamInput["kind"], readonly string[]>> = {
  cohort: DEFAULT_DRAWN_PATHS,
  addressableSpend: ["categories.reductionRate"],
  income: ["items.volumePerYear", "items.amountPerYear"],
  staffing: ["reductions.fteReduction", "reductions.amountPerYear"],
  provision: ["caseload"],
  packageReview: ["reductionRate"],
  reablement: ["finishersPerYear"],
};

/**
 * The default draws of a multi-stream proposal: each stream's headline estimates (DEFAULT_DRAWN_BY_KIND), where
 * non-zero, from the confidence spread.
 *
 * @example
 * streamDefaultDraws(a).map((e) => e.path) // ["streams[0].target.value", …, "streams[1].categories[0].reductionRate"]
 */
export function streamDefaultDraws(a: ProposalAssumptions): RiskEntry[] {
  const paths = numberPaths(a).filter((path) => {
    const m = /^streams\[(\d+)\]\.(.*)$/.exec(path);
    if (m === null) return false;
    const kind = a.streams[Number(m[1])].kind;
    return DEFAULT_DRAWN_BY_KIND[kind].includes(m[2].replace(/\[\d+\]/g, ""));
  });
  return paths.map((path) => ({ path, distribution: { kind: "confidence" } }));
}

/**
 * The risk model of a proposal's assumptions in either form, evaluated with assumptionsProfileOn on numbers.
 *
 * @example
 * assumptionsRiskModel("Reablement", a).evaluate(a).mtfs // the MTFS row per FY
 */
export function assumptionsRiskModel(
  name: string,
  a: ProposalAssumptions,
  entries: readonly RiskEntry[] = [],
  confidence?: ConfidenceLevel,
): RiskModel<ProposalAssumptions> {
  return {
    name,
    assumptions: a,
    ...horizonOf(a.horizon),
    ...(confidence ? { confidence } : {}),
    entries,
    defaultDraws: streamDefaultDraws(a),
    // Only what the net and MTFS rows read of the streams is worked out (figuresNeeds).
    evaluate: withScratch((x, scratch) =>
      figuresOn(
        numberCalculator,
        assumptionsProfileInputOn(numberCalculator, x, figuresNeeds(x.investment)),
        scratch,
      ),
    ),
    exact: once(() =>
      figuresOn(
        decimalCalculator,
        assumptionsProfileInputOn(decimalCalculator, a, figuresNeeds(a.investment)),
      ),
    ),
  };
}

/**
 * The risk model of a parsed proposal: its name, assumptions, `risk` block and confidence level. A
 * single-cohort proposal is moved in today's field names (`target.value`, `unitCost.weeklyCost`); a
 * multi-stream one by stream (`streams[1].categories[0].reductionRate`).
 *
 * @example
 * proposalRiskModel(parseProposal(cfsJson)).name // "CFS Targeted Prevention"
 */
export function proposalRiskModel(p: Proposal): RiskModel<unknown> {
  const entries = p.risk?.inputs ?? [];
  const level = p.opportunity.confidence?.level;
  const cohort = p.assumptions.cohort;
  return cohort !== undefined
    ? profileRiskModel(p.opportunity.name, cohort, entries, level)
    : assumptionsRiskModel(p.opportunity.name, p.assumptions, entries, level);
}
