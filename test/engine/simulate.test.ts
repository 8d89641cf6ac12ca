import * as fs from "fs";
import * as path from "path";
import {
  Decimal,
  EngineError,
  MAX_ITERATIONS,
  computeAssumptions,
  computeProfile,
  formatMoney,
  parseProposal,
  profileRiskModel,
  proposalRiskModel,
  proposalSensitivity,
  simulate,
  type RiskEntry,
} from "../../src/engine";

import { HORIZON_JSON, everyKind } from "./format/streams.fixtures";

const read = (f: string) =>
  parseProposal(JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", f), "utf8")));
const cfs = read("cfs-targeted-prevention.json");
const fbp = read("family-based-placements.json");

const spread: RiskEntry[] = [
  { path: "target.value", distribution: { kind: "triangular", low: 0.04, likely: 0.08, high: 0.1 } },
  { path: "unitCost.weeklyCost", distribution: { kind: "pert", low: 1300, likely: 1487, high: 1600 } },
  { path: "timeline.leadMonths", distribution: { kind: "confidence" } },
];

describe("simulate", () => {
  const model = profileRiskModel("CFS", cfs.assumptions.cohort!, spread, "Low");

  it("gives the same P-values for the same seed, and others for another seed", () => {
    const a = simulate([model], { iterations: 400, seed: 7 });
    const b = simulate([model], { iterations: 400, seed: 7 });
    const c = simulate([model], { iterations: 400, seed: 8 });
    expect(b).toEqual(a);
    expect(c.proposals[0].mtfsYear.p50).not.toBe(a.proposals[0].mtfsYear.p50);
  });

  it("gives P50 = the deterministic figure when every distribution has zero spread", () => {
    const zero: RiskEntry[] = [
      { path: "target.value", distribution: { kind: "triangular", low: 0.08, likely: 0.08, high: 0.08 } },
      { path: "unitCost.weeklyCost", distribution: { kind: "uniform", low: 1487, high: 1487 } },
    ];
    const s = simulate([profileRiskModel("CFS", cfs.assumptions.cohort!, zero)], { iterations: 50, seed: 1 });
    const planned = computeProfile(cfs.assumptions.cohort!).years.map((y) => y.mtfsImpact.toNumber());
    s.proposals[0].years.forEach((y, i) => {
      expect(Math.abs(y.p50 - planned[i])).toBeLessThan(0.01);
      expect(y.p10).toBe(y.p50);
      expect(y.p90).toBe(y.p50);
      expect(y.probability).toBe(1);
    });
  });

  it("says a year whose spread is too narrow to show has reached its plan, not a coin flip (Reablement's FY26/27)", () => {
    const reablement = read("reablement.json");
    const s = simulate([proposalRiskModel(reablement)], { iterations: 2000, seed: 1 });
    const first = s.proposals[0].years[0];
    // A real spread of a few £k around £1.02m: every P-value prints as the plan.
    expect(first.p90 - first.p10).toBeGreaterThan(100);
    expect([first.p10, first.p50, first.p90].map(formatMoney)).toEqual(
      Array(3).fill(formatMoney(first.planned)),
    );
    expect(first.probability).toBe(1);
  });

  it("gives a probability that agrees with the P-values as printed, for every bundled proposal and year", () => {
    const files = fs
      .readdirSync(path.join(__dirname, "../../examples"))
      .filter((f) => !/triangulation|edge-of-care|programme|national/.test(f));
    const n = 1000;
    for (const f of files) {
      const s = simulate([proposalRiskModel(read(f))], { iterations: n, seed: 5 });
      for (const y of s.proposals[0].years) {
        const plan = formatMoney(y.planned);
        // P10 printing as the plan: at least 90% of iterations read as the plan or above.
        if (formatMoney(y.p10) === plan)
          expect([f, y.label, y.probability >= 0.9 - 1 / n]).toEqual([f, y.label, true]);
        // P90 printing below it (a lower figure): at most 10% reach it.
        if (y.p90 < y.planned && formatMoney(y.p90) !== plan)
          expect([f, y.label, y.probability <= 0.1 + 1 / n]).toEqual([f, y.label, true]);
      }
    }
  });

  it("orders P10 ≤ P50 ≤ P90, and a downside-heavy target makes reaching the plan less likely than not", () => {
    const y = simulate([model], { iterations: 1000, seed: 3 }).proposals[0].mtfsYear;
    expect(y.label).toBe("FY29/30");
    expect(y.p10).toBeLessThanOrEqual(y.p50);
    expect(y.p50).toBeLessThanOrEqual(y.p90);
    expect(y.probability).toBeGreaterThan(0);
    expect(y.probability).toBeLessThan(0.5);
  });

  it("adds proposals into the programme iteration by iteration; a proposal without distributions is its plan", () => {
    const point = { ...profileRiskModel("FBP", fbp.assumptions.cohort!), defaultDraws: [] };
    const s = simulate([model, point], { iterations: 300, seed: 11 });
    const fixed = s.proposals[1];
    expect(fixed.sampled).toEqual([]);
    fixed.years.forEach((y) => expect(y.p10).toBe(y.planned));
    s.programme.years.forEach((y, i) => {
      expect(y.planned).toBeCloseTo(s.proposals[0].years[i].planned + fixed.years[i].planned, 4);
      expect(y.p50).toBeCloseTo(s.proposals[0].years[i].p50 + fixed.years[i].planned, 4);
    });
    expect(s.programme.sampled).toEqual([
      "CFS: target.value",
      "CFS: unitCost.weeklyCost",
      "CFS: timeline.leadMonths",
    ]);
  });

  it("draws the headline estimates from the confidence spread when the risk block gives no distribution", () => {
    const s = simulate([profileRiskModel("CFS", cfs.assumptions.cohort!, [], "Low")], {
      iterations: 500,
      seed: 2,
    });
    expect(s.proposals[0].sampled).toEqual(["target.value", "unitCost.weeklyCost", "timeline.leadWeeks"]);
    const y = s.proposals[0].mtfsYear;
    expect(y.p10).toBeLessThan(y.planned);
    expect(y.p90).toBeGreaterThan(y.planned);
  });

  it("reports progress up to the total", () => {
    const seen: number[] = [];
    simulate([model], { iterations: 250, seed: 1, onProgress: (done, total) => seen.push(done / total) });
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("refuses iterations outside 1..100,000 and a fractional seed, by field", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof EngineError ? `${e.field}:${e.code}` : "other";
      }
      return "none";
    };
    expect(code(() => simulate([model], { iterations: 0, seed: 1 }))).toBe("iterations:out-of-range");
    expect(code(() => simulate([model], { iterations: MAX_ITERATIONS + 1, seed: 1 }))).toBe(
      "iterations:out-of-range",
    );
    expect(code(() => simulate([model], { iterations: 10, seed: 1.5 }))).toBe("seed:out-of-range");
  });

  it("names the proposal, the field and the draw when a draw is an invalid input", () => {
    const bad = profileRiskModel("CFS", cfs.assumptions.cohort!, [
      { path: "durationWeeks", distribution: { kind: "uniform", low: -10, high: -5 } },
    ]);
    expect(() => simulate([bad], { iterations: 5, seed: 1 })).toThrow(
      /CFS: durationWeeks: .*drawn: durationWeeks = -/,
    );
  });

  it("keeps a Decimal input's exact value in an unsampled proposal", () => {
    expect(cfs.assumptions.cohort!.target.value).toEqual(new Decimal(0.08));
  });
});

