import fc from "fast-check";
import {
  anchorName,
  anchorNames,
  anchorPrefix,
  identityPlacement,
  lostAnchors,
  placeAddress,
  placeLayout,
  placementNames,
  referencedCells,
  shiftPlacement,
  translateFormula,
  type SheetPlacement,
} from "../../src/workbook/anchors";
import type { DefinedName } from "../../src/workbook/port";
import type { SheetLayout } from "../../src/workbook/layouts/types";

const layout: SheetLayout = {
  layoutId: "test",
  sheet: "Programme",
  statusAddress: "F1",
  cells: [
    { kind: "label", address: "A3", text: "Heading" },
    { kind: "input", address: "E4", path: "a", value: 1 },
    { kind: "input", address: "E5", path: "b", value: 2 },
    { kind: "formula", address: "E6", key: "s", formula: "SUM(E4:E5)", value: 3 },
  ],
};

const byName = (names: readonly DefinedName[]): Map<string, DefinedName> =>
  new Map(names.map((n) => [n.name, n]));

/** The names as a spreadsheet leaves them after inserting `count` rows before `at`. */
function insertRows(names: readonly DefinedName[], at: number, count: number): DefinedName[] {
  return names.map((n) => ({
    ...n,
    address: n.address.replace(/\d+/g, (r) => String(Number(r) >= at ? Number(r) + count : Number(r))),
  }));
}

describe("anchors", () => {
  it("names every row holding a read or written cell and every column of the layout", () => {
    const names = anchorNames(layout);
    expect(names.filter((n) => n.name.includes("_r")).map((n) => n.address)).toEqual([
      "A1:F1",
      "A4:F4",
      "A5:F5",
      "A6:F6",
    ]);
    expect(names.filter((n) => /_c[A-Z]+$/.test(n.name)).map((n) => n.address)).toEqual([
      "A1:A6",
      "B1:B6",
      "C1:C6",
      "D1:D6",
      "E1:E6",
      "F1:F6",
    ]);
  });

  it("gives sheets whose names slug alike distinct anchors", () => {
    expect(anchorPrefix("CFS-1")).not.toBe(anchorPrefix("CFS 1"));
    expect(anchorName("Programme", "column", 28)).toMatch(/_cAB$/);
  });

  it("places a sheet without anchors where it was laid out (a workbook from before anchoring)", () => {
    const p = placeLayout(layout, new Map()) as SheetPlacement;
    expect(p.legacy).toBe(true);
    expect(placeAddress(p, "E6")).toBe("E6");
  });

  it("follows rows inserted between anchored rows", () => {
    const p = placeLayout(layout, byName(insertRows(anchorNames(layout), 5, 2))) as SheetPlacement;
    expect(p.legacy).toBe(false);
    expect(["E4", "E5", "E6", "$E$6", "A3"].map((a) => placeAddress(p, a))).toEqual([
      "E4",
      "E7",
      "E8",
      "$E$8",
      "A3",
    ]);
  });

  it("reports a deleted anchored row (its name gone or #REF!) and rows put out of order", () => {
    const names = anchorNames(layout);
    const gone = placeLayout(layout, byName(names.filter((n) => !n.name.endsWith("_r5"))));
    expect(gone).toEqual({ sheet: "Programme", message: expect.stringMatching(/row 5 as laid out/) });
    const swapped = names.map((n) =>
      n.name.endsWith("_r4")
        ? { ...n, address: "A5:F5" }
        : n.name.endsWith("_r5")
          ? { ...n, address: "A4:F4" }
          : n,
    );
    expect(placeLayout(layout, byName(swapped))).toEqual({
      sheet: "Programme",
      message: expect.stringMatching(/out of order/),
    });
  });

  it("defines the names of a placement where the placement says (read back, the same placement)", () => {
    // The layout grew by a row at 6 and the sheet row went in at 7 (a row the user inserted sits at 6).
    const grown: SheetLayout = {
      ...layout,
      cells: [...layout.cells, { kind: "input", address: "E7", path: "c", value: 0 }],
    };
    const p = shiftPlacement(
      placeLayout(layout, byName(insertRows(anchorNames(layout), 6, 1))) as SheetPlacement,
      7,
      6,
      1,
    );
    const back = placeLayout(grown, byName(placementNames(grown, p))) as SheetPlacement;
    expect([...back.rows].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 1],
      [4, 4],
      [5, 5],
      [6, 7],
      [7, 8],
    ]);
  });
});

