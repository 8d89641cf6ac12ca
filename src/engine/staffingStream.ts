import type { Decimal } from "./money";
import { EngineError } from "./errors";
import { decimalCalculator, type Calculator } from "./calculator";
import { dayNumber } from "./fiscalYear";
import {
  averageSharesInFysOn,
  linearRamp,
  scheduleSettledFy,
  schedulesTimeToFullYears,
  type ShareSchedule,
} from "./shareSchedule";
import { horizonFys, nonNegative, streamYearOn, type StreamPrices } from "./streamYears";
import type { StreamProfile } from "./stream";
import type { Horizon } from "./types";
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

function rampOf(r: StaffingReduction): ShareSchedule {
  // One schedule per pair of dates, so a drawn reduction (a new record) keeps its checked ramp.
  const to = r.fullByDate ?? r.fromDate;
  const key = `${r.fromDate}|${to}`;
  let ramp = ramps.get(key);
  if (ramp === undefined) {
    ramp = linearRamp(r.fromDate, to);
    if (ramps.size >= 4096) ramps.clear();
    ramps.set(key, ramp);
  }
  return ramp;
}

const ramps = new Map<string, ShareSchedule>();

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
 * staffingStream on a number backend (simulation and sensitivity; calculator.ts).
 *
 * @example
 * staffingStreamOn(numberCalculator, managers, horizon).years[1].gross // 500000
 */
export function staffingStreamOn<T>(
  calc: Calculator<T>,
  input: StaffingInput,
  horizon: Horizon,
): StreamProfile<T> {
  const { add, multiply: mul } = calc;
  const d = calc.fromDecimal;
  const lines = input.reductions.map((r, i) => {
    const f = `reductions[${i}]`;
    const fte = r.kind === "fte" ? d(nonNegative(r.fteReduction, `${f}.fteReduction`)) : calc.zero;
    const amount =
      r.kind === "fte"
        ? mul(fte, d(nonNegative(r.costPerFte, `${f}.costPerFte`)))
        : d(nonNegative(r.amountPerYear, `${f}.amountPerYear`));
    if (r.fullByDate !== undefined && dayNumber(r.fullByDate) < dayNumber(r.fromDate)) {
      throw new EngineError("invalid-date", `${f}.fullByDate`, "must not be before fromDate");
    }
    return { fte, amount, ramp: rampOf(r), field: `${f}.fromDate` };
  });
  const fys = horizonFys(horizon);
  const shares = lines.map((l) => averageSharesInFysOn(calc, l.ramp, fys, l.field));
  const years = fys.map((fy, i) => {
    let saving = calc.zero;
    let fte = calc.zero;
    lines.forEach((l, k) => {
      const share = shares[k][i];
      saving = add(saving, mul(l.amount, share));
      fte = add(fte, mul(l.fte, share));
    });
    return streamYearOn(calc, fy, saving, input, horizon.firstFy, [
      { key: "fteReduced", label: MEASURE_LABELS.fteReduced, unit: "FTE", value: fte },
    ]);
  });
  return {
    id: input.id,
    label: input.label,
    kind: "staffing",
    years,
    settledFy: Math.max(horizon.firstFy, ...lines.map((l) => scheduleSettledFy(l.ramp))),
    // First fromDate to the last fullByDate (or fromDate).
    timeToFullImpactYears: calc.fromDecimal(schedulesTimeToFullYears(lines.map((l) => l.ramp))),
    cashability: input.cashability ?? "cashable",
  };
}
