import fc from "fast-check";
import {
  Decimal,
  computeProfile,
  parseProposal,
  periodProfile,
  reprofile,
  reprofiledAssumptionsJson,
  reprofiledInput,
  describeReading,
  describeReprofile,
  rmsError,
  squaredScale,
  TIE_SHARE,
  type ProfileInput,
} from "../../src/engine";
import fs from "node:fs";
import path from "node:path";
import { exampleInput } from "./tracking.fixtures";

const D = (x: number | string): Decimal => new Decimal(x);
const cfs = exampleInput("cfs-targeted-prevention.json");
const cfsJson = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8"),
) as { assumptions: Record<string, unknown> };

/** The months of a modelled input's avoided events, as actuals. */
function actualsOf(input: ProfileInput, labels: readonly string[]) {
  const rows = periodProfile(input, "month");
  return labels.map((period) => ({ period, value: rows.find((r) => r.label === period)!.avoidedEvents }));
}

const QUARTER = ["2027-10", "2027-11", "2027-12"];

describe("reprofile", () => {
  it("reads no events in Oct–Dec 2027 as a later start, past the last actual month", () => {
    const r = reprofile(
      cfs,
      QUARTER.map((period) => ({ period, value: D(0) })),
    );
    expect(r.reading.kind).toBe("laterStart");
    expect(r.squaredError.toNumber()).toBe(0);
    expect(r.approvedSquaredError.gt(0)).toBe(true);
    // the smallest shift that moves first impact past 31 December 2027
    const days = r.reading.kind === "laterStart" ? r.reading.days : -1;
    expect(
      periodProfile(reprofiledInput(cfs, { kind: "laterStart", days: days - 1 }), "month")
        .find((m) => m.label === "2027-12")!
        .avoidedEvents.gt(0),
    ).toBe(true);
    expect(describeReading(r.reading)).toMatch(/^a later start: \d+ days/);
  });

  it("finds the shift that made the actuals", () => {
    const truth = reprofiledInput(cfs, { kind: "laterStart", days: 45 });
    const r = reprofile(cfs, actualsOf(truth, ["2027-09", "2027-10", "2027-11", "2027-12"]));
    expect(r.reading).toEqual({ kind: "laterStart", days: 45 });
    expect(r.revised.years).toEqual(computeProfile(truth).years);
  });

  it("finds the target that made the actuals", () => {
    const truth = reprofiledInput(cfs, { kind: "targetReached", factor: D("0.6") });
    const r = reprofile(cfs, actualsOf(truth, ["2028-01", "2028-02", "2028-03"]));
    expect(r.reading).toEqual({ kind: "targetReached", factor: D("0.6") });
    expect(r.squaredError.toNumber()).toBeLessThan(1e-20);
  });

  it("finds a ramp longer by whole months on a monthly-steps ramp", () => {
    const truth = reprofiledInput(cfs, { kind: "longerRamp", weeks: D(3).times("52.18").div(12) });
    const r = reprofile(cfs, actualsOf(truth, ["2027-09", "2027-10", "2027-11", "2027-12", "2028-01"]));
    expect(r.reading.kind).toBe("longerRamp");
    expect(r.squaredError.toNumber()).toBeLessThan(1e-20);
  });

  it("proposes no change when the actuals are the plan (a property over periods)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 6 }), (start, n) => {
        const labels = Array.from({ length: n }, (_, k) => {
          const m = 2027 * 12 + 3 + start + k; // from April 2027
          return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
        });
        const r = reprofile(cfs, actualsOf(cfs, labels));
        expect(r.approvedSquaredError.toNumber()).toBeLessThan(1e-20);
        expect(r.revised.years).toEqual(r.approved.years);
      }),
      { numRuns: 8 },
    );
  });

  it("never changes the approved input", () => {
    const before = JSON.stringify(cfs);
    reprofile(
      cfs,
      QUARTER.map((period) => ({ period, value: D(0) })),
    );
    expect(JSON.stringify(cfs)).toBe(before);
  });

  it("refuses overlapping periods and no actuals, by code", () => {
    expect(() => reprofile(cfs, [])).toThrow(expect.objectContaining({ code: "missing" }));
    expect(() =>
      reprofile(cfs, [
        { period: "2027-Q3", value: D(1) },
        { period: "2027-11", value: D(1) },
      ]),
    ).toThrow(expect.objectContaining({ code: "out-of-range", field: "actuals[1].period" }));
  });
});

