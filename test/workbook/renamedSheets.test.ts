import * as ExcelJS from "exceljs";
import { anchorPrefix } from "../../src/workbook/anchors";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { OfficePort } from "../../src/workbook/office/officePort";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import { readProposal, refreshWorkbook, updateProposal } from "../../src/workbook/operations";
import { readRegister } from "../../src/workbook/register";
import { renamedSheets } from "../../src/workbook/renamedSheets";
import { demoWorkbook, renameAsExcel } from "./fixtures";
import { readOnlyExcelRun } from "./office/readOnlyExcel";

/**
 * A proposal sheet renamed by the user (issue: the new-user trial's "Reunification" → "Reunification CFS"):
 * refresh finds it by its own names, follows it, flags nothing, and a second refresh changes nothing.
 */

const CFS = "CFS Targeted Prevention";
const RENAMED = "CFS Prevention (renamed)";

/** The hyperlinks on the Programme sheet. */
function programmeLinks(wb: ExcelJS.Workbook): string[] {
  const links: string[] = [];
  wb.getWorksheet("Programme")?.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.hyperlink) links.push(cell.hyperlink);
    }),
  );
  return links;
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
    const links = programmeLinks(renamed);
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

  it("is edited under its new name before any refresh: read, then updated, the register following it", async () => {
    const { wb } = await demoWorkbook();
    await refreshWorkbook(new ExcelJsPort(wb));
    const renamed = await reloaded(wb);
    await renameAsExcel(renamed, CFS, RENAMED);
    const port = new ExcelJsPort(renamed);
    const raw = (await readProposal(port, RENAMED)) as { assumptions: { target: { value: number } } };
    expect(raw).not.toBeNull();
    // Reading changes nothing: the register still holds the old name until something writes.
    expect((await readRegister(port)).proposals.map((p) => p.sheet)).toContain(CFS);
    const edited = {
      ...raw,
      assumptions: { ...raw.assumptions, target: { ...raw.assumptions.target, value: 0.2 } },
    };
    const result = await updateProposal(port, RENAMED, edited);
    expect(result.sheetName).toBe(RENAMED);
    const reg = await readRegister(port);
    expect(reg.proposals.map((p) => p.sheet)).toContain(RENAMED);
    expect(reg.proposals.map((p) => p.sheet)).not.toContain(CFS);
    expect(((await readProposal(port, RENAMED)) as typeof raw).assumptions.target.value).toBe(0.2);
    expect(programmeLinks(renamed)).toContain(`#'${RENAMED}'!A1`);
    const again = await refreshWorkbook(new ExcelJsPort(await reloaded(renamed)));
    expect(again.errors).toEqual([]);
    expect(again.warnings).toEqual([]);
    expect(again.changes).toEqual([]);
  });

  it("is still edited when the edit began under its old name (a draft from before the rename)", async () => {
    const { wb } = await demoWorkbook();
    await refreshWorkbook(new ExcelJsPort(wb));
    const renamed = await reloaded(wb);
    await renameAsExcel(renamed, CFS, RENAMED);
    const port = new ExcelJsPort(renamed);
    const raw = await readProposal(port, CFS);
    expect(raw).toEqual(await readProposal(port, RENAMED));
    expect((await updateProposal(port, CFS, raw)).sheetName).toBe(RENAMED);
    expect((await readRegister(port)).proposals.map((p) => p.sheet)).toContain(RENAMED);
  });
});
