import { columnLetter, expandRange, parseAddress, rowRuns, sheetRef } from "../address";
import { isoDateToSerial, serialToIsoDate } from "../dates";
import { WorkbookError } from "../errors";
import { listErrorMessage, listSource } from "../listValidation";
import { isDateFormat } from "../numberFormat";
import { refuseNonFinite } from "../writeGuard";
import type {
  AddSheetOptions,
  CellContent,
  CellScalar,
  CellSnapshot,
  CellWrite,
  BarChartSpec,
  ComboChartSpec,
  DefinedName,
  ListValidation,
  SheetInfo,
  WorkbookPort,
} from "../port";

/**
 * WorkbookPort over Office.js, for the add-in's taskpane and refresh inside Excel. Each call is one
 * `Excel.run` batch with as few `context.sync()` round trips as the API allows. Formulas are written as
 * formulas (Excel computes their results itself); text is written with a leading apostrophe when it would
 * otherwise be read as a formula, so user text stays text.
 *
 * @example
 * const port = new OfficePort(); // in the taskpane, after Office.onReady
 * await port.readCells("CFS Targeted Prevention", ["B3"]);
 */
export class OfficePort implements WorkbookPort {
  private readonly run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

  /** `run` defaults to `Excel.run`; tests pass a fake. */
  constructor(run?: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>) {
    this.run = run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/visibility");
      await context.sync();
      return sheets.items.map((s) => ({ name: s.name, hidden: s.visibility !== "Visible" }));
    });
  }

  async addSheet(name: string, options?: AddSheetOptions): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.add(name);
      if (options?.hidden) ws.visibility = "Hidden";
      // Same print set-up as the ExcelJS adapter: A4 landscape, pages wide as asked, titles repeated (page
      // layout needs ExcelApi 1.9; an older Excel keeps its default set-up, and the sheet is written as ever).
      if (supports("1.9")) {
        const print = options?.print;
        ws.pageLayout.orientation = "Landscape";
        ws.pageLayout.paperSize = "A4";
        ws.pageLayout.zoom = { horizontalFitToPages: print?.pagesWide ?? 1, verticalFitToPages: 0 };
        if (print?.titleRows) ws.pageLayout.setPrintTitleRows(`$${print.titleRows.replace(":", ":$")}`);
        if (print?.titleColumns)
          ws.pageLayout.setPrintTitleColumns(`$${print.titleColumns.replace(":", ":$")}`);
      }
      await context.sync();
    });
  }

  async deleteSheet(name: string): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets.getItem(name).delete();
      await context.sync();
    });
  }

  async hideSheet(name: string): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets.getItem(name).visibility = "Hidden";
      await context.sync();
    });
  }

  async readCells(sheet: string, addresses: readonly string[]): Promise<readonly CellContent[]> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const ranges = addresses.map((a) => ws.getRange(a).load(["values", "formulas", "numberFormat"]));
      const dateSystem = probeDateSystem(context);
      await context.sync();
      const date1904 = dateSystem();
      // A date the user typed comes back as a serial number: give it back as the ISO text we wrote.
      return ranges.map((r) => {
        const v = r.values[0][0];
        const fmt = r.numberFormat?.[0]?.[0];
        const date = typeof v === "number" && typeof fmt === "string" && isDateFormat(fmt);
        return content(date ? (serialToIsoDate(v, date1904) ?? v) : v, r.formulas[0][0]);
      });
    });
  }

  async usesDate1904(): Promise<boolean> {
    return this.run(async (context) => {
      const dateSystem = probeDateSystem(context);
      await context.sync();
      return dateSystem();
    });
  }

  async readUsedRange(sheet: string): Promise<readonly (readonly CellContent[])[]> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const used = ws.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount");
      await context.sync();
      if (used.isNullObject) return [];
      const all = ws
        .getRangeByIndexes(0, 0, used.rowIndex + used.rowCount, used.columnIndex + used.columnCount)
        .load("values,formulas");
      await context.sync();
      return all.values.map((row, r) => row.map((v, c) => content(v, all.formulas[r][c])));
    });
  }

  async writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    refuseNonFinite(sheet, writes);
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const block = plainRectangle(writes);
      if (block) {
        // One range for a rectangle of plain values (the register): far fewer operations in the batch.
        ws.getRange(block.range).values = block.values;
        await context.sync();
        return;
      }
      for (const w of writes) {
        const range = ws.getRange(w.address);
        if (w.numberFormat !== undefined) range.numberFormat = [[w.numberFormat]];
        const serial = w.date && typeof w.value === "string" ? isoDateToSerial(w.value) : null;
        if (w.formula !== undefined) range.formulas = [[`=${w.formula}`]];
        else if (serial !== null) {
          // A date as Excel stores a typed one: its serial, in a date format.
          if (w.numberFormat === undefined) range.numberFormat = [["yyyy-mm-dd"]];
          range.values = [[serial]];
        } else range.values = [[literal(w.value)]];
        if (w.link !== undefined) {
          range.hyperlink = { documentReference: w.link, textToDisplay: String(w.value ?? "") };
        }
        const s = w.style;
        if (s) {
          if (s.bold !== undefined) range.format.font.bold = s.bold;
          if (s.italic !== undefined) range.format.font.italic = s.italic;
          if (s.fontSize !== undefined) range.format.font.size = s.fontSize;
          if (s.fontColor !== undefined) range.format.font.color = `#${s.fontColor}`;
          if (s.fill !== undefined) range.format.fill.color = `#${s.fill}`;
          if (s.wrap !== undefined) {
            range.format.wrapText = s.wrap;
            range.format.verticalAlignment = "Top";
          }
          if (s.alignTop) range.format.verticalAlignment = "Top";
          if (s.border) {
            for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const) {
              const b = range.format.borders.getItem(edge);
              b.style = "Continuous";
              b.color = "#BFBFBF";
            }
          }
        }
      }
      await context.sync();
    });
  }

  async insertRows(sheet: string, row: number, count: number): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets
        .getItem(sheet)
        .getRange(`${row}:${row + count - 1}`)
        .insert("Down");
      await context.sync();
    });
  }

  async deleteRows(sheet: string, row: number, count: number): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets
        .getItem(sheet)
        .getRange(`${row}:${row + count - 1}`)
        .delete("Up");
      await context.sync();
    });
  }

  async snapshotCells(sheet: string, ranges: readonly string[]): Promise<CellSnapshot> {
    // Row runs rather than a range per written cell, a few hundred to a sync: a large refresh's snapshot
    // stays within Excel for the web's request and response limits.
    const runs = rowRuns(ranges.flatMap(expandRange));
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const state: OfficeCells[] = [];
      for (const chunk of chunks(runs, RANGES_PER_SYNC)) {
        const loaded = chunk.map((a) => {
          const range = ws.getRange(a).load(["values", "formulas", "numberFormat"]);
          // Fonts, fills, borders, wrap and links in one call (ExcelApi 1.9); before it values and formats only.
          const properties = supports("1.9") ? range.getCellProperties(SNAPSHOT_PROPERTIES) : null;
          return { range, properties };
        });
        await context.sync();
        for (const { range, properties } of loaded)
          state.push({
            // A formula as a formula, text with the quote prefix (so "007" stays text), anything else as it was.
            inputs: range.formulas.map((row, r) =>
              row.map((f, c) => {
                const v = range.values[r][c] as unknown;
                if (typeof f === "string" && f.startsWith("=")) return f;
                return typeof v === "string" || typeof v === "number" || typeof v === "boolean"
                  ? literal(v)
                  : "";
              }),
            ),
            numberFormat: range.numberFormat,
            properties: properties?.value ?? null,
          });
      }
      return { sheet, ranges: runs, state };
    });
  }

  async restoreCells(snapshot: CellSnapshot): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(snapshot.sheet);
      const state = snapshot.state as readonly OfficeCells[];
      const indexed = snapshot.ranges.map((address, i) => ({ address, cells: state[i] }));
      for (const chunk of chunks(indexed, RANGES_PER_SYNC)) {
        for (const { address, cells } of chunk) {
          const range = ws.getRange(address);
          range.numberFormat = cells.numberFormat;
          range.formulas = cells.inputs;
          const properties = cells.properties;
          if (!properties) continue;
          // No fill reads as white (office-js #6218): put such cells back to no fill rather than paint them white.
          const unfilled: [number, number][] = [];
          const kept = properties.map((row, r) =>
            row.map((p, c) => {
              if (p.format?.fill?.color?.toUpperCase() !== "#FFFFFF") return p;
              unfilled.push([r, c]);
              const { fill: _fill, ...format } = p.format;
              return { ...p, format };
            }),
          );
          range.setCellProperties(kept);
          for (const [r, c] of unfilled) range.getCell(r, c).format.fill.clear();
        }
        await context.sync();
      }
    });
  }

  async setColumnWidths(
    sheet: string,
    widths: readonly { readonly column: string; readonly width: number }[],
  ): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      // Widths are in characters (as ExcelJS writes them); Excel's columnWidth is in points.
      for (const w of widths) {
        ws.getRange(`${w.column}:${w.column}`).format.columnWidth = columnWidthPoints(w.width);
      }
      await context.sync();
    });
  }

  async mergeCells(sheet: string, ranges: readonly string[]): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      // Excel merges over merged cells itself; unmerging first makes a repeated call a no-op.
      for (const range of ranges) {
        const r = ws.getRange(range);
        r.unmerge();
        r.merge(false);
      }
      await context.sync();
    });
  }

  async unmergeCells(sheet: string, ranges: readonly string[]): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      for (const range of ranges) ws.getRange(range).unmerge();
      await context.sync();
    });
  }

  async readMerges(sheet: string, ranges: readonly string[]): Promise<readonly string[]> {
    // Range.getMergedAreasOrNullObject is ExcelApi 1.13; before it a split merge is not put back.
    if (!supports("1.13") || ranges.length === 0) return [];
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const found = new Set<string>();
      for (const chunk of chunks(ranges, RANGES_PER_SYNC)) {
        const areas = chunk.map((a) =>
          ws.getRange(a).getMergedAreasOrNullObject().load("areas/items/address"),
        );
        await context.sync();
        for (const a of areas) {
          if (a.isNullObject) continue;
          // "'My sheet'!$B$4:$H$4": the address on the sheet.
          for (const r of a.areas.items)
            found.add(r.address.slice(r.address.lastIndexOf("!") + 1).replace(/\$/g, ""));
        }
      }
      return [...found];
    });
  }

  async clearRanges(sheet: string, ranges: readonly string[]): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      for (const range of ranges) ws.getRange(range).clear("All");
      await context.sync();
    });
  }

  async setRowHeights(
    sheet: string,
    heights: readonly { readonly row: number; readonly height: number }[],
  ): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      for (const h of heights) ws.getRange(`${h.row}:${h.row}`).format.rowHeight = h.height;
      await context.sync();
    });
  }

  async setRowBreaks(sheet: string, add: readonly number[], remove: readonly number[]): Promise<void> {
    // Manual page breaks are ExcelApi 1.9; an older Excel paginates the sheet itself.
    if (!supports("1.9")) return;
    await this.run(async (context) => {
      const breaks = context.workbook.worksheets.getItem(sheet).horizontalPageBreaks;
      breaks.load("items");
      await context.sync();
      const after = breaks.items.map((b) => ({ brk: b, cell: b.getCellAfterBreak().load("rowIndex") }));
      await context.sync();
      const wanted = new Set(add.filter((r) => r > 1));
      const gone = new Set(remove);
      for (const { brk, cell } of after) {
        const row = cell.rowIndex + 1;
        if (wanted.has(row)) wanted.delete(row);
        else if (gone.has(row)) brk.delete();
      }
      for (const row of wanted) breaks.add(`A${row}`);
      await context.sync();
    });
  }

  async listNames(): Promise<readonly DefinedName[]> {
    return this.run(async (context) => {
      const names = context.workbook.names;
      names.load("items/name,items/formula");
      await context.sync();
      return names.items.map((n) => {
        const m = /^=?(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(
          n.formula,
        );
        // A name whose cells were deleted (=#REF!$B$49) still holds its name: list it, pointing nowhere.
        if (!m || m[2] === "#REF") return { name: n.name, sheet: "", address: n.formula };
        const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
        const address = `${m[3]}${m[4]}${m[5] ? `:${m[5]}${m[6]}` : ""}`;
        return { name: n.name, sheet, address };
      });
    });
  }

  async defineNames(names: readonly DefinedName[]): Promise<void> {
    await this.run(async (context) => {
      // names.add throws on the first existing name, after the earlier ones were added: check them all first.
      const existing = names.map((n) => context.workbook.names.getItemOrNullObject(n.name));
      await context.sync();
      const seen = new Set<string>();
      names.forEach((n, i) => {
        const key = n.name.toLowerCase();
        if (!existing[i].isNullObject || seen.has(key)) {
          throw new WorkbookError("name-exists", `the workbook already has a defined name "${n.name}"`);
        }
        seen.add(key);
      });
      for (const n of names) {
        context.workbook.names.add(n.name, context.workbook.worksheets.getItem(n.sheet).getRange(n.address));
      }
      await context.sync();
    });
  }

  async deleteNames(names: readonly string[]): Promise<void> {
    await this.run(async (context) => {
      const items = names.map((n) => context.workbook.names.getItemOrNullObject(n));
      await context.sync();
      for (const item of items) if (!item.isNullObject) item.delete();
      await context.sync();
    });
  }

  async readNotes(sheet: string, addresses: readonly string[]): Promise<readonly (string | null)[]> {
    return this.run(async (context) => {
      if (supports("1.18")) {
        // Plain notes, as the ExcelJS adapter writes them: a refresh in Excel sees what the CLI wrote.
        const ws = context.workbook.worksheets.getItem(sheet);
        const notes = addresses.map((a) => ws.notes.getItemOrNullObject(a).load("content"));
        await context.sync();
        // Earlier versions wrote threaded comments: still read one where a cell has no note.
        const comments = notes.some((n) => n.isNullObject)
          ? await commentsOn(context, sheet)
          : new Map<string, Excel.Comment>();
        return notes.map((n, i) =>
          n.isNullObject ? (comments.get(addresses[i])?.content ?? null) : n.content,
        );
      }
      const byAddress = await commentsOn(context, sheet);
      return addresses.map((a) => byAddress.get(a)?.content ?? null);
    });
  }

  async setNote(sheet: string, address: string, text: string): Promise<void> {
    await this.setNotes(sheet, [{ address, text }]);
  }

  async setNotes(
    sheet: string,
    notes: readonly { readonly address: string; readonly text: string }[],
  ): Promise<void> {
    if (!notes.length) return;
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      if (supports("1.18")) {
        const existing = notes.map((n) => ws.notes.getItemOrNullObject(n.address));
        await context.sync();
        // A cell cannot hold a note beside a threaded comment (which earlier versions wrote): update that.
        const comments = existing.some((n) => n.isNullObject)
          ? await commentsOn(context, sheet)
          : new Map<string, Excel.Comment>();
        notes.forEach((n, i) => {
          const comment = comments.get(n.address);
          if (!existing[i].isNullObject) existing[i].content = n.text;
          else if (comment) comment.content = n.text;
          else ws.notes.add(ws.getRange(n.address), n.text);
        });
      } else {
        // Before ExcelApi 1.18 there is no notes API: threaded comments are the nearest thing.
        const byAddress = await commentsOn(context, sheet);
        for (const n of notes) {
          const comment = byAddress.get(n.address);
          if (comment) comment.content = n.text;
          else context.workbook.comments.add(`${sheetRef(sheet)}!${n.address}`, n.text);
        }
      }
      await context.sync();
    });
  }

  async deleteNote(sheet: string, address: string): Promise<void> {
    await this.run(async (context) => {
      if (supports("1.18")) {
        const note = context.workbook.worksheets.getItem(sheet).notes.getItemOrNullObject(address);
        await context.sync();
        if (!note.isNullObject) {
          note.delete();
          await context.sync();
          return;
        }
      }
      // A threaded comment, as earlier versions (or Excel before ExcelApi 1.18) wrote it.
      (await commentsOn(context, sheet)).get(address)?.delete();
      await context.sync();
    });
  }

  async setListValidations(sheet: string, validations: readonly ListValidation[]): Promise<void> {
    // Data validation needs ExcelApi 1.8; without it the cells simply have no dropdown.
    if (typeof Office !== "undefined" && !Office.context?.requirements?.isSetSupported("ExcelApi", "1.8"))
      return;
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      for (const v of validations) {
        const dv = ws.getRange(v.address).dataValidation;
        // A rule can only be set on a range without one.
        dv.clear();
        if (v.choices.length === 0) continue;
        dv.ignoreBlanks = true;
        dv.rule = { list: { inCellDropDown: true, source: listSource(v) } };
        dv.errorAlert = {
          showAlert: true,
          style: "Stop",
          title: "MTFS Benefits",
          message: listErrorMessage(v),
        };
      }
      await context.sync();
    });
  }

  async addComboChart(spec: ComboChartSpec): Promise<boolean> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(spec.sheet);
      const name = spec.name ?? spec.title;
      await replaceChart(context, ws, name, spec.title);
      // Categories, bars and the lines are adjacent columns (the profile table, the Demand sheet): one source range.
      const from = spec.categories.split(":")[0];
      const lines = [spec.line, ...(spec.moreLines ?? [])];
      const to = lines[lines.length - 1].values.split(":")[1];
      const chart = ws.charts.add("ColumnClustered", ws.getRange(`${from}:${to}`), "Columns");
      chart.name = name;
      chart.title.text = spec.title;
      chart.setPosition(spec.from, spec.to);
      // ChartAxis.numberFormat is ExcelApi 1.8; without it the axis follows the cells' £m format.
      if (spec.valueFormat && supports("1.8")) chart.axes.valueAxis.numberFormat = spec.valueFormat;
      const series = chart.series;
      series.load("items");
      await context.sync();
      if (series.items.length >= 1 + lines.length) {
        series.items[0].name = spec.bars.name;
        lines.forEach((line, i) => {
          series.items[i + 1].name = line.name;
          series.items[i + 1].chartType = "Line";
        });
      }
      await context.sync();
      return true;
    });
  }

  async addBarChart(spec: BarChartSpec): Promise<boolean> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(spec.sheet);
      await replaceChart(context, ws, spec.name, spec.title);
      // The series are adjacent columns; the categories (the inputs' captions) are set on them (ExcelApi 1.7).
      const from = spec.series[0].values.split(":")[0];
      const to = spec.series[spec.series.length - 1].values.split(":")[1];
      const chart = ws.charts.add("BarClustered", ws.getRange(`${from}:${to}`), "Columns");
      chart.name = spec.name;
      chart.title.text = spec.title;
      chart.setPosition(spec.from, spec.to);
      if (supports("1.7")) chart.axes.categoryAxis.reversePlotOrder = true; // largest swing at the top
      if (spec.valueFormat && supports("1.8")) chart.axes.valueAxis.numberFormat = spec.valueFormat;
      const series = chart.series;
      series.load("items");
      await context.sync();
      series.items.forEach((item, i) => {
        const s = spec.series[i];
        if (s === undefined) return;
        item.name = s.name;
        if (supports("1.7")) item.setXAxisValues(ws.getRange(spec.categories));
        // Low and high bars of an input on one line, about the base (ChartSeries.overlap is ExcelApi 1.8).
        if (supports("1.8")) item.overlap = 100;
      });
      await context.sync();
      return true;
    });
  }
}

