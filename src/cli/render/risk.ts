import {
  formatMillions,
  formatMoney,
  type Sensitivity,
  type SimulatedProfile,
  type Simulation,
} from "../../engine";
import { textTable } from "../table";

/**
 * Simulation and sensitivity as the CLI prints them: tables in £m (2 dp; a simulated or tornado figure below £0.1m in
 * £k, `formatMoney`) and probabilities in whole %, or JSON with money in £ rounded to the penny (at this edge only).
 */

const pounds = (x: number): number => Math.round(x * 100) / 100 || 0;
const percent = (p: number): string => `${Math.round(p * 100)}%`;
const templateFy = (label: string): string => label.replace(/^FY/, "FY ");

function profileTable(p: SimulatedProfile, mtfsLabel: string): string {
  const rows = p.years.map((y) => [
    templateFy(y.label) + (y.label === mtfsLabel ? " ◂" : ""),
    // £k for a small figure (formatMoney): a spread of a few £k must not print as the plan four times.
    formatMoney(y.planned),
    formatMoney(y.p10),
    formatMoney(y.p50),
    formatMoney(y.p90),
    percent(y.probability),
  ]);
  const sampled = p.sampled.length === 0 ? "none (a point figure)" : p.sampled.join(", ");
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
 * The simulation as tables: one per proposal, then the programme when there are several.
 *
 * @example
 * simulationTable(simulate([model], { iterations: 1000, seed: 1 })) // "Monte Carlo: 1,000 iterations, seed 1\n…"
 */
export function simulationTable(s: Simulation): string {
  const mtfsLabel = s.programme.mtfsYear.label;
  const blocks = s.proposals.map((p) => profileTable(p, mtfsLabel));
  if (s.proposals.length > 1) blocks.push(profileTable(s.programme, mtfsLabel));
  return [
    `Monte Carlo: ${s.iterations.toLocaleString("en-GB")} iterations, seed ${s.seed}`,
    ...blocks,
    `◂ last MTFS year. P(≥ plan): share of iterations at or above the planned MTFS row.`,
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

const unitValue = (x: number): string =>
  Math.abs(x) >= 1000 ? Math.round(x).toLocaleString("en-GB") : String(Number(x.toPrecision(6)));

/**
 * The tornado as a table: each input's low and high, the FY29/30 figure at each, and the swing (£m; £k below
 * £0.1m).
 *
 * @example
 * sensitivityTable("CFS", proposalSensitivity(model), "FY29/30") // "CFS: sensitivity of the FY29/30 figure …"
 */
export function sensitivityTable(name: string, t: Sensitivity, mtfsLabel: string): string {
  const rows = t.rows.map((r) => [
    (r.proposal ? `${r.proposal}: ` : "") + r.input + (r.defaultEnds ? "" : " *"),
    unitValue(r.low),
    unitValue(r.high),
    // As the sheet's tornado shows them: a small figure in £k (formatMoney), so a swing of £4k is not £0.00m.
    formatMoney(r.opportunityAtLow),
    formatMoney(r.opportunityAtHigh),
    formatMoney(r.swing),
  ]);
  const notes = t.rows.flatMap((r) => (r.note ? [`${r.input}: ${r.note}`] : []));
  return [
    `${name}: sensitivity of the quantified opportunity (${mtfsLabel}, net benefit ${formatMillions(t.opportunity)})`,
    textTable(["Input", "Low", "High", "At low", "At high", "Swing"], rows, [
      "left",
      "right",
      "right",
      "right",
      "right",
      "right",
    ]),
    "Each input alone, the others at base; low and high ±10% unless stated (* from the risk block).",
    ...notes,
  ].join("\n");
}

/**
 * The tornado as JSON, money in £.
 *
 * @example
 * sensitivityJson(t).rows[0] // { input: "unitCost.weeklyCost", low: 1338.3, high: 1635.7, … }
 */
export function sensitivityJson(t: Sensitivity): Record<string, unknown> {
  return {
    opportunity: pounds(t.opportunity),
    mtfs: pounds(t.mtfs),
    rows: t.rows.map((r) => ({
      ...(r.proposal ? { proposal: r.proposal } : {}),
      input: r.input,
      base: r.base,
      low: r.low,
      high: r.high,
      stated: !r.defaultEnds,
      opportunityAtLow: pounds(r.opportunityAtLow),
      opportunityAtHigh: pounds(r.opportunityAtHigh),
      mtfsAtLow: pounds(r.mtfsAtLow),
      mtfsAtHigh: pounds(r.mtfsAtHigh),
      swing: pounds(r.swing),
      ...(r.note ? { note: r.note } : {}),
    })),
  };
}
