import { TRACKING_SHEET, type TrackingActual } from "../../src/workbook/layouts/trackingSheet";
import { addProposal } from "../../src/workbook/operations";
import { importActuals, readTrackingActuals, trackWorkbook, trackingName } from "../../src/workbook/tracking";
import { findProposal, trackedProposals } from "../../src/workbook/tracking";
import { proposalSheetName, uniqueSheetName } from "../../src/workbook/names";
import { demoWorkbook, readExample, roundTrip } from "./fixtures";

/** The Tracking sheet names each actual's proposal in full, linked to its (perhaps cut-down) sheet. */

const LONG = "Maximising Independence for Working Age Adults";
const CFS = "CFS Targeted Prevention";
const saving = (proposal: string, period: string, value: number): TrackingActual => ({
  proposal,
  stream: "reviews",
  period,
  measure: "saving",
  value,
  source: "test",
});

async function withLongProposal() {
  const demo = await demoWorkbook();
  await addProposal(demo.port, readExample("maximising-independence-for-working-age-adults.json"));
  const sheet = (await trackedProposals(demo.port)).all.find((p) => p.name === LONG)!.sheet;
  return { ...demo, sheet };
}

describe("the Tracking sheet's Proposal column", () => {
  it("stores the proposal's full name, not its cut-down sheet name, linked to the sheet (ExcelJS round trip)", async () => {
    const { wb, port, sheet } = await withLongProposal();
    expect(sheet.length).toBeLessThan(LONG.length); // the sheet's name is cut to 31 characters
    // An actual named by the sheet's name and one by the proposal's: both written under the full name.
    await importActuals(port, [saving(sheet, "2027-Q1", 1000), saving(LONG, "2027-Q2", 2000)], {
      dryRun: false,
    });
    // A second import appends below the first: that path links too.
    await importActuals(port, [saving(sheet, "2027-Q3", 3000)], { dryRun: false });
    const back = await roundTrip(wb);
    const ws = back.wb.getWorksheet(TRACKING_SHEET)!;
    for (const row of [4, 5, 6]) {
      expect(ws.getCell(`A${row}`).text).toBe(LONG);
      expect(ws.getCell(`A${row}`).hyperlink).toBe(`#'${sheet}'!A1`);
    }
    const { actuals, problems } = await readTrackingActuals(back.port);
    expect(problems).toEqual([]);
    expect(actuals.map((a) => [a.proposal, a.period, a.value])).toEqual([
      [LONG, "2027-Q1", 1000],
      [LONG, "2027-Q2", 2000],
      [LONG, "2027-Q3", 3000],
    ]);
    // The rows still find their proposal: it is tracked on all three.
    const tracked = await trackWorkbook(back.port);
    const mine = tracked.proposals.find((p) => p.name === LONG)!;
    expect(mine.sheet).toBe(sheet);
    expect(
      mine.summary.measures.find((m) => m.measure === "saving" && m.stream === "reviews")?.periods,
    ).toEqual(["2027-Q1", "2027-Q2", "2027-Q3"]);
  }, 60_000);

  it("counts a row typed under the sheet's name (as earlier versions wrote) as the same proposal's", async () => {
    const { port, sheet } = await withLongProposal();
    await importActuals(port, [saving(sheet, "2027-Q1", 1000)], { dryRun: false });
    await port.writeCells(TRACKING_SHEET, [{ address: "A4", value: sheet }]);
    const again = await importActuals(port, [saving(LONG, "2027-Q1", 1000), saving(LONG, "2027-Q1", 5)], {
      dryRun: true,
    });
    expect(again.unchanged).toBe(1);
    expect(again.conflicts.map((c) => c.existing.proposal)).toEqual([sheet]);
  }, 60_000);

  it("keeps a name that fits, and a name that finds no proposal, as given", async () => {
    const { port } = await demoWorkbook();
    const { all } = await trackedProposals(port);
    expect(trackingName(all, CFS)).toBe(CFS);
    expect(trackingName(all, "Nobody")).toBe("Nobody");
  });

  it("finds a proposal on a sheet suffixed at a word's end by its whole sheet name or its whole name, never by a part", () => {
    const one = {
      name: "Residential step-down to foster care",
      sheet: proposalSheetName("Residential step-down to foster care"),
    };
    const name = "Residential step-down to foster care (phase 2)";
    const two = { name, sheet: uniqueSheetName(proposalSheetName(name), [one.sheet]) };
    const both = [one, two];
    expect(findProposal(both, two.sheet)).toBe(two);
    expect(findProposal(both, ` ${name} `)).toBe(two);
    expect(findProposal(both, one.sheet)).toBe(one);
    // The suffixed sheet's stem is a whole word list of both names, and names neither.
    expect(findProposal(both, two.sheet.replace(/ \(2\)$/, ""))).toBeUndefined();
  });
});
