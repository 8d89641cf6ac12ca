import { Decimal } from "../../src/engine/money";
import { dayNumber } from "../../src/engine/fiscalYear";
import { yearsBetweenDays } from "../../src/engine/runRate";
import { fullFrom, linearRamp, schedulesTimeToFullYears } from "../../src/engine/shareSchedule";
import { incomeStream } from "../../src/engine/incomeStream";
import { staffingStream } from "../../src/engine/staffingStream";
import { provisionStream } from "../../src/engine/provisionStream";
import { loadExample } from "./examples";
import type { Horizon } from "../../src/engine/types";

/** Time to full impact for the stream kinds without a cohort timeline (before this, every one was 0). */

const D = (x: number | string): Decimal => new Decimal(x);
const horizon: Horizon = { firstFy: 2026, lastFy: 2030, mtfsLastFy: 2029 };

describe("schedulesTimeToFullYears", () => {
  it("runs from the first point to the day the share first reaches its final value", () => {
    const s = {
      shape: "steps" as const,
      points: [
        { date: "2026-04-01", share: D(0.4) },
        { date: "2027-04-01", share: D(1) },
        { date: "2028-04-01", share: D(1) },
      ],
    };
    expect(schedulesTimeToFullYears([s])).toEqual(
      yearsBetweenDays(dayNumber("2026-04-01"), dayNumber("2027-04-01")),
    );
    expect(schedulesTimeToFullYears([fullFrom("2027-01-01")]).toNumber()).toBe(0);
  });

  it("takes the earliest start and latest full day over several schedules", () => {
    const t = schedulesTimeToFullYears([
      linearRamp("2026-04-01", "2026-10-01"),
      linearRamp("2027-01-01", "2028-04-01"),
    ]);
    expect(t).toEqual(yearsBetweenDays(dayNumber("2026-04-01"), dayNumber("2028-04-01")));
  });
});

describe("stream kinds set their own time to full impact", () => {
  it("income: first go-live to last go-live", () => {
    const s = incomeStream(
      {
        id: "i",
        label: "Fees",
        items: [
          { kind: "amountPerYear", label: "A", amountPerYear: D(100), goLiveDate: "2026-10-01" },
          { kind: "amountPerYear", label: "B", amountPerYear: D(100), goLiveDate: "2028-10-01" },
        ],
      },
      horizon,
    );
    expect(s.timeToFullImpactYears).toEqual(
      yearsBetweenDays(dayNumber("2026-10-01"), dayNumber("2028-10-01")),
    );
  });

  it("staffing: first fromDate to last fullByDate", () => {
    const s = staffingStream(
      {
        id: "s",
        label: "Staff",
        reductions: [
          { kind: "amount", label: "A", amountPerYear: D(100), fromDate: "2026-04-01" },
          {
            kind: "amount",
            label: "B",
            amountPerYear: D(100),
            fromDate: "2026-10-01",
            fullByDate: "2027-10-01",
          },
        ],
      },
      horizon,
    );
    expect(s.timeToFullImpactYears).toEqual(
      yearsBetweenDays(dayNumber("2026-04-01"), dayNumber("2027-10-01")),
    );
  });

  it("provision: opening to the last move", () => {
    const s = provisionStream(
      {
        id: "p",
        label: "Beds",
        caseload: D(10),
        movesPerStep: D(2),
        stepMonths: 3,
        openingDate: "2027-01-01",
        currentWeeklyCost: D(1000),
        newProvisionWeeklyCost: D(500),
      },
      horizon,
    );
    // 5 steps of 2 moves, 3 months apart: the last move on 1 Jan 2028.
    expect(s.timeToFullImpactYears).toEqual(
      yearsBetweenDays(dayNumber("2027-01-01"), dayNumber("2028-01-01")),
    );
  });
});

describe("the bundled non-cohort examples", () => {
  it.each([
    "reablement.json",
    "procurement-and-third-party-spend.json",
    "income-maximisation.json",
    "resident-focused-organisation.json",
    "maximising-independence-for-working-age-adults.json",
    "cfs-commissioning-for-the-future.json",
  ])("%s has a time to full run rate above 0", (name) => {
    const t = loadExample(name).profile.timeToFullRunRateYears;
    if (process.env.TTF_PRINT) console.log(name, t.toFixed(2));
    expect(t.gt(0)).toBe(true);
  });
});

it("adults-commissioning-for-the-future.json: one go-live date, so 0 (docs/discrepancies.md)", () => {
  expect(
    loadExample("adults-commissioning-for-the-future.json").profile.timeToFullRunRateYears.toNumber(),
  ).toBe(0);
});
