import { displayValue } from "./cellDisplay";
import { parseAddress } from "./address";
import type { CellContent, CellScalar, CellWrite, WorkbookPort } from "./port";
import {
  cellNumberFormat,
  isOwned,
  type LayoutCell,
  type OwnedCell,
  type SheetLayout,
} from "./layouts/types";
import { ownedKey, type OwnedRecord, type Written } from "./register";
import { anchorNameList, anchorNames, placeAddress, translateFormula, type Placements } from "./anchors";
import { liveFormulas } from "./liveFormulas";
import { cellWordsOf, formatOnRowTitled, type CellWords } from "./layouts/cellWords";
import { cachedResult, countedCells, loadFormulaBook, type FormulaCheck } from "./cachedResults";

/**
 * Writing a layout and re-syncing the cells the add-in owns. A cell is "hand-edited" when its content
 * differs from what the register says was last written there; such cells are kept, flagged with a note,
 * and reported, never overwritten. Clearing the cell hands it back to the add-in.
 */

/** One owned cell that a sync changed, or kept because it was edited by hand. */
export interface CellChange {
  /** Proposal sheet name, or "programme". */
  readonly owner: string;
  readonly sheet: string;
  readonly address: string;
  readonly key: string;
  readonly before: CellScalar;
  readonly after: CellScalar;
  /** True when the user's edit was kept (and `after` is what the add-in would have written). */
  readonly kept: boolean;
  /** The cell in its sheet's words and its number format, from the layout (`cellWordsOf`). */
  readonly words?: CellWords;
  readonly numberFormat?: string;
  /**
   * The format `before` was shown in when it differs from `numberFormat`: a tornado row now titled by another
   * input, whose old figures are its old input's, in that input's units (`formatOnRowTitled`).
   */
  readonly beforeNumberFormat?: string;
}

const NOTE_PREFIX = "MTFS Benefits:";
/** Our part of a note, wherever it sits in the cell's note (the user's own text comes before it). */
const OUR_NOTE =
  /\n*MTFS Benefits: edited by hand, so refresh kept your value\. Computed value: .*?\. Clear the cell to let refresh fill it again\./s;

/**
 * The note on a kept hand edit: the user's own note first (kept as it was), then ours, separated by a blank line.
 *
 * @example
 * handEditNote("USER why I changed this", "profile.FY29/30.cumulative", 1_104_079.7)
 * // "USER why I changed this\n\nMTFS Benefits: edited by hand, so refresh kept your value. Computed value: £1.10m. Clear the cell to let refresh fill it again."
 */
export function handEditNote(existing: string | null, key: string, computed: CellScalar): string {
  const ours = `${NOTE_PREFIX} edited by hand, so refresh kept your value. Computed value: ${displayValue(key, computed)}. Clear the cell to let refresh fill it again.`;
  const theirs = withoutOurNote(existing);
  return theirs ? `${theirs}\n\n${ours}` : ours;
}

/**
 * A note with our hand-edit part taken out: the user's own text, or "" when nothing else was there.
 *
 * @example
 * withoutOurNote(handEditNote("USER why", "k", 1)) // "USER why"
 */
export function withoutOurNote(note: string | null): string {
  return (note ?? "").replace(OUR_NOTE, "").trimEnd();
}

function written(cell: OwnedCell): Written {
  return cell.kind === "formula"
    ? { kind: "formula", formula: cell.formula }
    : { kind: "value", value: cell.value };
}

/**
 * Formula text as compared: no "=", "$", spaces or quotes, upper case, because spreadsheet applications
 * re-spell formulas on save (Excel drops quotes a sheet name does not need).
 */
