/**
 * The wizard's scalar fields, keyed by their dotted path in the proposal JSON (see /work/brief/contract.md),
 * so an `EngineError.field` from the engine's parser points straight at the input to flag.
 * Only labels, units and how the typed text becomes JSON live here; the rules live in the engine's parser.
 */

/** How the typed text becomes a JSON value. `percent` inputs are typed as "8" and sent to the parser as "8%". */
export type FieldKind = "text" | "longText" | "number" | "percent" | "date" | "fy" | "choice" | "flag";

export interface FieldSpec {
  readonly path: string;
  readonly label: string;
  /** Unit said after the rule, e.g. "weeks" in "Duration must be more than 0 weeks". */
  readonly unit?: string;
  readonly kind: FieldKind;
  readonly choices?: readonly { readonly value: string; readonly label: string }[];
  /** Short help shown under the input. */
  readonly hint?: string;
  /** Left out of the JSON when blank (the engine's documented default applies). */
  readonly optional?: boolean;
  /** A choice left out of the JSON when it is this value (the engine's default), so choosing it adds no block. */
  readonly omitWhen?: string;
}

const CONFIDENCE = [
  { value: "High", label: "High" },
  { value: "Medium", label: "Medium" },
  { value: "Low", label: "Low" },
] as const;

/**
 * The cashability control, one for a single cohort (`assumptions.cashability`) and each stream (`cashability`):
 * the engine's three labels; blank keeps the engine's default for the kind (a cohort's is cost avoidance).
 */
export const CASHABILITY_FIELD: FieldSpec = {
  path: "assumptions.cashability",
  label: "Cashability",
  kind: "choice",
  optional: true,
  choices: [
    { value: "cashable", label: "Cashable" },
    { value: "costAvoidance", label: "Cost avoidance" },
    { value: "nonCashable", label: "Non-cashable" },
  ],
};

