import type { Decimal } from "./money";
import { checkFormat, parseFormat, type CheckResult, type Checked } from "./format/check";
import { NARRATIVE_KEYS, proposalFormat } from "./format/proposalFormat";
import type { RiskBlock } from "./format/riskFormat";
import type { TrackingLinks } from "./format/trackingFormat";
import type { TriangulationInput } from "./triangulate";
import type { FyStartYear } from "./types";
import type { ProposalAssumptions } from "./assumptions";

export { NARRATIVE_KEYS };

/**
 * A benefits proposal in the words of the template: the opportunity, its profile assumptions,
 * an optional triangulation table, the narrative sections and, for bundled examples, the published figures.
 * Only `opportunity.name` and `assumptions` are required.
 */

export type ConfidenceLevel = "High" | "Medium" | "Low";

export interface Opportunity {
  readonly name: string;
  readonly directorate?: string;
  readonly theme?: string;
  /** Type of opportunity, e.g. "Design phase needed". */
  readonly type?: string;
  readonly description?: string;
  /** "Existing MTFS lines relating to opportunity", as text. */
  readonly existingMtfsLines?: string;
  readonly confidence?: { readonly level: ConfidenceLevel; readonly reason?: string };
}

/** The template's narrative sections, as typed text (never formulas). */
export interface Narrative {
  readonly evidence?: string;
  readonly proposedSolutions?: string;
  readonly investmentView?: string;
  readonly risks?: string;
  readonly residentsImpact?: string;
  readonly staffingImpact?: string;
  readonly serviceLevelsImpact?: string;
  readonly lgrImpact?: string;
  readonly officerRecommendation?: string;
  readonly adviserRecommendation?: string;
}

/** Published figures (£) for comparison, keyed by FY start year. */
export interface PublishedFigures {
  readonly source?: string;
  readonly cumulative: readonly {
    readonly fy: FyStartYear;
    readonly label: string;
    readonly amount: Decimal;
  }[];
  readonly inYear: readonly { readonly fy: FyStartYear; readonly label: string; readonly amount: Decimal }[];
  readonly fullRunRate?: { readonly value: Decimal; readonly fy: FyStartYear };
  readonly timeToFullRunRateYears?: Decimal;
  readonly notes?: string;
}

export interface Proposal {
  readonly opportunity: Opportunity;
  /** Its streams and proposal-level lines; `assumptions.cohort` holds the single-cohort form's ProfileInput. */
  readonly assumptions: ProposalAssumptions;
  readonly triangulation?: TriangulationInput;
  readonly narrative: Narrative;
  readonly published?: PublishedFigures;
  /** What the tornado and the simulation move (format/riskFormat.ts). */
  readonly risk?: RiskBlock;
  /** What tracks it besides the Tracking sheet: an edge-of-care programme (format/trackingFormat.ts). */
  readonly tracking?: TrackingLinks;
}

/**
 * Parses a proposal JSON (format/proposalFormat.ts, from which schema/proposal.schema.json is generated).
 * An unknown key is an error naming it and the nearest known key.
 *
 * @example
 * const p = parseProposal(JSON.parse(fs.readFileSync("examples/cfs-targeted-prevention.json", "utf8")));
 * p.opportunity.name // "CFS Targeted Prevention"
 * parseProposal({ opportunity: {} }) // throws EngineError "opportunity.name: is required"
 */
export function parseProposal(raw: unknown): Proposal {
  return checkProposal(raw).value;
}

/**
 * Parses a proposal JSON and returns it with its warnings: values that pass the rules but look wrong (a rate
 * typed as a whole-number percent, a weekly cost under £1 or over £50,000, a stay over 20 years).
 *
 * @example
 * checkProposal(json).warnings // ["assumptions.baseline.growthPerYear: 3 looks like a whole-number percent; 3% is 0.03"]
 */
export function checkProposal(raw: unknown): Checked<Proposal> {
  return parseFormat(proposalFormat, raw, "", "proposal");
}

/**
 * Every problem of a proposal JSON at once (unknown keys first), or the proposal and its warnings: the
 * wizard shows each beside its field.
 *
 * @example
 * const r = proposalProblems({ opportunity: { name: "X" }, assumptions: { durationWeek: 3 } });
 * r.ok || r.errors[0].message // "assumptions.durationWeek: unknown field; did you mean durationWeeks?"
 */
export function proposalProblems(raw: unknown): CheckResult<Proposal> {
  return checkFormat(proposalFormat, raw, "", "proposal");
}