function normalFormula(f: string): string {
  return f
    .replace(/^=/, "")
    .replace(/[$\s']/g, "")
    .replace(/_xlfn\./gi, "")
    .toUpperCase();
}

/**
 * Whether two cell values are the same for refresh purposes (numbers within 1e-9 relative, so a file
 * saved by another application with 15 significant digits is not seen as edited).
 *
 * @example
 * sameValue(0.1 + 0.2, 0.3) // true
 */
export function sameValue(a: CellScalar, b: CellScalar): boolean {
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  const blank = (x: CellScalar): boolean => x === null || x === "";
  if (blank(a) && blank(b)) return true;
  return a === b;
}

/**
 * Whether a cell still holds what the add-in last wrote there (formulas compared as spreadsheet apps re-spell
 * them, numbers within 1e-9 relative).
 *
 * @example
 * matchesWritten({ value: 3, formula: "SUM($A$1:A2)" }, { kind: "formula", formula: "SUM(A1:A2)" }) // true
 */
export function matchesWritten(cur: CellContent, w: Written): boolean {
  if (w.kind === "formula")
    return cur.formula !== undefined && normalFormula(cur.formula) === normalFormula(w.formula);
  return cur.formula === undefined && sameValue(cur.value, w.value);
}

function isEmpty(cur: CellContent): boolean {
  return cur.formula === undefined && (cur.value === null || cur.value === "");
}

/**
 * The port write for one layout cell (owned formulas with their cached result).
 *
 * @example
 * toWrite({ kind: "label", address: "A1", text: "Benefits Proposal" }) // { address: "A1", value: "Benefits Proposal" }
 */
export function toWrite(cell: LayoutCell): CellWrite {
  return writeOf(cell, false);
}

/**
 * `toWrite` knowing whether the cell is a formula that can recalculate before the next refresh
 * (`liveFormulas`), whose format then cannot follow its cached figure.
 */
function writeOf(cell: LayoutCell, live: boolean): CellWrite {
  // Only an owned cell's format follows its value: refresh rewrites it, while an input keeps what it was given.
  const numberFormat = isOwned(cell)
    ? cellNumberFormat(cell.numberFormat, cell.value, live && cell.kind === "formula")
    : cell.numberFormat;
  const base = { address: cell.address, style: cell.style, numberFormat };
  switch (cell.kind) {
    case "label":
      return { ...base, value: cell.text };
    case "input":
      return { ...base, value: cell.value, link: cell.link, ...(cell.type === "date" ? { date: true } : {}) };
    case "engine":
      return { ...base, value: cell.value };
    case "formula":
      return { ...base, value: cell.value, formula: cell.formula };
  }
}

/**
 * Puts the layout's dropdowns (input cells with fixed choices) on its sheet.
 *
 * @example
 * await writeListValidations(port, layout); // B50 offers entry, exit
 */
export async function writeListValidations(port: WorkbookPort, layout: SheetLayout): Promise<void> {
  const lists = layout.cells.flatMap((c) =>
    c.kind === "input" && c.choices
      ? [{ address: c.address, choices: c.choices, ...(c.label ? { label: c.label } : {}) }]
      : [],
  );
  if (lists.length) await port.setListValidations(layout.sheet, lists);
}

/**
 * Writes every cell of a new sheet (creating it), its defined names (assumptions and anchors), column
 * widths, merges and row heights, and records the owned cells in `owned`.
 *
 * @example
 * await writeLayout(port, layout, "CFS Targeted Prevention", owned);
 */
export async function writeLayout(
  port: WorkbookPort,
  layout: SheetLayout,
  owner: string,
  owned: Map<string, OwnedRecord>,
): Promise<void> {
  const sheets = await port.listSheets();
  if (!sheets.some((s) => s.name === layout.sheet))
    await port.addSheet(layout.sheet, layout.print ? { print: layout.print } : undefined);
  const live = liveFormulas(layout, owned);
  await port.writeCells(
    layout.sheet,
    layout.cells.map((c) => writeOf(c, live.has(c.address))),
  );
  const names = layout.cells.flatMap((c) =>
    c.kind === "input" && c.name ? [{ name: c.name, sheet: layout.sheet, address: c.address }] : [],
  );
  if (names.length) await port.defineNames(names);
  // Anchors left by a sheet of the same name that was deleted would otherwise clash.
  await port.deleteNames(anchorNameList(layout));
  await port.defineNames(anchorNames(layout));
  await writeListValidations(port, layout);
  if (layout.columnWidths) await port.setColumnWidths(layout.sheet, layout.columnWidths);
  // After the cells, so a merged cell takes its top-left cell's style across.
  if (layout.merges?.length) await port.mergeCells(layout.sheet, layout.merges);
  if (layout.rowHeights?.length) await port.setRowHeights(layout.sheet, layout.rowHeights);
  recordOwned(layout, owner, owned);
}

/**
 * Records in `owned` what a layout's owned cells are written with (as `writeLayout` does). A sheet written
 * before the sheets it links to records them first, so its links are known to read cells the add-in writes.
 *
 * @example
 * recordOwned(proposalLayout, "CFS Targeted Prevention", owned); // owned.has("CFS Targeted Prevention!J38")
 */
export function recordOwned(layout: SheetLayout, owner: string, owned: Map<string, OwnedRecord>): void {
  for (const c of layout.cells.filter(isOwned)) {
    owned.set(ownedKey(layout.sheet, c.address), {
      owner,
      layoutId: layout.layoutId,
      sheet: layout.sheet,
      address: c.address,
      written: written(c),
    });
  }
}

/**
 * Options of a sync: `placements` says where sheets' layouts are now (absent: where they were laid out);
 * `keepUnrecorded` keeps content found in a cell the register has no record of (a sheet that grows into
 * rows the user may have typed in, like the Dashboard). Sheets that move their own rows (Programme, proposal
 * sheets) re-lay cells whose records are at other addresses, so they write over such content.
 */
export interface SyncOptions {
  readonly dryRun: boolean;
  readonly placements?: Placements;
  readonly keepUnrecorded?: boolean;
  /** One refresh's shared record of evaluated formulas (cachedResults.ts); absent: a check of this sync only. */
  readonly formulas?: FormulaCheck;
}

/**
 * Brings the owned cells of an existing sheet up to date: rewrites those whose content the add-in wrote
 * and that now differ from the layout, keeps (and flags) those edited by hand. Returns every change and
 * every kept edit; with `dryRun` nothing is written. With `keepUnrecorded`, a cell newly laid out (no record)
 * that already holds something else is the user's: kept and reported like a hand edit. Cells are read and
 * written where the sheet's placement puts them, formulas translated to match; the register keeps layout
 * addresses and layout formulas. A formula that refers to a sheet that could not be placed is left alone.
 *
 * @example
 * const changes = await syncOwned(port, layout, "CFS Targeted Prevention", owned, { dryRun: false });
 */
export async function syncOwned(
  port: WorkbookPort,
  layout: SheetLayout,
  owner: string,
  owned: Map<string, OwnedRecord>,
  options: SyncOptions,
): Promise<CellChange[]> {
  const { placements } = options;
  const placement = placements?.get(layout.sheet);
  if (placements && !placement) return [];
  const at = (address: string): string => (placement ? placeAddress(placement, address) : address);
  const moved = (w: Written, others: "fail" | "keep"): Written | null => {
    if (w.kind !== "formula" || !placements) return w;
    const formula = translateFormula(w.formula, layout.sheet, placements, others);
    return formula === null ? null : { kind: "formula", formula };
  };
  const named = cellWordsOf(layout);
  const wordsOf = (cell: OwnedCell): { words?: CellWords; numberFormat?: string } => {
    const w = named.get(cell.address);
    return { ...(w ? { words: w } : {}), ...(cell.numberFormat ? { numberFormat: cell.numberFormat } : {}) };
  };
  const cells = layout.cells.filter(isOwned).flatMap((cell) => {
    const want = written(cell);
    const here = moved(want, "fail");
    const rec = owned.get(ownedKey(layout.sheet, cell.address));
    // What was written may refer to a sheet since deleted: compared as it was.
    const last = rec ? moved(rec.written, "keep") : undefined;
    if (here === null || last === null) return [];
    const placed: OwnedCell =
      here.kind === "formula" && cell.kind === "formula"
        ? { ...cell, address: at(cell.address), formula: here.formula }
        : { ...cell, address: at(cell.address) };
    return [{ cell, placed, want, here, rec, last }];
  });
  const current = await port.readCells(
    layout.sheet,
    cells.map((c) => c.placed.address),
  );
  const out: CellChange[] = [];
  const writes: CellWrite[] = [];
  const keptAddresses: { address: string; key: string; after: CellScalar }[] = [];
  /** Cleared by the user and filled again: any hand-edit note of ours on them goes. */
  const released: string[] = [];
  // A sheet that grows (the Dashboard) must not write over what the user typed below it.
  const kept = cells.map(({ here, last }, i) => {
    const cur = current[i];
    const theirs = last
      ? !matchesWritten(cur, last)
      : options.keepUnrecorded === true && !matchesWritten(cur, here);
    return !isEmpty(cur) && theirs;
  });
  // A formula reading a kept edit shows the user's figure, not the engine's: its format cannot follow the latter.
  const live = liveFormulas(
    layout,
    owned,
    new Set(cells.flatMap((c, i) => (kept[i] ? [c.cell.address] : []))),
  );
  const results = await formulaResults(port, layout, owner, cells, kept, at, options);
  // Rows whose title (their column-A text) changes: what their other cells held was the old title's.
  const oldTitles = new Map<number, string>();
  cells.forEach(({ cell }, i) => {
    const at = parseAddress(cell.address);
    const was = current[i].value;
    if (at.column === 1 && typeof was === "string" && typeof cell.value === "string" && was !== cell.value)
      oldTitles.set(at.row, was);
  });
  const beforeFormat = (cell: OwnedCell): { beforeNumberFormat?: string } => {
    const at = parseAddress(cell.address);
    const title = at.column === 1 ? undefined : oldTitles.get(at.row);
    const format = title === undefined ? undefined : formatOnRowTitled(layout, at.column, title);
    return format === undefined ? {} : { beforeNumberFormat: format };
  };
  cells.forEach(({ cell, placed: laid, here, rec }, i) => {
    const cur = current[i];
    const key = ownedKey(layout.sheet, cell.address);
    const want = cells[i].want;
    // A formula's cached result is what the sheet computes from its cells as they will be.
    const placed: OwnedCell = laid.kind === "formula" ? { ...laid, value: results[i] ?? laid.value } : laid;
    const change = (kept: boolean): CellChange => ({
      owner,
      sheet: layout.sheet,
      address: placed.address,
      key: cell.key,
      before: cur.value,
      after: kept ? cell.value : placed.value,
      kept,
      ...wordsOf(cell),
      ...(kept ? {} : beforeFormat(cell)),
    });
    if (kept[i]) {
      out.push(change(true));
      keptAddresses.push({ address: placed.address, key: cell.key, after: cell.value });
      return;
    }
    // ExcelJS does not save a cached result of 0, so a formula reading back blank where 0 is due is unchanged.
    const zeroResult = placed.kind === "formula" && cur.value === null && placed.value === 0;
    const same = matchesWritten(cur, here) && (sameValue(cur.value, placed.value) || zeroResult);
    if (!same) {
      writes.push(writeOf(placed, live.has(cell.address)));
      out.push(change(false));
      if (rec && isEmpty(cur)) released.push(placed.address);
    }
    owned.set(key, {
      owner,
      layoutId: layout.layoutId,
      sheet: layout.sheet,
      address: cell.address,
      written: want,
    });
  });
  if (options.formulas && writes.length) {
    const check = options.formulas;
    if (options.dryRun) {
      // What this sync would have written, for the later syncs' formulas that read it.
      const pending = check.pending.get(layout.sheet) ?? new Map<string, CellContent>();
      for (const w of writes) pending.set(w.address, { value: w.value, formula: w.formula });
      check.pending.set(layout.sheet, pending);
    } else check.grids.delete(layout.sheet);
  }
  if (!options.dryRun) {
    if (writes.length) await port.writeCells(layout.sheet, writes);
    if (keptAddresses.length) {
      const notes = await port.readNotes(
        layout.sheet,
        keptAddresses.map((k) => k.address),
      );
      // One batch: in Excel each note call is a round trip.
      const changed = keptAddresses
        .map((k, i) => ({ address: k.address, text: handEditNote(notes[i], k.key, k.after), was: notes[i] }))
        .filter((n) => n.was !== n.text);
      if (changed.length) await port.setNotes(layout.sheet, changed);
    }
    if (released.length) {
      const notes = await port.readNotes(layout.sheet, released);
      for (let i = 0; i < released.length; i++) {
        const note = notes[i];
        if (note === null) continue;
        const theirs = withoutOurNote(note);
        if (theirs === note) continue;
        if (theirs === "") await port.deleteNote(layout.sheet, released[i]);
        else await port.setNote(layout.sheet, released[i], theirs);
      }
    }
  }
  return out;
}

/**
 * Each owned formula's cached result as the spreadsheet computes it from the cells as this sync leaves them
 * (its writes over the sheet, kept hand edits, rows the user typed, other sheets), undefined where it keeps
 * the engine's value (a kept cell, no formula, outside the evaluator's grammar). Figures that differ from the
 * engine's because of a kept edit or a typed cell are recorded in `options.formulas`.
 */
async function formulaResults(
  port: WorkbookPort,
  layout: SheetLayout,
  owner: string,
  cells: readonly { readonly cell: OwnedCell; readonly placed: OwnedCell }[],
  kept: readonly boolean[],
  at: (address: string) => string,
  options: SyncOptions,
): Promise<(CellScalar | undefined)[]> {
  if (!cells.some((c, i) => !kept[i] && c.placed.kind === "formula")) return cells.map(() => undefined);
  const overlay = new Map<string, CellContent>();
  cells.forEach(({ placed }, i) => {
    if (kept[i]) return;
    overlay.set(
      placed.address,
      placed.kind === "formula" ? { value: placed.value, formula: placed.formula } : { value: placed.value },
    );
  });
  const book = await loadFormulaBook(port, layout.sheet, overlay, options.formulas);
  const results = cells.map(({ cell, placed }, i) => {
    if (kept[i] || placed.kind !== "formula") return undefined;
    const v = cachedResult(book, layout.sheet, placed.address, placed.formula, options.formulas);
    // The same figure (within 1e-9) keeps the engine's digits, so a refreshed sheet reads as a fresh one.
    return v === undefined || sameValue(v, cell.value) ? undefined : v;
  });
  if (options.formulas) {
    const named = cellWordsOf(layout);
    const differing = cells.flatMap(({ cell, placed }, i) => {
      const shown = results[i];
      const caption = named.get(cell.address)?.caption;
      return shown === undefined
        ? []
        : [
            {
              key: cell.key,
              address: placed.address,
              shown,
              computed: cell.value,
              ...(caption ? { caption } : {}),
              ...(cell.numberFormat ? { numberFormat: cell.numberFormat } : {}),
            },
          ];
    });
    if (differing.length) {
      const keptCells = new Map(
        cells.flatMap(({ cell, placed }, i) => (kept[i] ? [[placed.address, cell.key] as const] : [])),
      );
      const laidOut = new Set(layout.cells.map((c) => at(c.address)));
      options.formulas.counted.push(
        ...countedCells(book, owner, layout.sheet, differing, keptCells, laidOut),
      );
    }
  }
  return results;
}