/** Every scalar field of the form, in wizard order. */
export const FIELDS: readonly FieldSpec[] = [
  { path: "opportunity.name", label: "Opportunity name", kind: "text" },
  { path: "opportunity.directorate", label: "Directorate", kind: "text", optional: true },
  { path: "opportunity.theme", label: "Theme", kind: "text", optional: true },
  { path: "opportunity.type", label: "Type", kind: "text", optional: true, hint: "e.g. Design phase needed" },
  { path: "opportunity.description", label: "Opportunity description", kind: "longText", optional: true },
  {
    path: "opportunity.existingMtfsLines",
    label: "Existing MTFS lines relating to the opportunity",
    kind: "longText",
    optional: true,
  },
  {
    path: "assumptions.mtfsOverlap.kind",
    label: "Overlap with existing MTFS lines",
    kind: "choice",
    choices: [
      { value: "none", label: "None" },
      { value: "amountPerYear", label: "£ per year" },
      { value: "weeksOfDuration", label: "Weeks of duration" },
    ],
  },
  {
    path: "assumptions.mtfsOverlap.amountPerYear",
    label: "Overlap amount",
    unit: "£ a year",
    kind: "number",
  },
  { path: "assumptions.mtfsOverlap.weeks", label: "Overlap", unit: "weeks", kind: "number" },
  {
    path: "assumptions.mtfsOverlap.capAtGross",
    label: "Cap the overlap at the gross benefit",
    kind: "flag",
    optional: true,
  },
  { path: "assumptions.mtfsOverlap.note", label: "Overlap note", kind: "text", optional: true },
  {
    path: "assumptions.baseline.volumePerYear",
    label: "Baseline volume",
    unit: "a year",
    kind: "number",
    hint: "Events a year, e.g. care starts",
  },
  {
    path: "assumptions.baseline.growthPerYear",
    label: "Growth",
    unit: "% a year",
    kind: "percent",
    optional: true,
  },
  {
    path: "assumptions.target.kind",
    label: "Target as",
    kind: "choice",
    choices: [
      { value: "percent", label: "% of baseline" },
      { value: "countPerYear", label: "Count a year" },
      { value: "caseloadReduction", label: "Caseload reduction" },
    ],
  },
  { path: "assumptions.target.value", label: "Target", kind: "number" },
  {
    path: "assumptions.lever",
    label: "Lever",
    kind: "choice",
    optional: true,
    hint: "Earlier exits save the rest of a stay, half of it on average",
    choices: [
      { value: "entry", label: "Fewer entries" },
      { value: "exit", label: "Earlier exits" },
    ],
  },
  {
    path: "assumptions.durationWeeks",
    label: "Duration",
    unit: "weeks",
    kind: "number",
    hint: "The stay an avoided start saves; for earlier exits, the average stay",
  },
  { path: "assumptions.unitCost.weeklyCost", label: "Weekly unit cost", unit: "£ a week", kind: "number" },
  {
    path: "assumptions.unitCost.alternativeWeeklyCost",
    label: "Alternative weekly cost",
    unit: "£ a week",
    kind: "number",
    optional: true,
  },
  {
    path: "assumptions.unitCost.overlapWeeklyCost",
    label: "Overlap weekly cost",
    unit: "£ a week",
    kind: "number",
    optional: true,
  },
  {
    path: "assumptions.unitCost.inflationPerYear",
    label: "Inflation",
    unit: "% a year",
    kind: "percent",
    optional: true,
  },
  {
    path: "assumptions.unitCost.inflationContingency",
    label: "Hold the inflation in a central contingency (shown in brackets)",
    kind: "flag",
    optional: true,
  },
  {
    path: "assumptions.inflationContingency.heldCentrally",
    label: "Hold the inflation in a central contingency (shown in brackets)",
    kind: "flag",
    optional: true,
  },
  {
    path: "assumptions.unitCost.priceBaseFy",
    label: "Price base year",
    kind: "fy",
    optional: true,
    hint: "e.g. FY26/27",
  },
  {
    ...CASHABILITY_FIELD,
    hint: "Blank: cost avoidance. Cashable when the spend leaves today's budget, e.g. a step-down from residential care",
  },
  { path: "assumptions.timeline.startDate", label: "Project start date", kind: "date" },
  {
    path: "assumptions.timeline.designMonths",
    label: "Design",
    unit: "months",
    kind: "number",
    optional: true,
  },
  {
    path: "assumptions.timeline.pilotMonths",
    label: "Pilot",
    unit: "months",
    kind: "number",
    optional: true,
  },
  {
    path: "assumptions.timeline.rolloutMonths",
    label: "Rollout",
    unit: "months",
    kind: "number",
    optional: true,
  },
  {
    path: "assumptions.timeline.leadMonths",
    label: "Lead time",
    unit: "months",
    kind: "number",
    optional: true,
    hint: "Between intervention and the avoided event",
  },
  {
    path: "assumptions.timeline.designEndDate",
    label: "Stated end of design",
    kind: "date",
    optional: true,
    hint: "Optional: overrides start + design months",
  },
  {
    path: "assumptions.timeline.pilotEndDate",
    label: "Stated end of pilot",
    kind: "date",
    optional: true,
    hint: "Optional: overrides design end + pilot months",
  },
  {
    path: "assumptions.timeline.sustainableDate",
    label: "Stated full-impact (sustainable) date",
    kind: "date",
    optional: true,
    hint: "Optional: overrides pilot end + rollout months",
  },
  {
    path: "assumptions.timeline.deliveryEndDate",
    label: "End of delivery",
    kind: "date",
    optional: true,
    hint: "Optional: no avoided events after this date + lead time",
  },
  {
    path: "assumptions.timeline.ramp",
    label: "Ramp",
    kind: "choice",
    optional: true,
    choices: [
      { value: "linear", label: "Linear" },
      { value: "monthly-steps", label: "Monthly steps" },
      { value: "immediate", label: "Immediate" },
      { value: "stepped", label: "Stepped: a share, then full" },
    ],
  },
  {
    path: "assumptions.timeline.stepShare",
    label: "Share of the impact before full impact",
    unit: "%",
    kind: "percent",
    hint: "The stepped ramp: e.g. 50 until the full-impact date, then 100",
  },
  { path: "assumptions.horizon.firstFy", label: "First year", kind: "fy", optional: true },
  { path: "assumptions.horizon.lastFy", label: "Last year", kind: "fy", optional: true },
  { path: "assumptions.horizon.mtfsLastFy", label: "Last MTFS year", kind: "fy", optional: true },
  { path: "opportunity.confidence.level", label: "Confidence level", kind: "choice", choices: CONFIDENCE },
  {
    path: "assumptions.confidenceWeighting",
    label: "Confidence weighting on the whole proposal",
    kind: "percent",
    unit: "%",
    optional: true,
    hint: "Built into the financial profile, e.g. 50 for a small sample",
  },
  {
    path: "opportunity.confidence.reason",
    label: "Reason for the confidence level",
    kind: "longText",
    optional: true,
  },
  {
    path: "triangulation.kind",
    label: "Triangulation table",
    kind: "choice",
    omitWhen: "annualStarts",
    hint: "Annual: starts avoided a year (CFS style). Monthly: children impacted a month (Family Based Placements style)",
    choices: [
      { value: "annualStarts", label: "Annual starts" },
      { value: "monthlyStarts", label: "Monthly starts" },
    ],
  },
  {
    path: "triangulation.baselineStarts",
    label: "Baseline starts",
    unit: "a year",
    kind: "number",
    optional: true,
  },
  {
    path: "triangulation.mtfsCaseload",
    label: "Caseload in the last MTFS year",
    kind: "number",
    optional: true,
  },
  {
    path: "triangulation.realisationFactor",
    label: "Realised by the end of the MTFS",
    unit: "%",
    kind: "percent",
    optional: true,
  },
  {
    path: "triangulation.startsPerMonth",
    label: "Baseline starts",
    unit: "a month",
    kind: "number",
    optional: true,
    hint: "Average starts a month, e.g. over the last 6 months",
  },
  {
    path: "triangulation.baselineCaseload",
    label: "Caseload the % change applies to",
    kind: "number",
    optional: true,
    hint: "e.g. the caseload in the last MTFS year",
  },
  {
    path: "triangulation.horizonYears",
    label: "Caseload looks ahead",
    unit: "years",
    kind: "number",
    optional: true,
    hint: "Default 5",
  },
  {
    path: "triangulation.uncertainBand",
    label: "Band around a half shown as a range",
    unit: "children a month",
    kind: "number",
    optional: true,
    hint: "0 to 0.5, default 0.2: e.g. 2.4 a month shows as 2 – 3",
  },
  {
    path: "narrative.evidence",
    label: "Evidence behind the opportunity and local levers",
    kind: "longText",
    optional: true,
  },
  { path: "narrative.proposedSolutions", label: "Proposed solutions", kind: "longText", optional: true },
  {
    path: "narrative.investmentView",
    label: "Initial view of investment required",
    kind: "longText",
    optional: true,
  },
  { path: "narrative.risks", label: "Risks and dependencies", kind: "longText", optional: true },
  { path: "narrative.residentsImpact", label: "Residents impact", kind: "longText", optional: true },
  { path: "narrative.staffingImpact", label: "Staffing impact", kind: "longText", optional: true },
  { path: "narrative.serviceLevelsImpact", label: "Service levels impact", kind: "longText", optional: true },
  {
    path: "narrative.lgrImpact",
    label: "How would LGR impact this opportunity?",
    kind: "longText",
    optional: true,
  },
  {
    path: "narrative.officerRecommendation",
    label: "Officer recommendation for next steps",
    kind: "longText",
    optional: true,
  },
  {
    path: "narrative.adviserRecommendation",
    label: "Adviser recommendation for next steps",
    kind: "longText",
    optional: true,
  },
];

