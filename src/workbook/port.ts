/**
 * The one interface layout code talks to. Async because Office.js is; the ExcelJS adapter simply resolves.
 * Calls take batches (many cells per call) so the Office.js adapter can do one `context.sync()` per call.
 * Addresses are A1 strings on one sheet ("B7", "E3:I3"); sheet names are passed unquoted.
 */

/**
 * What a cell holds as a plain value. Dates travel as ISO text ("2026-08-01"): a write marked `date` puts
 * them in a date cell; a date cell may read back as that text or as its serial number (see cellValues.ts).
 */
export type CellScalar = number | string | boolean | null;

/** A cell as read back: its value (the cached result for a formula cell) and its formula without "=". */
export interface CellContent {
  readonly value: CellScalar;
  readonly formula?: string;
}

/** Presentation of a cell. Colours are hex RGB without "#", e.g. "DDEBF7". */
export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Wraps text within the cell's width (and aligns it to the top). */
  readonly wrap?: boolean;
  /** Aligns the content to the top of the cell, as wrapped text beside it in a tall row. */
  readonly alignTop?: boolean;
  readonly fill?: string;
  readonly fontColor?: string;
  readonly fontSize?: number;
  readonly border?: boolean;
}

/**
 * One cell to write. `value` is always written as a literal (text stays text even if it starts with "=");
 * `formula` (without "=") is written as a formula with `value` as its cached result.
 */
export interface CellWrite {
  readonly address: string;
  readonly value: CellScalar;
  readonly formula?: string;
  readonly numberFormat?: string;
  readonly style?: CellStyle;
  /** An internal hyperlink target such as "'CFS Targeted Prevention'!A1". */
  readonly link?: string;
  /**
   * `value` is an ISO date ("2026-08-01") to store as a real date (a serial with the cell's date format), as
   * Excel stores a typed date. A value that is not an ISO date is written as text.
   */
  readonly date?: boolean;
}

/** A dropdown on one cell: the user picks one of `choices` (list data validation; other entries refused). */
export interface ListValidation {
  readonly address: string;
  readonly choices: readonly string[];
  /** The field's caption, for the message shown when something else is typed. */
  readonly label?: string;
}

export interface SheetInfo {
  readonly name: string;
  readonly hidden: boolean;
}

/** A workbook-scoped defined name pointing at one range on one sheet. */
export interface DefinedName {
  readonly name: string;
  readonly sheet: string;
  readonly address: string;
}

/** A combo chart: one bar series and one line series over the same categories (e.g. in-year and cumulative). */
export interface ComboChartSpec {
  readonly sheet: string;
  /**
   * The chart's own identity on its sheet (its name in Excel), which a later call replaces it by; the title
   * when absent. A title that changes between runs (the Risk sheet's names its first proposal) needs one.
   */
  readonly name?: string;
  readonly title: string;
  /** Range of category labels, e.g. "A30:A35". */
  readonly categories: string;
  readonly bars: { readonly name: string; readonly values: string };
  readonly line: { readonly name: string; readonly values: string };
  /** Further line series on the same axes, in the columns right after `line` (the Demand sheet's second spend line). */
  readonly moreLines?: readonly { readonly name: string; readonly values: string }[];
  /** The value axis's number format; absent: £m to 1 dp. */
  readonly valueFormat?: string;
  /** Top-left and bottom-right cells of the chart's frame. */
  readonly from: string;
  readonly to: string;
}

/**
 * A horizontal clustered bar chart with its series overlapping and its first category at the top: a tornado
 * (each input's change at its low and at its high, about the base at 0).
 */
export interface BarChartSpec {
  readonly sheet: string;
  /** The chart's own identity on its sheet (its name in Excel): a later call replaces the chart of this name. */
  readonly name: string;
  readonly title: string;
  /** Range of category labels, e.g. "A80:A90". */
  readonly categories: string;
  /** The bar series, each a column over the categories' rows; adjacent columns, first first. */
  readonly series: readonly { readonly name: string; readonly values: string }[];
  /** The value axis's number format; absent: £m to 1 dp. */
  readonly valueFormat?: string;
  /** Top-left and bottom-right cells of the chart's frame. */
  readonly from: string;
  readonly to: string;
}

