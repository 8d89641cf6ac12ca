import { Decimal, ZERO } from "./money";
import { decimalCalculator, type Calculator } from "./calculator";
import { fyShareCoveredOn } from "./costs";
import { dayNumber } from "./fiscalYear";
import { EngineError } from "./errors";
import { firstWholeFyFromDay, yearsBetweenDays } from "./runRate";
import { horizonFys, nonNegative, streamYearOn, type StreamPrices } from "./streamYears";
import type { StreamProfile } from "./stream";
import type { FyStartYear, Horizon } from "./types";
import { MEASURE_LABELS } from "./measureLabels";

/**
 * Income line items (Income Maximisation, seeds/004 Appendix B): each line is volume × (new fee − current
 * fee), or an annual amount (a traded service's net additional income, a lease surplus), from its go-live
 * date, pro rata by days in the FY it goes live (costs.ts's convention for ongoing lines).
 */

/** One income line. Money in £, price-base prices. */
export type IncomeItem =
  | {
      readonly kind: "volumeTimesFee";
      readonly label: string;
      /** Units charged a year ("Volume forecast"). */
      readonly volumePerYear: Decimal;
      /** Fee per unit from go-live ("New Fee"). */
      readonly feePerUnit: Decimal;
      /** Fee per unit before ("Fee for 26/27"); 0 for a new charge. */
      readonly currentFeePerUnit?: Decimal;
      /** ISO date the fee applies from ("Go-live date"). */
      readonly goLiveDate: string;
      /** Last day (inclusive) the income is earned; open-ended when absent. */
      readonly endDate?: string;
    }
  | {
      readonly kind: "amountPerYear";
      readonly label: string;
      /** Additional income a year ("Net additional income", "annual surplus"). */
      readonly amountPerYear: Decimal;
      readonly goLiveDate: string;
      readonly endDate?: string;
    };

/** An income stream. */
export interface IncomeInput extends StreamPrices {
  readonly id: string;
  readonly label: string;
  readonly items: readonly IncomeItem[];
  /** Default cashable: income the budget books. */
  readonly cashability?: StreamProfile["cashability"];
}

/**
 * Additional income a year of one line at full (price-base prices).
 *
 * @example
 * annualIncome({ kind: "volumeTimesFee", label: "Waste", volumePerYear: D(2432), feePerUnit: D(195),
 *   currentFeePerUnit: D(190), goLiveDate: "2026-04-01" }, "items[0]").toNumber() // 12160
 */
export function annualIncome(item: IncomeItem, field: string): Decimal {
  return annualIncomeOn(decimalCalculator, item, field);
}

/**
 * annualIncome on a number backend: volume × (new fee − current fee), or the amount a year.
 *
 * @example
 * annualIncomeOn(numberCalculator, wasteFees, "items[0]") // 12160
 */
export function annualIncomeOn<T>(calc: Calculator<T>, item: IncomeItem, field: string): T {
  const d = calc.fromDecimal;
  if (item.kind === "amountPerYear") return d(nonNegative(item.amountPerYear, `${field}.amountPerYear`));
  const fee = nonNegative(item.feePerUnit, `${field}.feePerUnit`);
  const current = nonNegative(item.currentFeePerUnit ?? ZERO, `${field}.currentFeePerUnit`);
  // On the backend's numbers (a Decimal comparison makes a Decimal on every simulated draw).
  if (calc.compare(d(fee), d(current)) < 0) {
    throw new EngineError("out-of-range", `${field}.feePerUnit`, "must not be below currentFeePerUnit");
  }
  const volume = nonNegative(item.volumePerYear, `${field}.volumePerYear`);
  return calc.multiply(d(volume), calc.subtract(d(fee), d(current)));
}

/**
 * Each FY's share covered by a line's dates, remembered per backend, FYs and dates: a drawn line is a new
 * record on every draw, its dates the same.
 */
function sharesCovered<T>(
  calc: Calculator<T>,
  fys: readonly FyStartYear[],
  from: string,
  to: string | undefined,
): readonly T[] {
  let byKey = coveredShares.get(calc) as Map<string, readonly T[]> | undefined;
  if (byKey === undefined) {
    byKey = new Map();
    coveredShares.set(calc, byKey);
  }
  const key = `${fys[0]}|${fys.length}|${from}|${to ?? ""}`;
  let shares = byKey.get(key);
  if (shares === undefined) {
    shares = fys.map((fy) => fyShareCoveredOn(calc, fy, from, to));
    if (byKey.size >= 4096) byKey.clear();
    byKey.set(key, shares);
  }
  return shares;
}

const coveredShares = new WeakMap<object, Map<string, readonly unknown[]>>();

/**
 * The stream's profile over the horizon.
 *
 * @example
 * incomeStream({ id: "i", label: "Appointeeship", items: [{ kind: "volumeTimesFee", label: "Fees",
 *   volumePerYear: D(30), feePerUnit: D(624), goLiveDate: "2026-10-01" }] }, horizon).years[0].gross.toNumber() // 18720 × 182/365
 */
export function incomeStream(input: IncomeInput, horizon: Horizon): StreamProfile {
  return incomeStreamOn(decimalCalculator, input, horizon);
}

/**
 * incomeStream on a number backend (simulation and sensitivity; calculator.ts).
 *
 * @example
 * incomeStreamOn(numberCalculator, appointeeship, horizon).years[0].gross // ≈ 18720 × 182/365
 */
export function incomeStreamOn<T>(
  calc: Calculator<T>,
  input: IncomeInput,
  horizon: Horizon,
): StreamProfile<T> {
  const { add, multiply: mul } = calc;
  const lines = input.items.map((item, i) => {
    const field = `items[${i}]`;
    const from = dayNumber(item.goLiveDate);
    if (item.endDate !== undefined && dayNumber(item.endDate) < from) {
      throw new EngineError("invalid-date", `${field}.endDate`, "must not be before goLiveDate");
    }
    return {
      item,
      amount: annualIncomeOn(calc, item, field),
      volume: item.kind === "volumeTimesFee" ? calc.fromDecimal(item.volumePerYear) : undefined,
    };
  });
  const fys = horizonFys(horizon);
  const shares = lines.map(({ item }) => sharesCovered(calc, fys, item.goLiveDate, item.endDate));
  const years = fys.map((fy, i) => {
    let income = calc.zero;
    let units = calc.zero;
    for (let k = 0; k < lines.length; k++) {
      const { amount, volume } = lines[k];
      const share = shares[k][i];
      income = add(income, mul(amount, share));
      if (volume !== undefined) units = add(units, mul(volume, share));
    }
    return streamYearOn(calc, fy, income, input, horizon.firstFy, [
      { key: "unitsCharged", label: MEASURE_LABELS.unitsCharged, unit: "units", value: units },
    ]);
  });
  const goLives = input.items.map((it) => dayNumber(it.goLiveDate));
  const changes = input.items.flatMap((it) => {
    const days = [dayNumber(it.goLiveDate)];
    if (it.endDate !== undefined) days.push(dayNumber(it.endDate) + 1);
    return days;
  });
  return {
    id: input.id,
    label: input.label,
    kind: "income",
    years,
    settledFy: Math.max(horizon.firstFy, ...changes.map(firstWholeFyFromDay)),
    // First go-live to the last go-live (end dates stop income; they are not part of reaching it).
    timeToFullImpactYears:
      goLives.length === 0
        ? calc.zero
        : calc.fromDecimal(yearsBetweenDays(Math.min(...goLives), Math.max(...goLives))),
    cashability: input.cashability ?? "cashable",
  };
}
