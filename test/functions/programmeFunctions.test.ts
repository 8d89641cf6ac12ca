import { callMtfs, errorOf } from "./register";

describe("MTFS.TRIANGULATE", () => {
  // seeds/000 lines 74-85 (CFS Targeted Prevention triangulation table): exact, whole numbers.
  const published: readonly [number, number, number][] = [
    [0.26, 68, 600],
    [0.25, 65, 606],
    [0.23, 60, 616],
    [0.18, 47, 642],
    [0.16, 42, 652],
    [0.157, 41, 653],
    [0.15, 39, 657],
    [0.09, 23, 688],
    [0.08, 21, 693],
    [-0.08, -21, 775],
  ];

  it("reproduces every row of the CFS Targeted Prevention table from a column of % changes", () => {
    const column = published.map(([p]) => [p]);
    expect(callMtfs("TRIANGULATE", column, 260, 734, null)).toEqual(published.map(([, s, c]) => [s, c]));
  });

  it("leaves blank rows for blank cells and shows a % range as a range", () => {
    expect(callMtfs("TRIANGULATE", [[0.26], [null], ["-9% to -30%"]], 260, 734, 0.7)).toEqual([
      [68, 600],
      ["", ""],
      ["-78 – -23", "780 – 888"],
    ]);
  });

  it("reproduces the Family Based Placements monthly table (children per month, caseload in 5 years)", () => {
    // seeds/004 lines 1126-1131: 4.7 starts a month, 152 placements; exact, including the printed ranges.
    const column = [[-0.58], [-0.48], [-0.39], [-0.33], ["-9% to -30%"]];
    expect(callMtfs("TRIANGULATE", column, 4.7, 152, null, "monthly")).toEqual([
      [3, 64],
      [2, 79],
      [2, 93],
      ["1 – 2", 102],
      ["0 – 1", "106 – 138"],
    ]);
  });

  it("refuses a realisation factor for a monthly table and an unknown kind", () => {
    expect(errorOf(callMtfs("TRIANGULATE", [[-0.5]], 4.7, 152, 0.7, "monthly"))?.message).toMatch(
      /^realisationFactor: /,
    );
    expect(errorOf(callMtfs("TRIANGULATE", [[-0.5]], 4.7, 152, null, "weekly"))?.code).toBe("#VALUE!");
  });

  it("gives a blank row for a 0 (an empty cell on some builds), not [0, 734]", () => {
    expect(callMtfs("TRIANGULATE", [[0.26], [0], ["-9% to -30%"], [0]], 260, 734, null)).toEqual([
      [68, 600],
      ["", ""],
      ["-78 – -23", "780 – 888"],
    ]);
    // A monthly table's realisation factor cell left empty may arrive as 0 too.
    expect(callMtfs("TRIANGULATE", [[-0.48]], 4.7, 152, 0, "monthly")).toEqual([[2, 79]]);
  });

  it("spills a whole-column range only as far as its last filled cell", () => {
    const column = Array.from({ length: 1_048_576 }, (_, i) => [i < 2 ? [0.26, 0.25][i] : null]);
    expect(callMtfs("TRIANGULATE", column, 260, 734, null)).toEqual([
      [68, 600],
      [65, 606],
    ]);
  });

  it("refuses a 32,767-character % cell by its length, range text or not", () => {
    for (const text of [`${"1".repeat(32766)}x`, `1% to ${"1".repeat(32761)}x`, `a${" ".repeat(32765)}x`]) {
      const e = errorOf(callMtfs("TRIANGULATE", [[text]], 260, 734, null));
      expect([e?.code, e?.message]).toEqual([
        "#VALUE!",
        expect.stringMatching(/^percentChange \(cell 1\): must be a number, got text of \d+ characters/),
      ]);
    }
  });

  it("names the cell of a bad % change", () => {
    const e = errorOf(callMtfs("TRIANGULATE", [[0.1], ["lots"]], 260, 734, null));
    expect(e?.code).toBe("#VALUE!");
    expect(e?.message).toMatch(/^percentChange \(cell 2\): /);
  });

  it("returns #VALUE! naming the argument for a realisation factor above 1", () => {
    const e = errorOf(callMtfs("TRIANGULATE", [[0.1]], 260, 734, 1.5));
    expect([e?.code, e?.message]).toEqual([
      "#VALUE!",
      "realisationFactor: must be <= 100%, got 1.5, which reads as 150%; type 1.5% or 0.015",
    ]);
  });
});

