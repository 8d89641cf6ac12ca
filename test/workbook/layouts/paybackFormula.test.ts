import fc from "fast-check";
import { Decimal, cumulativeCashflow, payback } from "../../../src/engine";
import { paybackFormula } from "../../../src/workbook/layouts/resourceCostSheet";

/**
 * The Resource cost and Scenarios sheets' payback is a nested IF over the cumulative cashflow cells: it must give
 * the engine's interpolated payback (programme.ts) for any cashflow, including an empty first year and a dip
 * back into deficit. The formula is evaluated here with each IF as a choice (its branches are plain arithmetic).
 */
function evaluate(formula: string, cells: readonly string[], values: readonly number[]): number | string {
  let js = formula;
  cells.forEach((c, i) => (js = js.replace(new RegExp(`\\b${c}\\b`, "g"), `(${values[i]})`)));
  return new Function("IF", `return ${js};`)((c: boolean, a: unknown, b: unknown) => (c ? a : b));
}

describe("paybackFormula", () => {
  it("gives the engine's interpolated payback for any cashflow (property)", () => {
    const amounts = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(amounts, amounts, (cs, bs) => {
        const n = Math.min(cs.length, bs.length);
        const d = (xs: number[]) => xs.slice(0, n).map((x) => new Decimal(x));
        const flow = cumulativeCashflow(d(cs), d(bs)).map((x) => x.toNumber());
        const cells = flow.map((_, i) => `${String.fromCharCode(66 + i)}9`);
        const shown = evaluate(paybackFormula(cells, "never"), cells, flow);
        const engine = payback(d(cs), d(bs));
        if (engine.kind === "notWithinHorizon") expect(shown).toBe("never");
        else expect(shown as number).toBeCloseTo(engine.years.toNumber(), 12);
      }),
    );
  });

  it("does not pay back in an empty first year when the costs come later", () => {
    // Cumulative 0, 4, −6: 2 + 4 ÷ 10 = 2.4 years (year 0 empty, year 1 in deficit).
    expect(evaluate(paybackFormula(["B9", "C9", "D9"], "never"), ["B9", "C9", "D9"], [0, 4, -6])).toBeCloseTo(
      2.4,
      12,
    );
  });
});
