import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { computeAssumptions, type ProposalAssumptions, type StreamInput } from "./assumptions";
import { dayNumber, isoDate } from "./fiscalYear";
import { rateValue } from "./parse/read";
import { parsePeriod } from "./periodProfile";
import { outsideHorizon } from "./outsideHorizon";
import { streamPeriodPlans } from "./streamTracking";
import { extrapolationWarning } from "./trackingWarnings";
import { variance } from "./variance";
import type { PeriodActual } from "./forecast";
import {
  indicativeNote,
  proposedCandidate,
  squaredScale,
  type ReprofileCandidate,
  type ReprofileReading,
} from "./reprofile";
import type { Profile } from "./types";

/**
 * Reprofiling a stream that is not a cohort (issue 15): the kinds have no cohort timeline, so two readings of
 * its actuals of one measure are fitted by least squares over the actual periods: a **later start** (every
 * date of the stream's inputs moved by whole days, 0 to 1,096, every 14 days then day by day) and, on £ saving
 * actuals, a **target reached** (the stream's confidence weighting × a factor in closed form, up to a weighting
 * of 100%). The plan per period is streamTracking.ts's. The smaller error is proposed (a tie: the later start
 * of 0 days, no change). The approved assumptions are not changed.
 */

/** A proposed reprofile of one stream. */
export interface StreamReprofile {
  readonly stream: string;
  readonly measure: string;
  readonly reading: ReprofileReading;
  readonly squaredError: Decimal;
  readonly candidates: readonly ReprofileCandidate[];
  readonly approvedSquaredError: Decimal;
  readonly approved: Profile;
  readonly revised: Profile;
  /** The revised assumptions (a copy). */
  readonly assumptions: ProposalAssumptions;
  readonly warnings?: readonly string[];
  /** Number of actual periods fitted (RMS errors divide by it). */
  readonly periods: number;
  /** Fewer than FEW_PERIODS periods: indicative only. */
  readonly indicative?: true;
  /** Why it is indicative, in words (indicativeNote; also among `warnings`). */
  readonly indicativeNote?: string;
  /** Actuals at or ahead of the plan to date: no change proposed (a later start of 0 days), no candidates. */
  readonly aheadOfPlan?: true;
}

const MAX_SHIFT_DAYS = 1096;
const COARSE_DAYS = 14;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every ISO date inside a value (a stream's inputs, parsed or JSON) moved by `days`; the rest as it is. */
function shifted<T>(value: T, days: number): T {
  if (typeof value === "string")
    return (ISO_DATE.test(value) ? isoDate(dayNumber(value) + days) : value) as T;
  if (value === null || typeof value !== "object" || Decimal.isDecimal(value)) return value;
  if (Array.isArray(value)) return value.map((x: unknown) => shifted(x, days)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, shifted(x, days)])) as T;
}

function revisedStream(s: StreamInput, reading: ReprofileReading): StreamInput {
  switch (reading.kind) {
    case "laterStart":
      return shifted(s, reading.days);
    case "targetReached":
      return { ...s, confidenceWeighting: (s.confidenceWeighting ?? new Decimal(1)).times(reading.factor) };
    case "longerRamp":
      throw new EngineError("unknown-option", "reading", "a longer ramp is a cohort's reading");
  }
}

/**
 * The assumptions with stream `k` revised by a reading.
 *
 * @example
 * streamReprofiledAssumptions(a, 0, { kind: "laterStart", days: 30 }).streams[0] // its dates 30 days later
 */
export function streamReprofiledAssumptions(
  a: ProposalAssumptions,
  k: number,
  reading: ReprofileReading,
): ProposalAssumptions {
  return { ...a, streams: a.streams.map((s, i) => (i === k ? revisedStream(s, reading) : s)) };
}

/**
 * Proposes a reprofile of stream `k` from its actuals of `measure` ("saving" or one of its kind's KPIs).
 *
 * @example
 * reprofileStream(rfo, 0, [{ period: "2026-Q3", value: D(0) }], "saving").reading // { kind: "laterStart", days: … }
 */