/** What snapshotCells keeps of one range: its inputs as a user would type them, formats and properties. */
interface OfficeCells {
  readonly inputs: (string | number | boolean)[][];
  readonly numberFormat: unknown[][];
  readonly properties: Excel.SettableCellProperties[][] | null;
}

/** The cell properties a write can change (CellStyle, links), as getCellProperties loads them. */
const SNAPSHOT_PROPERTIES: Excel.CellPropertiesLoadOptions = {
  format: {
    font: { bold: true, italic: true, color: true, size: true, name: true },
    fill: { color: true },
    wrapText: true,
    verticalAlignment: true,
    borders: { color: true, style: true, weight: true },
  },
  hyperlink: true,
};

/**
 * Deletes the chart named `name` on the sheet, and one named by `title` (charts drawn before charts had an
 * identity were named by their title), so a redraw leaves one chart.
 */
async function replaceChart(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  name: string,
  title: string,
): Promise<void> {
  const olds = [...new Set([name, title])].map((n) => ws.charts.getItemOrNullObject(n));
  await context.sync();
  for (const old of olds) if (!old.isNullObject) old.delete();
}

/** Ranges in one `context.sync()` of a snapshot, restore or merge read (Excel for the web limits a request's size). */
const RANGES_PER_SYNC = 500;

