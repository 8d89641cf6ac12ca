import * as ExcelJS from "exceljs";
import { formulaReads } from "../../src/workbook/anchors";
import { liveFormulas } from "../../src/workbook/liveFormulas";
import { MILLIONS_FORMAT, SMALL_MONEY_FORMAT, type SheetLayout } from "../../src/workbook/layouts/types";
import type { OwnedRecord } from "../../src/workbook/register";
import { demoWorkbook } from "./fixtures";

const ITT = "Independent Travel Training";

describe("formulaReads", () => {
  it("lists every cell a formula reads, ranges expanded, and the names it uses", () => {
    const reads = formulaReads(
      `IF((J21+E21)>0,SUM(C1:C2)*(1-IFERROR(INDEX(MTFS_OptimismBias,MATCH($D$9&"",MTFS_OptimismBiasKeys,0)),0)),'${ITT}'!J21)-LOG10(1E5)`,
      "Sheet",
    );
    expect(reads.cells.map((c) => `${c.sheet}!${c.address}`)).toEqual([
      "Sheet!J21",
      "Sheet!E21",
      "Sheet!C1",
      "Sheet!C2",
      "Sheet!D9",
      `${ITT}!J21`,
    ]);
    expect(reads.names).toEqual(["MTFS_OptimismBias", "MTFS_OptimismBiasKeys"]);
    expect(formulaReads('IF(A1="MTFS_X",TRUE,FALSE)', "S").names).toEqual([]);
  });
});

describe("liveFormulas", () => {
  const layout: SheetLayout = {
    layoutId: "t",
    sheet: "S",
    cells: [
      { kind: "input", address: "A1", path: "x", value: 1 },
      { kind: "engine", address: "B1", key: "b", value: 1 },
      { kind: "formula", address: "C1", key: "c", formula: "B1*2", value: 2 },
      { kind: "formula", address: "D1", key: "d", formula: "A1+B1", value: 2 },
      { kind: "formula", address: "E1", key: "e", formula: "SUM(C1:D1)", value: 4 },
      { kind: "formula", address: "F1", key: "f", formula: "Other!A1+C1", value: 3 },
      { kind: "formula", address: "G1", key: "g", formula: "Other!B1", value: 3 },
      { kind: "formula", address: "H1", key: "h", formula: "MTFS_Rate*C1", value: 3 },
    ],
  };
  const owned = new Map<string, OwnedRecord>([
    [
      "Other!A1",
      { owner: "o", layoutId: "t", sheet: "Other", address: "A1", written: { kind: "value", value: 1 } },
    ],
  ]);

  it("marks a formula that reads an input, a name or a cell the add-in has no record of, directly or not", () => {
    expect([...liveFormulas(layout, owned)].sort()).toEqual(["D1", "E1", "G1", "H1"]);
  });

  it("marks a formula reading a cell kept as a hand edit: it shows the user's figure, not the engine's", () => {
    expect([...liveFormulas(layout, owned, new Set(["B1"]))].sort()).toEqual([
      "C1",
      "D1",
      "E1",
      "F1",
      "G1",
      "H1",
    ]);
  });
});

describe("the demo's formula formats", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    ({ wb } = await demoWorkbook());
  });
  const row = (sheet: string, label: string): number => {
    const ws = wb.getWorksheet(sheet)!;
    let found = 0;
    ws.eachRow((r, n) => {
      if (!found && r.getCell(1).value === label) found = n;
    });
    return found;
  };

  it("keeps £m on the risk-adjusted row, which reads Parameters' optimism bias (it showed £k until a refresh)", () => {
    const ws = wb.getWorksheet(ITT)!;
    const r = row(ITT, "FY26/27");
    const k = ws.getCell(`K${r}`);
    expect((k.value as { formula: string }).formula).toMatch(/MTFS_OptimismBias/);
    expect((k.value as { result: number }).result).toBeGreaterThan(-100_000);
    expect(k.numFmt).toBe(MILLIONS_FORMAT);
    // The in-year reads only cells refresh writes: its format follows its figure (−£53.6k).
    expect(ws.getCell(`B${r}`).numFmt).toBe(SMALL_MONEY_FORMAT);
  });

  it("lets the Programme's links to proposal sheets written after it follow their figure, as after a refresh", () => {
    const ws = wb.getWorksheet("Programme")!;
    const links: ExcelJS.Cell[] = [];
    ws.eachRow((r) =>
      r.eachCell((c) => {
        const v = c.value as { formula?: string; result?: number } | null;
        if (v?.formula === `'${ITT}'!J21`) links.push(c);
      }),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const c of links) expect(c.numFmt).toBe(SMALL_MONEY_FORMAT);
  });
});
