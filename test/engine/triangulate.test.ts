import * as fc from "fast-check";
import { readFileSync } from "fs";
import { join } from "path";
import {
  Decimal,
  EngineError,
  formatWholeRange,
  parseTriangulationInput,
  triangulate,
  type AnnualStartsRowResult,
  type MonthlyStartsRowResult,
} from "../../src/engine";

const example = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, "../../examples", name), "utf8"));

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return "no error";
}

describe("triangulate: CFS Targeted Prevention (annual starts)", () => {
  // seeds/000 lines 72-82: "% change achievable | Annual avoided starts | Caseload by end of MTFS".
  // Tolerance: none (exact whole numbers); the published table rounds to whole children.
  const published: readonly [string, number, number][] = [
    ["Baseline", 0, 734],
    ["Best statistical neighbour", 68, 600],
    ["Starts in 2022/23 in LCC", 65, 606],
    ["TU review", 60, 616],
    ["Upper bound of other Newton diagnostics", 47, 642],
    ["Family-based placements case reviews", 42, 652],
    ["Prevention case reviews", 41, 653],
    ["CCN case reviews", 39, 657],
    ["Age group benchmarking", 23, 688],
    ["Lower bound of other Newton diagnostics", 21, 693],
    ["Average of statistical neighbours", -21, 775],
  ];

  it("reproduces all 11 published rows exactly", () => {
    const result = triangulate(
      parseTriangulationInput(example("cfs-targeted-prevention-triangulation.json")),
    );
    const rows = result.rows as readonly AnnualStartsRowResult[];
    expect(
      rows.map((r) => [
        r.method,
        formatWholeRange(r.annualAvoidedStarts),
        formatWholeRange(r.caseloadByEndOfMtfs),
      ]),
    ).toEqual(published.map(([m, s, c]) => [m, String(s), String(c)]));
  });

  it("defaults the realisation factor to 0.70", () => {
    const input = parseTriangulationInput({ baselineStarts: 260, mtfsCaseload: 734, rows: [] });
    expect(input.kind === "annualStarts" && input.realisationFactor.toNumber()).toBe(0.7);
  });

  it("gives a range of results for a range of %", () => {
    const t = triangulate(
      parseTriangulationInput({
        baselineStarts: 260,
        mtfsCaseload: 734,
        rows: [{ method: "x", percentChange: "8% to 26%" }],
      }),
    );
    const r = t.rows[0] as AnnualStartsRowResult;
    expect(formatWholeRange(r.annualAvoidedStarts)).toBe("21 – 68");
    expect(formatWholeRange(r.caseloadByEndOfMtfs)).toBe("600 – 693");
  });
});

describe("triangulate: Family Based Placements (monthly starts)", () => {
  // seeds/004 lines 1126-1133: "% change | # CYP impacted per month | Resultant caseload in 5 yrs".
  // Tolerance: none. Caseload = round(152 × (1 + %)) exactly. Children per month = 4.7 × |%| shown as a
  // whole number or a floor–ceil range under the documented uncertainty rule (band 0.2 around a half, or
  // under one a month); the rule is inferred from this table (docs/discrepancies.md).
  const published: readonly [string, string, string][] = [
    ["0%", "0", "152"],
    ["-58%", "3", "64"],
    ["-48%", "2", "79"],
    ["-39%", "2", "93"],
    ["-33%", "1 – 2", "102"],
    ["-9% to -30%", "0 – 1", "106 – 138"],
    ["-14%", "0 – 1", "131"],
    ["-6%", "0 – 1", "143"],
  ];

  it("reproduces all 8 published rows exactly", () => {
    const input = parseTriangulationInput(example("family-based-placements-triangulation.json"));
    const rows = triangulate(input).rows as readonly MonthlyStartsRowResult[];
    expect(
      rows.map((r) => [formatWholeRange(r.childrenPerMonth), formatWholeRange(r.caseloadInHorizon)]),
    ).toEqual(published.map(([, perMonth, caseload]) => [perMonth, caseload]));
  });

  it("keeps the exact children per month beside the displayed whole number", () => {
    const rows = triangulate(parseTriangulationInput(example("family-based-placements-triangulation.json")))
      .rows as readonly MonthlyStartsRowResult[];
    expect(rows[1].childrenPerMonthExact.low.toString()).toBe("2.726");
  });

  it("shows plain rounding above one a month when the band is 0", () => {
    const t = triangulate(
      parseTriangulationInput({
        kind: "monthlyStarts",
        startsPerMonth: 4.7,
        baselineCaseload: 152,
        uncertainBand: 0,
        rows: [{ method: "x", percentChange: "-33%" }],
      }),
    );
    expect(formatWholeRange((t.rows[0] as MonthlyStartsRowResult).childrenPerMonth)).toBe("2");
  });
});

