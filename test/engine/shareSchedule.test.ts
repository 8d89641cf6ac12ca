import fc from "fast-check";
import { Decimal } from "../../src/engine/money";
import { EngineError } from "../../src/engine/errors";
import {
  averageShareInFy,
  averageSharesInFysOn,
  dayShares,
  fullFrom,
  linearRamp,
  scheduleSettledFy,
  shareAt,
  type ShareSchedule,
} from "../../src/engine/shareSchedule";
import { fyStartDay } from "../../src/engine/fiscalYear";
import { decimalCalculator, numberCalculator } from "../../src/engine/calculator";

const D = (x: number | string): Decimal => new Decimal(x);
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof EngineError ? `${e.code} ${e.field}` : "not an EngineError";
  }
  return undefined;
};

describe("shareSchedule", () => {
  it("averages a linear ramp over exactly one FY to a half, and holds full after it", () => {
    const r = linearRamp("2026-04-01", "2027-04-01");
    expect(averageShareInFy(r, 2026).toNumber()).toBeCloseTo(0.5, 12);
    expect(averageShareInFy(r, 2027).toNumber()).toBe(1);
    expect(averageShareInFy(r, 2025).toNumber()).toBe(0);
  });

  it("holds each step's share until the next: x% until a date, then full", () => {
    const stepped: ShareSchedule = {
      shape: "steps",
      points: [
        { date: "2026-04-01", share: D(0.5) },
        { date: "2026-10-01", share: D(1) },
      ],
    };
    expect(averageShareInFy(stepped, 2026).toString()).toBe(D(0.5).times(183).plus(182).div(365).toString());
  });

  it("counts a full-from date by days in its FY", () => {
    expect(averageShareInFy(fullFrom("2026-10-01"), 2026).toString()).toBe(D(182).div(365).toString());
  });

  it("interpolates through a middle point (half by 1 Nov 2027, full by 1 Jul 2028)", () => {
    const r: ShareSchedule = {
      shape: "linear",
      points: [
        { date: "2027-07-01", share: D(0) },
        { date: "2027-11-01", share: D(0.5) },
        { date: "2028-07-01", share: D(1) },
      ],
    };
    // FY28/29: 91 days rising from 0.8125-ish to 1, then full; strictly between the two shares' average and 1.
    const s = averageShareInFy(r, 2028).toNumber();
    expect(s).toBeGreaterThan(0.95);
    expect(s).toBeLessThan(1);
    expect(scheduleSettledFy(r)).toBe(2029);
  });

  it("reads the share on a day: interpolated, held by steps, 0 before the first point", () => {
    const r = linearRamp("2026-04-01", "2027-04-01");
    expect(shareAt(r, fyStartDay(2026) + 73).toNumber()).toBeCloseTo(0.2, 12);
    expect(shareAt(r, fyStartDay(2026) - 1).toNumber()).toBe(0);
    expect(shareAt(r, fyStartDay(2030)).toNumber()).toBe(1);
    expect(shareAt(fullFrom("2026-10-01"), fyStartDay(2026) + 100).toNumber()).toBe(0);
    expect(shareAt(fullFrom("2027-04-01"), fyStartDay(2027)).toNumber()).toBe(1);
    expect(shareAt(fullFrom("2027-04-01"), fyStartDay(2027), "ramp", true).toNumber()).toBe(0);
  });

  it("settles in the FY of a 1 April last point, else the next FY", () => {
    expect(scheduleSettledFy(fullFrom("2027-04-01"))).toBe(2027);
    expect(scheduleSettledFy(fullFrom("2027-04-02"))).toBe(2028);
  });

  it("refuses an empty schedule, dates out of order and shares outside 0–1, naming the field", () => {
    expect(codeOf(() => averageShareInFy({ shape: "steps", points: [] }, 2026))).toBe("missing ramp");
    expect(
      codeOf(() =>
        averageShareInFy(
          {
            shape: "linear",
            points: [
              { date: "2027-01-01", share: D(0) },
              { date: "2026-01-01", share: D(1) },
            ],
          },
          2026,
        ),
      ),
    ).toBe("invalid-date ramp[1].date");
    expect(
      codeOf(() =>
        averageShareInFy({ shape: "steps", points: [{ date: "2026-04-01", share: D(40) }] }, 2026),
      ),
    ).toBe("out-of-range ramp[0].share");
  });
});

describe("averageSharesInFysOn, worked out once per schedule, backend and FYs", () => {
  it("gives each FY list and each backend its own shares, and the same on a second call", () => {
    const ramp = linearRamp("2026-04-01", "2027-04-01");
    const a = averageSharesInFysOn(numberCalculator, ramp, [2026, 2027]);
    expect(averageSharesInFysOn(numberCalculator, ramp, [2026, 2027])).toEqual(a);
    expect(a).toEqual([0.5, 1]);
    expect(averageSharesInFysOn(numberCalculator, ramp, [2027])).toEqual([1]);
    expect(averageSharesInFysOn(decimalCalculator, ramp, [2026]).map((x) => x.toString())).toEqual(["0.5"]);
    // Another schedule (a drawn point makes a new one) is not read from the first's.
    const later = linearRamp("2027-04-01", "2028-04-01");
    expect(averageSharesInFysOn(numberCalculator, later, [2026, 2027])).toEqual([0, 0.5]);
  });
});

describe("dayShares: one representation of a schedule's shares on each backend", () => {
  // A plain array of whole shares (0, 1) and one of fractional shares have different V8 maps: hot reads of
  // both deoptimised daySharesFlow / dayShareAt part-way through a simulation. The number backend keeps
  // every schedule's shares in a Float64Array, whatever the values.
  it("keeps whole and fractional shares alike on the number backend, with the Decimal backend's values", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 }), (quarters) => {
        const sorted = [...quarters].sort((a, b) => a - b);
        const s: ShareSchedule = {
          shape: "steps",
          points: sorted.map((q, i) => ({ date: `${2026 + i}-04-01`, share: D(q / 4) })),
        };
        const onNumbers = dayShares(numberCalculator, s).shares;
        expect(onNumbers).toBeInstanceOf(Float64Array);
        const onDecimals = Array.from(dayShares(decimalCalculator, s).shares, (d) => d.toNumber());
        expect(Array.from(onNumbers)).toEqual(onDecimals);
      }),
      { numRuns: 50 },
    );
  });
});
