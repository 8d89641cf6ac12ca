import {
  ZERO,
  drivenMeasures,
  formatMoney,
  formatPercent,
  toPounds,
  fyLabel,
  type Decimal,
  type ProposalProfile,
} from "../../engine";
import { textTable } from "../table";
import { jsonCount } from "./jsonNumbers";

/**
 * A proposal profile's own lines as the CLI prints them beside the profile table: each stream's gross (with its
 * weighting) and operational measures, each cost, the overlap, the existing MTFS lines, then the net, the
 * contingency and the MTFS row, by FY (£m, 2 dp), and the weightings written as evidence × weighting.
 */

/** FY label as the proposal template prints it: "FY 26/27". */
const templateFy = (fy: number): string => fyLabel(fy).replace(/^FY/, "FY ");

/** Measures to one decimal place, as counts of people or hours read. */
const measureText = (d: Decimal): string => d.toDecimalPlaces(1).toFixed(1);

/** A line's label cut to 48 characters, so one long cost name does not push the figures off the screen. */
const short = (label: string): string =>
  [...label].length > 48 ? `${[...label].slice(0, 47).join("")}…` : label;

/** A weighting as "50%" or "12.5%". */
const pct = (d: Decimal): string => formatPercent(d, 1).replace(/\.0%$/, "%");

/** Evidence or its product: a fraction as %, else the number and its unit ("10 CYP a year"). */
const amount = (d: Decimal, unit: string | undefined): string =>
  unit === undefined ? pct(d) : `${d.toDecimalPlaces(2).toString()} ${unit}`;

/**
 * True when the breakdown says more than the single-stream profile table already does: several streams, a
 * stream of another kind than a cohort (its own operational measures), a weighting, an existing MTFS line or
 * costs per event.
 *
 * @example
 * hasBreakdown(computeProposalProfile({ streams: [cfsStream], ... })) // false
 */
export function hasBreakdown(p: ProposalProfile): boolean {
  return (
    p.streams.length > 1 ||
    p.streams.some((s) => s.kind !== "cohort") ||
    p.confidenceWeighting !== undefined ||
    p.streams.some((s) => s.weightings.length > 0 || !s.weighting.eq(1)) ||
    p.existingMtfsLines.length > 0 ||
    p.costLines.some((l) => l.kind === "perEvent" || l.kind === "stream")
  );
}

/**
 * The lines table (£m, costs and deductions negative) and the weighting notes.
 *
 * @example
 * streamLinesTable(p)
 * // "Benefit lines\nLine                    FY 26/27  FY 27/28 …\nFalls (gross)    0.00  0.12 …\n…\nMTFS row …"
 */
export function streamLinesTable(p: ProposalProfile): string {
  const money = (xs: readonly Decimal[]): string[] => xs.map((x) => formatMoney(x));
  const neg = (xs: readonly Decimal[]): Decimal[] => xs.map((x) => x.neg());
  const rows: string[][] = [];
  for (const s of p.streams) {
    const w = s.weighting.eq(1) ? "" : ` × ${pct(s.weighting)}`;
    rows.push([`${short(s.label)} (gross${w})`, ...money(s.years.map((y) => y.gross))]);
    // Only the measures the stream's inputs drive (drivenMeasures), as the proposal sheet shows them.
    for (const m of drivenMeasures(s)) {
      const values = s.years.map((y) => y.measures.find((x) => x.key === m.key)?.value ?? ZERO);
      rows.push([`  ${m.label} (${m.unit})`, ...values.map(measureText)]);
    }
  }
  for (const c of p.costLines) rows.push([`Cost: ${short(c.label)}`, ...money(neg(c.amounts))]);
  if (p.years.some((y) => !y.overlap.isZero()))
    rows.push(["MTFS overlap", ...money(neg(p.years.map((y) => y.overlap)))]);
  for (const l of p.existingMtfsLines)
    rows.push([`Existing MTFS: ${short(l.label)}`, ...money(neg(l.deducted))]);
  rows.push(["Net benefit (cumulative)", ...money(p.years.map((y) => y.cumulative))]);
  if (p.years.some((y) => !y.inflationContingency.isZero())) {
    rows.push(["Inflation contingency", ...money(p.years.map((y) => y.inflationContingency))]);
  }
  for (const l of p.existingMtfsLines) {
    if (l.treatment === "addedBack") rows.push([`Added back: ${short(l.label)}`, ...money(l.addedBack)]);
  }
  rows.push(["MTFS row", ...money(p.years.map((y) => y.mtfsImpact))]);

  const header = ["Line", ...p.years.map((y) => templateFy(y.fy))];
  const notes = [
    ...p.streams.flatMap((s) =>
      s.weightings.map(
        (w) =>
          `${s.label}: ${w.label.toLowerCase()} ${amount(w.evidence, w.unit)} × ${pct(w.weighting)} confidence weighting = ${amount(w.value, w.unit)}`,
      ),
    ),
    ...(p.confidenceWeighting === undefined
      ? []
      : [`Proposal confidence weighting: ${pct(p.confidenceWeighting)} of every stream's gross`]),
  ];
  return [
    "Benefit lines",
    textTable(header, rows, ["left", ...header.slice(1).map(() => "right" as const)]),
    ...notes,
  ].join("\n");
}