describe("triangulate: properties", () => {
  const pct = fc.integer({ min: -1000, max: 1000 }).map((n) => new Decimal(n).div(1000));

  it("a larger reduction never gives a larger caseload by the end of the MTFS", () => {
    fc.assert(
      fc.property(pct, pct, fc.integer({ min: 0, max: 5000 }), (a, b, caseload) => {
        const [lo, hi] = a.lte(b) ? [a, b] : [b, a];
        const t = triangulate({
          kind: "annualStarts",
          baselineStarts: new Decimal(260),
          mtfsCaseload: new Decimal(caseload),
          realisationFactor: new Decimal(0.7),
          rows: [
            { method: "lo", percentChange: { kind: "point", value: lo } },
            { method: "hi", percentChange: { kind: "point", value: hi } },
          ],
        });
        const [rLo, rHi] = t.rows as readonly AnnualStartsRowResult[];
        return rHi.caseloadByEndOfMtfs!.low.lte(rLo.caseloadByEndOfMtfs!.low);
      }),
    );
  });

  it("the displayed children per month always brackets the exact value within one", () => {
    fc.assert(
      fc.property(pct, (p) => {
        const t = triangulate(
          parseTriangulationInput({
            kind: "monthlyStarts",
            startsPerMonth: 4.7,
            baselineCaseload: 152,
            rows: [{ method: "x", percentChange: p.toString() }],
          }),
        );
        const r = t.rows[0] as MonthlyStartsRowResult;
        const x = r.childrenPerMonthExact.low;
        return r.childrenPerMonth.low.minus(x).abs().lte(1) && r.childrenPerMonth.high.minus(x).abs().lte(1);
      }),
    );
  });
});

describe("parseTriangulationInput: errors", () => {
  it("names the field and rule for a negative baseline", () => {
    expect(() =>
      parseTriangulationInput({ baselineStarts: -1, mtfsCaseload: 734, rows: [] }, "triangulation"),
    ).toThrow("triangulation.baselineStarts: must be >= 0, got -1");
  });

  it("rejects a reduction above 100% of starts", () => {
    expect(
      codeOf(() =>
        parseTriangulationInput({
          baselineStarts: 1,
          mtfsCaseload: 1,
          rows: [{ method: "x", percentChange: "120%" }],
        }),
      ),
    ).toBe("out-of-range");
  });

  it("rejects an unknown kind and text where a % was expected", () => {
    expect(codeOf(() => parseTriangulationInput({ kind: "weekly", rows: [] }))).toBe("unknown-option");
    expect(
      codeOf(() =>
        parseTriangulationInput({
          baselineStarts: 1,
          mtfsCaseload: 1,
          rows: [{ method: "x", percentChange: "lots" }],
        }),
      ),
    ).toBe("invalid-type");
    expect(
      codeOf(() => parseTriangulationInput({ baselineStarts: 1, mtfsCaseload: 1, rows: [{ method: "x" }] })),
    ).toBe("missing");
  });
});

