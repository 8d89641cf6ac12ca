import fc from "fast-check";
import {
  MAX_ROW_HEIGHT,
  fittingFontSize,
  rowHeightFor,
  spanWidth,
  splitToRows,
  wrapLongLabels,
  wrappedLines,
} from "../../../src/workbook/layouts/textFit";
import type { LayoutCell } from "../../../src/workbook/layouts/types";

const WIDTHS = new Map([
  ["A", 44],
  ["B", 18],
  ["C", 18],
  ["H", 14],
]);

describe("wrappedLines", () => {
  it("keeps a text that fits in the box on one line", () => {
    expect(wrappedLines("Prevention", { width: 18 })).toBe(1);
    expect(wrappedLines("", { width: 18 })).toBe(1);
  });

  it("wraps at word boundaries and starts a line at every line break", () => {
    // 18 width units hold 18 prose characters (19.8 measured less one for the cell's padding).
    expect(wrappedLines("aaaa bbbb cccc dddd eeee", { width: 18 })).toBe(2);
    expect(wrappedLines("one\ntwo\n\nthree", { width: 18 })).toBe(4);
  });

  it("breaks a word longer than a line across lines", () => {
    expect(wrappedLines("x".repeat(40), { width: 18 })).toBe(3);
  });

  it("needs more lines in a smaller box, a larger font or bold", () => {
    const text = "Case reviews in LCC – needs could be met in a family-based placement";
    expect(wrappedLines(text, { width: 18 })).toBeGreaterThan(wrappedLines(text, { width: 64 }));
    const long = Array.from({ length: 10 }, () => text).join(" ");
    expect(wrappedLines(long, { width: 44, bold: true })).toBeGreaterThan(wrappedLines(long, { width: 44 }));
    expect(wrappedLines(long, { width: 44, fontSize: 14 })).toBeGreaterThan(
      wrappedLines(long, { width: 44 }),
    );
  });

  it("never gives fewer lines than the characters need (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,30}$/), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 5, max: 200 }),
        (words, width) => {
          const text = words.join(" ");
          const capacity = Math.floor(width * 1.1) - 1;
          // A line holds at most `capacity` characters plus the space it breaks at.
          expect(wrappedLines(text, { width }) * (capacity + 1)).toBeGreaterThanOrEqual(text.length);
        },
      ),
    );
  });
});

describe("rowHeightFor", () => {
  it("is Excel's default 15 pt for one line and grows by a line height per line", () => {
    expect(rowHeightFor(1)).toBe(15);
    expect(rowHeightFor(4)).toBe(63);
  });

  it("stops at Excel's maximum row height", () => {
    expect(rowHeightFor(500)).toBe(MAX_ROW_HEIGHT);
  });
});

describe("fittingFontSize", () => {
  it("keeps the default size when the text fits and shrinks a text too long for the tallest row", () => {
    expect(fittingFontSize("A short paragraph.", { width: 118 })).toBe(11);
    expect(fittingFontSize("word ".repeat(800), { width: 118 })).toBe(9);
  });
});

describe("spanWidth", () => {
  it("adds the widths of a merged range's columns", () => {
    expect(spanWidth("B4:C4", WIDTHS)).toBe(36);
    expect(spanWidth("A4", WIDTHS)).toBe(44);
    // Columns without a declared width count as Excel's default (about 9).
    expect(spanWidth("B1:E1", WIDTHS)).toBe(18 + 18 + 9 + 9);
  });
});

describe("splitToRows", () => {
  const box = { width: 118 };
  it("keeps a text that fits one row whole", () => {
    expect(splitToRows("A short paragraph.\nAnd another.", box)).toEqual([
      "A short paragraph.\nAnd another.",
    ]);
  });

  it("splits a long text into parts that each fit under the row limit and join back to the text", () => {
    const line = fc.stringMatching(/^[a-z]{1,12}( [a-z]{1,12}){0,40}$/);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 120 }), (lines) => {
        const text = lines.join("\n");
        const parts = splitToRows(text, box);
        for (const p of parts) expect(rowHeightFor(wrappedLines(p, box))).toBeLessThan(MAX_ROW_HEIGHT);
        // Breaks fall at line breaks, or between words in a paragraph taller than a row.
        const flat = (s: string): string => s.replace(/\n/g, " ");
        expect(flat(parts.join("\n"))).toBe(flat(text));
      }),
      { numRuns: 50 },
    );
  });
});

describe("wrapLongLabels (notes printed within the repeated caption columns)", () => {
  const widths = new Map([
    ["A", 25],
    ["B", 43],
  ]);
  const label = (address: string, text: string): LayoutCell => ({ kind: "label", address, text });

  it("wraps a label longer than one line of the span in a merge of the span; one that fits stays as it is", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("cost", "avoidance", "discounted", "payback"), {
          minLength: 1,
          maxLength: 60,
        }),
        (ws) => {
          const text = ws.join(" ");
          const { cells, merges } = wrapLongLabels([label("A7", text)], widths, "A:B");
          const long = wrappedLines(text, { width: 68 }) > 1;
          expect(merges).toEqual(long ? ["A7:B7"] : []);
          expect(cells[0].style?.wrap === true).toBe(long);
        },
      ),
    );
  });

  it("leaves a row alone when another of its cells lies in the span, or the label is already merged", () => {
    const text = "x ".repeat(100).trim();
    const beside = wrapLongLabels([label("A3", text), label("B3", "Opportunity")], widths, "A:B");
    expect(beside.merges).toEqual([]);
    const merged = wrapLongLabels([label("A4", text)], widths, "A:B", ["A4:I4"]);
    expect(merged.merges).toEqual([]);
    expect(merged.cells[0].style?.wrap).toBeUndefined();
  });
});