/** `items` in consecutive slices of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Whether the running Excel has ExcelApi `version` (false outside Office, as in tests without a host). */
function supports(version: string): boolean {
  return (
    typeof Office !== "undefined" &&
    Office.context?.requirements?.isSetSupported("ExcelApi", version) === true
  );
}

/** DATE(2000,1,1): 36526 in the 1900 date system, 1462 fewer in the 1904 one. */
const PROBE_SERIAL_1900 = 36_526;

/**
 * Queues a probe of the workbook's date system (Office.js has no property for it, but the worksheet
 * function DATE counts in the workbook's system); call the result after the next `context.sync()`.
 */
function probeDateSystem(context: Excel.RequestContext): () => boolean {
  if (!supports("1.2")) return () => false;
  const probe = context.workbook.functions.date(2000, 1, 1).load("value");
  return () => typeof probe.value === "number" && probe.value < PROBE_SERIAL_1900;
}

/**
 * A column width in characters (as ExcelJS and the file store it) in points, for Office.js `columnWidth`:
 * pixels as the OOXML spec converts them (Calibri 11's maximum digit width, 7 px at 96 dpi), ¾ point each.
 *
 * @example
 * columnWidthPoints(18) // 94.5 (126 px)
 */
export function columnWidthPoints(width: number): number {
  const digit = 7;
  const px = Math.trunc(((256 * width + Math.trunc(128 / digit)) / 256) * digit);
  return px * 0.75;
}

