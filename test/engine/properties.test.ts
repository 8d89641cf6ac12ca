import fc from "fast-check";
import {
  Decimal,
  EngineError,
  computeProfile,
  fullRatePerYear,
  parseAssumptions,
  parseProposal,
  type ProfileInput,
} from "../../src/engine";

/** Valid assumption blocks across the whole input space the parser accepts (JSON as a user would write it). */
const assumptionsArb = fc.record({
  baseline: fc.record({
    volumePerYear: fc.integer({ min: 0, max: 2000 }),
    growthPerYear: fc.double({ min: 0, max: 0.1, noNaN: true }),
  }),
  target: fc.oneof(
    fc.record({ kind: fc.constant("percent"), value: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
    fc.record({ kind: fc.constant("countPerYear"), value: fc.integer({ min: 0, max: 100 }) }),
    fc.record({ kind: fc.constant("caseloadReduction"), value: fc.integer({ min: 0, max: 50 }) }),
  ),
  lever: fc.constantFrom("entry", "exit"),
  durationWeeks: fc.double({ min: 1, max: 300, noNaN: true }),
  unitCost: fc.record({
    weeklyCost: fc.integer({ min: 0, max: 8000 }),
    alternativeWeeklyCost: fc.integer({ min: 0, max: 2000 }),
    inflationPerYear: fc.double({ min: 0, max: 0.1, noNaN: true }),
    inflationContingency: fc.boolean(),
  }),
  timeline: fc.record({
    startDate: fc.constantFrom("2026-04-01", "2026-08-01", "2027-01-15", "2028-02-29"),
    designMonths: fc.integer({ min: 0, max: 6 }),
    pilotMonths: fc.integer({ min: 0, max: 6 }),
    rolloutMonths: fc.integer({ min: 0, max: 12 }),
    leadMonths: fc.double({ min: 0, max: 12, noNaN: true }),
    ramp: fc.constantFrom("linear", "monthly-steps", "immediate"),
  }),
  investment: fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant("ongoing"),
        amountPerYear: fc.integer({ min: 0, max: 2_000_000 }),
        fromDate: fc.constantFrom("2026-04-01", "2026-12-01", "2027-06-30"),
      }),
      fc.record({
        kind: fc.constant("oneOff"),
        amount: fc.integer({ min: 0, max: 500_000 }),
        date: fc.constant("2027-01-01"),
      }),
      fc.record({ kind: fc.constant("perCase"), amountPerCasePerYear: fc.integer({ min: 0, max: 5000 }) }),
    ),
    { maxLength: 3 },
  ),
  mtfsOverlap: fc.oneof(
    fc.constant({ kind: "none" }),
    fc.record({ kind: fc.constant("amountPerYear"), amountPerYear: fc.integer({ min: 0, max: 1_000_000 }) }),
  ),
});

const parse = (raw: unknown): ProfileInput => parseAssumptions(raw);
const FAST = { numRuns: 60 };

describe("profile invariants", () => {
  it("in-year figures sum to the cumulative benefit of every FY", () => {
    fc.assert(
      fc.property(assumptionsArb, (raw) => {
        const p = computeProfile(parse(raw));
        let sum = new Decimal(0);
        for (const y of p.years) {
          sum = sum.plus(y.inYear);
          expect(sum.minus(y.cumulative).abs().toNumber()).toBeLessThan(1e-20);
        }
      }),
      FAST,
    );
  });

  it("caseload reduction never exceeds the full flow times the duration (half of it for earlier exits)", () => {
    fc.assert(
      fc.property(assumptionsArb, (raw) => {
        const a = parse(raw);
        const p = computeProfile(a);
        for (const y of p.years) {
          const maxFlowPerYear = fullRatePerYear(
            a.baseline,
            a.target,
            a.durationWeeks,
            y.fy,
            a.horizon.firstFy,
            a.lever,
          );
          const weeksHeld = a.lever === "exit" ? a.durationWeeks.div(2) : a.durationWeeks;
          const bound = maxFlowPerYear.times(weeksHeld).div(52.18);
          expect(y.caseloadReduction.lte(bound.times(1 + 1e-12).plus(1e-18))).toBe(true);
          expect(y.caseloadReduction.gte(-1e-18)).toBe(true);
        }
      }),
      FAST,
    );
  });

  it("an earlier exit never holds more caseload than an avoided entry of the same flow", () => {
    fc.assert(
      fc.property(assumptionsArb, (raw) => {
        fc.pre(raw.target.kind !== "caseloadReduction"); // there the exit lever doubles the flow by design
        const entry = computeProfile(parse({ ...raw, lever: "entry" }));
        const exit = computeProfile(parse({ ...raw, lever: "exit" }));
        exit.years.forEach((y, i) => {
          expect(y.caseloadReduction.lte(entry.years[i].caseloadReduction.times(1 + 1e-12).plus(1e-18))).toBe(
            true,
          );
        });
      }),
      FAST,
    );
  });

  it("a zero target gives zero gross, and the net is only the costs", () => {
    fc.assert(
      fc.property(assumptionsArb, (raw) => {
        const p = computeProfile(parse({ ...raw, target: { kind: "percent", value: 0 } }));
        for (const y of p.years) {
          expect(y.gross.isZero()).toBe(true);
          expect(y.overlap.isZero()).toBe(true);
          expect(y.cumulative.eq(y.costs.neg())).toBe(true);
        }
      }),
      FAST,
    );
  });

  it("doubling the unit cost doubles the gross", () => {
    fc.assert(
      fc.property(assumptionsArb, (raw) => {
        const one = computeProfile(parse(raw));
        const uc = raw.unitCost;
        const two = computeProfile(
          parse({
            ...raw,
            unitCost: {
              ...uc,
              weeklyCost: uc.weeklyCost * 2,
              alternativeWeeklyCost: uc.alternativeWeeklyCost * 2,
            },
          }),
        );
        one.years.forEach((y, i) => {
          expect(two.years[i].gross.minus(y.gross.times(2)).abs().toNumber()).toBeLessThan(1e-12);
        });
      }),
      FAST,
    );
  });

  it("holding inflation centrally moves it out of the benefit without changing the MTFS row", () => {
    fc.assert(
      fc.property(assumptionsArb, (raw) => {
        const noOverlap = { ...raw, mtfsOverlap: { kind: "none" } };
        const held = computeProfile(
          parse({ ...noOverlap, unitCost: { ...raw.unitCost, inflationContingency: true } }),
        );
        const inBenefit = computeProfile(
          parse({ ...noOverlap, unitCost: { ...raw.unitCost, inflationContingency: false } }),
        );
        held.years.forEach((y, i) => {
          const b = inBenefit.years[i];
          expect(b.inflationContingency.isZero()).toBe(true);
          expect(b.mtfsImpact.eq(b.cumulative)).toBe(true);
          expect(y.gross.plus(y.inflationContingency).minus(b.gross).abs().toNumber()).toBeLessThan(1e-9);
          expect(y.mtfsImpact.minus(b.cumulative).abs().toNumber()).toBeLessThan(1e-9);
          expect(y.costs.eq(b.costs)).toBe(true);
        });
      }),
      FAST,
    );
  });

  it("an overlap capped at gross never turns a saving into a cost", () => {
    fc.assert(
      fc.property(assumptionsArb, fc.integer({ min: 0, max: 5_000_000 }), (raw, amount) => {
        const p = computeProfile(
          parse({ ...raw, mtfsOverlap: { kind: "amountPerYear", amountPerYear: amount } }),
        );
        for (const y of p.years) expect(y.overlap.lte(Decimal.max(0, y.gross))).toBe(true);
      }),
      FAST,
    );
  });
});

