import { callMtfs, errorOf } from "./register";

/** 1 Oct 2026 as an Excel date serial. */
const DATE_2026_10_01 = 46296;

describe("MTFS.CARE.AVOIDED", () => {
  it("totals count × weeks × weekly cost when there is no inflation", () => {
    // 10 episodes of 52 weeks at £1,338/week starting 1 Apr 2026: 10 × 52 × 1338 = £695,760.
    expect(callMtfs("CARE.AVOIDED", 10, 1338, 52, "2026-04-01", null, null, null, "total")).toEqual([
      [695760],
    ]);
  });

  it("splits the cost across fiscal years under FY labels, summing to the total", () => {
    // Starting 1 Oct 2026 (serial 46296), 52 weeks run to 30 Sep 2027: 182 days in FY26/27, 182 in FY27/28.
    const byFy = callMtfs("CARE.AVOIDED", 10, 1338, 52, 46296, null, null, null, null) as (
      string | number
    )[][];
    expect(byFy[0]).toEqual(["£", "FY26/27", "FY27/28"]);
    expect(byFy[1][0]).toBe("Cost avoided");
    expect(byFy[1][1]).toBeCloseTo(347880, 2); // 182/364 of the total
    expect((byFy[1][1] as number) + (byFy[1][2] as number)).toBeCloseTo(695760, 2);
  });

  it("inflates each fiscal year's weeks from the price base year", () => {
    const flat = callMtfs("CARE.AVOIDED", 10, 1000, 52, 46296, null, 0, null, null) as number[][];
    const inflated = callMtfs("CARE.AVOIDED", 10, 1000, 52, 46296, null, 0.04, "FY26/27", null) as number[][];
    expect(inflated[1][1]).toBeCloseTo(flat[1][1], 6); // FY26/27 is the price base
    expect(inflated[1][2]).toBeCloseTo(flat[1][2] * 1.04, 6); // one 1 April step
  });

  it("spreads episodes over a fiscal year given as a label or a start year alike", () => {
    const label = callMtfs("CARE.AVOIDED", 12, 1000, 10, "FY26/27", null, null, null, "total");
    expect(callMtfs("CARE.AVOIDED", 12, 1000, 10, 2026, null, null, null, "total")).toEqual(label);
    expect(label).toEqual([[120000]]);
  });

  it("bounds the count at 1,000,000 with a message", () => {
    const e = errorOf(callMtfs("CARE.AVOIDED", 1e9, 1338, 52, "2026-04-01", null, null, null, "total"));
    expect([e?.code, e?.message]).toEqual(["#VALUE!", "count: must be <= 1000000, got 1000000000"]);
    expect(callMtfs("CARE.AVOIDED", 1e6, 1, 1, "2026-04-01", null, null, null, "total")).toEqual([[1e6]]);
  });

  it("reads empty to, priceBaseFy and result cells passed as 0 as blank", () => {
    const blank = callMtfs("CARE.AVOIDED", 10, 1338, 52, DATE_2026_10_01, null, null, null, null);
    expect(callMtfs("CARE.AVOIDED", 10, 1338, 52, DATE_2026_10_01, 0, 0, 0, 0)).toEqual(blank);
    const e = errorOf(callMtfs("CARE.AVOIDED", 10, 1338, 52, 0, null, null, null, null));
    expect([e?.code, e?.message]).toEqual(["#N/A", "from: is required"]);
  });

  it("returns #VALUE! with the rule for a negative count, a bad date or result option", () => {
    const negative = errorOf(callMtfs("CARE.AVOIDED", -1, 1000, 10, 2026, null, null, null, null));
    expect([negative?.code, negative?.message]).toEqual(["#VALUE!", "count: must be >= 0, got -1"]);
    // The weekly cost of the care avoided is a cost: never negative.
    const cost = errorOf(callMtfs("CARE.AVOIDED", 10, -1000, 10, 2026, null, null, null, null));
    expect([cost?.code, cost?.message]).toEqual(["#VALUE!", "weeklyCost: must be >= 0, got -1000"]);
    expect(errorOf(callMtfs("CARE.AVOIDED", 1, 1000, 10, "2026-02-30", null, null, null, null))?.code).toBe(
      "#VALUE!",
    );
    const e = errorOf(callMtfs("CARE.AVOIDED", 1, 1000, 10, 2026, null, null, null, "monthly"));
    expect(e?.code).toBe("#VALUE!");
    expect(e?.message).toMatch(/^result: /);
  });

  describe("from and to", () => {
    /** 1 Oct 2027 and 31 Mar 2029 as Excel date serials. */
    const OCT_2027 = 46661;
    const MAR_2029 = 47208;
    const spread = (from: unknown, to: unknown): unknown =>
      callMtfs("CARE.AVOIDED", 6, 4850, 78, from, to, null, null, null);

    it("read a year, a fiscal-year label, a date serial and ISO text the same way in either argument", () => {
      // A fiscal year as `to` is its 31 March: 2028, "FY28/29" and 31 Mar 2029 are one spread.
      const byDate = spread(OCT_2027, MAR_2029);
      expect((byDate as unknown[][])[0]).toEqual(["£", "FY27/28", "FY28/29", "FY29/30", "FY30/31"]);
      for (const to of [2028, "FY28/29", "2028/29", "2029-03-31", "2028"])
        expect(spread(OCT_2027, to)).toEqual(byDate);
      // A fiscal year as `from` is its 1 April, with or without a `to`.
      const fromApril = spread("2026-04-01", MAR_2029);
      for (const from of [2026, "FY26/27", "2026"]) expect(spread(from, MAR_2029)).toEqual(fromApril);
      expect(spread(2026, null)).toEqual(spread("2026-04-01", "2027-03-31"));
    });

    it("refuse a to before from, naming both as the help does", () => {
      const e = errorOf(spread(OCT_2027, 2026));
      expect([e?.code, e?.message]).toEqual([
        "#VALUE!",
        "to: must not be before the from date (2027-10-01), got 2027-03-31",
      ]);
    });

    it("list what they accept when refusing a date typed as dd/mm or in words", () => {
      for (const [from, to, name] of [
        ["01/10/2027", null, "from"],
        [OCT_2027, "1 October 2028", "to"],
      ] as const) {
        const e = errorOf(spread(from, to));
        expect([e?.code, e?.message]).toEqual([
          "#VALUE!",
          `${name}: must be a date (a date cell, DATE(2026,10,1) or text "2026-10-01") or a fiscal year ("FY26/27" or 2026), got "${String(from === OCT_2027 ? to : from)}"`,
        ]);
      }
    });
  });
});
