import { Decimal, costInFy, fyShareCovered } from "../../src/engine";

const D = (x: number | string): Decimal => new Decimal(x);
const ctx = { fy: 2026, caseloadReduction: D(10), inflationPerYear: D(0.04), priceBaseFy: 2026 };

describe("costs", () => {
  it("charges ongoing investment pro rata by days from its start date", () => {
    const item = {
      kind: "ongoing",
      label: "FFPP",
      amountPerYear: D(1500000),
      fromDate: "2026-12-01",
    } as const;
    expect(costInFy(item, ctx).toNumber()).toBeCloseTo((1500000 * 121) / 365, 9);
    expect(costInFy(item, { ...ctx, fy: 2027 }).toNumber()).toBe(1500000);
  });

  it("stops an ongoing cost after its inclusive end date", () => {
    expect(fyShareCovered(2028, "2026-08-01", "2028-07-31").toNumber()).toBeCloseTo(122 / 365, 12);
  });

  it("inflates ongoing costs only when asked", () => {
    const item = {
      kind: "ongoing",
      label: "x",
      amountPerYear: D(100),
      fromDate: "2020-01-01",
      inflates: true,
    } as const;
    expect(costInFy(item, { ...ctx, fy: 2028 }).toNumber()).toBeCloseTo(108.16, 10);
  });

  it("books one-off costs in the FY of their date and per-case costs on the caseload", () => {
    expect(costInFy({ kind: "oneOff", label: "x", amount: D(5), date: "2027-03-31" }, ctx).toNumber()).toBe(
      5,
    );
    expect(costInFy({ kind: "oneOff", label: "x", amount: D(5), date: "2027-04-01" }, ctx).toNumber()).toBe(
      0,
    );
    expect(costInFy({ kind: "perCase", label: "bus", amountPerCasePerYear: D(1000) }, ctx).toNumber()).toBe(
      10000,
    );
    const phased = { kind: "phased", label: "x", amountsByFy: [{ fy: 2026, amount: D(7) }] } as const;
    expect(costInFy(phased, ctx).toNumber()).toBe(7);
  });
});
