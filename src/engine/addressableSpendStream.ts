import { Decimal } from "./money";
import { decimalCalculator, type Calculator } from "./calculator";
import {
  averageSharesInFysOn,
  scheduleSettledFy,
  schedulesTimeToFullYears,
  type ShareSchedule,
} from "./shareSchedule";
import { fraction, horizonFys, nonNegative, streamYearOn, type StreamPrices } from "./streamYears";
import type { StreamProfile } from "./stream";
import type { Horizon } from "./types";
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
 * addressableSpendStream on a number backend (simulation and sensitivity; calculator.ts).
 *
 * @example
 * addressableSpendStreamOn(numberCalculator, procurement, horizon).years[0].gross // £ in FY26/27
 */
export function addressableSpendStreamOn<T>(
  calc: Calculator<T>,
  input: AddressableSpendInput,
  horizon: Horizon,
): StreamProfile<T> {
  const { add, multiply: mul } = calc;
  const d = calc.fromDecimal;
  const cats = input.categories.map((c, i) => {
    const f = `categories[${i}]`;
    return {
      level: mul(
        mul(
          d(nonNegative(c.addressableSpend, `${f}.addressableSpend`)),
          d(fraction(c.reductionRate, `${f}.reductionRate`)),
        ),
        d(fraction(c.benefitShare ?? ONE, `${f}.benefitShare`)),
      ),
      ramp: c.ramp,
      field: `${f}.ramp`,
    };
  });
  const fys = horizonFys(horizon);
  // Every category's figures are checked before any ramp, as the fields were always reported.
  const shares = cats.map((c) => averageSharesInFysOn(calc, c.ramp, fys, c.field));
  const fullLevel = cats.reduce((s, c) => add(s, c.level), calc.zero);
  const years = fys.map((fy, i) => {
    let saving = calc.zero;
    cats.forEach((c, k) => (saving = add(saving, mul(c.level, shares[k][i]))));
    return streamYearOn(calc, fy, saving, input, horizon.firstFy, [
      {
        key: "shareOfFullSaving",
        label: MEASURE_LABELS.shareOfFullSaving,
        unit: "fraction",
        value: calc.compare(fullLevel, calc.zero) === 0 ? calc.zero : calc.divide(saving, fullLevel),
      },
    ]);
  });
  return {
    id: input.id,
    label: input.label,
    kind: "addressableSpend",
    years,
    settledFy: Math.max(horizon.firstFy, ...input.categories.map((c) => scheduleSettledFy(c.ramp))),
    timeToFullImpactYears: calc.fromDecimal(schedulesTimeToFullYears(input.categories.map((c) => c.ramp))),
    cashability: input.cashability ?? "cashable",
  };
}

const ONE = new Decimal(1);
