/**
 * The fixed sets of values proposal fields take, in one place: the parsers accept exactly these, and the
 * workbook offers them as dropdowns (list data validation) on the proposal sheet.
 */

export const LEVERS = ["entry", "exit"] as const;
export const TARGET_KINDS = ["percent", "countPerYear", "caseloadReduction"] as const;
export const RAMPS = ["linear", "monthly-steps", "immediate", "stepped"] as const;
export const DELIVERY_KINDS = ["continuous", "batches"] as const;
export const COST_KINDS = ["ongoing", "oneOff", "perCase", "perEvent", "phased"] as const;
export const OVERLAP_KINDS = ["none", "amountPerYear", "amountPerWeek", "weeksOfDuration"] as const;
export const STREAM_KINDS = [
  "cohort",
  "addressableSpend",
  "income",
  "staffing",
  "provision",
  "packageReview",
  "reablement",
] as const;
export const CASHABILITY = ["cashable", "costAvoidance", "nonCashable"] as const;
export const SCHEDULE_SHAPES = ["linear", "steps"] as const;
export const EXISTING_LINE_TREATMENTS = ["deducted", "addedBack"] as const;
export const INFLATION_BASES = ["gross", "net"] as const;
export const CONFIDENCE_LEVELS = ["High", "Medium", "Low"] as const;
export const TRIANGULATION_KINDS = ["annualStarts", "monthlyStarts"] as const;
/** How a triangulation table rounds to whole numbers, the default first (triangulate.ts). */
export const TRIANGULATION_ROUNDINGS = ["round", "floor", "ceil"] as const;

/**
 * The choices of each proposal field that has a fixed set, by its path with list indices written `[]`.
 *
 * @example
 * FIELD_CHOICES["assumptions.timeline.ramp"] // ["linear", "monthly-steps", "immediate"]
 */
export const FIELD_CHOICES: Readonly<Record<string, readonly string[]>> = {
  "opportunity.confidence.level": CONFIDENCE_LEVELS,
  "assumptions.lever": LEVERS,
  "assumptions.target.kind": TARGET_KINDS,
  "assumptions.timeline.ramp": RAMPS,
  "assumptions.timeline.delivery.kind": DELIVERY_KINDS,
  "assumptions.investment[].kind": COST_KINDS,
  "assumptions.mtfsOverlap.kind": OVERLAP_KINDS,
  "assumptions.cashability": CASHABILITY,
  "assumptions.streams[].kind": STREAM_KINDS,
  "assumptions.streams[].cashability": CASHABILITY,
  "assumptions.streams[].lever": LEVERS,
  "assumptions.streams[].target.kind": TARGET_KINDS,
  "assumptions.streams[].timeline.ramp": RAMPS,
  "assumptions.streams[].ramp.shape": SCHEDULE_SHAPES,
  "assumptions.streams[].categories[].ramp.shape": SCHEDULE_SHAPES,
  "assumptions.existingMtfsLines[].treatment": EXISTING_LINE_TREATMENTS,
  "assumptions.inflationContingency.base": INFLATION_BASES,
  "triangulation.kind": TRIANGULATION_KINDS,
  "triangulation.rounding": TRIANGULATION_ROUNDINGS,
};

/**
 * The fixed choices of a proposal field, or undefined when it takes free values.
 *
 * @example
 * fieldChoices("assumptions.investment[2].kind") // ["ongoing", "oneOff", "perCase", "phased"]
 * fieldChoices("assumptions.durationWeeks") // undefined
 */
export function fieldChoices(path: string): readonly string[] | undefined {
  return FIELD_CHOICES[path.replace(/\[\d+\]/g, "[]")];
}
