import { Decimal } from "./money";
import { measureLabel } from "./measureLabels";
import type { Variance } from "./variance";

/**
 * Warnings on tracking (issue 15): actuals to date far above the plan from very few periods are more often a
 * data-entry slip (a year typed into a month, £ in pence) or an early spike than a new run rate, yet the
 * forecast, reprofile and closure extrapolate them (a trial read £35.65m at full run rate against a £2.00m
 * target from two months). The rule: fewer than 3 periods of actuals and an actual to date more than 2× the
 * plan to date (or above a plan of nothing), or any number of periods and more than 10× the plan to date (a
 * trial's 1,000 avoided events in one month of four gave £1,947m). The figures are still given; the warning
 * travels with them.
 */

/** Fewer periods than this are "few". */
export const FEW_PERIODS = 3;
/** An actual to date above this multiple of the plan to date is "far above". */
export const FAR_ABOVE_PLAN = new Decimal(2);
/** From any number of periods, an actual to date above this multiple of the plan to date is warned of. */
export const WAY_ABOVE_PLAN = new Decimal(10);

/** A measure's actuals that the forecast, reprofile and closure extrapolate from very little. */
export interface TrackingWarning {
  /** The stream the measure is of; absent on a single-cohort proposal. */
  readonly stream?: string;
  readonly measure: string;
  readonly periods: number;
  /** actual ÷ plan to date; absent when the plan to date is 0 or less. */
  readonly timesPlan?: Decimal;
  /** The warning in words, for the CLI, the Dashboard and the functions' notes. */
  readonly message: string;
}

/**
 * The warning for one measure's actuals to date, if the rule above holds.
 *
 * @example
 * extrapolationWarning({ measure: "avoidedEvents", periods: ["2027-07", "2027-08"], actual: D(40), plan: D(2.25), … })
 * // { measure: "avoidedEvents", periods: 2, timesPlan: 17.78, message: "Avoided events: actual to date is 17.8× the plan from 2 periods …" }
 */
export function extrapolationWarning(
  m: Variance & { readonly measure: string; readonly periods: readonly string[]; readonly stream?: string },
): TrackingWarning | undefined {
  const n = m.periods.length;
  const few = n < FEW_PERIODS;
  const far = m.plan.gt(0)
    ? m.actual.gt(m.plan.times(few ? FAR_ABOVE_PLAN : WAY_ABOVE_PLAN))
    : few && m.actual.gt(0) && m.actual.gt(m.plan);
  if (!far) return undefined;
  // The measure in the sheets' words (measureLabels.ts), not its key.
  const what = `${m.stream === undefined ? "" : `Stream ${m.stream}, `}${measureLabel(m.measure)}`;
  const times = m.plan.gt(0) ? m.actual.div(m.plan) : undefined;
  const size = times === undefined ? "above a plan of nothing" : `${times.toFixed(1)}× the plan`;
  const span =
    n === 1 ? `1 period (${m.periods[0]})` : `${n} periods (${m.periods[0]} to ${m.periods[n - 1]})`;
  return {
    ...(m.stream === undefined ? {} : { stream: m.stream }),
    measure: m.measure,
    periods: n,
    ...(times === undefined ? {} : { timesPlan: times }),
    message: few
      ? `${what}: actual to date is ${size} from ${span}: the forecast, reprofile and closure extrapolate ` +
        `from very little; check the actuals before relying on them`
      : `${what}: actual to date is ${size} from ${span}: the forecast, reprofile and closure extrapolate ` +
        `it; check the actuals (a slip such as a year's figure typed into a month) before relying on them`,
  };
}

/**
 * The warnings of a set of measures (rule above), in order.
 *
 * @example
 * trackingWarnings(summary.measures).map((w) => w.message)
 */
export function trackingWarnings(
  measures: readonly (Variance & {
    readonly measure: string;
    readonly periods: readonly string[];
    readonly stream?: string;
  })[],
): TrackingWarning[] {
  return measures.flatMap((m) => {
    const w = extrapolationWarning(m);
    return w === undefined ? [] : [w];
  });
}
