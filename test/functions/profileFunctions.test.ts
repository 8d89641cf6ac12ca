import fc from "fast-check";
import { callMtfs, errorOf } from "./register";
import { CFS_RANGE as CFS_BLOCK } from "./fixtures/cfsRange";
import { computeProfile, parseAssumptions, toPounds } from "../../src/engine";

/** The shared CFS block with a header row, and the start date as Excel passes a date cell (1 Aug 2026). */
const CFS_RANGE = [
  ["Assumption", "Value"],
  ...CFS_BLOCK.map(([label, value]) => (label === "Start date" ? [label, 46235] : [label, value])),
];

/** The same assumptions in the proposal JSON shape (the contract), as the CLI reads them. */
const CFS_JSON = {
  baseline: { volumePerYear: 260, growthPerYear: 0 },
  target: { kind: "percent", value: 0.08 },
  durationWeeks: 153.1,
  unitCost: { weeklyCost: 1487, overlapWeeklyCost: 149, inflationPerYear: 0.04 },
  timeline: {
    startDate: "2026-08-01",
    pilotMonths: 4,
    rolloutMonths: 6,
    leadMonths: 8.5,
    ramp: "monthly-steps",
  },
  investment: [{ kind: "ongoing", label: "FFPP", amountPerYear: 1500000, fromDate: "2026-12-01" }],
  mtfsOverlap: { kind: "amountPerYear", amountPerYear: 390000 },
};

const engine = computeProfile(parseAssumptions(CFS_JSON, ""));

