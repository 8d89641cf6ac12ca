import type { Decimal } from "./money";
import { EngineError } from "./errors";
import { addressableSpendStreamOn, type AddressableSpendInput } from "./addressableSpendStream";
import { decimalCalculator, type Calculator } from "./calculator";
import { cohortStreamOn, type CohortStreamInput } from "./cohortStream";
import type { ExistingMtfsLine } from "./existingMtfs";
import { incomeStreamOn, type IncomeInput } from "./incomeStream";
import { packageReviewStreamOn, type PackageReviewInput } from "./packageReviewStream";
import { cohortStreamInputOf, profileStreamInput, profileSummary } from "./profile";
import {
  computeProposalProfileOn,
  type InflationContingencyRule,
  type ProposalPrices,
  type ProposalProfile,
  type ProposalProfileInput,
} from "./proposalProfile";
import { provisionStreamOn, type ProvisionInput } from "./provisionStream";
import { reablementStreamOn, type ReablementInput } from "./reablementStream";
import { staffingStreamOn, type StaffingInput } from "./staffingStream";
import { WHOLE_STREAM, uniformStream, type StreamNeeds, type StreamProfile } from "./stream";
import type { CumulativeFlow } from "./stockFlow";
import type { CostItem, Horizon, MtfsOverlap, Profile, ProfileInput, Target } from "./types";

/**
 * A proposal's assumptions as the engine takes them (issue 13): one or more saving streams, each of its own kind
 * (cohort, % of addressable spend, income, staffing, new provision, package review, reablement), plus the
 * proposal-level costs, MTFS overlap, existing MTFS lines, confidence weighting, inflation rule and prices.
 * format/assumptionsFormat.ts reads both input forms into this record; computeAssumptions profiles it.
 */

/** What every stream carries besides its kind's own inputs. */
export interface StreamCommon {
  /** Short slug, unique in the proposal (costs name it). */
  readonly id: string;
  /** The stream in words. */
  readonly label: string;
  /** A confidence weighting on the stream's gross (fraction, 0 to 1). */
  readonly confidenceWeighting?: Decimal;
  /** Text shown beside the stream. */
  readonly note?: string;
  /** Names the cohort or saving across the programme (overlapRegister.ts flags two proposals naming one). */
  readonly cohortKey?: string;
}

/** A stretch target (scrutiny report paragraph 22): what the Stretch scenarios model in place of the target. */
export interface StretchTarget {
  readonly target: Target;
  readonly note?: string;
}

/** One stream of a proposal: its kind and exactly that kind module's inputs (a cohort's own stretch target too). */
export type StreamInput =
  | (StreamCommon & CohortStreamInput & { readonly kind: "cohort"; readonly stretch?: StretchTarget })
  | (StreamCommon & AddressableSpendInput & { readonly kind: "addressableSpend" })
  | (StreamCommon & IncomeInput & { readonly kind: "income" })
  | (StreamCommon & StaffingInput & { readonly kind: "staffing" })
  | (StreamCommon & ProvisionInput & { readonly kind: "provision" })
  | (StreamCommon & PackageReviewInput & { readonly kind: "packageReview" })
  | (StreamCommon & ReablementInput & { readonly kind: "reablement" });

/** A proposal's assumptions, with every default applied. */
export interface ProposalAssumptions {
  readonly horizon: Horizon;
  readonly streams: readonly StreamInput[];
  readonly investment: readonly CostItem[];
  readonly mtfsOverlap: MtfsOverlap;
  readonly existingMtfsLines: readonly ExistingMtfsLine[];
  /** A confidence weighting built into the whole financial profile (fraction, 0 to 1). */
  readonly confidenceWeighting?: Decimal;
  readonly inflationContingency: InflationContingencyRule;
  readonly prices: ProposalPrices;
  /**
   * The single cohort as today's ProfileInput, when the file used the single-cohort form and nothing only the
   * multi-stream model expresses (existing MTFS lines, a confidence weighting, an inflation rule or prices of
   * its own): computeProfile(cohort) then gives exactly computeAssumptions' figures.
   */
  readonly cohort?: ProfileInput;
  /**
   * A stretch target the proposal states (single-cohort form): what its Stretch scenarios model instead. In
   * the multi-stream form each cohort stream states its own (`streams[i].stretch`).
   */
  readonly stretch?: StretchTarget;
}

/**
 * The single cohort of a proposal's assumptions, or an EngineError naming what needs it: forecasts, period
 * profiles and the cohort-only cells work on the single-cohort form.
 *
 * @example
 * singleCohort(parseProposal(cfsJson).assumptions, "forecast").durationWeeks.toNumber() // 153.1
 * singleCohort(multiStream, "forecast") // throws "assumptions: forecast works on single-cohort proposals only"
 */
