import { Decimal, ZERO } from "./money";
import { computeProfile } from "./profile";
import {
  trackProposal,
  type MeasureActual,
  type MeasureTracking,
  type TrackingSummary,
} from "./trackingSummary";
import { trackAssumptions } from "./streamTracking";
import { computeAssumptions, type ProposalAssumptions } from "./assumptions";
import type { RagThresholds } from "./rag";
import { measureLabel } from "./measureLabels";
import { formatPercent } from "./present";
import type { FyStartYear, Profile, ProfileInput } from "./types";

/**
 * The closure view (issue 15; the closure report 001 para 23: "an expected total annualised financial benefit,
 * when at full run rate, of £10.7m … over and above the target annualised benefit of £8.7m at full run rate …
 * MTFS savings of £3.3m in FY 22/23 increasing to £12.2m by March 2026"). Per proposal: the target at full
 * run rate (the approved plan's); the expected at full run rate and the MTFS contribution by FY, both from one
 * forecast (forecast.ts, streamTracking.ts: actual to date + plan after; its full run rate the sustained rate,
 * sustainedRunRate), the MTFS row beside the plan's; the £ delivered to date (finance's saving actuals). With no
 * KPI actuals the expected figures are the plan's. A reprofile is a proposal to revise the plan, not the
 * expected outturn. The programme is the sum of its proposals.
 */

/** One FY of the MTFS contribution. Money in £. */
export interface ClosureYear {
  readonly fy: FyStartYear;
  readonly label: string;
  readonly plan: Decimal;
  /** The forecast's MTFS row (the plan's when no KPI actuals are recorded). */
  readonly expected: Decimal;
}

/** A closure row: one proposal, or the programme. Money in £. */
export interface Closure {
  readonly name: string;
  readonly targetFullRunRate: Decimal;
  readonly expectedFullRunRate: Decimal;
  /** expected − target: over (positive) or short of the target at full run rate. */
  readonly overTarget: Decimal;
  /** Σ £ saving actuals; 0 when none are recorded. */
  readonly deliveredToDate: Decimal;
  /** Whether the expected figures come from KPI actuals (false: the plan, nothing recorded yet). */
  readonly fromActuals: boolean;
  readonly years: readonly ClosureYear[];
  /** Why the expected figures may not hold (trackingWarnings.ts); absent when there are none. */
  readonly warnings?: readonly string[];
}

/**
 * A single-cohort proposal's closure row from its actuals (any measures; none is allowed).
 *
 * @example
 * proposalClosure("CFS Targeted Prevention", cfs, []).targetFullRunRate // £3.29m, as the plan
 */
export function proposalClosure(
  name: string,
  input: ProfileInput,
  actuals: readonly MeasureActual[],
  thresholds?: RagThresholds,
): Closure {
  if (actuals.length === 0) return planClosure(name, computeProfile(input), input.horizon.mtfsLastFy);
  const summary = trackProposal(input, actuals, thresholds);
  const plan = summary?.forecast?.plan ?? computeProfile(input);
  const expected = summary?.forecast?.forecast ?? plan;
  const delivered = summary?.measures.find((m) => m.measure === "saving")?.actual ?? ZERO;
  return closureRow(name, input.horizon.mtfsLastFy, {
    plan,
    expected,
    expectedFullRunRate: expected.fullRunRate.value,
    deliveredToDate: delivered,
    fromActuals: summary?.forecast !== undefined,
    warnings: closureWarnings(summary, expected.fullRunRate.value.minus(plan.fullRunRate.value)),
  });
}

/**
 * The closure row of a proposal of any streams: the target and the plan's MTFS row from its plan; expected
 * from the forecast (streamTracking.ts: each stream re-run on its actuals, summed), its full run rate the
 * forecast's; delivered the £ actuals summed over its streams. A single-cohort proposal with actuals on its one
 * stream gives proposalClosure's row.
 *
 * @example
 * assumptionsClosure("Income Maximisation", incomeMax, actuals).deliveredToDate // Σ saving actuals
 */
export function assumptionsClosure(
  name: string,
  a: ProposalAssumptions,
  actuals: readonly MeasureActual[],
  thresholds?: RagThresholds,
  summary: TrackingSummary | undefined = actuals.length === 0
    ? undefined
    : trackAssumptions(a, actuals, thresholds),
): Closure {
  const mtfsLast = a.horizon.mtfsLastFy;
  if (a.cohort !== undefined && summary?.streams === undefined)
    return proposalClosure(name, a.cohort, actuals, thresholds);
  const plan = summary?.forecast?.plan ?? computeAssumptions(a).profile;
  if (summary === undefined) return planClosure(name, plan, mtfsLast);
  const expected = summary.forecast?.forecast ?? plan;
  const delivered = actuals.filter((x) => x.measure === "saving").reduce((s, x) => s.plus(x.value), ZERO);
  return closureRow(name, mtfsLast, {
    plan,
    expected,
    expectedFullRunRate: expected.fullRunRate.value,
    deliveredToDate: delivered,
    fromActuals: summary.forecast !== undefined,
    warnings: closureWarnings(summary, expected.fullRunRate.value.minus(plan.fullRunRate.value)),
  });
}

