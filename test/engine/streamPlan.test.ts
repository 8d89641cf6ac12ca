import { Decimal } from "../../src/engine/money";
import { decimalCalculator, decimalOfNumber, numberCalculator } from "../../src/engine/calculator";
import { fyStartDay } from "../../src/engine/fiscalYear";
import { firstLikeFys, fyBoundsOn, planCache } from "../../src/engine/streamPlan";
import { addressableSpendStreamOn } from "../../src/engine/addressableSpendStream";
import { incomeStreamOn } from "../../src/engine/incomeStream";
import { staffingStreamOn } from "../../src/engine/staffingStream";
import { provisionStreamOn } from "../../src/engine/provisionStream";
import { packageReviewStreamOn } from "../../src/engine/packageReviewStream";
import { reablementStreamOn } from "../../src/engine/reablementStream";
import { linearRamp } from "../../src/engine/shareSchedule";
import type { StreamProfile } from "../../src/engine/stream";
import type { Horizon, Timeline } from "../../src/engine/types";

const D = (x: number): Decimal => new Decimal(x);

describe("fyBoundsOn", () => {
  it("gives the horizon's FYs and their start days, the day after the last FY last, once per horizon", () => {
    const h = { firstFy: 2026, lastFy: 2028, mtfsLastFy: 2028 };
    const b = fyBoundsOn(numberCalculator, h);
    expect(b.fys).toEqual([2026, 2027, 2028]);
    expect(b.bounds).toEqual([2026, 2027, 2028, 2029].map(fyStartDay));
    expect(fyBoundsOn(numberCalculator, h)).toBe(b);
    expect(fyBoundsOn(decimalCalculator, h).bounds.map((x) => x.toNumber())).toEqual(b.bounds);
  });

  it("refuses a horizon that ends before it starts, as horizonFys", () => {
    expect(() => fyBoundsOn(numberCalculator, { firstFy: 2027, lastFy: 2026, mtfsLastFy: 2026 })).toThrow(
      "horizon.lastFy",
    );
  });
});

describe("planCache", () => {
  const h = { firstFy: 2026, lastFy: 2028, mtfsLastFy: 2028 };
  const fits = (p: { from: string }, from: string) => p.from === from;
  it("finds a kept plan only for its backend, horizon and id, and only when it fits", () => {
    const plans = planCache<{ from: string }>();
    const kept = plans.keep(numberCalculator, h, "fees", { from: "2026-04-01" });
    expect(plans.find(numberCalculator, h, "fees", "2026-04-01", fits)).toBe(kept);
    expect(plans.find(numberCalculator, h, "fees", "2026-05-01", fits)).toBeUndefined();
    expect(plans.find(decimalCalculator, h, "fees", "2026-04-01", fits)).toBeUndefined();
    expect(plans.find(numberCalculator, { ...h }, "fees", "2026-04-01", fits)).toBeUndefined();
    expect(plans.find(numberCalculator, h, "other", "2026-04-01", fits)).toBeUndefined();
  });
});

/*
 * A plan is kept per stream id and horizon, so a second stream with the same id and other dates (a test
 * fixture, a user's edited proposal in the same session) must get its own figures: those of a first run.
 */
