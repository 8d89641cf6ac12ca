import { Decimal, computeProfile, costInFy, fyShareCovered, parseAssumptions } from "../../src/engine";

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

  it("inflates an ongoing cost at its own rate when it states one (a 3% pay award beside 4% unit costs)", () => {
    const item = {
      kind: "ongoing",
      label: "Case workers",
      amountPerYear: D(925000),
      fromDate: "2026-04-01",
      inflationPerYear: D(0.03),
    } as const;
    expect(costInFy(item, ctx).toNumber()).toBe(925000);
    expect(costInFy(item, { ...ctx, fy: 2028 }).toNumber()).toBeCloseTo(925000 * 1.03 ** 2, 6);
  });

  it("reads a cost's own inflation rate from the proposal, naming the field when it is bad", () => {
    const raw = (inflationPerYear: unknown) => ({
      baseline: { volumePerYear: 10 },
      target: { kind: "percent", value: 0.1 },
      durationWeeks: 52,
      unitCost: { weeklyCost: 100, inflationPerYear: 0.04 },
      timeline: { startDate: "2026-04-01" },
      investment: [{ kind: "ongoing", amountPerYear: 1000, fromDate: "2026-04-01", inflationPerYear }],
    });
    const p = computeProfile(parseAssumptions(raw("3%")));
    expect(p.years[2].costs.toNumber()).toBeCloseTo(1000 * 1.03 ** 2, 9);
    expect(() => parseAssumptions(raw("fast"))).toThrow(/investment\[0\]\.inflationPerYear/);
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

  it("prices per-event costs on a stream's measure, and per-case costs on one stream when named", () => {
    const measure = (key: string, stream: string | undefined): Decimal =>
      D(key === "avoidedEvents" ? 4 : 3).times(stream === undefined ? 2 : 1);
    const perEvent = { kind: "perEvent", label: "Engagement", amountPerEvent: D(250) } as const;
    expect(costInFy(perEvent, { ...ctx, measure }).toNumber()).toBe(2000);
    expect(costInFy({ ...perEvent, stream: "a" }, { ...ctx, measure }).toNumber()).toBe(1000);
    expect(costInFy({ ...perEvent, measure: "caseloadReduction" }, { ...ctx, measure }).toNumber()).toBe(
      1500,
    );
    expect(costInFy({ ...perEvent, inflates: true }, { ...ctx, fy: 2028, measure }).toNumber()).toBeCloseTo(
      2000 * 1.04 ** 2,
      9,
    );
    expect(costInFy(perEvent, ctx).toNumber()).toBe(0);
    const bus = { kind: "perCase", label: "bus", amountPerCasePerYear: D(1000) } as const;
    expect(costInFy({ ...bus, stream: "a" }, { ...ctx, measure }).toNumber()).toBe(3000);
    expect(costInFy(bus, { ...ctx, measure }).toNumber()).toBe(10000);
  });

  it("states inflating costs at the price base's prices when asked (inflation held on net)", () => {
    const item = {
      kind: "ongoing",
      label: "x",
      amountPerYear: D(100),
      fromDate: "2020-01-01",
      inflates: true,
    } as const;
    expect(costInFy(item, { ...ctx, fy: 2028, pricesFy: 2026 }).toNumber()).toBe(100);
  });
});
