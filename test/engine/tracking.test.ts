import fc from "fast-check";
import {
  DEFAULT_RAG_THRESHOLDS,
  Decimal,
  ZERO,
  computeProfile,
  parsePeriod,
  periodBreaks,
  proposalClosure,
  forecastProfile,
  periodProfile,
  ragStatus,
  trackProposal,
  variance,
} from "../../src/engine";
import { profileInputArb } from "./arbitraries";
import { exampleInput } from "./tracking.fixtures";

const D = (x: number | string): Decimal => new Decimal(x);
const TOLERANCE = D("1e-9");

describe("variance", () => {
  it("is actual − plan, so a shortfall is negative, with the share of plan", () => {
    expect(variance(D(80), D(100))).toEqual({
      actual: D(80),
      plan: D(100),
      variance: D(-20),
      percentOfPlan: D(0.8),
    });
  });

  it("has no share of a plan of zero", () => {
    expect(variance(D(5), ZERO)).toEqual({ actual: D(5), plan: ZERO, variance: D(5) });
  });
});

describe("ragStatus", () => {
  it("defaults to Green at 95% of plan, Amber at 80%, Red below", () => {
    expect(DEFAULT_RAG_THRESHOLDS).toEqual({ green: D("0.95"), amber: D("0.8") });
    expect(ragStatus(D(95), D(100))).toBe("Green");
    expect(ragStatus(D("94.99"), D(100))).toBe("Amber");
    expect(ragStatus(D(80), D(100))).toBe("Amber");
    expect(ragStatus(D("79.99"), D(100))).toBe("Red");
  });

  it("uses thresholds the council sets", () => {
    expect(ragStatus(D(90), D(100), { green: D(0.9), amber: D(0.5) })).toBe("Green");
    expect(ragStatus(D(40), D(100), { green: D(0.9), amber: D(0.5) })).toBe("Red");
  });

  it("is Green with nothing due yet, and Red for a negative actual against no plan", () => {
    expect(ragStatus(ZERO, ZERO)).toBe("Green");
    expect(ragStatus(D(-1), ZERO)).toBe("Red");
  });

  it("refuses amber above green, by error code", () => {
    expect(() => ragStatus(D(1), D(1), { green: D(0.8), amber: D(0.9) })).toThrow(
      expect.objectContaining({ code: "out-of-range", field: "amber" }),
    );
  });

  it("takes a green above 100% (ahead of plan) up to 1000%, beyond which a share is a typo", () => {
    expect(ragStatus(D(106), D(100), { green: D(1.05), amber: D(0.8) })).toBe("Green");
    expect(ragStatus(D(104), D(100), { green: D(1.05), amber: D(0.8) })).toBe("Amber");
    expect(ragStatus(D(1), D(1), { green: D(10), amber: D(0.8) })).toBe("Amber");
    expect(() => ragStatus(D(1), D(1), { green: D(105), amber: D(0.8) })).toThrow(
      expect.objectContaining({ code: "out-of-range", field: "green", rule: "must be ≤ 1000%, got 105" }),
    );
  });
});

