import {
  DEFAULT_OPTIMISM_BIAS,
  checkProposal,
  checkProposalAssumptions,
  isEngineError,
  computeAssumptions,
  type ProposalProfile,
  flatDeflatorIndex,
  formatWholeRange,
  grossByCashability,
  profileGreenBook,
  proposalStretch,
  riskAdjustedProfile,
  type CashabilityYear,
  proposalTornado,
  type Proposal,
  type Sensitivity,
  type Decimal,
  type GreenBookView,
  type OptimismBiasTable,
  type InputWarning,
  triangulate,
  type Profile,
  type WholeRange,
} from "../engine";
import type { CellScalar } from "./port";
import { DEFAULT_GREEN_BOOK_PARAMETERS, type GreenBookParameters } from "./parameters";

/**
 * The workbook layer's one call into the engine for a proposal: parse (A's parseProposal), compute the
 * profile (computeAssumptions) and the triangulation (B's triangulate). Nothing is recomputed here.
 */

export interface ModelledProposal {
  readonly profile: Profile;
  /** Each stream's lines, the existing MTFS lines and the operational measures (the proposal profile). */
  readonly proposal: ProposalProfile;
  /**
   * One entry per `triangulation.rows[i]`: annual avoided starts (or children per month) and caseload, a
   * number, or text such as "106 – 138" for a range.
   */
  readonly triangulation: readonly { readonly avoided: CellScalar; readonly caseload: CellScalar }[];
  /** Values that passed the rules but look wrong (the engine's input warnings), for the sheet's status. */
  readonly warnings: readonly InputWarning[];
  /**
   * The risk-adjusted MTFS row per profile year: optimism bias (the Parameters table) off the benefits for
   * the proposal's confidence level; the MTFS row itself when it states none.
   */
  readonly riskAdjusted: readonly Decimal[];
  /** The confidence level the proposal states, if any. */
  readonly confidence?: string;
  /** The extra MTFS row per profile year of the stretch target it states, if any. */
  readonly stretch?: readonly Decimal[];
  /** The Green Book view of the profile at the Parameters sheet's discount rates and deflator. */
  readonly greenBook: GreenBookView;
  /** The deflator index per profile year behind `greenBook` (100 in the first FY). */
  readonly deflatorIndex: readonly Decimal[];
  /** The gross per profile year split by the streams' cashability labels. */
  readonly cashability: readonly CashabilityYear[];
  /**
   * The tornado of the quantified opportunity (proposalTornado): each input at its low and high, largest swing
   * first; absent when the risk block names an input the model does not have. Computed on first read.
   */
  readonly sensitivity?: Sensitivity;
}

const whole = (r: WholeRange | undefined): CellScalar =>
  r === undefined ? null : r.low.eq(r.high) ? r.low.toNumber() : formatWholeRange(r);

/**
 * Parses a proposal and computes its profile, triangulation, risk-adjusted MTFS row (with `table`, the
 * workbook's Parameters), Green Book view (with `greenBook`) and cashability split; bad input throws the
 * engine's EngineError.
 *
 * @example
 * modelProposal(cfsJson).profile.quantifiedOpportunity.div(1e6).toFixed(2) // "1.10"
 */
export function modelProposal(
  raw: unknown,
  table: OptimismBiasTable = DEFAULT_OPTIMISM_BIAS,
  greenBook: GreenBookParameters = DEFAULT_GREEN_BOOK_PARAMETERS,
): ModelledProposal {
  const { value: proposal, warnings } = checkProposal(raw);
  const tri = proposal.triangulation ? triangulate(proposal.triangulation) : undefined;
  const json = (raw as { assumptions?: unknown }).assumptions;
  const computed = remembered(json, () => computeAssumptions(proposal.assumptions));
  const profile = computed.profile;
  const confidence = proposal.opportunity.confidence?.level;
  const stretch = proposalStretch(proposal.assumptions);
  const deflatorIndex = flatDeflatorIndex(profile.years.length, greenBook.deflatorPerYear);
  // The tornado (tens of runs) only when read: a sheet without a tornado block, or a Programme link, never
  // asks. Refresh models a sheet's stored and read-back proposal alike, so it is remembered too.
  const tornadoKey = JSON.stringify([json, (raw as { risk?: unknown }).risk ?? null, confidence ?? null]);
  const tornado = (): Sensitivity | undefined =>
    rememberedTornado(tornadoKey, () => tornadoOf(proposal, raw));
  return {
    profile,
    greenBook: profileGreenBook(profile, greenBook.schedule, deflatorIndex),
    deflatorIndex,
    cashability: grossByCashability(computed.proposal),
    proposal: computed.proposal,
    ...(confidence === undefined ? {} : { confidence }),
    ...(stretch === undefined ? {} : { stretch }),
    riskAdjusted:
      confidence === undefined
        ? profile.years.map((y) => y.mtfsImpact)
        : riskAdjustedProfile(profile, confidence, table).years.map((y) => y.riskAdjusted),
    triangulation: (tri?.rows ?? []).map((r) =>
      r.kind === "annualStarts"
        ? { avoided: whole(r.annualAvoidedStarts), caseload: whole(r.caseloadByEndOfMtfs) }
        : { avoided: whole(r.childrenPerMonth), caseload: whole(r.caseloadInHorizon) },
    ),
    warnings,
    get sensitivity() {
      return tornado();
    },
  };
}

/** The proposal's tornado (proposalTornado), or undefined when its risk block names something the model refuses. */
function tornadoOf(proposal: Proposal, raw: unknown): Sensitivity | undefined {
  try {
    return proposalTornado(proposal, raw);
  } catch (e) {
    if (isEngineError(e)) return undefined;
    throw e;
  }
}

const tornadoes = new Map<string, Sensitivity | undefined>();

function rememberedTornado(key: string, compute: () => Sensitivity | undefined): Sensitivity | undefined {
  if (tornadoes.has(key)) return tornadoes.get(key);
  const result = compute();
  if (tornadoes.size >= REMEMBERED) tornadoes.delete(tornadoes.keys().next().value as string);
  tornadoes.set(key, result);
  return result;
}

/** Profiles by the assumptions JSON they came from: refresh models a sheet's stored and read-back proposal alike. */
const profiles = new Map<string, ReturnType<typeof computeAssumptions>>();
const REMEMBERED = 256;

function remembered(
  json: unknown,
  compute: () => ReturnType<typeof computeAssumptions>,
): ReturnType<typeof computeAssumptions> {
  const key = JSON.stringify(json) ?? "";
  const known = profiles.get(key);
  if (known) return known;
  const result = compute();
  if (profiles.size >= REMEMBERED) profiles.delete(profiles.keys().next().value as string);
  profiles.set(key, result);
  return result;
}

/**
 * The proposal profile of an assumptions block (either form), or undefined when the engine refuses it: what a
 * layout needs to know which measures each stream reports.
 *
 * @example
 * assumptionsProfile(cfsJson.assumptions)?.streams[0].years[0].measures.map((m) => m.key) // ["avoidedEvents", "caseloadReduction"]
 */
export function assumptionsProfile(json: unknown): ProposalProfile | undefined {
  try {
    return remembered(json, () => computeAssumptions(checkProposalAssumptions(json).value)).proposal;
  } catch (e) {
    if (isEngineError(e)) return undefined;
    throw e;
  }
}
