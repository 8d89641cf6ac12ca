import type { Decimal } from "./money";

/**
 * Shared domain records. Money is in £ (never £m) as Decimal; rates are fractions (0.04 = 4%);
 * dates are ISO strings "YYYY-MM-DD" at the edges and UTC day numbers inside the engine.
 * Units are in the names: weeklyCost, durationWeeks, amountPerYear.
 */

/** A UK fiscal year, identified by the calendar year it starts in: 2026 = FY26/27 (1 Apr 2026 to 31 Mar 2027). */
export type FyStartYear = number;

/**
 * How the impact builds up between "first impact" (pilot end + lead) and "full impact" (rollout end + lead):
 * `linear` rises continuously; `monthly-steps` rises by 1/n at the end of each month of an n-month rollout;
 * `immediate` is full from the first-impact date; `stepped` holds `timeline.stepShare` of the impact (e.g. 50%)
 * from first impact until full impact, then full.
 */
export type RampShape = "linear" | "monthly-steps" | "immediate" | "stepped";

/**
 * The lever an avoided event pulls. `entry`: fewer entries into the service (baseline volume is a flow of
 * starts per year; each avoided start saves a whole stay of `durationWeeks`). `exit`: a higher exit rate
 * from the current caseload (baseline volume is the caseload; the target % is the extra share of it that
 * exits each year; `durationWeeks` is the average stay, and each earlier exit saves the rest of its stay,
 * on average half of it). Shorter stays are the entry lever with the weeks saved as the duration and the
 * stay before them as the lead (docs/engine.md).
 */
export type Lever = "entry" | "exit";

/**
 * The target, as the proposal states it. `cohortSize` (optional, percent and countPerYear) caps the events at a
 * fixed eligible cohort (e.g. 61 CYP suitable for travel training): once it is reached, events continue only
 * as the cohort grows, at cohortSize × baseline growth a year (compounding each 1 April).
 */
export type Target =
  | { readonly kind: "percent"; readonly value: Decimal; readonly cohortSize?: Decimal } // % of baseline volume per year, e.g. 0.08
  | { readonly kind: "countPerYear"; readonly value: Decimal; readonly cohortSize?: Decimal } // events per year, e.g. 10
  | { readonly kind: "caseloadReduction"; readonly value: Decimal }; // a steady-state caseload reduction, e.g. 10 CYP

/** Baseline volume of events (care starts, placements, travellers) per year. */
export interface Baseline {
  readonly volumePerYear: Decimal;
  /** Growth per year as a fraction, compounding each 1 April from `baseFy`. */
  readonly growthPerYear: Decimal;
  /** FY in which the volume is `volumePerYear` (default: the first horizon FY). */
  readonly baseFy?: FyStartYear;
  /**
   * Volumes stated FY by FY (a demand model's do-nothing line, baselineFromDemand): a FY listed here takes its
   * own volume; one after the last grows on from it by `growthPerYear`, one before the first back from it.
   */
  readonly byFy?: ReadonlyMap<FyStartYear, Decimal>;
}

/** One part of the unit cost saving, e.g. one transport type, with its share of the cases. */
export interface UnitCostComponent {
  readonly label: string;
  /** Share of avoided cases on this component (fraction; shares need not sum to 1). */
  readonly share: Decimal;
  /** Saving per case per period on this component (£, price base FY). */
  readonly costPerPeriod: Decimal;
  /**
   * Savings on this component start only at the next occurrence of this calendar day ("MM-DD"), e.g. "09-01"
   * when an existing school-year contract keeps running until the next school year.
   */
  readonly realisedFrom?: string;
}

