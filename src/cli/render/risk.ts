import {
  changesNothing,
  Decimal,
  endsNote,
  movesOnlyMtfsRow,
  MTFS_ROW_ONLY,
  sensitivityNote,
  formatMoney,
  PLAN_REACHED_TEXT,
  rankedRows,
  unmovedLine,
  type Sensitivity,
  type SensitivityRow,
  type SimulatedProfile,
  type Simulation,
} from "../../engine";
import type { InputUnit } from "../../workbook/layouts/tornadoBlock";
import { textTable } from "../table";

/**
 * A risk input in words, by its path and the proposal it belongs to ("" alone), as the Risk sheet names it
 * (`inputWordsIn`): its caption and the unit its low and high read in.
 */
export type InputWords = (path: string, proposal: string) => { caption: string; unit: InputUnit };

/** Without words (a caller that has no assumptions): the path, ends as plain numbers. */
const pathOnly: InputWords = (path) => ({ caption: path, unit: "plain" });

/**
 * Simulation and sensitivity as the CLI prints them: tables in £m (2 dp; a simulated or tornado figure below £0.1m in
 * £k, `formatMoney`) and probabilities in whole %, or JSON with money in £ rounded to the penny (at this edge only).
 */

const pounds = (x: number): number => Math.round(x * 100) / 100 || 0;
const percent = (p: number): string => `${Math.round(p * 100)}%`;
const templateFy = (label: string): string => label.replace(/^FY/, "FY ");

function profileTable(p: SimulatedProfile, mtfsLabel: string, drawn: readonly string[]): string {
  const rows = p.years.map((y) => [
    templateFy(y.label) + (y.label === mtfsLabel ? " ◂" : ""),
    // £k for a small figure (formatMoney): a spread of a few £k must not print as the plan four times.
    formatMoney(y.planned),
    formatMoney(y.p10),
    formatMoney(y.p50),
    formatMoney(y.p90),
    percent(y.probability),
  ]);
  const sampled = drawn.length === 0 ? "none (a point figure)" : drawn.join("; ");
  return [
    p.name,
    `Drawn from a distribution: ${sampled}`,
    textTable(["FY (MTFS row)", "Planned", "P10", "P50", "P90", "P(≥ plan)"], rows, [
      "left",
      "right",
      "right",
      "right",
      "right",
      "right",
    ]),
  ].join("\n");
}

/**
 * The simulation as tables: one per proposal, then the programme when there are several; the inputs drawn
 * in words (`words`, by each proposal's name).
 *
 * @example
 * simulationTable(simulate([model], { iterations: 1000, seed: 1 }), words) // "Monte Carlo: 1,000 iterations, seed 1\n…"
 */
export function simulationTable(s: Simulation, words: InputWords = pathOnly): string {
  const mtfsLabel = s.programme.mtfsYear.label;
  const drawn = (p: SimulatedProfile): string[] => p.sampled.map((path) => words(path, p.name).caption);
  const blocks = s.proposals.map((p) => profileTable(p, mtfsLabel, drawn(p)));
  if (s.proposals.length > 1)
    blocks.push(
      profileTable(
        s.programme,
        mtfsLabel,
        s.proposals.flatMap((p) => drawn(p).map((d) => `${p.name}: ${d}`)),
      ),
    );
  return [
    `Monte Carlo: ${s.iterations.toLocaleString("en-GB")} iterations, seed ${s.seed}`,
    ...blocks,
    `◂ last MTFS year. ${PLAN_REACHED_TEXT}.`,
  ].join("\n\n");
}

function profileJson(p: SimulatedProfile): Record<string, unknown> {
  return {
    name: p.name,
    sampled: p.sampled,
    mtfsLastFy: p.mtfsYear.label,
    years: p.years.map((y) => ({
      fy: y.label,
      planned: pounds(y.planned),
      p10: pounds(y.p10),
      p50: pounds(y.p50),
      p90: pounds(y.p90),
      probability: y.probability,
    })),
  };
}

/**
 * JSON: `{ iterations, seed, proposals: [{ name, sampled, years: [{ fy, planned, p10, p50, p90, probability }] }],
 * programme }`, money in £.
 *
 * @example
 * simulationJson(s).proposals[0].years[3] // { fy: "FY29/30", planned: 1104079.71, p10: …, probability: 0.34 }
 */
export function simulationJson(s: Simulation): Record<string, unknown> {
  return {
    iterations: s.iterations,
    seed: s.seed,
    proposals: s.proposals.map(profileJson),
    programme: profileJson(s.programme),
  };
}

