import fc from "fast-check";
import { dayNumber, fyOf } from "../../src/engine";
import { cellDate, cellFy, excelSerialToIso, isBlank } from "../../src/functions/cells";

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