/**
 * When `writes` are plain values (no formula, format, style or link) exactly filling a rectangle, that
 * rectangle's address and its values row by row; otherwise null.
 *
 * @example
 * plainRectangle([{ address: "A1", value: 1 }, { address: "B1", value: "x" }]) // { range: "A1:B1", values: [[1, "'x"]] }
 */
export function plainRectangle(
  writes: readonly CellWrite[],
): { readonly range: string; readonly values: (string | number | boolean)[][] } | null {
  if (writes.length < 2) return null;
  if (
    writes.some((w) => w.formula !== undefined || w.numberFormat || w.style || w.link !== undefined || w.date)
  )
    return null;
  const cells = writes.map((w) => ({ ...parseAddress(w.address), value: w.value }));
  const top = Math.min(...cells.map((c) => c.row));
  const left = Math.min(...cells.map((c) => c.column));
  const bottom = Math.max(...cells.map((c) => c.row));
  const right = Math.max(...cells.map((c) => c.column));
  const width = right - left + 1;
  if (width * (bottom - top + 1) !== cells.length) return null;
  const values: (string | number | boolean)[][] = Array.from({ length: bottom - top + 1 }, () =>
    Array.from({ length: width }, () => ""),
  );
  const seen = new Set<string>();
  for (const c of cells) {
    const key = `${c.row}:${c.column}`;
    if (seen.has(key)) return null;
    seen.add(key);
    values[c.row - top][c.column - left] = literal(c.value);
  }
  return { range: `${columnLetter(left)}${top}:${columnLetter(right)}${bottom}`, values };
}

