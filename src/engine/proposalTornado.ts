import { Decimal } from "./money";
import type { Proposal } from "./proposal";
import type { RiskEntry } from "./riskInputs";
import { proposalRiskModel, type RiskModel } from "./riskModel";
import { proposalSensitivity, type Sensitivity, type SensitivityOptions } from "./sensitivity";

/**
 * A proposal's tornado, the same wherever it is shown (proposal sheet, Risk sheet, wizard, CLI): its risk
 * model with the timeline lengths the proposal states in months moved in months, as the sheet and the form
 * show them (the parsed assumptions hold weeks, which a ±10% would move to other ends).
 */

/** Timeline lengths a proposal may state in months (the parsed assumptions hold them in weeks). */
export const TIMELINE_MONTHS = ["designMonths", "pilotMonths", "rolloutMonths", "leadMonths"] as const;

/**
 * Risk entries for the timeline lengths `stated` says are given in months, under `prefix`; a length that is
 * zero in the parsed `timeline` (weeks) is left out, as a zero input is (±10% of 0 does not move it).
 *
 * @example
 * timelineMonthsEntries(cfs.timeline, (k) => k === "leadMonths") // [{ path: "timeline.leadMonths" }]
 */
export function timelineMonthsEntries(
  timeline: unknown,
  stated: (key: (typeof TIMELINE_MONTHS)[number]) => boolean,
  prefix = "timeline.",
): RiskEntry[] {
  const weeks = (k: string): unknown =>
    isRecord(timeline) ? timeline[k.replace(/Months$/, "Weeks")] : undefined;
  return TIMELINE_MONTHS.filter((k) => {
    const w = weeks(k);
    return stated(k) && !(w instanceof Decimal && w.isZero());
  }).map((k) => ({ path: `${prefix}${k}` }));
}

const isRecord = (x: unknown): x is Readonly<Record<string, unknown>> => typeof x === "object" && x !== null;

/**
 * The risk model a proposal's tornado moves: its risk block, then each timeline length its JSON (`raw`, the
 * proposal as written) states in months and the risk block does not already name (in months or weeks).
 *
 * @example
 * proposalTornadoModel(parseProposal(cfsJson), cfsJson).entries.map((e) => e.path) // ["timeline.designMonths", …]
 */
export function proposalTornadoModel(proposal: Proposal, raw: unknown): RiskModel<unknown> {
  const model = proposalRiskModel(proposal);
  const named = new Set(
    model.entries.map((e) => e.path.replace(/^assumptions\./, "").replace(/Weeks$/, "Months")),
  );
  // `written` is the timeline as the JSON has it (months or weeks), `parsed` the engine's (weeks).
  const monthsOf = (written: unknown, parsed: unknown, prefix: string): RiskEntry[] =>
    timelineMonthsEntries(
      parsed,
      (k) => isRecord(written) && k in written && !named.has(`${prefix}${k}`),
      prefix,
    );
  const a = isRecord(raw) && isRecord(raw.assumptions) ? raw.assumptions : {};
  const { cohort, streams } = proposal.assumptions;
  const months =
    cohort !== undefined
      ? monthsOf(a.timeline, cohort.timeline, "timeline.")
      : Array.isArray(a.streams)
        ? a.streams.flatMap((s: unknown, i) => {
            const parsed = streams[i];
            return isRecord(s) && s.kind === "cohort" && parsed?.kind === "cohort"
              ? monthsOf(s.timeline, parsed.timeline, `streams[${i}].timeline.`)
              : [];
          })
        : [];
  return { ...model, entries: [...model.entries, ...months] };
}

/**
 * The tornado of a proposal's quantified opportunity (sensitivity.ts) over `proposalTornadoModel`; an input
 * the model refuses throws the engine's EngineError.
 *
 * @example
 * proposalTornado(parseProposal(cfsJson), cfsJson).rows[0].input // "unitCost.weeklyCost"
 */
export function proposalTornado(
  proposal: Proposal,
  raw: unknown,
  options: SensitivityOptions = {},
): Sensitivity {
  return proposalSensitivity(proposalTornadoModel(proposal, raw), options);
}