describe("forecastProfile", () => {
  const cfs = exampleInput("cfs-targeted-prevention.json");
  const months = periodProfile(cfs, "month");
  const planned = (labels: readonly string[]) =>
    labels.map((l) => ({ period: l, value: months.find((m) => m.label === l)?.avoidedEvents ?? ZERO }));

  it("follows the plan when a quarter of actuals is on plan", () => {
    const f = forecastProfile(cfs, planned(["2027-07", "2027-08", "2027-09"]));
    f.forecast.years.forEach((y, i) => {
      expect(y.cumulative.minus(f.plan.years[i].cumulative).abs().lte(TOLERANCE)).toBe(true);
      expect(y.mtfsImpact.minus(f.plan.years[i].mtfsImpact).abs().lte(TOLERANCE)).toBe(true);
    });
    expect(f.slippageMonths?.abs().lte(TOLERANCE)).toBe(true);
  });

  it("forecasts less, and shows slippage, when a quarter delivers half the plan", () => {
    const half = planned(["2027-07", "2027-08", "2027-09"]).map((a) => ({ ...a, value: a.value.div(2) }));
    const f = forecastProfile(cfs, half);
    const plan = computeProfile(cfs);
    expect(f.forecast.quantifiedOpportunity.lt(plan.quantifiedOpportunity)).toBe(true);
    expect(f.slippageMonths?.gt(0)).toBe(true);
    expect(f.actualEventsToDate.minus(f.planEventsToDate.div(2)).abs().lte(TOLERANCE)).toBe(true);
    // FYs before the actuals are unchanged.
    expect(f.forecast.years[0].cumulative.eq(plan.years[0].cumulative)).toBe(true);
  });

  it("refuses a gap or a negative count among the actuals, by error code", () => {
    expect(() =>
      forecastProfile(cfs, [
        { period: "2027-07", value: D(1) },
        { period: "2027-09", value: D(1) },
      ]),
    ).toThrow(expect.objectContaining({ code: "out-of-range", field: "actuals" }));
    expect(() => forecastProfile(cfs, [{ period: "2027-07", value: D(-1) }])).toThrow(
      expect.objectContaining({ code: "out-of-range", field: "actuals[0].value" }),
    );
  });

  it("gives zero variance, Green and the plan's forecast when actuals equal the plan (property)", () => {
    fc.assert(
      fc.property(
        profileInputArb,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 9 }),
        (input, first, count) => {
          const rows = periodProfile(input, "month").slice(first, first + count);
          const actuals = rows.map((r) => ({ period: r.label, value: r.avoidedEvents }));
          for (const r of rows) {
            expect(variance(r.gross, r.gross).variance.isZero()).toBe(true);
            expect(ragStatus(r.gross, r.gross)).toBe("Green");
            expect(ragStatus(r.avoidedEvents, r.avoidedEvents)).toBe("Green");
          }
          const f = forecastProfile(input, actuals);
          f.forecast.years.forEach((y, i) => {
            const scale = Decimal.max(1, f.plan.years[i].gross.abs());
            expect(y.cumulative.minus(f.plan.years[i].cumulative).abs().lte(TOLERANCE.times(scale))).toBe(
              true,
            );
            expect(y.mtfsImpact.minus(f.plan.years[i].mtfsImpact).abs().lte(TOLERANCE.times(scale))).toBe(
              true,
            );
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("trackProposal: overlapping periods", () => {
  const cfs = exampleInput("cfs-targeted-prevention.json");
  it.each(["saving", "caseloadReduction", "avoidedEvents"])(
    "refuses a quarter and a month in it for %s rather than counting both",
    (measure) => {
      expect(() =>
        trackProposal(cfs, [
          { period: "2027-Q3", measure, value: D(1) },
          { period: "2027-11", measure, value: D(1) },
        ]),
      ).toThrow(expect.objectContaining({ code: "contradictory", field: "period" }));
    },
  );
});

describe("trackProposal: avoided events whose periods leave a gap", () => {
  const cfs = exampleInput("cfs-targeted-prevention.json");
  const gapped = [
    { period: "2027-10", measure: "avoidedEvents", value: D(0) },
    { period: "2027-12", measure: "avoidedEvents", value: D(1) },
  ];

  it("keeps the variance and RAG, withholds the forecast and says why", () => {
    const s = trackProposal(cfs, gapped);
    const joined = trackProposal(cfs, [
      ...gapped,
      { period: "2027-11", measure: "avoidedEvents", value: D(0) },
    ]);
    expect(s.measures.map((m) => m.measure)).toEqual(["avoidedEvents"]);
    expect(s.measures[0].actual).toEqual(D(1));
    expect(s.forecast).toBeUndefined();
    expect(s.forecastWithheld).toBe(
      "avoided events 2027-12 leaves a gap after 2027-10: give every period up to the last actual one",
    );
    expect(joined.forecast).toBeDefined();
    expect(joined.forecastWithheld).toBeUndefined();
  });

  it("gives the plan as the closure row's expected (no reprofiled run rate)", () => {
    const c = proposalClosure("CFS", cfs, gapped);
    expect(c.fromActuals).toBe(false);
    expect(c.expectedFullRunRate).toEqual(computeProfile(cfs).fullRunRate.value);
  });
});

describe("periodBreaks", () => {
  it("names each period that does not follow on from the one before, and nothing when all do", () => {
    const ps = ["2027-10", "2027-11", "2028-01", "2027-Q4", "2028-Q1"].map((p) => parsePeriod(p));
    expect(periodBreaks(ps).map((b) => [b.at, b.rule.split(":")[0]])).toEqual([
      [2, "leaves a gap after 2027-11"],
      [3, "overlaps 2028-01"],
    ]);
    expect(
      periodBreaks(["2027-10", "2027-11", "2027-12", "2027-Q4", "2028-Q1"].map((p) => parsePeriod(p))),
    ).toEqual([]);
  });
});
