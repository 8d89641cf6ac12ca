import * as fc from "fast-check";
import type { CellContent } from "../../src/workbook/port";
import { FormulaBook, parseFormula, referencedSheets } from "../../src/workbook/formulaValue";

/** A book of one or more sheets from { sheet: { A1: content } } (every cell in the overlay). */
function book(
  sheets: Record<string, Record<string, CellContent | number | string>>,
  names: { name: string; sheet: string; address: string }[] = [],
): FormulaBook {
  return new FormulaBook(
    new Map(
      Object.entries(sheets).map(([name, cells]) => [
        name,
        {
          grid: [],
          overlay: new Map(
            Object.entries(cells).map(([a, c]) => [a, typeof c === "object" ? c : { value: c }]),
          ),
        },
      ]),
    ),
    names,
  );
}

const f = (formula: string): CellContent => ({ value: null, formula });

describe("parseFormula", () => {
  it("reads the grammar the layouts write and refuses what is outside it", () => {
    for (const ok of [
      `IF(B5="","",ROUND(B5-C5,2))`,
      "SUM($F$10:F14)",
      "'CFS Targeted Prevention'!J40+Programme!F9",
      `IFERROR(INDEX(MTFS_OptimismBias,MATCH(B4&"",MTFS_OptimismBiasKeys,0)),0)`,
      "C5-C4+NPV(INDEX(MTFS_DiscountRates,1),D5-D4,E5-E4)",
      "IF(AND(B3>=0,B4<0),1-B4/(B3-B4),-1)",
      "-2^2",
      "_xlfn.IFERROR(1/0,2)",
    ])
      expect(parseFormula(ok)).not.toBeNull();
    for (const bad of ["OFFSET(A1,1,1)", "SUM(A1:A2", "1+", "A1 B2", "{1,2}"])
      expect(parseFormula(bad)).toBeNull();
  });

  it("names the sheets a formula refers to", () => {
    expect(referencedSheets("'O''Neil Review'!A1+Programme!F9*B2")).toEqual(["O'Neil Review", "Programme"]);
  });
});

describe("FormulaBook", () => {
  it("evaluates formulas reading formulas, in dependency order, across sheets and through names", () => {
    const b = book(
      {
        S: { A1: 2, A2: f("A1*3"), A3: f("SUM(A1:A2)+Other!B1"), A4: f("ROUND(Rate*A3,0)") },
        Other: { B1: f("10/4"), C1: 0.5 },
      },
      [{ name: "Rate", sheet: "Other", address: "$C$1" }],
    );
    expect(b.valueAt("S", "A3")).toBe(10.5);
    expect(b.valueAt("S", "A4")).toBe(5); // 5.25 rounds to 5
  });

  it('follows Excel: blanks as 0 or "", text skipped by SUM, errors, ROUND half away from zero, -2^2 = 4', () => {
    const b = book({
      S: {
        A1: "text",
        A3: 4,
        B1: f("SUM(A1:A3)"),
        B2: f(`IF(A2="","empty","full")`),
        B3: f("A1+1"),
        B4: f("1/A2"),
        B5: f("IFERROR(1/A2,7)"),
        B6: f("ROUND(-2.5,0)"),
        B7: f("ROUND(1.005,2)"),
        B8: f("-2^2"),
        B9: f(`A3&"x"`),
        C1: f("ISBLANK(A2)"),
        C2: f("MAX(A1:A3)"),
        C3: f(`MATCH("TEXT",A1:A3,0)`),
        C4: f("INDEX(A1:A3,3)"),
        C5: f("NPV(0.1,A3,A3)"),
        C6: f(`SUMIF(A1:A3,"text",A1:A3)`),
        C7: f("A2"),
        C8: f("B8"),
      },
    });
    const v = (a: string): unknown => b.valueAt("S", a);
    expect([v("B1"), v("B2"), v("B3"), v("B4"), v("B5")]).toEqual([
      4,
      "empty",
      { error: "#VALUE!" },
      { error: "#DIV/0!" },
      7,
    ]);
    expect([v("B6"), v("B7"), v("B8"), v("B9")]).toEqual([-3, 1.01, 4, "4x"]);
    expect([v("C1"), v("C2"), v("C3"), v("C4"), v("C6"), v("C7"), v("C8")]).toEqual([true, 4, 1, 4, 0, 0, 4]);
    expect(v("C5")).toBeCloseTo(4 / 1.1 + 4 / 1.21, 12);
  });

  it("reads a circular reference's cached value and an unknown function's cached value", () => {
    const b = book({
      S: {
        A1: { value: 3, formula: "A2" },
        A2: { value: 5, formula: "A1+1" },
        A3: { value: 9, formula: "OFFSET(A1,0,0)" },
      },
    });
    // A1 reads A2 while A2 is being evaluated: its cached 5, so A2 = 5 + 1.
    expect(b.valueAt("S", "A2")).toBe(6);
    expect(b.valueAt("S", "A3")).toBe(9);
    expect([...b.outsideGrammar]).toEqual(["S!A3"]);
  });

  it("adds up as JavaScript does for any sums and differences of cells (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom("+", "-", "*"), { minLength: 7, maxLength: 7 }),
        (xs, ops) => {
          const cells = Object.fromEntries(xs.map((x, i) => [`A${i + 1}`, x]));
          const formula = xs.map((_, i) => (i === 0 ? "A1" : `${ops[i - 1]}A${i + 1}`)).join("");
          // JavaScript's precedence for + - * is the spreadsheet's.
          const expected = xs.reduce<{ sum: number; term: number }>(
            (acc, x, i) => {
              if (i === 0) return { sum: 0, term: x };
              const op = ops[i - 1];
              if (op === "*") return { sum: acc.sum, term: acc.term * x };
              return { sum: acc.sum + acc.term, term: op === "-" ? -x : x };
            },
            { sum: 0, term: 0 },
          );
          const got = book({ S: { ...cells, B1: f(formula) } }).valueAt("S", "B1");
          const want = expected.sum + expected.term;
          expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
        },
      ),
    );
  });
});
