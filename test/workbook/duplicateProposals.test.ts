import * as ExcelJS from "exceljs";
import { countedCellMessages } from "../../src/workbook/changeReport";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import { addProposal, refreshWorkbook } from "../../src/workbook/operations";
import { proposalNameKey } from "../../src/workbook/duplicateProposals";
import { readRegister } from "../../src/workbook/register";
import { WORKBOOK_OPS } from "../../src/taskpane/workbookOps";
import { demoWorkbook, readExample, renameAsExcel } from "./fixtures";

/**
 * A proposal is known by its name, not its sheet's: adding one already in the workbook (its sheet renamed
 * or not) is refused, and a name carried twice (typed in by hand) is warned about, since totals count it twice.
 */

const CFS = "CFS Targeted Prevention";
const RENAMED = "CFS Prevention (CFS)";

async function reloaded(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const out = new ExcelJS.Workbook();
  await out.xlsx.load(await wb.xlsx.writeBuffer());
  return out;
}

async function renamedDemo(): Promise<ExcelJS.Workbook> {
  const { wb } = await demoWorkbook();
  const renamed = await reloaded(wb);
  await renameAsExcel(renamed, CFS, RENAMED);
  return renamed;
}

describe("adding a proposal the workbook already holds", () => {
  it.each([
    ["after refresh followed the rename", true],
    ["before any refresh", false],
  ])("is refused %s, naming the sheet that holds it, and writes nothing", async (_, refreshFirst) => {
    const wb = await renamedDemo();
    const port = new ExcelJsPort(wb);
    if (refreshFirst) await refreshWorkbook(port);
    const before = await readRegister(port);
    const sheets = wb.worksheets.map((w) => w.name);
    await expect(addProposal(port, readExample("cfs-targeted-prevention.json"))).rejects.toThrow(
      `a proposal named "${CFS}" is already in the workbook, on sheet "${RENAMED}"`,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(sheets);
    const after = await readRegister(port);
    expect(after.proposals.length).toBe(before.proposals.length);
    expect(after.programme).toEqual(before.programme);
  });

  it("is refused whatever the name's case and spacing", async () => {
    const { port } = await demoWorkbook();
    const raw = readExample("cfs-targeted-prevention.json") as { opportunity: Record<string, unknown> };
    await expect(
      addProposal(port, { ...raw, opportunity: { ...raw.opportunity, name: "  cfs targeted  PREVENTION " } }),
    ).rejects.toThrow(`already in the workbook, on sheet "${CFS}"`);
  });
});

describe("adding a proposal whose name only its sheet name shares", () => {
  it("gives it a sheet of its own and says why, in the pane as in new (same workbook function)", async () => {
    const raw = readExample("cfs-targeted-prevention.json") as { opportunity: Record<string, unknown> };
    // Another proposal (the colon makes it another name), whose sheet name would be the CFS sheet's.
    const other = { ...raw, opportunity: { ...raw.opportunity, name: "CFS: Targeted Prevention" } };
    const results = [];
    for (const write of [addProposal, WORKBOOK_OPS.writeProposal]) {
      const { port } = await demoWorkbook();
      const result = await write(port, other);
      expect(result.sheetName).toBe(`${CFS} (2)`);
      expect(result.sheetNote).toContain(`"${CFS}" is already another proposal's sheet`);
      const register = await readRegister(port);
      expect(register.proposals.map((p) => p.sheet)).toEqual(expect.arrayContaining([CFS, `${CFS} (2)`]));
      // Two proposals, not one counted twice: refresh warns of no repeated name.
      const report = await refreshWorkbook(port);
      expect(report.errors).toEqual([]);
      expect(report.warnings.map((w) => w.message).join("\n")).not.toMatch(/count it \d+ times/);
      results.push(result);
    }
    expect(results[1]).toEqual(results[0]);
  });
});

describe("refresh with a proposal name carried twice", () => {
  it("warns when a second proposal sheet is given an existing proposal's name by hand", async () => {
    const { wb, port } = await demoWorkbook();
    const raw = readExample("cfs-targeted-prevention.json") as { opportunity: Record<string, unknown> };
    const copy = "CFS Prevention copy";
    await addProposal(port, { ...raw, opportunity: { ...raw.opportunity, name: copy } });
    expect((await refreshWorkbook(port)).warnings.filter((w) => /repeat it/.test(w.message))).toEqual([]);
    // The user types the first proposal's name over the copy's opportunity name.
    let typed = 0;
    wb.getWorksheet(copy)?.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === copy) {
          cell.value = CFS;
          typed++;
        }
      }),
    );
    expect(typed).toBeGreaterThan(0);
    const report = await refreshWorkbook(port);
    expect(report.warnings).toContainEqual({
      proposal: "(programme)",
      message: expect.stringMatching(
        new RegExp(`^"${CFS}" is on 2 proposal sheets, "${CFS}" and "${copy}": .*count it 2 times`),
      ),
    });
  });

  it("says a typed Programme row under a registered proposal's name repeats that proposal", async () => {
    const config: ProgrammeConfig = {
      title: "Programme",
      fyLabels: ["FY26/27"],
      directorates: [
        {
          directorate: "Children and Family Services",
          rows: [{ opportunity: "Reunification", type: "Saving", proposalSheet: RENAMED }],
        },
      ],
    } as unknown as ProgrammeConfig;
    const [typed] = countedCellMessages(
      [
        {
          owner: "programme",
          sheet: "Programme",
          address: "E6",
          kind: "typed",
          rowLabel: " reunification",
          affected: [{ key: "x", address: "E7", shown: -2, computed: -1, direct: true }],
        },
      ],
      config,
    );
    expect(typed.message).toMatch(`it repeats the proposal on sheet "${RENAMED}"`);
    const [other] = countedCellMessages(
      [
        {
          owner: "programme",
          sheet: "Programme",
          address: "E6",
          kind: "typed",
          rowLabel: "Kinship care uplift",
          affected: [{ key: "x", address: "E7", shown: -2, computed: -1, direct: true }],
        },
      ],
      config,
    );
    expect(other.message).toMatch(/it is not a registered proposal$/);
  });
});

describe("proposalNameKey", () => {
  it("tells apart names that share the 31 characters a sheet name keeps, but not case or spacing", () => {
    const first = "Residential step-down to foster care";
    expect(proposalNameKey(`${first} (phase 2)`)).not.toBe(proposalNameKey(first));
    expect(proposalNameKey(`  residential  STEP-DOWN to foster care `)).toBe(proposalNameKey(first));
  });
});
