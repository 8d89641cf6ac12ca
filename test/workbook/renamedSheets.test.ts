import * as ExcelJS from "exceljs";
import { anchorPrefix } from "../../src/workbook/anchors";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { OfficePort } from "../../src/workbook/office/officePort";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import { refreshWorkbook } from "../../src/workbook/operations";
import { readRegister } from "../../src/workbook/register";
import { renamedSheets } from "../../src/workbook/renamedSheets";
import { demoWorkbook } from "./fixtures";
import { readOnlyExcelRun } from "./office/readOnlyExcel";

/**
 * A proposal sheet renamed by the user (issue: the new-user trial's "Reunification" → "Reunification CFS"):
 * refresh finds it by its own names, follows it, flags nothing, and a second refresh changes nothing.
 */

const CFS = "CFS Targeted Prevention";
const RENAMED = "CFS Prevention (renamed)";

/**
 * Renames a sheet as Excel does: the sheet's defined names and every formula that reads it follow it
 * (ExcelJS itself moves neither).
 */
async function renameAsExcel(wb: ExcelJS.Workbook, from: string, to: string): Promise<void> {
  const port = new ExcelJsPort(wb);
  const names = (await port.listNames()).filter((n) => n.sheet === from);
  await port.deleteNames(names.map((n) => n.name));
  (wb.getWorksheet(from) as ExcelJS.Worksheet).name = to;
  await port.defineNames(names.map((n) => ({ ...n, sheet: to })));
  const spellings = [`'${from}'!`, `${from}!`];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; result?: unknown } | null;
        if (!v || typeof v !== "object" || typeof v.formula !== "string") return;
        let formula = v.formula;
        for (const s of spellings) formula = formula.split(s).join(`'${to}'!`);
        if (formula !== v.formula) cell.value = { ...v, formula } as ExcelJS.CellValue;
      }),
    ),
  );
}

async function reloaded(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const out = new ExcelJS.Workbook();
  await out.xlsx.load(await wb.xlsx.writeBuffer());
  return out;
}

describe("a renamed proposal sheet", () => {
  it("is followed: nothing kept as a hand edit, the register and anchors take the new name, said once", async () => {
    const { wb } = await demoWorkbook();
    await refreshWorkbook(new ExcelJsPort(wb));
    const renamed = await reloaded(wb);
    await renameAsExcel(renamed, CFS, RENAMED);
    const port = new ExcelJsPort(renamed);
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    expect(report.changes.filter((c) => c.kept)).toEqual([]);
    expect(report.warnings).toEqual([
      { proposal: RENAMED, message: `${CFS}'s sheet is now '${RENAMED}'; links follow it` },
    ]);
    const reg = await readRegister(port);
    expect(reg.proposals.map((p) => p.sheet)).toContain(RENAMED);
    expect(reg.proposals.map((p) => p.sheet)).not.toContain(CFS);
    const owned = [...reg.owned.values()];
    expect(owned.some((o) => o.sheet === CFS || o.owner === CFS)).toBe(false);
    expect(owned.some((o) => o.written.kind === "formula" && o.written.formula.includes(`'${CFS}'!`))).toBe(
      false,
    );
    const rows = (reg.programme as ProgrammeConfig).directorates.flatMap((d) => d.rows);
    expect(rows.some((r) => r.proposalSheet === RENAMED)).toBe(true);
    const names = await port.listNames();
    expect(names.some((n) => n.name.startsWith(anchorPrefix(CFS)))).toBe(false);
    expect(names.filter((n) => n.name.startsWith(`${anchorPrefix(RENAMED)}_`)).length).toBeGreaterThan(0);
    // The Programme row's link to the sheet (a hyperlink, which a rename does not move) follows it.
    const links: string[] = [];
    renamed.getWorksheet("Programme")?.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.hyperlink) links.push(cell.hyperlink);
      }),
    );
    expect(links).toContain(`#'${RENAMED}'!A1`);
    expect(links).not.toContain(`#'${CFS}'!A1`);

    const again = new ExcelJsPort(await reloaded(renamed));
    const second = await refreshWorkbook(again);
    expect(second.errors).toEqual([]);
    expect(second.warnings).toEqual([]);
    expect(second.changes).toEqual([]);
  });

  it("is followed the same through Office.js (a dry run, as Excel reports the renamed workbook)", async () => {
    const { wb } = await demoWorkbook();
    await refreshWorkbook(new ExcelJsPort(wb));
    const renamed = await reloaded(wb);
    await renameAsExcel(renamed, CFS, RENAMED);
    const report = await refreshWorkbook(new OfficePort(readOnlyExcelRun(renamed)), { dryRun: true });
    expect(report.errors).toEqual([]);
    expect(report.changes).toEqual([]);
    expect(report.warnings.map((w) => w.message)).toEqual([
      `${CFS}'s sheet is now '${RENAMED}'; links follow it`,
    ]);
  });

  it("that was really deleted is reported missing, as before", async () => {
    const { wb } = await demoWorkbook();
    await refreshWorkbook(new ExcelJsPort(wb));
    const port = new ExcelJsPort(wb);
    await port.deleteSheet(CFS);
    const report = await refreshWorkbook(port);
    expect(report.errors).toContainEqual({
      proposal: CFS,
      message: "the proposal sheet is missing (deleted or renamed)",
    });
    expect(report.warnings.some((w) => w.message.includes("is now"))).toBe(false);
  });

  it("is not taken to be another proposal's sheet, nor a sheet its names do not agree on", async () => {
    const { port } = await demoWorkbook();
    const reg = await readRegister(port);
    const names = await port.listNames();
    const others = reg.proposals.map((p) => p.sheet).filter((s) => s !== CFS);
    // The names still point at the old sheet (deleted: none left on an existing sheet): not a rename.
    expect(renamedSheets(reg, others, names)).toEqual([]);
    // Its names pointing at another proposal's sheet: not a rename either.
    const moved = names.map((n) => (n.sheet === CFS ? { ...n, sheet: others[0] } : n));
    expect(renamedSheets(reg, others, moved)).toEqual([]);
    const split = names.map((n, i) => (n.sheet === CFS ? { ...n, sheet: i % 2 ? "A" : "B" } : n));
    expect(renamedSheets(reg, [...others, "A", "B"], split)).toEqual([]);
    const renamed = names.map((n) => (n.sheet === CFS ? { ...n, sheet: RENAMED } : n));
    expect(renamedSheets(reg, [...others, RENAMED], renamed)).toEqual([{ from: CFS, to: RENAMED }]);
  });
});
