import {
  Decimal,
  EngineError,
  ZERO,
  isoDate,
  monthsToWeeks,
  rampPieces,
  resolveTimeline,
  type Timeline,
} from "../../src/engine";
import { decimalCalculator, numberCalculator } from "../../src/engine/calculator";
import { resolveTimelineOn } from "../../src/engine/timeline";

const cfs: Timeline = {
  startDate: "2026-08-01",
  designWeeks: ZERO,
  pilotWeeks: monthsToWeeks(4),
  rolloutWeeks: monthsToWeeks(6),
  leadWeeks: monthsToWeeks(8.5),
  ramp: "monthly-steps",
};
const day = (d: Decimal): string => isoDate(d.floor().toNumber());

describe("timeline", () => {
  it("places phases in average months of 52.18/12 weeks", () => {
    const t = resolveTimeline(cfs);
    const after = (d: Decimal): number => d.minus(t.startDay).toNumber();
    // 4 months = 4 × 52.18 / 12 × 7 = 121.77 days, so the pilot ends late on 30 Nov 2026.
    expect(after(t.pilotEndDay)).toBeCloseTo((4 * 52.18 * 7) / 12, 9);
    expect(after(t.fullImpactDay)).toBeCloseTo((18.5 * 52.18 * 7) / 12, 9);
    expect(day(t.pilotEndDay)).toBe("2026-11-30");
    expect(day(t.fullImpactDay)).toBe("2028-02-15");
  });

  it("lets stated dates override phase lengths", () => {
    const t = resolveTimeline({
      ...cfs,
      leadWeeks: ZERO,
      pilotEndDate: "2027-04-03",
      sustainableDate: "2027-12-18",
    });
    expect(day(t.firstImpactDay)).toBe("2027-04-03");
    expect(day(t.fullImpactDay)).toBe("2027-12-18");
  });

  it("rejects dates in the wrong order by code", () => {
    expect(() =>
      resolveTimeline({ ...cfs, pilotEndDate: "2027-04-03", sustainableDate: "2027-01-01" }),
    ).toThrow(expect.objectContaining({ code: "invalid-date" }) as EngineError);
  });

  it("steps monthly by 1/n over an n-month rollout, starting at 0", () => {
    const pieces = rampPieces(resolveTimeline(cfs));
    expect(pieces.map((p) => p.shareFrom.toNumber())).toEqual(
      [0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6].map((x) => new Decimal(x).toNumber()),
    );
  });

  it("has no ramp pieces when immediate, and one when linear", () => {
    expect(rampPieces(resolveTimeline({ ...cfs, ramp: "immediate" }))).toHaveLength(0);
    expect(rampPieces(resolveTimeline({ ...cfs, ramp: "linear" }))).toHaveLength(1);
  });

  it("holds a stepped ramp at its share from first impact until full impact, then full", () => {
    const t = resolveTimeline({ ...cfs, ramp: "stepped", stepShare: new Decimal(0.5) });
    const pieces = rampPieces(t);
    expect(pieces).toHaveLength(1);
    expect(pieces[0].from.eq(t.firstImpactDay) && pieces[0].to.eq(t.fullImpactDay)).toBe(true);
    expect([pieces[0].shareFrom.toNumber(), pieces[0].shareTo.toNumber()]).toEqual([0.5, 0.5]);
  });

  it("needs a step share between 0 and 1 for the stepped ramp", () => {
    expect(() => resolveTimeline({ ...cfs, ramp: "stepped" })).toThrow(
      "timeline.stepShare: is required with the stepped ramp",
    );
    expect(() => resolveTimeline({ ...cfs, ramp: "stepped", stepShare: new Decimal(50) })).toThrow(
      "timeline.stepShare: must be between 0 and 1 (0% to 100%), got 50",
    );
  });
});

describe("resolveTimelineOn's memory of recent timelines", () => {
  it("gives the remembered resolution for the same timeline and backend, a fresh one for a changed timeline", () => {
    const once = resolveTimelineOn(numberCalculator, cfs);
    expect(resolveTimelineOn(numberCalculator, cfs)).toBe(once);
    expect(resolveTimelineOn(decimalCalculator, cfs).firstImpactDay.toNumber()).toBeCloseTo(
      once.firstImpactDay,
      9,
    );
    // A simulation writes a new timeline on every draw (a drawn lead time): each is resolved on its own values,
    // however many there have been.
    for (let k = 1; k <= 100; k++) {
      const drawn = { ...cfs, leadWeeks: new Decimal(k) };
      expect(resolveTimelineOn(numberCalculator, drawn).firstImpactDay).toBeCloseTo(
        resolveTimeline(drawn).firstImpactDay.toNumber(),
        9,
      );
    }
    expect(resolveTimelineOn(numberCalculator, cfs).firstImpactDay).toBe(once.firstImpactDay);
  });
});
