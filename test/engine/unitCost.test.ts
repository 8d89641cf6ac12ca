import { Decimal, ZERO, annualSavingPerCase, savingPerPeriod, type UnitCost } from "../../src/engine";

const D = (x: number | string): Decimal => new Decimal(x);
const cfsCost: UnitCost = {
  weeklyCost: D(1487),
  alternativeWeeklyCost: ZERO,
  overlapWeeklyCost: D(149),
  inflationPerYear: D(0.04),
  priceBaseFy: 2026,
  periodsPerYear: D(52.18),
  inflationContingency: false,
};

describe("unit cost", () => {
  it("nets the alternative and overlap and inflates in 1-April steps", () => {
    expect(savingPerPeriod(cfsCost, 2026).toNumber()).toBe(1338);
    expect(savingPerPeriod(cfsCost, 2027).toNumber()).toBe(1391.52);
    expect(annualSavingPerCase(cfsCost, 2026).toNumber()).toBe(1338 * 52.18);
  });
});
