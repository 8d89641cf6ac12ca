import fc from "fast-check";
import { isDateFormat, quoteEscapes } from "../../src/workbook/numberFormat";

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

describe("quoteEscapes", () => {
  it.each([
    ['\\£#,##0.00,,\\m;"-£"#,##0.00,,\\m;\\-', '"£"#,##0.00,,"m";"-£"#,##0.00,,"m";"-"'],
    ["\\£#,##0.0,\\k", '"£"#,##0.0,"k"'],
    ["yyyy\\-mm\\-dd", 'yyyy"-"mm"-"dd'],
    ['[>=100000]"a\\b"0', '[>=100000]"a\\b"0'],
    ["0.00", "0.00"],
  ])("spells %s as %s", (fmt, expected) => {
    expect(quoteEscapes(fmt)).toBe(expected);
  });

  it("leaves nothing for ExcelJS's unescaping to change, and shows a date exactly when the original does", () => {
    const token = fc.constantFrom(
      "\\m",
      "\\£",
      "\\-",
      "#",
      "0",
      ",",
      ".",
      '"m"',
      '"-£"',
      ";",
      "y",
      "d",
      "[Red]",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        const fmt = tokens.join("");
        const quoted = quoteEscapes(fmt);
        expect(quoteEscapes(quoted)).toBe(quoted);
        // What ExcelJS reads from the file: every backslash escape dropped.
        expect(quoted.replace(/[\\](.)/g, "$1")).toBe(quoted);
        expect(isDateFormat(quoted)).toBe(isDateFormat(fmt));
      }),
    );
  });
});
