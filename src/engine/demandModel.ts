import { maxOf, minOf, type Calculator } from "./calculator";
import { fyLabel } from "./fiscalYear";
import type { FyStartYear } from "./types";
import type { Decimal } from "./money";

/**
 * A demand model: a stock (children in care) with entries and exits per financial year, a do-nothing
 * projection from trends, spend = stock × unit cost against a budget line, and two levers (fewer entries, more
 * exits) phased in by year. Written once over a Calculator, so the same model runs on Decimal (reported
 * figures) and on float64 (cross-check). Conventions are in docs/engine.md "Demand model".
 */

/** How the exit lever applies. */
export type ExitBasis =
  /** Extra exits = change × the exits the entries lever alone would leave (the national report's reading). */
  | "trend"
  /** The exit rate itself rises by the change, applied to the stock with impact. */
  | "stock";

/** Which stock a year's spend is paid on. */
export type SpendBasis = "averageStock" | "closingStock";

/** How the avoided spend is labelled. */
export type BenefitBasis =
  /** Cashable only where spend with impact falls below the budget; the rest is cost avoidance. */
  "split" | "costAvoidance" | "cashable";

/** From `year` on (until the next step) the lever delivers `share` of its full change (0..1). */
export interface PhaseStep {
  readonly year: FyStartYear;
  readonly share: Decimal;
}

/** The two levers and their phasing. Changes are signed fractions: −0.145 = 14.5% fewer entries. */
export interface DemandLevers {
  readonly entriesChange: Decimal;
  readonly exitRateChange: Decimal;
  /** Years the exit lever's phasing lags the entries lever's. */
  readonly exitLagYears: number;
  readonly exitBasis: ExitBasis;
  /** Steps sorted by year; before the first step a lever delivers nothing. */
  readonly phasing: readonly PhaseStep[];
}

/** A parsed demand model (schema/demand.schema.json), already scaled to its target population. */
export interface DemandModel {
  readonly name: string;
  /** The year the stated stock, spend and budget belong to (2024 = 2024/25). */
  readonly baseYear: FyStartYear;
  /** Last projected year (inclusive). */
  readonly endYear: FyStartYear;
  /** Cumulative overspend, benefit and break-even count from this year (default baseYear + 1). */
  readonly reportFrom: FyStartYear;
  /** Stock at the end of the base year. */
  readonly stock: Decimal;
  /** Entries in the base year; the do-nothing grows them by `entriesGrowth` a year. */
  readonly entries: Decimal;
  readonly entriesGrowth: Decimal;
  /** Share of the opening stock that exits in a year (0..1). */
  readonly exitRate: Decimal;
  /** Stated do-nothing entries for given years; the trend grows on from each stated year. */
  readonly entriesByYear: ReadonlyMap<FyStartYear, Decimal>;
  /** Exit rates from given years on (until the next), replacing `exitRate`. */
  readonly exitRateByYear: ReadonlyMap<FyStartYear, Decimal>;
  /** Cost per child per year in the base year; grows by `unitCostInflation` a year. */
  readonly unitCost: Decimal;
  readonly unitCostInflation: Decimal;
  readonly budget: Decimal;
  readonly budgetGrowth: Decimal;
  readonly spendBasis: SpendBasis;
  readonly benefitBasis: BenefitBasis;
  readonly levers: DemandLevers;
  /** targetPopulation / population, already applied to stock, entries and budget (1 when not scaled). */
  readonly scale: Decimal;
  /**
   * Steps a year: 1 (yearly) or 12 (monthly: a month's entries are the year's ÷ 12, its exits the exit rate
   * ÷ 12 × the month's opening stock, its spend on the month's stock × unit cost ÷ 12). Default 1.
   */
  readonly stepsPerYear?: 1 | 12;
}

/** One step (a month, when the model runs by month) of both lines. */
export interface DemandStep<T> {
  readonly year: FyStartYear;
  /** 1 = April … 12 = March. */
  readonly month: number;
  readonly doNothing: DemandLine<T>;
  readonly withImpact: DemandLine<T>;
}