describe("MTFS.BENEFIT.PROFILE", () => {
  it("spills FY labels over in-year and cumulative rows equal to the engine's to the penny", () => {
    const out = callMtfs("BENEFIT.PROFILE", CFS_RANGE) as (string | number)[][];
    expect(out[0]).toEqual(["£", ...engine.years.map((y) => y.label)]);
    expect(out[1]).toEqual(["In-year spend reduction", ...engine.years.map((y) => toPounds(y.inYear))]);
    expect(out[2]).toEqual(["Cumulative benefit", ...engine.years.map((y) => toPounds(y.cumulative))]);
    expect(out).toHaveLength(3);
  });

  it("reproduces the published CFS profile within £0.03m", () => {
    // seeds/000 lines 94-97: cumulative −0.50, −1.50, −0.57, 1.12 (£m, FY26/27..FY29/30). DOMAIN.md §3: the
    // literal timeline with the £0.39m inferred overlap reproduces every figure within £0.03m.
    const out = callMtfs("BENEFIT.PROFILE", CFS_RANGE) as (string | number)[][];
    const cumulative = (out[2].slice(1, 5) as number[]).map((x) => x / 1e6);
    [-0.5, -1.5, -0.57, 1.12].forEach((published, i) =>
      expect(Math.abs(cumulative[i] - published)).toBeLessThan(0.03),
    );
  });

  it("gives the same result from positional arguments as from the range", () => {
    const positional = callMtfs(
      "BENEFIT.PROFILE",
      [[260]],
      null,
      null, // assumptions (a single cell: the baseline volume), rows, orientation
      "8%",
      1487,
      153.1,
      46235,
      4,
      6,
      8.5,
      0.04,
      null,
      null,
      149,
      1500000,
      "2026-12-01",
      390000,
      null,
      "monthly-steps",
    );
    expect(positional).toEqual(callMtfs("BENEFIT.PROFILE", CFS_RANGE));
  });

  it("reads empty option and date arguments passed as 0 as omitted", () => {
    // rows, orientation, investmentFromDate, targetKind and ramp left empty: some builds pass 0 for each.
    const args = (empty: null | 0): unknown[] => [
      CFS_RANGE,
      empty,
      empty,
      ...[null, null, null, null, null, null, null, null, null, null, null, null],
      empty,
      null,
      empty,
      empty,
    ];
    expect(callMtfs("BENEFIT.PROFILE", ...args(0))).toEqual(callMtfs("BENEFIT.PROFILE", ...args(null)));
    expect(callMtfs("RUNRATE", CFS_RANGE, 0)).toEqual(callMtfs("RUNRATE", CFS_RANGE, null));
  });

  it("adds the rows asked for and turns the table on request", () => {
    const all = callMtfs("BENEFIT.PROFILE", CFS_RANGE, "all") as (string | number)[][];
    expect(all.map((r) => r[0])).toEqual([
      "£",
      "In-year spend reduction",
      "Cumulative benefit",
      "Gross saving",
      "Costs",
      "MTFS overlap",
      "Caseload reduction",
      "Avoided events",
      "Inflation contingency",
      "MTFS row",
    ]);
    expect(all[4].slice(1)).toEqual(engine.years.map((y) => toPounds(y.costs)));
    const down = callMtfs("BENEFIT.PROFILE", CFS_RANGE, "gross", "columns") as (string | number)[][];
    expect(down[0]).toEqual(["£", "In-year spend reduction", "Cumulative benefit", "Gross saving"]);
    expect(down.map((r) => r[0]).slice(1)).toEqual(engine.years.map((y) => y.label));
  });

  it("holds inflation centrally when the range says so, and shows it with the MTFS row", () => {
    const held = callMtfs(
      "BENEFIT.PROFILE",
      [...CFS_RANGE, ["Inflation held centrally", true]],
      "contingency, mtfs",
    ) as (string | number)[][];
    const expected = computeProfile(
      parseAssumptions({ ...CFS_JSON, unitCost: { ...CFS_JSON.unitCost, inflationContingency: true } }, ""),
    );
    expect(held.map((r) => r[0])).toEqual([
      "£",
      "In-year spend reduction",
      "Cumulative benefit",
      "Inflation contingency",
      "MTFS row",
    ]);
    expect(held[3].slice(1)).toEqual(expected.years.map((y) => toPounds(y.inflationContingency)));
    expect(held[4].slice(1)).toEqual(expected.years.map((y) => toPounds(y.mtfsImpact)));
    expect(held[3][4]).toBeGreaterThan(0); // FY29/30: three 1-April steps of 4% since FY26/27
  });

  it("overrides a range value with a positional argument (what-if)", () => {
    const tenPercent = callMtfs("BENEFIT.PROFILE", CFS_RANGE, null, null, 0.1) as (string | number)[][];
    const expected = computeProfile(
      parseAssumptions({ ...CFS_JSON, target: { kind: "percent", value: 0.1 } }, ""),
    );
    expect(tenPercent[2].slice(1)).toEqual(expected.years.map((y) => toPounds(y.cumulative)));
  });

  it("names the range label or argument in errors", () => {
    const badRange = CFS_RANGE.map((r) => (r[0] === "Duration (weeks)" ? ["Duration (weeks)", -3] : r));
    const e1 = errorOf(callMtfs("BENEFIT.PROFILE", badRange));
    // #VALUE!, not #NUM!: Excel shows a message on #VALUE! only (and #N/A).
    expect([e1?.code, e1?.message]).toEqual(["#VALUE!", '"Duration (weeks)" (row 4): must be > 0, got -3']);
    const badTarget = CFS_RANGE.map((r) => (r[0] === "Target %" ? ["Target %", "eight"] : r));
    const e1b = errorOf(callMtfs("BENEFIT.PROFILE", badTarget));
    expect(e1b?.code).toBe("#VALUE!");
    expect(e1b?.message).toMatch(/^"Target %" \(row 3\): /);
    const e2 = errorOf(callMtfs("BENEFIT.PROFILE", [[260]], null, null, 0.08, 1487, 153.1, "1st August"));
    expect(e2?.message).toMatch(/^startDate: /);
    const e3 = errorOf(callMtfs("BENEFIT.PROFILE", [["Weekly cots", 1]]));
    expect(e3?.code).toBe("#VALUE!");
    expect(e3?.message).toMatch(/not an assumption label/);
    expect(errorOf(callMtfs("BENEFIT.PROFILE", CFS_RANGE, "net"))?.code).toBe("#VALUE!");
    expect(errorOf(callMtfs("BENEFIT.PROFILE", CFS_RANGE, null, "diagonal"))?.code).toBe("#VALUE!");
  });
});

describe("MTFS.BENEFIT.PROFILE with a year where a date belongs", () => {
  it("refuses it, naming the row or argument, rather than read a day in 1905", () => {
    const range = CFS_RANGE.map((r) => (r[0] === "Start date" ? ["Start date", 2026] : r));
    const rule = `must be a date (a date cell, DATE(2026,10,1) or text "2026-10-01"), got 2026, which Excel reads as a day in 1905`;
    const row = CFS_RANGE.findIndex((r) => r[0] === "Start date") + 1;
    expect(errorOf(callMtfs("BENEFIT.PROFILE", range))?.message).toBe(`"Start date" (row ${row}): ${rule}`);
    const e = errorOf(callMtfs("BENEFIT.PROFILE", [[260]], null, null, 0.08, 1487, 153.1, 2026));
    expect([e?.code, e?.message]).toEqual(["#VALUE!", `startDate: ${rule}`]);
  });
});

