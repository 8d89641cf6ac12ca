import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { dayNumber } from "./fiscalYear";
import {
  averageShareInFy,
  linearRamp,
  scheduleSettledFy,
  schedulesTimeToFullYears,
  type ShareSchedule,
} from "./shareSchedule";
import { horizonFys, nonNegative, streamYear, type StreamPrices } from "./streamYears";
import type { StreamProfile } from "./stream";
import type { Horizon } from "./types";

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
  return linearRamp(r.fromDate, r.fullByDate ?? r.fromDate);
}

/**
 * The stream's profile over the horizon; measures the average FTE reduction in each FY.
 *
 * @example
 * staffingStream({ id: "s", label: "Spans of control", reductions: [{ kind: "fte", label: "Managers",
 *   fteReduction: D(10), costPerFte: D(50000), fromDate: "2027-04-01" }] }, horizon).years[1].gross.toNumber() // 500000
 */
export function staffingStream(input: StaffingInput, horizon: Horizon): StreamProfile {
  const lines = input.reductions.map((r, i) => {
    const f = `reductions[${i}]`;
    const fte = r.kind === "fte" ? nonNegative(r.fteReduction, `${f}.fteReduction`) : ZERO;
    const amount =
      r.kind === "fte"
        ? fte.times(nonNegative(r.costPerFte, `${f}.costPerFte`))
        : nonNegative(r.amountPerYear, `${f}.amountPerYear`);
    if (r.fullByDate !== undefined && dayNumber(r.fullByDate) < dayNumber(r.fromDate)) {
      throw new EngineError("invalid-date", `${f}.fullByDate`, "must not be before fromDate");
    }
    return { fte, amount, ramp: rampOf(r), field: `${f}.fromDate` };
  });
  const years = horizonFys(horizon).map((fy) => {
    let saving = ZERO;
    let fte = ZERO;
    for (const l of lines) {
      const share = averageShareInFy(l.ramp, fy, l.field);
      saving = saving.plus(l.amount.times(share));
      fte = fte.plus(l.fte.times(share));
    }
    return streamYear(fy, saving, input, horizon.firstFy, [
      { key: "fteReduced", label: "Average FTE reduction", unit: "FTE", value: fte },
    ]);
  });
  return {
    id: input.id,
    label: input.label,
    kind: "staffing",
    years,
    settledFy: Math.max(horizon.firstFy, ...lines.map((l) => scheduleSettledFy(l.ramp))),
    // First fromDate to the last fullByDate (or fromDate).
    timeToFullImpactYears: schedulesTimeToFullYears(lines.map((l) => l.ramp)),
    cashability: input.cashability ?? "cashable",
  };
}
