import type { Decimal } from "./money";
import { EngineError } from "./errors";
import { decimalCalculator, type Calculator } from "./calculator";
import { dayNumber } from "./fiscalYear";
import {
  averageSharesInFysOn,
  linearRamp,
  scheduleSettledFy,
  schedulesTimeToFullYears,
} from "./shareSchedule";
import { itemField, nonNegative, fyPriceFactorsOn, streamYearAtOn, type StreamPrices } from "./streamYears";
import { NO_MEASURES, WHOLE_STREAM, type StreamNeeds, type StreamProfile, type StreamYear } from "./stream";
import type { FyStartYear, Horizon } from "./types";
import { firstLikeFys, fyBoundsOn, planCache } from "./streamPlan";
import { MEASURE_LABELS } from "./measureLabels";

/**
 * Staffing and organisation (Resident Focused Organisation, seeds/004 Appendix B): FTE or £ reductions,
 * each phased by date. A reduction is in full from `fromDate`, or builds linearly from `fromDate` to
 * `fullByDate` (e.g. managed through natural turnover). £ are a year, in price-base prices; a pay award
 * goes in `inflationPerYear`.
 */

/** One reduction. */
export type StaffingReduction =
  | {
      readonly kind: "fte";
      readonly label: string;
      /** Posts removed (FTE). */
      readonly fteReduction: Decimal;
      /** Cost of one FTE a year, £ (salary and on-costs). */
      readonly costPerFte: Decimal;
      readonly fromDate: string;
      readonly fullByDate?: string;
    }
  | {
      readonly kind: "amount";
      readonly label: string;
      /** Reduction in staffing spend a year, £. */
      readonly amountPerYear: Decimal;
      readonly fromDate: string;
      readonly fullByDate?: string;
    };

/** A staffing stream. */
export interface StaffingInput extends StreamPrices {
  readonly id: string;
  readonly label: string;
  readonly reductions: readonly StaffingReduction[];
  /** Default cashable: posts leave the budget. */
  readonly cashability?: StreamProfile["cashability"];
}

/** What a stream's dates give on one backend: each reduction's ramp and FY shares, the settled FY, the time to full. */
interface StaffingPlan<T> {
  readonly froms: readonly string[];
  readonly fullBys: readonly (string | undefined)[];
  readonly fys: readonly FyStartYear[];
  /** Per reduction, its FY shares (calc.array: a Float64Array on the number backend). */
  readonly shares: readonly ArrayLike<T>[];
  /** Per FY, the first FY with the same shares (firstLikeFys): its sums are read back, not worked out again. */
  readonly firstLike: readonly number[];
  readonly settledFy: FyStartYear;
  readonly timeToFull: T;
}

const plans = planCache<StaffingPlan<unknown>>();

/** True when a plan was made from these reductions' dates (the same strings on every simulated draw). */
function fitsDates(plan: StaffingPlan<unknown>, reductions: readonly StaffingReduction[]): boolean {
  if (plan.froms.length !== reductions.length) return false;
  for (let k = 0; k < reductions.length; k++) {
    if (reductions[k].fromDate !== plan.froms[k] || reductions[k].fullByDate !== plan.fullBys[k])
      return false;
  }
  return true;
}

/** The plan of reductions whose dates are checked. */
function staffingPlanOn<T>(
  calc: Calculator<T>,
  reductions: readonly StaffingReduction[],
  horizon: Horizon,
): StaffingPlan<T> {
  const { fys } = fyBoundsOn(calc, horizon);
  const ramps = reductions.map((r) => linearRamp(r.fromDate, r.fullByDate ?? r.fromDate));
  const shares = ramps.map((ramp, i) =>
    calc.array(averageSharesInFysOn(calc, ramp, fys, `reductions[${i}].fromDate`)),
  );
  return {
    froms: reductions.map((r) => r.fromDate),
    fullBys: reductions.map((r) => r.fullByDate),
    fys,
    shares,
    firstLike: firstLikeFys(calc, shares, fys.length),
    settledFy: Math.max(horizon.firstFy, ...ramps.map((ramp) => scheduleSettledFy(ramp))),
    // First fromDate to the last fullByDate (or fromDate).
    timeToFull: calc.fromDecimal(schedulesTimeToFullYears(ramps)),
  };
}

