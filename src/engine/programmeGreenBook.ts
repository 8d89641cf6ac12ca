import type { Decimal } from "./money";
import { EngineError } from "./errors";
import { GREEN_BOOK_STANDARD, discounted, realPrices, type DiscountSchedule } from "./greenBook";
import { greenBookView, type GreenBookView } from "./profileGreenBook";

/**
 * The programme's Green Book view twice, from the same figures: the proposals' own (their cash benefits and
 * costs summed) and after the programme's implementation costs (Table 3, the Resource cost sheet), which
 * the proposals do not carry. Same schedule, same deflator and the same year 0 (the first FY) for both.
 */

/** One year of the implementation costs, as the Programme's rows show them. */
export interface ImplementationYear {
  readonly label: string;
  readonly cash: Decimal;
  /** In year 0's prices. */
  readonly real: Decimal;
  /** Real × the year's discount factor. */
  readonly presentValue: Decimal;
}

/** The programme's Green Book view without and with its implementation costs. */
export interface ProgrammeGreenBook {
  /** The proposals' own benefits and costs only. */
  readonly proposals: GreenBookView;
  /** The same benefits, the costs plus the implementation costs: its npv and benefitCostRatio include them. */
  readonly withImplementation: GreenBookView;
  readonly implementation: readonly ImplementationYear[];
}

/**
 * The programme's Green Book view with and without its implementation costs (cash, one per year of `years`;
 * 0 beyond those Table 3 gives).
 *
 * @example
 * programmeGreenBook(years, benefits, costs, table3Costs, GREEN_BOOK_STANDARD, index).withImplementation.npv
 */
export function programmeGreenBook(
  years: readonly { readonly fy: number; readonly label: string }[],
  cashBenefits: readonly Decimal[],
  cashCosts: readonly Decimal[],
  implementationCosts: readonly Decimal[],
  schedule: DiscountSchedule = GREEN_BOOK_STANDARD,
  deflatorIndex?: readonly Decimal[],
): ProgrammeGreenBook {
  if (implementationCosts.length !== cashCosts.length) {
    throw new EngineError(
      "out-of-range",
      "implementationCosts",
      `must have one value per year (${cashCosts.length}), got ${implementationCosts.length}`,
    );
  }
  const real =
    deflatorIndex === undefined ? [...implementationCosts] : realPrices(implementationCosts, deflatorIndex);
  const pv = discounted(real, schedule);
  return {
    proposals: greenBookView(years, cashBenefits, cashCosts, schedule, deflatorIndex),
    withImplementation: greenBookView(
      years,
      cashBenefits,
      cashCosts.map((c, i) => c.plus(implementationCosts[i])),
      schedule,
      deflatorIndex,
    ),
    implementation: years.map((y, i) => ({
      label: y.label,
      cash: implementationCosts[i],
      real: real[i],
      presentValue: pv[i],
    })),
  };
}
