import { Decimal } from "./money";
import { decimalCalculator, type Calculator } from "./calculator";
import {
  averageSharesInFysOn,
  scheduleSettledFy,
  schedulesTimeToFullYears,
  type ShareSchedule,
} from "./shareSchedule";
import {
  fraction,
  itemField,
  nonNegative,
  fyPriceFactorsOn,
  streamYearAtOn,
  type StreamPrices,
} from "./streamYears";
import { NO_MEASURES, WHOLE_STREAM, type StreamNeeds, type StreamProfile, type StreamYear } from "./stream";
import type { FyStartYear, Horizon } from "./types";
import { firstLikeFys, fyBoundsOn, planCache } from "./streamPlan";
import { MEASURE_LABELS } from "./measureLabels";

/**
 * A % of addressable spend, by category (Procurement and Third Party Spend, seeds/004 Appendix B):
 *   gross(FY) = Σ categories addressableSpend × reductionRate × benefitShare × average ramp share in the FY.
 * A category is any slice the proposal ramps on its own: a spend category, or a lever on the same spend
 * ("40% of the benefit through contract management by 1 July 2027").
 */

/** One category (or lever) with its own ramp. Money in £ a year, price-base prices. */
export interface SpendCategory {
  readonly label: string;
  /** Third-party spend in scope, £ a year. */
  readonly addressableSpend: Decimal;
  /** Fraction of that spend saved at full impact (2.97% is 0.0297). */
  readonly reductionRate: Decimal;
  /** Fraction of the category's saving this slice delivers (default 1). */
  readonly benefitShare?: Decimal;
  /** When the saving is realised: dated shares of full impact. */
  readonly ramp: ShareSchedule;
}

/** A %-of-addressable-spend stream. */
export interface AddressableSpendInput extends StreamPrices {
  readonly id: string;
  readonly label: string;
  readonly categories: readonly SpendCategory[];
  /** Default cashable: the spend leaves the budget. */
  readonly cashability?: StreamProfile["cashability"];
}

/**
 * The stream's profile over the horizon.
 *
 * @example
 * const p = addressableSpendStream({ id: "p", label: "Procurement", categories: [{ label: "All",
 *   addressableSpend: D(1e6), reductionRate: D(0.03), ramp: fullFrom("2026-04-01") }] }, horizon);
 * p.years[0].gross.toNumber() // 30000
 */
export function addressableSpendStream(input: AddressableSpendInput, horizon: Horizon): StreamProfile {
  return addressableSpendStreamOn(decimalCalculator, input, horizon);
}

/**
 * addressableSpendStream on a number backend (simulation and sensitivity; calculator.ts); `needs` says what
 * besides the £ is worked out (stream.ts).
 *
 * @example
 * addressableSpendStreamOn(numberCalculator, procurement, horizon).years[0].gross // £ in FY26/27
 */
