import type * as ExcelJS from "exceljs";
import { expandRange, parseAddress, sheetRef } from "../address";
import { WorkbookError } from "../errors";
import { isoDateToSerial } from "../dates";
import { listErrorMessage, listSource } from "../listValidation";
import { isDateFormat } from "../numberFormat";
import { proposalSheetLayout } from "../layouts/proposalSheet";
import { readRegister } from "../register";
import { refuseNonFinite } from "../writeGuard";
import { originalRowBreaks, packageOrigin } from "./packageOrigin";
import { excelJsSaveForPatching, preservePackage } from "./preservePackage";
import { locationOnlyLinks } from "./internalLinks";
import { guardExcelJsKeys } from "./safeKeys";
import { addChartsToXlsx, type ChartToAdd } from "./xlsxCharts";
import type {
  AddSheetOptions,
  CellContent,
  CellScalar,
  CellSnapshot,
  CellStyle,
  CellWrite,
  BarChartSpec,
  ComboChartSpec,
  DefinedName,
  ListValidation,
  SheetInfo,
  WorkbookPort,
} from "../port";

/**
 * WorkbookPort over an in-memory `ExcelJS.Workbook`, used by the CLI, the tests and the taskpane's browser
 * mode. It never touches the file system: reading and writing files is the caller's job (`xlsx.load`/`writeBuffer`).
 *
 * @example
 * const port = new ExcelJsPort(new ExcelJS.Workbook());
 * await port.addSheet("Programme");
 */
export class ExcelJsPort implements WorkbookPort {
  readonly workbook: ExcelJS.Workbook;
  /** Charts to add on saving, by sheet and identity: one combo per sheet, bar charts by name. */
  private readonly charts = new Map<string, ComboChartSpec | BarChartSpec>();

  constructor(workbook: ExcelJS.Workbook) {
    this.workbook = workbook;
    guardExcelJsKeys(workbook);
    // Excel and LibreOffice then recompute every formula on open instead of trusting cached results.
    workbook.calcProperties = { ...workbook.calcProperties, fullCalcOnLoad: true };
  }

  /** Notes what the product changed, when the workbook was opened from a package that saving must keep. */
  private edited(kind: "written" | "added" | "visibility", sheet: string): void {
    packageOrigin(this.workbook)?.edits[kind].add(sheet);
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new Error(`no sheet named ${name}`);
    return ws;
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    return this.workbook.worksheets.map((ws) => ({ name: ws.name, hidden: ws.state !== "visible" }));
  }

  async addSheet(name: string, options?: AddSheetOptions): Promise<void> {
    if (this.workbook.getWorksheet(name)) throw new Error(`a sheet named ${name} already exists`);
    // Finance teams print these: landscape A4, one page wide (or as `print` says), as many pages down as needed.
    const print = options?.print;
    const ws = this.workbook.addWorksheet(name, {
      pageSetup: {
        orientation: "landscape",
        paperSize: 9,
        fitToPage: true,
        fitToWidth: print?.pagesWide ?? 1,
        fitToHeight: 0,
        ...(print?.titleRows ? { printTitlesRow: print.titleRows } : {}),
        ...(print?.titleColumns ? { printTitlesColumn: print.titleColumns } : {}),
      },
    });
    if (options?.hidden) ws.state = "hidden";
    this.edited("added", name);
  }

  async deleteSheet(name: string): Promise<void> {
    const ws = this.sheet(name);
    const origin = packageOrigin(this.workbook);
    // A sheet of the opened file cannot leave its package; only one the product added (an undo) can go.
    if (origin && !origin.edits.added.has(name)) throw new Error(`${name} is not a sheet the product added`);
    this.workbook.removeWorksheet(ws.id);
    if (origin) {
      for (const set of [origin.edits.added, origin.edits.written, origin.edits.visibility]) set.delete(name);
      for (const map of [origin.edits.notes, origin.edits.validations, origin.edits.insertedRows])
        map.delete(name);
    }
    for (const [key, spec] of this.charts) if (spec.sheet === name) this.charts.delete(key);
  }

