import { Decimal, computeProfile, periodProfile, programmeClosure, proposalClosure } from "../../src/engine";
import { exampleInput } from "./tracking.fixtures";

const D = (x: number | string): Decimal => new Decimal(x);
const cfs = exampleInput("cfs-targeted-prevention.json");
const QUARTER = ["2027-10", "2027-11", "2027-12"];

describe("proposalClosure", () => {
  it("with no actuals is the plan: target and expected at full run rate, MTFS row by FY", () => {
    const plan = computeProfile(cfs);
    const c = proposalClosure("CFS Targeted Prevention", cfs, []);
    expect(c.targetFullRunRate).toEqual(plan.fullRunRate.value);
    expect(c.expectedFullRunRate).toEqual(plan.fullRunRate.value);
    expect(c.overTarget.isZero()).toBe(true);
    expect(c.fromActuals).toBe(false);
    expect(c.years.map((y) => y.label)).toEqual(["FY26/27", "FY27/28", "FY28/29", "FY29/30"]);
    expect(c.years.map((y) => y.expected)).toEqual(plan.years.slice(0, 4).map((y) => y.mtfsImpact));
  });

  it("actuals equal to the plan give the plan back", () => {
    const rows = periodProfile(cfs, "month").filter((r) => QUARTER.includes(r.label));
    const c = proposalClosure(
      "CFS",
      cfs,
      rows.flatMap((r) => [
        { period: r.label, measure: "avoidedEvents", value: r.avoidedEvents },
        { period: r.label, measure: "saving", value: r.gross },
      ]),
    );
    expect(c.fromActuals).toBe(true);
    expect(c.expectedFullRunRate.minus(c.targetFullRunRate).abs().lt(1e-6)).toBe(true);
    expect(c.deliveredToDate).toEqual(rows.reduce((s, r) => s.plus(r.gross), D(0)));
  });

  it("a persistent shortfall of avoided events lowers the expected run rate below target", () => {
    const rows = periodProfile(cfs, "month").filter((r) =>
      ["2028-01", "2028-02", "2028-03"].includes(r.label),
    );
    const c = proposalClosure(
      "CFS",
      cfs,
      rows.map((r) => ({ period: r.label, measure: "avoidedEvents", value: r.avoidedEvents.times(0.6) })),
    );
    expect(c.overTarget.isNeg()).toBe(true);
    expect(c.years[3].expected.lt(c.years[3].plan)).toBe(true);
  });
});

describe("programmeClosure", () => {
  it("sums its proposals, FY by FY", () => {
    const a = proposalClosure("A", cfs, []);
    const b = proposalClosure(
      "B",
      cfs,
      QUARTER.map((period) => ({ period, measure: "saving", value: D(1000) })),
    );
    const p = programmeClosure("Programme", [a, b]);
    expect(p.targetFullRunRate).toEqual(a.targetFullRunRate.plus(b.targetFullRunRate));
    expect(p.deliveredToDate).toEqual(D(3000));
    expect(p.years.map((y) => y.plan)).toEqual(a.years.map((y, i) => y.plan.plus(b.years[i].plan)));
  });
});
