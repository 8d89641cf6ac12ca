/**
 * A multi-stream proposal of our own (issue 13), until the examples engineer's files land: a prevention
 * proposal with two cohorts that start on different dates (one target written as evidence × weighting),
 * a reablement stream priced in hours, an investment, an existing MTFS line added back, and a confidence
 * weighting on the whole proposal. Figures are illustrative, not from a seed.
 */
export const MULTI_STREAM_NAME = "Prevention Two Cohorts";

export function multiStreamProposal(): Record<string, unknown> {
  return {
    opportunity: {
      name: MULTI_STREAM_NAME,
      directorate: "Adults and Communities",
      theme: "Prevention",
      type: "Significant design needed",
      description: "Falls prevention and a cognitive decline pathway, with more reablement capacity.",
      existingMtfsLines: "AC21 reablement (£0.05m a year) is added back in the MTFS row.",
      confidence: { level: "Medium", reason: "Small samples for both cohorts." },
    },
    assumptions: {
      streams: [
        {
          kind: "cohort",
          id: "falls",
          label: "Falls",
          baseline: { volumePerYear: 400, growthPerYear: 0.02 },
          target: { kind: "percent", value: 0.4, note: "40% of sampled cases could have avoided care" },
          targetWeighting: 0.5,
          targetWeightingNote: "small sample",
          durationWeeks: 52,
          unitCost: { weeklyCost: 600, inflationPerYear: 0.03 },
          timeline: { startDate: "2026-10-01", rolloutMonths: 6 },
          unit: "people",
        },
        {
          kind: "cohort",
          id: "cognitive",
          label: "Cognitive decline",
          baseline: { volumePerYear: 150 },
          target: { kind: "percent", value: 0.05 },
          durationWeeks: 104,
          unitCost: { weeklyCost: 900 },
          timeline: { startDate: "2027-04-01", rolloutMonths: 12, ramp: "linear" },
          unit: "people",
          confidenceWeighting: 0.8,
          note: "Starts once the memory clinic pathway is agreed.",
        },
        {
          kind: "reablement",
          id: "reablement",
          label: "Reablement capacity",
          finishersPerYear: 100,
          ramp: {
            shape: "steps",
            points: [
              { date: "2026-07-01", share: 0.5 },
              { date: "2027-04-01", share: 1 },
            ],
          },
          durationWeeks: 26,
          saving: { kind: "hours", hoursPerWeek: 7, costPerHour: 25.5 },
        },
      ],
      investment: [
        { kind: "ongoing", label: "Falls coordinator", amountPerYear: 45000, fromDate: "2026-10-01" },
      ],
      existingMtfsLines: [
        {
          ref: "AC21",
          label: "Reablement (existing)",
          amountPerYear: 50000,
          firstFy: "FY26/27",
          lastFy: "FY29/30",
          treatment: "addedBack",
        },
      ],
      confidenceWeighting: 0.9,
    },
    narrative: {
      evidence: "Audit of 40 falls admissions.",
      proposedSolutions: "A falls service and a memory pathway.",
      risks: "Recruitment.",
    },
  };
}
