import {
  EngineError,
  checkProposal,
  computeAssumptions,
  isEngineError,
  parseTriangulationInput,
  formatWholeRange,
  triangulate,
  type InputWarning,
  type Profile,
  type Proposal,
  type ProposalAssumptions,
  type ProposalProfile,
  type TriangulationInput,
  type TriangulationResult,
} from "../engine";
import type { TriangulationRowResult, WizardEngine } from "./components/Wizard";
import { fieldSpec } from "./form/fields";
import { fieldMessage } from "./form/messages";
import { previewModel, type PreviewModel } from "./preview/previewModel";
import { summaryModel } from "./preview/summaryModel";
import { RISK_ENGINE } from "./riskBridge";

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
  /** The draft as written (the tornado reads which timeline lengths it states in months). */
  readonly raw: unknown;
  readonly profile: Profile;
  /** The same profile with each stream's, cost's and existing line's own lines. */
  readonly lines: ProposalProfile;
  /** True when the file is written as saving streams (`assumptions.streams`): the preview stacks them. */
  readonly streamsForm: boolean;
  /** The engine's input warnings (values that pass but look wrong). */
  readonly warnings: readonly InputWarning[];
}

function preview({ proposal, profile, lines, streamsForm }: ModelledDraft): PreviewModel {
  return previewModel(
    profile,
    proposal.assumptions.horizon.mtfsLastFy,
    proposal.assumptions.inflationContingency.heldCentrally,
    streamsForm ? lines.streams : [],
  );
}

/** Fields a cohort's own checks name as the single-cohort form has them (`timeline.pilotEndDate`). */
const COHORT_FIELD = /^(baseline|target|lever|durationWeeks|unitCost|timeline)\b/;

/**
 * The error with the stream it comes from: a kind module's errors already say `streams[k].…`; a cohort
 * stream's keep the single-cohort field (`timeline.pilotEndDate`), so with several streams the cohort that
 * raises it alone is the one, and the field is named inside it (`assumptions.streams[2].timeline.…`).
 */
function inItsStream(e: unknown, a: ProposalAssumptions): unknown {
  if (!(e instanceof EngineError) || a.cohort !== undefined || !COHORT_FIELD.test(e.field)) return e;
  for (const [k, s] of a.streams.entries()) {
    if (s.kind !== "cohort") continue;
    try {
      computeAssumptions({ ...a, streams: [s], investment: [] });
    } catch (alone) {
      if (alone instanceof EngineError && alone.field === e.field && alone.rule === e.rule) {
        return new EngineError(e.code, `assumptions.streams[${k}].${e.field}`, e.rule);
      }
    }
  }
  return e;
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
    let computed: ReturnType<typeof computeAssumptions>;
    try {
      computed = computeAssumptions(proposal.assumptions);
    } catch (e) {
      throw inItsStream(e, proposal.assumptions);
    }
    const { profile, proposal: lines } = computed;
    const streams = (raw as { assumptions?: { streams?: unknown } } | null)?.assumptions?.streams;
    return { proposal, raw, profile, lines, streamsForm: Array.isArray(streams), warnings };
  },
  warnings: ({ warnings }) =>
    warnings.map((w) => ({
      path: w.field,
      rule: w.rule,
      message: fieldMessage(fieldSpec(w.field), w.rule),
    })),
  preview,
  summary: (m) => summaryModel(m.proposal, m.profile, preview(m), m.lines.streams),
  risk: RISK_ENGINE,
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
