import { associations, callMtfs, errorOf, registered } from "./register";
import { FUNCTIONS } from "../../src/functions";

describe("registration", () => {
  it("associates every function in the table with the runtime, once each", () => {
    expect([...registered.keys()].sort()).toEqual(Object.keys(FUNCTIONS).sort());
    // Importing the entry associates nothing itself (the bundle's metadata loader does): one call per id.
    expect([...associations].sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });

  it("names no function with fewer than three characters (Excel's documented minimum)", () => {
    for (const id of Object.keys(FUNCTIONS)) expect(id.length).toBeGreaterThanOrEqual(3);
  });
});

describe("MTFS.FYLABEL", () => {
  it("labels a date serial, ISO text or start year with its fiscal year", () => {
    expect(callMtfs("FYLABEL", 46235)).toBe("FY26/27"); // 1 Aug 2026
    expect(callMtfs("FYLABEL", 46477)).toBe("FY26/27"); // 31 Mar 2027
    expect(callMtfs("FYLABEL", 46478)).toBe("FY27/28"); // 1 Apr 2027
    expect(callMtfs("FYLABEL", "2027-04-01")).toBe("FY27/28");
    expect(callMtfs("FYLABEL", 2031)).toBe("FY31/32");
  });

  it("returns #N/A for an empty cell and #VALUE! for text that is not a date", () => {
    expect(errorOf(callMtfs("FYLABEL", null))?.code).toBe("#N/A");
    // An empty cell arrives as 0 on some desktop builds: still missing, not "0 is not a fiscal year".
    expect(errorOf(callMtfs("FYLABEL", 0))?.message).toBe("date: is required");
    const bad = errorOf(callMtfs("FYLABEL", "next April"));
    expect(bad?.code).toBe("#VALUE!");
    expect(bad?.message).toMatch(/^date: /);
  });
});

describe("MTFS.INFLATE", () => {
  it("steps a price by the rate once per 1 April crossed", () => {
    expect(callMtfs("INFLATE", 1000, "FY26/27", "FY28/29", 0.04)).toBeCloseTo(1081.6, 10);
    expect(callMtfs("INFLATE", 1000, 2026, 2028, "4%")).toBeCloseTo(1081.6, 10);
    expect(callMtfs("INFLATE", 1040, "FY27/28", "FY26/27", 0.04)).toBeCloseTo(1000, 10);
  });

  it("accepts dates for the fiscal years", () => {
    // 1 Aug 2026 and 1 Apr 2027 are in consecutive fiscal years: one step.
    expect(callMtfs("INFLATE", 1338, 46235, "2027-04-01", 0.04)).toBeCloseTo(1391.52, 10);
  });

  it("returns #VALUE! with the rule for a rate of -100% or below", () => {
    const e = errorOf(callMtfs("INFLATE", 1000, 2026, 2027, -1));
    expect([e?.code, e?.message]).toEqual(["#VALUE!", "inflationPerYear: must be > -100% a year, got -1"]);
  });

  it("keeps #NUM! for a result Excel cannot hold", () => {
    // 100% a year, the most a rate argument takes, over 174 years: 1e300 × 2^174 is beyond 9.99e307.
    expect(errorOf(callMtfs("INFLATE", 1e300, 2026, 2200, 1))?.code).toBe("#NUM!");
  });

  it("reads an empty fiscal-year cell passed as 0 as missing", () => {
    const e = errorOf(callMtfs("INFLATE", 1000, 0, 2027, 0.04));
    expect([e?.code, e?.message]).toEqual(["#N/A", "fromFy: is required"]);
  });

  it("refuses a 32,767-character amount by its length", () => {
    const e = errorOf(callMtfs("INFLATE", `${"1".repeat(32766)}x`, 2026, 2027, 0.04));
    expect([e?.code, e?.message]).toEqual([
      "#VALUE!",
      "amount: must be a number, got text of 32767 characters (at most 100)",
    ]);
  });

  it("returns #N/A naming the argument when the rate is omitted", () => {
    const e = errorOf(callMtfs("INFLATE", 1000, 2026, 2027, null));
    expect(e?.code).toBe("#N/A");
    expect(e?.message).toBe("inflationPerYear: is required");
  });
});
