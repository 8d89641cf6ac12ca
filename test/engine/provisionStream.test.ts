import { Decimal } from "../../src/engine/money";
import { provisionStream, movesSchedule, type ProvisionInput } from "../../src/engine/provisionStream";
import { WEEKS_PER_YEAR } from "../../src/engine/fiscalYear";

const D = (x: number | string): Decimal => new Decimal(x);
const horizon = { firstFy: 2026, lastFy: 2029, mtfsLastFy: 2029 };
const base: ProvisionInput = {
  id: "p",
  label: "New provision",
  caseload: D(9),
  currentWeeklyCost: D(13429),
  newProvisionWeeklyCost: D(11665),
  openingDate: "2027-04-01",
  movesPerStep: D(2),
  stepMonths: 3,
};

describe("provisionStream", () => {
  it("moves people a step at a time until the caseload is moved", () => {
    const { schedule, moved } = movesSchedule(base);
    expect(moved.toNumber()).toBe(9);
    expect(schedule.points.map((p) => [p.date, p.share.times(9).toNumber()])).toEqual([
      ["2027-04-01", 2],
      ["2027-07-01", 4],
      ["2027-10-01", 6],
      ["2028-01-01", 8],
      ["2028-04-01", 9],
    ]);
  });

  it("saves the weekly difference for each person moved, a whole year once all are moved", () => {
    const p = provisionStream(base, horizon);
    expect(p.years[2].gross.toString()).toBe(D(9).times(1764).times(WEEKS_PER_YEAR).toString());
    expect(p.years[0].gross.isZero()).toBe(true);
    expect(p.settledFy).toBe(2028);
  });

  it("counts the people moved in each FY and costs each move when a cost per move is stated", () => {
    const p = provisionStream({ ...base, costPerMove: D(1000) }, horizon);
    expect(p.years.map((y) => y.measures[1].value.toNumber())).toEqual([0, 8, 1, 0]);
    expect(p.years.map((y) => y.oneOffCosts?.toNumber())).toEqual([0, 8000, 1000, 0]);
  });

  it("stops at the new provision's places", () => {
    const p = provisionStream({ ...base, places: D(4) }, horizon);
    expect(p.years[3].measures[0].value.toNumber()).toBe(4);
  });

  it("refuses moves that would take more than 100 years (a typo, and an endless schedule)", () => {
    expect(() => provisionStream({ ...base, movesPerStep: D("1e-9") }, horizon)).toThrow("movesPerStep");
  });

  it("refuses new provision dearer than the current cost, and a step of 0 months", () => {
    expect(() => provisionStream({ ...base, newProvisionWeeklyCost: D(14000) }, horizon)).toThrow(
      "newProvisionWeeklyCost",
    );
    expect(() => provisionStream({ ...base, stepMonths: 0 }, horizon)).toThrow("stepMonths");
  });
});
