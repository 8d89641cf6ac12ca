import { movedName } from "../../src/workbook/operations";
import type { SheetLayout } from "../../src/workbook/layouts/types";

/** Structure messages name cells and captions, never the add-in's defined names. */

describe("movedName", () => {
  const layout: SheetLayout = {
    layoutId: "proposalSheet",
    sheet: "CFS",
    cells: [
      {
        kind: "input",
        address: "B49",
        path: "assumptions.durationWeeks",
        value: 12,
        name: "mtfs_CFS_durationWeeks",
        label: "Duration (weeks)",
      },
    ],
  };

  it("says which field moved by its caption and cells", () => {
    const names = new Map([
      ["mtfs_CFS_durationWeeks", { name: "mtfs_CFS_durationWeeks", sheet: "CFS", address: "B50" }],
    ]);
    expect(movedName(layout, names)).toBe('"Duration (weeks)" laid out in B49 is now in B50');
  });

  it("is null when nothing moved", () => {
    const names = new Map([
      ["mtfs_CFS_durationWeeks", { name: "mtfs_CFS_durationWeeks", sheet: "CFS", address: "B49" }],
    ]);
    expect(movedName(layout, names)).toBeNull();
  });
});