describe("reprofiledAssumptionsJson", () => {
  it.each([
    { kind: "laterStart", days: 138 } as const,
    { kind: "targetReached", factor: D("0.55") } as const,
    { kind: "longerRamp", weeks: D(2).times("52.18").div(12) } as const,
  ])("writes the revision the engine models (%o)", (reading) => {
    const json = reprofiledAssumptionsJson(cfsJson.assumptions, reading);
    const parsed = parseProposal({ ...cfsJson, assumptions: json }).assumptions.cohort!;
    const a = computeProfile(parsed).years.map((y) => y.cumulative.toNumber());
    const b = computeProfile(reprofiledInput(cfs, reading)).years.map((y) => y.cumulative.toNumber());
    a.forEach((x, i) => expect(x).toBeCloseTo(b[i], 4));
    expect(cfsJson.assumptions.timeline).toMatchObject({ startDate: "2026-08-01", rolloutMonths: 6 });
  });

  it("keeps the timeline note's words and says beside them what a timing reprofile changed (new-user trial)", () => {
    const approved = (cfsJson.assumptions.timeline as { note: string }).note;
    const longer = reprofiledAssumptionsJson(cfsJson.assumptions, { kind: "longerRamp", weeks: D("73.9") });
    const note = (longer.timeline as { note: string }).note;
    expect(note.startsWith(approved)).toBe(true);
    expect(note).toMatch(
      /\[Reprofiled: a longer ramp: rollout 17\.0 months longer; the note above is the approved timeline's\.\]$/,
    );
    // A target reading leaves the timeline, and its note, as approved.
    const target = reprofiledAssumptionsJson(cfsJson.assumptions, {
      kind: "targetReached",
      factor: D("0.5"),
    });
    expect((target.timeline as { note: string }).note).toBe(approved);
  });
});

describe("describeReading (review fixes)", () => {
  it("says 'the same target reached' (no article doubled) at a factor of 1, and 'a lower'/'a higher' otherwise", () => {
    expect(describeReading({ kind: "targetReached", factor: D(1) })).toBe(
      "the same target reached: 100% of the approved target",
    );
    expect(describeReading({ kind: "targetReached", factor: D("0.5") })).toMatch(/^a lower target reached/);
    expect(describeReading({ kind: "targetReached", factor: D(2) })).toMatch(/^a higher target reached/);
  });
});

describe("reprofiledAssumptionsJson target (review fixes)", () => {
  const withTarget = (value: unknown) => ({
    ...cfsJson.assumptions,
    target: { ...(cfsJson.assumptions.target as Record<string, unknown>), value },
  });
  const revised = (value: unknown, factor: string) =>
    (
      reprofiledAssumptionsJson(withTarget(value), { kind: "targetReached", factor: D(factor) }).target as {
        value: unknown;
      }
    ).value;

  it("reads the target as the format does: a percent with spaces inside, a number as text", () => {
    expect(revised(" 8 %", "0.5")).toBe(0.04);
    expect(revised("0.08", "0.5")).toBe(0.04);
    expect(revised(0.08, "0.5")).toBe(0.04);
  });

  it("refuses a target that is not a number with an engine error naming the field, never NaN", () => {
    expect(() => revised("eight%", "0.5")).toThrow(
      expect.objectContaining({ field: expect.stringMatching(/target\.value$/) }),
    );
  });

  it("moves every timeline date of the input and of the JSON by the same days (a property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (days) => {
        const reading = { kind: "laterStart", days } as const;
        const input = reprofiledInput(cfs, reading).timeline;
        const json = reprofiledAssumptionsJson(cfsJson.assumptions, reading).timeline as Record<
          string,
          unknown
        >;
        for (const k of [
          "startDate",
          "designEndDate",
          "pilotEndDate",
          "sustainableDate",
          "deliveryEndDate",
        ] as const)
          if (typeof json[k] === "string") expect(json[k]).toBe(input[k]);
      }),
      { numRuns: 20 },
    );
  });
});

