import fs from "node:fs";
import path from "node:path";
import {
  Decimal,
  assumptionsClosure,
  computeAssumptions,
  computeProfile,
  dayNumber,
  parseProposal,
  periodProfile,
  programmeClosure,
  proposalClosure,
  streamPeriodPlans,
  sustainedRunRate,
  trackAssumptions,
  trackProposal,
  type ProposalAssumptions,
} from "../../src/engine";
import { exampleInput } from "./tracking.fixtures";

function example(name: string): ProposalAssumptions {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", name), "utf8"));
  return parseProposal(raw).assumptions;
}

/** The demo's proposals that are not a single cohort. */
const MULTI = [
  "reablement.json",
  "maximising-independence-for-working-age-adults.json",
  "adults-commissioning-for-the-future.json",
  "reunification.json",
  "cfs-commissioning-for-the-future.json",
  "procurement-and-third-party-spend.json",
  "income-maximisation.json",
  "resident-focused-organisation.json",
];

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

describe("closure: expected at full run rate and MTFS from one forecast", () => {
  it("one quarter of CFS TP short: its expected full run rate is the forecast's, as is its MTFS row (not a reprofile's cut)", () => {
    const actuals = [{ period: "2027-Q3", measure: "avoidedEvents", value: D(1) }];
    const f = trackProposal(cfs, actuals).forecast!;
    const c = proposalClosure("CFS", cfs, actuals);
    expect(c.expectedFullRunRate).toEqual(f.forecast.fullRunRate.value);
    expect(c.years.map((y) => y.expected)).toEqual(f.forecast.years.slice(0, 4).map((y) => y.mtfsImpact));
    // the box-car stock has let the short quarter's events go by the plan's run-rate FY
    expect(c.expectedFullRunRate.minus(c.targetFullRunRate).abs().lt(1)).toBe(true);
  });

  it("a one-off £ shortfall in the FY a stream settles does not lower the expected full run rate, for every kind (property over the demo's proposals)", () => {
    for (const name of MULTI) {
      const a = example(name);
      const plans = streamPeriodPlans(a, "quarter");
      const plan = computeAssumptions(a).profile;
      plans.forEach((p) => {
        // a quarter with a planned saving in the FY the plan reaches full run rate (or the first with one)
        const q =
          p.rows.find((r) => r.fy === plan.fullRunRate.fy && r.saving.gt(0)) ??
          p.rows.find((r) => r.saving.gt(0));
        if (q === undefined) return;
        const actuals = [{ stream: p.id, period: q.label, measure: "saving", value: q.saving.times(0.5) }];
        const c = assumptionsClosure(name, a, actuals);
        const f = trackAssumptions(a, actuals).forecast!;
        const fy = Math.max(plan.fullRunRate.fy, q.fy + 1);
        const sustained = f.forecast.years.find((y) => y.fy === fy);
        expect(c.expectedFullRunRate).toEqual(sustained?.cumulative ?? plan.fullRunRate.value);
        expect(c.expectedFullRunRate).toEqual(f.forecast.fullRunRate.value);
        // actual to date + plan after: after the actuals' FY the forecast is the plan
        expect(
          c.expectedFullRunRate
            .minus(sustained?.cumulative ?? plan.fullRunRate.value)
            .abs()
            .lt(1e-6),
        ).toBe(true);
        if (sustained !== undefined) {
          const planned = plan.years.find((y) => y.fy === fy)!.cumulative;
          expect(c.expectedFullRunRate.minus(planned).abs().lt(1e-6)).toBe(true);
        }
        // Half the plan is Red, yet no shortfall at full run rate: the row says so, naming the stream.
        if (c.overTarget.gte(0))
          expect(
            (c.warnings ?? []).some(
              (w) => w.startsWith(`${p.label}, Saving`) && w.includes(": Red (50% of plan to date), yet"),
            ),
          ).toBe(true);
      });
    }
  });

  it("a measure on plan, or a shortfall the expected run rate shows, gives no such warning", () => {
    const rows = periodProfile(cfs, "month").filter((r) => QUARTER.includes(r.label));
    const onPlan = proposalClosure(
      "CFS",
      cfs,
      rows.map((r) => ({ period: r.label, measure: "saving", value: r.gross })),
    );
    expect(onPlan.warnings ?? []).toEqual([]);
    const later = periodProfile(cfs, "month").filter((r) =>
      ["2028-01", "2028-02", "2028-03"].includes(r.label),
    );
    const short = proposalClosure(
      "CFS",
      cfs,
      later.map((r) => ({ period: r.label, measure: "avoidedEvents", value: r.avoidedEvents.times(0.6) })),
    );
    expect(short.overTarget.isNeg()).toBe(true);
    expect((short.warnings ?? []).filter((w) => w.includes("yet the expected"))).toEqual([]);
  });
});

describe("sustainedRunRate", () => {
  it("is the forecast at the later of the plan's run-rate FY and the FY after the actuals; the plan's beyond the horizon", () => {
    const plan = computeProfile(cfs);
    const last = plan.years[plan.years.length - 1];
    const forecast = { ...plan, years: plan.years.map((y) => ({ ...y, cumulative: y.cumulative.plus(1) })) };
    expect(sustainedRunRate(plan, forecast, dayNumber("2027-07-01")).value).toEqual(
      plan.fullRunRate.value.plus(1),
    );
    expect(sustainedRunRate(plan, forecast, dayNumber(`${last.fy + 1}-04-01`))).toEqual(plan.fullRunRate);
  });
});
