import { computeProfile, parseAssumptions } from "../../src/engine";

/**
 * The exit lever (national report 002's higher exit rate): extra exits from the current caseload, each saving
 * the rest of a stay. Reunification-style inputs: 734 children in care, stays of 153.1 weeks.
 */
const base = {
  lever: "exit",
  baseline: { volumePerYear: 734, growthPerYear: 0 },
  target: { kind: "percent", value: "2.2%" },
  durationWeeks: 153.1,
  unitCost: { weeklyCost: 1487, inflationPerYear: 0 },
  timeline: { startDate: "2026-04-01", rolloutMonths: 6, ramp: "linear" },
  horizon: { firstFy: "FY26/27", lastFy: "FY33/34" },
};

describe("exit lever", () => {
  it("holds half the extra exits times the stay once saturated", () => {
    const p = computeProfile(parseAssumptions(base));
    const extraExitsPerYear = 734 * 0.022;
    const last = p.years[p.years.length - 1];
    expect(last.caseloadReduction.toNumber()).toBeCloseTo((extraExitsPerYear * 153.1) / 2 / 52.18, 9);
    expect(last.gross.toNumber()).toBeCloseTo(last.caseloadReduction.toNumber() * 1487 * 52.18, 4);
  });

  it("holds a stated caseload reduction once saturated, as the entry lever does", () => {
    const p = computeProfile(parseAssumptions({ ...base, target: { kind: "caseloadReduction", value: 10 } }));
    expect(p.years[p.years.length - 1].caseloadReduction.toNumber()).toBeCloseTo(10, 9);
  });

  it("saves sooner than avoided entries holding the same caseload", () => {
    // Same steady state (10), but an exit's saving is front-loaded within the stay, so the build-up is faster.
    const target = { kind: "caseloadReduction", value: 10 };
    const exit = computeProfile(parseAssumptions({ ...base, target }));
    const entry = computeProfile(parseAssumptions({ ...base, target, lever: "entry" }));
    expect(exit.years[1].caseloadReduction.gt(entry.years[1].caseloadReduction)).toBe(true);
  });
});
