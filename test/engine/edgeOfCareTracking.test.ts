import { readFileSync } from "fs";
import { join } from "path";
import {
  Decimal,
  ZERO,
  edgeOfCare,
  edgeOfCareActuals,
  edgeOfCareFeed,
  edgeOfCareForecast,
  edgeOfCareTracking,
  parseEdgeOfCareInput,
  parseProposal,
  periodProfile,
  trackAssumptions,
  type EdgeOfCareResult,
} from "../../src/engine";
import { exampleInput } from "./tracking.fixtures";

const run = (name: string): EdgeOfCareResult =>
  edgeOfCare(parseEdgeOfCareInput(JSON.parse(readFileSync(join(__dirname, "../../examples", name), "utf8"))));

describe("edge of care as tracking", () => {
  it.each(["edge-of-care-mst.json", "edge-of-care-fft.json", "edge-of-care-all-programmes.json"])(
    "%s: every % of target comes out exactly as the summary prints it",
    (file) => {
      const result = run(file);
      const tracked = edgeOfCareTracking(result);
      expect(tracked).toHaveLength(result.periods.length);
      result.periods.forEach((p, i) => {
        const fromTracking = Object.fromEntries(
          tracked[i].measures.flatMap((m) =>
            m.percentOfPlan === undefined ? [] : [[m.measure, m.percentOfPlan]],
          ),
        );
        expect(fromTracking).toEqual(p.percentOfTarget);
      });
    },
  );

  it("MST 2020/21 YTD: diversions about 50% of target (as printed), Red at the default thresholds", () => {
    const ytd = edgeOfCareTracking(run("edge-of-care-mst.json"))[2];
    const d = ytd.measures.find((m) => m.measure === "inYearDiversions")!;
    expect(d.percentOfPlan?.toNumber()).toBeCloseTo(0.5, 1); // printed 50%
    expect(d.rag).toBe("Red");
    expect(d.variance).toEqual(d.actual.minus(d.plan));
  });

  it("a YTD of diversions equal to the proposal's plan forecasts the plan", () => {
    const cfs = exampleInput("cfs-targeted-prevention.json");
    const planned = periodProfile(cfs, "quarter")
      .filter((r) => ["2027-Q1", "2027-Q2", "2027-Q3"].includes(r.label))
      .reduce((s, r) => s.plus(r.avoidedEvents), ZERO);
    const ytd = { ...run("edge-of-care-mst.json").periods[2], inYearDiversions: planned };
    const actuals = edgeOfCareActuals(cfs, ytd, 2027, 3);
    expect(actuals.map((a) => a.period)).toEqual(["2027-Q1", "2027-Q2", "2027-Q3"]);
    expect(
      actuals
        .reduce((s, a) => s.plus(a.value), ZERO)
        .minus(planned)
        .abs()
        .lt(1e-20),
    ).toBe(true);
    const f = edgeOfCareForecast(cfs, ytd, 2027, 3);
    f.forecast.years.forEach((y, i) =>
      expect(y.cumulative.minus(f.plan.years[i].cumulative).abs().lt(new Decimal("1e-6"))).toBe(true),
    );
  });

  it("refuses a year to date of more than four quarters, by code", () => {
    const cfs = exampleInput("cfs-targeted-prevention.json");
    expect(() => edgeOfCareActuals(cfs, run("edge-of-care-mst.json").periods[2], 2027, 5)).toThrow(
      expect.objectContaining({ code: "out-of-range", field: "quarters" }),
    );
  });
});

describe("a proposal that names an edge-of-care programme", () => {
  const raw = JSON.parse(
    readFileSync(join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8"),
  );
  const linked = {
    ...raw,
    tracking: { edgeOfCare: { programme: "MST standard (STD 1 and 2)", fy: "FY27/28", quarters: 2 } },
  };

  it("has its in-year diversions as the cohort's avoided entries, summing to the YTD exactly as the summary gives it", () => {
    const p = parseProposal(linked);
    expect(p.tracking).toEqual({
      edgeOfCare: { programme: "MST standard (STD 1 and 2)", fy: 2027, quarters: 2 },
    });
    const mst = run("edge-of-care-mst.json");
    const ytd = mst.periods[mst.periods.length - 1];
    const actuals = edgeOfCareFeed(p.assumptions, p.tracking, [mst, run("edge-of-care-fft.json")]);
    expect(actuals.map((a) => [a.stream, a.period, a.measure])).toEqual([
      ["cohort", "2027-Q1", "avoidedEvents"],
      ["cohort", "2027-Q2", "avoidedEvents"],
    ]);
    expect(
      actuals
        .reduce((s, a) => s.plus(a.value), ZERO)
        .minus(ytd.inYearDiversions)
        .abs()
        .lt(1e-30),
    ).toBe(true);
    // The summary itself is as before: the 2020/21 YTD in-year diversions, children × success × deflator.
    expect(ytd.inYearDiversions).toEqual(
      ytd.childrenStarted
        .times(ytd.successRate)
        .times(mst.periods[2].postDeflatorCumulative.div(ytd.cumulativeGross)),
    );
    const t = trackAssumptions(p.assumptions, actuals);
    expect(t.forecast?.actualEventsToDate.minus(ytd.inYearDiversions).abs().lt(1e-20)).toBe(true);
  });

  it("names the field when the programme is not among the summaries, and gives nothing without a link", () => {
    const p = parseProposal(linked);
    expect(() => edgeOfCareFeed(p.assumptions, p.tracking, [run("edge-of-care-fft.json")])).toThrow(
      expect.objectContaining({ code: "missing", field: "tracking.edgeOfCare.programme" }),
    );
    expect(edgeOfCareFeed(p.assumptions, undefined, [run("edge-of-care-mst.json")])).toEqual([]);
    expect(() =>
      parseProposal({ ...linked, tracking: { edgeOfCare: { programme: "MST", fy: 2027, quarters: 5 } } }),
    ).toThrow(/tracking\.edgeOfCare\.quarters/);
  });
});
