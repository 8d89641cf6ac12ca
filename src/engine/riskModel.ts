import { numberCalculator } from "./calculator";
import { cohortStreamOn } from "./cohortStream";
import { fyLabel } from "./fiscalYear";
import { profileStreamInput, proposalOfStreamOn } from "./profile";
import type { ProposalProfile } from "./proposalProfile";
import { decimalAt, numberPaths, type RiskEntry } from "./riskInputs";
import { assumptionsProfileOn, type ProposalAssumptions, type StreamInput } from "./assumptions";
import type { ConfidenceLevel, Proposal } from "./proposal";
import type { FyStartYear, ProfileInput } from "./types";

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
  evaluate(assumptions: A): RiskFigures;
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
 * The figures of a proposal profile as plain numbers.
 *
 * @example
 * riskFigures(computeProposalProfile(...)).net[3] // ≈ 1.10e6 for CFS
 */
export function riskFigures(p: ProposalProfile): RiskFigures {
  return {
    net: p.years.map((y) => y.cumulative.toNumber()),
    mtfs: p.years.map((y) => y.mtfsImpact.toNumber()),
  };
}

/**
 * The figures of a single-cohort ProfileInput, its cohort stream on the number backend.
 *
 * @example
 * profileRiskFigures(cfs).net.map((x) => (x / 1e6).toFixed(2)) // ["-0.50", "-1.50", "-0.58", "1.10", "2.77", "3.29"]
 */
export function profileRiskFigures(input: ProfileInput): RiskFigures {
  const stream = cohortStreamOn(numberCalculator, profileStreamInput(input, numberCalculator), input.horizon);
  const p = proposalOfStreamOn(numberCalculator, input, stream);
  return { net: p.years.map((y) => y.cumulative), mtfs: p.years.map((y) => y.mtfsImpact) };
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
  const { firstFy, lastFy, mtfsLastFy } = input.horizon;
  const fys = Array.from({ length: lastFy - firstFy + 1 }, (_, i) => firstFy + i);
  // As computeProposalProfile: the last FY when the MTFS end lies outside the horizon.
  const mtfsIndex = mtfsLastFy >= firstFy && mtfsLastFy <= lastFy ? mtfsLastFy - firstFy : fys.length - 1;
  return {
    name,
    assumptions: input,
    fys,
    mtfsIndex,
    ...(confidence ? { confidence } : {}),
    entries,
    defaultDraws: defaultDraws(input),
    evaluate: profileRiskFigures,
  };
}

/**
 * FY labels of a model, for tables.
 *
 * @example
 * fyLabels({ fys: [2026, 2027] }) // ["FY26/27", "FY27/28"]
 */
export function fyLabels(m: { readonly fys: readonly FyStartYear[] }): string[] {
  return m.fys.map(fyLabel);
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
  const { firstFy, lastFy, mtfsLastFy } = a.horizon;
  const fys = Array.from({ length: lastFy - firstFy + 1 }, (_, i) => firstFy + i);
  const mtfsIndex = mtfsLastFy >= firstFy && mtfsLastFy <= lastFy ? mtfsLastFy - firstFy : fys.length - 1;
  return {
    name,
    assumptions: a,
    fys,
    mtfsIndex,
    ...(confidence ? { confidence } : {}),
    entries,
    defaultDraws: streamDefaultDraws(a),
    evaluate: (x) => {
      const p = assumptionsProfileOn(numberCalculator, x);
      return { net: p.years.map((y) => y.cumulative), mtfs: p.years.map((y) => y.mtfsImpact) };
    },
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