/** Comments on one sheet keyed by their cell address ("B7"). */
async function commentsOn(context: Excel.RequestContext, sheet: string): Promise<Map<string, Excel.Comment>> {
  const comments = context.workbook.comments;
  comments.load("items/content");
  await context.sync();
  const located = comments.items.map((c) => ({ c, at: c.getLocation().load("address") }));
  await context.sync();
  const out = new Map<string, Excel.Comment>();
  for (const { c, at } of located) {
    const bang = at.address.lastIndexOf("!");
    const rawSheet = at.address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
    if (rawSheet !== sheet) continue;
    const { column, row } = parseAddress(at.address.slice(bang + 1).split(":")[0]);
    out.set(`${columnLetter(column)}${row}`, c);
  }
  return out;
}

/**
 * A literal for `range.values`. Every string gets Excel's quote prefix ("'"), which Excel does not keep in
 * the value: text that looks like a formula, a number or a date ("2026-08-01") then stays text.
 */
function literal(v: CellScalar): string | number | boolean {
  if (v === null) return "";
  if (typeof v === "string") return v === "" ? "" : `'${v}`;
  return v;
}

function content(value: unknown, formula: unknown): CellContent {
  const v: CellScalar =
    value === "" || value === undefined || value === null
      ? null
      : typeof value === "number" || typeof value === "boolean" || typeof value === "string"
        ? value
        : String(value);
  if (typeof formula === "string" && formula.startsWith("=")) return { value: v, formula: formula.slice(1) };
  return { value: v };
}
