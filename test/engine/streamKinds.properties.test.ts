import fc from "fast-check";
import { Decimal } from "../../src/engine/money";
import { addCalendarMonths } from "../../src/engine/fiscalYear";
import { addressableSpendStream } from "../../src/engine/addressableSpendStream";
import { incomeStream } from "../../src/engine/incomeStream";
import { staffingStream } from "../../src/engine/staffingStream";
import { provisionStream } from "../../src/engine/provisionStream";
import { packageReviewStream } from "../../src/engine/packageReviewStream";
import { reablementStream } from "../../src/engine/reablementStream";
import { linearRamp } from "../../src/engine/shareSchedule";
import type { StreamProfile } from "../../src/engine/stream";

/**
 * Invariants every stream kind keeps: a saving is never negative; a zero rate or volume gives zero; from
 * settledFy on, the saving at price-base prices no longer changes (only inflation moves gross), and gross is
 * grossAtPriceBase inflated in whole steps each 1 April.
 */
const D = (x: number): Decimal => new Decimal(x);
const horizon = { firstFy: 2026, lastFy: 2034, mtfsLastFy: 2029 };

const dateArb = fc.integer({ min: 0, max: 60 }).map((k) => addCalendarMonths("2026-01-01", k));
const spanArb = fc.integer({ min: 0, max: 30 });
const inflationArb = fc.constantFrom(0, 0.03, 0.04);

/** A random stream of a random kind, built with `scale` multiplying its rate or volume (0 or 1). */
const streamArb = (scale: fc.Arbitrary<number>): fc.Arbitrary<StreamProfile> =>
  fc
    .record({
      kind: fc.constantFrom("spend", "income", "staffing", "provision", "review", "reablement"),
      from: dateArb,
      span: spanArb,
      amount: fc.integer({ min: 1, max: 5_000_000 }),
      rate: fc.double({ min: 0.001, max: 1, noNaN: true }),
      count: fc.integer({ min: 1, max: 2000 }),
      weeks: fc.integer({ min: 1, max: 300 }),
      steps: fc.integer({ min: 1, max: 6 }),
      inflation: inflationArb,
      scale,
    })
    .map((r) => {
      const to = addCalendarMonths(r.from, r.span);
      const prices = { inflationPerYear: D(r.inflation), priceBaseFy: 2026 };
      const s = D(r.scale);
      switch (r.kind) {
        case "spend":
          return addressableSpendStream(
            {
              id: "s",
              label: "s",
              ...prices,
              categories: [
                {
                  label: "c",
                  addressableSpend: D(r.amount),
                  reductionRate: s.times(r.rate),
                  ramp: linearRamp(r.from, to),
                },
              ],
            },
            horizon,
          );
        case "income":
          return incomeStream(
            {
              id: "i",
              label: "i",
              ...prices,
              items: [
                {
                  kind: "volumeTimesFee",
                  label: "f",
                  volumePerYear: s.times(r.count),
                  feePerUnit: D(r.amount % 1000),
                  goLiveDate: r.from,
                },
                { kind: "amountPerYear", label: "a", amountPerYear: s.times(r.amount), goLiveDate: to },
              ],
            },
            horizon,
          );
        case "staffing":
          return staffingStream(
            {
              id: "t",
              label: "t",
              ...prices,
              reductions: [
                {
                  kind: "fte",
                  label: "f",
                  fteReduction: s.times(r.count % 50),
                  costPerFte: D(45000),
                  fromDate: r.from,
                  fullByDate: to,
                },
                { kind: "amount", label: "a", amountPerYear: s.times(r.amount), fromDate: to },
              ],
            },
            horizon,
          );
        case "provision":
          return provisionStream(
            {
              id: "p",
              label: "p",
              ...prices,
              caseload: s.times(r.count % 40),
              currentWeeklyCost: D(13000),
              newProvisionWeeklyCost: D(13000 - (r.amount % 5000)),
              openingDate: r.from,
              movesPerStep: D(r.steps),
              stepMonths: r.steps,
            },
            horizon,
          );
        case "review":
          return packageReviewStream(
            {
              id: "r",
              label: "r",
              ...prices,
              caseload: D(r.count),
              weeksBetweenReviews: D(r.weeks),
              reductionRate: s.times(r.rate),
              saving: { kind: "hours", hoursPerWeek: D(r.steps), costPerHour: D(25) },
              timeline: {
                startDate: r.from,
                designWeeks: D(r.span),
                pilotWeeks: D(0),
                rolloutWeeks: D(r.weeks),
                leadWeeks: D(0),
                ramp: "linear",
              },
              durationWeeks: r.steps % 2 === 0 ? D(r.weeks) : undefined,
            },
            horizon,
          );
        default:
          return reablementStream(
            {
              id: "b",
              label: "b",
              ...prices,
              finishersPerYear: s.times(r.count),
              ramp: linearRamp(r.from, to),
              durationWeeks: D(r.weeks),
              saving: { kind: "weekly", weeklySavingPerPerson: D(r.amount % 500) },
            },
            horizon,
          );
      }
    });

