import {
  checkProposal,
  computeAssumptions,
  isEngineError,
  parseTriangulationInput,
  formatWholeRange,
  triangulate,
  type InputWarning,
  type Profile,
  type Proposal,
  type TriangulationInput,
  type TriangulationResult,
} from "../engine";
import type { TriangulationRowResult, WizardEngine } from "./components/Wizard";
import { fieldSpec } from "./form/fields";
import { fieldMessage } from "./form/messages";
import { previewModel, type PreviewModel } from "./preview/previewModel";
import { summaryModel } from "./preview/summaryModel";

function triangulationRows(
  input: TriangulationInput,
  result: TriangulationResult,
): readonly TriangulationRowResult[] {
  return result.rows.map((r) =>
    r.kind === "annualStarts"
      ? {
          kind: r.kind,
          starts: formatWholeRange(r.annualAvoidedStarts),
          caseload: formatWholeRange(r.caseloadByEndOfMtfs),
        }
      : {
          kind: r.kind,
          starts: formatWholeRange(r.childrenPerMonth),
          caseload: formatWholeRange(r.caseloadInHorizon),
          horizonYears: input.kind === "monthlyStarts" ? input.horizonYears.toString() : "",
        },
  );
}

/** A valid proposal and its profile: computing the profile is part of validation (it checks dates across fields). */
export interface ModelledDraft {
  readonly proposal: Proposal;
  readonly profile: Profile;
  /** The engine's input warnings (values that pass but look wrong). */
  readonly warnings: readonly InputWarning[];
}

function preview(proposal: Proposal, profile: Profile): PreviewModel {
  return previewModel(
    profile,
    proposal.assumptions.horizon.mtfsLastFy,
    proposal.assumptions.inflationContingency.heldCentrally,
  );
}

/**
 * The wizard's engine: the engine's own parser and profile (so the form shows exactly the engine's rules, including
 * the cross-field checks `computeAssumptions` makes), the preview figures and the triangulation table. Nothing is
 * calculated in the taskpane.
 *
 * @example
 * ENGINE.preview(ENGINE.parse(cfsJson)).rows[3].cumulativeText // "£1.10m"
 */
export const ENGINE: WizardEngine<ModelledDraft> = {
  parse: (raw) => {
    const { value: proposal, warnings } = checkProposal(raw);
    return { proposal, profile: computeAssumptions(proposal.assumptions).profile, warnings };
  },
  warnings: ({ warnings }) =>
    warnings.map((w) => ({ path: w.field, message: fieldMessage(fieldSpec(w.field), w.rule) })),
  preview: ({ proposal, profile }) => preview(proposal, profile),
  summary: ({ proposal, profile }) => summaryModel(proposal, profile, preview(proposal, profile)),
  triangulation: (raw) => {
    if (raw === undefined) return null;
    try {
      const input = parseTriangulationInput(raw, "triangulation");
      return triangulationRows(input, triangulate(input));
    } catch (e) {
      // The full parse reports the field; the table simply shows no results until it is valid.
      if (isEngineError(e)) return null;
      throw e;
    }
  },
};
