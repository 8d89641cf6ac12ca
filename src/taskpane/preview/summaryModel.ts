import { Decimal } from "../../engine/money";
import type { Proposal } from "../../engine/proposal";
import type { CostItem, Profile } from "../../engine/types";
import { WEEKS_PER_YEAR, fyLabel, isoDate } from "../../engine/fiscalYear";
import { formatMoney, formatWhole } from "../../engine/present";
import type { ProposalStreamLine } from "../../engine/proposalProfile";
import { streamKindLabel } from "../form/streams";
import { resolveTimeline } from "../../engine/timeline";
import { yearsText } from "./plural";
import type { PreviewModel } from "./previewModel";

/** One line of the Review step's summary: what it is, and its value as the user reads it. */
export interface SummaryLine {
  readonly label: string;
  readonly value: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-08-01" → "1 Aug 2026". */
function dateText(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** A day number (possibly fractional) → its date text, the day it falls in. */
function dayText(day: Decimal): string {
  return dateText(isoDate(day.floor().toNumber()));
}

/** £ with thousands separators, pence only when there are any: "£1,487", "£1,487.50". */
function pounds(amount: Decimal): string {
  const rounded = amount.toDecimalPlaces(2);
  const sign = rounded.isNegative() ? "-" : "";
  const whole = formatWhole(rounded.abs().trunc());
  const pence = rounded.abs().minus(rounded.abs().trunc());
  return `${sign}£${whole}${pence.isZero() ? "" : pence.toFixed(2).slice(1)}`;
}

function costLine(c: CostItem): string {
  switch (c.kind) {
    case "ongoing":
      return `${c.label}: ${pounds(c.amountPerYear)} a year from ${dateText(c.fromDate)}${
        c.toDate ? ` to ${dateText(c.toDate)}` : ""
      }`;
    case "oneOff":
      return `${c.label}: ${pounds(c.amount)} on ${dateText(c.date)}`;
    case "perCase":
      return `${c.label}: ${pounds(c.amountPerCasePerYear)} a case a year`;
    case "perEvent":
      return `${c.label}: ${pounds(c.amountPerEvent)} an event`;
    default:
      return `${c.label}: ${c.amountsByFy.map((p) => `${pounds(p.amount)} in ${fyLabel(p.fy)}`).join(", ")}`;
  }
}

/**
 * The Review step's summary of a valid proposal: who and what, the lever and target, duration and unit
 * cost, the timeline's dates (as the engine resolves them), the investment, and the headline figures
 * (the preview's own texts, so the two never disagree).
 *
 * @example
 * summaryModel(proposal, profile, preview).find((l) => l.label === "Lever and target")?.value
 * // "Fewer entries: 8% of the baseline (260 a year)"
 */
export function summaryModel(
  proposal: Proposal,
  profile: Profile,
  preview: PreviewModel,
  streams: readonly ProposalStreamLine[] = [],
): readonly SummaryLine[] {
  const a = proposal.assumptions.cohort;
  const headline = (fy: number): SummaryLine[] => [
    { label: `Quantified opportunity (${fyLabel(fy)})`, value: preview.quantifiedText },
    { label: "Full run rate", value: `${preview.runRateText} in ${preview.runRateFyLabel}` },
    { label: "Time to full run rate", value: yearsText(profile.timeToFullRunRateYears.toDecimalPlaces(1)) },
  ];
  if (a === undefined) {
    // Multi-stream: the streams by name and kind; the streams editor shows their own fields.
    const m = proposal.assumptions;
    return [
      { label: "Opportunity", value: proposal.opportunity.name },
      { label: "Directorate", value: proposal.opportunity.directorate ?? "(not given)" },
      ...(streams.length > 0
        ? streamSummaryLines(streams, m.horizon.mtfsLastFy)
        : [{ label: "Streams", value: m.streams.map((s) => `${s.label} (${s.kind})`).join("; ") }]),
      {
        label: "Investment",
        value: m.investment.length === 0 ? "none" : m.investment.map(costLine).join("; "),
      },
      ...headline(m.horizon.mtfsLastFy),
    ];
  }
  const lever = a.lever === "exit" ? "Earlier exits" : "Fewer entries";
  const target =
    a.target.kind === "percent"
      ? `${a.target.value.times(100).toDecimalPlaces(2).toString()}% of the baseline (${formatWhole(
          a.baseline.volumePerYear,
        )} a year)`
      : a.target.kind === "countPerYear"
        ? `${a.target.value.toString()} a year`
        : `caseload down by ${a.target.value.toString()}`;
  const u = a.unitCost;
  const extras = [
    u.alternativeWeeklyCost.isZero() ? "" : `alternative ${pounds(u.alternativeWeeklyCost)}`,
    u.overlapWeeklyCost.isZero() ? "" : `overlap ${pounds(u.overlapWeeklyCost)}`,
  ].filter((s) => s !== "");
  const periodsAreWeeks = u.periodsPerYear.eq(WEEKS_PER_YEAR);
  const per = periodsAreWeeks ? "a week" : `a period (${u.periodsPerYear.toString()} a year)`;
  const t = resolveTimeline(a.timeline);
  const timeline = [
    `start ${dayText(t.startDay)}`,
    t.designEndDay.gt(t.startDay) ? `design ends ${dayText(t.designEndDay)}` : "",
    `pilot ends ${dayText(t.pilotEndDay)}`,
    `rollout ends ${dayText(t.rolloutEndDay)}`,
    `first impact ${dayText(t.firstImpactDay)}`,
    `full impact ${dayText(t.fullImpactDay)}`,
    t.deliveryEndDay ? `delivery ends ${dayText(t.deliveryEndDay)}` : "",
  ].filter((s) => s !== "");
  return [
    { label: "Opportunity", value: proposal.opportunity.name },
    { label: "Directorate", value: proposal.opportunity.directorate ?? "(not given)" },
    { label: "Lever and target", value: `${lever}: ${target}` },
    { label: "Duration", value: `${a.durationWeeks.toString()} weeks` },
    {
      label: "Unit cost",
      value: `${pounds(u.weeklyCost)} ${per}${extras.length ? ` (${extras.join(", ")})` : ""}, ${fyLabel(
        u.priceBaseFy,
      )} prices`,
    },
    { label: "Timeline", value: timeline.join("; ") },
    {
      label: "Investment",
      value: a.investment.length === 0 ? "none" : a.investment.map(costLine).join("; "),
    },
    ...headline(a.horizon.mtfsLastFy),
  ];
}

/**
 * The Review step's line for each saving stream: its kind in words, its gross in the last MTFS FY and in
 * the last FY shown, and its weighting when one applies (the engine's figures, rounded only here).
 *
 * @example
 * streamSummaryLines(proposalProfile.streams, 2029)[0]
 * // { label: "Stream 1: Falls", value: "Avoided or shortened care (cohort): £0.42m in FY29/30, £0.61m in FY31/32" }
 */
export function streamSummaryLines(
  streams: readonly ProposalStreamLine[],
  mtfsLastFy: number,
): readonly SummaryLine[] {
  return streams.map((s, i) => {
    const inMtfs = s.years.find((y) => y.fy === mtfsLastFy) ?? s.years[s.years.length - 1];
    const last = s.years[s.years.length - 1];
    const figures = [`${formatMoney(inMtfs.gross)} in ${inMtfs.label}`];
    if (last.fy !== inMtfs.fy) figures.push(`${formatMoney(last.gross)} in ${last.label}`);
    const weighting = s.weighting.eq(1)
      ? ""
      : ` (× ${s.weighting.times(100).toDecimalPlaces(1).toString()}% confidence weighting)`;
    return {
      label: `Stream ${i + 1}: ${s.label}`,
      value: `${streamKindLabel(s.kind)}: ${figures.join(", ")}${weighting}`,
    };
  });
}
