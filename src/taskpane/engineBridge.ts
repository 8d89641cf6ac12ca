import {
  computeProfile,
  isEngineError,
  parseTriangulationInput,
  formatWholeRange,
  parseProposal,
  triangulate,
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

/**
 * The wizard's engine: the engine's own parser (so the form shows exactly the engine's rules), its profile
 * for the preview and its triangulation for the table. Nothing is calculated in the taskpane.
 *
 * @example
 * ENGINE.preview(ENGINE.parse(cfsJson)).rows[3].cumulativeText // "£1.10m"
 */
export const ENGINE: WizardEngine<Proposal> = {
  parse: (raw) => parseProposal(raw),
  preview: (proposal) =>
    previewModel(computeProfile(proposal.assumptions), proposal.assumptions.horizon.mtfsLastFy),
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