describe("MTFS.BENEFIT.PROFILE with a target that looks like a count", () => {
  /** A baseline volume with positional arguments: `target`, and `targetKind` (the 18th) when given. */
  const withTarget = (target: unknown, targetKind: unknown = null): unknown =>
    callMtfs(
      "BENEFIT.PROFILE",
      [[260]],
      null,
      null,
      target,
      1487,
      153.1,
      46235,
      ...Array<null>(10).fill(null),
      targetKind,
    );

  it("says how to ask for a count target when targetKind was not given", () => {
    const e = errorOf(withTarget(6));
    expect([e?.code, e?.message]).toEqual([
      "#VALUE!",
      'target: must be <= 100% for the entry lever, got 6 (600%); for 6% write 0.06 or "6%"; ' +
        'for a count of 6 a year, give targetKind "countPerYear"',
    ]);
    expect(errorOf(withTarget(6, "countPerYear"))).toBeUndefined();
  });

  it("names the row label to use in a range, and says nothing of counts for a fraction or a stated kind", () => {
    const range = CFS_RANGE.map((r) => (r[0] === "Target %" ? ["Target", 6] : r));
    expect(errorOf(callMtfs("BENEFIT.PROFILE", range))?.message).toMatch(
      /; for a count of 6 a year, label the row "Target count per year"$/,
    );
    expect(errorOf(withTarget(1.5))?.message).not.toMatch(/count/);
    const stated = [...range, ["Target kind", "percent"]];
    expect(errorOf(callMtfs("BENEFIT.PROFILE", stated))?.message).not.toMatch(/count/);
  });
});

describe("MTFS.RUNRATE and MTFS.QUANTIFIED", () => {
  it("return the engine's full run rate, its FY and the FY29/30 cumulative", () => {
    expect(callMtfs("RUNRATE", CFS_RANGE, null)).toBe(toPounds(engine.fullRunRate.value));
    expect(callMtfs("RUNRATE", CFS_RANGE, "fy")).toBe(engine.fullRunRate.label);
    expect(callMtfs("RUNRATE", CFS_RANGE, "years")).toBe(engine.timeToFullRunRateYears.toNumber());
    expect(callMtfs("QUANTIFIED", CFS_RANGE)).toBe(toPounds(engine.quantifiedOpportunity));
  });

  it("match the published full run rate (£3.30m in FY31/32) and quantified opportunity (£1.12m) within £0.03m", () => {
    // seeds/000 line 94 (NB: full run rate £3.30m, FY31/32) and line 97 (FY29/30 cumulative £1.12m).
    expect(Math.abs((callMtfs("RUNRATE", CFS_RANGE, null) as number) / 1e6 - 3.3)).toBeLessThan(0.03);
    expect(callMtfs("RUNRATE", CFS_RANGE, "fy")).toBe("FY31/32");
    expect(Math.abs((callMtfs("QUANTIFIED", CFS_RANGE) as number) / 1e6 - 1.12)).toBeLessThan(0.03);
  });
});

describe("MTFS.BENEFIT.PROFILE properties", () => {
  it("spills finite figures whose in-year row sums to the cumulative row, for any valid assumptions", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 1, max: 400, noNaN: true }),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 46023, max: 47500 }), // start dates 2026–2030
        fc.integer({ min: 0, max: 12 }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (volume, target, duration, weeklyCost, start, rollout, inflation) => {
          const out = callMtfs(
            "BENEFIT.PROFILE",
            [[volume]],
            null,
            null,
            target,
            weeklyCost,
            duration,
            start,
            0,
            rollout,
            0,
            inflation,
          ) as (string | number)[][];
          expect(errorOf(out)).toBeUndefined();
          const inYear = out[1].slice(1) as number[];
          const cumulative = out[2].slice(1) as number[];
          inYear.forEach((x) => expect(Number.isFinite(x)).toBe(true));
          // Penny rounding of each figure allows a cent of drift per year.
          const sum = inYear.reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - cumulative[cumulative.length - 1])).toBeLessThanOrEqual(0.01 * inYear.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
