import fc from "fast-check";
import { dateToIsoDate, isoDateToSerial, serialToIsoDate } from "../../src/workbook/dates";

describe("date serials", () => {
  it("shows the dates Excel shows for its serials (1900 system, with its phantom 29 February)", () => {
    expect(serialToIsoDate(46235)).toBe("2026-08-01");
    expect(serialToIsoDate(46266)).toBe("2026-09-01");
    expect(serialToIsoDate(25569)).toBe("1970-01-01");
    expect(serialToIsoDate(1)).toBe("1900-01-01");
    expect(serialToIsoDate(59)).toBe("1900-02-28");
    expect(serialToIsoDate(60)).toBeNull();
    expect(serialToIsoDate(61)).toBe("1900-03-01");
    expect(serialToIsoDate(46235.75)).toBe("2026-08-01");
    expect([0, -1, 3e6, NaN].map((s) => serialToIsoDate(s))).toEqual([null, null, null, null]);
  });

  it("counts from 1904-01-01 in the 1904 system", () => {
    expect(serialToIsoDate(0, true)).toBe("1904-01-01");
    expect(serialToIsoDate(46235 - 1462, true)).toBe("2026-08-01");
    expect(isoDateToSerial("2026-08-01", true)).toBe(46235 - 1462);
  });

  it("refuses text that is not a calendar date", () => {
    expect(isoDateToSerial("2026-02-30")).toBeNull();
    expect(isoDateToSerial("01/09/2026")).toBeNull();
    expect(isoDateToSerial("1899-12-31")).toBeNull();
    expect(dateToIsoDate(new Date(NaN))).toBeNull();
  });

  it("turns every date into a serial and back (property, both systems)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.boolean(), (days, date1904) => {
        const iso = new Date(Date.UTC(1904, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
        const serial = isoDateToSerial(iso, date1904);
        return serial !== null && serialToIsoDate(serial, date1904) === iso;
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_465 }), (serial) => {
        const iso = serialToIsoDate(serial)!;
        return isoDateToSerial(iso) === serial && dateToIsoDate(new Date(iso)) === iso;
      }),
    );
  });
});
