import fc from "fast-check";
import { Decimal, dayNumber, fyOf } from "../../src/engine";
import {
  cellDate,
  cellFy,
  cellNumber,
  cellOption,
  cellRate,
  cellWhen,
  whenDays,
  excelSerialToIso,
  isBlank,
  isBlankOrZero,
  usedRows,
  withoutTrailing,
} from "../../src/functions/cells";

describe("excelSerialToIso", () => {
  it("reads Excel's serials, counting from 1899-12-30", () => {
    expect(excelSerialToIso(61)).toBe("1900-03-01");
    expect(excelSerialToIso(25569)).toBe("1970-01-01");
    expect(excelSerialToIso(46235)).toBe("2026-08-01");
    expect(excelSerialToIso(46235.75)).toBe("2026-08-01"); // the time of day is ignored
  });

  it("round-trips every serial from 1 March 1900 to 2200 through the engine's day numbers", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 109_939 }), (serial) => {
        expect(dayNumber(excelSerialToIso(serial)) + 25569).toBe(serial);
      }),
    );
  });

  it("refuses serials before 1 March 1900 (Excel's 1900 leap-year bug), after 2200, and non-finite values", () => {
    for (const bad of [60, 0, -1, 109_940, Number.NaN, Number.POSITIVE_INFINITY, 1e9]) {
      expect(() => excelSerialToIso(bad)).toThrow(expect.objectContaining({ code: "invalid-date" }));
    }
  });
});

describe("cellFy and cellDate", () => {
  it("agree with the engine's fiscal year of a date, whether given as a serial or ISO text", () => {
    fc.assert(
      fc.property(fc.integer({ min: 36526, max: 73050 }), (serial) => {
        const iso = excelSerialToIso(serial);
        expect(cellFy(serial, "d")).toBe(fyOf(iso));
        expect(cellFy(iso, "d")).toBe(fyOf(iso));
        expect(cellDate(serial, "d")).toBe(iso);
      }),
    );
  });

  it("treat blanks as missing", () => {
    expect(isBlank("   ")).toBe(true);
    expect(() => cellFy(null, "fromFy")).toThrow(
      expect.objectContaining({ code: "missing", field: "fromFy" }),
    );
    expect(() => cellDate("", "startDate")).toThrow(expect.objectContaining({ code: "missing" }));
  });
});

describe("an empty cell passed as 0 (some desktop builds, office-js issues 5262, 4702, 1951)", () => {
  it("is blank where a date, fiscal year or option is read, and stays 0 for a number", () => {
    expect(isBlankOrZero(0)).toBe(true);
    expect(isBlankOrZero("0")).toBe(false);
    expect(() => cellDate(0, "startDate")).toThrow(
      expect.objectContaining({ code: "missing", field: "startDate" }),
    );
    expect(() => cellFy(0, "fromFy")).toThrow(expect.objectContaining({ code: "missing", field: "fromFy" }));
    expect(cellOption(0, "orientation", "rows")).toBe("rows");
    expect(cellNumber(0, "amount").toNumber()).toBe(0);
  });
});

