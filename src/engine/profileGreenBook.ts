import { Decimal, ZERO } from "./money";
import {
  GREEN_BOOK_STANDARD,
  benefitCostRatio,
  discountFactors,
  discountedPayback,
  npv,
  realPrices,
  type DiscountSchedule,
} from "./greenBook";
import {
  DEFAULT_OPTIMISM_BIAS,
  optimismBias,
  riskAdjustNet,
  type Confidence,
  type OptimismBiasTable,
} from "./optimismBias";
import type { PaybackResult } from "./programme";
import type { Profile } from "./types";

/**
 * A benefits profile seen two more ways, from the same figures: the Green Book view (real prices,
 * discounted) and the risk-adjusted MTFS row. The flows are the profile's own years (its first FY is
 * year 0 and the price base); beyond its last year nothing is assumed.
 * - costs(FY) = the profile's costs (implementation and ongoing investment);
 * - benefits(FY) = the MTFS row (mtfsImpact) + costs: the cash saving the MTFS row counts (gross − overlap
 *   + inflation contingency, less or plus any existing MTFS lines), so benefits − costs is the MTFS row.
 */

/** One year of the Green Book view. */
export interface GreenBookYear {
  readonly fy: number;
  readonly label: string;
  /** Benefits and costs in cash (as given: for a profile, the MTFS row + costs and the costs). */
  readonly cashBenefits: Decimal;
  readonly cashCosts: Decimal;
  /** Benefits and costs in the first FY's prices. */
  readonly benefits: Decimal;
  readonly costs: Decimal;
  readonly discountFactor: Decimal;
  /** Real benefits × discount factor. */
  readonly pvBenefits: Decimal;
  /** Real costs × discount factor. */
  readonly pvCosts: Decimal;
  /** (benefits − costs) × discount factor. */
  readonly presentValue: Decimal;
  /** Σ presentValue over year 0 to this year. */
  readonly cumulativePresentValue: Decimal;
}

/** NPV, BCR and discounted payback of a profile, with the years behind them. */
export interface GreenBookView {
  readonly years: readonly GreenBookYear[];
  /** Σ of the years' pvBenefits and pvCosts. */
  readonly pvBenefits: Decimal;
  readonly pvCosts: Decimal;
  readonly npv: Decimal;
  /** Undefined when the costs' present value is 0 (no ratio). */
  readonly benefitCostRatio: Decimal | undefined;
  readonly discountedPayback: PaybackResult;
}

/**
 * Cash benefits and costs per FY of a profile (benefits − costs = the MTFS row).
 *
 * @example
 * profileFlows(profile).benefits[0].minus(profileFlows(profile).costs[0]) // = profile.years[0].mtfsImpact
 */
export function profileFlows(profile: Profile): { benefits: Decimal[]; costs: Decimal[] } {
  return {
    benefits: profile.years.map((y) => y.mtfsImpact.plus(y.costs)),
    costs: profile.years.map((y) => y.costs),
  };
}

/**
 * The Green Book view of a profile: real prices through `deflatorIndex` (one value per profile year;
 * omit it when the figures are already real), discounted on `schedule`.
 *
 * @example
 * profileGreenBook(profile, GREEN_BOOK_STANDARD, flatDeflatorIndex(profile.years.length, 0.02)).npv
 */
export function profileGreenBook(
  profile: Profile,
  schedule: DiscountSchedule = GREEN_BOOK_STANDARD,
  deflatorIndex?: readonly Decimal[],
): GreenBookView {
  const cash = profileFlows(profile);
  return greenBookView(profile.years, cash.benefits, cash.costs, schedule, deflatorIndex);
}

/**
 * The Green Book view of any cash benefits and costs per FY (a profile's, or a programme's summed over its
 * proposals), one value per year of `years`, the first year being year 0 and the price base.
 *
 * @example
 * greenBookView([{ fy: 2026, label: "FY26/27" }], [new Decimal(100)], [new Decimal(40)]).npv.toString() // "60"
 */
export function greenBookView(
  years: readonly { readonly fy: number; readonly label: string }[],
  cashBenefits: readonly Decimal[],
  cashCosts: readonly Decimal[],
  schedule: DiscountSchedule = GREEN_BOOK_STANDARD,
  deflatorIndex?: readonly Decimal[],
): GreenBookView {
  const benefits = deflatorIndex === undefined ? [...cashBenefits] : realPrices(cashBenefits, deflatorIndex);
  const costs = deflatorIndex === undefined ? [...cashCosts] : realPrices(cashCosts, deflatorIndex);
  const factors = discountFactors(benefits.length, schedule);
  const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((s, x) => s.plus(x), ZERO);
  let cumulative = ZERO;
  const out = years.map((y, t): GreenBookYear => {
    const presentValue = benefits[t].minus(costs[t]).times(factors[t]);
    cumulative = cumulative.plus(presentValue);
    return {
      fy: y.fy,
      label: y.label,
      cashBenefits: cashBenefits[t],
      cashCosts: cashCosts[t],
      benefits: benefits[t],
      costs: costs[t],
      discountFactor: factors[t],
      pvBenefits: benefits[t].times(factors[t]),
      pvCosts: costs[t].times(factors[t]),
      presentValue,
      cumulativePresentValue: cumulative,
    };
  });
  const pvCosts = sum(out.map((y) => y.pvCosts));
  return {
    years: out,
    pvBenefits: sum(out.map((y) => y.pvBenefits)),
    pvCosts,
    npv: npv(benefits, costs, schedule),
    benefitCostRatio: pvCosts.gt(0) ? benefitCostRatio(benefits, costs, schedule) : undefined,
    discountedPayback: discountedPayback(benefits, costs, schedule),
  };
}

/** The risk-adjusted MTFS row beside the raw one. */
export interface RiskAdjustedRow {
  readonly confidence: Confidence;
  /** Share of benefits taken off. */
  readonly optimismBias: Decimal;
  readonly years: readonly {
    readonly fy: number;
    readonly label: string;
    readonly mtfsImpact: Decimal;
    readonly riskAdjusted: Decimal;
  }[];
}

/**
 * The MTFS row with optimism bias taken off the benefits (costs kept): never above the raw row.
 *
 * @example
 * riskAdjustedProfile(profile, "Low").years[3].riskAdjusted // benefits × 0.6 − costs in FY29/30
 */
export function riskAdjustedProfile(
  profile: Profile,
  confidence: Confidence,
  table: OptimismBiasTable = DEFAULT_OPTIMISM_BIAS,
): RiskAdjustedRow {
  const { benefits, costs } = profileFlows(profile);
  const adjusted = riskAdjustNet(benefits, costs, confidence, table);
  return {
    confidence,
    optimismBias: optimismBias(confidence, table),
    years: profile.years.map((y, t) => ({
      fy: y.fy,
      label: y.label,
      mtfsImpact: y.mtfsImpact,
      riskAdjusted: adjusted[t],
    })),
  };
}
