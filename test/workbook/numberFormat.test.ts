import { isDateFormat } from "../../src/workbook/numberFormat";

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
});