describe("every stream kind", () => {
  it("never reports a negative saving", () => {
    fc.assert(
      fc.property(streamArb(fc.constant(1)), (p) =>
        p.years.every((y) => y.gross.gte(0) && y.grossAtPriceBase.gte(0) && y.gross.isFinite()),
      ),
      { numRuns: 200 },
    );
  });

  it("gives zero for a zero rate or volume", () => {
    fc.assert(
      fc.property(streamArb(fc.constant(0)), (p) => p.years.every((y) => y.gross.isZero())),
      { numRuns: 200 },
    );
  });

  it("changes only by inflation from settledFy on", () => {
    fc.assert(
      fc.property(streamArb(fc.constant(1)), (p) => {
        const settled = p.years.filter((y) => y.fy >= p.settledFy);
        const first = settled[0];
        if (first === undefined) return true;
        return settled.every((y) => y.grossAtPriceBase.minus(first.grossAtPriceBase).abs().lt(1e-9));
      }),
      { numRuns: 200 },
    );
  });

  it("states gross as grossAtPriceBase inflated each 1 April", () => {
    fc.assert(
      fc.property(streamArb(fc.constant(1)), (p) =>
        p.years.every((y) => {
          if (y.grossAtPriceBase.isZero()) return y.gross.isZero();
          const ratio = y.gross.div(y.grossAtPriceBase);
          return [0, 0.03, 0.04].some((i) =>
            ratio
              .minus(D(1 + i).pow(y.fy - 2026))
              .abs()
              .lt(1e-12),
          );
        }),
      ),
      { numRuns: 200 },
    );
  });
});

describe("every stream kind on bad numbers", () => {
  // Any number (NaN, ±Infinity, negative, huge) either gives finite figures or an EngineError naming a field;
  // never NaN, Infinity or an untyped throw.
  const anyNumber = fc.oneof(
    fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, 0, 1e300),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: -10, max: 1e6, noNaN: true }),
  );
  const finite = (p: StreamProfile): boolean =>
    p.years.every(
      (y) =>
        y.gross.isFinite() &&
        y.grossAtPriceBase.isFinite() &&
        (y.oneOffCosts?.isFinite() ?? true) &&
        y.measures.every((x) => x.value.isFinite()),
    );
  const outcome = (run: () => StreamProfile): boolean => {
    try {
      return finite(run());
    } catch (e) {
      return e instanceof Error && e.name === "EngineError";
    }
  };

  it("never returns NaN or Infinity and never throws untyped", () => {
    fc.assert(
      fc.property(fc.array(anyNumber, { minLength: 8, maxLength: 8 }), (n) => {
        const [a, b, c, d, e, f, g, h] = n.map((x) => new Decimal(x));
        const prices = { inflationPerYear: g };
        return (
          outcome(() =>
            addressableSpendStream(
              {
                id: "s",
                label: "s",
                ...prices,
                categories: [
                  {
                    label: "c",
                    addressableSpend: a,
                    reductionRate: b,
                    benefitShare: c,
                    ramp: { shape: "linear", points: [{ date: "2026-04-01", share: d }] },
                  },
                ],
              },
              horizon,
            ),
          ) &&
          outcome(() =>
            incomeStream(
              {
                id: "i",
                label: "i",
                ...prices,
                items: [
                  {
                    kind: "volumeTimesFee",
                    label: "f",
                    volumePerYear: a,
                    feePerUnit: b,
                    currentFeePerUnit: c,
                    goLiveDate: "2026-09-01",
                  },
                ],
              },
              horizon,
            ),
          ) &&
          outcome(() =>
            staffingStream(
              {
                id: "t",
                label: "t",
                ...prices,
                reductions: [
                  { kind: "fte", label: "f", fteReduction: a, costPerFte: b, fromDate: "2026-04-01" },
                ],
              },
              horizon,
            ),
          ) &&
          outcome(() =>
            provisionStream(
              {
                id: "p",
                label: "p",
                ...prices,
                caseload: a,
                places: h,
                currentWeeklyCost: b,
                newProvisionWeeklyCost: c,
                openingDate: "2027-01-01",
                movesPerStep: d,
                stepMonths: 3,
                costPerMove: e,
                weeksPerYear: f,
              },
              horizon,
            ),
          ) &&
          outcome(() =>
            packageReviewStream(
              {
                id: "r",
                label: "r",
                ...prices,
                caseload: a,
                growthPerYear: h,
                weeksBetweenReviews: b,
                reductionRate: c,
                saving: { kind: "hours", hoursPerWeek: d, costPerHour: e },
                timeline: {
                  startDate: "2026-08-01",
                  designWeeks: f,
                  pilotWeeks: D(0),
                  rolloutWeeks: h,
                  leadWeeks: D(0),
                  ramp: "linear",
                },
                durationWeeks: f,
                costPerReduction: e,
              },
              horizon,
            ),
          ) &&
          outcome(() =>
            reablementStream(
              {
                id: "b",
                label: "b",
                ...prices,
                finishersPerYear: a,
                ramp: linearRamp("2026-07-01", "2027-05-01"),
                durationWeeks: b,
                saving: { kind: "weekly", weeklySavingPerPerson: c },
                costPerFinisher: d,
              },
              horizon,
            ),
          )
        );
      }),
      { numRuns: 1000 },
    );
  });
});
