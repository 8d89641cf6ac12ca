import * as ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { sheetTakenAdvice } from "../../src/workbook/duplicateProposals";
import { renameAsExcel } from "../workbook/fixtures";
import { example, run, tempDir } from "./workbookCli";

/**
 * The new-user trial: a proposal sheet renamed, refreshed (the rename followed), then the same proposal
 * added again with `new`; it must be refused, naming the sheet that holds it, not added a second time.
 */

const RENAMED = "Reunification (CFS)";

async function renamedDemo(): Promise<string> {
  const file = join(tempDir(), "wb.xlsx");
  expect((await run(["demo", "--out", file])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  await renameAsExcel(wb, "Reunification", RENAMED);
  await wb.xlsx.writeFile(file);
  return file;
}

/** The Programme's opportunity cells (column A) that read `name`. */
async function programmeRowsNamed(file: string, name: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let n = 0;
  wb.getWorksheet("Programme")?.eachRow((row) => {
    const v = row.getCell(1).value;
    const text = typeof v === "object" && v && "text" in v ? String(v.text) : v;
    if (text === name) n++;
  });
  return n;
}

describe("mtfs-benefits new after a proposal sheet is renamed", () => {
  it("refuses the same proposal again after refresh followed the rename (exit 2, file untouched)", async () => {
    const file = await renamedDemo();
    const refreshed = await run(["refresh", file]);
    expect(refreshed.stdout + refreshed.stderr).toContain(`sheet is now '${RENAMED}'`);
    const rows = await programmeRowsNamed(file, "Reunification");
    const before = readFileSync(file);
    const r = await run(["new", "--input", example("reunification.json"), "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `a proposal named "Reunification" is already in the workbook, on sheet "${RENAMED}"`,
    );
    expect(r.stderr).toContain(`edit its cells on that sheet and run mtfs-benefits refresh ${file}`);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(await programmeRowsNamed(file, "Reunification")).toBe(rows);
  });

  it("refuses it too when the rename has not been refreshed yet, naming the sheet's new name", async () => {
    const file = await renamedDemo();
    const r = await run(["new", "--input", example("reunification.json"), "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`on sheet "${RENAMED}"`);
  });
});

describe("mtfs-benefits new refusing a name another kind of sheet holds", () => {
  const EDIT_ADVICE = "To change that proposal";

  it("tells the user their own sheet is not a proposal, rather than to edit it as one", async () => {
    const file = join(tempDir(), "wb.xlsx");
    expect((await run(["new", "--input", example("reunification.json"), "--into", file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.addWorksheet("Reablement").getCell("A1").value = "my notes";
    await wb.xlsx.writeFile(file);
    const before = readFileSync(file);
    const r = await run(["new", "--input", example("reablement.json"), "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a sheet named "Reablement" is already in the workbook');
    expect(r.stderr).toContain(sheetTakenAdvice("other"));
    expect(r.stderr).not.toContain(EDIT_ADVICE);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("says a name of the add-in's own sheets is taken by its figures, and keeps the edit advice for a proposal", async () => {
    const file = join(tempDir(), "wb.xlsx");
    expect((await run(["new", "--input", example("reunification.json"), "--into", file])).code).toBe(0);
    const raw = JSON.parse(readFileSync(example("reablement.json"), "utf8"));
    const named = join(tempDir(), "programme-named.json");
    writeFileSync(named, JSON.stringify({ ...raw, opportunity: { ...raw.opportunity, name: "Programme" } }));
    const r = await run(["new", "--input", named, "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(sheetTakenAdvice("mtfs"));
    expect(r.stderr).not.toContain(EDIT_ADVICE);
    const again = await run(["new", "--input", example("reunification.json"), "--into", file]);
    expect(again.stderr).toContain(EDIT_ADVICE);
  });
});
