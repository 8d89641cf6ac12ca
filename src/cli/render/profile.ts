import {
  fyLabel,
  formatMoney,
  toPounds,
  type Decimal,
  type Profile,
  type Proposal,
  type ProposalProfile,
  yearsText,
} from "../../engine";
import { textTable } from "../table";
import { jsonCount } from "./jsonNumbers";
import { hasBreakdown, streamLinesJson, streamLinesTable } from "./streamLines";

/**
 * The benefits profile as the CLI prints it: JSON with money in £ (rounded to pennies at this edge only)
 * or the proposal template's table (£m, 2 dp).
 */

/** FY label as the proposal template prints it: "FY 26/27". */
function templateFy(label: string): string {
  return label.replace(/^FY/, "FY ");
}

const count = jsonCount;

/**
 * JSON-ready profile: `{ opportunity, years: [{ fy, gross, costs, overlap, cumulative, inYear,
 * inflationContingency, mtfsImpact, … }],
 * quantifiedOpportunity (and its inflation contingency), fullRunRate: { value, fy, inflationContingency },
 * timeToFullRunRateYears }`; with the proposal profile, also its `streams` (each stream's gross, weightings
 * and operational measures by FY), `costLines` and `existingMtfsLines` (streamLines.ts).
 *
 * @example
 * profileJson(proposal, profile).years[0] // { fy: "FY26/27", gross: 0, costs: 500000, ..., inYear: -500000 }
 * profileJson(proposal, profile, lines).streams[0].id // "cohort"
 */
export function profileJson(
  proposal: Proposal,
  profile: Profile,
  lines?: ProposalProfile,
): Record<string, unknown> {
  const parts = lines === undefined ? undefined : streamLinesJson(lines);
  return {
    opportunity: proposal.opportunity.name,
    mtfsLastFy: fyLabel(proposal.assumptions.horizon.mtfsLastFy),
    years: profile.years.map((y) => ({
      fy: y.label,
      avoidedEvents: count(y.avoidedEvents),
      caseloadReduction: count(y.caseloadReduction),
      gross: toPounds(y.gross),
      costs: toPounds(y.costs),
      overlap: toPounds(y.overlap),
      cumulative: toPounds(y.cumulative),
      inYear: toPounds(y.inYear),
      inflationContingency: toPounds(y.inflationContingency),
      mtfsImpact: toPounds(y.mtfsImpact),
    })),
    quantifiedOpportunity: toPounds(profile.quantifiedOpportunity),
    quantifiedOpportunityInflationContingency: toPounds(profile.quantifiedOpportunityInflationContingency),
    fullRunRate: {
      value: toPounds(profile.fullRunRate.value),
      fy: profile.fullRunRate.label,
      inflationContingency: toPounds(profile.fullRunRate.inflationContingency),
    },
    timeToFullRunRateYears: profile.timeToFullRunRateYears.toDecimalPlaces(2).toNumber(),
    ...(parts === undefined
      ? {}
      : {
          streams: parts.streams,
          costLines: parts.costLines,
          existingMtfsLines: parts.existingMtfsLines,
          ...(lines?.confidenceWeighting === undefined
            ? {}
            : { confidenceWeighting: lines.confidenceWeighting.toDecimalPlaces(4).toNumber() }),
        }),
  };
}

/**
 * The profile table as the proposal template shows it (£m, 2 dp; £k below £0.1m), then the summary lines; with a proposal
 * profile that has more to say (several streams, weightings, existing MTFS lines), its lines table after them.
 *
 * @example
 * profileTable(proposal, profile)
 * // "CFS Targeted Prevention\nBenefits profile over the MTFS (net of ongoing investment)\nFY  In-year ..."
 */
export function profileTable(
  proposal: Proposal,
  profile: Profile | ProposalProfile,
  lines?: ProposalProfile,
): string {
  const mtfsLastFy = proposal.assumptions.horizon.mtfsLastFy;
  const published = proposal.published;
  // When the proposal carries its published figures, print them beside ours so a reader can compare.
  const hasPublished =
    published !== undefined && (published.inYear.length > 0 || published.cumulative.length > 0);
  const publishedAt = (
    list: readonly { readonly fy: number; readonly amount: Decimal }[],
    fy: number,
  ): string => {
    const hit = list.find((p) => p.fy === fy);
    return hit === undefined ? "" : formatMoney(hit.amount);
  };
  // Inflation held centrally: each figure with its contingency in brackets, as Adults proposals print it.
  const held = proposal.assumptions.inflationContingency.heldCentrally;
  // In £k below £0.1m as every other £ the CLI prints (formatMoney), so a small proposal reads as its sheet.
  const withContingency = (amount: Decimal, contingency: Decimal): string =>
    held ? `${formatMoney(amount)} (${formatMoney(contingency)})` : formatMoney(amount);
  const rows = profile.years.map((y) => [
    templateFy(y.label) + (y.fy > mtfsLastFy ? " *" : ""),
    withContingency(y.inYear, y.inYearInflationContingency),
    withContingency(y.cumulative, y.inflationContingency),
    ...(hasPublished && published !== undefined
      ? [publishedAt(published.inYear, y.fy), publishedAt(published.cumulative, y.fy)]
      : []),
  ]);
  const bracket = held ? " (inflation contingency)" : "";
  const header = [
    "FY",
    `In-year spend reduction${bracket}`,
    `Cumulative benefit${bracket}`,
    ...(hasPublished ? ["Published in-year", "Published cumulative"] : []),
  ];
  const beyond = profile.years.some((y) => y.fy > mtfsLastFy);
  const publishedRunRate = published?.fullRunRate;
  return [
    proposal.opportunity.name,
    "Benefits profile over the MTFS (net of ongoing investment)",
    textTable(header, rows, ["left", ...header.slice(1).map(() => "right" as const)]),
    ...(beyond ? ["* beyond the MTFS"] : []),
    "",
    `Quantified opportunity over the MTFS (${templateFy(fyLabel(mtfsLastFy))}): ${withContingency(profile.quantifiedOpportunity, profile.quantifiedOpportunityInflationContingency)}`,
    `Full run rate: ${withContingency(profile.fullRunRate.value, profile.fullRunRate.inflationContingency)}, achieved in ${profile.fullRunRate.label}` +
      (publishedRunRate === undefined
        ? ""
        : ` (published: ${formatMoney(publishedRunRate.value)} in ${fyLabel(publishedRunRate.fy)})`),
    `Time to hit full run rate: ${yearsText(profile.timeToFullRunRateYears.toDecimalPlaces(1).toString())}`,
    ...(published?.source === undefined ? [] : [`Published figures: ${published.source}`]),
    ...(lines !== undefined && hasBreakdown(lines) ? ["", streamLinesTable(lines)] : []),
  ].join("\n");
}
