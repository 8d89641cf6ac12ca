import { PROGRAMME_SHEET } from "../../../src/workbook/layouts/programmeSheet";
import { demoWorkbook, roundTrip } from "../fixtures";

const CFS = "CFS Targeted Prevention";

describe("print set-up of the Programme and proposal sheets", () => {
  it("prints them two pages wide on A4 landscape, headings and caption columns on every page", async () => {
    const { wb } = await demoWorkbook();
    const { wb: saved } = await roundTrip(wb);
    const programme = saved.getWorksheet(PROGRAMME_SHEET)!.pageSetup;
    // One page across printed them at under 6 pt (LibreOffice render of the demo): two keep them legible.
    expect([programme.orientation, programme.paperSize, programme.fitToWidth]).toEqual(["landscape", 9, 2]);
    expect([programme.printTitlesRow, programme.printTitlesColumn]).toEqual(["2:3", "A:B"]);
    const proposal = saved.getWorksheet(CFS)!.pageSetup;
    expect([proposal.orientation, proposal.paperSize, proposal.fitToWidth]).toEqual(["landscape", 9, 2]);
    expect(proposal.printTitlesColumn).toBe("A:A");
  });
});