describe("stream plans are used only for the dates they were made from", () => {
  const timeline = (startDate: string, leadWeeks: number): Timeline => ({
    startDate,
    designWeeks: D(0),
    pilotWeeks: D(4),
    rolloutWeeks: D(20),
    leadWeeks: D(leadWeeks),
    ramp: "linear",
  });
  const kinds: Record<string, (h: Horizon, from: string, to: string, variant: number) => StreamProfile> = {
    addressableSpend: (h, from, to) =>
      addressableSpendStreamOn(
        decimalCalculator,
        {
          id: "x",
          label: "x",
          categories: [
            { label: "c", addressableSpend: D(1e6), reductionRate: D(0.03), ramp: linearRamp(from, to) },
          ],
        },
        h,
      ),
    income: (h, from, to) =>
      incomeStreamOn(
        decimalCalculator,
        {
          id: "x",
          label: "x",
          items: [
            { kind: "amountPerYear", label: "a", amountPerYear: D(36500), goLiveDate: from, endDate: to },
          ],
        },
        h,
      ),
    staffing: (h, from, to) =>
      staffingStreamOn(
        decimalCalculator,
        {
          id: "x",
          label: "x",
          reductions: [
            {
              kind: "fte",
              label: "f",
              fteReduction: D(3),
              costPerFte: D(50000),
              fromDate: from,
              fullByDate: to,
            },
          ],
        },
        h,
      ),
    provision: (h, from, _to, variant) =>
      provisionStreamOn(
        decimalCalculator,
        {
          id: "x",
          label: "x",
          caseload: D(9),
          currentWeeklyCost: D(1000),
          newProvisionWeeklyCost: D(800),
          openingDate: from,
          movesPerStep: D(2),
          stepMonths: 1 + variant,
        },
        h,
      ),
    packageReview: (h, from, _to, variant) =>
      packageReviewStreamOn(
        decimalCalculator,
        {
          id: "x",
          label: "x",
          caseload: D(1000),
          weeksBetweenReviews: D(26 + variant),
          reductionRate: D(0.4),
          saving: { kind: "weekly", weeklySavingPerPerson: D(50) },
          timeline: timeline(from, 4 * variant),
        },
        h,
      ),
    reablement: (h, from, to, variant) =>
      reablementStreamOn(
        decimalCalculator,
        {
          id: "x",
          label: "x",
          finishersPerYear: D(700),
          ramp: linearRamp(from, to),
          durationWeeks: D(26 + 10 * variant),
          saving: { kind: "weekly", weeklySavingPerPerson: D(100) },
        },
        h,
      ),
  };
  const figures = (p: StreamProfile) => ({
    settledFy: p.settledFy,
    timeToFull: p.timeToFullImpactYears?.toString(),
    years: p.years.map((y) => [y.gross.toString(), ...y.measures.map((m) => m.value.toString())]),
  });

  it.each(Object.keys(kinds))("%s: a second run with other dates gives that run's own figures", (kind) => {
    const run = kinds[kind];
    const shared = { firstFy: 2026, lastFy: 2031, mtfsLastFy: 2029 };
    const first = run(shared, "2026-06-01", "2027-03-01", 0);
    const second = run(shared, "2027-01-01", "2028-09-01", 1);
    expect(figures(second)).toEqual(figures(run({ ...shared }, "2027-01-01", "2028-09-01", 1)));
    expect(figures(second)).not.toEqual(figures(first));
    // And back: the first dates again are the first figures.
    expect(figures(run(shared, "2026-06-01", "2027-03-01", 0))).toEqual(figures(first));
  });
});

describe("firstLikeFys", () => {
  it("points each FY at the first FY whose shares are all the same, itself when none is", () => {
    const shares = [Float64Array.from([0.5, 1, 1, 1]), Float64Array.from([0, 0, 1, 1])];
    expect(firstLikeFys(numberCalculator, shares, 4)).toEqual([0, 1, 2, 2]);
    expect(firstLikeFys(decimalCalculator, [[D(1), D(1)]], 2)).toEqual([0, 0]);
    expect(firstLikeFys(numberCalculator, [], 3)).toEqual([0, 0, 0]);
  });
});

