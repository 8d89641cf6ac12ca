import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { decimalCalculator, numberCalculator } from "../../src/engine/calculator";
import { firstWholeFyFrom, firstWholeFyFromDay, firstWholeFyFromOn } from "../../src/engine/runRate";
import {
  Decimal,
  ZERO,
  computeProfile,
  monthsToWeeks,
  parseProposal,
  resolveTimeline,
  runRateFy,
  timeToFullRunRateYears,
} from "../../src/engine";

const cfsTimeline = resolveTimeline({
  startDate: "2026-08-01",
  designWeeks: ZERO,
  pilotWeeks: monthsToWeeks(4),
  rolloutWeeks: monthsToWeeks(6),
  leadWeeks: monthsToWeeks(8.5),
  ramp: "monthly-steps",
});
const horizon = { firstFy: 2026, lastFy: 2031, mtfsLastFy: 2029 };

describe("run rate", () => {
  it("is reached in the first whole FY after the stock saturates", () => {
    // Full impact mid-Feb 2028 + 153.1 weeks ≈ Feb 2031, so FY31/32 is the first whole steady year.
    expect(runRateFy(cfsTimeline, new Decimal(153.1), horizon)).toBe(2031);
    // 10 weeks after mid-Feb 2028 is late April 2028, inside FY28/29, so FY29/30 is the first whole year.
    expect(runRateFy(cfsTimeline, new Decimal(10), horizon)).toBe(2029);
  });

  it("is capped at the end of the horizon", () => {
    expect(runRateFy(cfsTimeline, new Decimal(1000), horizon)).toBe(2031);
  });

  it("counts time to full run rate from the start to full impact", () => {
    expect(timeToFullRunRateYears(cfsTimeline).toNumber()).toBeCloseTo(18.5 / 12, 12);
  });

  it("waits for a fixed cohort to be trained before full run rate", () => {
    const raw: unknown = JSON.parse(
      fs.readFileSync(path.join(__dirname, "../../examples/independent-travel-training.json"), "utf8"),
    );
    const p = computeProfile(parseProposal(raw).assumptions.cohort!);
    // 10 a term from 1 Nov 2026: the 61st CYP completes in the 7th term (June 2028), 1.86 years after 1 Aug 2026.
    expect(p.timeToFullRunRateYears.toDecimalPlaces(2).toNumber()).toBe(1.86);
  });
});

describe("firstWholeFyFrom without a Decimal (a simulation settles streams on every draw)", () => {
  it("a whole day and a day on either backend give the FY the Decimal form gives", () => {
    fc.assert(
      fc.property(fc.integer({ min: 40000, max: 60000 }), fc.integer({ min: 0, max: 999 }), (day, frac) => {
        const x = day + frac / 1000;
        expect(firstWholeFyFromDay(day)).toBe(firstWholeFyFrom(new Decimal(day)));
        expect(firstWholeFyFromOn(numberCalculator, x)).toBe(firstWholeFyFrom(new Decimal(x)));
        expect(firstWholeFyFromOn(decimalCalculator, new Decimal(x))).toBe(firstWholeFyFrom(new Decimal(x)));
      }),
      { numRuns: 200 },
    );
  });
});
