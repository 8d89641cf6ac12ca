import * as fs from "fs";
import * as path from "path";
import { computeProfile, parseProposal, type Profile } from "../../src/engine";

/**
 * Golden figures: each published figure (£m) with its source line, the tolerance and why.
 * The inputs are the examples in examples/, built from the proposals' stated assumptions; conventions
 * and the two inferred values (CFS overlap phasing, FBP unit cost) are listed in docs/engine.md.
 */

function load(name: string): Profile {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", name), "utf8"));
  return computeProfile(parseProposal(raw).assumptions.cohort!);
}

function m(p: Profile, label: string, field: "cumulative" | "inYear"): number {
  const row = p.years.find((y) => y.label === label);
  if (!row) throw new Error(`no ${label}`);
  return row[field].div(1e6).toNumber();
}

interface Golden {
  readonly label: string;
  readonly field: "cumulative" | "inYear";
  readonly published: number;
  readonly toleranceM: number;
  readonly source: string;
}

describe("CFS Targeted Prevention profile reproduces the published proposal", () => {
  const p = load("cfs-targeted-prevention.json");
  // Tolerance £0.03m (issue 3): the proposal prints £m to 2 dp (±0.005) and its timeline is stated in whole
  // months (pilot 4, rollout 6, lead 8.5), so the modelled dates carry up to ~half a month of uncertainty.
  const goldens: Golden[] = [
    { label: "FY26/27", field: "cumulative", published: -0.5, toleranceM: 0.03, source: "seeds/000 line 91" },
    { label: "FY27/28", field: "cumulative", published: -1.5, toleranceM: 0.03, source: "seeds/000 line 92" },
    {
      label: "FY28/29",
      field: "cumulative",
      published: -0.57,
      toleranceM: 0.03,
      source: "seeds/000 line 93",
    },
    { label: "FY29/30", field: "cumulative", published: 1.12, toleranceM: 0.03, source: "seeds/000 line 94" },
    {
      label: "FY30/31",
      field: "cumulative",
      published: 2.79,
      toleranceM: 0.03,
      source: "seeds/004 line 411 (Appendix A)",
    },
    {
      label: "FY31/32",
      field: "cumulative",
      published: 3.3,
      toleranceM: 0.03,
      source: "seeds/000 line 9 (full run rate)",
    },
    { label: "FY26/27", field: "inYear", published: -0.5, toleranceM: 0.03, source: "seeds/000 line 91" },
    { label: "FY27/28", field: "inYear", published: -1.0, toleranceM: 0.03, source: "seeds/000 line 92" },
    { label: "FY28/29", field: "inYear", published: 0.93, toleranceM: 0.03, source: "seeds/000 line 93" },
    { label: "FY29/30", field: "inYear", published: 1.69, toleranceM: 0.03, source: "seeds/000 line 94" },
  ];
  it.each(goldens)("$field $label is $published within $toleranceM ($source)", (g) => {
    expect(Math.abs(m(p, g.label, g.field) - g.published)).toBeLessThanOrEqual(g.toleranceM);
  });

  it("states the quantified opportunity, full run rate and its FY, and time to full run rate", () => {
    // £1.12m (seeds/000 line 8) within £0.03m; £3.30m in FY31/32 (line 9); "1.5 years" (seeds/004 line 411).
    expect(Math.abs(p.quantifiedOpportunity.div(1e6).toNumber() - 1.12)).toBeLessThanOrEqual(0.03);
    expect(p.fullRunRate.label).toBe("FY31/32");
    expect(Math.abs(p.fullRunRate.value.div(1e6).toNumber() - 3.3)).toBeLessThanOrEqual(0.03);
    expect(p.timeToFullRunRateYears.toDecimalPlaces(1).toNumber()).toBe(1.5);
  });

  it("saturates at about 61 children, the steady state the proposal implies", () => {
    // 260 × 8% × 153.1 / 52.18 = 61.03 children kept out of care once the stock is full (DOMAIN §3).
    expect(p.years[5].caseloadReduction.toNumber()).toBeCloseTo((260 * 0.08 * 153.1) / 52.18, 6);
  });
});

