import { isEngineError } from "../engine";
import { cellAddress, parseAddress } from "./address";
import { WorkbookError, isWorkbookError } from "./errors";
import type { AddSheetOptions, CellWrite, DefinedName, WorkbookChange, WorkbookPort } from "./port";

/**
 * Nothing is lost when a write fails part-way: `atomically` runs a write through a port that first records
 * what each call is about to change (cells through `snapshotCells`, sheets it adds, rows it inserts, names and
 * notes), and when a call fails undoes the calls before it, last first, so the workbook is as it was.
 * Office.js gives no transaction (a failed `context.sync()` leaves the operations queued before the failing
 * one applied) and each port call is its own `Excel.run`, so the undo is done call by call.
 *
 * What is undone: values, formulas, number formats and cell formats (fonts, fills, borders, wrap, links, as
 * far as the adapter's snapshot goes), merges, sheets added, rows inserted, defined names and notes. Steps
 * are recorded before their call, and tolerate it having done part or none of its work (a failed sync keeps
 * what was queued before the failing operation). Layout calls the add-in repeats on every write (column
 * widths, row heights, page breaks, dropdowns, charts) are not undone; on a sheet the write added they go with the sheet.
 */

type Undo = () => Promise<void>;

/**
 * The changing calls (of `WORKBOOK_CHANGES`) the journal passes through without an undo: layout the add-in
 * sets again on every write, and hiding its own sheets. Every other one records its undo.
 */
export const NOT_UNDONE = [
  "hideSheet",
  "setColumnWidths",
  "setRowHeights",
  "setRowBreaks",
  "setListValidations",
  "addComboChart",
  "addBarChart",
] as const satisfies readonly WorkbookChange[];

/** A proxy of `port` that records an undo step before each change; `rollback` runs them, last first. */
class JournaledPort implements WorkbookPort {
  private readonly undos: Undo[] = [];
  /** Sheets added during this write: their cells need no snapshot, deleting the sheet undoes them. */
  private readonly added = new Set<string>();

  constructor(private readonly port: WorkbookPort) {}

  /** Runs the undo steps, last first; the first that fails stops it (later steps depend on earlier ones). */
  async rollback(): Promise<void> {
    while (this.undos.length) await this.undos.pop()?.();
  }

  private async cells(sheet: string, ranges: readonly string[]): Promise<void> {
    if (this.added.has(sheet) || ranges.length === 0) return;
    const snapshot = await this.port.snapshotCells(sheet, ranges);
    this.undos.push(() => this.port.restoreCells(snapshot));
  }

  listSheets = () => this.port.listSheets();
  readCells = (sheet: string, addresses: readonly string[]) => this.port.readCells(sheet, addresses);
  readUsedRange = (sheet: string) => this.port.readUsedRange(sheet);
  listNames = () => this.port.listNames();
  readNotes = (sheet: string, addresses: readonly string[]) => this.port.readNotes(sheet, addresses);
  usesDate1904 = () => this.port.usesDate1904();
  snapshotCells = (sheet: string, ranges: readonly string[]) => this.port.snapshotCells(sheet, ranges);
  readMerges = (sheet: string, ranges: readonly string[]) => this.port.readMerges(sheet, ranges);

  async addSheet(name: string, options?: AddSheetOptions): Promise<void> {
    // Recorded first: a failed sync may have added the sheet before a later setting in its batch failed.
    if ((await this.port.listSheets()).some((s) => s.name === name)) {
      await this.port.addSheet(name, options); // refused as the port refuses it; nothing to undo
      return;
    }
    this.added.add(name);
    this.undos.push(async () => {
      if ((await this.port.listSheets()).some((s) => s.name === name)) await this.port.deleteSheet(name);
      this.added.delete(name);
    });
    await this.port.addSheet(name, options);
  }

  // No write deletes sheets or rows; these only undo (what they destroy no snapshot holds).
  deleteSheet = (name: string) => this.port.deleteSheet(name);
  deleteRows = (sheet: string, row: number, count: number) => this.port.deleteRows(sheet, row, count);

  hideSheet = (name: string) => this.port.hideSheet(name);