/** Fields of one investment line, keyed by their name inside `assumptions.investment[i]`. */
export const INVESTMENT_FIELDS: readonly FieldSpec[] = [
  {
    path: "kind",
    label: "Kind",
    kind: "choice",
    choices: [
      { value: "ongoing", label: "Ongoing" },
      { value: "oneOff", label: "One-off" },
      { value: "perCase", label: "Per case" },
      { value: "perEvent", label: "Per event" },
      { value: "phased", label: "Phased by FY (amounts as written)" },
    ],
  },
  { path: "label", label: "Label", kind: "text" },
  { path: "amountPerYear", label: "Amount", unit: "£ a year", kind: "number" },
  { path: "fromDate", label: "From", kind: "date" },
  { path: "toDate", label: "To", kind: "date", optional: true },
  {
    path: "inflates",
    label: "Inflates at the unit cost's rate (with streams: the proposal's prices)",
    kind: "flag",
    optional: true,
  },
  {
    path: "inflationPerYear",
    label: "Cost inflation",
    unit: "% a year",
    kind: "percent",
    optional: true,
    hint: "Its own rate, e.g. a 3% pay award",
  },
  { path: "amount", label: "Amount", unit: "£", kind: "number" },
  { path: "date", label: "Date", kind: "date" },
  { path: "amountPerCasePerYear", label: "Amount per case", unit: "£ a year", kind: "number" },
  { path: "amountPerEvent", label: "Amount per event", unit: "£", kind: "number" },
  {
    path: "measure",
    label: "Events counted",
    kind: "text",
    optional: true,
    hint: "The stream's measure counted as events, e.g. finishers; blank: avoided events",
  },
  {
    path: "stream",
    label: "For stream",
    kind: "text",
    optional: true,
    hint: "The id of the saving stream whose cases it pays for; blank: every stream's",
  },
];