/**
 * What some cells held (values, formulas, number formats and what else the adapter can put back), from
 * `snapshotCells`, for `restoreCells` of the same port: how a write that fails part-way is undone (journal.ts).
 */
export interface CellSnapshot {
  readonly sheet: string;
  readonly ranges: readonly string[];
  /** The adapter's own record of the cells; only that adapter reads it. */
  readonly state: unknown;
}

/**
 * How a new sheet prints, beyond the default (A4 landscape, one page wide, as many pages down as needed):
 * `pagesWide` pages across, `titleRows` ("8:8") and `titleColumns` ("A:A") repeated on every page.
 */
export interface PrintSetup {
  readonly pagesWide: number;
  readonly titleRows?: string;
  readonly titleColumns?: string;
}

/** Rows `first` to `last` of a sheet, 1-based and inclusive. */
export interface RowSpan {
  readonly first: number;
  readonly last: number;
}

/** Options of a new sheet. */
export interface AddSheetOptions {
  readonly hidden?: boolean;
  readonly print?: PrintSetup;
}

export interface WorkbookPort {
  listSheets(): Promise<readonly SheetInfo[]>;
  /** Adds an empty sheet at the end, set up to print (A4 landscape; `options.print`); fails if the name exists. */
  addSheet(name: string, options?: AddSheetOptions): Promise<void>;
  /** Deletes a sheet the product added (to undo `addSheet` when a write fails part-way). */
  deleteSheet(name: string): Promise<void>;
  /** Hides a sheet from the sheet tabs (it stays in the file). */
  hideSheet(name: string): Promise<void>;
  /** Reads the given cells of one sheet, in order. Empty cells read as `{ value: null }`. */
  readCells(sheet: string, addresses: readonly string[]): Promise<readonly CellContent[]>;
  /** Reads the used rectangle of a sheet from A1, row by row (ragged rows are padded with nulls). */
  readUsedRange(sheet: string): Promise<readonly (readonly CellContent[])[]>;
  writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void>;
  /** Inserts `count` empty rows before 1-based `row`, shifting the cells below down. */
  insertRows(sheet: string, row: number, count: number): Promise<void>;
  /** Deletes `count` rows from 1-based `row`, shifting the cells below up (undoes `insertRows`). */
  deleteRows(sheet: string, row: number, count: number): Promise<void>;
  /** Records what the cells of these ranges ("B7", "A1:I40") hold, for `restoreCells`. */
  snapshotCells(sheet: string, ranges: readonly string[]): Promise<CellSnapshot>;
  /** Puts back what `snapshotCells` recorded: values, formulas, number formats and cell formats. */
  restoreCells(snapshot: CellSnapshot): Promise<void>;
  setColumnWidths(
    sheet: string,
    widths: readonly { readonly column: string; readonly width: number }[],
  ): Promise<void>;
  /**
   * Merges each range ("B4:H4") into one cell that shows its top-left cell's content (the other cells' content
   * is dropped); a range that is already merged, or overlaps merged cells, is merged afresh.
   */
  mergeCells(sheet: string, ranges: readonly string[]): Promise<void>;
  /** Splits every merged cell that these ranges touch (cells that are not merged are left alone). */
  unmergeCells(sheet: string, ranges: readonly string[]): Promise<void>;
  /**
   * The merged cells ("B4:H4") whose top-left cell lies in these ranges (Office.js finds no others; ExcelApi
   * 1.13, none before it): what `unmergeCells` of the same ranges splits, for undoing it.
   */
  readMerges(sheet: string, ranges: readonly string[]): Promise<readonly string[]>;
  /**
   * Empties each range ("A1:I40"): values, formulas, number formats and styles (fills, fonts, borders), as a
   * sheet the add-in lays out again from scratch needs (merges are split with `unmergeCells`).
   */
  clearRanges(sheet: string, ranges: readonly string[]): Promise<void>;
  /** Row heights in points, rows 1-based. */
  setRowHeights(
    sheet: string,
    heights: readonly { readonly row: number; readonly height: number }[],
  ): Promise<void>;
  /**
   * Starts a printed page at each of `add` (a manual page break above the row, across the sheet), first
   * removing the manual row breaks above the rows of `remove` (those an earlier layout of the sheet put there)
   * that `add` does not list; every other break, the user's, stays. Office.js needs ExcelApi 1.9 (before it
   * nothing changes and the sheet paginates as Excel chooses).
   */
  setRowBreaks(sheet: string, add: readonly number[], remove: readonly number[]): Promise<void>;
  /**
   * Every workbook-scoped defined name. A name that no longer points at one range (its cells were deleted:
   * `=#REF!$B$49`) is listed too, with `sheet` "" and its formula as `address`.
   */
  listNames(): Promise<readonly DefinedName[]>;
  /**
   * Defines names, all or none: when one of them already exists (Excel compares names ignoring case) or
   * appears twice, it throws WorkbookError "name-exists" and defines nothing.
   */
  defineNames(names: readonly DefinedName[]): Promise<void>;
  /** Removes workbook-scoped defined names (names that do not exist are ignored). */
  deleteNames(names: readonly string[]): Promise<void>;
  /**
   * Reads the note text of cells; null where there is none. Notes are Excel's plain cell notes (what the
   * CLI writes); in Excel before ExcelApi 1.18 the Office adapter uses threaded comments instead.
   */
  readNotes(sheet: string, addresses: readonly string[]): Promise<readonly (string | null)[]>;
  /** Sets (adds or replaces) the note of one cell. */
  setNote(sheet: string, address: string, text: string): Promise<void>;
  /** Sets the notes of many cells in one batch. */
  setNotes(
    sheet: string,
    notes: readonly { readonly address: string; readonly text: string }[],
  ): Promise<void>;
  /** Removes the note (comment) of a cell, if it has one. */
  deleteNote(sheet: string, address: string): Promise<void>;
  /** Puts a dropdown (list data validation) on each cell, replacing any it had; no choices removes it. */
  setListValidations(sheet: string, validations: readonly ListValidation[]): Promise<void>;
  /**
   * Draws the sheet's combo chart, replacing the one an earlier call drew there (so after the sheet is laid
   * out again the chart shows the new rows); false when the adapter cannot draw charts (data stays in cells).
   */
  addComboChart(spec: ComboChartSpec): Promise<boolean>;
  /**
   * Draws a bar chart (a tornado), replacing the chart of the same name on that sheet; false when the adapter
   * cannot draw charts (data stays in cells).
   */
  addBarChart(spec: BarChartSpec): Promise<boolean>;
  /**
   * Whether the workbook counts date serials from 1904 (old Mac workbooks) rather than 1900: convert serials
   * with `serialToIsoDate(serial, date1904)` from dates.ts.
   */
  usesDate1904(): Promise<boolean>;
}

/**
 * The calls a write makes that change the workbook (the ones a failure can interrupt, which `atomically`
 * journals). `deleteSheet`, `deleteRows` and `restoreCells` change it too but only undo.
 */
export const WORKBOOK_CHANGES = [
  "addSheet",
  "hideSheet",
  "writeCells",
  "insertRows",
  "setColumnWidths",
  "mergeCells",
  "unmergeCells",
  "clearRanges",
  "setRowHeights",
  "setRowBreaks",
  "defineNames",
  "deleteNames",
  "setNote",
  "setNotes",
  "deleteNote",
  "setListValidations",
  "addComboChart",
  "addBarChart",
] as const satisfies readonly (keyof WorkbookPort)[];

/** One of the calls that change the workbook. */
export type WorkbookChange = (typeof WORKBOOK_CHANGES)[number];
