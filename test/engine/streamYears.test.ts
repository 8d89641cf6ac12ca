import { Decimal } from "../../src/engine/money";
import { fraction, itemField, nonNegative } from "../../src/engine/streamYears";

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
