import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import {
  Decimal,
  checkWeighting,
  cohortStream,
  measureValue,
  parseProposal,
  weighted,
  type ProfileInput,
} from "../../src/engine";
import { profileInputArb } from "./arbitraries";

const D = (x: number): Decimal => new Decimal(x);

function example(name: string): ProfileInput {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", name), "utf8"));
  return parseProposal(raw).assumptions.cohort!;
}
const cfs = example("cfs-targeted-prevention.json");

describe("stream helpers", () => {
  it("keep evidence, weighting and their product", () => {
    const w = weighted("Target", D(0.4), D(0.5), "targetWeighting");
    expect([w.label, w.evidence.toNumber(), w.weighting.toNumber(), w.value.toNumber()]).toEqual([
      "Target",
      0.4,
      0.5,
      0.2,
    ]);
    expect(() => checkWeighting(D(1.01), "confidenceWeighting")).toThrow(
      "confidenceWeighting: must be between 0 and 1 (0% to 100%), got 1.01",
    );
  });
});

describe("cohort stream", () => {
  const s = cohortStream({ ...cfs, label: "CYP kept out of care", unit: "children" }, cfs.horizon);

  it("is a StreamProfile of kind cohort with one row per FY and its measures", () => {
    expect([s.id, s.kind, s.cashability]).toEqual(["cohort", "cohort", "costAvoidance"]);
    expect(s.years.map((y) => y.fy)).toEqual([2026, 2027, 2028, 2029, 2030, 2031]);
    expect(s.years[5].measures.map((m) => [m.key, m.label, m.unit])).toEqual([
      ["avoidedEvents", "Avoided events", "children"],
      ["caseloadReduction", "Caseload reduction", "children"],
    ]);
    // 260 × 8% × 153.1 / 52.18 children kept out of care at saturation (DOMAIN §3).
    expect(measureValue(s.years[5], "caseloadReduction").toNumber()).toBeCloseTo(
      (260 * 0.08 * 153.1) / 52.18,
      6,
    );
    expect(measureValue(s.years[5], "unknown").isZero()).toBe(true);
  });

  it("settles in FY31/32, the first FY after full impact + the stay, and reaches full impact in 1.54 years", () => {
    expect(s.settledFy).toBe(2031);
    expect(s.timeToFullImpactYears?.toDecimalPlaces(2).toNumber()).toBe(1.54);
  });

  it("prices gross at each FY's prices and at the price base's (CFS: 4% a year from FY26/27)", () => {
    s.years.forEach((y) => {
      const factor = D(1.04).pow(y.fy - 2026);
      expect(y.gross.minus(y.grossAtPriceBase.times(factor)).abs().toNumber()).toBeLessThan(1e-20);
    });
  });

  it("ramps a stepped timeline linearly in its share: share x = x × full + (1 − x) × none until full impact", () => {
    fc.assert(
      fc.property(profileInputArb, fc.integer({ min: 0, max: 100 }), (a, pct) => {
        const plain = {
          ...a,
          target: a.target.kind === "caseloadReduction" ? a.target : { ...a.target, cohortSize: undefined },
        };
        const at = (share: number) =>
          cohortStream(
            { ...plain, timeline: { ...plain.timeline, ramp: "stepped", stepShare: D(share) } },
            a.horizon,
          );
        const x = D(pct).div(100);
        const [sx, s1, s0] = [at(pct / 100), at(1), at(0)];
        sx.years.forEach((y, i) => {
          const expected = s1.years[i].gross.times(x).plus(s0.years[i].gross.times(D(1).minus(x)));
          expect(y.gross.minus(expected).abs().lte(expected.abs().times(1e-25).plus(1e-20))).toBe(true);
        });
        // Share 1 from first impact is the immediate ramp (to rounding: the step adds cut points).
        const immediate = cohortStream(
          { ...plain, timeline: { ...plain.timeline, ramp: "immediate" } },
          a.horizon,
        );
        immediate.years.forEach((y, i) => {
          const close = (p: Decimal, q: Decimal): boolean =>
            p.minus(q).abs().lte(q.abs().times(1e-25).plus(1e-20));
          expect(close(s1.years[i].gross, y.gross)).toBe(true);
          expect(
            close(measureValue(s1.years[i], "caseloadReduction"), measureValue(y, "caseloadReduction")),
          ).toBe(true);
        });
      }),
      { numRuns: 40 },
    );
  });
});