export function addressableSpendStreamOn<T>(
  calc: Calculator<T>,
  input: AddressableSpendInput,
  horizon: Horizon,
  needs: StreamNeeds = WHOLE_STREAM,
): StreamProfile<T> {
  const { add, multiply: mul } = calc;
  const d = calc.fromDecimal;
  const categories = input.categories;
  // The ramps are checked when a plan is made; a plan is only used for the same ramps and benefit shares.
  const known = plans.find(calc, horizon, input.id, categories, fitsRamps) as SpendPlan<T> | undefined;
  const levels: T[] = [];
  for (let i = 0; i < categories.length; i++) {
    const c = categories[i];
    const f = itemField("categories", i);
    const spend = d(nonNegative(c.addressableSpend, f, "addressableSpend"));
    const rate = d(fraction(c.reductionRate, f, "reductionRate"));
    // A benefit share the plan was made with was checked then (a Decimal check makes a Decimal each time).
    const share =
      known !== undefined ? known.benefitShares[i] : d(fraction(c.benefitShare ?? ONE, f, "benefitShare"));
    levels.push(mul(mul(spend, rate), share));
  }
  // Every category's figures are checked before any ramp, as the fields were always reported.
  const plan =
    known ?? (plans.keep(calc, horizon, input.id, spendPlanOn(calc, categories, horizon)) as SpendPlan<T>);
  const { fys, shares, firstLike } = plan;
  const measured = needs.measures;
  // The full saving only scales the share of it (a measure).
  let fullLevel = calc.zero;
  if (measured) for (let k = 0; k < levels.length; k++) fullLevel = add(fullLevel, levels[k]);
  const none = calc.compare(fullLevel, calc.zero) === 0;
  const years: StreamYear<T>[] = [];
  // Each FY's price factor, worked out once (the rate is checked here, before the first FY's figures).
  const factors = fyPriceFactorsOn(calc, input, horizon.firstFy, fys);
  for (let i = 0; i < fys.length; i++) {
    const like = firstLike[i];
    let saving = calc.zero;
    let ofFull = calc.zero;
    if (like < i) {
      // That FY's figures at price-base prices (each FY is inflated its own way).
      saving = years[like].grossAtPriceBase;
      if (measured) ofFull = years[like].measures[0].value;
    } else {
      for (let k = 0; k < levels.length; k++) saving = add(saving, mul(levels[k], shares[k][i]));
      if (measured && !none) ofFull = calc.divide(saving, fullLevel);
    }
    years.push(
      streamYearAtOn(
        calc,
        fys[i],
        saving,
        factors?.[i],
        measured
          ? [
              {
                key: "shareOfFullSaving",
                label: MEASURE_LABELS.shareOfFullSaving,
                unit: "fraction",
                value: ofFull,
              },
            ]
          : NO_MEASURES,
      ),
    );
  }
  return {
    id: input.id,
    label: input.label,
    kind: "addressableSpend",
    years,
    settledFy: needs.settled ? plan.settledFy : horizon.firstFy,
    timeToFullImpactYears: needs.settled ? plan.timeToFull : undefined,
    cashability: input.cashability ?? "cashable",
  };
}

const ONE = new Decimal(1);

/** What a stream's ramps give on one backend: each category's FY shares, the settled FY, the time to full. */
interface SpendPlan<T> {
  readonly ramps: readonly ShareSchedule[];
  readonly benefitInputs: readonly (Decimal | undefined)[];
  /** Each category's benefit share, checked. */
  readonly benefitShares: readonly T[];
  readonly fys: readonly FyStartYear[];
  /** Per category, its FY shares (calc.array: a Float64Array on the number backend). */
  readonly shares: readonly ArrayLike<T>[];
  /** Per FY, the first FY with the same shares (firstLikeFys): its figures are read back, not worked out again. */
  readonly firstLike: readonly number[];
  readonly settledFy: FyStartYear;
  readonly timeToFull: T;
}

const plans = planCache<SpendPlan<unknown>>();

function fitsRamps(plan: SpendPlan<unknown>, categories: readonly SpendCategory[]): boolean {
  if (plan.ramps.length !== categories.length) return false;
  for (let k = 0; k < categories.length; k++) {
    if (categories[k].ramp !== plan.ramps[k] || categories[k].benefitShare !== plan.benefitInputs[k])
      return false;
  }
  return true;
}

/** The plan of categories whose figures are checked: their ramps checked and averaged over the FYs. */
function spendPlanOn<T>(
  calc: Calculator<T>,
  categories: readonly SpendCategory[],
  horizon: Horizon,
): SpendPlan<T> {
  const { fys } = fyBoundsOn(calc, horizon);
  const ramps = categories.map((c) => c.ramp);
  const shares = categories.map((c, i) =>
    calc.array(averageSharesInFysOn(calc, c.ramp, fys, `categories[${i}].ramp`)),
  );
  return {
    ramps,
    benefitInputs: categories.map((c) => c.benefitShare),
    benefitShares: categories.map((c) => calc.fromDecimal(c.benefitShare ?? ONE)),
    fys,
    shares,
    firstLike: firstLikeFys(calc, shares, fys.length),
    settledFy: Math.max(horizon.firstFy, ...ramps.map((r) => scheduleSettledFy(r))),
    timeToFull: calc.fromDecimal(schedulesTimeToFullYears(ramps)),
  };
}