/**
 * A closure row's warnings: tracking's own, and one per measure behind plan (Amber or Red) when the expected
 * full run rate is still at or above the target. £ and KPI actuals move only the periods they cover (actual to
 * date + plan after), so a stream well behind plan would otherwise close with no shortfall and no word of why.
 *
 * @example
 * closureWarnings(summary, ZERO) // ["Reablement hart, Saving (£): Red (34% of plan to date), yet …"]
 */
export function closureWarnings(summary: TrackingSummary, overTarget: Decimal): string[] {
  const own = summary.warnings?.map((w) => w.message) ?? [];
  if (overTarget.lt(0)) return own;
  const labelOf = (id: string | undefined) => summary.streams?.find((s) => s.id === id)?.label ?? id;
  // Events and caseload re-run the cohort (the forecast shows their shortfall); £ and KPI actuals do not.
  const rerun = (m: MeasureTracking) =>
    m.measure === "avoidedEvents" ||
    m.measure === "caseloadReduction" ||
    (summary.streams === undefined && summary.forecast !== undefined);
  const behind = summary.measures.filter(
    (m) => m.rag !== "Green" && m.percentOfPlan !== undefined && !rerun(m),
  );
  return [
    ...own,
    ...behind.map((m) => {
      const who = m.stream === undefined ? "" : `${labelOf(m.stream)}, `;
      return (
        `${who}${measureLabel(m.measure)}: ${m.rag} (${formatPercent(m.percentOfPlan as Decimal)} of plan to date), ` +
        "yet the expected full run rate is not below the target: actuals move only the periods they cover and the plan " +
        "is kept after them; a reprofile revises the run rate"
      );
    }),
  ];
}

/**
 * The closure row of a proposal with nothing tracked yet (or one tracking cannot read, such as a multi-stream
 * proposal): its plan, as target and as expected.
 *
 * @example
 * planClosure("Reablement", computeAssumptions(a).profile, a.horizon.mtfsLastFy).fromActuals // false
 */
export function planClosure(name: string, plan: Profile, mtfsLastFy: FyStartYear): Closure {
  return closureRow(name, mtfsLastFy, {
    plan,
    expected: plan,
    expectedFullRunRate: plan.fullRunRate.value,
    deliveredToDate: ZERO,
    fromActuals: false,
    warnings: [],
  });
}

/**
 * A proposal's closure row from its plan and expected profiles: the target is the plan's full run rate, the
 * MTFS years those to `mtfsLastFy`, plan beside expected.
 */
function closureRow(
  name: string,
  mtfsLastFy: FyStartYear,
  row: {
    readonly plan: Profile;
    readonly expected: Profile;
    readonly expectedFullRunRate: Decimal;
    readonly deliveredToDate: Decimal;
    readonly fromActuals: boolean;
    readonly warnings: readonly string[];
  },
): Closure {
  const { plan, expected, warnings } = row;
  const target = plan.fullRunRate.value;
  return {
    name,
    targetFullRunRate: target,
    expectedFullRunRate: row.expectedFullRunRate,
    overTarget: row.expectedFullRunRate.minus(target),
    deliveredToDate: row.deliveredToDate,
    fromActuals: row.fromActuals,
    years: plan.years
      .filter((y) => y.fy <= mtfsLastFy)
      .map((y, i) => ({
        fy: y.fy,
        label: y.label,
        plan: y.mtfsImpact,
        expected: expected.years[i].mtfsImpact,
      })),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/**
 * The programme's closure row: the sum of its proposals' rows, FY by FY (a FY a proposal does not reach adds 0).
 *
 * @example
 * programmeClosure("Programme", [a, b]).expectedFullRunRate // a.expected + b.expected
 */
export function programmeClosure(name: string, rows: readonly Closure[]): Closure {
  const sum = (pick: (c: Closure) => Decimal): Decimal => rows.reduce((s, c) => s.plus(pick(c)), ZERO);
  const fys = [...new Set(rows.flatMap((c) => c.years.map((y) => y.fy)))].sort((a, b) => a - b);
  const yearOf = (c: Closure, fy: number) => c.years.find((y) => y.fy === fy);
  return {
    name,
    targetFullRunRate: sum((c) => c.targetFullRunRate),
    expectedFullRunRate: sum((c) => c.expectedFullRunRate),
    overTarget: sum((c) => c.overTarget),
    deliveredToDate: sum((c) => c.deliveredToDate),
    fromActuals: rows.some((c) => c.fromActuals),
    ...(rows.some((c) => c.warnings)
      ? { warnings: rows.flatMap((c) => (c.warnings ?? []).map((w) => `${c.name}: ${w}`)) }
      : {}),
    years: fys.map((fy) => ({
      fy,
      label: rows.flatMap((c) => c.years).find((y) => y.fy === fy)?.label ?? String(fy),
      plan: sum((c) => yearOf(c, fy)?.plan ?? ZERO),
      expected: sum((c) => yearOf(c, fy)?.expected ?? ZERO),
    })),
  };
}
