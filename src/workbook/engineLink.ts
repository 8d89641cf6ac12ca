import {
  checkProposal,
  computeAssumptions,
  formatWholeRange,
  type InputWarning,
  triangulate,
  type Profile,
  type WholeRange,
} from "../engine";
import type { CellScalar } from "./port";

/**
 * The workbook layer's one call into the engine for a proposal: parse (A's parseProposal), compute the
 * profile (computeAssumptions) and the triangulation (B's triangulate). Nothing is recomputed here.
 */

export interface ModelledProposal {
  readonly profile: Profile;
  /**
   * One entry per `triangulation.rows[i]`: annual avoided starts (or children per month) and caseload, a
   * number, or text such as "106 – 138" for a range.
   */
  readonly triangulation: readonly { readonly avoided: CellScalar; readonly caseload: CellScalar }[];
  /** Values that passed the rules but look wrong (the engine's input warnings), for the sheet's status. */
  readonly warnings: readonly InputWarning[];
}

const whole = (r: WholeRange): CellScalar => (r.low.eq(r.high) ? r.low.toNumber() : formatWholeRange(r));

/**
 * Parses a proposal and computes its profile and triangulation; bad input throws the engine's EngineError.
 *
 * @example
 * modelProposal(cfsJson).profile.quantifiedOpportunity.div(1e6).toFixed(2) // "1.10"
 */
export function modelProposal(raw: unknown): ModelledProposal {
  const { value: proposal, warnings } = checkProposal(raw);
  const tri = proposal.triangulation ? triangulate(proposal.triangulation) : undefined;
  return {
    profile: computeAssumptions(proposal.assumptions).profile,
    triangulation: (tri?.rows ?? []).map((r) =>
      r.kind === "annualStarts"
        ? { avoided: whole(r.annualAvoidedStarts), caseload: whole(r.caseloadByEndOfMtfs) }
        : { avoided: whole(r.childrenPerMonth), caseload: whole(r.caseloadInHorizon) },
    ),
    warnings,
  };
}