describe("robustness", () => {
  const garbage = fc.oneof(
    fc.anything(),
    fc.double(),
    fc.constantFrom(NaN, Infinity, -Infinity, "", "8%", "abc", -3, 1e308, null, [], {}),
  );
  /** Proposals with any field replaced by garbage. */
  const proposalArb = fc
    .tuple(
      assumptionsArb,
      fc.constantFrom(
        "durationWeeks",
        "baseline",
        "target",
        "unitCost",
        "timeline",
        "investment",
        "mtfsOverlap",
        "horizon",
        "lever",
      ),
      garbage,
    )
    .map(([a, key, junk]) => ({ opportunity: { name: "X" }, assumptions: { ...a, [key]: junk } }));

  /** Overlaps in weeks of duration, up to well past the duration itself. */
  const overlapWeeksArb = fc
    .tuple(assumptionsArb, fc.double({ min: 0, max: 400, noNaN: true }))
    .map(([a, weeks]) => ({
      opportunity: { name: "X" },
      assumptions: { ...a, mtfsOverlap: { kind: "weeksOfDuration", weeks } },
    }));

  it("either returns finite Decimals or throws EngineError, for any input", () => {
    fc.assert(
      fc.property(fc.oneof(proposalArb, overlapWeeksArb, garbage), (raw) => {
        try {
          const p = computeProfile(parseProposal(raw).assumptions.cohort!);
          for (const y of p.years) {
            for (const v of [
              y.gross,
              y.costs,
              y.overlap,
              y.cumulative,
              y.inYear,
              y.caseloadReduction,
              y.avoidedEvents,
              y.inflationContingency,
              y.mtfsImpact,
            ]) {
              expect(v.isFinite()).toBe(true);
            }
          }
          expect(p.timeToFullRunRateYears.isFinite()).toBe(true);
        } catch (e) {
          if (!(e instanceof EngineError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("rejects an overlap in weeks that uses up the whole duration, naming the field and rule", () => {
    const a = { ...fc.sample(assumptionsArb, { numRuns: 1, seed: 1 })[0], durationWeeks: 4 };
    for (const lever of ["entry", "exit"]) {
      expect(() =>
        computeProfile(parse({ ...a, lever, mtfsOverlap: { kind: "weeksOfDuration", weeks: 10 } })),
      ).toThrow("must be less than durationWeeks (4)");
    }
  });

  it("rejects a non-positive duration naming the field and rule", () => {
    try {
      parseAssumptions({ durationWeeks: -3 });
      throw new Error("expected a throw");
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as EngineError).code).toBe("missing"); // target is checked first
    }
    const base = {
      target: { kind: "countPerYear", value: 1 },
      unitCost: { weeklyCost: 1 },
      timeline: { startDate: "2026-08-01" },
    };
    expect(() => parseAssumptions({ ...base, durationWeeks: -3 })).toThrow(
      "assumptions.durationWeeks: must be > 0, got -3",
    );
  });
});
