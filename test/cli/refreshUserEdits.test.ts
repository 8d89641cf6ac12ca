import * as ExcelJS from "exceljs";
import { join } from "path";
import { run, tempDir } from "./workbookCli";

/** `refresh` on cells as Excel leaves them: a date as a bare serial, a figure as text; errors name the cell. */

const CFS = "CFS Targeted Prevention";

/** The demo workbook with `edits` made through the assumptions' defined names; the file and each cell. */
async function demoEdited(
  edits: Record<string, ExcelJS.CellValue>,
): Promise<{ file: string; at: Record<string, string> }> {
  const file = join(tempDir(), "programme.xlsx");
  await run(["demo", "--out", file]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const at: Record<string, string> = {};
  for (const [name, value] of Object.entries(edits)) {
    const n = wb.definedNames.model.find((x) => x.name === `mtfs_CFSTargetedPrevention_${name}`)!;
    at[name] = n.ranges[0].split("!")[1].replace(/\$/g, "");
    const cell = wb.getWorksheet(CFS)!.getCell(at[name]);
    cell.value = value;
    cell.numFmt = "General";
  }
  await wb.xlsx.writeFile(file);
  return { file, at };
}

describe("mtfs-benefits refresh of cells as users leave them", () => {
  it("takes a start date that lost its date format (the bare serial) and a cost kept as text", async () => {
    const { file } = await demoEdited({ timeline_startDate: 46235, unitCost_weeklyCost: "£1,487" });
    const r = await run(["refresh", file]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/ 0 cells changed/);
  });

  it("refuses a bare 2 as baseline growth (200% a year) as it refuses inflation typed so, with the same advice", async () => {
    // DOMAIN.md's growth is a volume's growth a year: nothing there above 100%, so 2 is 2% typed bare.
    const { file, at } = await demoEdited({ baseline_growthPerYear: 2 });
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^mtfs-benefits: ${CFS}: '${CFS}'!${at.baseline_growthPerYear} [^:\\n]+: ` +
          "must be <= 100% a year, got 2, which reads as 200%; type 2% or 0\\.02$",
        "m",
      ),
    );
    expect(r.stdout).toMatch(/^11 proposals: 10 refreshed, 1 failed \(CFS Targeted Prevention\);/m);
  });

  it("refuses a bare 3.36 as inflation (336% a year), naming the cell and what was meant", async () => {
    const { file, at } = await demoEdited({ unitCost_inflationPerYear: 3.36 });
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `'CFS Targeted Prevention'!${at.unitCost_inflationPerYear} Inflation on the unit cost (% a year, from 1 April): ` +
        "must be <= 100% a year, got 3.36, which reads as 336%; type 3.36% or 0.0336",
    );
  });

  it("refuses a bare 8 as a percent target (800%: more than the entry lever allows), naming the cell", async () => {
    const { file, at } = await demoEdited({ target_value: 8 });
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `'CFS Targeted Prevention'!${at.target_value} Target (% of starts): must be <= 100% for the entry lever`,
    );
  });

  it("names the cell and its caption when an assumption is refused", async () => {
    const { file, at } = await demoEdited({ durationWeeks: -3 });
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `'CFS Targeted Prevention'!${at.durationWeeks} Average duration \\(weeks\\): must be > 0, got -3\\n$`,
      ),
    );
  });
});
