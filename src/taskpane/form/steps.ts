/**
 * The wizard's steps, in the order of the Benefits Proposal template, each listing the fields it
 * edits by JSON path. A field error belongs to the step whose paths (or path prefixes) contain it.
 */
export interface StepSpec {
  readonly id: string;
  readonly title: string;
  /** Scalar fields shown on the step, in order. */
  readonly fields: readonly string[];
  /** Prefixes of array fields edited on the step (tables). */
  readonly prefixes?: readonly string[];
}

export const STEPS: readonly StepSpec[] = [
  {
    id: "opportunity",
    title: "Opportunity",
    fields: [
      "opportunity.name",
      "opportunity.directorate",
      "opportunity.theme",
      "opportunity.type",
      "opportunity.description",
      "opportunity.existingMtfsLines",
      "assumptions.mtfsOverlap.kind",
      "assumptions.mtfsOverlap.amountPerYear",
      "assumptions.mtfsOverlap.weeks",
      "assumptions.mtfsOverlap.capAtGross",
      "assumptions.mtfsOverlap.note",
    ],
    prefixes: ["opportunity.", "assumptions.mtfsOverlap"],
  },
  {
    id: "baseline",
    title: "Baseline and target",
    fields: [
      "assumptions.baseline.volumePerYear",
      "assumptions.target.kind",
      "assumptions.target.value",
      "assumptions.lever",
      "triangulation.kind",
      "triangulation.baselineStarts",
      "triangulation.mtfsCaseload",
      "triangulation.realisationFactor",
      "triangulation.startsPerMonth",
      "triangulation.baselineCaseload",
      "triangulation.horizonYears",
      "triangulation.uncertainBand",
    ],
    prefixes: [
      "assumptions.streams",
      "assumptions.baseline.volumePerYear",
      "assumptions.target",
      "assumptions.lever",
      "triangulation",
    ],
  },
  {
    id: "costs",
    title: "Costs and durations",
    fields: [
      "assumptions.unitCost.weeklyCost",
      "assumptions.unitCost.alternativeWeeklyCost",
      "assumptions.unitCost.overlapWeeklyCost",
      "assumptions.durationWeeks",
      "assumptions.unitCost.inflationPerYear",
      "assumptions.unitCost.inflationContingency",
      "assumptions.inflationContingency.heldCentrally",
      "assumptions.baseline.growthPerYear",
      "assumptions.unitCost.priceBaseFy",
      "assumptions.cashability",
    ],
    prefixes: [
      "assumptions.unitCost",
      "assumptions.cashability",
      "assumptions.durationWeeks",
      "assumptions.baseline.growthPerYear",
      "assumptions.inflationContingency",
    ],
  },
  {
    id: "timeline",
    title: "Timeline",
    fields: [
      "assumptions.timeline.startDate",
      "assumptions.timeline.designMonths",
      "assumptions.timeline.pilotMonths",
      "assumptions.timeline.rolloutMonths",
      "assumptions.timeline.leadMonths",
      "assumptions.timeline.designEndDate",
      "assumptions.timeline.pilotEndDate",
      "assumptions.timeline.sustainableDate",
      "assumptions.timeline.deliveryEndDate",
      "assumptions.timeline.ramp",
      "assumptions.timeline.stepShare",
      "assumptions.horizon.firstFy",
      "assumptions.horizon.lastFy",
      "assumptions.horizon.mtfsLastFy",
    ],
    prefixes: ["assumptions.timeline", "assumptions.horizon"],
  },
  { id: "investment", title: "Investment", fields: [], prefixes: ["assumptions.investment"] },
  {
    id: "confidence",
    title: "Confidence",
    fields: [
      "opportunity.confidence.level",
      "assumptions.confidenceWeighting",
      "opportunity.confidence.reason",
    ],
    prefixes: ["opportunity.confidence", "assumptions.confidenceWeighting"],
  },
  {
    id: "narrative",
    title: "Narrative",
    fields: [
      "narrative.evidence",
      "narrative.proposedSolutions",
      "narrative.investmentView",
      "narrative.risks",
      "narrative.residentsImpact",
      "narrative.staffingImpact",
      "narrative.serviceLevelsImpact",
      "narrative.lgrImpact",
      "narrative.officerRecommendation",
      "narrative.adviserRecommendation",
    ],
    prefixes: ["narrative"],
  },
  { id: "review", title: "Review and finish", fields: [] },
];

/**
 * The index of the step that edits a field path (errors outside every step go to the review step).
 *
 * @example
 * stepOfPath("assumptions.durationWeeks") // 2 (costs and durations)
 */
export function stepOfPath(path: string): number {
  const exact = STEPS.findIndex((s) => s.fields.includes(path));
  if (exact >= 0) return exact;
  let best = -1;
  let bestLength = -1;
  STEPS.forEach((s, i) => {
    for (const p of s.prefixes ?? []) {
      if (path.startsWith(p) && p.length > bestLength) {
        best = i;
        bestLength = p.length;
      }
    }
  });
  return best >= 0 ? best : STEPS.length - 1;
}