/** One year of one line (do-nothing or with impact). */
export interface DemandLine<T> {
  readonly stock: T;
  readonly entries: T;
  readonly exits: T;
  readonly spend: T;
  /** spend − budget (negative: under budget). */
  readonly overspend: T;
}

/** One projected year. */
export interface DemandYear<T> {
  readonly year: FyStartYear;
  readonly label: string;
  /** True for the base year row (stated figures, not projected; never counted in cumulative figures). */
  readonly base: boolean;
  readonly unitCost: T;
  readonly budget: T;
  readonly doNothing: DemandLine<T>;
  readonly withImpact: DemandLine<T>;
  /** Share of the entries and exit levers delivered this year. */
  readonly entriesShare: T;
  readonly exitsShare: T;
  /** doNothing.spend − withImpact.spend. */
  readonly benefit: T;
  readonly cashable: T;
  readonly costAvoidance: T;
  /** Running sums from reportFrom (zero before it). */
  readonly cumulativeOverspendDoNothing: T;
  readonly cumulativeOverspendWithImpact: T;
  readonly cumulativeBenefit: T;
}

/** The whole projection and its headline figures. */
export interface DemandProjection<T> {
  readonly years: readonly DemandYear<T>[];
  /** First year from reportFrom in which spend with impact is within budget; undefined if none. */
  readonly breakEvenYear?: FyStartYear;
  /** Overspend with impact from reportFrom up to (not including) the break-even year, or to the end. */
  readonly overspendToBreakEven: T;
  readonly cumulativeOverspendDoNothing: T;
  readonly cumulativeOverspendWithImpact: T;
  readonly cumulativeBenefit: T;
  readonly cumulativeCashable: T;
  readonly cumulativeCostAvoidance: T;
  /** The months of a model run by month (stepsPerYear 12), in order; absent for a yearly model. */
  readonly months?: readonly DemandStep<T>[];
}

/**
 * Share of a lever delivered in `year`: the last step at or before it; undefined (nothing) before the first.
 *
 * @example
 * phaseShare([{ year: 2028, share: new Decimal(0.5) }, { year: 2029, share: new Decimal(1) }], 2030)?.toNumber() // 1
 * phaseShare([{ year: 2028, share: new Decimal(0.5) }], 2027) // undefined
 */
export function phaseShare(phasing: readonly PhaseStep[], year: FyStartYear): Decimal | undefined {
  let share: Decimal | undefined;
  for (const step of phasing) if (step.year <= year) share = step.share;
  return share;
}

/**
 * A copy of the model with both levers scaled (0.5 = the report's half-impact scenario).
 *
 * @example
 * withLeverScale(model, new Decimal(0.5)).levers.entriesChange.toNumber() // -0.0725
 */
export function withLeverScale(model: DemandModel, factor: Decimal): DemandModel {
  return {
    ...model,
    levers: {
      ...model.levers,
      entriesChange: model.levers.entriesChange.times(factor),
      exitRateChange: model.levers.exitRateChange.times(factor),
    },
  };
}

/**
 * Projects the model year by year on the given calculator. Each year: do-nothing entries grow by their trend
 * (with impact: × (1 + entriesChange × share)); exits = exitRate × opening stock (with impact: per
 * `exitBasis`), never more than the opening stock, so no stock goes negative; spend = stock
 * (average of opening and closing, or closing) × unit cost; budget grows by its own rate. The first row is
 * the base year as stated (its exits estimated as exitRate × stock).
 *
 * @example
 * const p = projectDemand(model, decimalCalculator);
 * p.years[p.years.length - 1].doNothing.spend // Decimal
 * p.breakEvenYear // 2033
 */
