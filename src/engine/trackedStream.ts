import { EngineError } from "./errors";
import { computeAssumptions, type ProposalAssumptions } from "./assumptions";
import { parsePeriod } from "./periodProfile";
import { outsideHorizon } from "./outsideHorizon";
import type { ProposalProfile, ProposalStreamLine } from "./proposalProfile";
import { MEASURE_LABELS } from "./measureLabels";

/**
 * Which stream an actual is of, and whether a proposal can be tracked on it (issue 15): the one rule the
 * engine's tracking, the workbook's import check and its keys, and reprofiling all read. A blank stream is the
 * proposal's only stream; "cohort" also names the only stream (the single-cohort form's id, as actuals
 * written before proposals had streams say).
 */

/** A stream an actual resolves to: its index in `assumptions.streams` and its id. */
export interface ResolvedStream {
  readonly index: number;
  readonly id: string;
}

/** A measure a stream is tracked on. */
export interface StreamMeasure {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** A level (compared in the last period with an actual) rather than a flow (summed). */
  readonly level: boolean;
}

/** Measures that are a level held (compared in the last period), not a flow summed over periods. */
export const LEVEL_MEASURES: ReadonlySet<string> = new Set([
  "caseloadReduction",
  "fteReduced",
  "peopleInNewProvision",
  "shareOfFullSaving",
  "reducedPackages",
  "packagesAvoided",
  "homecareHoursAvoided",
]);

const SAVING: StreamMeasure = { key: "saving", label: MEASURE_LABELS.saving, unit: "£", level: false };

/**
 * The measures a stream is tracked on: "saving" first, then the KPIs its kind reports.
 *
 * @example
 * streamMeasures(computeAssumptions(reunification).proposal.streams[0]).map((m) => m.key)
 * // ["saving", "avoidedEvents", "caseloadReduction"]
 */
export function streamMeasures(line: ProposalStreamLine): StreamMeasure[] {
  return [
    SAVING,
    ...(line.years[0]?.measures ?? []).map((m) => ({
      key: m.key,
      label: m.label,
      unit: m.unit,
      level: LEVEL_MEASURES.has(m.key),
    })),
  ];
}

/**
 * The stream a stream id names, or undefined when it names none: blank (or "cohort") on a one-stream proposal
 * is its stream; otherwise the stream with that id.
 *
 * @example
 * findStream(reunification, "")?.id // "reunification"
 * findStream(incomeMax, "")         // undefined (two streams: name one)
 */
export function findStream(
  a: Pick<ProposalAssumptions, "streams">,
  stream: string | undefined,
): ResolvedStream | undefined {
  const id = (stream ?? "").trim();
  const index = a.streams.findIndex((s) => s.id === id);
  if (index >= 0) return { index, id };
  if ((id === "" || id === "cohort") && a.streams.length === 1) return { index: 0, id: a.streams[0].id };
  return undefined;
}

/**
 * The stream an actual is of (findStream's rule), or an EngineError naming the streams the proposal has.
 * `name` names the proposal in the message (default "this proposal").
 *
 * @example
 * resolveStream(incomeMax, "rent") // throws stream: must be one of fees, traded, got "rent"
 */
export function resolveStream(
  a: Pick<ProposalAssumptions, "streams">,
  stream: string | undefined,
  name?: string,
): ResolvedStream {
  const found = findStream(a, stream);
  if (found !== undefined) return found;
  const ids = a.streams.map((s) => s.id).join(", ");
  const id = (stream ?? "").trim();
  if (id === "")
    throw new EngineError(
      "missing",
      "stream",
      `${name ?? "this proposal"} has ${a.streams.length} streams (${ids}): name one`,
    );
  throw new EngineError(
    "unknown-option",
    "stream",
    `must be one of ${ids}${name === undefined ? "" : ` for ${name}`}, got "${id}"`,
  );
}

/** What an actual says, as far as checking it goes. */
export interface ActualKey {
  readonly stream?: string;
  readonly measure: string;
  readonly period: string;
}

/**
 * A check of actuals against one proposal: each names one of its streams (resolveStream), a measure that
 * stream is tracked on and a period inside the horizon; it returns the stream, or throws an EngineError
 * (field stream, measure or period). The proposal's profile is computed once, when a measure is first checked.
 *
 * @example
 * const check = actualCheck(incomeMax);
 * check({ stream: "fees", period: "2026-Q3", measure: "saving" }).index // 0
 */
export function actualCheck(
  a: ProposalAssumptions,
  options: { readonly name?: string; readonly proposal?: ProposalProfile } = {},
): (actual: ActualKey) => ResolvedStream {
  let proposal = options.proposal;
  return (x) => {
    const s = resolveStream(a, x.stream, options.name);
    proposal ??= computeAssumptions(a).proposal;
    const measures = streamMeasures(proposal.streams[s.index]);
    const keys = measures.map((m) => m.key);
    if (!keys.includes(x.measure))
      throw new EngineError(
        "unknown-option",
        "measure",
        // In the words the sheets show, and the keys a CSV may give instead.
        `must be one of ${measures.map((m) => `"${m.label}"`).join(", ")} (or ${keys.join(", ")}) ` +
          `for stream ${s.id}, got "${x.measure}"`,
      );
    const { fy } = parsePeriod(x.period);
    if (fy < a.horizon.firstFy || fy > a.horizon.lastFy)
      throw outsideHorizon(x.period, a.horizon, options.name === undefined ? {} : { name: options.name });
    return s;
  };
}