export function singleCohort(a: ProposalAssumptions, what: string): ProfileInput {
  if (a.cohort === undefined) {
    throw new EngineError(
      "contradictory",
      "assumptions",
      `${what} works on single-cohort proposals only; this one has ${describeStreams(a)}`,
    );
  }
  return a.cohort;
}

function describeStreams(a: ProposalAssumptions): string {
  if (a.streams.length > 1) return `${a.streams.length} streams`;
  if (a.streams[0]?.kind !== "cohort") return `a ${a.streams[0]?.kind ?? "missing"} stream`;
  return "proposal-level lines only the multi-stream model computes (existing MTFS lines, a confidence weighting, prices or the net inflation base)";
}

/** One stream's profile from its kind module, on a number backend, worked out as far as `needs` (stream.ts). */
function streamProfile<T>(
  calc: Calculator<T>,
  s: StreamInput,
  a: ProposalAssumptions,
  needs: StreamNeeds = WHOLE_STREAM,
): StreamProfile<T> {
  const { horizon } = a;
  switch (s.kind) {
    case "cohort":
      // As computeProfile: the timeline and a weeks-of-duration overlap are checked, and the overlap shortens
      // the cohort's duration.
      return uniformStream(
        cohortStreamOn(calc, cohortStreamInputOf(s, a.mtfsOverlap, horizon, calc), horizon),
      );
    case "addressableSpend":
      return weightedBy(s, addressableSpendStreamOn(calc, s, horizon, needs));
    case "income":
      return weightedBy(s, incomeStreamOn(calc, s, horizon, needs));
    case "staffing":
      return weightedBy(s, staffingStreamOn(calc, s, horizon, needs));
    case "provision":
      return weightedBy(s, provisionStreamOn(calc, s, horizon, needs));
    case "packageReview":
      return weightedBy(s, packageReviewStreamOn(calc, s, horizon, needs));
    case "reablement":
      return weightedBy(s, reablementStreamOn(calc, s, horizon, needs));
  }
}

/**
 * Runs a kind module, naming the stream in its errors (`streams[1].caseload`). A cohort stream's errors keep
 * today's fields (`durationWeeks`, `mtfsOverlap.weeks`), as the single-cohort form always reported them.
 */
function inStream<T>(k: number, s: StreamInput, run: () => StreamProfile<T>): StreamProfile<T> {
  try {
    return run();
  } catch (e) {
    throw inStreamError(k, s, e);
  }
}

/** streamProfile in stream k's terms, as inStream, without a closure (a simulated draw profiles every stream). */
function streamProfileAt<T>(
  calc: Calculator<T>,
  k: number,
  s: StreamInput,
  a: ProposalAssumptions,
  needs: StreamNeeds,
): StreamProfile<T> {
  try {
    return streamProfile(calc, s, a, needs);
  } catch (e) {
    throw inStreamError(k, s, e);
  }
}

/** An error a stream's model threw, its field named in the proposal's terms (a cohort's already are). */
function inStreamError(k: number, s: StreamInput, e: unknown): unknown {
  if (s.kind === "cohort" || !(e instanceof EngineError)) return e;
  return new EngineError(e.code, e.field ? `streams[${k}].${e.field}` : `streams[${k}]`, e.rule);
}

/** A kind module's profile with the stream's confidence weighting (the cohort module carries its own). */
function weightedBy<T>(s: StreamCommon, p: StreamProfile<T>): StreamProfile<T> {
  return uniformStream(p, s.confidenceWeighting);
}

/**
 * Profiles a proposal's assumptions: each stream from its kind module, summed with the costs, overlap and
 * existing MTFS lines (computeProposalProfile). `profile` is today's summary (Profile); `proposal` keeps each
 * stream's, cost's and existing line's own lines. The single-cohort form gives computeProfile's figures.
 *
 * @example
 * const { profile, proposal } = computeAssumptions(parseProposal(json).assumptions);
 * profile.quantifiedOpportunity.div(1e6).toFixed(2) // "2.77" (CFS Targeted Prevention)
 * proposal.streams.map((s) => s.id) // ["cohort"]
 */
export function computeAssumptions(a: ProposalAssumptions): { profile: Profile; proposal: ProposalProfile } {
  const proposal = assumptionsProfileOn(decimalCalculator, a);
  return { profile: profileSummary(proposal), proposal };
}

/**
 * The proposal profile of the assumptions on a number backend: computeAssumptions' `proposal` on Decimal;
 * simulation and sensitivity run it on plain numbers (every stream kind and the proposal level).
 *
 * @example
 * assumptionsProfileOn(numberCalculator, parseProposal(json).assumptions).quantifiedOpportunity // ≈ 1104079.71
 */
