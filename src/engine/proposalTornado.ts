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
 * Risk entries for the timeline lengths `stated` says are given in months, under `prefix`.
 *
 * @example
 * timelineMonthsEntries((k) => k === "leadMonths") // [{ path: "timeline.leadMonths" }]
 */
export function timelineMonthsEntries(
  stated: (key: (typeof TIMELINE_MONTHS)[number]) => boolean,
  prefix = "timeline.",
): RiskEntry[] {
  return TIMELINE_MONTHS.filter(stated).map((k) => ({ path: `${prefix}${k}` }));
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
  const monthsOf = (timeline: unknown, prefix: string): RiskEntry[] =>
    timelineMonthsEntries((k) => isRecord(timeline) && k in timeline && !named.has(`${prefix}${k}`), prefix);
  const a = isRecord(raw) && isRecord(raw.assumptions) ? raw.assumptions : {};
  const months =
    proposal.assumptions.cohort !== undefined
      ? monthsOf(a.timeline, "timeline.")
      : Array.isArray(a.streams)
        ? a.streams.flatMap((s: unknown, i) =>
            isRecord(s) && s.kind === "cohort" ? monthsOf(s.timeline, `streams[${i}].timeline.`) : [],
          )
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
