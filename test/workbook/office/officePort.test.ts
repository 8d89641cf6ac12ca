import { OfficeMockObject } from "office-addin-mock";
import type * as ExcelJS from "exceljs";
import { proposalSheetLayout, type ProposalSheetLayout } from "../../../src/workbook/layouts/proposalSheet";
import { OfficePort, columnWidthPoints, plainRectangle } from "../../../src/workbook/office/officePort";
import { atomically } from "../../../src/workbook/journal";
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

  it("refuses a NaN or Infinity figure before any call to Excel, naming the cell", async () => {
    let batches = 0;
    const port = new OfficePort(async () => {
      batches++;
      throw new Error("no batch should run");
    });
    for (const bad of [NaN, Infinity])
      await expect(
        port.writeCells("CFS Targeted Prevention", [
          { address: "D7", value: 42 },
          { address: "C5", value: bad },
        ]),
      ).rejects.toMatchObject({
        code: "not-finite",
        message: expect.stringContaining("'CFS Targeted Prevention'!C5"),
      });
    expect(batches).toBe(0);
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

  // Excel moves the manual page breaks under inserted whole rows itself (as on the user's Insert), which the
  // ExcelJS port does by hand: the Programme rows `new` inserts take the user's breaks below them down.
  it("inserts and deletes whole rows, so Excel moves the page breaks below them as on the user's Insert", async () => {
    const calls: string[] = [];
    const rows = () => ({
      "10:11": {
        insert: (shift: string) => void calls.push(`insert 10:11 ${shift}`),
        delete: (shift: string) => void calls.push(`delete 10:11 ${shift}`),
      },
    });
    await mockExcel(rows()).port.insertRows("Programme", 10, 2);
    await mockExcel(rows()).port.deleteRows("Programme", 10, 2);
    expect(calls).toEqual(["insert 10:11 Down", "delete 10:11 Up"]);
  });

  it("undoes a write whose sync fails after Excel applied part of its batch, and says so once", async () => {
    const { mock } = mockExcel();
    const r = mock.context.ranges;
    const sheetStub = { getRange: (a: string) => r[a] };
    const sync = mock.context.sync.bind(mock.context);
    let syncs = 0;
    // The 4th sync is the second write's: its cells are already set (as Excel applies what came before the
    // failing operation) when it fails.
    mock.context.sync = async () => {
      if (++syncs === 4) throw new Error("GeneralException: the request failed");
      return sync();
    };
    const port = new OfficePort(async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => {
      mock.context.workbook.worksheets.sheet = sheetStub; // the mock's sync replaces the stub
      return batch(mock.context as Excel.RequestContext);
    });
    const sheet = "CFS Targeted Prevention";
    const write = atomically(port, async (p) => {
      await p.writeCells(sheet, [{ address: "B3", value: "Renamed" }]);
      await p.writeCells(sheet, [
        { address: "C5", value: 0, formula: "1+1" },
        { address: "D7", value: "typed" },
      ]);
    });
    await expect(write).rejects.toMatchObject({
      code: "write-failed",
      message:
        "The workbook could not be written (GeneralException: the request failed); nothing was changed.",
    });
    expect([r.B3.formulas, r.C5.formulas, r.D7.formulas]).toEqual([
      [["'CFS Targeted Prevention"]],
      [["=D5-E5-F5"]],
      [[""]],
    ]);
  });

  it("puts cell formats back (ExcelApi 1.9), a cell with no fill to no fill rather than white", async () => {
    const log: unknown[] = [];
    const range = {
      values: [["x", 2]],
      formulas: [["x", "=1+1"]],
      numberFormat: [["General", "0.0"]],
      load() {
        return range;
      },
      getCellProperties: () => ({
        value: [
          [
            { format: { fill: { color: "#FFFFFF" }, font: { bold: true } } },
            { format: { fill: { color: "#DDEBF7" } } },
          ],
        ],
      }),
      setCellProperties: (p: unknown) => log.push(["set", p]),
      getCell: (r: number, c: number) => ({ format: { fill: { clear: () => log.push(["clear", r, c]) } } }),
    };
    const context = {
      workbook: { worksheets: { getItem: () => ({ getRange: () => range }) } },
      sync: async () => undefined,
    };
    const saved = (globalThis as any).Office;
    (globalThis as any).Office = { context: { requirements: { isSetSupported: () => true } } };
    try {
      const port = new OfficePort(async (batch) => batch(context as unknown as Excel.RequestContext));
      const snapshot = await port.snapshotCells("S", ["A1:B1"]);
      await port.restoreCells(snapshot);
    } finally {
      (globalThis as any).Office = saved;
    }
    expect(range.formulas).toEqual([["'x", "=1+1"]]);
    expect(log).toEqual([
      ["set", [[{ format: { font: { bold: true } } }, { format: { fill: { color: "#DDEBF7" } } }]]],
      ["clear", 0, 0],
    ]);
  });

  it("puts back what a snapshot recorded: formulas as formulas, text as text (even '007'), number formats", async () => {
    const { mock, port } = mockExcel({
      E9: { values: [["007"]], formulas: [["007"]], numberFormat: [["@"]] },
    });
    const sheet = "CFS Targeted Prevention";
    const snapshot = await port.snapshotCells(sheet, ["B3", "C5", "D7", "E9"]);
    // Typed over since (the mock's write path is covered above); the mock's sync replaced the sheet stub.
    const r = mock.context.ranges;
    mock.context.workbook.worksheets.sheet = { getRange: (a: string) => r[a] };
    Object.assign(r.B3, { formulas: [[1]], numberFormat: [["0.0"]] });
    Object.assign(r.C5, { formulas: [["typed over"]] });
    Object.assign(r.D7, { formulas: [["=1+2"]] });
    Object.assign(r.E9, { formulas: [[7]], numberFormat: [["0"]] });
    await port.restoreCells(snapshot);
    expect([r.B3.formulas, r.C5.formulas, r.D7.formulas, r.E9.formulas]).toEqual([
      [["'CFS Targeted Prevention"]],
      [["=D5-E5-F5"]],
      [[""]],
      [["'007"]],
    ]);
    expect([r.B3.numberFormat, r.E9.numberFormat]).toEqual([[[""]], [["@"]]]);
  });

  it("snapshots and restores a large write in row runs, at most 500 ranges a sync (Excel for the web's limits)", async () => {
    const asked: string[] = [];
    let queued = 0;
    let most = 0;
    const syncs: number[] = [];
    const range = (address: string) => {
      asked.push(address);
      queued++;
      const [from, to = from] = address.split(":");
      const width = to.charCodeAt(0) - from.charCodeAt(0) + 1;
      const row = () => [Array.from({ length: width }, () => "")];
      const r = { values: row(), formulas: row(), numberFormat: row(), load: () => r };
      return r;
    };
    const context = {
      workbook: { worksheets: { getItem: () => ({ getRange: range }) } },
      sync: async () => {
        syncs.push(queued);
        most = Math.max(most, queued);
        queued = 0;
      },
    };
    const port = new OfficePort(async (batch) => batch(context as unknown as Excel.RequestContext));
    // 1,200 rows of three adjacent cells each (as a refresh writes a profile), plus a block given as a range.
    const addresses = Array.from({ length: 1200 }, (_, i) =>
      ["A", "B", "C"].map((c) => `${c}${i + 1}`),
    ).flat();
    const snapshot = await port.snapshotCells("S", [...addresses, "E1:F2"]);
    expect(snapshot.ranges.slice(0, 4)).toEqual(["A1:C1", "E1:F1", "A2:C2", "E2:F2"]);
    expect(snapshot.ranges.length).toBe(1202);
    expect(syncs).toEqual([500, 500, 202]);
    asked.length = 0;
    syncs.length = 0;
    await port.restoreCells(snapshot);
    expect(asked).toEqual(snapshot.ranges);
    expect(syncs).toEqual([500, 500, 202]);
    expect(most).toBe(500);
  });

  it("reads the merged cells whose top-left cell lies in the ranges, in the sheet's own addresses", async () => {
    const merged: Record<string, string[]> = { "A1:I1": ["'My sheet'!$A$1:$C$1"], "A5:I5": [] };
    const context = {
      workbook: {
        worksheets: {
          getItem: () => ({
            getRange: (a: string) => ({
              getMergedAreasOrNullObject: () => {
                const areas = {
                  isNullObject: merged[a].length === 0,
                  areas: { items: merged[a].map((address) => ({ address })) },
                  load: () => areas,
                };
                return areas;
              },
            }),
          }),
        },
      },
      sync: async () => undefined,
    };
    const saved = (globalThis as any).Office;
    const port = new OfficePort(async (batch) => batch(context as unknown as Excel.RequestContext));
    try {
      (globalThis as any).Office = { context: { requirements: { isSetSupported: () => true } } };
      expect(await port.readMerges("My sheet", ["A1:I1", "A5:I5"])).toEqual(["A1:C1"]);
      // Before ExcelApi 1.13 there is no reader: nothing to merge again.
      (globalThis as any).Office = { context: { requirements: { isSetSupported: () => false } } };
      expect(await port.readMerges("My sheet", ["A1:I1"])).toEqual([]);
    } finally {
      (globalThis as any).Office = saved;
    }
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

/**
 * A hand-made Excel context for calls the mock above cannot express (null objects, collections): it logs
 * every write, counts `context.sync()` calls, and like Excel makes a loaded property readable only after
 * the next sync.
 */
function fakeExcel(
  options: {
    /** Minor version of ExcelApi, 18 for 1.18. */
    apiVersion?: number;
    date1904?: boolean;
    names?: Record<string, string>;
    notes?: Record<string, string>;
    comments?: Record<string, string>;
    charts?: string[];
    cells?: Record<string, { value: unknown; numberFormat?: string }>;
  } = {},
) {
  const log: string[] = [];
  let syncs = 0;
  let pending: { ready: boolean }[] = [];
  /** An object whose fields can be read only after the next sync. */
  const later = <T extends object>(fields: T): T & { load: () => T } => {
    const state = { ready: false };
    pending.push(state);
    const target = { ...fields, load: () => proxy } as T & { load: () => T };
    const proxy = new Proxy(target, {
      get(t, k, r) {
        if (k !== "load" && k !== "delete" && k in fields && !state.ready)
          throw new Error(`${String(k)} read before context.sync()`);
        return Reflect.get(t, k, r);
      },
    });
    return proxy;
  };
  const minor = options.apiVersion ?? 18;
  (globalThis as any).Office = {
    context: { requirements: { isSetSupported: (_: string, v: string) => Number(v.split(".")[1]) <= minor } },
  };
  const names = new Map(
    Object.entries(options.names ?? {}).map(([k, v]) => [k.toLowerCase(), { name: k, formula: v }]),
  );
  const notes = new Map(Object.entries(options.notes ?? {}));
  const charts = new Set(options.charts ?? []);
  const range = (address: string) => {
    const cell = options.cells?.[address];
    const r = later({
      values: [[cell?.value ?? ""]],
      formulas: [[cell?.value ?? ""]],
      numberFormat: [[cell?.numberFormat ?? "General"]],
    });
    return Object.assign(r, {
      address,
      format: {
        set columnWidth(w: number) {
          log.push(`columnWidth ${address} ${w}`);
        },
      },
    });
  };
  const ws = {
    getRange: range,
    notes: {
      getItemOrNullObject: (a: string) => {
        const n = later({ isNullObject: !notes.has(a), content: notes.get(a) });
        return new Proxy(n, {
          set(_t, k, v) {
            log.push(`note ${a} = ${String(v)}`);
            return true;
          },
        });
      },
      add: (r: { address: string }, text: string) => void log.push(`notes.add ${r.address} ${text}`),
    },
    charts: {
      getItemOrNullObject: (name: string) =>
        Object.assign(later({ isNullObject: !charts.has(name) }), {
          delete: () => {
            log.push(`chart.delete ${name}`);
            charts.delete(name);
          },
        }),
      add: (type: string, r: { address: string }) => {
        log.push(`charts.add ${type} ${r.address}`);
        /** An axis that logs what the port sets on it. */
        const axis = (which: string) =>
          new Proxy({} as Record<string, unknown>, {
            set: (_t, k, v) => {
              log.push(`${which}.${String(k)} ${String(v)}`);
              return true;
            },
          });
        const chart = {
          title: {},
          axes: { categoryAxis: axis("categoryAxis"), valueAxis: axis("valueAxis") },
          setPosition: (from: string, to: string) => void log.push(`chart.position ${from}:${to}`),
          // One series per column after the categories, logging what the port sets on each.
          series: {
            load: () => undefined,
            // A bar chart's range is its series; a combo's starts with its categories.
            items: Array.from(
              { length: rangeColumns(r.address) - (type === "BarClustered" ? 0 : 1) },
              (_, i) =>
                new Proxy(
                  {
                    setXAxisValues: (x: { address: string }) =>
                      void log.push(`series${i}.setXAxisValues ${x.address}`),
                  } as Record<string, unknown>,
                  {
                    set: (t, k, v) => {
                      log.push(`series${i}.${String(k)} ${String(v)}`);
                      t[String(k)] = v;
                      return true;
                    },
                  },
                ),
            ),
          },
          set name(n: string) {
            log.push(`chart.name ${n}`);
            charts.add(n);
          },
        };
        return chart;
      },
    },
  };
  const commentItems = Object.entries(options.comments ?? {}).map(
    ([address, content]) =>
      new Proxy(
        { content, getLocation: () => later({ address }) },
        {
          set(_t, k, v) {
            log.push(`comment ${address} = ${String(v)}`);
            return true;
          },
        },
      ),
  );
  const context = {
    sync: async () => {
      syncs++;
      for (const p of pending) p.ready = true;
      pending = [];
    },
    workbook: {
      worksheets: { getItem: () => ws },
      functions: { date: () => later({ value: options.date1904 ? 35_064 : 36_526 }) },
      names: {
        items: [...names.values()],
        load: () => undefined,
        getItemOrNullObject: (n: string) => later({ isNullObject: !names.has(n.toLowerCase()) }),
        add: (n: string) => void log.push(`names.add ${n}`),
      },
      comments: {
        items: commentItems,
        load: () => undefined,
        add: (a: string, text: string) => void log.push(`comments.add ${a} ${text}`),
      },
    },
  };
  const run = async <T>(batch: (c: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(context as unknown as Excel.RequestContext);
  return { port: new OfficePort(run), log, syncs: () => syncs, charts };
}

describe("OfficePort notes", () => {
  afterEach(() => delete (globalThis as any).Office);

  it("uses plain cell notes (what the CLI writes) with ExcelApi 1.18, all in one batch", async () => {
    const { port, log } = fakeExcel({ notes: { B7: "old" } });
    expect(await port.readNotes("CFS", ["B7", "C7"])).toEqual(["old", null]);
    await port.setNotes("CFS", [
      { address: "B7", text: "kept" },
      { address: "C7", text: "new" },
      { address: "D7", text: "new too" },
    ]);
    expect(log).toEqual(["note B7 = kept", "notes.add C7 new", "notes.add D7 new too"]);
    // A fixed number of round trips, however many notes: not one batch per note.
    const roundTrips = async (count: number): Promise<number> => {
      const fake = fakeExcel();
      const notes = Array.from({ length: count }, (_, i) => ({ address: `B${i + 1}`, text: "n" }));
      await fake.port.setNotes("CFS", notes);
      return fake.syncs();
    };
    expect(await roundTrips(30)).toBe(await roundTrips(2));
  });

  it("still reads and updates a threaded comment an earlier version left on a cell without a note", async () => {
    const { port, log } = fakeExcel({ notes: { B7: "note" }, comments: { "CFS!C7": "comment" } });
    expect(await port.readNotes("CFS", ["B7", "C7", "D7"])).toEqual(["note", "comment", null]);
    await port.setNotes("CFS", [
      { address: "B7", text: "1" },
      { address: "C7", text: "2" },
      { address: "D7", text: "3" },
    ]);
    expect(log).toEqual(["note B7 = 1", "comment CFS!C7 = 2", "notes.add D7 3"]);
  });

  it("falls back to threaded comments before ExcelApi 1.18", async () => {
    const { port, log } = fakeExcel({ apiVersion: 17, comments: { "'CFS'!B7": "old" } });
    expect(await port.readNotes("CFS", ["B7", "C7"])).toEqual(["old", null]);
    await port.setNote("CFS", "C7", "new");
    expect(log).toEqual(["comments.add CFS!C7 new"]);
  });
});

describe("OfficePort names", () => {
  afterEach(() => delete (globalThis as any).Office);

  it("defines no name at all when one of them exists (Excel would throw after adding the others)", async () => {
    const { port, log } = fakeExcel({ names: { MTFS_X_durationWeeks: "='X'!$B$49" } });
    await expect(
      port.defineNames([
        { name: "mtfs_X_lever", sheet: "X", address: "B48" },
        { name: "mtfs_X_durationWeeks", sheet: "X", address: "B49" },
      ]),
    ).rejects.toMatchObject({ code: "name-exists" });
    expect(log).toEqual([]);
    await port.defineNames([{ name: "mtfs_X_lever", sheet: "X", address: "B48" }]);
    expect(log).toEqual(["names.add mtfs_X_lever"]);
  });

  it("lists names whose cells were deleted, pointing nowhere, so a new name cannot clash with them", async () => {
    const { port } = fakeExcel({
      names: { mtfs_X_lever: "='X'!$B$48", mtfs_Y_lever: "=#REF!$B$48", mtfs_Z_lever: "=#REF!" },
    });
    expect(await port.listNames()).toEqual([
      { name: "mtfs_X_lever", sheet: "X", address: "B48" },
      { name: "mtfs_Y_lever", sheet: "", address: "=#REF!$B$48" },
      { name: "mtfs_Z_lever", sheet: "", address: "=#REF!" },
    ]);
  });
});

describe("OfficePort layout", () => {
  afterEach(() => delete (globalThis as any).Office);

  it("converts column widths in characters to points as Excel does (7 px a digit, ¾ pt a pixel)", async () => {
    // Excel shows an ExcelJS width of 18 as 126 px, 14 as 98 px and 44 as 308 px.
    expect([18, 14, 44].map(columnWidthPoints)).toEqual([94.5, 73.5, 231]);
    const { port, log } = fakeExcel();
    await port.setColumnWidths("CFS", [{ column: "B", width: 18 }]);
    expect(log).toEqual(["columnWidth B:B 94.5"]);
  });

  it("replaces the profile chart it drew before, so after a re-layout it reads the new rows", async () => {
    const spec = {
      sheet: "CFS",
      title: "Benefits profile (£)",
      categories: "A40:A45",
      bars: { name: "In-year", values: "B40:B45" },
      line: { name: "Cumulative", values: "C40:C45" },
      from: "L38",
      to: "S54",
    };
    const { port, log } = fakeExcel({ charts: ["Benefits profile (£)"] });
    await port.addComboChart(spec);
    expect(log.slice(0, 3)).toEqual([
      "chart.delete Benefits profile (£)",
      "charts.add ColumnClustered A40:C45",
      "chart.name Benefits profile (£)",
    ]);
  });

  it("replaces a chart by its name, so a Risk sheet re-run with another first proposal leaves one chart", async () => {
    const { port, charts } = fakeExcel();
    const fan = (first: string) => ({
      sheet: "Risk",
      name: "MTFS risk fan chart",
      title: `${first}: MTFS row, planned and P10 / P50 / P90`,
      categories: "A5:A10",
      bars: { name: "Planned", values: "B5:B10" },
      line: { name: "P50", values: "C5:C10" },
      from: "H4",
      to: "P24",
    });
    await port.addComboChart(fan("Programme"));
    await port.addComboChart(fan("CFS Targeted Prevention"));
    expect([...charts]).toEqual(["MTFS risk fan chart"]);
  });

  it("also removes a chart an earlier version named by its title", async () => {
    const { port, charts } = fakeExcel({ charts: ["Benefits profile (£m)"] });
    await port.addComboChart({
      sheet: "CFS",
      name: "MTFS benefits profile",
      title: "Benefits profile (£m)",
      categories: "A40:A45",
      bars: { name: "In-year", values: "B40:B45" },
      line: { name: "Cumulative", values: "C40:C45" },
      from: "L38",
      to: "S54",
    });
    expect([...charts]).toEqual(["MTFS benefits profile"]);
  });

  it("draws a tornado as overlapping horizontal bars over the inputs, largest swing at the top", async () => {
    const { port, log, charts } = fakeExcel({ charts: ["MTFS tornado"] });
    await port.addBarChart({
      sheet: "CFS",
      name: "MTFS tornado",
      title: "Sensitivity of the quantified opportunity",
      categories: "A80:A90",
      series: [
        { name: "Input at its low", values: "G80:G90" },
        { name: "Input at its high", values: "H80:H90" },
      ],
      from: "K78",
      to: "R98",
    });
    expect(log).toEqual([
      "chart.delete MTFS tornado",
      "charts.add BarClustered G80:H90",
      "chart.name MTFS tornado",
      "chart.position K78:R98",
      "categoryAxis.reversePlotOrder true",
      "series0.name Input at its low",
      "series0.setXAxisValues A80:A90",
      "series0.overlap 100",
      "series1.name Input at its high",
      "series1.setXAxisValues A80:A90",
      "series1.overlap 100",
    ]);
    expect([...charts]).toEqual(["MTFS tornado"]);
  });

  it("draws further line series in the columns after the first line (the Demand sheet's two spend lines)", async () => {
    const { port, log } = fakeExcel();
    await port.addComboChart({
      sheet: "Demand",
      title: "Spend against budget",
      categories: "A5:A16",
      bars: { name: "Budget", values: "B5:B16" },
      line: { name: "Do-nothing spend", values: "C5:C16" },
      moreLines: [{ name: "With-impact spend", values: "D5:D16" }],
      from: "C18",
      to: "J38",
    });
    expect(log.filter((l) => l.startsWith("charts.add") || l.startsWith("series"))).toEqual([
      "charts.add ColumnClustered A5:D16",
      "series0.name Budget",
      "series1.name Do-nothing spend",
      "series1.chartType Line",
      "series2.name With-impact spend",
      "series2.chartType Line",
    ]);
  });
});

/** Columns a range like "A40:C45" spans. */
function rangeColumns(address: string): number {
  const [a, b = a] = address.split(":").map((x) => x.replace(/\d+$/, ""));
  const n = (c: string): number => [...c].reduce((v, ch) => v * 26 + ch.charCodeAt(0) - 64, 0);
  return n(b) - n(a) + 1;
}

describe("OfficePort dates", () => {
  afterEach(() => delete (globalThis as any).Office);

  it("reads a typed date in a 1904 workbook as the same day, not four years early", async () => {
    const cells = { B20: { value: 44_773, numberFormat: "dd/mm/yyyy" } };
    const { port } = fakeExcel({ date1904: true, cells });
    expect(await port.usesDate1904()).toBe(true);
    expect(await port.readCells("CFS", ["B20"])).toEqual([{ value: "2026-08-01" }]);
    const { port: port1900 } = fakeExcel({ cells: { B20: { value: 46_235, numberFormat: "dd/mm/yyyy" } } });
    expect(await port1900.usesDate1904()).toBe(false);
    expect(await port1900.readCells("CFS", ["B20"])).toEqual([{ value: "2026-08-01" }]);
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
