import fc from "fast-check";
import { Decimal, monthsToWeeks, type CostItem, type MtfsOverlap, type ProfileInput } from "../../src/engine";

/**
 * Random engine inputs (typed records, as the parser hands them over) across the whole single-cohort input
 * space: both levers, all targets with and without a fixed cohort, components realised from a date, batches,
 * delivery ends, every cost and overlap kind, inflation held centrally or not. Shared by the stream tests.
 */

const D = (x: number): Decimal => new Decimal(x);
const money = (max: number): fc.Arbitrary<Decimal> => fc.integer({ min: 0, max }).map(D);
const rate = (max: number): fc.Arbitrary<Decimal> =>
  fc.integer({ min: 0, max: Math.round(max * 1000) }).map((x) => D(x).div(1000));
const date = fc.constantFrom(
  "2026-04-01",
  "2026-08-01",
  "2026-12-01",
  "2027-06-30",
  "2028-02-29",
  "2029-10-15",
);

const costArb: fc.Arbitrary<CostItem> = fc.oneof(
  fc.record({
    kind: fc.constant("ongoing" as const),
    label: fc.constant("Team"),
    amountPerYear: money(2_000_000),
    fromDate: date,
    toDate: fc.option(fc.constantFrom("2028-07-31", "2030-03-31", "2031-09-30"), { nil: undefined }),
    inflates: fc.option(fc.boolean(), { nil: undefined }),
    inflationPerYear: fc.option(rate(0.05), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("oneOff" as const),
    label: fc.constant("Set-up"),
    amount: money(500_000),
    date,
  }),
  fc.record({
    kind: fc.constant("perCase" as const),
    label: fc.constant("Bus pass"),
    amountPerCasePerYear: money(5000),
  }),
  fc.record({
    kind: fc.constant("phased" as const),
    label: fc.constant("Phased"),
    amountsByFy: fc.array(fc.record({ fy: fc.integer({ min: 2026, max: 2031 }), amount: money(300_000) }), {
      maxLength: 3,
    }),
  }),
);

const overlapArb: fc.Arbitrary<MtfsOverlap> = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.record({
    kind: fc.constant("amountPerYear" as const),
    amountPerYear: money(1_000_000),
    capAtGross: fc.boolean(),
    fromFy: fc.option(fc.integer({ min: 2026, max: 2029 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant("amountPerWeek" as const), amountPerWeek: money(300) }),
  fc.record({ kind: fc.constant("weeksOfDuration" as const), weeks: money(20) }),
);

/** A valid single-cohort ProfileInput. */
export const profileInputArb: fc.Arbitrary<ProfileInput> = fc
  .record({
    volumePerYear: money(2000),
    growthPerYear: rate(0.1),
    target: fc.oneof(
      fc.record({
        kind: fc.constant("percent" as const),
        value: rate(0.5),
        cohortSize: fc.option(money(200), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant("countPerYear" as const),
        value: money(100),
        cohortSize: fc.option(money(200), { nil: undefined }),
      }),
      fc.record({ kind: fc.constant("caseloadReduction" as const), value: money(50) }),
    ),
    lever: fc.constantFrom("entry" as const, "exit" as const),
    durationWeeks: fc.integer({ min: 30, max: 3000 }).map((x) => D(x).div(10)),
    weeklyCost: money(8000),
    alternativeWeeklyCost: money(2000),
    inflationPerYear: rate(0.1),
    inflationContingency: fc.boolean(),
    components: fc.option(
      fc.array(
        fc.record({
          label: fc.constant("Part"),
          share: rate(1),
          costPerPeriod: money(100),
          realisedFrom: fc.option(fc.constant("09-01"), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      { nil: undefined },
    ),
    startDate: fc.constantFrom("2026-04-01", "2026-08-01", "2027-01-15", "2028-02-29"),
    designMonths: fc.integer({ min: 0, max: 6 }),
    pilotMonths: fc.integer({ min: 0, max: 6 }),
    rolloutMonths: fc.integer({ min: 0, max: 12 }),
    leadMonths: fc.integer({ min: 0, max: 24 }).map((x) => x / 2),
    ramp: fc.constantFrom("linear" as const, "monthly-steps" as const, "immediate" as const),
    deliveryEndDate: fc.option(fc.constantFrom("2028-07-31", "2030-03-31"), { nil: undefined }),
    batches: fc.option(fc.constantFrom(12, 26), { nil: undefined }),
    investment: fc.array(costArb, { maxLength: 3 }),
    mtfsOverlap: overlapArb,
  })
  .filter((r) => r.mtfsOverlap.kind !== "weeksOfDuration" || r.mtfsOverlap.weeks.lt(r.durationWeeks))
  .map((r): ProfileInput => ({
    baseline: { volumePerYear: r.volumePerYear, growthPerYear: r.growthPerYear },
    target: r.target,
    lever: r.lever,
    durationWeeks: r.durationWeeks,
    unitCost: {
      weeklyCost: r.weeklyCost,
      alternativeWeeklyCost: r.alternativeWeeklyCost,
      overlapWeeklyCost: D(0),
      inflationPerYear: r.inflationPerYear,
      priceBaseFy: 2026,
      periodsPerYear: D(52.18),
      ...(r.components ? { components: r.components } : {}),
      inflationContingency: r.inflationContingency,
    },
    timeline: {
      startDate: r.startDate,
      designWeeks: monthsToWeeks(r.designMonths),
      pilotWeeks: monthsToWeeks(r.pilotMonths),
      rolloutWeeks: monthsToWeeks(r.rolloutMonths),
      leadWeeks: monthsToWeeks(r.leadMonths),
      ramp: r.ramp,
      ...(r.deliveryEndDate ? { deliveryEndDate: r.deliveryEndDate } : {}),
      ...(r.batches ? { delivery: { kind: "batches" as const, everyWeeks: D(r.batches) } } : {}),
    },
    investment: r.investment,
    mtfsOverlap: r.mtfsOverlap,
    horizon: { firstFy: 2026, lastFy: 2031, mtfsLastFy: 2029 },
  }));