  async writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    await this.cells(
      sheet,
      writes.map((w) => w.address),
    );
    await this.port.writeCells(sheet, writes);
  }

  async restoreCells(snapshot: Parameters<WorkbookPort["restoreCells"]>[0]): Promise<void> {
    await this.cells(snapshot.sheet, snapshot.ranges);
    await this.port.restoreCells(snapshot);
  }

  async insertRows(sheet: string, row: number, count: number): Promise<void> {
    await this.port.insertRows(sheet, row, count);
    if (!this.added.has(sheet)) this.undos.push(() => this.port.deleteRows(sheet, row, count));
  }

  setColumnWidths = (sheet: string, widths: Parameters<WorkbookPort["setColumnWidths"]>[1]) =>
    this.port.setColumnWidths(sheet, widths);
  setRowHeights = (sheet: string, heights: Parameters<WorkbookPort["setRowHeights"]>[1]) =>
    this.port.setRowHeights(sheet, heights);

  async mergeCells(sheet: string, ranges: readonly string[]): Promise<void> {
    // Merging drops every cell's content but the top-left one's: keep it, and put it back into split cells
    // (restored into merged ones it would land on the top-left cell): this step runs before the restore.
    await this.cells(sheet, ranges);
    if (this.added.has(sheet) || ranges.length === 0) return this.port.mergeCells(sheet, ranges);
    const before = await this.port.readMerges(sheet, ranges);
    this.undos.push(async () => {
      await this.port.unmergeCells(sheet, ranges);
      if (before.length) await this.port.mergeCells(sheet, before);
    });
    await this.port.mergeCells(sheet, ranges);
  }

  async unmergeCells(sheet: string, ranges: readonly string[]): Promise<void> {
    if (!this.added.has(sheet) && ranges.length) {
      // The merges these ranges split (not the ranges: the Risk sheet splits row runs), merged again.
      const before = await this.port.readMerges(sheet, ranges);
      if (before.length) this.undos.push(() => this.port.mergeCells(sheet, before));
    }
    await this.port.unmergeCells(sheet, ranges);
  }

  async clearRanges(sheet: string, ranges: readonly string[]): Promise<void> {
    await this.cells(sheet, ranges);
    await this.port.clearRanges(sheet, ranges);
  }

  async defineNames(names: readonly DefinedName[]): Promise<void> {
    // Recorded first (a failed sync may have added some): deletes the names that were not there before.
    const held = new Set((await this.port.listNames()).map((n) => n.name.toLowerCase()));
    const added = names.map((n) => n.name).filter((n) => !held.has(n.toLowerCase()));
    if (added.length) this.undos.push(() => this.port.deleteNames(added));
    await this.port.defineNames(names);
  }

  async deleteNames(names: readonly string[]): Promise<void> {
    const wanted = new Set(names);
    // A name pointing nowhere (its cells deleted) cannot be defined again; it stays gone.
    const before = oneRangeEach(
      (await this.port.listNames()).filter((n) => wanted.has(n.name) && n.sheet !== ""),
    );
    // Recorded first (a failed sync may have deleted some): defines again the names that are gone.
    if (before.length)
      this.undos.push(async () => {
        const now = new Set((await this.port.listNames()).map((n) => n.name.toLowerCase()));
        const gone = before.filter((n) => !now.has(n.name.toLowerCase()));
        if (gone.length) await this.port.defineNames(gone);
      });
    await this.port.deleteNames(names);
  }

  async setNote(sheet: string, address: string, text: string): Promise<void> {
    await this.setNotes(sheet, [{ address, text }]);
  }

  async setNotes(sheet: string, notes: Parameters<WorkbookPort["setNotes"]>[1]): Promise<void> {
    await this.notes(
      sheet,
      notes.map((n) => n.address),
    );
    await this.port.setNotes(sheet, notes);
  }

  async deleteNote(sheet: string, address: string): Promise<void> {
    await this.notes(sheet, [address]);
    await this.port.deleteNote(sheet, address);
  }

  private async notes(sheet: string, addresses: readonly string[]): Promise<void> {
    if (this.added.has(sheet) || addresses.length === 0) return;
    const before = await this.port.readNotes(sheet, addresses);
    this.undos.push(async () => {
      const kept = addresses.flatMap((address, i) => {
        const text = before[i];
        return text === null ? [] : [{ address, text }];
      });
      await this.port.setNotes(sheet, kept);
      for (const [i, address] of addresses.entries())
        if (before[i] === null) await this.port.deleteNote(sheet, address);
    });
  }

  setListValidations = (sheet: string, v: Parameters<WorkbookPort["setListValidations"]>[1]) =>
    this.port.setListValidations(sheet, v);
  addComboChart = (spec: Parameters<WorkbookPort["addComboChart"]>[0]) => this.port.addComboChart(spec);
  addBarChart = (spec: Parameters<WorkbookPort["addBarChart"]>[0]) => this.port.addBarChart(spec);
  setRowBreaks = (sheet: string, add: readonly number[], remove: readonly number[]) =>
    this.port.setRowBreaks(sheet, add, remove);
}

/**
 * One range per name: ExcelJS splits a name's range around inserted rows ("A1:A13", "A15:A56"), which a name
 * defined again spans whole (the rows' removal then closes the gap, as it does for the split name).
 */
function oneRangeEach(names: readonly DefinedName[]): DefinedName[] {
  const byName = new Map<string, DefinedName>();
  for (const n of names) {
    const held = byName.get(n.name);
    if (!held) byName.set(n.name, n);
    else if (held.sheet === n.sheet) {
      const corners = [...held.address.split(":"), ...n.address.split(":")].map(parseAddress);
      const rows = corners.map((c) => c.row);
      const columns = corners.map((c) => c.column);
      const from = cellAddress(Math.min(...columns), Math.min(...rows));
      byName.set(n.name, {
        ...n,
        address: `${from}:${cellAddress(Math.max(...columns), Math.max(...rows))}`,
      });
    }
  }
  return [...byName.values()];
}

/** The message of a failure that is not the workbook layer's own (Office.js, ExcelJS). */
function messageOf(e: unknown): string {
  return e instanceof Error && e.message ? e.message : String(e);
}

/**
 * Runs `work` over a journaled view of `port`; when it throws, undoes what it changed and rethrows. A
 * WorkbookError or another user error (which the caller words) is rethrown as it was, the workbook unchanged;
 * any other failure becomes WorkbookError "write-failed" saying nothing was changed, or, when the undo itself
 * failed, what may be left half-written.
 *
 * @example
 * await atomically(port, (p) => addProposal(p, raw)); // the sheet and its Programme row, or neither
 */
export async function atomically<T>(
  port: WorkbookPort,
  work: (port: WorkbookPort) => Promise<T>,
): Promise<T> {
  const journal = new JournaledPort(port);
  try {
    return await work(journal);
  } catch (e) {
    try {
      await journal.rollback();
    } catch (undo) {
      throw new WorkbookError(
        "write-failed",
        `The workbook could not be written (${messageOf(e)}), and putting back what was already written ` +
          `failed too (${messageOf(undo)}): close the workbook without saving it to keep it as it was.`,
      );
    }
    if (isWorkbookError(e) || isEngineError(e)) throw e;
    throw new WorkbookError(
      "write-failed",
      `The workbook could not be written (${messageOf(e)}); nothing was changed.`,
    );
  }
}