describe("MTFS.EDGE.OF.CARE", () => {
  it("reproduces the MST standard annual target within the rounding of its printed inputs", () => {
    // seeds/003 lines 739-755, "Annual Target" column: 100 children, 85% success, 45% deflator, £724k cost,
    // average annual placement cost printed as £38k. The £38k is rounded to £1k, so each £ of gross can be
    // off by ±£500 × 100 × 0.85 × 2 = ±£85k, and post-deflator/net by ±£85k × 0.45.
    const [labels, [gross, post, net, diversions]] = callMtfs(
      "EDGE.OF.CARE",
      100,
      0.85,
      38000,
      2,
      0.45,
      724000,
    ) as [string[], number[]];
    expect(labels).toEqual(["Cumulative gross", "Post-deflator cumulative", "Net", "In-year diversions"]);
    expect(Math.abs(gross - 6_529_000)).toBeLessThanOrEqual(85_000);
    expect(Math.abs(post - 2_938_000)).toBeLessThanOrEqual(38_250);
    expect(Math.abs(net - 2_214_000)).toBeLessThanOrEqual(38_250);
    expect(Math.round(diversions)).toBe(38); // 100 × 0.85 × 0.45 = 38.25, printed 38
  });

  it("applies the documented defaults: 2 placement years, no deflator, no cost", () => {
    expect(callMtfs("EDGE.OF.CARE", 10, "50%", 40000, null, null, null, false)).toEqual([
      [400000, 400000, 400000, 5],
    ]);
  });

  it("bounds placementYears (over 0, at most 50) with a message", () => {
    const e = errorOf(callMtfs("EDGE.OF.CARE", 100, 0.85, 38406, 1e9, 0.45, 0, false));
    expect([e?.code, e?.message]).toEqual(["#VALUE!", "placementYears: must be <= 50, got 1000000000"]);
    expect(callMtfs("EDGE.OF.CARE", 10, 0.5, 40000, 50, null, null, false)).toEqual([
      [10_000_000, 10_000_000, 10_000_000, 5],
    ]);
  });

  it("returns #VALUE! with the rule for a success rate above 100% and #N/A for a missing cost", () => {
    const over = errorOf(callMtfs("EDGE.OF.CARE", 10, 1.2, 40000, null, null, null, null));
    expect([over?.code, over?.message]).toEqual([
      "#VALUE!",
      "successRate: must be <= 100%, got 1.2, which reads as 120%; type 1.2% or 0.012",
    ]);
    const e = errorOf(callMtfs("EDGE.OF.CARE", 10, 0.5, null, null, null, null, null));
    expect(e?.code).toBe("#N/A");
    expect(e?.message).toBe("averageAnnualPlacementCost: is required");
  });
});

describe("MTFS.PAYBACK", () => {
  // seeds/004 Table 3 (line ~259): costs 10.4, 13.6, 3.6, 0.5; benefits 0.4, 4.2, 16.8, 27.2 (£m).
  const costs = [[10.4, 13.6, 3.6, 0.5]];
  const benefits = [[0.4, 4.2, 16.8, 27.2]];

  it("interpolates within the crossing year by default (3.23; the report prints 3.3, see docs)", () => {
    expect(callMtfs("PAYBACK", costs, benefits, null)).toBeCloseTo(3 + 6.2 / 26.7, 10);
  });

  it("counts whole years on request and accepts a column as well as a row", () => {
    const column = benefits[0].map((b) => [b]);
    expect(callMtfs("PAYBACK", costs, column, "wholeYears")).toBe(4);
  });

  it("gives the same payback over whole columns (a million years, nearly all empty)", () => {
    const whole = (row: number[]): (number | null)[][] =>
      Array.from({ length: 1_048_576 }, (_, i) => [i < row.length ? row[i] : null]);
    expect(callMtfs("PAYBACK", whole(costs[0]), whole(benefits[0]), 0)).toBeCloseTo(3 + 6.2 / 26.7, 10);
  });

  it("returns #N/A when the cashflow never reaches zero and #VALUE! for an unknown convention", () => {
    expect(errorOf(callMtfs("PAYBACK", [[5, 5]], [[1, 1]], null))?.code).toBe("#N/A");
    expect(errorOf(callMtfs("PAYBACK", costs, benefits, "fortnights"))?.code).toBe("#VALUE!");
  });
});
