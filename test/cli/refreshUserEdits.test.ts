import * as ExcelJS from "exceljs";
import { join } from "path";
import { run, tempDir } from "./workbookCli";

/** `refresh` on cells as Excel leaves them: a date as a bare serial, a figure as text; errors name the cell. */

const CFS = "CFS Targeted Prevention";

async function demoEdited(edits: Record<string, ExcelJS.CellValue>): Promise<string> {
  const file = join(tempDir(), "programme.xlsx");
  await run(["demo", "--out", file]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const [name, value] of Object.entries(edits)) {
    const n = wb.definedNames.model.find((x) => x.name === `mtfs_CFSTargetedPrevention_${name}`)!;
    const cell = wb.getWorksheet(CFS)!.getCell(n.ranges[0].split("!")[1].replace(/\$/g, ""));
    cell.value = value;
    cell.numFmt = "General";
  }
  await wb.xlsx.writeFile(file);
  return file;
}

describe("mtfs-benefits refresh of cells as users leave them", () => {
  it("takes a start date that lost its date format (the bare serial) and a cost kept as text", async () => {
    const file = await demoEdited({ timeline_startDate: 46235, unitCost_weeklyCost: "£1,487" });
    const r = await run(["refresh", file]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/ 0 cells changed/);
  });

  it("warns about a bare 8 in a percent cell, naming the cell, and still refreshes", async () => {
    const file = await demoEdited({ target_value: 8 });
    const r = await run(["refresh", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\nwarning: 'CFS Targeted Prevention'!B47 Target value: the cell holds 8, which is 800%/,
    );
  });

  it("names the cell and its caption when an assumption is refused", async () => {
    const file = await demoEdited({ durationWeeks: -3 });
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /'CFS Targeted Prevention'!B49 Average duration \(weeks\): must be > 0, got -3\n$/,
    );
  });
});
