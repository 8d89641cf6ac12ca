import fc from "fast-check";
import { inLineOrder } from "../../src/workbook/actualsCsv";

describe("problems in line order", () => {
  it("puts the CSV's own problems and the workbook's in one list by line, keeping each line's own order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 2, max: 40 }), fc.nat(99))), (xs) => {
        const problems = xs.map(([line, k]) => `line ${line}: problem ${k}`);
        const sorted = inLineOrder(problems);
        const lines = sorted.map((p) => Number(/^line (\d+):/.exec(p)![1]));
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
        // Stable: within a line, the order given.
        for (const line of new Set(lines))
          expect(sorted.filter((p) => p.startsWith(`line ${line}:`))).toEqual(
            problems.filter((p) => p.startsWith(`line ${line}:`)),
          );
      }),
      { numRuns: 100 },
    );
  });

  it("orders line 10 after line 9 (by number, not text) and leaves a problem without a line last", () => {
    expect(inLineOrder(["line 10: b", "whole file: c", "line 9: a"])).toEqual([
      "line 9: a",
      "line 10: b",
      "whole file: c",
    ]);
  });
});
