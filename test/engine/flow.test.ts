import {
  Decimal,
  ZERO,
  avoidedEventsFlow,
  cumulativeAt,
  fullRatePerYear,
  fyStartDay,
  monthsToWeeks,
  resolveTimeline,
  type FlowInput,
} from "../../src/engine";

const D = (x: number): Decimal => new Decimal(x);
const day = (iso: string): Decimal => D(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const base: FlowInput = {
  baseline: { volumePerYear: D(260), growthPerYear: ZERO },
  target: { kind: "percent", value: D(0.08) },
  durationWeeks: D(153.1),
  timeline: resolveTimeline({
    startDate: "2026-04-01",
    designWeeks: ZERO,
    pilotWeeks: ZERO,
    rolloutWeeks: ZERO,
    leadWeeks: ZERO,
    ramp: "immediate",
  }),
  defaultBaseFy: 2026,
  endDay: D(fyStartDay(2032)),
};
const eventsInFy = (input: FlowInput, fy: number): number =>
  cumulativeAt(avoidedEventsFlow(input), D(fyStartDay(fy + 1)))
    .minus(cumulativeAt(avoidedEventsFlow(input), D(fyStartDay(fy))))
    .toNumber();

describe("avoided events flow", () => {
  it("avoids baseline × target % a year at full impact", () => {
    // 365 days of a 365.26-day modelled year.
    expect(eventsInFy(base, 2026)).toBeCloseTo((20.8 * 365) / 365.26, 9);
  });

  it("grows the percent target with the baseline, stepping each 1 April", () => {
    const grown = { ...base, baseline: { volumePerYear: D(100), growthPerYear: D(0.1) } };
    // FY27/28 has 366 days (29 Feb 2028).
    expect(eventsInFy(grown, 2027) / 366 / (eventsInFy(grown, 2026) / 365)).toBeCloseTo(1.1, 9);
  });

  it("turns a caseload reduction target into the flow that holds it", () => {
    const rate = fullRatePerYear(
      base.baseline,
      { kind: "caseloadReduction", value: D(10) },
      D(107),
      2026,
      2026,
    );
    expect(rate.toNumber()).toBeCloseTo((10 * 52.18) / 107, 12);
  });

  it("doubles the flow a caseload target needs on the exit lever, where each exit saves half a stay", () => {
    const rate = fullRatePerYear(
      { volumePerYear: ZERO, growthPerYear: ZERO },
      { kind: "caseloadReduction", value: D(10) },
      D(107),
      2026,
      2026,
      "exit",
    );
    expect(rate.toNumber()).toBeCloseTo((2 * 10 * 52.18) / 107, 12);
  });

  it("reads the baseline as the current caseload on the exit lever", () => {
    // 734 in care, 2.2% more exit each year (national report 002's higher exit rate).
    expect(
      fullRatePerYear(
        { volumePerYear: D(734), growthPerYear: ZERO },
        { kind: "percent", value: D(0.022) },
        D(52),
        2026,
        2026,
      ).toNumber(),
    ).toBeCloseTo(16.148, 9);
  });

  it("stops a fixed cohort when it is reached, then grows only with the cohort", () => {
    const cohort = {
      ...base,
      baseline: { volumePerYear: ZERO, growthPerYear: D(0.1) },
      target: { kind: "countPerYear", value: D(40), cohortSize: D(20) },
    } as const;
    const f = avoidedEventsFlow(cohort);
    const halfYear = day("2026-04-01").plus(D(365.26 / 2));
    expect(cumulativeAt(f, halfYear).toNumber()).toBeCloseTo(20, 9);
    // From then on 20 × 10% = 2 a year (FY26/27's remaining half year: 1).
    expect(cumulativeAt(f, D(fyStartDay(2027))).toNumber()).toBeCloseTo(
      20 + (2 * (fyStartDay(2027) - halfYear.toNumber())) / 365.26,
      9,
    );
  });

  it("realises batched events only at the end of each block", () => {
    const batched = { ...base, delivery: { kind: "batches", everyWeeks: D(12) } } as const;
    const f = avoidedEventsFlow(batched);
    expect(cumulativeAt(f, day("2026-06-23")).toNumber()).toBe(0);
    expect(cumulativeAt(f, day("2026-06-24")).toNumber()).toBeCloseTo((20.8 * 84) / 365.26, 9);
  });

  it("starts nothing before first impact", () => {
    const later = {
      ...base,
      timeline: resolveTimeline({
        startDate: "2026-08-01",
        designWeeks: ZERO,
        pilotWeeks: monthsToWeeks(4),
        rolloutWeeks: ZERO,
        leadWeeks: ZERO,
        ramp: "linear",
      }),
    };
    expect(cumulativeAt(avoidedEventsFlow(later), day("2026-11-30")).toNumber()).toBe(0);
  });
});
