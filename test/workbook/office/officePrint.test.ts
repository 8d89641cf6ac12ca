import * as ExcelJS from "exceljs";
import { parseProposal, proposalRiskModel, simulate } from "../../../src/engine";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { programmeSheetLayout } from "../../../src/workbook/layouts/programmeSheet";
import { riskSheetLayout } from "../../../src/workbook/layouts/riskSheet";
import { OfficePort } from "../../../src/workbook/office/officePort";
import { programmeConfig, readExample } from "../fixtures";

/**
 * The Office.js adapter's print set-up of a new sheet (A4 landscape, pages wide, titles repeated): set through
 * `worksheet.pageLayout`, which needs ExcelApi 1.9; an older Excel adds the sheet with its default set-up.
 */

interface FakeSheet {
  visibility?: string;
  pageLayout: {
    orientation?: string;
    paperSize?: string;
    zoom?: unknown;
    titleRows?: string;
    titleColumns?: string;
    setPrintTitleRows(rows: string): void;
    setPrintTitleColumns(columns: string): void;
  };
}

function fakeExcel(): { port: OfficePort; added: Map<string, FakeSheet> } {
  const added = new Map<string, FakeSheet>();
  const context = {
    workbook: {
      worksheets: {
        add(name: string): FakeSheet {
          const sheet: FakeSheet = {
            pageLayout: {
              setPrintTitleRows(rows) {
                this.titleRows = rows;
              },
              setPrintTitleColumns(columns) {
                this.titleColumns = columns;
              },
            },
          };
          added.set(name, sheet);
          return sheet;
        },
      },
    },
    sync: async () => undefined,
  };
  const run = async <T>(batch: (c: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(context as unknown as Excel.RequestContext);
  return { port: new OfficePort(run), added };
}

function withExcelApi(version: number): void {
  (globalThis as { Office?: unknown }).Office = {
    context: { requirements: { isSetSupported: (_: string, v: string) => Number(v) <= version } },
  };
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe("OfficePort print set-up", () => {
  it("sets A4 landscape, two pages wide and the repeated titles with ExcelApi 1.9", async () => {
    withExcelApi(1.9);
    const { port, added } = fakeExcel();
    await port.addSheet("Dashboard", { print: { pagesWide: 2, titleRows: "8:8", titleColumns: "A:A" } });
    expect(added.get("Dashboard")?.pageLayout).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 2, verticalFitToPages: 0 },
      titleRows: "$8:$8",
      titleColumns: "$A:$A",
    });
    await port.addSheet("Programme");
    expect(added.get("Programme")?.pageLayout).toMatchObject({
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    expect(added.get("Programme")?.pageLayout.titleRows).toBeUndefined();
  });

  it("adds the sheet with Excel's default set-up before ExcelApi 1.9", async () => {
    withExcelApi(1.8);
    const { port, added } = fakeExcel();
    await port.addSheet("Dashboard", { print: { pagesWide: 2, titleRows: "8:8", titleColumns: "A:A" } });
    expect(added.get("Dashboard")?.pageLayout.zoom).toBeUndefined();
    expect(added.get("Dashboard")?.pageLayout.titleRows).toBeUndefined();
  });

  it("applies a layout's declared set-up as the ExcelJS adapter does (Programme, Risk)", async () => {
    withExcelApi(1.9);
    const model = proposalRiskModel(parseProposal(readExample("cfs-targeted-prevention.json")));
    const layouts = [
      programmeSheetLayout(programmeConfig()),
      riskSheetLayout(simulate([model], { iterations: 20, seed: 1 })),
    ];
    const { port, added } = fakeExcel();
    const wb = new ExcelJS.Workbook();
    for (const layout of layouts) {
      const options = layout.print ? { print: layout.print } : undefined;
      await port.addSheet(layout.sheet, options);
      await new ExcelJsPort(wb).addSheet(layout.sheet, options);
      const office = added.get(layout.sheet)!.pageLayout;
      const excelJs = wb.getWorksheet(layout.sheet)!.pageSetup;
      const absolute = (range?: string) => (range ? `$${range.replace(":", ":$")}` : undefined);
      expect([layout.sheet, office.zoom, office.titleRows, office.titleColumns]).toEqual([
        layout.sheet,
        { horizontalFitToPages: excelJs.fitToWidth, verticalFitToPages: excelJs.fitToHeight },
        absolute(excelJs.printTitlesRow),
        absolute(excelJs.printTitlesColumn),
      ]);
    }
  });
});

/** A sheet's manual row breaks as Office.js holds them: each the row (1-based) its page starts at. */
function fakeBreaks(rows: number[]): { port: OfficePort; rows: number[] } {
  const state = { rows: [...rows] };
  const item = (row: number) => ({
    getCellAfterBreak: () => ({ load: () => ({ rowIndex: row - 1 }) }),
    delete: () => {
      state.rows = state.rows.filter((r) => r !== row);
    },
  });
  const breaks = {
    items: [] as ReturnType<typeof item>[],
    load() {
      this.items = state.rows.map(item);
    },
    add(address: string) {
      state.rows.push(Number(/\d+$/.exec(address)?.[0]));
    },
  };
  const context = {
    workbook: { worksheets: { getItem: () => ({ horizontalPageBreaks: breaks }) } },
    sync: async () => undefined,
  };
  const run = async <T>(batch: (c: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(context as unknown as Excel.RequestContext);
  return {
    port: new OfficePort(run),
    get rows() {
      return [...state.rows].sort((a, b) => a - b);
    },
  };
}

describe("OfficePort page breaks", () => {
  it("removes only the breaks it is told to and adds a break above each row asked, keeping the others (ExcelApi 1.9)", async () => {
    withExcelApi(1.9);
    const excel = fakeBreaks([12, 20, 30, 90]);
    // 12 was the product's; 20 the user's inside the sheet's rows; 30 both the product's old and new.
    await excel.port.setRowBreaks("Risk", [30, 41], [12, 30]);
    expect(excel.rows).toEqual([20, 30, 41, 90]);
  });

  it("changes nothing before ExcelApi 1.9", async () => {
    withExcelApi(1.8);
    const excel = fakeBreaks([12]);
    await excel.port.setRowBreaks("Risk", [41], [12]);
    expect(excel.rows).toEqual([12]);
  });
});
