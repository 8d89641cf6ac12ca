import * as ExcelJS from "exceljs";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import {
  TRACKED_MEASURE_WORDS,
  measureCode,
  measureWords,
  trackingLayout,
} from "../../../src/workbook/layouts/trackingSheet";
import { POUNDS_FORMAT } from "../../../src/workbook/layouts/types";
import { QUARTER_YEAR } from "../../../src/engine";
import { writeLayout } from "../../../src/workbook/ownedCells";
import { readTrackingActuals } from "../../../src/workbook/tracking";
import { roundTrip } from "../fixtures";

const ACTUAL = { proposal: "CFS", stream: "", period: "2027-07", value: 2, source: "" };

describe("the Tracking sheet (new-user trial)", () => {
  it("shows measures in words, and the reader takes the words (any case) or the codes back", async () => {
    const layout = trackingLayout([
      { ...ACTUAL, measure: "avoidedEvents" },
      { ...ACTUAL, measure: "saving" },
    ]);
    const measures = layout.cells.flatMap((c) =>
      c.kind === "input" && c.path.endsWith(".measure") ? [c.value] : [],
    );
    expect(measures).toEqual(["Avoided events", "Saving (£)"]);
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await port.addSheet(layout.sheet);
    await writeLayout(port, layout, "tracking", new Map());
    const ws = wb.getWorksheet(layout.sheet)!;
    ws.getCell("D6").value = "caseload REDUCTION";
    ws.getCell("A6").value = "CFS";
    ws.getCell("C6").value = "2027-08";
    ws.getCell("E6").value = 1;
    ws.getCell("D7").value = "avoidedEvents";
    ws.getCell("A7").value = "CFS";
    ws.getCell("C7").value = "2027-09";
    ws.getCell("E7").value = 1;
    const { actuals } = await readTrackingActuals((await roundTrip(wb)).port);
    expect(actuals.map((a) => a.measure)).toEqual([
      "avoidedEvents",
      "saving",
      "caseloadReduction",
      "avoidedEvents",
    ]);
  });

  it("words every tracked measure one way, and back", () => {
    for (const [code, words] of Object.entries(TRACKED_MEASURE_WORDS)) {
      expect(measureCode(measureWords(code))).toBe(code);
      expect(measureCode(words.toUpperCase())).toBe(code);
    }
    expect(measureWords("somethingNew")).toBe("somethingNew");
  });

  it("words every stream kind's measures from the engine's one table", () => {
    expect(measureWords("finishers")).toBe("Extra people finishing reablement");
    expect(measureWords("shareOfFullSaving")).toBe("Share of the full saving realised");
    expect(measureWords("unitsCharged")).toBe("Units charged at the new fees");
    expect(measureCode("units charged at the new fees")).toBe("unitsCharged");
  });

  it("shows a saving's actual in £ and a KPI's as typed", async () => {
    const layout = trackingLayout([
      { ...ACTUAL, measure: "saving", value: 30000 },
      { ...ACTUAL, measure: "avoidedEvents" },
    ]);
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await port.addSheet(layout.sheet);
    await writeLayout(port, layout, "tracking", new Map());
    expect(wb.getWorksheet(layout.sheet)!.getCell("E4").numFmt).toBe(POUNDS_FORMAT);
    expect(wb.getWorksheet(layout.sheet)!.getCell("E5").numFmt ?? "General").not.toBe(POUNDS_FORMAT);
  });

  it("says in its note whose year a quarter's label gives", () => {
    const note = trackingLayout([]).cells.find((c) => c.address === "A2");
    expect(note?.kind === "label" ? note.text : "").toContain(`fiscal quarter "2027-Q2" (${QUARTER_YEAR})`);
  });

  it("lays its note across the columns in a row tall enough, so it does not run into the header", () => {
    const layout = trackingLayout([]);
    expect(layout.merges).toContain("A2:F2");
    const height = layout.rowHeights?.find((h) => h.row === 2)?.height ?? 15;
    // The note is two lines across A:F (134 characters wide): one line's height would overprint row 3.
    expect(height).toBeGreaterThanOrEqual(30);
  });
});
