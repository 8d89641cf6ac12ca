import fc from "fast-check";
import { Decimal } from "../../src/engine/money";
import { decimalCalculator, numberCalculator, type Calculator } from "../../src/engine/calculator";
import { inflate } from "../../src/engine/fiscalYear";
import {
  fraction,
  fyPriceFactorsOn,
  itemField,
  nonNegative,
  streamYearAtOn,
  streamYearOn,
} from "../../src/engine/streamYears";

describe("stream input checks name the field only when they fail", () => {
  it("names a list item's field as list[k].key", () => {
    expect(() => nonNegative(new Decimal(-1), itemField("items", 3), "feePerUnit")).toThrow(
      "items[3].feePerUnit: must be a number ≥ 0",
    );
    expect(() => fraction(new Decimal(2), itemField("categories", 0), "reductionRate")).toThrow(
      "categories[0].reductionRate: must be a fraction",
    );
    expect(() => nonNegative(new Decimal(-1), "finishersPerYear")).toThrow("finishersPerYear: must be");
    expect(nonNegative(new Decimal(5), "items[0]", "volumePerYear").toNumber()).toBe(5);
  });

  it("gives each list and index its own name, whatever order they are asked in", () => {
    expect(itemField("reductions", 5)).toBe("reductions[5]");
    expect(itemField("reductions", 2)).toBe("reductions[2]");
    expect(itemField("items", 2)).toBe("items[2]");
    expect(itemField("items", 2000)).toBe("items[2000]");
  });
});

describe("a stream's price factors", () => {
  const fys = [2025, 2026, 2027, 2028, 2029];
  const calcs = [numberCalculator, decimalCalculator] as Calculator<unknown>[];
  const asText = (calc: Calculator<unknown>, x: unknown): string => calc.toDecimal(x).toString();

  it("inflate each FY as streamYearOn does, on either backend, whichever prices were kept before", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 0.03, 0.04, -0.5, 0.1),
        fc.integer({ min: 2020, max: 2030 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        (r, base, amount) => {
          const rate = new Decimal(r);
          // The same rate from another price base: a factor kept for one must not serve the other.
          for (const prices of [base, base + 1].map((b) => ({ inflationPerYear: rate, priceBaseFy: b })))
            for (const calc of calcs) {
              const factors = fyPriceFactorsOn(calc, prices, 2026, fys);
              expect(factors === undefined).toBe(r === 0);
              fys.forEach((fy, i) => {
                const g = calc.fromNumber(amount);
                const once = streamYearOn(calc, fy, g, prices, 2026, []).gross;
                // And as fiscalYear.ts's inflate, the Decimal rule the reports always used.
                if (calc === decimalCalculator) {
                  expect(asText(calc, once)).toBe(inflate(amount, prices.priceBaseFy, fy, rate).toString());
                }
                expect(asText(calc, streamYearAtOn(calc, fy, g, factors?.[i], []).gross)).toBe(
                  asText(calc, once),
                );
              });
            }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuse a rate of −100% or less, naming inflationPerYear", () => {
    expect(() =>
      fyPriceFactorsOn(numberCalculator, { inflationPerYear: new Decimal(-1) }, 2026, fys),
    ).toThrow("inflationPerYear: must be a fraction > -1");
  });
});
