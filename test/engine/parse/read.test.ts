import fc from "fast-check";
import {
  decimalValue,
  isNumberText,
  MAX_NUMBER_TEXT,
  rateValue,
  splitRangeText,
  readArray,
  readBoolean,
  readDate,
  readDecimal,
  readEnum,
  readFy,
  readNumber,
  readObject,
  readRate,
  readString,
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

describe("field readers", () => {
  it("names the full field path and the rule in the message", () => {
    expect(() => readDecimal({ durationWeeks: -3 }, "durationWeeks", "assumptions", { gt: 0 })).toThrow(
      "assumptions.durationWeeks: must be > 0, got -3",
    );
  });

  it("reads numbers written as text with thousands separators and a pound sign", () => {
    expect(readDecimal({ v: "£1,487" }, "v", "").toNumber()).toBe(1487);
    expect(readNumber({ v: "2" }, "v", "", { integer: true })).toBe(2);
  });

  it("classifies bad input by code", () => {
    expect(codeOf(() => readDecimal({ v: "abc" }, "v", ""))).toBe("invalid-type");
    expect(codeOf(() => readDecimal({}, "v", ""))).toBe("missing");
    expect(codeOf(() => readDecimal({ v: Infinity }, "v", ""))).toBe("out-of-range");
    expect(codeOf(() => readNumber({ v: 1.5 }, "v", "", { integer: true }))).toBe("out-of-range");
    expect(codeOf(() => readDate({ d: "2026-02-30" }, "d", ""))).toBe("invalid-date");
    expect(codeOf(() => readEnum({ e: "zig" }, "e", "", ["linear"] as const))).toBe("unknown-option");
    expect(codeOf(() => readObject({ o: [1] }, "o", ""))).toBe("invalid-type");
    expect(codeOf(() => readArray({ a: 3 }, "a", ""))).toBe("invalid-type");
    expect(codeOf(() => readString({ s: {} }, "s", ""))).toBe("invalid-type");
  });

  it("reads rates as fractions or percent strings", () => {
    expect(readRate({ r: "8%" }, "r", "").toNumber()).toBe(0.08);
    expect(readRate({ r: 0.04 }, "r", "").toNumber()).toBe(0.04);
    expect(readRate({}, "r", "", { default: 0 }).toNumber()).toBe(0);
  });

  it("applies defaults and optional absence", () => {
    expect(readDecimal({}, "g", "", { optional: true })).toBeUndefined();
    expect(readString({}, "s", "", { default: "x" })).toBe("x");
    expect(readEnum({}, "e", "", ["linear", "immediate"] as const, { default: "linear" })).toBe("linear");
    expect(readBoolean({ b: "no" }, "b", "")).toBe(false);
    expect(readFy({}, "fy", "", { default: 2026 })).toBe(2026);
    expect(readFy({ fy: "FY 29/30" }, "fy", "")).toBe(2029);
  });
});

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