describe("reprofile: what one period cannot tell, and actuals ahead of plan", () => {
  it("one quarter short of plan ties every reading, so the smallest change (a later start) is proposed, indicative only", () => {
    const r = reprofile(cfs, [{ period: "2027-Q3", value: D(1) }]);
    // all three fit one figure almost exactly: none may win on a difference of 0.0002 events²
    expect(r.candidates.every((c) => c.squaredError.lt("0.001"))).toBe(true);
    expect(r.reading.kind).toBe("laterStart");
    expect(r.revised.fullRunRate.value.minus(r.approved.fullRunRate.value).abs().lt(1e-6)).toBe(true);
    expect(r.indicative).toBe(true);
    expect(r.warnings?.some((w) => /indicative only: 1 period \(2027-Q3\)/.test(w))).toBe(true);
  });

  it("one period of any shortfall never proposes a lower target: the readings tie (property)", () => {
    const plan = periodProfile(cfs, "quarter").find((q) => q.label === "2027-Q3")!.avoidedEvents;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), (pct) => {
        const v = plan.times(pct).div(100);
        const r = reprofile(cfs, [{ period: "2027-Q3", value: v }]);
        const least = Decimal.min(...r.candidates.map((c) => c.squaredError));
        // the tie is judged against the data's own scale (events here, £ alike)
        expect(r.squaredError.minus(least).lte(TIE_SHARE.times(squaredScale([v], [plan])))).toBe(true);
        expect(r.reading.kind).not.toBe("targetReached");
        expect(r.indicative).toBe(true);
      }),
      { numRuns: 5 },
    );
  });

  it("three months of a 60% target are still told apart from a later start and a longer ramp", () => {
    const truth = reprofiledInput(cfs, { kind: "targetReached", factor: D("0.6") });
    const r = reprofile(cfs, actualsOf(truth, ["2028-01", "2028-02", "2028-03"]));
    expect(r.reading.kind).toBe("targetReached");
    expect(r.indicative).toBeUndefined();
  });

  it("1, 1, 0 avoided events in Jul–Sep 2027 are ahead of plan: no reprofile proposed, no readings listed", () => {
    const r = reprofile(
      cfs,
      ["2027-07", "2027-08", "2027-09"].map((period, k) => ({ period, value: D([1, 1, 0][k]) })),
    );
    expect(r.aheadOfPlan).toBe(true);
    expect(r.candidates).toEqual([]);
    expect(r.reading).toEqual({ kind: "laterStart", days: 0 });
    expect(r.revised).toEqual(r.approved);
    expect(describeReprofile(r)).toBe("ahead of plan: no reprofile proposed");
  });

  it("actuals at or above the plan never propose a change (property)", () => {
    const rows = periodProfile(cfs, "month").filter((m) => QUARTER.includes(m.label));
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 300 }), (pct) => {
        const r = reprofile(
          cfs,
          rows.map((m) => ({ period: m.label, value: m.avoidedEvents.times(pct).div(100) })),
        );
        expect(r.aheadOfPlan).toBe(true);
        expect(r.revised).toEqual(r.approved);
      }),
      { numRuns: 5 },
    );
  });

  it("gives the fit as an RMS error in the measure's own units", () => {
    expect(rmsError(D(15387275.1942), 1).toFixed(0)).toBe("3923");
    expect(rmsError(D(12), 3).toNumber()).toBe(2);
  });
});
