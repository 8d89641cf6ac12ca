import fc from "fast-check";
import { conflictText, enterActuals } from "../../src/workbook/enterActuals";
import { DASHBOARD_SHEET } from "../../src/workbook/layouts/dashboardSheet";
import { TRACKING_SHEET, type TrackingActual } from "../../src/workbook/layouts/trackingSheet";
import { demoWorkbook } from "./fixtures";

/**
 * enterActuals, the one writer of actuals (`track import` and the taskpane's Track tab): all or nothing on bad
 * actuals, an actual on the sheet never changed, the Dashboard following.
 */

const CFS = "CFS Targeted Prevention";
const actual = (period: string, value: number, extra: Partial<TrackingActual> = {}): TrackingActual => ({
  proposal: CFS,
  stream: "",
  period,
  measure: "avoidedEvents",
  value,
  source: "test",
  ...extra,
});

describe("enterActuals", () => {
  it("writes the actuals and the Dashboard when every one passes", async () => {
    const { wb, port } = await demoWorkbook();
    const r = await enterActuals(port, [actual("2027-10", 0), actual("2027-11", 1)], {
      where: (k) => `row ${k + 1}`,
      dryRun: false,
    });
    expect(r).toMatchObject({ kind: "imported", unchanged: 0, conflicts: [], warnings: [] });
    expect(r.kind === "imported" && r.added.length).toBe(2);
    expect(wb.getWorksheet(TRACKING_SHEET)?.getCell("E5").value).toBe(1);
    expect(wb.getWorksheet(DASHBOARD_SHEET)).toBeDefined();
  });

  it("writes nothing at all when any actual is bad, naming each bad one (property)", async () => {
    const bad = [
      actual("2040-01", 1),
      actual("2027-10", 1, { proposal: "Nobody" }),
      actual("2027-10", 1, { measure: "hugs" }),
      actual("2027-10", 1, { stream: "other" }),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bad.length - 1 }),
        fc.integer({ min: 0, max: 2 }),
        async (which, at) => {
          const { wb, port } = await demoWorkbook();
          const rows = [actual("2027-10", 0), actual("2027-11", 0)];
          rows.splice(at, 0, bad[which]);
          const r = await enterActuals(port, rows, { where: (k) => `row ${k + 1}`, dryRun: false });
          expect(r.kind).toBe("refused");
          expect(r.kind === "refused" && r.problems).toEqual([expect.stringMatching(`^row ${at + 1}: `)]);
          expect(wb.getWorksheet(TRACKING_SHEET)).toBeUndefined();
          expect(wb.getWorksheet(DASHBOARD_SHEET)).toBeUndefined();
        },
      ),
      { numRuns: 6 },
    );
  });

  it("keeps an actual already on the sheet and reports the contradicting one, writing the rest", async () => {
    const { wb, port } = await demoWorkbook();
    await enterActuals(port, [actual("2027-10", 2, { source: "" })], { where: String, dryRun: false });
    const r = await enterActuals(port, [actual("2027-Q3", 0), actual("2028-01", 1, { measure: "saving" })], {
      where: String,
      dryRun: false,
    });
    expect(r.kind === "imported" && r.conflicts.map(conflictText)).toEqual([
      `Tracking!E4 ${CFS} 2027-10 Avoided events is 2 on the sheet; test says 0: the sheet's value is kept`,
    ]);
    expect(r.kind === "imported" && r.added.map((a) => a.period)).toEqual(["2028-01"]);
    expect(wb.getWorksheet(TRACKING_SHEET)?.getCell("E4").value).toBe(2);
  });

  it("writes nothing on a dry run", async () => {
    const { wb, port } = await demoWorkbook();
    const r = await enterActuals(port, [actual("2027-10", 0)], { where: String, dryRun: true });
    expect(r.kind === "imported" && r.added.length).toBe(1);
    expect(wb.getWorksheet(TRACKING_SHEET)).toBeUndefined();
  });

  it("refuses avoided events that leave a gap after the sheet's, or before them, naming each; nothing written", async () => {
    const { wb, port } = await demoWorkbook();
    await enterActuals(port, [actual("2027-10", 0), actual("2027-11", 1)], { where: String, dryRun: false });
    const before = wb.getWorksheet(TRACKING_SHEET)!.rowCount;
    const r = await enterActuals(port, [actual("2027-06", 1), actual("2027-12", 1), actual("2028-03", 1)], {
      where: (k) => `row ${k + 1}`,
      dryRun: false,
    });
    expect(r.kind === "refused" && r.problems).toEqual([
      `row 1: period: with ${CFS}'s cohort avoidedEvents on the Tracking sheet, 2027-06 is followed by 2027-10, leaving a gap`,
      expect.stringMatching(/^row 3: period: .*, 2028-03 leaves a gap after 2027-12: /),
    ]);
    expect(wb.getWorksheet(TRACKING_SHEET)!.rowCount).toBe(before);
  });
});
