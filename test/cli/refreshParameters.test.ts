import * as ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { run, tempDir } from "./workbookCli";

/**
 * `refresh` after a new user's edits to the Parameters sheet (trial: 15 for 15%, a cleared cell, 3.5 for
 * 3.5%): the sheets' formulas read those cells as they are, so refresh refuses, names the cell, the rule and
 * what to type, and leaves the file as it was.
 */

/** The demo workbook with the Parameters cell `index` of the defined name `name` set as Excel would. */
async function demoWithParameter(name: string, index: number, value: ExcelJS.CellValue): Promise<string> {
  const file = join(tempDir(), "programme.xlsx");
  await run(["demo", "--out", file]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const [sheet, range] = wb.definedNames.model.find((n) => n.name === name)!.ranges[0].split("!");
  const first = /^\$?([A-Z]+)\$?(\d+)/.exec(range)!;
  wb.getWorksheet(sheet.replace(/'/g, ""))!.getCell(`${first[1]}${Number(first[2]) + index}`).value = value;
  // Saved with its charts, as Excel keeps them (plain ExcelJS drops them, which refresh would put back).
  writeFileSync(file, await new ExcelJsPort(wb).toXlsx());
  return file;
}

const refused = async (file: string): Promise<{ code: number; stderr: string; stdout: string }> => {
  const before = readFileSync(file);
  const r = await run(["refresh", file]);
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(r.stdout).toMatch(/^no changes; .* not rewritten$/m);
  expect(r.stderr).not.toMatch(/null|the default is used/);
  return r;
};

describe("mtfs-benefits refresh with a Parameters cell it cannot use", () => {
  it("refuses optimism bias typed as 15 (for 15%), saying what it reads as and what to type", async () => {
    const r = await refused(await demoWithParameter("MTFS_OptimismBias", 0, 15));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "mtfs-benefits: (parameters): Parameters!B5 (optimism bias, High): must be <= 100%, got 15, which reads as 1500%; " +
        "type 15% or 0.15; nothing was refreshed\n",
    );
  });

  it("refuses a cleared optimism-bias cell as blank, naming the default to type", async () => {
    const r = await refused(await demoWithParameter("MTFS_OptimismBias", 1, null));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "mtfs-benefits: (parameters): Parameters!B6 (optimism bias, Medium): is blank, which the formulas read as 0%; " +
        "type a share from 0% to 100%, e.g. 25% (the default); nothing was refreshed\n",
    );
  });

  it("refuses a discount rate typed as 3.5 and a deflator typed as 2, as the proposal sheets refuse such rates", async () => {
    const rate = await refused(await demoWithParameter("MTFS_DiscountRates", 0, 3.5));
    expect(rate.code).toBe(2);
    expect(rate.stderr).toBe(
      "mtfs-benefits: (parameters): Parameters!B20 (discount rate from year 0): must be <= 100% a year, got 3.5, " +
        "which reads as 350%; type 3.5% or 0.035; nothing was refreshed\n",
    );
    const deflator = await refused(await demoWithParameter("MTFS_DeflatorPerYear", 0, 2));
    expect(deflator.code).toBe(2);
    expect(deflator.stderr).toMatch(
      /^mtfs-benefits: \(parameters\): Parameters!B\d+ \(deflator a year\): must be <= 100% a year, got 2, which reads as 200%; type 2% or 0\.02; nothing was refreshed\n$/,
    );
  });

  it("takes the same values typed as percents and refreshes", async () => {
    const r = await run(["refresh", await demoWithParameter("MTFS_OptimismBias", 0, 0.15)]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^11 proposals: 11 refreshed, 0 failed; [1-9]\d* cells? changed/m);
  });
});