  async hideSheet(name: string): Promise<void> {
    this.sheet(name).state = "hidden";
    this.edited("visibility", name);
  }

  async readCells(sheet: string, addresses: readonly string[]): Promise<readonly CellContent[]> {
    const ws = this.sheet(sheet);
    const date1904 = await this.usesDate1904();
    return addresses.map((a) => readCell(ws.getCell(a), date1904));
  }

  async readUsedRange(sheet: string): Promise<readonly (readonly CellContent[])[]> {
    const ws = this.sheet(sheet);
    const rows: CellContent[][] = [];
    const width = ws.columnCount;
    const date1904 = await this.usesDate1904();
    for (let r = 1; r <= ws.rowCount; r++) {
      // find, not get: reading must not add empty rows and cells to the sheet (a refused sheet stays as it was).
      const row = ws.findRow(r);
      const out: CellContent[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row?.findCell(c);
        out.push(cell ? readCell(cell, date1904) : { value: null });
      }
      rows.push(out);
    }
    return rows;
  }

  async writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    const ws = this.sheet(sheet);
    refuseNonFinite(sheet, writes);
    if (writes.length) this.edited("written", sheet);
    for (const w of writes) {
      const cell = ws.getCell(w.address);
      // A loaded workbook's cells with one style id share one style object, which ExcelJS's setters change in
      // place: this cell gets its own before any of them, or every cell of that id would be restyled.
      if (w.numberFormat !== undefined || w.style || w.date) cell.style = { ...cell.style };
      if (w.formula !== undefined) {
        cell.value = { formula: w.formula, result: w.value ?? undefined } as ExcelJS.CellFormulaValue;
      } else if (w.link !== undefined) {
        cell.value = { text: String(w.value ?? ""), hyperlink: `#${w.link}` };
      } else if (w.date && typeof w.value === "string" && isoDateToSerial(w.value) !== null) {
        // A UTC-midnight Date: ExcelJS stores it as the serial (in the workbook's date system).
        cell.value = new Date(`${w.value.trim()}T00:00:00Z`);
        if (w.numberFormat === undefined && !isDateFormat(cell.numFmt)) cell.numFmt = "yyyy-mm-dd";
      } else {
        // A string is stored as a string cell: text that starts with "=" stays text.
        cell.value = w.value;
      }
      if (w.numberFormat !== undefined) cell.numFmt = w.numberFormat;
      if (w.style) applyStyle(cell, w.style);
    }
  }

  async insertRows(sheet: string, row: number, count: number): Promise<void> {
    const ws = this.sheet(sheet);
    const blanks: unknown[][] = Array.from({ length: count }, () => []);
    shiftingMerges(ws, row, count, () => ws.spliceRows(row, 0, ...blanks));
    this.edited("written", sheet);
    const origin = packageOrigin(this.workbook);
    if (origin)
      origin.edits.insertedRows.set(sheet, [...(origin.edits.insertedRows.get(sheet) ?? []), { row, count }]);
    await this.shiftRowBreaks(sheet, row, count);
  }

  async deleteRows(sheet: string, row: number, count: number): Promise<void> {
    const ws = this.sheet(sheet);
    const origin = packageOrigin(this.workbook);
    const inserted = origin?.edits.insertedRows.get(sheet);
    const last = inserted?.[inserted.length - 1];
    // Drawings below rows of the opened file move with inserted rows only; so only the last insert is undone.
    if (origin && !origin.edits.added.has(sheet) && (last?.row !== row || last.count !== count))
      throw new Error(
        `rows ${row} to ${row + count - 1} of ${sheet} are not the rows the product last inserted`,
      );
    shiftingMerges(ws, row, -count, () => ws.spliceRows(row, count));
    if (inserted && last?.row === row && last.count === count) inserted.pop();
    await this.shiftRowBreaks(sheet, row, -count);
  }

  /**
   * Moves the sheet's manual row breaks as Excel does when rows are inserted (`count` > 0) before `row` or
   * deleted from it: a page that started at or below `row` starts `count` rows lower; one inside deleted rows goes.
   */
  private async shiftRowBreaks(sheet: string, row: number, count: number): Promise<void> {
    const ws = this.sheet(sheet) as ExcelJS.Worksheet & { rowBreaks: ExcelJS.RowBreak[] };
    const origin = packageOrigin(this.workbook);
    // ExcelJS neither reads an opened file's breaks nor moves any with spliceRows.
    if (origin && !origin.edits.rowBreaks.has(sheet))
      ws.rowBreaks = await originalRowBreaks(origin, sheet, ws.rowBreaks);
    // A break's id is the last row above it: the page starts at id + 1.
    ws.rowBreaks = ws.rowBreaks.flatMap((b) => {
      const starts = b.id + 1;
      if (starts < row) return [b];
      if (count < 0 && starts < row - count) return [];
      return [{ ...b, id: b.id + count }];
    });
    origin?.edits.rowBreaks.add(sheet);
  }

  async snapshotCells(sheet: string, ranges: readonly string[]): Promise<CellSnapshot> {
    const ws = this.sheet(sheet);
    const cells = ranges.flatMap(expandRange).map((address) => {
      const cell = ws.getCell(address);
      return { address, value: deepCopy(cell.value), style: deepCopy(cell.style) };
    });
    return { sheet, ranges, state: cells };
  }

  async restoreCells(snapshot: CellSnapshot): Promise<void> {
    const ws = this.sheet(snapshot.sheet);
    this.edited("written", snapshot.sheet);
    const cells = snapshot.state as readonly {
      address: string;
      value: ExcelJS.CellValue;
      style: Partial<ExcelJS.Style>;
    }[];
    for (const c of cells) {
      const cell = ws.getCell(c.address);
      cell.value = c.value;
      cell.style = c.style;
    }
  }

  async setColumnWidths(
    sheet: string,
    widths: readonly { readonly column: string; readonly width: number }[],
  ): Promise<void> {
    const ws = this.sheet(sheet);
    this.edited("written", sheet);
    for (const w of widths) ws.getColumn(w.column).width = w.width;
  }

  async mergeCells(sheet: string, ranges: readonly string[]): Promise<void> {
    const ws = this.sheet(sheet);
    this.edited("written", sheet);
    for (const range of ranges) {
      // ExcelJS refuses to merge over merged cells: split whatever is there first.
      ws.unMergeCells(range);
      ws.mergeCells(range);
    }
  }

  async unmergeCells(sheet: string, ranges: readonly string[]): Promise<void> {
    const ws = this.sheet(sheet);
    this.edited("written", sheet);
    for (const range of ranges) ws.unMergeCells(range);
  }

  async readMerges(sheet: string, ranges: readonly string[]): Promise<readonly string[]> {
    // ExcelJS keeps its merges by top-left cell and has no public reader of them.
    const merges = (this.sheet(sheet) as unknown as { _merges: Record<string, { range: string }> })._merges;
    const wanted = new Set(ranges.flatMap(expandRange));
    return Object.entries(merges).flatMap(([master, m]) => (m && wanted.has(master) ? [m.range] : []));
  }

  async clearRanges(sheet: string, ranges: readonly string[]): Promise<void> {
    const ws = this.sheet(sheet);
    this.edited("written", sheet);
    for (const range of ranges)
      for (const address of expandRange(range)) {
        const cell = ws.getCell(address);
        cell.value = null;
        cell.style = {};
      }
  }

  async setRowHeights(
    sheet: string,
    heights: readonly { readonly row: number; readonly height: number }[],
  ): Promise<void> {
    const ws = this.sheet(sheet);
    this.edited("written", sheet);
    for (const h of heights) ws.getRow(h.row).height = h.height;
  }

  async setRowBreaks(sheet: string, add: readonly number[], remove: readonly number[]): Promise<void> {
    const ws = this.sheet(sheet) as ExcelJS.Worksheet & { rowBreaks: ExcelJS.RowBreak[] };
    const origin = packageOrigin(this.workbook);
    // ExcelJS does not read a sheet's page breaks: those of the opened file are the ones kept.
    if (origin && !origin.edits.rowBreaks.has(sheet))
      ws.rowBreaks = await originalRowBreaks(origin, sheet, ws.rowBreaks);
    // A break's id is the last row above it.
    const wanted = new Set(add.filter((r) => r > 1));
    const gone = new Set(remove.filter((r) => !wanted.has(r)));
    const kept = ws.rowBreaks.filter((b) => !gone.has(b.id + 1));
    const above = new Set(kept.map((b) => b.id + 1));
    const added = [...wanted].filter((r) => !above.has(r));
    ws.rowBreaks = [...kept, ...added.map((r) => ({ id: r - 1, max: 16383, min: 0, man: 1 }))].sort(
      (a, b) => a.id - b.id,
    );
    origin?.edits.rowBreaks.add(sheet);
  }

  async listNames(): Promise<readonly DefinedName[]> {
    const model = this.workbook.definedNames.model as unknown as { name: string; ranges: string[] }[];
    const out: DefinedName[] = [];
    for (const entry of model) {
      for (const range of entry.ranges) {
        const bang = range.lastIndexOf("!");
        const rawSheet = range.slice(0, bang);
        const sheet = rawSheet.startsWith("'") ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
        const address = range.slice(bang + 1);
        // ExcelJS reads a name whose cells were deleted (#REF!$B$48) as on a sheet "#REF": it points nowhere.
        if (sheet === "#REF") out.push({ name: entry.name, sheet: "", address: `=#REF!${address}` });
        else out.push({ name: entry.name, sheet, address: address.replace(/\$/g, "") });
      }
    }
    return out;
  }

  async defineNames(names: readonly DefinedName[]): Promise<void> {
    // ExcelJS would add a second range to an existing name (a name pointing at two ranges, #VALUE! in the
    // formulas using it); Excel refuses. Refuse here too, before defining any.
    const held = new Set((await this.listNames()).map((n) => n.name.toLowerCase()));
    for (const n of names) {
      const key = n.name.toLowerCase();
      if (held.has(key))
        throw new WorkbookError("name-exists", `the workbook already has a defined name "${n.name}"`);
      held.add(key);
    }
    for (const n of names) {
      const [a, b] = n.address.split(":");
      const abs = (x: string): string => {
        const p = parseAddress(x);
        return `$${x.replace(/\$/g, "").replace(/\d+$/, "")}$${p.row}`;
      };
      const range = b ? `${abs(a)}:${abs(b)}` : abs(a);
      this.workbook.definedNames.add(`${sheetRef(n.sheet)}!${range}`, n.name);
    }
  }

  async deleteNames(names: readonly string[]): Promise<void> {
    const model = this.workbook.definedNames.model as unknown as { name: string; ranges: string[] }[];
    for (const entry of model) {
      if (!names.includes(entry.name)) continue;
      // ExcelJS's remove() drops one cell of a range: remove each cell, or a redefined name keeps the rest.
      for (const range of entry.ranges) {
        const bang = range.lastIndexOf("!");
        for (const cell of expandRange(range.slice(bang + 1).replace(/\$/g, "")))
          this.workbook.definedNames.remove(`${range.slice(0, bang + 1)}${cell}`, entry.name);
      }
    }
  }

  async readNotes(sheet: string, addresses: readonly string[]): Promise<readonly (string | null)[]> {
    const ws = this.sheet(sheet);
    return addresses.map((a) => noteText(ws.getCell(a).note));
  }

  async setNote(sheet: string, address: string, text: string): Promise<void> {
    await this.setNotes(sheet, [{ address, text }]);
  }

  async setNotes(
    sheet: string,
    notes: readonly { readonly address: string; readonly text: string }[],
  ): Promise<void> {
    const ws = this.sheet(sheet);
    for (const n of notes) ws.getCell(n.address).note = n.text;
    this.notedChanges(sheet, notes);
  }

  /** Notes set (or deleted: null), saved into the sheet's own comments part for an opened package. */
  private notedChanges(
    sheet: string,
    notes: readonly { readonly address: string; readonly text: string | null }[],
  ): void {
    const edits = packageOrigin(this.workbook)?.edits.notes;
    if (!edits || !notes.length) return;
    const mine = new Map(edits.get(sheet));
    for (const n of notes) mine.set(n.address.replace(/\$/g, ""), n.text);
    edits.set(sheet, mine);
  }

  async usesDate1904(): Promise<boolean> {
    return this.workbook.properties?.date1904 === true;
  }

  async deleteNote(sheet: string, address: string): Promise<void> {
    // ExcelJS has no API for it, and `note = undefined` would save an empty comment.
    Reflect.deleteProperty(this.sheet(sheet).getCell(address), "_comment");
    this.notedChanges(sheet, [{ address, text: null }]);
  }

  async setListValidations(sheet: string, validations: readonly ListValidation[]): Promise<void> {
    const ws = this.sheet(sheet);
    const origin = packageOrigin(this.workbook);
    if (origin && validations.length) {
      this.edited("written", sheet);
      const mine = new Set(origin.edits.validations.get(sheet));
      for (const v of validations) mine.add(v.address.replace(/\$/g, ""));
      origin.edits.validations.set(sheet, mine);
    }
    for (const v of validations) {
      if (v.choices.length === 0) {
        // Not in ExcelJS's typings; its own remove() would leave an empty <dataValidation> in the file.
        const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } })
          .dataValidations.model;
        delete model[ws.getCell(v.address).address];
        continue;
      }
      ws.getCell(v.address).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [`"${listSource(v)}"`],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: "MTFS Benefits",
        error: listErrorMessage(v),
      };
    }
  }

  async addComboChart(spec: ComboChartSpec): Promise<boolean> {
    // ExcelJS cannot write charts: they are added to the package by toXlsx().
    this.charts.set(chartKey(spec), spec);
    return true;
  }

  async addBarChart(spec: BarChartSpec): Promise<boolean> {
    this.charts.set(chartKey(spec), spec);
    return true;
  }

  /**
   * The workbook as .xlsx bytes, with a profile chart on every proposal sheet that has none (re-derived from the
   * ownership register, because ExcelJS drops charts when it loads a file). A workbook opened with
   * loadXlsxPreserving comes out as its original package with only the product's parts replaced; a change
   * that would lose something of the user's throws WorkbookError "would-lose".
   *
   * @example
   * fs.writeFileSync("out.xlsx", await port.toXlsx());
   */
  async toXlsx(): Promise<Uint8Array> {
    const specs = new Map(this.charts);
    for (const p of (await readRegister(this)).proposals) {
      const layout = proposalSheetLayout(p);
      for (const spec of [layout.chart, ...(layout.tornadoChart ? [layout.tornadoChart] : [])])
        specs.set(chartKey(spec), spec);
    }
    const charts: ChartToAdd[] = [];
    for (const spec of specs.values()) {
      if (!this.workbook.getWorksheet(spec.sheet)) continue;
      const values = async (range: string) =>
        (await this.readCells(spec.sheet, expandRange(range))).map((c) => c.value);
      if ("series" in spec) {
        charts.push({
          kind: "bar",
          spec,
          categories: await values(spec.categories),
          series: await Promise.all(spec.series.map((x) => values(x.values))),
        });
        continue;
      }
      charts.push({
        spec,
        categories: await values(spec.categories),
        bars: await values(spec.bars.values),
        line: await values(spec.line.values),
        ...(spec.moreLines
          ? { moreLines: await Promise.all(spec.moreLines.map((l) => values(l.values))) }
          : {}),
      });
    }
    const origin = packageOrigin(this.workbook);
    const saved = origin
      ? await preservePackage(origin, await excelJsSaveForPatching(this.workbook), this.workbook)
      : await this.workbook.xlsx.writeBuffer();
    return addChartsToXlsx(await locationOnlyLinks(saved), charts);
  }
}