/** Weekly (or daily) unit cost saving per case, in the price base FY's prices. */
export interface UnitCost {
  /** Baseline cost per case per period (£). */
  readonly weeklyCost: Decimal;
  /** Cost of the alternative the case moves to (£ per period), e.g. a family-based placement. */
  readonly alternativeWeeklyCost: Decimal;
  /** Overlap with another opportunity expressed per period (£), e.g. £149/week. */
  readonly overlapWeeklyCost: Decimal;
  /** Price inflation per year, stepped each 1 April. */
  readonly inflationPerYear: Decimal;
  /** FY whose prices the costs are stated in. */
  readonly priceBaseFy: FyStartYear;
  /** Periods per year used to annualise: 52.18 weeks by default; e.g. 190 school days for a daily cost. */
  readonly periodsPerYear: Decimal;
  /**
   * Optional split of the saving by component (e.g. transport types); when present the per-case saving is
   * Σ share × costPerPeriod, each component with its own realisation date, and weeklyCost − alternative −
   * overlap is not used.
   */
  readonly components?: readonly UnitCostComponent[];
  /**
   * True when the price inflation on the saving is held in a central contingency rather than in the service
   * budget (Adults proposals print it in brackets): the benefit is then at price-base prices and the inflation
   * part is reported beside it. False (the default) counts the inflation in the benefit.
   */
  readonly inflationContingency: boolean;
}

/**
 * How completed interventions turn into avoided events: `continuous` as they happen, or in `batches` at the
 * end of each block of `everyWeeks` counted from the first-impact date (e.g. 12-week travel-training terms).
 */
export type Delivery =
  { readonly kind: "continuous" } | { readonly kind: "batches"; readonly everyWeeks: Decimal };

/** Timeline of the change: phases after the start date, then a lead time before impact shows. */
export interface Timeline {
  /** ISO date the project starts. */
  readonly startDate: string;
  readonly designWeeks: Decimal;
  readonly pilotWeeks: Decimal;
  readonly rolloutWeeks: Decimal;
  /** Lag between intervention and the avoided event (e.g. 8.5 months, a CP plan's average length). */
  readonly leadWeeks: Decimal;
  readonly ramp: RampShape;
  /** The `stepped` ramp's share of the impact (fraction, 0 to 1) before full impact; required for that ramp only. */
  readonly stepShare?: Decimal;
  /** Stated end of design; overrides start + designWeeks. */
  readonly designEndDate?: string;
  /** Stated end of pilot (first impact before lead); overrides design end + pilotWeeks. */
  readonly pilotEndDate?: string;
  /** Stated date the change is sustainable (full impact before lead); overrides pilot end + rolloutWeeks. */
  readonly sustainableDate?: string;
  /** Optional end of delivery: no avoided events after this date + lead (e.g. a two-year programme). */
  readonly deliveryEndDate?: string;
  /** Continuous (default) or batched delivery. */
  readonly delivery?: Delivery;
}

/** A cost line netted off the gross benefit. Money in £. */
export type CostItem =
  | {
      readonly kind: "ongoing";
      readonly label: string;
      readonly amountPerYear: Decimal;
      readonly fromDate: string;
      /** Last day the cost is incurred (inclusive); open-ended when absent. */
      readonly toDate?: string;
      /** Whether the cost inflates with the unit cost inflation from the price base FY (default false). */
      readonly inflates?: boolean;
      /**
       * The cost's own inflation per year from the price base FY, stepped each 1 April (e.g. a 3% pay award
       * while unit costs rise 4%); when given, the cost inflates at this rate whatever `inflates` says.
       */
      readonly inflationPerYear?: Decimal;
    }
  | { readonly kind: "oneOff"; readonly label: string; readonly amount: Decimal; readonly date: string }
  | {
      readonly kind: "perCase";
      readonly label: string;
      /** £ per avoided case per year while the case is in the stock (e.g. a £1,000 bus pass). */
      readonly amountPerCasePerYear: Decimal;
      /** Id of the stream whose caseload reduction it is priced on (default: every stream's, summed). */
      readonly stream?: string;
    }
  | {
      readonly kind: "perEvent";
      readonly label: string;
      /** £ per event in the FY it happens, e.g. per resident engaged or per avoided start. */
      readonly amountPerEvent: Decimal;
      /** Id of the stream whose events it is priced on (default: every stream's, summed). */
      readonly stream?: string;
      /** The stream's operational measure counted as the events (default `avoidedEvents`). */
      readonly measure?: string;
      /** Whether the amount inflates with the proposal's inflation from the price base FY (default false). */
      readonly inflates?: boolean;
    }
  | {
      readonly kind: "phased";
      readonly label: string;
      /** £ by fiscal year; FYs not listed cost nothing. */
      readonly amountsByFy: readonly { readonly fy: FyStartYear; readonly amount: Decimal }[];
    };