describe("multi-stream proposals", () => {
  const proposal = parseProposal({
    opportunity: { name: "Every kind", confidence: { level: "Medium" } },
    assumptions: { horizon: HORIZON_JSON, streams: everyKind },
  });
  const model = proposalRiskModel(proposal);

  it("draw each stream's headline estimates by default, and a zero-spread run is the deterministic row", () => {
    expect(model.defaultDraws.length).toBeGreaterThan(everyKind.length - 1);
    expect(model.defaultDraws.every((e) => /^streams\[\d+\]\./.test(e.path))).toBe(true);
    const s = simulate([model], { iterations: 200, seed: 9 });
    const y = s.proposals[0].mtfsYear;
    expect(y.p10).toBeLessThanOrEqual(y.p50);
    expect(y.p50).toBeLessThanOrEqual(y.p90);
    const zero = { ...model, defaultDraws: model.defaultDraws.map((e) => ({ path: e.path })) };
    const planned = computeAssumptions(proposal.assumptions).proposal.years.map((x) =>
      x.mtfsImpact.toNumber(),
    );
    simulate([zero], { iterations: 20, seed: 1 }).proposals[0].years.forEach((x, i) =>
      expect(Math.abs(x.p50 - planned[i])).toBeLessThan(0.01),
    );
  });

  it("tornado every stream's inputs by path", () => {
    const t = proposalSensitivity(model);
    expect(t.opportunity).toBeCloseTo(
      computeAssumptions(proposal.assumptions).proposal.quantifiedOpportunity.toNumber(),
      2,
    );
    expect(new Set(t.rows.map((r) => /^streams\[(\d+)\]/.exec(r.input)?.[1]))).toEqual(
      new Set(everyKind.map((_, i) => String(i))),
    );
  });
});

