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
        return rHi.caseloadByEndOfMtfs.low.lte(rLo.caseloadByEndOfMtfs.low);
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