describe("usedRows and withoutTrailing", () => {
  it("drop trailing rows of blanks or 0s, keeping at least one, and keep columns as given", () => {
    expect(
      usedRows([
        ["Growth", 0],
        [0, 0],
        [null, ""],
      ]),
    ).toEqual([["Growth", 0]]);
    expect(usedRows([[null, null]])).toEqual([[null, null]]);
    expect(usedRows(5)).toEqual([[5]]);
    expect(withoutTrailing([1, null, 0, null], isBlankOrZero)).toEqual([1]);
  });

  it("trim a whole column (a million rows) to the rows in use", () => {
    const column = Array.from({ length: 1_048_576 }, (_, i) => [i < 3 ? i + 1 : null]);
    expect(usedRows(column)).toEqual([[1], [2], [3]]);
  });

  it("keep every item up to the last non-empty one, in place", () => {
    const cell = fc.oneof(fc.constant(null), fc.constant(0), fc.constant(""), fc.integer({ min: 1, max: 9 }));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), (list) => {
        const kept = withoutTrailing(list, isBlankOrZero);
        expect(kept).toEqual(list.slice(0, kept.length));
        expect(list.slice(kept.length).every(isBlankOrZero)).toBe(true);
        if (kept.length > 1) expect(isBlankOrZero(kept[kept.length - 1])).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe("cellRate", () => {
  it("reads a fraction, a percentage Excel passes as a fraction, and text ending in %", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), (percent) => {
        const fraction = new Decimal(percent).div(100);
        expect(cellRate(fraction.toNumber(), "rate").eq(fraction)).toBe(true);
        expect(cellRate(`${percent}%`, "rate").eq(fraction)).toBe(true);
      }),
    );
  });

  it("refuses a bare number beyond ±1 where the bounds stop at 100%, as a whole percent when it would fit as one", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true, minExcluded: true }),
        fc.boolean(),
        (size, negative) => {
          const x = negative ? -size : size;
          const d = new Decimal(x);
          const limit = negative ? ">= -100%" : "<= 100%";
          const refusal = `must be ${limit}, got ${d.toString()}`;
          const wholePercent = `${refusal}, which reads as ${d.times(100).toString()}%; type ${d.toString()}% or ${d.div(100).toString()}`;
          for (const rules of [{}, { min: -1, max: 1 }]) {
            const thrown = (() => {
              try {
                cellRate(x, "low", rules);
              } catch (e) {
                return (e as Error).message;
              }
              return "accepted";
            })();
            expect(thrown).toBe(`low: ${size <= 100 ? wholePercent : refusal}`);
          }
          expect(() => cellRate(String(x), "low")).toThrow(`must be ${limit}, got `);
        },
      ),
    );
  });

  it("reads a bare number as the fraction it is where the bounds allow beyond 100%, as a formatted cell shows it", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (percent) => {
        const fraction = new Decimal(percent).div(100);
        const wide = { min: -10, max: 10 };
        expect(cellRate(fraction.toNumber(), "low", wide).eq(fraction)).toBe(true);
        expect(cellRate(`${percent}%`, "low", wide).eq(fraction)).toBe(true);
      }),
    );
    // Beyond the wide bound a bare number is still the whole-percent slip, named against that bound.
    expect(() => cellRate(105, "green", { min: 0, max: 10 })).toThrow(
      "green: must be <= 1000%, got 105, which reads as 10500%; type 105% or 1.05",
    );
    expect(() => cellRate(-20, "low", { min: -10, max: 10 })).toThrow(
      "low: must be >= -1000%, got -20, which reads as -2000%; type -20% or -0.2",
    );
  });

  it("says 'a year' for a rate a year, and holds text with % to the argument's bounds", () => {
    expect(() => cellRate(5, "inflationPerYear", { gt: -1, max: 1, perYear: true })).toThrow(
      "must be <= 100% a year, got 5, which reads as 500%; type 5% or 0.05",
    );
    expect(() => cellRate("500%", "inflationPerYear", { gt: -1, max: 1, perYear: true })).toThrow(
      'must be <= 100% a year, got "500%"',
    );
    expect(cellRate("150%", "high", { min: -10, max: 10 }).toNumber()).toBe(1.5);
    expect(() => cellRate(-0.5, "successRate", { min: 0, max: 1 })).toThrow("must be >= 0%, got -0.5");
  });
});

describe("cellWhen", () => {
  it("reads a start year, its number as text and its FY label as the same fiscal year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2199 }), (year) => {
        // Four digits: a two-digit label (FY26/27) names a year of the 2000s.
        const label = `FY${year}/${String((year + 1) % 100).padStart(2, "0")}`;
        const fy = { kind: "fy", fy: year };
        expect(cellWhen(year, "to")).toEqual(fy);
        expect(cellWhen(String(year), "to")).toEqual(fy);
        expect(cellWhen(label, "to")).toEqual(fy);
        expect(whenDays(cellWhen(year, "to"))).toEqual({ first: `${year}-04-01`, last: `${year + 1}-03-31` });
      }),
    );
  });

  it("reads a date serial and its ISO text as the same date", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2201, max: 109_939 }), (serial) => {
        const date = excelSerialToIso(serial);
        expect(cellWhen(serial, "from")).toEqual({ kind: "date", date });
        expect(cellWhen(date, "from")).toEqual({ kind: "date", date });
      }),
    );
  });

  it("lists every accepted form when it refuses a value", () => {
    for (const bad of ["01/10/2027", "1 October 2027", "soon", 2026.5, true]) {
      expect(() => cellWhen(bad, "from")).toThrow(
        'must be a date (a date cell, DATE(2026,10,1) or text "2026-10-01") or a fiscal year ("FY26/27" or 2026)',
      );
    }
  });

  it("keeps the engine's reason for text shaped like a fiscal-year label", () => {
    expect(() => cellWhen("FY26/28", "to")).toThrow(
      'to: must be a fiscal year like FY26/27 (two consecutive years), got "FY26/28"',
    );
    expect(() => cellWhen("2026-28", "to")).toThrow("(two consecutive years)");
  });

  it("leaves cellDate refusing a year, which as a serial is a day in 1905", () => {
    expect(() => cellDate(2026, "startDate")).toThrow("got 2026, which Excel reads as a day in 1905");
    expect(() => cellDate("01/10/2027", "startDate")).toThrow(
      'must be a date (a date cell, DATE(2026,10,1) or text "2026-10-01"), got "01/10/2027"',
    );
  });
});