/** A sheet draws one combo chart (a later one replaces it, whatever its title) and bar charts by name. */
function chartKey(spec: ComboChartSpec | BarChartSpec): string {
  return "series" in spec ? `bar\u0000${spec.sheet}\u0000${spec.name}` : `combo\u0000${spec.sheet}`;
}

function noteText(note: ExcelJS.Cell["note"] | undefined): string | null {
  if (note === undefined || note === null) return null;
  if (typeof note === "string") return note;
  const texts = (note as { texts?: { text: string }[] }).texts;
  return texts ? texts.map((t) => t.text).join("") : null;
}

function toScalar(v: unknown): CellScalar {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; text?: unknown; error?: string; result?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join("");
    if (o.error !== undefined) return o.error;
    if (o.text !== undefined) return toScalar(o.text);
    if ("result" in o) return toScalar(o.result);
  }
  return String(v);
}

/**
 * A Date that ExcelJS made from a number shown in a non-date format, back to its serial number: the inverse
 * of ExcelJS's own conversion, which counts in the workbook's date system.
 */
function undate(v: unknown, fmt: string | undefined, date1904: boolean): unknown {
  if (!(v instanceof Date)) return v;
  // A number past any date (ExcelJS's Date of it is invalid) reads as Excel's error for it, never as NaN.
  if (Number.isNaN(v.getTime())) return "#NUM!";
  if (isDateFormat(fmt)) return v;
  return v.getTime() / 86_400_000 + 25_569 - (date1904 ? 1462 : 0);
}