/** Which investment fields each kind uses (matches the engine's CostItem union). */
export const INVESTMENT_FIELDS_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  ongoing: ["kind", "label", "amountPerYear", "fromDate", "toDate", "inflates", "inflationPerYear"],
  oneOff: ["kind", "label", "amount", "date"],
  perCase: ["kind", "label", "amountPerCasePerYear", "stream"],
  perEvent: ["kind", "label", "amountPerEvent", "stream", "measure", "inflates"],
  // Amounts by FY are not edited here: they are carried as written (`CARRIED`).
  phased: ["kind", "label"],
};

/** Fields of one triangulation method row, keyed by their name inside `triangulation.rows[i]`. */
export const TRIANGULATION_ROW_FIELDS: readonly FieldSpec[] = [
  { path: "method", label: "Method", kind: "text" },
  { path: "percentChange", label: "% change achievable", unit: "%", kind: "percent" },
  { path: "explanation", label: "Explanation", kind: "longText", optional: true },
];

const BY_PATH = new Map(FIELDS.map((f) => [f.path, f]));

/**
 * The spec of a field by its path; array paths (`assumptions.investment.0.amount`) resolve to the row field.
 *
 * @example
 * fieldSpec("assumptions.durationWeeks")?.label // "Duration"
 */
export function fieldSpec(path: string): FieldSpec | undefined {
  const found = BY_PATH.get(path);
  if (found) return found;
  const inv = /^assumptions\.investment\.\d+\.(\w+)$/.exec(path);
  if (inv) return INVESTMENT_FIELDS.find((f) => f.path === inv[1]);
  const tri = /^triangulation\.rows\.\d+\.(\w+)$/.exec(path);
  if (tri) return TRIANGULATION_ROW_FIELDS.find((f) => f.path === tri[1]);
  return undefined;
}
