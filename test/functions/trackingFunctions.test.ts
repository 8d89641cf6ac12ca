import { callMtfs, errorOf } from "./register";
import { CFS_RANGE as CFS_BLOCK } from "./fixtures/cfsRange";
import { Decimal, ZERO, computeProfile, forecastProfile, periodProfile, toPounds } from "../../src/engine";
import { profileInputFromCells } from "../../src/functions/profileCells";

const CFS_RANGE = [
  ["Assumption", "Value"],
  ...CFS_BLOCK.map(([label, value]) => (label === "Start date" ? [label, 46235] : [label, value])),
];
const cfs = profileInputFromCells(CFS_RANGE).input;

describe("MTFS.PROFILE.MONTHLY", () => {
  it("spills one row per month equal to the engine's period profile, whose months add up to the FY", () => {
    const out = callMtfs("PROFILE.MONTHLY", CFS_RANGE) as (string | number)[][];
    const rows = periodProfile(cfs, "month");
    expect(out[0]).toEqual([
      "Period",
      "Gross saving",
      "Costs",
      "MTFS overlap",
      "Net benefit",
      "Avoided events",
      "Caseload reduction",
    ]);
    expect(out).toHaveLength(rows.length + 1);
    expect(out[13]).toEqual([
      rows[12].label,
      toPounds(rows[12].gross),
      toPounds(rows[12].costs),
      toPounds(rows[12].overlap),
      toPounds(rows[12].net),
      rows[12].avoidedEvents.toNumber(),
      rows[12].caseloadReduction.toNumber(),
    ]);
    const fy = computeProfile(cfs).years[2];
    const net = rows.slice(24, 36).reduce((a, r) => a.plus(r.net), ZERO);
    expect(net.minus(fy.cumulative).abs().lt(1e-9)).toBe(true);
  });

  it("spills fiscal quarters", () => {
    const out = callMtfs("PROFILE.MONTHLY", CFS_RANGE, "quarter") as (string | number)[][];
    expect(out.slice(1, 5).map((r) => r[0])).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
  });

  it("returns #VALUE! naming the period argument for an unknown period", () => {
    const e = errorOf(callMtfs("PROFILE.MONTHLY", CFS_RANGE, "week"));
    expect(e?.code).toBe("#VALUE!");
    expect(e?.message).toMatch(/^period: /);
  });
});

describe("MTFS.VARIANCE and MTFS.RAG", () => {
  it("gives a negative variance for a shortfall, summing ranges to date", () => {
    expect(callMtfs("VARIANCE", [[80]], [[100]])).toEqual([[-20, 0.8]]);
    expect(callMtfs("VARIANCE", [[10, 12, 9]], [[10, 10, 10]])).toEqual([[1, 31 / 30]]);
    expect(callMtfs("VARIANCE", [[3]], [[0]])).toEqual([[3, ""]]);
  });

  it("rates against the default or the council's thresholds", () => {
    expect(callMtfs("RAG", [[96]], [[100]])).toBe("Green");
    expect(callMtfs("RAG", [[85]], [[100]])).toBe("Amber");
    expect(callMtfs("RAG", [[85]], [[100]], 0.9, 0.86)).toBe("Red");
    expect(callMtfs("RAG", [[0]], [[0]])).toBe("Green");
  });

  it("returns an error value naming the argument for bad input, never a throw", () => {
    expect(errorOf(callMtfs("RAG", [[85]], [[100]], 0.8, 0.9))?.message).toMatch(/^amber: /);
    expect(errorOf(callMtfs("VARIANCE", [["lots"]], [[100]]))?.message).toMatch(/^actual: /);
    expect(errorOf(callMtfs("VARIANCE", [[null]], [[100]]))?.code).toBe("#N/A");
  });
});

describe("MTFS.FORECAST", () => {
  it("spills the engine's forecast per FY and the slippage", () => {
    const actuals = [
      ["2027-10", 0],
      ["2027-11", 0],
      ["2027-12", 0],
    ];
    const out = callMtfs("FORECAST", CFS_RANGE, actuals) as (string | number)[][];
    const f = forecastProfile(
      cfs,
      actuals.map(([period]) => ({ period: String(period), value: new Decimal(0) })),
    );
    expect(out[0]).toEqual(["£", ...f.forecast.years.map((y) => y.label)]);
    expect(out[2]).toEqual([
      "Forecast cumulative benefit",
      ...f.forecast.years.map((y) => toPounds(y.cumulative)),
    ]);
    expect(out[4][0]).toBe("Slippage (months)");
    expect(out[4][1]).toBeGreaterThan(0);
  });

  it("adds a Note row when two months are far above the plan, and none for a quarter on it", () => {
    const rows = periodProfile(cfs, "month").filter((r) => ["2027-10", "2027-11"].includes(r.label));
    const far = callMtfs(
      "FORECAST",
      CFS_RANGE,
      rows.map((r) => [r.label, r.avoidedEvents.times(10).toNumber()]),
    ) as (string | number)[][];
    expect(far).toHaveLength(6);
    expect(far[5][0]).toBe("Note");
    expect(far[5][1]).toMatch(/^Avoided events: actual to date is 10\.0× the plan from 2 periods/);
    const on = callMtfs(
      "FORECAST",
      CFS_RANGE,
      rows.map((r) => [r.label, r.avoidedEvents.toNumber()]),
    ) as unknown[][];
    expect(on).toHaveLength(5);
  });

  it("accepts a date cell as the month", () => {
    // 46661 = 1 Oct 2027 as an Excel serial.
    const byDate = callMtfs("FORECAST", CFS_RANGE, [[46661, 0]]);
    const byLabel = callMtfs("FORECAST", CFS_RANGE, [["2027-10", 0]]);
    expect(byDate).toEqual(byLabel);
  });

  it("returns #VALUE! naming the row of a bad period", () => {
    const e = errorOf(callMtfs("FORECAST", CFS_RANGE, [["Oct 2027", 1]]));
    expect(e?.code).toBe("#VALUE!");
    expect(e?.message).toMatch(/^actualsRange row 1 period: /);
    const gap = errorOf(
      callMtfs("FORECAST", CFS_RANGE, [
        ["2027-10", 1],
        ["2027-12", 1],
      ]),
    );
    expect(gap?.message).toMatch(/^actualsRange: 2027-12 leaves a gap after 2027-10/);
  });
});