export function reprofileStream(
  a: ProposalAssumptions,
  k: number,
  actuals: readonly PeriodActual[],
  measure: string,
): StreamReprofile {
  const s = a.streams[k];
  if (s === undefined) throw new EngineError("out-of-range", "stream", `no stream ${k}`);
  if (actuals.length === 0)
    throw new EngineError("missing", "actuals", `give at least one period of ${measure} to reprofile on`);
  const windows = actuals.map((x, i) => ({
    ...parsePeriod(x.period, `actuals[${i}].period`),
    value: x.value,
  }));
  const kindOf = (label: string) => (label.includes("Q") ? "quarter" : "month");
  const modelled = (x: ProposalAssumptions): Decimal[] => {
    const proposal = computeAssumptions(x).proposal;
    const plans = {
      month: streamPeriodPlans(x, "month", proposal)[k],
      quarter: streamPeriodPlans(x, "quarter", proposal)[k],
    };
    return windows.map((w) => {
      const row = plans[kindOf(w.label)].rows.find((r) => r.label === w.label);
      if (row === undefined) throw outsideHorizon(w.label, x.horizon);
      return measure === "saving" ? row.saving : (row.measures[measure] ?? ZERO);
    });
  };
  const error = (x: ProposalAssumptions): Decimal =>
    modelled(x).reduce((t, m, i) => t.plus(m.minus(windows[i].value).pow(2)), ZERO);
  const at = (reading: ReprofileReading): ReprofileCandidate => ({
    reading,
    squaredError: error(streamReprofiledAssumptions(a, k, reading)),
  });
  const planned = modelled(a);
  const toDate = variance(
    windows.reduce((t, w) => t.plus(w.value), ZERO),
    planned.reduce((t, p) => t.plus(p), ZERO),
  );
  const periods = windows.map((w) => w.label);
  const warning = extrapolationWarning({ stream: s.id, measure, periods, ...toDate });
  const ahead = toDate.variance.gte(0);
  const note = ahead
    ? undefined
    : indicativeNote(
        periods,
        measure === "saving" ? "a later start and a lower target" : "a later start and the plan",
      );
  const warnings = [
    ...(warning === undefined ? [] : [warning.message]),
    ...(note === undefined ? [] : [note]),
  ];
  const approvedSquaredError = error(a);
  const approved = computeAssumptions(a).profile;
  const common = {
    stream: s.id,
    measure,
    approvedSquaredError,
    approved,
    periods: windows.length,
    ...(note === undefined ? {} : { indicative: true as const, indicativeNote: note }),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
  // At or ahead of plan: a later start or a lower target only fall further behind the actuals.
  if (ahead)
    return {
      ...common,
      aheadOfPlan: true,
      reading: { kind: "laterStart", days: 0 },
      squaredError: approvedSquaredError,
      candidates: [],
      revised: approved,
      assumptions: a,
    };
  const best = (cs: readonly ReprofileCandidate[]): ReprofileCandidate =>
    cs.reduce((b, c) => (c.squaredError.lt(b.squaredError) ? c : b));
  const coarse = best(
    Array.from({ length: Math.floor(MAX_SHIFT_DAYS / COARSE_DAYS) + 1 }, (_, i) =>
      at({ kind: "laterStart", days: i * COARSE_DAYS }),
    ),
  );
  const from = coarse.reading.kind === "laterStart" ? coarse.reading.days : 0;
  const later = best(
    Array.from({ length: 2 * COARSE_DAYS + 1 }, (_, i) => from - COARSE_DAYS + i)
      .filter((d) => d >= 0)
      .map((days) => at({ kind: "laterStart", days })),
  );
  const candidates: ReprofileCandidate[] = [later];
  if (measure === "saving") {
    const pp = planned.reduce((t, p) => t.plus(p.pow(2)), ZERO);
    const ap = planned.reduce((t, p, i) => t.plus(p.times(windows[i].value)), ZERO);
    const w = s.confidenceWeighting ?? new Decimal(1);
    const cap = w.isZero() ? new Decimal(1) : new Decimal(1).div(w);
    const factor = pp.isZero()
      ? new Decimal(1)
      : Decimal.min(cap, Decimal.max(ZERO, ap.div(pp))).toDecimalPlaces(4);
    candidates.push(at({ kind: "targetReached", factor }));
  }
  const chosen = proposedCandidate(
    candidates,
    squaredScale(
      windows.map((w) => w.value),
      planned,
    ),
  );
  const revised = streamReprofiledAssumptions(a, k, chosen.reading);
  return {
    ...common,
    reading: chosen.reading,
    squaredError: chosen.squaredError,
    candidates,
    revised: computeAssumptions(revised).profile,
    assumptions: revised,
  };
}

/**
 * The revised assumptions JSON: stream `id` of the approved JSON with the reading applied (dates moved, or
 * its confidence weighting scaled). The input is not changed.
 *
 * @example
 * streamReprofiledJson(json, "rfo", { kind: "laterStart", days: 30 }).streams[0].reductions[0].fromDate
 */
export function streamReprofiledJson(
  assumptions: Readonly<Record<string, unknown>>,
  id: string,
  reading: ReprofileReading,
): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(assumptions)) as Record<string, unknown>;
  const streams = Array.isArray(copy.streams) ? (copy.streams as Record<string, unknown>[]) : [];
  const k = streams.findIndex((s) => s.id === id);
  if (k < 0) throw new EngineError("missing", "assumptions.streams", `no stream is called "${id}"`);
  if (reading.kind === "laterStart") streams[k] = shifted(streams[k], reading.days);
  else if (reading.kind === "targetReached") {
    const w =
      streams[k].confidenceWeighting === undefined
        ? new Decimal(1)
        : rateValue(streams[k].confidenceWeighting, `assumptions.streams[${k}].confidenceWeighting`);
    streams[k].confidenceWeighting = w.times(reading.factor).toDecimalPlaces(10).toNumber();
  } else throw new EngineError("unknown-option", "reading", "a longer ramp is a cohort's reading");
  return copy;
}
