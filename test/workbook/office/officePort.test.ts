import { OfficeMockObject } from "office-addin-mock";
import type * as ExcelJS from "exceljs";
import { proposalSheetLayout, type ProposalSheetLayout } from "../../../src/workbook/layouts/proposalSheet";
import { OfficePort, plainRectangle } from "../../../src/workbook/office/officePort";
import { readProposal, refreshWorkbook } from "../../../src/workbook/operations";
import { readRegister } from "../../../src/workbook/register";
import { demoWorkbook, roundTrip } from "../fixtures";
import { readOnlyExcelRun } from "./readOnlyExcel";

/**
 * The Office.js adapter against office-addin-mock: the mock declares the objects a call reaches and checks
 * that properties are loaded and synced before they are read, as Excel does.
 */

// office-addin-mock only reads the host list from office-addin-manifest, whose ESM dependency Jest cannot load.
jest.mock("office-addin-manifest", () => ({ OfficeApp: { Excel: "excel", Outlook: "outlook" } }));

function mockExcel(extraRanges: Record<string, unknown> = {}) {
  const range = (values: unknown[][], formulas: unknown[][]) => ({
    values,
    formulas,
    numberFormat: [[""]],
    hyperlink: {},
    format: { font: {}, fill: {}, borders: { getItem: () => ({}) } },
  });
  const data = {
    context: {
      // Under the context so that context.sync() completes their loads.
      ranges: {
        B3: range([["CFS Targeted Prevention"]], [["CFS Targeted Prevention"]]),
        C5: range([[1104079.71]], [["=D5-E5-F5"]]),
        D7: range([[""]], [[""]]),
        ...extraRanges,
      } as Record<string, unknown>,
      workbook: {
        worksheets: {
          sheet: {},
          getItem(this: { sheet: unknown }) {
            return this.sheet;
          },
        },
      },
    },
  };
  const sheet = {
    getRange: (address: string) => mock.context.ranges[address],
  };
  const mock = new OfficeMockObject(data) as any;
  mock.context.workbook.worksheets.sheet = sheet;
  const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(mock.context as Excel.RequestContext);
  return { mock, port: new OfficePort(run) };
}

describe("OfficePort", () => {
  it("reads values and formulas in one batch", async () => {
    const { port } = mockExcel();
    expect(await port.readCells("CFS Targeted Prevention", ["B3", "C5", "D7"])).toEqual([
      { value: "CFS Targeted Prevention" },
      { value: 1104079.71, formula: "D5-E5-F5" },
      { value: null },
    ]);
  });

  it("writes formulas as formulas and every text with Excel's quote prefix, so '=…' stays text", async () => {
    const { mock, port } = mockExcel();
    await port.writeCells("CFS Targeted Prevention", [
      { address: "C5", value: 5, formula: "D5-E5-F5", numberFormat: "0.00" },
      { address: "B3", value: "=SUM(A1:A2)" },
      { address: "D7", value: 42, style: { bold: true, fill: "DDEBF7" } },
    ]);
    expect(mock.context.ranges.C5.formulas).toEqual([["=D5-E5-F5"]]);
    expect(mock.context.ranges.C5.numberFormat).toEqual([["0.00"]]);
    expect(mock.context.ranges.B3.values).toEqual([["'=SUM(A1:A2)"]]);
    expect(mock.context.ranges.D7.values).toEqual([[42]]);
    expect(mock.context.ranges.D7.format.font.bold).toBe(true);
    expect(mock.context.ranges.D7.format.fill.color).toBe("#DDEBF7");
  });

  it("aligns a cell to the top when asked, as wrapped text is", async () => {
    const { mock, port } = mockExcel();
    await port.writeCells("CFS Targeted Prevention", [
      { address: "D7", value: 42, style: { alignTop: true } },
    ]);
    expect(mock.context.ranges.D7.format.verticalAlignment).toBe("Top");
  });

  it("merges ranges afresh (unmerge, then merge across, not by row) and unmerges them", async () => {
    const calls: string[] = [];
    // One mock per call: the mock's sheet accessor does not outlive a sync.
    const mocked = () =>
      mockExcel({
        "B4:H4": {
          merge: (across: boolean) => calls.push(`merge ${across}`),
          unmerge: () => calls.push("unmerge"),
        },
      }).port;
    await mocked().mergeCells("CFS Targeted Prevention", ["B4:H4"]);
    expect(calls).toEqual(["unmerge", "merge false"]);
    await mocked().unmergeCells("CFS Targeted Prevention", ["B4:H4"]);
    expect(calls).toEqual(["unmerge", "merge false", "unmerge"]);
  });

  it("sets row heights in points on whole rows", async () => {
    const { mock, port } = mockExcel({ "12:12": { format: {} }, "13:13": { format: {} } });
    await port.setRowHeights("CFS Targeted Prevention", [
      { row: 12, height: 78 },
      { row: 13, height: 15 },
    ]);
    expect(mock.context.ranges["12:12"].format.rowHeight).toBe(78);
    expect(mock.context.ranges["13:13"].format.rowHeight).toBe(15);
  });
});