describe("Family Based Placements profile reproduces the published proposal", () => {
  const p = load("family-based-placements.json");
  // Tolerance £0.06m (issue 3): the proposal states dates, a "10 CYP" caseload target and a cost range
  // (£510k–£610k a year; the lower bound is modelled), and prints the unit cost rounded ("£6k").
  const goldens: Golden[] = [
    {
      label: "FY26/27",
      field: "cumulative",
      published: -0.31,
      toleranceM: 0.06,
      source: "seeds/004 line 1223",
    },
    {
      label: "FY27/28",
      field: "cumulative",
      published: -0.31,
      toleranceM: 0.06,
      source: "seeds/004 line 1224",
    },
    {
      label: "FY28/29",
      field: "cumulative",
      published: 0.83,
      toleranceM: 0.06,
      source: "seeds/004 line 1225",
    },
    {
      label: "FY29/30",
      field: "cumulative",
      published: 1.75,
      toleranceM: 0.06,
      source: "seeds/004 line 1226",
    },
    {
      label: "FY30/31",
      field: "cumulative",
      published: 2.01,
      toleranceM: 0.06,
      source: "seeds/004 line 408 (Appendix A)",
    },
    { label: "FY26/27", field: "inYear", published: -0.31, toleranceM: 0.06, source: "seeds/004 line 1223" },
    // In-year is a difference of two cumulatives each within £0.06m, so it can be off by up to £0.12m. The
    // published build-up is steeper in FY28/29 than a linear ramp from pilot end to the sustainable date gives
    // (model: 0.08, 1.05, 1.00 against 0.00, 1.14, 0.92). Recorded in docs/engine.md.
    {
      label: "FY27/28",
      field: "inYear",
      published: 0,
      toleranceM: 0.12,
      source: "seeds/004 line 1224 (printed -)",
    },
    { label: "FY28/29", field: "inYear", published: 1.14, toleranceM: 0.12, source: "seeds/004 line 1225" },
    { label: "FY29/30", field: "inYear", published: 0.92, toleranceM: 0.12, source: "seeds/004 line 1226" },
  ];
  it.each(goldens)("$field $label is $published within $toleranceM ($source)", (g) => {
    expect(Math.abs(m(p, g.label, g.field) - g.published)).toBeLessThanOrEqual(g.toleranceM);
  });

  it("holds the stated 10 CYP caseload reduction once saturated", () => {
    expect(p.years[4].caseloadReduction.toNumber()).toBeCloseTo(10, 9);
  });

  // The published in-year figures cannot all be reached from the stated dates: a rise of £1.14m in FY28/29
  // needs the full flow (10 × 52.18 / 107 a year) through FY27/28 and FY28/29, which would make FY27/28's
  // in-year about +£0.37m, not 0. So every reading of what the proposal leaves open (unit cost £6k or £6,050,
  // investment anywhere in £510k–£610k from the project start, design end or pilot end, any ramp shape) misses
  // some in-year figure by more than £0.06m; the best reading misses by £0.093m. Recorded in docs/discrepancies.md.
  it("no reading of the stated assumptions reaches every published in-year figure within £0.06m", () => {
    const raw = JSON.parse(
      fs.readFileSync(path.join(__dirname, "../../examples/family-based-placements.json"), "utf8"),
    ) as {
      assumptions: {
        unitCost: { weeklyCost: number };
        investment: { amountPerYear: number; fromDate: string }[];
        timeline: { ramp: string };
      };
      published: { inYear: Record<string, number> };
    };
    let best = Infinity;
    for (const weeklyCost of [6000, 6050])
      for (const amountPerYear of [510000, 560000, 610000])
        for (const fromDate of ["2026-08-01", "2026-10-17", "2027-04-03"])
          for (const ramp of ["linear", "monthly-steps", "immediate"]) {
            const a = raw.assumptions;
            const variant = {
              ...raw,
              assumptions: {
                ...a,
                unitCost: { ...a.unitCost, weeklyCost },
                investment: [{ ...a.investment[0], amountPerYear, fromDate }],
                timeline: { ...a.timeline, ramp },
              },
            };
            const profile = computeProfile(parseProposal(variant).assumptions.cohort!);
            const miss = Math.max(
              ...Object.entries(raw.published.inYear).map(([label, published]) =>
                Math.abs(m(profile, label, "inYear") - published / 1e6),
              ),
            );
            best = Math.min(best, miss);
          }
    expect(best).toBeGreaterThan(0.06);
    expect(best).toBeCloseTo(0.093, 3);
  });
});

describe("Independent Travel Training profile reproduces the published proposal", () => {
  const p = load("independent-travel-training.json");
  // Tolerance £0.06m (issue 3): a term-based completion model whose term dates, school days (190) and
  // remaining years in transport are not stated in the proposal.
  const goldens: Golden[] = [
    // The proposal prints -£0.07m (seeds/004 line 1598); Appendix A (line 413) and the arithmetic
    // ((32.5k + 58k) × 8/12 = £0.060m) give -£0.06m: a misprint in the proposal; we test -0.06.
    {
      label: "FY26/27",
      field: "cumulative",
      published: -0.06,
      toleranceM: 0.06,
      source: "seeds/004 line 413",
    },
    {
      label: "FY27/28",
      field: "cumulative",
      published: 0.1,
      toleranceM: 0.06,
      source: "seeds/004 line 1599",
    },
    {
      label: "FY28/29",
      field: "cumulative",
      published: 0.45,
      toleranceM: 0.06,
      source: "seeds/004 line 1600",
    },
    {
      label: "FY29/30",
      field: "cumulative",
      published: 0.54,
      toleranceM: 0.06,
      source: "seeds/004 line 1601",
    },
    {
      label: "FY30/31",
      field: "cumulative",
      published: 0.65,
      toleranceM: 0.06,
      source: "seeds/004 line 413 (Appendix A)",
    },
    { label: "FY27/28", field: "inYear", published: 0.17, toleranceM: 0.06, source: "seeds/004 line 1599" },
    { label: "FY28/29", field: "inYear", published: 0.35, toleranceM: 0.06, source: "seeds/004 line 1600" },
    { label: "FY29/30", field: "inYear", published: 0.09, toleranceM: 0.06, source: "seeds/004 line 1601" },
  ];
  it.each(goldens)("$field $label is $published within $toleranceM ($source)", (g) => {
    expect(Math.abs(m(p, g.label, g.field) - g.published)).toBeLessThanOrEqual(g.toleranceM);
  });

  it("costs FY26/27 exactly the trainer and coordinator for 8 months", () => {
    // (32,500 + 58,000) × 243/365 days from 1 Aug 2026: the arithmetic behind Appendix A's -£0.06m.
    expect(p.years[0].costs.toNumber()).toBeCloseTo((90500 * 243) / 365, 6);
  });
});