function readCell(cell: ExcelJS.Cell, date1904: boolean): CellContent {
  const v = cell.value as unknown;
  if (v !== null && typeof v === "object" && !(v instanceof Date)) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    const formula = f.formula ?? (f.sharedFormula !== undefined ? cell.formula : undefined);
    if (formula !== undefined) return { value: toScalar(undate(f.result, cell.numFmt, date1904)), formula };
  }
  return { value: toScalar(undate(v, cell.numFmt, date1904)) };
}

/**
 * A deep copy of a cell's value or style (plain objects, lists, dates): what ExcelJS may change in place later.
 * Not structuredClone, which older Office webviews and jsdom lack.
 */
function deepCopy<T>(x: T): T {
  if (x instanceof Date) return new Date(x.getTime()) as T;
  if (Array.isArray(x)) return x.map(deepCopy) as T;
  if (x !== null && typeof x === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = deepCopy(v);
    return out as T;
  }
  return x;
}

function applyStyle(cell: ExcelJS.Cell, s: CellStyle): void {
  // A font with no name is drawn in the application's fallback (LibreOffice: a serif); keep the default's.
  const font: Partial<ExcelJS.Font> = { name: "Calibri", family: 2, ...cell.font };
  if (s.bold !== undefined) font.bold = s.bold;
  if (s.italic !== undefined) font.italic = s.italic;
  if (s.fontSize !== undefined) font.size = s.fontSize;
  if (s.fontColor !== undefined) font.color = { argb: `FF${s.fontColor}` };
  cell.font = font;
  if (s.fill !== undefined)
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${s.fill}` } };
  if (s.wrap !== undefined) cell.alignment = { ...cell.alignment, wrapText: s.wrap, vertical: "top" };
  if (s.alignTop) cell.alignment = { ...cell.alignment, vertical: "top" };
  if (s.border) {
    const thin = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
    cell.border = { top: thin, bottom: thin, left: thin, right: thin };
  }
}

/**
 * Runs `splice` (ExcelJS's spliceRows at `row`, `by` rows inserted, or removed when negative) with the merges
 * from `row` down moved as the cells are: spliceRows moves cells but not its list of merges, so a merge below
 * inserted rows was saved where its text no longer was. Merges in removed rows are dropped; a merge the splice
 * cuts through (starting above `row`) is left as it is.
 */
function shiftingMerges(ws: ExcelJS.Worksheet, row: number, by: number, splice: () => void): void {
  const merges = (ws as unknown as { _merges: Record<string, { range: string } | undefined> })._merges;
  const below = Object.values(merges).flatMap((m) => {
    if (!m) return [];
    const [from, to = from] = m.range.split(":");
    const a = parseAddress(from);
    const b = parseAddress(to);
    return a.row >= row ? [{ range: m.range, a, b }] : [];
  });
  for (const m of below) ws.unMergeCells(m.range);
  splice();
  for (const { a, b } of below) {
    if (by < 0 && a.row < row - by) continue;
    ws.mergeCells(a.row + by, a.column, b.row + by, b.column);
  }
}