export function assumptionsProfileOn<T>(calc: Calculator<T>, a: ProposalAssumptions): ProposalProfile<T> {
  return computeProposalProfileOn(calc, assumptionsProfileInputOn(calc, a));
}

/**
 * The proposal profile input of a proposal's assumptions on `calc`: its streams worked out, the rest as parsed
 * (assumptionsProfileOn profiles it; a simulated draw reads only its net and MTFS rows, proposalFiguresOn, so
 * it asks only for what those read: `needs`, figuresNeeds in stream.ts).
 *
 * @example
 * computeProposalProfileOn(numberCalculator, assumptionsProfileInputOn(numberCalculator, a)) // = assumptionsProfileOn(numberCalculator, a)
 */
export function assumptionsProfileInputOn<T>(
  calc: Calculator<T>,
  a: ProposalAssumptions,
  needs: StreamNeeds = WHOLE_STREAM,
): ProposalProfileInput<T> {
  // A loop, not Array.map: the proposal profile reads this array back on every simulated draw, and map's
  // arrays differ in elements kind between optimised and unoptimised code (proposalProfile.ts's `mapped`).
  const streams: StreamProfile<T>[] = [];
  for (let k = 0; k < a.streams.length; k++) {
    streams.push(streamProfileAt(calc, k, a.streams[k], a, needs));
  }
  return {
    streams,
    investment: a.investment,
    mtfsOverlap: a.mtfsOverlap,
    existingMtfsLines: a.existingMtfsLines,
    // Always the key (undefined when not given): one input shape for every proposal a simulation profiles.
    confidenceWeighting: a.confidenceWeighting,
    inflationContingency: a.inflationContingency,
    prices: a.prices,
    horizon: a.horizon,
  };
}

/**
 * The proposal profile of the assumptions with each stream's profile passed through `adjust` (tracking re-runs
 * streams on actuals, streamForecast.ts): `adjust` gets the stream's index, input and planned profile, and a
 * `rerunCohort` that re-runs a cohort stream with its avoided-events flow replaced.
 *
 * @example
 * assumptionsProfileWith(a, (k, s, planned) => planned).quantifiedOpportunity // as computeAssumptions(a)
 */
export function assumptionsProfileWith(
  a: ProposalAssumptions,
  adjust: (
    k: number,
    s: StreamInput,
    planned: StreamProfile,
    rerunCohort: (flow: (plan: CumulativeFlow) => CumulativeFlow) => StreamProfile,
  ) => StreamProfile,
): ProposalProfile {
  const calc = decimalCalculator;
  const { horizon } = a;
  return computeProposalProfileOn(calc, {
    streams: a.streams.map((s, k) =>
      inStream(k, s, () =>
        adjust(k, s, streamProfile(calc, s, a), (flow) => {
          if (s.kind !== "cohort")
            throw new EngineError(
              "contradictory",
              `streams[${k}]`,
              "only a cohort stream has an avoided-events flow",
            );
          const input = { ...s, investment: a.investment, mtfsOverlap: a.mtfsOverlap, horizon };
          return cohortStreamOn(calc, profileStreamInput(input, calc), horizon, flow);
        }),
      ),
    ),
    investment: a.investment,
    mtfsOverlap: a.mtfsOverlap,
    existingMtfsLines: a.existingMtfsLines,
    ...(a.confidenceWeighting === undefined ? {} : { confidenceWeighting: a.confidenceWeighting }),
    inflationContingency: a.inflationContingency,
    prices: a.prices,
    horizon: a.horizon,
  });
}

/**
 * The assumptions of a single-cohort ProfileInput (one `cohort` stream, its unit cost pricing the costs), so
 * code holding a ProfileInput can use computeAssumptions.
 *
 * @example
 * computeAssumptions(assumptionsOfCohort(input)).profile // equals computeProfile(input)
 */
export function assumptionsOfCohort(input: ProfileInput): ProposalAssumptions {
  const { investment, mtfsOverlap, horizon, ...cohort } = input;
  return {
    horizon,
    streams: [{ kind: "cohort", id: "cohort", label: "Cohort", ...cohort }],
    investment,
    mtfsOverlap,
    existingMtfsLines: [],
    inflationContingency: { heldCentrally: input.unitCost.inflationContingency, base: "gross" },
    prices: {
      inflationPerYear: input.unitCost.inflationPerYear,
      priceBaseFy: input.unitCost.priceBaseFy,
      periodsPerYear: input.unitCost.periodsPerYear,
    },
    cohort: input,
  };
}
