import * as v from "valibot";
import { checkFormat, parseFormat } from "../../../src/engine/format/check";
import {
  choice,
  date,
  decimal,
  flag,
  fy,
  list,
  optional,
  rate,
  strict,
  text,
} from "../../../src/engine/format/define";

// The building blocks of the formats read values as the old field readers did (they replaced them): the
// full field path and the rule in each message, numbers as text, rates as "8%", codes by kind of problem.
const format = strict({
  durationWeeks: optional(decimal({ gt: 0 })),
  count: optional(decimal({ min: 0, integer: true })),
  r: optional(rate({ min: -1, max: 1 })),
  d: optional(date()),
  e: optional(choice(["linear", "immediate"] as const)),
  b: optional(flag()),
  f: optional(fy()),
  s: optional(text()),
  o: optional(strict({ x: optional(text()) })),
  a: optional(list(text())),
  needed: optional(strict({ here: decimal({}) })),
});

function first(raw: unknown): { code: string; message: string } | undefined {
  const r = checkFormat(format, raw, "assumptions");
  return r.ok ? undefined : { code: r.errors[0].code, message: r.errors[0].message };
}
const read = (raw: unknown) => parseFormat(format, raw, "assumptions").value;

describe("format fields", () => {
  it("names the full field path and the rule in the message", () => {
    expect(first({ durationWeeks: -3 })?.message).toBe("assumptions.durationWeeks: must be > 0, got -3");
  });

  it("reads numbers written as text with thousands separators and a pound sign", () => {
    expect(read({ durationWeeks: "£1,487" }).durationWeeks?.toNumber()).toBe(1487);
    expect(read({ count: "2" }).count?.toNumber()).toBe(2);
  });

  it("classifies bad input by code", () => {
    expect(first({ durationWeeks: "abc" })?.code).toBe("invalid-type");
    expect(first({ needed: {} })?.code).toBe("missing");
    expect(first({ durationWeeks: Infinity })?.code).toBe("out-of-range");
    expect(first({ count: 1.5 })?.code).toBe("out-of-range");
    expect(first({ d: "2026-02-30" })?.code).toBe("invalid-date");
    expect(first({ e: "zig" })?.code).toBe("unknown-option");
    expect(first({ o: [1] })).toEqual({
      code: "invalid-type",
      message: "assumptions.o: must be an object, got a list",
    });
    expect(first({ a: 3 })?.code).toBe("invalid-type");
    expect(first({ s: {} })?.code).toBe("invalid-type");
  });

  it("reads rates as fractions or percent strings, choices in any case, flags and FY labels", () => {
    expect(read({ r: "8%" }).r?.toNumber()).toBe(0.08);
    expect(read({ r: 0.04 }).r?.toNumber()).toBe(0.04);
    expect(read({ e: "IMMEDIATE" }).e).toBe("immediate");
    expect(read({ b: "no" }).b).toBe(false);
    expect(read({ f: "FY 29/30" }).f).toBe(2029);
  });

  it("takes a blank (an empty cell: null, spaces) as absent", () => {
    expect(read({ durationWeeks: null, s: "  " })).toEqual({});
    expect(first({ needed: { here: "" } })?.message).toBe("assumptions.needed.here: is required");
  });

  it("keeps valibot's own structure: a list of the wrong items names the index", () => {
    expect(first({ a: ["x", {}] })?.message).toBe("assumptions.a[1]: must be text, got an object");
    expect(v.safeParse(format, { a: ["x"] }).success).toBe(true);
  });
});
