import fc from "fast-check";
import { Decimal } from "../../src/engine/money";
import { decimalCalculator, numberCalculator, type Calculator } from "../../src/engine/calculator";
import { addCalendarMonths } from "../../src/engine/fiscalYear";
import { addressableSpendStreamOn } from "../../src/engine/addressableSpendStream";
import { incomeStreamOn } from "../../src/engine/incomeStream";
import { staffingStreamOn } from "../../src/engine/staffingStream";
import { provisionStreamOn } from "../../src/engine/provisionStream";
import { packageReviewStreamOn } from "../../src/engine/packageReviewStream";
import { reablementStreamOn } from "../../src/engine/reablementStream";
import { linearRamp } from "../../src/engine/shareSchedule";
import { WHOLE_STREAM, figuresNeeds, type StreamNeeds, type StreamProfile } from "../../src/engine/stream";
import type { CostItem } from "../../src/engine/types";

/**
 * A stream asked only for what a proposal's net and MTFS rows read (figuresNeeds) gives each FY the same £
 * as the whole profile, on either backend, the measures too when a cost is priced on them.
 */
const D = (x: number): Decimal => new Decimal(x);
const horizon = { firstFy: 2026, lastFy: 2033, mtfsLastFy: 2029 };

const dateArb = fc.integer({ min: 0, max: 60 }).map((k) => addCalendarMonths("2026-01-01", k));

type Run = <T>(calc: Calculator<T>, needs: StreamNeeds) => StreamProfile<T>;

/** A random stream of a random kind, as a run on a backend with given needs; `perEvent` adds a cost per event. */
const streamArb: fc.Arbitrary<Run> = fc
  .record({
    kind: fc.constantFrom("spend", "income", "staffing", "provision", "review", "reablement"),
    from: dateArb,
    span: fc.integer({ min: 0, max: 30 }),
    amount: fc.integer({ min: 1, max: 5_000_000 }),
    rate: fc.double({ min: 0.001, max: 1, noNaN: true }),
    count: fc.integer({ min: 1, max: 2000 }),
    weeks: fc.integer({ min: 1, max: 300 }),
    steps: fc.integer({ min: 1, max: 6 }),
    inflation: fc.constantFrom(0, 0.03),
    eventCost: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
  })
  .map((r): Run => {
    const to = addCalendarMonths(r.from, r.span);
    const prices = { inflationPerYear: D(r.inflation), priceBaseFy: 2026 };
    const perEvent = r.eventCost === undefined ? undefined : D(r.eventCost);
    switch (r.kind) {
      case "spend":
        return (calc, needs) =>
          addressableSpendStreamOn(
            calc,
            {
              id: "s",
              label: "s",
              ...prices,
              categories: [
                {
                  label: "c",
                  addressableSpend: D(r.amount),
                  reductionRate: D(r.rate),
                  ramp: linearRamp(r.from, to),
                },
              ],
            },
            horizon,
            needs,
          );
      case "income":
        return (calc, needs) =>
          incomeStreamOn(
            calc,
            {
              id: "i",
              label: "i",
              ...prices,
              items: [
                {
                  kind: "volumeTimesFee",
                  label: "f",
                  volumePerYear: D(r.count),
                  feePerUnit: D(r.amount % 1000),
                  goLiveDate: r.from,
                },
                { kind: "amountPerYear", label: "a", amountPerYear: D(r.amount), goLiveDate: to },
              ],
            },
            horizon,
            needs,
          );
      case "staffing":
        return (calc, needs) =>
          staffingStreamOn(
            calc,
            {
              id: "t",
              label: "t",
              ...prices,
              reductions: [
                {
                  kind: "fte",
                  label: "f",
                  fteReduction: D(r.count % 50),
                  costPerFte: D(45000),
                  fromDate: r.from,
                  fullByDate: to,
                },
                { kind: "amount", label: "a", amountPerYear: D(r.amount), fromDate: to },
              ],
            },
            horizon,
            needs,
          );
      case "provision":
        return (calc, needs) =>
          provisionStreamOn(
            calc,
            {
              id: "p",
              label: "p",
              ...prices,
              caseload: D(r.count % 40),
              currentWeeklyCost: D(13000),
              newProvisionWeeklyCost: D(13000 - (r.amount % 5000)),
              openingDate: r.from,
              movesPerStep: D(r.steps),
              stepMonths: r.steps,
              costPerMove: perEvent,
            },
            horizon,
            needs,
          );
      case "review":
        return (calc, needs) =>
          packageReviewStreamOn(
            calc,
            {
              id: "r",
              label: "r",
              ...prices,
              caseload: D(r.count),
              weeksBetweenReviews: D(r.weeks),
              reductionRate: D(r.rate),
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
              costPerReduction: perEvent,
            },
            horizon,
            needs,
          );
      default:
        return (calc, needs) =>
          reablementStreamOn(
            calc,
            {
              id: "b",
              label: "b",
              ...prices,
              finishersPerYear: D(r.count),
              ramp: linearRamp(r.from, to),
              durationWeeks: D(r.weeks),
              saving: { kind: "hours", hoursPerWeek: D(r.steps), costPerHour: D(25) },
              costPerFinisher: perEvent,
            },
            horizon,
            needs,
          );
    }
  });

const ongoing: CostItem = {
  kind: "ongoing",
  label: "Team",
  amountPerYear: D(100000),
  fromDate: "2026-04-01",
};
const perEvent: CostItem = { kind: "perEvent", label: "Kit", amountPerEvent: D(250), measure: "finishers" };

/** Each FY's £ as a draw reads them, as plain numbers (strings on Decimal: digit for digit). */
function pounds<T>(calc: Calculator<T>, p: StreamProfile<T>): string[] {
  return p.years.map((y) =>
    [y.fy, y.gross, y.grossAtPriceBase, y.oneOffCosts ?? calc.zero]
      .map((x) => (typeof x === "number" ? String(x) : calc.toDecimal(x).toString()))
      .join(" "),
  );
}

describe("a stream asked for a proposal's figures only", () => {
  it("asks for measures only when a cost line is priced on the streams", () => {
    expect(figuresNeeds([ongoing])).toEqual({ measures: false, settled: false });
    expect(figuresNeeds([ongoing, perEvent])).toEqual({ measures: true, settled: false });
    expect(figuresNeeds([])).toEqual({ measures: false, settled: false });
  });

  it("gives every FY the whole profile's £ on either backend, without measures or settled FY", () => {
    fc.assert(
      fc.property(streamArb, (run) => {
        for (const calc of [numberCalculator, decimalCalculator] as Calculator<unknown>[]) {
          const whole = run(calc, WHOLE_STREAM);
          const figures = run(calc, figuresNeeds([ongoing]));
          expect(pounds(calc, figures)).toEqual(pounds(calc, whole));
          expect(figures.years.every((y) => y.measures.length === 0)).toBe(true);
          expect(figures.settledFy).toBe(horizon.firstFy);
          expect(figures.timeToFullImpactYears).toBeUndefined();
          expect(figures.id).toBe(whole.id);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("keeps every measure when a cost is priced per event", () => {
    fc.assert(
      fc.property(streamArb, (run) => {
        const whole = run(numberCalculator, WHOLE_STREAM);
        const figures = run(numberCalculator, figuresNeeds([perEvent]));
        expect(figures.years.map((y) => y.measures)).toEqual(whole.years.map((y) => y.measures));
        expect(pounds(numberCalculator, figures)).toEqual(pounds(numberCalculator, whole));
      }),
      { numRuns: 100 },
    );
  });
});
