import {
  computeProfile,
  isEngineError,
  parseTriangulationInput,
  formatWholeRange,
  parseProposal,
  triangulate,
  type Profile,
  type Proposal,
  type TriangulationResult,
} from "../engine";
import type { TriangulationRowResult, WizardEngine } from "./components/Wizard";
import { previewModel } from "./preview/previewModel";

function triangulationRows(result: TriangulationResult): readonly TriangulationRowResult[] {
  return result.rows.map((r) =>
    r.kind === "annualStarts"
      ? {
          annualAvoidedStarts: formatWholeRange(r.annualAvoidedStarts),
          caseloadByEndOfMtfs: formatWholeRange(r.caseloadByEndOfMtfs),
        }
      : {
          annualAvoidedStarts: formatWholeRange(r.childrenPerMonth),
          caseloadByEndOfMtfs: formatWholeRange(r.caseloadInHorizon),
        },
  );
}

/** A valid proposal and its profile: computing the profile is part of validation (it checks dates across fields). */
export interface ModelledDraft {
  readonly proposal: Proposal;
  readonly profile: Profile;
}

/**
 * The wizard's engine: the engine's own parser and profile (so the form shows exactly the engine's rules, including
 * the cross-field checks `computeProfile` makes), the preview figures and the triangulation table. Nothing is
 * calculated in the taskpane.
 *
 * @example
 * ENGINE.preview(ENGINE.parse(cfsJson)).rows[3].cumulativeText // "£1.10m"
 */
export const ENGINE: WizardEngine<ModelledDraft> = {
  parse: (raw) => {
    const proposal = parseProposal(raw);
    return { proposal, profile: computeProfile(proposal.assumptions) };
  },
  preview: ({ proposal, profile }) =>
    previewModel(
      profile,
      proposal.assumptions.horizon.mtfsLastFy,
      proposal.assumptions.unitCost.inflationContingency,
    ),
  triangulation: (raw) => {
    if (raw === undefined) return null;
    try {
      return triangulationRows(triangulate(parseTriangulationInput(raw, "triangulation")));
    } catch (e) {
      // The full parse reports the field; the table simply shows no results until it is valid.
      if (isEngineError(e)) return null;
      throw e;
    }
  },
};
