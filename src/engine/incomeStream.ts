import { Decimal, ZERO } from "./money";
import { decimalCalculator, type Calculator } from "./calculator";
import { fyShareCoveredOn } from "./costs";
import { dayNumber } from "./fiscalYear";
import { EngineError } from "./errors";
import { firstWholeFyFromDay, yearsBetweenDays } from "./runRate";
import { itemField, nonNegative, fyPriceFactorsOn, streamYearAtOn, type StreamPrices } from "./streamYears";
import { NO_MEASURES, WHOLE_STREAM, type StreamNeeds, type StreamProfile, type StreamYear } from "./stream";
import { firstLikeFys, fyBoundsOn, planCache } from "./streamPlan";
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
  if (item.kind === "amountPerYear") return d(nonNegative(item.amountPerYear, field, "amountPerYear"));
  const fee = nonNegative(item.feePerUnit, field, "feePerUnit");
  const current = nonNegative(item.currentFeePerUnit ?? ZERO, field, "currentFeePerUnit");
  // On the backend's numbers (a Decimal comparison makes a Decimal on every simulated draw).
  if (calc.compare(d(fee), d(current)) < 0) {
    throw new EngineError("out-of-range", `${field}.feePerUnit`, "must not be below currentFeePerUnit");
  }
  const volume = nonNegative(item.volumePerYear, field, "volumePerYear");
  return calc.multiply(d(volume), calc.subtract(d(fee), d(current)));
}

/** What an income stream's dates give, on one backend: each line's FY shares, the settled FY, the time to full. */
interface IncomePlan<T> {
  readonly goLives: readonly string[];
  readonly ends: readonly (string | undefined)[];
  readonly fys: readonly FyStartYear[];
  /** Per line, its share of each FY covered by its dates (calc.array: a Float64Array on the number backend). */
  readonly shares: readonly ArrayLike<T>[];
  /** Per FY, the first FY with the same shares (firstLikeFys): its sums are read back, not worked out again. */
  readonly firstLike: readonly number[];
  readonly settledFy: FyStartYear;
  readonly timeToFull: T;
  /**
   * Per volume × fee line, the fee and current fee (the Decimals themselves) its checked fee rise was worked
   * out from, and that rise: a draw that writes neither (the same Decimals) reuses it, checks and all.
   */
  readonly fees: (Decimal | undefined)[];
  readonly currents: (Decimal | undefined)[];
  readonly rises: T[];
  /** Scratch for one call's line amounts and volumes, overwritten by each (a call runs to its end first). */
  readonly amounts: Scratch<T>;
  readonly volumes: Scratch<T>;
}

/** A writable run of backend values (calc.array's: a Float64Array on the number backend, so no boxing). */
type Scratch<T> = { [k: number]: T; readonly length: number };

const plans = planCache<IncomePlan<unknown>>();

/** True when a plan was made from these lines' dates (the same strings on every simulated draw). */
function fitsDates(plan: IncomePlan<unknown>, items: readonly IncomeItem[]): boolean {
  if (plan.goLives.length !== items.length) return false;
  for (let k = 0; k < items.length; k++) {
    if (items[k].goLiveDate !== plan.goLives[k] || items[k].endDate !== plan.ends[k]) return false;
  }
  return true;
}

/** The plan of lines whose dates and amounts are checked. */
function incomePlanOn<T>(calc: Calculator<T>, items: readonly IncomeItem[], horizon: Horizon): IncomePlan<T> {
  const { fys } = fyBoundsOn(calc, horizon);
  let settledFy = horizon.firstFy;
  let firstGoLive = Infinity;
  let lastGoLive = -Infinity;
  for (const it of items) {
    const from = dayNumber(it.goLiveDate);
    settledFy = Math.max(settledFy, firstWholeFyFromDay(from));
    if (it.endDate !== undefined)
      settledFy = Math.max(settledFy, firstWholeFyFromDay(dayNumber(it.endDate) + 1));
    firstGoLive = Math.min(firstGoLive, from);
    lastGoLive = Math.max(lastGoLive, from);
  }
  const d = calc.fromDecimal;
  const shares = items.map((it) =>
    calc.array(fys.map((fy) => fyShareCoveredOn(calc, fy, it.goLiveDate, it.endDate))),
  );
  const fees = items.map((it) => (it.kind === "volumeTimesFee" ? it.feePerUnit : undefined));
  const currents = items.map((it) => (it.kind === "volumeTimesFee" ? it.currentFeePerUnit : undefined));
  return {
    goLives: items.map((it) => it.goLiveDate),
    ends: items.map((it) => it.endDate),
    fys,
    shares,
    firstLike: firstLikeFys(calc, shares, fys.length),
    settledFy,
    // First go-live to the last go-live (end dates stop income; they are not part of reaching it).
    timeToFull: items.length === 0 ? calc.zero : calc.fromDecimal(yearsBetweenDays(firstGoLive, lastGoLive)),
    fees,
    currents,
    // The lines were checked before the plan is made, so each rise is annualIncomeOn's.
    rises: items.map((it) =>
      it.kind === "volumeTimesFee"
        ? calc.subtract(d(it.feePerUnit), d(it.currentFeePerUnit ?? ZERO))
        : calc.zero,
    ),
    amounts: scratchOn(calc, items.length),
    volumes: scratchOn(calc, items.length),
  };
}