/**
 * JSON-ready lines of a proposal profile (money in £, rounded to pennies at this edge only; measures to 4 dp):
 * `{ streams: [{ id, label, kind, cashability, weighting, weightings, years: [{ fy, gross, grossBeforeWeighting,
 * measures }] }], costLines, existingMtfsLines, years: [{ fy, gross, costs,
 * overlap, existingMtfs, cumulative, inflationContingency, addedBack, mtfsImpact }], fullRunRate: { …, settledBy } }`
 * (existing lines as `{ label, treatment, deducted, addedBack }`).
 *
 * @example
 * streamLinesJson(p).streams[0].years[5] // { fy: "FY31/32", gross: 4785123.45, grossBeforeWeighting: 4785123.45, measures: { … } }
 */
export function streamLinesJson(p: ProposalProfile): Record<string, unknown> {
  const count = jsonCount;
  return {
    streams: p.streams.map((s) => ({
      id: s.id,
      label: s.label,
      kind: s.kind,
      cashability: s.cashability,
      settledFy: fyLabel(s.settledFy),
      weighting: count(s.weighting),
      weightings: s.weightings.map((w) => ({
        label: w.label,
        evidence: count(w.evidence),
        weighting: count(w.weighting),
        value: count(w.value),
        ...(w.unit === undefined ? {} : { unit: w.unit }),
      })),
      years: s.years.map((y) => ({
        fy: y.label,
        gross: toPounds(y.gross),
        grossBeforeWeighting: toPounds(y.grossBeforeWeighting),
        measures: Object.fromEntries(y.measures.map((m) => [m.key, { value: count(m.value), unit: m.unit }])),
      })),
    })),
    costLines: p.costLines.map((l) => ({ label: l.label, kind: l.kind, amounts: l.amounts.map(toPounds) })),
    existingMtfsLines: p.existingMtfsLines.map((l) => ({
      label: l.label,
      treatment: l.treatment,
      deducted: l.deducted.map(toPounds),
      addedBack: l.addedBack.map(toPounds),
    })),
    years: p.years.map((y) => ({
      fy: y.label,
      gross: toPounds(y.gross),
      costs: toPounds(y.costs),
      overlap: toPounds(y.overlap),
      existingMtfs: toPounds(y.existingMtfs),
      cumulative: toPounds(y.cumulative),
      inYear: toPounds(y.inYear),
      inflationContingency: toPounds(y.inflationContingency),
      addedBack: toPounds(y.addedBack),
      mtfsImpact: toPounds(y.mtfsImpact),
    })),
    fullRunRate: {
      value: toPounds(p.fullRunRate.value),
      fy: p.fullRunRate.label,
      inflationContingency: toPounds(p.fullRunRate.inflationContingency),
      settledBy: p.fullRunRate.settledBy,
    },
  };
}
