import type { Decimal } from "./money";

/**
 * Shared domain records. Money is in £ (never £m) as Decimal; rates are fractions (0.04 = 4%);
 * dates are ISO strings "YYYY-MM-DD" at the edges and UTC-midnight day numbers inside the engine.
 * Units are in the names: weeklyCost, durationWeeks, amountPerYear.
 */

/** A UK fiscal year, identified by the calendar year it starts in: 2026 = FY26/27 (1 Apr 2026 to 31 Mar 2027). */
export type FyStartYear = number;

/** How the impact builds up between "first impact" and "full impact". */
export type RampShape = "linear" | "monthly-steps" | "immediate";

/** The lever an avoided event pulls: fewer entries into the service, or earlier exits from it. */
export type Lever = "entry" | "exit";

/** The target, as the proposal states it. */
export type Target =
  | { readonly kind: "percent"; readonly value: Decimal } // % of baseline volume per year, e.g. 0.08
  | { readonly kind: "countPerYear"; readonly value: Decimal } // a number of events per year, e.g. 10
  | { readonly kind: "caseloadReduction"; readonly value: Decimal }; // a steady-state caseload reduction, e.g. 10 CYP

/** Baseline volume of events (care starts, placements, travellers) per year. */
export interface Baseline {
  readonly volumePerYear: Decimal;
  /** Growth per year as a fraction, compounding from the price base FY. */
  readonly growthPerYear: Decimal;
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
}

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
  /** Optional stated date when the change is sustainable (full impact); overrides design+pilot+rollout end. */
  readonly sustainableDate?: string;
}

/** A cost line netted off the gross benefit. Money in £. */
export type CostItem =
  | {
      readonly kind: "ongoing";
      readonly label: string;
      readonly amountPerYear: Decimal;
      readonly fromDate: string;
      readonly toDate?: string;
      /** Whether the cost inflates with the unit cost inflation (default false). */
      readonly inflates?: boolean;
    }
  | { readonly kind: "oneOff"; readonly label: string; readonly amount: Decimal; readonly date: string }
  | {
      readonly kind: "perCase";
      readonly label: string;
      /** £ per avoided case per year while the case is in the stock (e.g. a £1,000 bus pass). */
      readonly amountPerCasePerYear: Decimal;
    };

/** Overlap with existing MTFS lines, netted off so the same saving is not counted twice. */
export type MtfsOverlap =
  | { readonly kind: "none" }
  | {
      readonly kind: "amountPerYear";
      readonly amountPerYear: Decimal;
      /** Capped at gross in each FY so an overlap never creates a cost (default true). */
      readonly capAtGross: boolean;
      readonly note?: string;
    }
  | { readonly kind: "weeksOfDuration"; readonly weeks: Decimal; readonly note?: string };

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
}

/** A computed benefits profile. */
export interface Profile {
  readonly years: readonly ProfileYear[];
  /** Cumulative benefit in the last MTFS year (FY29/30 by default). */
  readonly quantifiedOpportunity: Decimal;
  /** Steady-state annual net benefit, and the first FY in which it is reached. */
  readonly fullRunRate: { readonly value: Decimal; readonly fy: FyStartYear; readonly label: string };
  /** Years from the project start to the start of the full-run-rate FY... see runRate.ts for the convention. */
  readonly timeToFullRunRateYears: Decimal;
}