/** n zeros the caller may overwrite, as the backend keeps a run of values. */
function scratchOn<T>(calc: Calculator<T>, n: number): Scratch<T> {
  const zeros: T[] = [];
  for (let k = 0; k < n; k++) zeros.push(calc.zero);
  // calc.array copies into a fresh Float64Array (number) or returns this fresh array (Decimal): ours to write.
  return calc.array(zeros) as Scratch<T>;
}

/**
 * One line's amount a year on the backend, from the plan's checked fee rise when the draw kept its fees;
 * otherwise as annualIncomeOn (same checks, same figures).
 */
function lineAmountOn<T>(
  calc: Calculator<T>,
  item: IncomeItem,
  k: number,
  plan: IncomePlan<T> | undefined,
  field: string,
): T {
  if (
    plan === undefined ||
    item.kind !== "volumeTimesFee" ||
    item.feePerUnit !== plan.fees[k] ||
    item.currentFeePerUnit !== plan.currents[k]
  ) {
    return annualIncomeOn(calc, item, field);
  }
  const volume = nonNegative(item.volumePerYear, field, "volumePerYear");
  return calc.multiply(calc.fromDecimal(volume), plan.rises[k]);
}

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
 * incomeStream on a number backend (simulation and sensitivity; calculator.ts); `needs` says what besides the
 * £ is worked out (stream.ts).
 *
 * @example
 * incomeStreamOn(numberCalculator, appointeeship, horizon).years[0].gross // ≈ 18720 × 182/365
 */
export function incomeStreamOn<T>(
  calc: Calculator<T>,
  input: IncomeInput,
  horizon: Horizon,
  needs: StreamNeeds = WHOLE_STREAM,
): StreamProfile<T> {
  const { add, multiply: mul } = calc;
  const items = input.items;
  // Dates are checked when a plan is made; a plan is only used for the same dates.
  const known = plans.find(calc, horizon, input.id, items, fitsDates) as IncomePlan<T> | undefined;
  const n = items.length;
  const measured = needs.measures;
  // A new plan's scratch is only made after the lines are checked, so a first call fills its own.
  const amounts = known?.amounts ?? scratchOn(calc, n);
  const volumes = known?.volumes ?? scratchOn(calc, n);
  for (let k = 0; k < n; k++) {
    const item = items[k];
    const field = itemField("items", k);
    if (known === undefined) {
      const from = dayNumber(item.goLiveDate);
      if (item.endDate !== undefined && dayNumber(item.endDate) < from) {
        throw new EngineError("invalid-date", `${field}.endDate`, "must not be before goLiveDate");
      }
    }
    amounts[k] = lineAmountOn(calc, item, k, known, field);
    // Volumes only count units charged (a measure); an amount line's is never read (the years below skip it).
    if (measured) {
      volumes[k] = item.kind === "volumeTimesFee" ? calc.fromDecimal(item.volumePerYear) : calc.zero;
    }
  }
  const plan =
    known ?? (plans.keep(calc, horizon, input.id, incomePlanOn(calc, items, horizon)) as IncomePlan<T>);
  const { fys, shares, firstLike } = plan;
  const years: StreamYear<T>[] = [];
  // Each FY's price factor, worked out once (the rate is checked here, before the first FY's figures).
  const factors = fyPriceFactorsOn(calc, input, horizon.firstFy, fys);
  for (let i = 0; i < fys.length; i++) {
    let income = calc.zero;
    let units = calc.zero;
    const like = firstLike[i];
    if (like < i) {
      // The same sums as that FY's, at price-base prices (each FY is inflated its own way).
      income = years[like].grossAtPriceBase;
      if (measured) units = years[like].measures[0].value;
    } else {
      for (let k = 0; k < n; k++) {
        const share = shares[k][i];
        income = add(income, mul(amounts[k], share));
        if (measured && items[k].kind === "volumeTimesFee") units = add(units, mul(volumes[k], share));
      }
    }
    years.push(
      streamYearAtOn(
        calc,
        fys[i],
        income,
        factors?.[i],
        measured
          ? [{ key: "unitsCharged", label: MEASURE_LABELS.unitsCharged, unit: "units", value: units }]
          : NO_MEASURES,
      ),
    );
  }
  return {
    id: input.id,
    label: input.label,
    kind: "income",
    years,
    settledFy: needs.settled ? plan.settledFy : horizon.firstFy,
    timeToFullImpactYears: needs.settled ? plan.timeToFull : undefined,
    cashability: input.cashability ?? "cashable",
  };
}