describe("translateFormula", () => {
  const place = (sheet: string, rows: [number, number][], columns: [number, number][]): SheetPlacement => ({
    sheet,
    rows: new Map(rows),
    columns: new Map(columns),
    legacy: false,
  });
  const placements = new Map([
    [
      "Programme",
      place(
        "Programme",
        [
          [4, 4],
          [7, 8],
          [22, 23],
        ],
        [
          [5, 6],
          [10, 11],
          [1, 1],
        ],
      ),
    ],
    [
      "Independent Travel Training",
      place(
        "Independent Travel Training",
        [
          [10, 12],
          [31, 33],
        ],
        [
          [6, 6],
          [10, 11],
        ],
      ),
    ],
  ]);

  it("moves references on the formula's sheet and on others, each end of a range separately", () => {
    expect(translateFormula("SUM(E4:E7)", "Programme", placements)).toBe("SUM(F4:F8)");
    expect(translateFormula("'Independent Travel Training'!F10", "Programme", placements)).toBe(
      "'Independent Travel Training'!F12",
    );
    expect(
      translateFormula(
        "SUMIF(Programme!$J$4:$J$22,A5,Programme!$E$4:$E$22)",
        "Themes",
        new Map([...placements, ["Themes", place("Themes", [[5, 6]], [[1, 2]])]]),
      ),
    ).toBe("SUMIF(Programme!$K$4:$K$23,B6,Programme!$F$4:$F$23)");
  });

  it("leaves strings, defined names, functions and numbers alone", () => {
    expect(
      translateFormula(
        'IF(E7<=0,"not within FY26/27 E5",ROUND(mtfs_P2026_x*E4,0)+LOG10(E4)+1E5)',
        "Programme",
        placements,
      ),
    ).toBe('IF(F8<=0,"not within FY26/27 E5",ROUND(mtfs_P2026_x*F4,0)+LOG10(F4)+1E5)');
  });

  it("is null when a reference is to a sheet that could not be placed (unless told to keep it)", () => {
    expect(translateFormula("'Gone'!J31", "Programme", placements)).toBeNull();
    expect(translateFormula("'Gone'!J31+E4", "Programme", placements, "keep")).toBe("'Gone'!J31+F4");
  });

  it("is the identity on a sheet placed where it was laid out (property)", () => {
    const same = new Map([
      [
        "S",
        identityPlacement({
          layoutId: "x",
          sheet: "S",
          cells: [{ kind: "input", address: "Z40", path: "p", value: 1 }],
        }),
      ],
    ]);
    const ref = fc
      .tuple(
        fc.constantFrom("", "$"),
        fc.constantFrom("A", "C", "J", "Z"),
        fc.constantFrom("", "$"),
        fc.integer({ min: 1, max: 40 }),
      )
      .map(([a, c, b, r]) => `${a}${c}${b}${r}`);
    fc.assert(
      fc.property(fc.array(ref, { minLength: 1, maxLength: 4 }), (refs) => {
        const f = `SUM(${refs.join(",")})+${refs[0]}:${refs[refs.length - 1]}`;
        expect(translateFormula(f, "S", same)).toBe(f);
      }),
    );
  });
});

describe("lost anchors and referenced cells", () => {
  it("names the layout rows and columns whose anchors are gone", () => {
    const names = anchorNames(layout).filter(
      (n) => n.name !== anchorName("Programme", "row", 5) && n.name !== anchorName("Programme", "column", 2),
    );
    // A deleted row's name points at #REF! (no sheet) in both adapters.
    names.push({ name: anchorName("Programme", "row", 6), sheet: "", address: "=#REF!" });
    const lost = lostAnchors(layout, byName(names));
    expect([[...lost.rows].sort(), [...lost.columns]]).toEqual([[5, 6], [2]]);
  });

  it("finds none on a sheet intact or written before anchoring", () => {
    expect(lostAnchors(layout, byName(insertRows(anchorNames(layout), 2, 3)))).toEqual({
      rows: new Set(),
      columns: new Set(),
    });
    expect(lostAnchors(layout, new Map())).toEqual({ rows: new Set(), columns: new Set() });
  });

  it("lists each cell a formula refers to, each end of a range, skipping text", () => {
    expect(
      referencedCells(`'CFS Targeted Prevention'!J38+SUM(E4:$E$7)+LEN("B9")+Other!A1`, "Programme"),
    ).toEqual([
      { sheet: "CFS Targeted Prevention", address: "J38" },
      { sheet: "Programme", address: "E4" },
      { sheet: "Programme", address: "$E$7" },
      { sheet: "Other", address: "A1" },
    ]);
  });
});