describe("simulate: one MTFS row and exact planned figures (review fixes)", () => {
  const cohort = cfs.assumptions.cohort!;
  const shorter = { ...cohort, horizon: { ...cohort.horizon, mtfsLastFy: cohort.horizon.mtfsLastFy - 1 } };

  it("refuses a proposal whose MTFS ends in another FY, naming it", () => {
    const run = () =>
      simulate([profileRiskModel("CFS", cohort), profileRiskModel("Shorter", shorter)], {
        iterations: 10,
        seed: 1,
      });
    expect(run).toThrow(EngineError);
    expect(run).toThrow(/proposals\[1\]\.horizon.*"Shorter".*mtfsLastFy/);
  });

  it("adds up proposals whose horizons end in different FYs over the FYs they all cover", () => {
    // The demo programme's horizons end in FY30/31 or FY31/32 (one MTFS end, FY29/30).
    const reablement = proposalRiskModel(read("reablement.json"));
    const cfsModel = { ...profileRiskModel("CFS", cohort), defaultDraws: [] };
    expect(cfsModel.fys.length).toBe(reablement.fys.length + 1);
    const s = simulate([cfsModel, reablement], { iterations: 50, seed: 3 });
    expect(s.proposals.map((p) => p.years.length)).toEqual([cfsModel.fys.length, reablement.fys.length]);
    expect(s.programme.years.map((y) => y.fy)).toEqual(reablement.fys);
    expect(s.programme.mtfsYear.label).toBe("FY29/30");
    s.programme.years.forEach((y, i) =>
      expect(y.planned).toBeCloseTo(s.proposals[0].years[i].planned + s.proposals[1].years[i].planned, 4),
    );
  });

  it("reports the planned row of the Decimal engine, not the float one", () => {
    const m = profileRiskModel("CFS", cohort);
    // A float evaluation that is off by £1: the planned row must not come from it.
    const skewed = {
      ...m,
      evaluate: (a: typeof cohort) => ({ ...m.evaluate(a), mtfs: m.evaluate(a).mtfs.map((x) => x + 1) }),
    };
    const exact = computeProfile(cohort).years.map((y) => y.mtfsImpact.toNumber());
    simulate([skewed], { iterations: 5, seed: 1 }).proposals[0].years.forEach((y, i) =>
      expect(y.planned).toBe(exact[i]),
    );
  });
});
