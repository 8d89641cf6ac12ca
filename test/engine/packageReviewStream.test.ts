import { Decimal } from "../../src/engine/money";
import { WEEKS_PER_YEAR } from "../../src/engine/fiscalYear";
import { packageReviewStream, type PackageReviewInput } from "../../src/engine/packageReviewStream";

const D = (x: number | string): Decimal => new Decimal(x);
const horizon = { firstFy: 2026, lastFy: 2030, mtfsLastFy: 2029 };
const base: PackageReviewInput = {
  id: "r",
  label: "Reviews",
  caseload: D(1000),
  weeksBetweenReviews: D(52.18),
  reductionRate: D(0.5),
  saving: { kind: "hours", hoursPerWeek: D(4), costPerHour: D(25) },
  timeline: {
    startDate: "2026-04-01",
    designWeeks: D(0),
    pilotWeeks: D(0),
    rolloutWeeks: D(0),
    leadWeeks: D(0),
    ramp: "immediate",
  },
};

describe("packageReviewStream", () => {
  it("reduces each person's package once: caseload × rate after one review cycle", () => {
    const p = packageReviewStream(base, horizon);
    const full = D(500).times(100).times(WEEKS_PER_YEAR);
    // The cycle is one modelled year (365.26 days), so FY26/27 averages half the cohort and FY27/28 is full
    // but for the last 0.26 day of the cycle.
    expect(p.years[0].gross.div(full).toNumber()).toBeCloseTo(0.5, 2);
    expect(p.years[2].gross.toString()).toBe(full.toString());
    expect(p.years[2].measures).toEqual([
      expect.objectContaining({ key: "reducedPackages", value: D(500) }),
      expect.objectContaining({ key: "homecareHoursAvoided", unit: "hours/week", value: D(2000) }),
      expect.objectContaining({ key: "packagesReducedInYear", value: D(0) }),
    ]);
    expect(p.years[0].oneOffCosts).toBeUndefined();
    expect(p.settledFy).toBe(2028);
  });

  it("costs each package reduced once, in the FY it is reduced", () => {
    const p = packageReviewStream({ ...base, costPerReduction: D(300) }, horizon);
    const costs = p.years.map((y) => y.oneOffCosts?.toNumber() ?? NaN);
    expect(costs[0] + costs[1]).toBeCloseTo(500 * 300, 6);
    expect(costs[2]).toBe(0);
  });

  it("lets reductions lapse after durationWeeks", () => {
    const p = packageReviewStream({ ...base, durationWeeks: D(52.18) }, horizon);
    expect(p.years[3].gross.isZero()).toBe(true);
    expect(p.years[1].gross.gt(0)).toBe(true);
  });

  it("keeps reducing new people's packages as the caseload grows", () => {
    const p = packageReviewStream({ ...base, growthPerYear: D(0.02) }, horizon);
    expect(p.years[4].gross.gt(p.years[3].gross)).toBe(true);
  });

  it("refuses a review cycle of 0 or over 100 years (which would loop for ever), naming it", () => {
    expect(() => packageReviewStream({ ...base, weeksBetweenReviews: D(0) }, horizon)).toThrow(
      "weeksBetweenReviews",
    );
    expect(() => packageReviewStream({ ...base, weeksBetweenReviews: D(1e9) }, horizon)).toThrow(
      "weeksBetweenReviews",
    );
    expect(() =>
      packageReviewStream({ ...base, timeline: { ...base.timeline, rolloutWeeks: D(1e12) } }, horizon),
    ).toThrow("timeline.rolloutWeeks");
  });

  it("refuses a reduction rate over 1", () => {
    expect(() => packageReviewStream({ ...base, reductionRate: D(49) }, horizon)).toThrow("reductionRate");
  });
});