/**
 * The stream's profile over the horizon; measures the average FTE reduction in each FY.
 *
 * @example
 * staffingStream({ id: "s", label: "Spans of control", reductions: [{ kind: "fte", label: "Managers",
 *   fteReduction: D(10), costPerFte: D(50000), fromDate: "2027-04-01" }] }, horizon).years[1].gross.toNumber() // 500000
 */
export function staffingStream(input: StaffingInput, horizon: Horizon): StreamProfile {
  return staffingStreamOn(decimalCalculator, input, horizon);
}

/**
 * staffingStream on a number backend (simulation and sensitivity; calculator.ts); `needs` says what besides
 * the £ is worked out (stream.ts).
 *
 * @example
 * staffingStreamOn(numberCalculator, managers, horizon).years[1].gross // 500000
 */
export function staffingStreamOn<T>(
  calc: Calculator<T>,
  input: StaffingInput,
  horizon: Horizon,
  needs: StreamNeeds = WHOLE_STREAM,
): StreamProfile<T> {
  const { add, multiply: mul } = calc;
  const d = calc.fromDecimal;
  const reductions = input.reductions;
  // Dates are checked when a plan is made; a plan is only used for the same dates.
  const known = plans.find(calc, horizon, input.id, reductions, fitsDates) as StaffingPlan<T> | undefined;
  const measured = needs.measures;
  // FTE only count the FTE reduced (a measure).
  const ftes: T[] = [];
  const amounts: T[] = [];
  for (let i = 0; i < reductions.length; i++) {
    const r = reductions[i];
    const f = itemField("reductions", i);
    const fte = r.kind === "fte" ? d(nonNegative(r.fteReduction, f, "fteReduction")) : calc.zero;
    amounts.push(
      r.kind === "fte"
        ? mul(fte, d(nonNegative(r.costPerFte, f, "costPerFte")))
        : d(nonNegative(r.amountPerYear, f, "amountPerYear")),
    );
    if (measured) ftes.push(fte);
    if (
      known === undefined &&
      r.fullByDate !== undefined &&
      dayNumber(r.fullByDate) < dayNumber(r.fromDate)
    ) {
      throw new EngineError("invalid-date", `${f}.fullByDate`, "must not be before fromDate");
    }
  }
  const plan =
    known ??
    (plans.keep(calc, horizon, input.id, staffingPlanOn(calc, reductions, horizon)) as StaffingPlan<T>);
  const { fys, shares, firstLike } = plan;
  const years: StreamYear<T>[] = [];
  // Each FY's price factor, worked out once (the rate is checked here, before the first FY's figures).
  const factors = fyPriceFactorsOn(calc, input, horizon.firstFy, fys);
  for (let i = 0; i < fys.length; i++) {
    let saving = calc.zero;
    let fte = calc.zero;
    const like = firstLike[i];
    if (like < i) {
      // That FY's sums at price-base prices (each FY is inflated its own way).
      saving = years[like].grossAtPriceBase;
      if (measured) fte = years[like].measures[0].value;
    } else {
      for (let k = 0; k < amounts.length; k++) {
        const share = shares[k][i];
        saving = add(saving, mul(amounts[k], share));
        if (measured) fte = add(fte, mul(ftes[k], share));
      }
    }
    years.push(
      streamYearAtOn(
        calc,
        fys[i],
        saving,
        factors?.[i],
        measured
          ? [{ key: "fteReduced", label: MEASURE_LABELS.fteReduced, unit: "FTE", value: fte }]
          : NO_MEASURES,
      ),
    );
  }
  return {
    id: input.id,
    label: input.label,
    kind: "staffing",
    years,
    settledFy: needs.settled ? plan.settledFy : horizon.firstFy,
    timeToFullImpactYears: needs.settled ? plan.timeToFull : undefined,
    cashability: input.cashability ?? "cashable",
  };
}
