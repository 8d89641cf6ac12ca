import fc from "fast-check";
import { dayNumber, fyOf } from "../../src/engine";
import {
  cellDate,
  cellFy,
  cellNumber,
  cellOption,
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