/** Overlap with existing MTFS lines, netted off so the same saving is not counted twice. */
export type MtfsOverlap =
  | { readonly kind: "none" }
  | {
      readonly kind: "amountPerYear";
      readonly amountPerYear: Decimal;
      /** Capped at gross in each FY so an overlap never creates a cost (default true). */
      readonly capAtGross: boolean;
      /** FY the overlap starts (default: first horizon FY). */
      readonly fromFy?: FyStartYear;
      readonly note?: string;
    }
  | {
      readonly kind: "amountPerWeek";
      /** £ per avoided case per period (price base FY prices, inflated like the unit cost). */
      readonly amountPerWeek: Decimal;
      readonly note?: string;
    }
  | { readonly kind: "weeksOfDuration"; readonly weeks: Decimal; readonly note?: string };

/** The FY range a profile covers. */
export interface Horizon {
  readonly firstFy: FyStartYear;
  readonly lastFy: FyStartYear;
  /** Last FY of the MTFS: the quantified opportunity is the net benefit in this FY. */
  readonly mtfsLastFy: FyStartYear;
}

/** Everything computeProfile needs: the proposal's "benefit profile assumptions", parsed. */
export interface ProfileInput {
  readonly baseline: Baseline;
  readonly target: Target;
  readonly lever: Lever;
  /** Weeks each avoided entry removes one case for (box-car duration); on the exit lever, the average stay. */
  readonly durationWeeks: Decimal;
  readonly unitCost: UnitCost;
  readonly timeline: Timeline;
  readonly investment: readonly CostItem[];
  readonly mtfsOverlap: MtfsOverlap;
  readonly horizon: Horizon;
  /**
   * What kind of saving the cohort is, as a stream's `cashability`; absent means the cohort stream's default
   * (cohortStream.ts: cost avoidance), so files that do not say keep today's split.
   */
  readonly cashability?: "cashable" | "costAvoidance" | "nonCashable";
}

/** One row of a profile: a fiscal year. Money in £. */
export interface ProfileYear {
  readonly fy: FyStartYear;
  /** "FY26/27" */
  readonly label: string;
  /** Avoided events in the FY. */
  readonly avoidedEvents: Decimal;
  /** Average caseload reduction over the FY. */
  readonly caseloadReduction: Decimal;
  readonly gross: Decimal;
  readonly costs: Decimal;
  readonly overlap: Decimal;
  /** Net = gross − costs − overlap: the cumulative benefit (the recurring level reached in that FY). */
  readonly cumulative: Decimal;
  /** cumulative(FY) − cumulative(FY−1): the increment the MTFS books. */
  readonly inYear: Decimal;
  /**
   * The price inflation on the gross saving since the price base, when it is held in a central contingency
   * (`unitCost.inflationContingency`); zero otherwise, because the inflation is then already in `gross`.
   */
  readonly inflationContingency: Decimal;
  /** inflationContingency(FY) − inflationContingency(FY−1), printed beside the in-year spend reduction. */
  readonly inYearInflationContingency: Decimal;
  /** cumulative + inflationContingency: the row the MTFS programme table shows for this FY. */
  readonly mtfsImpact: Decimal;
}

/** A computed benefits profile. */
export interface Profile {
  readonly years: readonly ProfileYear[];
  /** Cumulative benefit in the last MTFS year (FY29/30 by default). */
  readonly quantifiedOpportunity: Decimal;
  /** That year's inflation contingency held centrally (zero unless `unitCost.inflationContingency`). */
  readonly quantifiedOpportunityInflationContingency: Decimal;
  /**
   * Steady-state annual net benefit: the net in the first FY from which no input changes any more (the stream's
   * stock saturated, every cost schedule settled; proposalProfile.ts), capped to the horizon, with its contingency.
   */
  readonly fullRunRate: {
    readonly value: Decimal;
    readonly fy: FyStartYear;
    readonly label: string;
    readonly inflationContingency: Decimal;
  };
  /** Years from the start date to full impact (rollout end + lead, or delivery end); see runRate.ts. */
  readonly timeToFullRunRateYears: Decimal;
}
