import * as ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { anchorPrefix } from "../../src/workbook/anchors";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { proposalSheetName } from "../../src/workbook/names";
import { readRegister } from "../../src/workbook/register";
import { renameAsExcel } from "../workbook/fixtures";
import { example, run, tempDir } from "./workbookCli";

/**
 * A proposal sheet renamed in Excel and, before any refresh, a new proposal added whose name makes the old
 * sheet name: the register must keep both proposals, each on its own sheet with its own anchors.
 */

const RENAMED = "Renamed CFS";

/** A workbook with CFS Targeted Prevention, its sheet renamed as Excel renames it. */
async function renamedCfs(): Promise<{ file: string; original: string }> {
  const file = join(tempDir(), "wb.xlsx");
  expect((await run(["new", "--input", example("cfs-targeted-prevention.json"), "--into", file])).code).toBe(
    0,
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const original = (await readRegister(new ExcelJsPort(wb))).proposals[0].sheet;
  await renameAsExcel(wb, original, RENAMED);
  await wb.xlsx.writeFile(file);
  return { file, original };
}

/** The example proposal under another opportunity name. */
function renamedProposal(name: string): string {
  const raw = JSON.parse(readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
  const file = join(tempDir(), "named.json");
  writeFileSync(file, JSON.stringify({ ...raw, opportunity: { ...raw.opportunity, name } }));
  return file;
}

/** Each registered proposal's name and sheet, and the sheets its anchors point at. */
async function registered(file: string): Promise<{ name: unknown; sheet: string; anchorSheets: string[] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const port = new ExcelJsPort(wb);
  const names = await port.listNames();
  return (await readRegister(port)).proposals.map((p) => ({
    name: (p.proposal.opportunity as { name?: unknown }).name,
    sheet: p.sheet,
    anchorSheets: [
      ...new Set(names.filter((n) => n.name.startsWith(`${anchorPrefix(p.sheet)}_`)).map((n) => n.sheet)),
    ],
  }));
}

describe("mtfs-benefits new after a proposal sheet is renamed, before any refresh", () => {
  it("keeps both proposals in the register, each on its own sheet with its own anchors, through refresh", async () => {
    const { file, original } = await renamedCfs();
    const other = "CFS: Targeted Prevention";
    // The new name's sheet name is the old one's: the clash this is about.
    expect(proposalSheetName(other)).toBe(original);
    const added = await run(["new", "--input", renamedProposal(other), "--into", file]);
    expect(added.code).toBe(0);
    const refreshed = await run(["refresh", file]);
    expect(refreshed.stdout + refreshed.stderr).not.toMatch(/duplicate/i);
    const after = await registered(file);
    expect(after.map((p) => p.name).sort()).toEqual(["CFS Targeted Prevention", other].sort());
    const renamed = after.find((p) => p.name === "CFS Targeted Prevention");
    expect(renamed?.sheet).toBe(RENAMED);
    expect(new Set(after.map((p) => p.sheet)).size).toBe(2);
    // Each proposal's anchors are its own and point at its own sheet only.
    for (const p of after) expect(p.anchorSheets).toEqual([p.sheet]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const p of after) expect(wb.getWorksheet(p.sheet)).toBeDefined();
  });

  it("gives a proposal named as the renamed sheet now is a sheet of its own, as another proposal's", async () => {
    const { file } = await renamedCfs();
    const added = await run(["new", "--input", renamedProposal(RENAMED), "--into", file]);
    expect(added.code).toBe(0);
    expect((await run(["refresh", file])).code).toBe(0);
    const after = await registered(file);
    expect(after.map((p) => p.name).sort()).toEqual(["CFS Targeted Prevention", RENAMED].sort());
    expect(after.find((p) => p.name === "CFS Targeted Prevention")?.sheet).toBe(RENAMED);
    expect(after.find((p) => p.name === RENAMED)?.sheet).not.toBe(RENAMED);
    for (const p of after) expect(p.anchorSheets).toEqual([p.sheet]);
  });
});
