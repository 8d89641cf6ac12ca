import { ZERO, formatMoney, toPounds, type Decimal, type OverlapFlag } from "../../engine";
import type { ProgrammeFigures } from "../programmeModel";
import { textTable } from "../table";

/**
 * `calc programme` output: Appendix A with the modelled rows' figures (typed rows as published), each modelled
 * row's published figures under it, subtotals and the total beside the published ones; then the overlap register.
 */

const cell = (x: Decimal | null | undefined): string =>
  x === null || x === undefined ? "-" : formatMoney(x);
const pounds = (x: Decimal | null): number | null => (x === null ? null : toPounds(x));

/** A claim as a reader names it: the proposal and, in brackets, the stream or the existing line. */
const who = (c: OverlapFlag["first"]): string =>
  `${c.proposal} (${c.item}${c.treatment === undefined ? "" : `, ${c.treatment === "addedBack" ? "added back" : "deducted"}`})`;

/**
 * The overlap register as text: one paragraph per flag, or a line saying there is none.
 *
 * @example
 * overlapRegisterText([]) // "Overlap register: no cohort or existing MTFS line is claimed twice …"
 */
export function overlapRegisterText(flags: readonly OverlapFlag[], fyLabels?: readonly string[]): string {
  if (flags.length === 0) {
    return (
      "Overlap register: no cohort or existing MTFS line is claimed twice " +
      "(streams are matched by cohortKey, existing MTFS lines by ref)"
    );
  }
  const parts = flags.map((f) => {
    const what = f.basis === "cohort" ? `Same cohort "${f.key}"` : `Same existing MTFS line ${f.key}`;
    const years = f.years.filter((y) => fyLabels === undefined || fyLabels.includes(y.label));
    const table = textTable(
      ["FY", f.first.proposal, f.second.proposal, "Counted twice"],
      years.map((y) => [y.label, formatMoney(y.first), formatMoney(y.second), formatMoney(y.overlap)]),
      ["left", "right", "right", "right"],
    );
    return `${what}: ${who(f.first)} and ${who(f.second)}\n${table}`;
  });
  return [`Overlap register: ${flags.length} claimed twice`, ...parts].join("\n\n");
}

/**
 * One flag on one line, as `refresh` and `demo` list them: both claims and the most counted twice in any FY.
 *
 * @example
 * overlapLine(flag) // 'overlap: same cohort "cla-residential": Family Based Placements (…) and … : up to £0.25m a year counted twice (FY27/28 to FY30/31)'
 */
export function overlapLine(f: OverlapFlag): string {
  const what = f.basis === "cohort" ? `same cohort "${f.key}"` : `same existing MTFS line ${f.key}`;
  const years = f.years.filter((y) => !y.overlap.isZero());
  const most = years.reduce((m, y) => (y.overlap.abs().gt(m.abs()) ? y.overlap : m), ZERO);
  const span =
    years.length === 0
      ? "no FY has both amounts"
      : `up to ${formatMoney(most)} a year counted twice (${years[0].label}${years.length > 1 ? ` to ${years[years.length - 1].label}` : ""})`;
  return `overlap: ${what}: ${who(f.first)} and ${who(f.second)}: ${span}`;
}

/**
 * The programme table (£m, 2 dp) and the overlap register.
 *
 * @example
 * programmeTable(figures) // "MTFS programme …\nOpportunity  Source  FY26/27 …"
 */
export function programmeTable(p: ProgrammeFigures): string {
  const rows: string[][] = [];
  for (const g of p.directorates) {
    rows.push([g.directorate, "", ...p.fyLabels.map(() => "")]);
    for (const r of g.rows) {
      rows.push([`  ${r.opportunity}`, r.source, ...r.amounts.map(cell)]);
      if (r.source === "modelled" && r.published.length > 0)
        rows.push(["    published", "", ...r.published.map(cell)]);
    }
    rows.push([`  ${g.subtotalLabel}`, "", ...g.subtotal.map(cell)]);
    if (g.publishedSubtotal) rows.push(["    published", "", ...g.publishedSubtotal.map(cell)]);
  }
  rows.push(["Total", "", ...p.total.map(cell)]);
  if (p.publishedTotal) rows.push(["  published", "", ...p.publishedTotal.map(cell)]);
  const header = ["Opportunity", "Source", ...p.fyLabels.map((fy, i) => (i < p.mtfsYears ? fy : `${fy} *`))];
  const modelled = p.directorates.reduce(
    (n, g) => n + g.rows.filter((r) => r.source === "modelled").length,
    0,
  );
  const count = p.directorates.reduce((n, g) => n + g.rows.length, 0);
  return [
    p.title,
    `${count} opportunities, ${modelled} modelled from their proposal files (MTFS row per FY), the rest typed as published (£m)`,
    textTable(header, rows, ["left", "left", ...p.fyLabels.map(() => "right" as const)]),
    ...(p.fyLabels.length > p.mtfsYears ? ["* future MTFS impact"] : []),
    "",
    overlapRegisterText(p.overlaps, p.fyLabels),
  ].join("\n");
}

/**
 * JSON-ready programme (money in £): rows with `source`, `amounts` and `published`, subtotals, total, overlaps.
 *
 * @example
 * programmeJson(figures).total // [400123.45, …]
 */
export function programmeJson(p: ProgrammeFigures): Record<string, unknown> {
  return {
    title: p.title,
    fyLabels: p.fyLabels,
    mtfsYears: p.mtfsYears,
    directorates: p.directorates.map((g) => ({
      directorate: g.directorate,
      subtotalLabel: g.subtotalLabel,
      rows: g.rows.map((r) => ({
        opportunity: r.opportunity,
        source: r.source,
        ...(r.example === undefined ? {} : { example: r.example }),
        amounts: r.amounts.map(pounds),
        published: r.published.map(pounds),
      })),
      subtotal: g.subtotal.map(toPounds),
      ...(g.publishedSubtotal ? { publishedSubtotal: g.publishedSubtotal.map(toPounds) } : {}),
    })),
    total: p.total.map(toPounds),
    ...(p.publishedTotal ? { publishedTotal: p.publishedTotal.map(toPounds) } : {}),
    overlaps: p.overlaps.map((f) => ({
      basis: f.basis,
      key: f.key,
      first: {
        proposal: f.first.proposal,
        item: f.first.item,
        ...(f.first.treatment ? { treatment: f.first.treatment } : {}),
      },
      second: {
        proposal: f.second.proposal,
        item: f.second.item,
        ...(f.second.treatment ? { treatment: f.second.treatment } : {}),
      },
      years: f.years.map((y) => ({
        fy: y.label,
        first: toPounds(y.first),
        second: toPounds(y.second),
        overlap: toPounds(y.overlap),
      })),
      total: toPounds(f.total),
    })),
  };
}
