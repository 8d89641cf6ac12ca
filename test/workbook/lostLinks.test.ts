import { anchorName } from "../../src/workbook/anchors";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { linksToDeletedCells, lostLinksMessage } from "../../src/workbook/lostLinks";
import { addProposal, refreshWorkbook, updateProposal } from "../../src/workbook/operations";
import { placeSheets } from "../../src/workbook/placing";
import { PROGRAMME_OWNER, programmeLayouts } from "../../src/workbook/programme";
import { readRegister } from "../../src/workbook/register";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import { programmePositions, programmeStatusAddress } from "../../src/workbook/layouts/programmeSheet";
import type { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { demoWorkbook, readExample } from "./fixtures";

const CFS = "CFS Targeted Prevention";
// The demo's Programme links its CFS row's FY28/29 and FY29/30 to the profile's rows 40 and 41.
const DELETED = [40, 41].map((r) => anchorName(CFS, "row", r));

/** The demo with CFS's profile rows 40 and 41 deleted, as the workbook's names then say. */
async function withDeletedRows(): Promise<ExcelJsPort> {
  const { port } = await demoWorkbook();
  // Their anchors are gone (a spreadsheet leaves them at #REF!, which reads as pointing nowhere, as does none).
  await port.deleteNames(DELETED);
  return port;
}

async function lostLinks(port: ExcelJsPort) {
  const register = await readRegister(port);
  const cfs = proposalSheetLayout(register.proposals.find((s) => s.sheet === CFS)!);
  const { placements } = await placeSheets(port, programmeLayouts(register.programme as ProgrammeConfig));
  const names = new Map((await port.listNames()).map((n) => [n.name, n]));
  return linksToDeletedCells(port, register.owned, PROGRAMME_OWNER, [cfs], names, placements);
}

describe("links into a refused proposal sheet's deleted rows", () => {
  it("refuses the programme sheets when a link was moved to another row (LibreOffice, no #REF! to see)", async () => {
    const port = await withDeletedRows();
    // LibreOffice revives a deleted reference when rows are inserted above it: G13 now reads FY26/27's row.
    const [fy2627] = await port.readCells(CFS, ["J38"]);
    await port.writeCells("Programme", [{ address: "G13", formula: `'${CFS}'!J38`, value: fy2627.value }]);
    const report = await refreshWorkbook(port);
    expect(report.errors.map((e) => e.proposal)).toEqual([CFS, "(programme)"]);
    expect(report.errors[1].message).toBe(
      `Programme!G13 links to '${CFS}'!J40 as laid out, which was deleted (and 3 more cells to rows or columns deleted there); undo that, then refresh again; the programme sheets were not refreshed`,
    );
    expect(report.changes).toEqual([]);
    // The Programme's status cell says so, as a refused proposal sheet's does.
    const config = (await readRegister(port)).programme as ProgrammeConfig;
    const [shown] = await port.readCells("Programme", [programmeStatusAddress(config)]);
    expect(shown.value).toBe(
      `Not refreshed: Programme!G13 links to '${CFS}'!J40 as laid out, which was deleted`,
    );
  });

  it("refuses adding or updating a proposal before writing anything (the Programme would be re-synced)", async () => {
    const port = await withDeletedRows();
    const cells = (): string => JSON.stringify(port.workbook.worksheets.map((ws) => ws.getSheetValues()));
    const before = cells();
    const itt = readExample("independent-travel-training.json");
    const why =
      /Programme!G13 links to 'CFS Targeted Prevention'!J40 as laid out, which was deleted .*then try again$/;
    await expect(
      addProposal(port, { ...itt, opportunity: { ...itt.opportunity, name: "Second ITT" } }),
    ).rejects.toMatchObject({ code: "sheet-moved", message: expect.stringMatching(why) });
    await expect(updateProposal(port, "Independent Travel Training", itt)).rejects.toMatchObject({
      code: "sheet-moved",
      message: expect.stringMatching(why),
    });
    expect(cells()).toBe(before);
  });

  it("is no link where the user typed a figure over it (a hand edit, kept)", async () => {
    const port = await withDeletedRows();
    // CFS's directorate's risk-adjusted row, under the Green Book block.
    const config = (await readRegister(port)).programme as ProgrammeConfig;
    const d = config.directorates.findIndex((x) => x.rows.some((r) => r.proposalSheet === CFS));
    const risk = programmePositions(config).riskRows[d];
    expect((await lostLinks(port)).map((l) => `${l.sheet}!${l.address}>${l.targetAddress}`)).toEqual([
      "Programme!G13>J40",
      "Programme!H13>J41",
      // The risk-adjusted row links to the proposal's risk-adjusted MTFS row beside them.
      `Programme!G${risk}>K40`,
      `Programme!H${risk}>K41`,
    ]);
    await port.writeCells("Programme", [{ address: "G13", value: 100_000 }]);
    expect((await lostLinks(port)).map((l) => l.address)).toEqual(["H13", `G${risk}`, `H${risk}`]);
  });

  it("names the first cell per refused sheet and counts the rest", () => {
    const link = (address: string, target: string) => ({
      sheet: "Programme",
      address,
      target,
      targetAddress: "B9",
    });
    expect(lostLinksMessage([link("E5", "A"), link("F5", "A"), link("G5", "A"), link("E6", "It's")])).toBe(
      "Programme!E5 links to 'A'!B9 as laid out, which was deleted (and 2 more cells to rows or columns deleted there); Programme!E6 links to 'It''s'!B9 as laid out, which was deleted",
    );
  });
});
