import { ZERO, type Decimal } from "./money";
import { EngineError } from "./errors";
import { resolveTimelineOn } from "./timeline";
import { cohortStream, type CohortStreamInput } from "./cohortStream";
import { effectiveDurationWeeks } from "./overlap";
import {
  computeProposalProfileOn,
  type ProposalPrices,
  type ProposalProfile,
  type ProposalProfileInput,
} from "./proposalProfile";
import { compareToNumber, decimalCalculator, type Calculator } from "./calculator";
import { checkHorizon, type StreamProfile } from "./stream";
import type { Horizon, MtfsOverlap, Profile, ProfileInput, UnitCost } from "./types";

/**
 * The single-cohort benefits profile (DOMAIN §2), today's input format: one cohort stream
 * (cohortStream.ts) in a proposal profile (proposalProfile.ts) with the investment and MTFS overlap. A
 * weeks-of-duration overlap shortens the cohort's duration; the unit cost's inflation and price base price the
 * costs, and its `inflationContingency` says whether the inflation on gross is held centrally.
 */

/**
 * The cohort stream input of a single-cohort profile, checked as computeProfile always has: a weeks-of-duration
 * MTFS overlap shortens the duration. Period profiles and forecasts start from the same input.
 *
 * `calc` is the backend the stream will run on (its resolved timeline is remembered for the stream).
 *
 * @example
 * profileStreamInput(cfs).durationWeeks.toNumber() // 153.1
 */
export function profileStreamInput(
  input: ProfileInput,
  calc: Calculator<unknown> = decimalCalculator,
): CohortStreamInput {
  return cohortStreamInputOf(input, input.mtfsOverlap, input.horizon, calc);
}

/**
 * profileStreamInput for a cohort's inputs with the proposal's overlap and horizon given beside them (a
 * multi-stream proposal's cohort stream): the input itself when the overlap leaves its duration as it is, so a
 * simulated draw copies no record here.
 *
 * @example
 * cohortStreamInputOf(stream, { kind: "weeksOfDuration", weeks: D(10) }, horizon).durationWeeks // stream's − 10
 */
export function cohortStreamInputOf<S extends CohortStreamInput>(
  input: S,
  mtfsOverlap: MtfsOverlap,
  horizon: Horizon,
  calc: Calculator<unknown> = decimalCalculator,
): S {
  // Checked in the order they always were, so the same bad input names the same field.
  checkHorizon(horizon);
  resolveTimelineOn(calc, input.timeline);
  const durationWeeks = effectiveDurationWeeks(input.durationWeeks, mtfsOverlap);
  if (!(compareToNumber(durationWeeks, 0) > 0) && mtfsOverlap.kind === "weeksOfDuration") {
    throw new EngineError(
      "out-of-range",
      "mtfsOverlap.weeks",
      `must be less than durationWeeks (${input.durationWeeks.toString()})`,
    );
  }
  return durationWeeks === input.durationWeeks ? input : { ...input, durationWeeks };
}

/**
 * Computes the benefits profile over the horizon.
 *
 * @example
 * const p = computeProfile(parseProposal(cfsJson).assumptions);
 * p.years.map((y) => y.cumulative.div(1e6).toFixed(2)) // ["-0.50", "-1.50", "-0.58", "1.10", "2.77", "3.29"]
 */
export function computeProfile(input: ProfileInput): Profile {
  return profileOfStream(input, cohortStream(profileStreamInput(input), input.horizon));
}

/**
 * The profile of a ProfileInput's cohort stream (planned, or re-run on actuals by forecast.ts) with the input's
 * investment, overlap and prices.
 *
 * @example
 * profileOfStream(cfs, cohortStream(profileStreamInput(cfs), cfs.horizon)).quantifiedOpportunity
 */
export function profileOfStream(input: ProfileInput, stream: StreamProfile): Profile {
  return profileSummary(proposalOfStream(input, stream));
}

/** A measure summed over the streams in one FY of the proposal profile (0 when no stream reports it). */
function measureIn(p: ProposalProfile, i: number, key: string): Decimal {
  return p.years[i].measures.find((m) => m.key === key)?.value ?? ZERO;
}

