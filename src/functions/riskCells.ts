import {
  EngineError,
  MAX_ITERATIONS,
  profileRiskModel,
  proposalSensitivity,
  endsNote,
  sensitivityNote,
  simulate,
  timelineMonthsEntries,
  type ConfidenceLevel,
} from "../engine";
import { cellRate, isBlank } from "./cells";
import type { Grid } from "./invoke";
import { profileInputFromCells, renamed } from "./profileCells";

/**
 * MTFS.SENSITIVITY and MTFS.SIMULATE's bodies: an assumptions range (as MTFS.BENEFIT.PROFILE reads it) as a
 * risk model (riskModel.ts), its tornado or its Monte Carlo, spilled with a header row.
 */

/**
 * The most iterations a worksheet call runs: Excel waits for the result and recalculates it with the sheet,
 * so a cell takes a fifth of the CLI's MAX_ITERATIONS (MTFS.SIMULATE's JSDoc says so).
 */
export const MAX_CELL_ITERATIONS = 20_000;

function changeOf(value: unknown, field: string, fallback: number): number {
  return isBlank(value) ? fallback : cellRate(value, field, { min: -10, max: 10 }).toNumber();
}

/**
 * The tornado: a header, then one row per input (its label in the range, or its path): the input at its low
 * and high, the quantified opportunity at each (£), the swing, largest first, and a note when the model
 * refused an end (that end shows the base figure).
 *
 * @example
 * sensitivityCells(CFS_RANGE, null, null)[1] // ["Weekly unit cost (£)", 1338.3, 1635.7, 771…, 1437…, 666…]
 */
export function sensitivityCells(assumptions: unknown, low: unknown, high: unknown): Grid {
  const { input, argumentOf } = profileInputFromCells(assumptions);
  // low ≤ high is moveInputs' rule (riskInputs.ts), refused there as a value.
  const change = { low: changeOf(low, "low", -0.1), high: changeOf(high, "high", 0.1) };
  // Inputs the range states in months are moved and shown in months, under their own label.
  const months = timelineMonthsEntries(
    input.timeline,
    (k) => argumentOf(`timeline.${k}`) !== `timeline.${k}`,
  );
  const t = renamed(argumentOf, () =>
    proposalSensitivity(profileRiskModel("", input, months), { defaultChange: change }),
  );
  return [
    ["Input", "Low", "High", "At low (£)", "At high (£)", "Swing (£)", "Note"],
    ...t.rows.map((r) => [
      plainLabel(argumentOf(r.input)),
      r.low,
      r.high,
      round(r.opportunityAtLow),
      round(r.opportunityAtHigh),
      round(r.swing),
      // An end the model refused shows the base figure, one held at a bound shows the bound; say so (naming
      // the range's label, as errors do) rather than show a silent zero swing.
      // An input that moves only the MTFS row says so beside its swing of 0.
      sensitivityNote(t, r, r.refused || r.held ? endsNote(r, (f) => plainLabel(argumentOf(f))) : ""),
    ]),
  ];
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** A range label as argumentOf names it for messages ("\"Target %\" (row 2)"), without the quotes and row. */
function plainLabel(name: string): string {
  return /^"(.*)" \((?:row|column) \d+\)$/.exec(name)?.[1] ?? name;
}

function wholeOf(value: unknown, field: string, fallback: number): number {
  if (isBlank(value)) return fallback;
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n)) {
    throw new EngineError("invalid-type", field, `must be a whole number, got ${String(value)}`);
  }
  return n;
}

function levelOf(value: unknown): ConfidenceLevel {
  if (isBlank(value)) return "Medium";
  const word = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (word === "high") return "High";
  if (word === "medium") return "Medium";
  if (word === "low") return "Low";
  throw new EngineError(
    "unknown-option",
    "confidence",
    `must be "High", "Medium" or "Low", got ${String(value)}`,
  );
}

/**
 * The simulation: a header, then one row per FY of the MTFS row: planned, P10, P50, P90 (£) and the
 * probability of reaching the plan. The target, weekly cost and lead time are drawn from the confidence
 * spread (± High 10%, Medium 25%, Low 40%, triangular).
 *
 * @example
 * simulateCells(CFS_RANGE, 10000, 1, "Low")[4] // ["FY29/30", 1104079.71, …, …, …, 0.47]
 */
export function simulateCells(
  assumptions: unknown,
  iterations: unknown,
  seed: unknown,
  confidence: unknown,
): Grid {
  const { input, argumentOf } = profileInputFromCells(assumptions);
  const n = wholeOf(iterations, "iterations", 1000);
  // Below 1 is the engine's rule (simulate.ts); the cell cap is the worksheet's own.
  if (n > MAX_CELL_ITERATIONS) {
    throw new EngineError(
      "out-of-range",
      "iterations",
      `must be at most ${MAX_CELL_ITERATIONS.toLocaleString("en-GB")} in a worksheet cell (the CLI's simulate runs up to ${MAX_ITERATIONS.toLocaleString("en-GB")}), got ${n}`,
    );
  }
  const s = wholeOf(seed, "seed", 1);
  const level = levelOf(confidence);
  const run = renamed(argumentOf, () =>
    simulate([profileRiskModel("", input, [], level)], { iterations: n, seed: s }),
  );
  return [
    ["FY", "Planned (£)", "P10 (£)", "P50 (£)", "P90 (£)", "P(≥ plan)"],
    ...run.proposals[0].years.map((y) => [
      y.label,
      round(y.planned),
      round(y.p10),
      round(y.p50),
      round(y.p90),
      y.probability,
    ]),
  ];
}
