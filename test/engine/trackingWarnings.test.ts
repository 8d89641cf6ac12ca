import fc from "fast-check";
import { Decimal } from "../../src/engine";
import {
  FAR_ABOVE_PLAN,
  FEW_PERIODS,
  WAY_ABOVE_PLAN,
  extrapolationWarning,
} from "../../src/engine/trackingWarnings";
import { variance } from "../../src/engine/variance";

const months = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `2027-${String(i + 1).padStart(2, "0")}`);
const measure = (actual: number, plan: number, periods: number) => ({
  ...variance(new Decimal(actual), new Decimal(plan)),
  measure: "avoidedEvents",
  periods: months(periods),
});

describe("tracking warnings", () => {
  it("warns of actuals far above plan from few periods, and of actuals way above plan from any number", () => {
    expect(extrapolationWarning(measure(10, 4, 2))?.message).toMatch(
      /2\.5× the plan from 2 periods .*very little/,
    );
    expect(extrapolationWarning(measure(10, 4, 4))).toBeUndefined();
    // The trial's 1,000 avoided events in the fourth month of a plan of about 3.5 to date.
    const w = extrapolationWarning(measure(1003, 3.5, 4));
    expect(w?.timesPlan?.toNumber()).toBeCloseTo(286.57, 2);
    expect(w?.message).toMatch(/286\.6× the plan from 4 periods \(2027-01 to 2027-04\).*check the actuals/);
    // A plan of nothing: only from few periods (a start earlier than planned over several is not a slip).
    expect(extrapolationWarning(measure(5, 0, 1))?.message).toMatch(/above a plan of nothing/);
    expect(extrapolationWarning(measure(5, 0, 6))).toBeUndefined();
  });

  it("names the measure in the sheets' words, and a stream's measure with its stream (new-user trial)", () => {
    expect(extrapolationWarning(measure(10, 4, 2))?.message).toMatch(
      /^Avoided events: actual to date is 2\.5×/,
    );
    const saving = { ...measure(10, 4, 2), measure: "saving", stream: "fees" };
    expect(extrapolationWarning(saving)?.message).toMatch(/^Stream fees, Saving \(£\): actual to date/);
  });

  it("never warns at or below the multiple its number of periods allows (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 24 }),
        (plan, share, periods) => {
          const limit = periods < FEW_PERIODS ? FAR_ABOVE_PLAN : WAY_ABOVE_PLAN;
          const actual = new Decimal(plan).times(limit).times(share).toNumber();
          // The nearest double can land just above limit × plan (share 1): then it is above, not at, the limit.
          if (new Decimal(actual).lte(new Decimal(plan).times(limit))) {
            expect(extrapolationWarning(measure(actual, plan, periods))).toBeUndefined();
          }
          const above = new Decimal(plan).times(limit).times(1.01).toNumber();
          expect(extrapolationWarning(measure(above, plan, periods))).toBeDefined();
        },
      ),
    );
  });
});
