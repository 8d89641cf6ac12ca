import * as fc from "fast-check";
import { isCalendarDate } from "../../src/engine";

describe("a calendar date YYYY-MM-DD", () => {
  it("is any real day from 1900 to 2200 written with two-digit month and day", () => {
    const day = 24 * 60 * 60 * 1000;
    const from = Date.UTC(1900, 0, 1) / day;
    const to = Date.UTC(2200, 11, 31) / day;
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (d) => {
        const text = new Date(d * day).toISOString().slice(0, 10);
        expect(isCalendarDate(text)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it.each(["2026-13-45", "2027-02-29", "2027-2-01", "", "2027-02-01T00:00", " 2027-02-01", "1899-12-31"])(
    "is not %p",
    (text) => expect(isCalendarDate(text)).toBe(false),
  );
});