/** An input's end as the Risk sheet's number format shows it: 7.2%, £12,086, 39.14 (one or two decimals). */
function endText(x: number, unit: InputUnit): string {
  const d = new Decimal(x);
  if (unit === "percent") return `${d.times(100).toDecimalPlaces(2).toString()}%`;
  const group = (t: string): string => t.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (unit === "pounds") {
    const whole = d.abs().round().toFixed(0);
    return `${d.isNegative() && whole !== "0" ? "-" : ""}£${group(whole)}`;
  }
  const two = d.toDecimalPlaces(2);
  const [whole, frac] = two
    .abs()
    .toFixed(two.decimalPlaces() < 2 ? 1 : 2)
    .split(".");
  return `${two.isNegative() && !two.isZero() ? "-" : ""}${group(whole)}.${frac}`;
}

/**
 * The tornado as a table: each input in words (`words`, as the Risk sheet names it) with its low and high in
 * its unit, the FY29/30 figure at each, and the swing (£m; £k below £0.1m).
 *
 * @example
 * sensitivityTable("CFS", proposalSensitivity(model), "FY29/30", words) // "CFS: sensitivity of the quantified opportunity …"
 */
export function sensitivityTable(
  name: string,
  t: Sensitivity,
  mtfsLabel: string,
  words: InputWords = pathOnly,
): string {
  // As the sheets' tornado: inputs that change nothing take no row, one line beneath counts them.
  const { moving, unmoved } = rankedRows(t);
  const captionOf = (r: SensitivityRow): string =>
    (r.proposal ? `${r.proposal}: ` : "") + words(r.input, r.proposal ?? "").caption;
  const rows = moving.map((r) => {
    const w = words(r.input, r.proposal ?? "");
    return [
      (r.proposal ? `${r.proposal}: ` : "") + w.caption + (r.defaultEnds ? "" : " *"),
      endText(r.low, w.unit),
      endText(r.high, w.unit),
      // As the sheet's tornado shows them: a small figure in £k (formatMoney), so a swing of £4k is not £0.00m.
      formatMoney(r.opportunityAtLow),
      formatMoney(r.opportunityAtHigh),
      // No swing for a reason (the note beneath says it), not a bare "-".
      movesOnlyMtfsRow(t, r) ? MTFS_ROW_ONLY : formatMoney(r.swing),
    ];
  });
  // Held and refused ends name their fields as the sheet's Note column does (endsNote, in words).
  const notes = t.rows.flatMap((r) => {
    const name = (field: string): string => words(field, r.proposal ?? "").caption;
    const note = sensitivityNote(t, r, r.held || r.refused ? endsNote(r, name) : (r.note ?? ""), true);
    return note ? [`${name(r.input)}: ${note}`] : [];
  });
  return [
    `${name}: sensitivity of the quantified opportunity (${mtfsLabel}, net benefit ${formatMoney(t.opportunity)})`,
    textTable(["Input", "Low", "High", "At low", "At high", "Swing"], rows, [
      "left",
      "right",
      "right",
      "right",
      "right",
      "right",
    ]),
    "Each input alone, the others at base; low and high ±10% unless stated (* from the risk block). " +
      "--format json names each input by its path too.",
    ...(unmoved.length > 0 ? [unmovedLine(unmoved, captionOf)] : []),
    ...notes,
  ].join("\n");
}

/**
 * The tornado as JSON, money in £.
 *
 * @example
 * sensitivityJson(t, words).rows[0] // { input: "unitCost.weeklyCost", caption: "Weekly cost (£ a week)", low: 1338.3, high: 1635.7, … }
 */
export function sensitivityJson(t: Sensitivity, words?: InputWords): Record<string, unknown> {
  return {
    opportunity: pounds(t.opportunity),
    mtfs: pounds(t.mtfs),
    rows: t.rows.map((r) => {
      const note = sensitivityNote(t, r, r.note ?? "", true);
      return {
        ...(r.proposal ? { proposal: r.proposal } : {}),
        input: r.input,
        ...(words ? { caption: words(r.input, r.proposal ?? "").caption } : {}),
        base: r.base,
        low: r.low,
        high: r.high,
        stated: !r.defaultEnds,
        opportunityAtLow: pounds(r.opportunityAtLow),
        opportunityAtHigh: pounds(r.opportunityAtHigh),
        mtfsAtLow: pounds(r.mtfsAtLow),
        mtfsAtHigh: pounds(r.mtfsAtHigh),
        swing: pounds(r.swing),
        ...(changesNothing(t, r) ? { changesNothing: true } : {}),
        ...(movesOnlyMtfsRow(t, r) ? { movesOnlyMtfsRow: true } : {}),
        ...(note ? { note } : {}),
      };
    }),
  };
}