describe("plainRectangle", () => {
  it("sends a rectangle of plain values as one range, text quote-prefixed", () => {
    expect(
      plainRectangle([
        { address: "A1", value: "owned" },
        { address: "B1", value: 2 },
        { address: "A2", value: null },
        { address: "B2", value: "=x" },
      ]),
    ).toEqual({
      range: "A1:B2",
      values: [
        ["'owned", 2],
        ["", "'=x"],
      ],
    });
  });

  it("falls back to cell by cell for gaps, formulas or formats", () => {
    expect(
      plainRectangle([
        { address: "A1", value: 1 },
        { address: "C1", value: 2 },
      ]),
    ).toBeNull();
    expect(
      plainRectangle([
        { address: "A1", value: 1 },
        { address: "B1", value: 2, formula: "A1" },
      ]),
    ).toBeNull();
    expect(
      plainRectangle([
        { address: "A1", value: 1 },
        { address: "B1", value: 2, numberFormat: "0" },
      ]),
    ).toBeNull();
  });
});

describe("OfficePort over the values Excel reports", () => {
  const CFS = "CFS Targeted Prevention";

  async function demoAsExcelReportsIt(edit: (ws: ExcelJS.Worksheet, layout: ProposalSheetLayout) => void) {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const stored = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
    const layout = proposalSheetLayout(stored);
    edit(back.getWorksheet(CFS)!, layout);
    return { layout, port: new OfficePort(readOnlyExcelRun(back)) };
  }

  const at = (layout: ProposalSheetLayout, path: string): string =>
    layout.cells.find((c) => c.kind === "input" && c.path === path)!.address;

  it("reads a date cell that range.values gives as a serial back as the ISO date, with or without its format", async () => {
    const { port, layout } = await demoAsExcelReportsIt((ws, l) => {
      // Typed 2026-09-01; the other date's cell lost its format and shows the bare serial.
      ws.getCell(at(l, "assumptions.timeline.startDate")).value = new Date(Date.UTC(2026, 8, 1));
      ws.getCell(at(l, "assumptions.investment[0].fromDate")).numFmt = "General";
    });
    const [start] = await port.readCells(CFS, [at(layout, "assumptions.investment[0].fromDate")]);
    expect(start.value).toBe(46357);
    const raw = (await readProposal(port, CFS)) as { assumptions: { timeline: any; investment: any[] } };
    expect(raw.assumptions.timeline.startDate).toBe("2026-09-01");
    expect(raw.assumptions.investment[0].fromDate).toBe("2026-12-01");
    const report = await refreshWorkbook(port, { dryRun: true });
    expect(report.errors).toEqual([]);
    expect(report.changes.length).toBeGreaterThan(0);
  });

  it("refreshes the demo workbook as Excel reports it without a change (dry run)", async () => {
    const { port } = await demoAsExcelReportsIt(() => undefined);
    const report = await refreshWorkbook(port, { dryRun: true });
    expect(report.errors).toEqual([]);
    expect(report.changes).toEqual([]);
  });

  it("writes a date as its serial in a date format, and text that is no date as text", async () => {
    const { mock, port } = mockExcel();
    await port.writeCells(CFS, [
      { address: "C5", value: "2026-08-01", date: true },
      { address: "B3", value: "next spring", date: true },
    ]);
    expect(mock.context.ranges.C5.values).toEqual([[46235]]);
    expect(mock.context.ranges.C5.numberFormat).toEqual([["yyyy-mm-dd"]]);
    expect(mock.context.ranges.B3.values).toEqual([["'next spring"]]);
  });

  it("puts a dropdown on a cell, clearing any rule first", async () => {
    const calls: string[] = [];
    const dataValidation = { clear: () => calls.push("clear") } as Record<string, unknown>;
    const { mock, port } = mockExcel({ B48: { dataValidation } });
    await port.setListValidations(CFS, [{ address: "B48", choices: ["entry", "exit"], label: "Lever" }]);
    expect(calls).toEqual(["clear"]);
    expect(mock.context.ranges.B48.dataValidation.rule).toEqual({
      list: { inCellDropDown: true, source: "entry,exit" },
    });
    expect(mock.context.ranges.B48.dataValidation.errorAlert).toEqual({
      showAlert: true,
      style: "Stop",
      title: "MTFS Benefits",
      message: "Lever: choose one of entry, exit",
    });
  });
});
