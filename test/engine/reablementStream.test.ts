import { Decimal } from "../../src/engine/money";
import { WEEKS_PER_YEAR } from "../../src/engine/fiscalYear";
import { fullFrom } from "../../src/engine/shareSchedule";
import { reablementStream, type ReablementInput } from "../../src/engine/reablementStream";

const D = (x: number | string): Decimal => new Decimal(x);
const horizon = { firstFy: 2026, lastFy: 2029, mtfsLastFy: 2029 };
const base: ReablementInput = {
  id: "r",
  label: "HART",
  finishersPerYear: D(699),
  ramp: fullFrom("2026-04-01"),
  durationWeeks: D(26.09),
  saving: { kind: "hours", hoursPerWeek: D(7), costPerHour: D(25) },
};

describe("reablementStream", () => {
  it("holds finishers × duration as the caseload not needing a package", () => {
    const p = reablementStream(base, horizon);
    // Steady state: 699 a year × half a year = 349.5 people, each saving 7 h × £25 a week.
    expect(p.years[1].measures[1].value.toNumber()).toBeCloseTo(349.5, 9);
    expect(p.years[1].gross.toNumber()).toBeCloseTo(349.5 * 175 * 52.18, 6);
    expect(p.years[1].measures[2]).toEqual(
      expect.objectContaining({ key: "homecareHoursAvoided", unit: "hours/week" }),
    );
    expect(p.settledFy).toBe(2027);
  });

  it("fills the stock over one duration from the ramp", () => {
    const p = reablementStream({ ...base, durationWeeks: WEEKS_PER_YEAR }, horizon);
    expect(p.years[0].measures[1].value.div(699).toNumber()).toBeCloseTo(0.5, 2);
    // Full but for the 0.26 day by which 52.18 weeks exceed 365 days.
    expect(p.years[1].measures[1].value.toNumber()).toBeCloseTo(699, 3);
  });

  it("costs each finisher once when a cost per finisher is stated", () => {
    const p = reablementStream({ ...base, costPerFinisher: D(100) }, horizon);
    // FY28/29 has 365 days; the flow is 699 per 365.26.
    expect(p.years[2].oneOffCosts?.toNumber()).toBeCloseTo(699 * 100 * (365 / 365.26), 6);
    expect(reablementStream(base, horizon).years[1].oneOffCosts).toBeUndefined();
  });

  it("refuses a negative duration", () => {
    expect(() => reablementStream({ ...base, durationWeeks: D(-1) }, horizon)).toThrow("durationWeeks");
  });
});