describe("triangulate: the table's rounding rule", () => {
  const table = (rounding: string, percentChange: string) =>
    triangulate(
      parseTriangulationInput({
        baselineStarts: 260,
        mtfsCaseload: 734,
        rounding,
        rows: [{ method: "x", percentChange }],
      }),
    ).rows[0] as AnnualStartsRowResult;

  it("rounds half away from zero by default, as today", () => {
    const r = triangulate(
      parseTriangulationInput({
        baselineStarts: 260,
        mtfsCaseload: 734,
        rows: [{ method: "x", percentChange: "8%" }],
      }),
    );
    expect(r.rounding).toBe("round");
    expect(formatWholeRange((r.rows[0] as AnnualStartsRowResult).annualAvoidedStarts)).toBe("21");
  });

  it("floor rounds the size down (as ROUNDDOWN), ceil rounds it up (as ROUNDUP), on each column", () => {
    // 260 × 26% = 67.6 starts; 734 × (1 − 0.7 × 26%) = 600.412 caseload; 260 × −8% = −20.8.
    expect(formatWholeRange(table("floor", "26%").annualAvoidedStarts)).toBe("67");
    expect(formatWholeRange(table("ceil", "26%").annualAvoidedStarts)).toBe("68");
    expect(formatWholeRange(table("floor", "26%").caseloadByEndOfMtfs)).toBe("600");
    expect(formatWholeRange(table("ceil", "26%").caseloadByEndOfMtfs)).toBe("601");
    expect(formatWholeRange(table("floor", "-8%").annualAvoidedStarts)).toBe("-20");
    expect(formatWholeRange(table("ceil", "-8%").annualAvoidedStarts)).toBe("-21");
  });

  it("applies to a monthly table's plain children per month and caseload", () => {
    const t = triangulate(
      parseTriangulationInput({
        kind: "monthlyStarts",
        startsPerMonth: 4.7,
        baselineCaseload: 152,
        uncertainBand: 0,
        rounding: "floor",
        rows: [{ method: "x", percentChange: "-58%" }],
      }),
    );
    const r = t.rows[0] as MonthlyStartsRowResult;
    // 4.7 × 58% = 2.726 → 2 (round gives 3); 152 × 42% = 63.84 → 63 (round gives 64).
    expect([formatWholeRange(r.childrenPerMonth), formatWholeRange(r.caseloadInHorizon)]).toEqual([
      "2",
      "63",
    ]);
  });

  it("refuses a rule it does not know, naming the choices", () => {
    expect(codeOf(() => table("nearest", "8%"))).toBe("unknown-option");
    expect(() => table("nearest", "8%")).toThrow("rounding: must be one of round, floor, ceil");
  });

  it("floor ≤ round ≤ ceil in size, all within one of the exact value", () => {
    const pct = fc.integer({ min: -1000, max: 1000 }).map((n) => `${n / 10}%`);
    fc.assert(
      fc.property(pct, (p) => {
        const [f, r, c] = (["floor", "round", "ceil"] as const).map((k) => table(k, p));
        const exact = r.annualAvoidedStartsExact.low;
        const size = (x: AnnualStartsRowResult) => x.annualAvoidedStarts.low.abs();
        return (
          size(f).lte(size(r)) &&
          size(r).lte(size(c)) &&
          c.annualAvoidedStarts.low.minus(f.annualAvoidedStarts.low).abs().lte(1) &&
          f.annualAvoidedStarts.low.minus(exact).abs().lt(1) &&
          c.annualAvoidedStarts.low.minus(exact).abs().lt(1)
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("triangulate: optional caseload and stated starts", () => {
  it("a table without a caseload gives no caseload column", () => {
    const t = triangulate(
      parseTriangulationInput({ baselineStarts: 260, rows: [{ method: "TU review", percentChange: "23%" }] }),
    );
    const r = t.rows[0] as AnnualStartsRowResult;
    expect(t.hasCaseload).toBe(false);
    expect(formatWholeRange(r.annualAvoidedStarts)).toBe("60");
    expect(r.caseloadByEndOfMtfs).toBeUndefined();
  });

  it("rows may state their starts without a % or a caseload (Reunification's table, seeds/004)", () => {
    // "Reunifications in LCC average of last 4 years 6.5", "Target revocations in LCC next year 10 (+4)".
    const t = triangulate(
      parseTriangulationInput({
        rows: [
          { method: "Reunifications in LCC average of last 4 years", avoidedStarts: 6.5 },
          { method: "Target revocations in LCC next year", avoidedStarts: "6 to 10" },
        ],
      }),
    );
    const rows = t.rows as readonly AnnualStartsRowResult[];
    expect(rows.map((r) => formatWholeRange(r.annualAvoidedStarts))).toEqual(["6.5", "6 – 10"]);
    expect(rows.every((r) => r.startsStated && r.percentChange === undefined)).toBe(true);
    expect(t.hasCaseload).toBe(false);
  });

  it("a stated count implies its % over the baseline, and the caseload follows from it", () => {
    const t = triangulate(
      parseTriangulationInput({
        baselineStarts: 260,
        mtfsCaseload: 734,
        rows: [{ method: "x", avoidedStarts: 65 }],
      }),
    );
    const r = t.rows[0] as AnnualStartsRowResult;
    expect(r.percentImplied).toBe(true);
    expect(r.percentChange?.kind === "point" && r.percentChange.value.toNumber()).toBe(0.25);
    // 734 × (1 − 0.7 × 25%) = 605.55 → 606, the published "Starts in 2022/23" row.
    expect(formatWholeRange(r.caseloadByEndOfMtfs)).toBe("606");
  });

  it("a stated count is kept beside a stated % (the table prints both)", () => {
    const t = triangulate(
      parseTriangulationInput({
        baselineStarts: 260,
        mtfsCaseload: 734,
        rows: [{ method: "x", percentChange: "26%", avoidedStarts: 70 }],
      }),
    );
    const r = t.rows[0] as AnnualStartsRowResult;
    expect([formatWholeRange(r.annualAvoidedStarts), formatWholeRange(r.caseloadByEndOfMtfs)]).toEqual([
      "70",
      "600",
    ]);
    expect(r.percentImplied).toBe(false);
  });

  it("a monthly row's stated children per month imply a fall in the caseload", () => {
    const t = triangulate(
      parseTriangulationInput({
        kind: "monthlyStarts",
        startsPerMonth: 4,
        baselineCaseload: 100,
        rows: [{ method: "x", avoidedStarts: 1 }],
      }),
    );
    const r = t.rows[0] as MonthlyStartsRowResult;
    expect(r.percentChange?.kind === "point" && r.percentChange.value.toNumber()).toBe(-0.25);
    expect(formatWholeRange(r.caseloadInHorizon)).toBe("75");
  });

  it("refuses a row with neither a % nor its starts, and % rows without a baseline", () => {
    expect(() =>
      parseTriangulationInput({ baselineStarts: 1, rows: [{ method: "x" }] }, "triangulation"),
    ).toThrow("triangulation.rows[0].percentChange: is required (or give avoidedStarts");
    expect(() =>
      parseTriangulationInput(
        { mtfsCaseload: 734, rows: [{ method: "x", percentChange: "8%" }] },
        "triangulation",
      ),
    ).toThrow("triangulation.baselineStarts: is required when a row gives a % without its starts");
    expect(() =>
      parseTriangulationInput({ kind: "monthlyStarts", rows: [{ method: "x", percentChange: "-8%" }] }),
    ).toThrow("startsPerMonth: is required when a row gives a %");
  });
});
