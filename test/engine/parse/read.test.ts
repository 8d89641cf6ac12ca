import fc from "fast-check";
import {
  decimalValue,
  fyValue,
  isNumberText,
  MAX_NUMBER_TEXT,
  rateValue,
  splitRangeText,
} from "../../../src/engine/parse/read";
import { EngineError } from "../../../src/engine/errors";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return undefined;
}

describe("text scanning (linear time, length checked first)", () => {
  // The patterns the scanners replaced: right on short text, but they backtrack quadratically on long text.
  const OLD_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
  const OLD_RANGE = /^(.+?)\s+to\s+(.+)$/i;
  const numberish = fc.string({ unit: fc.constantFrom(..."0123456789.eE+-x "), maxLength: 12 });
  const rangeish = fc.string({ unit: fc.constantFrom(..."1%toTO- \t"), maxLength: 14 });

  it("accepts exactly the number text the old pattern did", () => {
    fc.assert(fc.property(numberish, (t) => expect(isNumberText(t)).toBe(OLD_NUMBER.test(t))));
    for (const t of ["1", "-1.5", "+.5", "5.", "1e3", "1E-3", "£1,487"])
      expect(decimalValue(t, "v").isFinite()).toBe(true);
  });

  it("splits range text where the old pattern did", () => {
    fc.assert(
      fc.property(rangeish, (t) => {
        const m = OLD_RANGE.exec(t.trim());
        expect(splitRangeText(t.trim())).toEqual(m ? [m[1].trim(), m[2].trim()] : undefined);
      }),
    );
  });

  it("refuses a 32,767-character number cell by its length, naming the field", () => {
    const cell = `${"1".repeat(32766)}x`;
    expect(() => decimalValue(cell, "amount")).toThrow(
      `amount: must be a number, got text of 32767 characters (at most ${MAX_NUMBER_TEXT})`,
    );
    expect(() => rateValue(`${"1".repeat(32766)}%`, "inflationPerYear")).toThrow(
      /^inflationPerYear: .*32766 characters/,
    );
  });

  it("refuses number text beyond what a double holds, instead of carrying Infinity on", () => {
    expect(() => decimalValue("1e400", "horizonYears")).toThrow(
      "horizonYears: must be a number Excel can hold, got 1e400",
    );
    expect(codeOf(() => decimalValue("-1e309", "v"))).toBe("out-of-range");
    expect(decimalValue("1e308", "v").toNumber()).toBe(1e308);
  });
});

describe("fyValue", () => {
  it("says why a label in a fiscal year's shape is refused", () => {
    expect(() => fyValue("FY26/28", "to")).toThrow(
      'to: must be a fiscal year like FY26/27 (two consecutive years), got "FY26/28"',
    );
    expect(() => fyValue("2300/01", "to")).toThrow("(from 1900 to 2200)");
    expect(() => fyValue("soon", "to")).toThrow('to: must be a fiscal year like FY26/27, got "soon"');
  });
});