export function projectDemand<T>(model: DemandModel, calc: Calculator<T>): DemandProjection<T> {
  const c = calc;
  const d = (x: Decimal): T => c.fromDecimal(x);
  const half = c.fromNumber(0.5);
  let exitRate = d(model.exitRate);
  const growth = (rate: Decimal): T => c.add(c.one, d(rate));
  const entriesGrowth = growth(model.entriesGrowth);
  const costGrowth = growth(model.unitCostInflation);
  const budgetGrowth = growth(model.budgetGrowth);
  const lv = model.levers;
  const entriesChange = d(lv.entriesChange);
  const exitChange = d(lv.exitRateChange);

  let unitCost = d(model.unitCost);
  let budget = d(model.budget);
  let trendEntries = d(model.entries);
  const stock0 = d(model.stock);
  const baseExits = c.multiply(exitRate, stock0);
  const baseSpend = c.multiply(stock0, unitCost);
  const baseLine: DemandLine<T> = {
    stock: stock0,
    entries: trendEntries,
    exits: baseExits,
    spend: baseSpend,
    overspend: c.subtract(baseSpend, budget),
  };
  const years: DemandYear<T>[] = [
    {
      year: model.baseYear,
      label: fyLabel(model.baseYear),
      base: true,
      unitCost,
      budget,
      doNothing: baseLine,
      withImpact: baseLine,
      entriesShare: c.zero,
      exitsShare: c.zero,
      benefit: c.zero,
      cashable: c.zero,
      costAvoidance: c.zero,
      cumulativeOverspendDoNothing: c.zero,
      cumulativeOverspendWithImpact: c.zero,
      cumulativeBenefit: c.zero,
    },
  ];

  let dnStock = stock0;
  let wiStock = stock0;
  // The entries lever alone: the "likely trend" the report's exit lever is measured against.
  let entriesOnlyStock = stock0;
  let cumDn = c.zero;
  let cumWi = c.zero;
  let cumBenefit = c.zero;
  let cumCashable = c.zero;
  let cumAvoided = c.zero;
  let breakEvenYear: FyStartYear | undefined;
  let toBreakEven = c.zero;

  const shareIn = (year: FyStartYear): T => {
    const share = phaseShare(lv.phasing, year);
    return share === undefined ? c.zero : d(share);
  };
  const spendOn = (opening: T, closing: T): T =>
    model.spendBasis === "closingStock"
      ? c.multiply(closing, unitCost)
      : c.multiply(c.multiply(c.add(opening, closing), half), unitCost);
  // At most the whole opening stock leaves: a lever pushing the rate past 100% empties the stock, and a
  // smaller opening stock never ends the year with more children (so half levers stay between).
  const capExits = (exits: T, opening: T): T => maxOf(c, c.zero, minOf(c, exits, opening));
  const stepCount = model.stepsPerYear ?? 1;
  const steps = c.fromNumber(stepCount);
  const months: DemandStep<T>[] | undefined = stepCount === 1 ? undefined : [];

  for (let year = model.baseYear + 1; year <= model.endYear; year++) {
    const statedEntries = model.entriesByYear.get(year);
    trendEntries = statedEntries === undefined ? c.multiply(trendEntries, entriesGrowth) : d(statedEntries);
    const statedRate = model.exitRateByYear.get(year);
    if (statedRate !== undefined) exitRate = d(statedRate);
    unitCost = c.multiply(unitCost, costGrowth);
    budget = c.multiply(budget, budgetGrowth);
    const entriesShare = shareIn(year);
    const exitsShare = shareIn(year - lv.exitLagYears);

    // The year in `steps` steps (1, or 12 months): entries and the exit rate spread evenly over them.
    let dnExits = c.zero;
    let wiExits = c.zero;
    let wiEntries = c.zero;
    let dnSpend = c.zero;
    let wiSpend = c.zero;
    // A scaled lever (leverScale up to 10) can ask for more than every entry: entries stop at none.
    const wiYearEntries = maxOf(
      c,
      c.zero,
      c.multiply(trendEntries, c.add(c.one, c.multiply(entriesChange, entriesShare))),
    );
    const stepEntries = c.divide(trendEntries, steps);
    const stepWiEntries = c.divide(wiYearEntries, steps);
    const stepRate = c.divide(exitRate, steps);
    const exitFactor = c.add(c.one, c.multiply(exitChange, exitsShare));
    for (let m = 1; m <= stepCount; m++) {
      const dnFrom = dnStock;
      const dnOut = capExits(c.multiply(stepRate, dnFrom), dnFrom);
      dnStock = c.subtract(c.add(dnFrom, stepEntries), dnOut);
      const eoFrom = entriesOnlyStock;
      const eoOut = capExits(c.multiply(stepRate, eoFrom), eoFrom);
      entriesOnlyStock = c.subtract(c.add(eoFrom, stepWiEntries), eoOut);
      const wiFrom = wiStock;
      const wiRaw =
        lv.exitBasis === "trend"
          ? c.multiply(eoOut, exitFactor)
          : c.multiply(c.multiply(stepRate, exitFactor), wiFrom);
      const wiOut = capExits(wiRaw, wiFrom);
      wiStock = c.subtract(c.add(wiFrom, stepWiEntries), wiOut);
      const dnStepSpend = c.divide(spendOn(dnFrom, dnStock), steps);
      const wiStepSpend = c.divide(spendOn(wiFrom, wiStock), steps);
      dnExits = c.add(dnExits, dnOut);
      wiExits = c.add(wiExits, wiOut);
      wiEntries = c.add(wiEntries, stepWiEntries);
      dnSpend = c.add(dnSpend, dnStepSpend);
      wiSpend = c.add(wiSpend, wiStepSpend);
      if (months !== undefined) {
        const monthBudget = c.divide(budget, steps);
        months.push({
          year,
          month: m,
          doNothing: {
            stock: dnStock,
            entries: stepEntries,
            exits: dnOut,
            spend: dnStepSpend,
            overspend: c.subtract(dnStepSpend, monthBudget),
          },
          withImpact: {
            stock: wiStock,
            entries: stepWiEntries,
            exits: wiOut,
            spend: wiStepSpend,
            overspend: c.subtract(wiStepSpend, monthBudget),
          },
        });
      }
    }
    const dnClosing = dnStock;
    const wiClosing = wiStock;
    // A yearly model keeps the year's own entries figure (not entries ÷ 1 summed), exactly as stated.
    if (stepCount === 1) wiEntries = wiYearEntries;

    const dnOver = c.subtract(dnSpend, budget);
    const wiOver = c.subtract(wiSpend, budget);
    const benefit = c.subtract(dnSpend, wiSpend);
    const cashable =
      model.benefitBasis === "cashable"
        ? benefit
        : model.benefitBasis === "costAvoidance"
          ? c.zero
          : maxOf(c, c.zero, minOf(c, benefit, c.subtract(budget, wiSpend)));
    const avoided = c.subtract(benefit, cashable);

    if (year >= model.reportFrom) {
      cumDn = c.add(cumDn, dnOver);
      cumWi = c.add(cumWi, wiOver);
      cumBenefit = c.add(cumBenefit, benefit);
      cumCashable = c.add(cumCashable, cashable);
      cumAvoided = c.add(cumAvoided, avoided);
      if (breakEvenYear === undefined) {
        if (c.compare(wiSpend, budget) <= 0) breakEvenYear = year;
        else toBreakEven = c.add(toBreakEven, wiOver);
      }
    }
    years.push({
      year,
      label: fyLabel(year),
      base: false,
      unitCost,
      budget,
      doNothing: {
        stock: dnClosing,
        entries: trendEntries,
        exits: dnExits,
        spend: dnSpend,
        overspend: dnOver,
      },
      withImpact: { stock: wiClosing, entries: wiEntries, exits: wiExits, spend: wiSpend, overspend: wiOver },
      entriesShare,
      exitsShare,
      benefit,
      cashable,
      costAvoidance: avoided,
      cumulativeOverspendDoNothing: cumDn,
      cumulativeOverspendWithImpact: cumWi,
      cumulativeBenefit: cumBenefit,
    });
  }
  return {
    years,
    ...(breakEvenYear === undefined ? {} : { breakEvenYear }),
    overspendToBreakEven: toBreakEven,
    cumulativeOverspendDoNothing: cumDn,
    cumulativeOverspendWithImpact: cumWi,
    cumulativeBenefit: cumBenefit,
    cumulativeCashable: cumCashable,
    cumulativeCostAvoidance: cumAvoided,
    ...(months === undefined ? {} : { months }),
  };
}
