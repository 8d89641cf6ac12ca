import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import {
  Decimal,
  EngineError,
  ZERO,
  cohortStream,
  computeProfile,
  computeProposalProfile,
  costSettledFy,
  parseProposal,
  type CohortStreamInput,
  type ExistingMtfsLine,
  type Profile,
  type ProfileInput,
  type ProposalProfile,
  type ProposalProfileInput,
  type StreamProfile,
} from "../../src/engine";
import { legacyComputeProfile } from "./legacyProfile";
import { profileInputArb } from "./arbitraries";

const D = (x: number | string): Decimal => new Decimal(x);
const FAST = { numRuns: 60 };

function example(name: string): ProfileInput {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", name), "utf8"));
  return parseProposal(raw).assumptions.cohort!;
}
const cfs = example("cfs-targeted-prevention.json");

/** Every Decimal as its full text, so equality is to the last digit. */
const digits = (x: unknown): string => JSON.stringify(x);

/** The proposal profile of one or more cohort streams with the proposal-level parts of `a`. */
function proposalOf(
  a: ProfileInput,
  streams: readonly StreamProfile[],
  extra: Partial<ProposalProfileInput> = {},
): ProposalProfile {
  return computeProposalProfile({
    streams,
    investment: a.investment,
    mtfsOverlap: a.mtfsOverlap,
    inflationContingency: { heldCentrally: a.unitCost.inflationContingency, base: "gross" },
    prices: {
      inflationPerYear: a.unitCost.inflationPerYear,
      priceBaseFy: a.unitCost.priceBaseFy,
      periodsPerYear: a.unitCost.periodsPerYear,
    },
    horizon: a.horizon,
    ...extra,
  });
}

/** The latest FY any cost schedule of `a` settles in (undefined when none has a date). */
function costsSettle(a: ProfileInput): number | undefined {
  const fys = a.investment.map(costSettledFy).filter((f): f is number => f !== undefined);
  const overlapFrom = a.mtfsOverlap.kind === "amountPerYear" ? a.mtfsOverlap.fromFy : undefined;
  if (overlapFrom !== undefined) fys.push(overlapFrom);
  return fys.length === 0 ? undefined : Math.max(...fys);
}

const withoutRunRate = (p: Profile): unknown => ({ ...p, fullRunRate: undefined });

