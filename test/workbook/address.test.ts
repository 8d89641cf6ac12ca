import fc from "fast-check";
import { cellAddress, expandRange, rowRuns } from "../../src/workbook/address";

/** rowRuns: the cells of a snapshot or a clear as few ranges, no cell lost or added. */

describe("rowRuns", () => {
  it("joins adjacent cells along a row, a lone cell as itself", () => {
    expect(rowRuns(["B1", "A1", "C1", "A3", "A1"])).toEqual(["A1:C1", "A3"]);
    expect(rowRuns([])).toEqual([]);
  });

  it("covers exactly the cells it was given (property)", () => {
    const cell = fc
      .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 12 }))
      .map(([column, row]) => cellAddress(column, row));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 60 }), (cells) => {
        const covered = rowRuns(cells).flatMap(expandRange);
        expect(new Set(covered).size).toBe(covered.length);
        expect([...covered].sort()).toEqual([...new Set(cells)].sort());
      }),
      { numRuns: 100 },
    );
  });
});
