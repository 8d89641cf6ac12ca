import { planProposal } from "../../../src/workbook/proposals";
import { programmeSheetLayout, yearsValue, YEARS_FORMAT } from "../../../src/workbook/layouts/programmeSheet";
import { MODELLED_EXAMPLES, programmeConfig, readExample } from "../fixtures";

describe("Programme sheet: time to hit full run rate", () => {
  it("reads a published time as a number of years, and leaves other text as it is", () => {
    expect(yearsValue("2.75 years")).toBe(2.75);
    expect(yearsValue("1 year")).toBe(1);
    expect(yearsValue(" 4 Years ")).toBe(4);
    expect(yearsValue("TBC")).toBe("TBC");
    expect(yearsValue(undefined)).toBeNull();
  });

  it("holds one type in the column: numbers in years, typed and modelled rows alike, so it sorts", () => {
    const layout = programmeSheetLayout(programmeConfig());
    const column = layout.cells.filter(
      (c) => /^D\d+$/.test(c.address) && layout.positions.rows.some((r) => `D${r.row}` === c.address),
    );
    expect(column).toHaveLength(layout.positions.rows.length);
    for (const c of column) {
      expect(c.numberFormat).toBe(YEARS_FORMAT);
      if (c.kind === "input") expect(typeof c.value).toBe("number");
    }
  });

  it("spans the group headings over their FY columns", () => {
    const layout = programmeSheetLayout(programmeConfig());
    expect(layout.merges!.filter((m) => /^[A-Z]+2:/.test(m))).toEqual(["E2:H2"]);
    expect(layout.cells.find((c) => c.address === "I2")).toMatchObject({ text: "Future MTFS impact" });
  });
});

describe("proposal sheet chart", () => {
  it("names the unit its axis shows (£m)", () => {
    for (const f of MODELLED_EXAMPLES)
      expect(planProposal(readExample(f), []).layout.chart.title).toMatch(/\(£m\)$/);
  });
});