describe("computeProfile as one cohort stream", () => {
  it("equals the previous computeProfile to the last Decimal digit on random inputs", () => {
    fc.assert(
      fc.property(profileInputArb, (a) => {
        const before = legacyComputeProfile(a);
        const after = computeProfile(a);
        expect(digits(withoutRunRate(after))).toBe(digits(withoutRunRate(before)));
        // The run rate is the same unless a cost schedule or overlap settles after the stream (the redefinition).
        const late = costsSettle(a);
        if (late === undefined || late <= before.fullRunRate.fy) {
          expect(digits(after.fullRunRate)).toBe(digits(before.fullRunRate));
        } else {
          expect(after.fullRunRate.fy).toBe(Math.min(late, a.horizon.lastFy));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("gives CFS TP's full run rate of £3.29m in FY31/32 (published £3.30m)", () => {
    const p = computeProfile(cfs);
    expect(p.fullRunRate.label).toBe("FY31/32");
    expect(p.fullRunRate.value.div(1e6).toFixed(2)).toBe("3.29");
  });
});

describe("proposal profile invariants", () => {
  /** Two random cohorts under one proposal (the second with its own id, timeline and unit cost). */
  const twoStreams = fc.tuple(profileInputArb, profileInputArb).map(([a, b]) => ({
    a,
    streams: [cohortStream({ ...a, id: "a" }, a.horizon), cohortStream({ ...b, id: "b" }, a.horizon)],
  }));
  const clean = (a: ProfileInput): ProfileInput =>
    a.mtfsOverlap.kind === "weeksOfDuration" ? { ...a, mtfsOverlap: { kind: "none" } } : a;

  it("in-year figures sum to the cumulative benefit, and contingencies likewise", () => {
    fc.assert(
      fc.property(twoStreams, ({ a, streams }) => {
        const p = proposalOf(clean(a), streams);
        let inYear = ZERO;
        let contingency = ZERO;
        for (const y of p.years) {
          inYear = inYear.plus(y.inYear);
          contingency = contingency.plus(y.inYearInflationContingency);
          expect(inYear.minus(y.cumulative).abs().toNumber()).toBeLessThan(1e-20);
          expect(contingency.minus(y.inflationContingency).abs().toNumber()).toBeLessThan(1e-20);
        }
      }),
      FAST,
    );
  });

  it("the streams' lines add up to the total, and so do the cost lines", () => {
    fc.assert(
      fc.property(twoStreams, ({ a, streams }) => {
        const p = proposalOf(clean(a), streams);
        p.years.forEach((y, i) => {
          const gross = p.streams.reduce((s, l) => s.plus(l.years[i].gross), ZERO);
          const contingency = p.streams.reduce((s, l) => s.plus(l.years[i].inflationContingency), ZERO);
          const costs = p.costLines.reduce((s, l) => s.plus(l.amounts[i]), ZERO);
          expect(gross.eq(y.gross)).toBe(true);
          expect(contingency.minus(y.inflationContingency).abs().toNumber()).toBeLessThan(1e-20);
          expect(costs.eq(y.costs)).toBe(true);
          expect(y.cumulative.eq(y.gross.minus(y.costs).minus(y.overlap).minus(y.existingMtfs))).toBe(true);
        });
      }),
      FAST,
    );
  });

  it("two cohorts in one proposal gross what the two single-cohort profiles gross, added by hand", () => {
    fc.assert(
      fc.property(twoStreams, ({ a, streams }) => {
        const p = proposalOf(clean(a), streams);
        const one = proposalOf(clean(a), [streams[0]]);
        const other = proposalOf(clean(a), [streams[1]]);
        p.years.forEach((y, i) => {
          expect(y.gross.eq(one.years[i].gross.plus(other.years[i].gross))).toBe(true);
        });
      }),
      FAST,
    );
  });

  it("a weighting of 1 on the proposal or a stream changes no figure", () => {
    fc.assert(
      fc.property(profileInputArb, (a) => {
        const plain = computeProfile(a);
        const s = cohortStream(clean(a), a.horizon);
        const base = proposalOf(clean(a), [s]);
        const weighted = proposalOf(clean(a), [{ ...s, confidenceWeighting: D(1) }], {
          confidenceWeighting: D(1),
        });
        expect(digits(weighted.years)).toBe(digits(base.years));
        expect(digits(weighted.fullRunRate)).toBe(digits(base.fullRunRate));
        if (a.mtfsOverlap.kind !== "weeksOfDuration") {
          expect(digits(base.years.map((y) => y.cumulative))).toBe(
            digits(plain.years.map((y) => y.cumulative)),
          );
        }
      }),
      FAST,
    );
  });

  it("a weighting scales the gross linearly and leaves the costs alone", () => {
    fc.assert(
      fc.property(
        twoStreams,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        ({ a, streams }, ws, wp) => {
          const w1 = D(ws).div(100);
          const w2 = D(wp).div(100);
          const base = proposalOf(clean(a), streams);
          const p = proposalOf(clean(a), [{ ...streams[0], confidenceWeighting: w1 }, streams[1]], {
            confidenceWeighting: w2,
          });
          p.years.forEach((y, i) => {
            const expected = base.streams[0].years[i].gross
              .times(w1)
              .plus(base.streams[1].years[i].gross)
              .times(w2);
            expect(y.gross.minus(expected).abs().lte(expected.abs().times(1e-30).plus(1e-25))).toBe(true);
            expect(y.grossBeforeWeighting.eq(base.years[i].gross)).toBe(true);
            expect(p.streams[0].weighting.eq(w1.times(w2))).toBe(true);
            if (a.investment.every((c) => c.kind !== "perCase"))
              expect(y.costs.eq(base.years[i].costs)).toBe(true);
          });
        },
      ),
      FAST,
    );
  });
});

describe("confidence weighting", () => {
  it("keeps a target written as evidence × weighting in both parts and models the product", () => {
    // "40% of sampled cases could have avoided care, × a 50% confidence weighting for the small sample".
    const stated: CohortStreamInput = {
      ...cfs,
      target: { kind: "percent", value: D(0.4) },
      targetWeighting: D(0.5),
    };
    const s = cohortStream(stated, cfs.horizon);
    expect(s.weightings).toHaveLength(1);
    const w = s.weightings?.[0];
    expect([w?.evidence.toNumber(), w?.weighting.toNumber(), w?.value.toNumber()]).toEqual([0.4, 0.5, 0.2]);
    const product = cohortStream({ ...cfs, target: { kind: "percent", value: D(0.2) } }, cfs.horizon);
    expect(digits(s.years)).toBe(digits(product.years));
    expect(proposalOf(cfs, [s]).streams[0].weightings).toEqual(s.weightings);
  });

  it("refuses a weighting over 100% or below 0, naming where it is", () => {
    expect(() => cohortStream({ ...cfs, targetWeighting: D(1.5) }, cfs.horizon)).toThrow(
      "targetWeighting: must be between 0 and 1",
    );
    const s = cohortStream(cfs, cfs.horizon);
    expect(() => proposalOf(cfs, [s], { confidenceWeighting: D(-0.1) })).toThrow(EngineError);
    expect(() => proposalOf(cfs, [{ ...s, confidenceWeighting: D(2) }])).toThrow(
      "streams[0].confidenceWeighting: must be between 0 and 1",
    );
  });
});

describe("existing MTFS lines", () => {
  const s = cohortStream(cfs, cfs.horizon);
  const ac21: ExistingMtfsLine = {
    ref: "AC21",
    label: "Efficiency Review – Increasing Reablement Capacity",
    amountPerYear: D(1_000_000),
    firstFy: 2026,
    treatment: "addedBack",
  };

  it("adds back a line the Appendix A row includes (Reablement's AC21 £1.00m), as its own line", () => {
    const base = proposalOf(cfs, [s]);
    const p = proposalOf(cfs, [s], { existingMtfsLines: [ac21] });
    expect(p.existingMtfsLines).toHaveLength(1);
    expect(p.existingMtfsLines[0].label).toBe("AC21 Efficiency Review – Increasing Reablement Capacity");
    p.years.forEach((y, i) => {
      const b = base.years[i];
      // Net of the line, never below what the costs leave: the line takes at most the saving after the overlap.
      const taken = Decimal.min(1_000_000, Decimal.max(0, b.gross.minus(b.overlap)));
      expect(y.existingMtfs.eq(taken)).toBe(true);
      expect(y.cumulative.eq(b.cumulative.minus(taken))).toBe(true);
      expect(y.addedBack.toNumber()).toBe(1_000_000);
      expect(y.mtfsImpact.eq(y.cumulative.plus(y.inflationContingency).plus(1_000_000))).toBe(true);
    });
  });

  it("reads Reablement's FY26/27 as Appendix A does: a £0.00m benefit net of AC21, £1.00m in the row", () => {
    // A saving below the existing line: the proposal prints £0.00m (seeds/004 line 2019), Appendix A £1.00m (line 402).
    const small: StreamProfile = {
      ...s,
      years: s.years.map((y) => ({ ...y, gross: D(300_000), grossAtPriceBase: D(300_000) })),
    };
    const p = proposalOf(cfs, [small], {
      investment: [],
      mtfsOverlap: { kind: "none" },
      existingMtfsLines: [ac21],
    });
    expect(p.years[0].cumulative.isZero()).toBe(true);
    expect(p.years[0].mtfsImpact.toNumber()).toBe(1_000_000);
    // Uncapped, the line would turn the saving into a cost of £0.70m.
    const uncapped = proposalOf(cfs, [small], {
      investment: [],
      mtfsOverlap: { kind: "none" },
      existingMtfsLines: [{ ...ac21, capAtGross: false }],
    });
    expect(uncapped.years[0].cumulative.toNumber()).toBe(-700_000);
  });

  it("deducts a line the benefit is stated net of, only in its FYs, and adds nothing back", () => {
    const line: ExistingMtfsLine = { ...ac21, treatment: "deducted", firstFy: 2029, lastFy: 2030 };
    const base = proposalOf(cfs, [s]);
    const p = proposalOf(cfs, [s], { existingMtfsLines: [line] });
    expect(p.years.map((y) => y.existingMtfs.toNumber())).toEqual([0, 0, 0, 1e6, 1e6, 0]);
    p.years.forEach((y, i) => {
      expect(y.cumulative.eq(base.years[i].cumulative.minus(y.existingMtfs))).toBe(true);
      expect(y.addedBack.isZero()).toBe(true);
      expect(y.mtfsImpact.eq(y.cumulative.plus(y.inflationContingency))).toBe(true);
    });
    expect(p.existingMtfsLines[0].deducted.map((x) => x.toNumber())).toEqual([0, 0, 0, 1e6, 1e6, 0]);
  });

  it("refuses a last FY before the first", () => {
    expect(() => proposalOf(cfs, [s], { existingMtfsLines: [{ ...ac21, lastFy: 2025 }] })).toThrow(
      "existingMtfsLines[0].lastFy: must not be before firstFy",
    );
  });
});

describe("full run rate: the FY from which nothing in the inputs changes any more", () => {
  const long = { ...cfs, horizon: { ...cfs.horizon, lastFy: 2036 } };
  const s = cohortStream(long, long.horizon);

  it("waits for an ongoing cost that steps down after the saving saturates", () => {
    // The stream saturates for FY31/32; the £1.5m investment halves from 1 Oct 2032 (FY32/33 is partial).
    const stepped = proposalOf(long, [s], {
      investment: [
        {
          kind: "ongoing",
          label: "FFPP",
          amountPerYear: D(1_500_000),
          fromDate: "2026-12-01",
          toDate: "2032-09-30",
        },
        { kind: "ongoing", label: "FFPP (reduced)", amountPerYear: D(750_000), fromDate: "2032-10-01" },
      ],
    });
    expect(s.settledFy).toBe(2031);
    expect(stepped.fullRunRate.label).toBe("FY33/34");
    expect(stepped.fullRunRate.settledBy).toBe("FFPP");
    const row = stepped.years.find((y) => y.fy === 2033);
    expect(stepped.fullRunRate.value.eq(row?.cumulative ?? ZERO)).toBe(true);
    // Before the step the net is not yet the steady state: it rises by the £0.75m saved.
    const fy31 = stepped.years.find((y) => y.fy === 2031);
    expect(row?.cumulative.minus(fy31?.cumulative ?? ZERO).gt(700_000)).toBe(true);
  });

  it("is the stream's settled FY when the costs settle first (CFS TP: FY31/32)", () => {
    const p = proposalOf(long, [s]);
    expect(p.fullRunRate.label).toBe("FY31/32");
    expect(p.fullRunRate.settledBy).toBe("Cohort");
  });

  it("takes the latest stream, and is capped to the horizon", () => {
    const later = cohortStream(
      { ...long, id: "later", timeline: { ...long.timeline, startDate: "2029-08-01" } },
      long.horizon,
    );
    expect(proposalOf(long, [s, later]).fullRunRate.fy).toBe(later.settledFy);
    expect(
      proposalOf(cfs, [cohortStream({ ...cfs, durationWeeks: D(2000) }, cfs.horizon)]).fullRunRate.fy,
    ).toBe(2031);
  });
});

describe("inflation held centrally", () => {
  const heldCfs: ProfileInput = {
    ...cfs,
    mtfsOverlap: { kind: "none" },
    unitCost: { ...cfs.unitCost, inflationContingency: true },
    investment: [
      {
        kind: "ongoing",
        label: "Team (3% pay award)",
        amountPerYear: D(500_000),
        fromDate: "2026-08-01",
        inflationPerYear: D(0.03),
      },
    ],
  };
  const s = cohortStream(heldCfs, heldCfs.horizon);
  const onGross = proposalOf(heldCfs, [s]);
  const onNet = proposalOf(heldCfs, [s], { inflationContingency: { heldCentrally: true, base: "net" } });

  it("on gross (the default) leaves costs at each FY's prices; on net takes their inflation from the contingency", () => {
    onNet.years.forEach((y, i) => {
      const g = onGross.years[i];
      const costInflation = g.costs.minus(y.costs);
      expect(y.gross.eq(g.gross)).toBe(true);
      expect(y.costs.toNumber()).toBeCloseTo(i === 0 ? (500_000 * 243) / 365 : 500_000, 6);
      expect(
        y.inflationContingency.minus(g.inflationContingency.minus(costInflation)).abs().toNumber(),
      ).toBeLessThan(1e-20);
      // The MTFS row is the same either way: only the split between benefit and contingency moves.
      expect(y.mtfsImpact.minus(g.mtfsImpact).abs().toNumber()).toBeLessThan(1e-20);
    });
    expect(onNet.years[3].costs.lt(onGross.years[3].costs)).toBe(true);
  });

  it("matches today's single-proposal figures on gross", () => {
    expect(digits(onGross.years.map((y) => y.mtfsImpact))).toBe(
      digits(computeProfile(heldCfs).years.map((y) => y.mtfsImpact)),
    );
  });
});

describe("per-event costs", () => {
  const s = cohortStream({ ...cfs, id: "cyp", label: "CYP kept out of care" }, cfs.horizon);
  const engage = {
    kind: "perEvent",
    label: "Family engagement",
    amountPerEvent: D(250),
    stream: "cyp",
  } as const;

  it("price each avoided event of the named stream in the FY it happens", () => {
    const p = proposalOf(cfs, [s], { investment: [engage] });
    p.costLines[0].amounts.forEach((c, i) => {
      const events = s.years[i].measures.find((m) => m.key === "avoidedEvents")?.value ?? ZERO;
      expect(c.eq(events.times(250))).toBe(true);
    });
    expect(p.fullRunRate.settledBy).toBe("CYP kept out of care");
  });

  it("count a stream's own per-event costs as a cost line of the proposal", () => {
    const withCosts: StreamProfile = { ...s, years: s.years.map((y) => ({ ...y, oneOffCosts: D(1000) })) };
    const p = proposalOf(cfs, [withCosts]);
    const base = proposalOf(cfs, [s]);
    p.years.forEach((y, i) => expect(y.costs.eq(base.years[i].costs.plus(1000))).toBe(true));
    expect(p.costLines.map((l) => l.label)).toContain("CYP kept out of care: costs per event");
  });

  it("refuse a stream the proposal does not have, and duplicate stream ids", () => {
    expect(() => proposalOf(cfs, [s], { investment: [{ ...engage, stream: "adults" }] })).toThrow(
      "investment[0].stream: must name one of the proposal's streams (cyp), got adults",
    );
    expect(() => proposalOf(cfs, [s, s])).toThrow('streams[1].id: must be unique; "cyp" is used twice');
  });
});
