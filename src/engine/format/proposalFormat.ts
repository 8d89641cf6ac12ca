import * as v from "valibot";
import { CONFIDENCE_LEVELS } from "../choices";
import { fyLabel } from "../fiscalYear";
import type { Narrative, Opportunity, Proposal, PublishedFigures } from "../proposal";
import { assumptionsFormat } from "./assumptionsFormat";
import { byFy, choice, decimal, fy, optional, strict, text } from "./define";
import { riskFormat } from "./riskFormat";
import { trackingFormat } from "./trackingFormat";
import { triangulationFormat } from "./triangulationFormat";

/**
 * A benefits proposal in the words of the template (seeds/000), defined once: the opportunity, its profile
 * assumptions, an optional triangulation table, the narrative sections and, for bundled examples, the
 * published figures. Only `opportunity.name` and `assumptions` are required.
 */

const optText = optional(text());

const opportunityFormat = v.pipe(
  strict({
    name: text({ maxLength: 200, about: "the opportunity's name" }),
    directorate: optText,
    theme: optText,
    type: optional(text({ about: "type of opportunity, e.g. Design phase needed" })),
    description: optText,
    existingMtfsLines: optional(text({ about: "existing MTFS lines relating to the opportunity" })),
    confidence: optional(strict({ level: choice(CONFIDENCE_LEVELS), reason: optText })),
  }),
  v.transform((o): Opportunity => {
    const { confidence, ...rest } = o;
    const kept = Object.fromEntries(
      Object.entries(rest).filter(([k, x]) => x !== undefined && !k.endsWith("Note") && k !== "note"),
    ) as Omit<Opportunity, "confidence">;
    return {
      ...kept,
      ...(confidence
        ? {
            confidence: {
              level: confidence.level,
              ...(confidence.reason ? { reason: confidence.reason } : {}),
            },
          }
        : {}),
    };
  }),
);

/** Keys of Narrative, in template order. */
export const NARRATIVE_KEYS = [
  "evidence",
  "proposedSolutions",
  "investmentView",
  "risks",
  "residentsImpact",
  "staffingImpact",
  "serviceLevelsImpact",
  "lgrImpact",
  "officerRecommendation",
  "adviserRecommendation",
] as const;

const narrativeFormat = v.pipe(
  strict(
    Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, optText])) as Record<
      (typeof NARRATIVE_KEYS)[number],
      typeof optText
    >,
  ),
  v.transform((o): Narrative =>
    NARRATIVE_KEYS.reduce<Narrative>((acc, k) => (o[k] === undefined ? acc : { ...acc, [k]: o[k] }), {}),
  ),
);

const amounts = byFy({ min: -1e12, max: 1e12 }, { about: '{ "FY26/27": £ }' });
const labelled = (list: readonly { fy: number; amount: PublishedFigures["inYear"][number]["amount"] }[]) =>
  list.map((x) => ({ fy: x.fy, label: fyLabel(x.fy), amount: x.amount }));

const publishedFormat = v.pipe(
  strict({
    source: optText,
    cumulative: optional(amounts),
    inYear: optional(amounts),
    fullRunRate: optional(strict({ value: decimal({ min: -1e12, max: 1e12 }), fy: fy() })),
    timeToFullRunRateYears: optional(decimal({ min: 0, max: 100 })),
    notes: optText,
  }),
  v.transform((o): PublishedFigures => ({
    ...(o.source === undefined ? {} : { source: o.source }),
    cumulative: labelled(o.cumulative ?? []),
    inYear: labelled(o.inYear ?? []),
    ...(o.fullRunRate ? { fullRunRate: { value: o.fullRunRate.value, fy: o.fullRunRate.fy } } : {}),
    ...(o.timeToFullRunRateYears === undefined ? {} : { timeToFullRunRateYears: o.timeToFullRunRateYears }),
    ...(o.notes === undefined ? {} : { notes: o.notes }),
  })),
);

/** The proposal format (schema/proposal.schema.json is generated from it). */
export const proposalFormat = v.pipe(
  strict({
    $schema: optText,
    opportunity: opportunityFormat,
    assumptions: assumptionsFormat,
    triangulation: optional(triangulationFormat),
    narrative: optional(narrativeFormat),
    published: optional(publishedFormat),
    risk: optional(riskFormat),
    tracking: optional(trackingFormat),
  }),
  v.transform((o): Proposal => ({
    opportunity: o.opportunity,
    assumptions: o.assumptions,
    ...(o.triangulation === undefined ? {} : { triangulation: o.triangulation }),
    narrative: o.narrative ?? {},
    ...(o.published ? { published: o.published } : {}),
    ...(o.risk ? { risk: o.risk } : {}),
    ...(o.tracking?.edgeOfCare ? { tracking: o.tracking } : {}),
  })),
);

/** The JSON a proposal file holds (before defaults), derived from the definition. */
export type ProposalJson = v.InferInput<typeof proposalFormat>;