/**
 * Today's summary shape of a proposal profile: per FY the totals, with avoided events and caseload reduction
 * summed over the streams that report them.
 *
 * @example
 * profileSummary(computeProposalProfile(input)).quantifiedOpportunity
 */
export function profileSummary(p: ProposalProfile): Profile {
  return {
    years: p.years.map((y, i) => ({
      fy: y.fy,
      label: y.label,
      avoidedEvents: measureIn(p, i, "avoidedEvents"),
      caseloadReduction: measureIn(p, i, "caseloadReduction"),
      gross: y.gross,
      costs: y.costs,
      overlap: y.overlap,
      cumulative: y.cumulative,
      inYear: y.inYear,
      inflationContingency: y.inflationContingency,
      inYearInflationContingency: y.inYearInflationContingency,
      mtfsImpact: y.mtfsImpact,
    })),
    quantifiedOpportunity: p.quantifiedOpportunity,
    quantifiedOpportunityInflationContingency: p.quantifiedOpportunityInflationContingency,
    fullRunRate: {
      value: p.fullRunRate.value,
      fy: p.fullRunRate.fy,
      label: p.fullRunRate.label,
      inflationContingency: p.fullRunRate.inflationContingency,
    },
    timeToFullRunRateYears: p.timeToFullRunRateYears,
  };
}

/**
 * The proposal profile (with each cost line's amounts) of a ProfileInput's cohort stream.
 *
 * @example
 * proposalOfStream(cfs, stream).costLines[0].amounts[0].toNumber() // 497260.27… (FFPP in FY26/27)
 */
export function proposalOfStream(input: ProfileInput, stream: StreamProfile): ProposalProfile {
  return proposalOfStreamOn(decimalCalculator, input, stream);
}

/**
 * proposalOfStream on a number backend (simulation and sensitivity).
 *
 * @example
 * proposalOfStreamOn(numberCalculator, cfs, cohortStreamOn(numberCalculator, profileStreamInput(cfs), cfs.horizon))
 *   .quantifiedOpportunity // ≈ 1104079.71
 */
export function proposalOfStreamOn<T>(
  calc: Calculator<T>,
  input: ProfileInput,
  stream: StreamProfile<T>,
): ProposalProfile<T> {
  return computeProposalProfileOn(calc, proposalInputOfStream(input, stream));
}

/**
 * The proposal profile input of a ProfileInput's cohort stream: the input's investment, overlap and prices
 * (proposalOfStreamOn profiles it; a simulated draw reads only its net and MTFS rows, proposalFiguresOn).
 *
 * @example
 * proposalInputOfStream(cfs, stream).prices?.priceBaseFy // cfs.unitCost.priceBaseFy
 */
export function proposalInputOfStream<T>(
  input: ProfileInput,
  stream: StreamProfile<T>,
): ProposalProfileInput<T> {
  const { horizon, unitCost } = input;
  return {
    streams: [stream],
    investment: input.investment,
    mtfsOverlap: input.mtfsOverlap,
    inflationContingency: unitCost.inflationContingency ? HELD_ON_GROSS : NOT_HELD,
    prices: pricesOf(unitCost),
    horizon,
  };
}

// Records a simulated draw would otherwise make afresh (proposalFiguresOn compares their fields, not identity).
const HELD_ON_GROSS = { heldCentrally: true, base: "gross" } as const;
const NOT_HELD = { heldCentrally: false, base: "gross" } as const;

/**
 * The unit cost's prices: a record of the last few made again when a draw leaves the three figures alone (a ring
 * compared by field, as a programme's proposals take turns).
 */
function pricesOf(u: UnitCost): ProposalPrices {
  for (let k = 0; k < recentPrices.length; k++) {
    const p = recentPrices[k];
    if (
      p.inflationPerYear === u.inflationPerYear &&
      p.priceBaseFy === u.priceBaseFy &&
      p.periodsPerYear === u.periodsPerYear
    ) {
      return p;
    }
  }
  const made = {
    inflationPerYear: u.inflationPerYear,
    priceBaseFy: u.priceBaseFy,
    periodsPerYear: u.periodsPerYear,
  };
  recentPrices[nextPrices] = made;
  nextPrices = (nextPrices + 1) % RECENT_PRICES;
  return made;
}

const RECENT_PRICES = 8;
const recentPrices: ProposalPrices[] = [];
let nextPrices = 0;