describe("stream plans give a later draw's figures as a run on its own does", () => {
  // x: a drawn figure (a DrawnDecimal, as a simulation writes); cost: a Decimal a draw may also replace.
  // One timeline record for every run, as a simulation's draws share it (a plan is kept per record).
  const reviewTimeline: Timeline = {
    startDate: "2026-06-01",
    designWeeks: D(0),
    pilotWeeks: D(4),
    rolloutWeeks: D(20),
    leadWeeks: D(8),
    ramp: "linear",
  };
  const kinds: Record<string, (h: Horizon, x: number, cost: Decimal) => StreamProfile<number>> = {
    income: (h, x, cost) =>
      incomeStreamOn(
        numberCalculator,
        {
          id: "x",
          label: "x",
          inflationPerYear: D(0.04),
          items: [
            {
              kind: "volumeTimesFee",
              label: "v",
              volumePerYear: decimalOfNumber(x),
              feePerUnit: cost,
              currentFeePerUnit: D(10),
              goLiveDate: "2026-09-01",
            },
            {
              kind: "amountPerYear",
              label: "a",
              amountPerYear: decimalOfNumber(x * 3),
              goLiveDate: "2027-04-01",
              endDate: "2029-06-30",
            },
          ],
        },
        h,
      ),
    staffing: (h, x, cost) =>
      staffingStreamOn(
        numberCalculator,
        {
          id: "x",
          label: "x",
          reductions: [
            {
              kind: "fte",
              label: "f",
              fteReduction: decimalOfNumber(x),
              costPerFte: cost,
              fromDate: "2026-06-01",
              fullByDate: "2027-09-01",
            },
            { kind: "amount", label: "a", amountPerYear: decimalOfNumber(x * 7), fromDate: "2028-04-01" },
          ],
        },
        h,
      ),
    addressableSpend: (h, x, cost) =>
      addressableSpendStreamOn(
        numberCalculator,
        {
          id: "x",
          label: "x",
          categories: [
            {
              label: "c",
              addressableSpend: cost,
              reductionRate: decimalOfNumber(x / 1000),
              ramp: linearRamp("2026-11-01", "2027-07-01"),
            },
            {
              label: "d",
              addressableSpend: D(2e6),
              reductionRate: D(0.01),
              ramp: linearRamp("2027-07-01", "2028-07-01"),
            },
          ],
        },
        h,
      ),
    provision: (h, x, cost) =>
      provisionStreamOn(
        numberCalculator,
        {
          id: "x",
          label: "x",
          caseload: decimalOfNumber(x / 10),
          currentWeeklyCost: cost,
          newProvisionWeeklyCost: D(11),
          openingDate: "2027-01-01",
          movesPerStep: D(2),
          stepMonths: 3,
        },
        h,
      ),
    packageReview: (h, x, cost) =>
      packageReviewStreamOn(
        numberCalculator,
        {
          id: "x",
          label: "x",
          caseload: decimalOfNumber(x * 10),
          weeksBetweenReviews: D(26),
          reductionRate: D(0.4),
          saving: { kind: "hours", hoursPerWeek: D(3), costPerHour: cost },
          timeline: reviewTimeline,
        },
        h,
      ),
    reablement: (h, x, cost) =>
      reablementStreamOn(
        numberCalculator,
        {
          id: "x",
          label: "x",
          finishersPerYear: decimalOfNumber(x * 5),
          ramp: linearRamp("2026-07-01", "2027-05-01"),
          durationWeeks: D(52.18),
          saving: { kind: "hours", hoursPerWeek: D(4), costPerHour: cost },
        },
        h,
      ),
  };
  it.each(Object.keys(kinds))(
    "%s: new drawn figures, then a new cost Decimal, on a remembered plan",
    (kind) => {
      const run = kinds[kind];
      const shared = { firstFy: 2026, lastFy: 2031, mtfsLastFy: 2029 };
      const cost = D(60);
      run(shared, 95, cost);
      expect(run(shared, 123.4, cost)).toEqual(run({ ...shared }, 123.4, cost));
      expect(run(shared, 123.4, D(75))).toEqual(run({ ...shared }, 123.4, D(75)));
      expect(run(shared, 123.4, D(75))).not.toEqual(run(shared, 123.4, cost));
    },
  );
});
