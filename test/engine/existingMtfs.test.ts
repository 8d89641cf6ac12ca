import fc from "fast-check";
import { Decimal } from "../../src/engine";
import { decimalCalculator, numberCalculator } from "../../src/engine/calculator";
import { existingLinesInFyOn, existingLinesInto, type ExistingMtfsLine } from "../../src/engine/existingMtfs";

const line = (
  amount: number,
  treatment: ExistingMtfsLine["treatment"],
  capAtGross?: boolean,
): ExistingMtfsLine => ({
  label: "Line",
  amountPerYear: new Decimal(amount),
  firstFy: 2026,
  lastFy: 2029,
  treatment,
  ...(capAtGross === undefined ? {} : { capAtGross }),
});

describe("existing lines into the caller's arrays (existingLinesInto)", () => {
  it("fills them, over what they held, as existingLinesInFyOn gives the FY's amounts", () => {
    const arbLine = fc
      .tuple(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.constantFrom<ExistingMtfsLine["treatment"]>("deducted", "addedBack"),
        fc.option(fc.boolean(), { nil: undefined }),
      )
      .map(([a, t, c]) => line(a, t, c));
    fc.assert(
      fc.property(
        fc.array(arbLine, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 2025, max: 2031 }),
        fc.integer({ min: -500_000, max: 3_000_000 }),
        (lines, fy, remaining) => {
          const deducted = lines.map(() => 123);
          const addedBack = lines.map(() => 456);
          existingLinesInto(numberCalculator, lines, fy, remaining, deducted, addedBack);
          const fresh = existingLinesInFyOn(numberCalculator, lines, fy, remaining);
          expect(deducted).toEqual(fresh.deducted);
          expect(addedBack).toEqual(fresh.addedBack);
        },
      ),
    );
  });

  it("gives the Decimal amounts of the stated rule: capped at what is left, added back in full", () => {
    const lines = [line(1_000_000, "addedBack"), line(500_000, "deducted")];
    const out = existingLinesInFyOn(decimalCalculator, lines, 2026, new Decimal(1_200_000));
    expect(out.deducted.map((d) => d.toNumber())).toEqual([1_000_000, 200_000]);
    expect(out.addedBack.map((d) => d.toNumber())).toEqual([1_000_000, 0]);
  });
});
