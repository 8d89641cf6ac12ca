import fc from "fast-check";
import { isDateFormat, serialToIsoDate } from "../../src/workbook/numberFormat";

describe("number formats", () => {
  it.each([
    ["yyyy-mm-dd", true],
    ["d/m/yy", true],
    ["[h]:mm:ss", true],
    ["mmm-yy", true],
    ['"£"#,##0.00,,"m"', false],
    ["\\£#,##0.00,,\\m", false],
    ["£#,##0.00,,m", false],
    ["0.0%", false],
    ['0.0# "years"', false],
    ["General", false],
  ])("tells whether %s shows a date (%s)", (fmt, expected) => {
    expect(isDateFormat(fmt)).toBe(expected);
  });

  it("turns date serials back into the ISO dates they show", () => {
    expect(serialToIsoDate(46235)).toBe("2026-08-01");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30000 }), (days) => {
        const iso = new Date(Date.UTC(2000, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
        return serialToIsoDate(36526 + days) === iso;
      }),
    );
  });

  it("counts serials from 1904 in a 1904 workbook: the same day is 1462 fewer", () => {
    expect(serialToIsoDate(44773, true)).toBe("2026-08-01");
    expect(serialToIsoDate(0, true)).toBe("1904-01-01");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60000 }), (serial) => {
        expect(serialToIsoDate(serial, true)).toBe(serialToIsoDate(serial + 1462));
      }),
    );
  });
});
