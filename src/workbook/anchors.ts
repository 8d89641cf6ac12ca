import { columnLetter, columnNumber, expandRange, parseAddress, sheetRef } from "./address";
import type { DefinedName } from "./port";
import type { SheetLayout } from "./layouts/types";

/**
 * Anchoring layouts by defined names, so refresh follows rows and columns the user inserts or deletes.
 *
 * A layout is declared in its own coordinates ("layout addresses", where the add-in first wrote it). Every
 * layout row that holds a cell the add-in reads or writes, and every layout column, gets a workbook-scoped
 * defined name: a one-row (or one-column) rectangle across (or down) the layout. Excel and LibreOffice move
 * these names with inserted and deleted rows and columns (a deleted row's name becomes #REF!), so reading
 * them back gives, per sheet, where each layout row and column is now: a *placement*. Cells are read and
 * written at their placed addresses and owned formulas are translated to them; the register keeps layout
 * addresses, so it does not go stale when the sheet moves.
 */

/** Where a sheet's layout rows and columns are now (layout index → current index, both 1-based). */
export interface SheetPlacement {
  readonly sheet: string;
  readonly rows: ReadonlyMap<number, number>;
  readonly columns: ReadonlyMap<number, number>;
  /** True when the sheet has no anchor names (a workbook written before anchoring): placed where laid out. */
  readonly legacy: boolean;
}

/** Placements of the sheets that could be placed, by sheet name. Sheets that could not be are absent. */
export type Placements = ReadonlyMap<string, SheetPlacement>;

/** The layout rows and columns a layout anchors, and the extent of its anchor rectangles. */
interface AnchorPlan {
  readonly rows: readonly number[];
  readonly columns: readonly number[];
  readonly width: number;
  readonly height: number;
}

/** FNV-1a, so two sheets whose names slug alike ("CFS-1", "CFS 1") still get distinct anchors. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * Prefix of a sheet's anchor names: letters and digits of the sheet name plus a hash of the exact name.
 *
 * @example
 * anchorPrefix("Programme") // "_mtfs_at_Programme_dfvy9h"
 */
export function anchorPrefix(sheet: string): string {
  const slug = sheet.replace(/[^A-Za-z0-9]/g, "").slice(0, 24);
  return `_mtfs_at_${slug}_${shortHash(sheet)}`;
}

/**
 * Name of the anchor of one layout row or column of a sheet.
 *
 * @example
 * anchorName("Programme", "row", 12) // "_mtfs_at_Programme_dfvy9h_r12"
 * anchorName("Programme", "column", 5) // "_mtfs_at_Programme_dfvy9h_cE"
 */
export function anchorName(sheet: string, axis: "row" | "column", index: number): string {
  return `${anchorPrefix(sheet)}_${axis === "row" ? `r${index}` : `c${columnLetter(index)}`}`;
}

function plan(layout: SheetLayout): AnchorPlan {
  const rows = new Set<number>();
  let width = 1;
  let height = 1;
  const note = (address: string, anchored: boolean): void => {
    const { row, column } = parseAddress(address);
    width = Math.max(width, column);
    height = Math.max(height, row);
    if (anchored) rows.add(row);
  };
  for (const c of layout.cells) note(c.address, c.kind !== "label");
  if (layout.statusAddress) note(layout.statusAddress, true);
  return {
    rows: [...rows].sort((a, b) => a - b),
    columns: Array.from({ length: width }, (_, i) => i + 1),
    width,
    height,
  };
}

/**
 * The anchor names of a layout as laid out (to define when the sheet is written).
 *
 * @example
 * await port.defineNames(anchorNames(layout));
 */
export function anchorNames(layout: SheetLayout): DefinedName[] {
  return placementNames(layout, identityPlacement(layout));
}

/** Every anchor name a layout uses (to delete before it is laid out again). */
export function anchorNameList(layout: SheetLayout): string[] {
  return anchorNames(layout).map((n) => n.name);
}

/**
 * A sheet placed where its layout put it (a new sheet, or one written before anchoring).
 *
 * @example
 * placeAddress(identityPlacement(layout), "B7") // "B7"
 */
export function identityPlacement(layout: SheetLayout, legacy = false): SheetPlacement {
  const p = plan(layout);
  return {
    sheet: layout.sheet,
    rows: new Map(p.rows.map((r) => [r, r])),
    columns: new Map(p.columns.map((c) => [c, c])),
    legacy,
  };
}

function corners(address: string): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b = a] = address.split(":");
  try {
    const from = parseAddress(a);
    const to = parseAddress(b);
    return { top: from.row, left: from.column, bottom: to.row, right: to.column };
  } catch {
    return null;
  }
}

/** Why a sheet could not be placed, in words for the report. */
export interface PlacementProblem {
  readonly sheet: string;
  readonly message: string;
}

/** Where an anchor's row (or column) is now; null when the name is gone, points elsewhere or spans several. */
function anchoredIndex(n: DefinedName | undefined, sheet: string, axis: "row" | "column"): number | null {
  const at = n && n.sheet === sheet ? corners(n.address) : null;
  if (!at) return null;
  if (axis === "row") return at.top === at.bottom ? at.top : null;
  return at.left === at.right ? at.left : null;
}

/** The layout rows and columns of a sheet whose anchors are gone (deleted with their row or column). */
export interface LostAnchors {
  readonly rows: ReadonlySet<number>;
  readonly columns: ReadonlySet<number>;
}

/**
 * The layout rows and columns whose anchors are gone or changed, so a sheet that cannot be placed can still
 * say which of its cells were deleted; none on a sheet with no anchors at all (written before anchoring).
 *
 * @example
 * lostAnchors(cfsLayout, names).rows // Set { 40, 41 } after the user deleted those rows
 */
export function lostAnchors(layout: SheetLayout, names: ReadonlyMap<string, DefinedName>): LostAnchors {
  const p = plan(layout);
  const sheet = layout.sheet;
  const rowNames = p.rows.map((r) => [r, names.get(anchorName(sheet, "row", r))] as const);
  const colNames = p.columns.map((c) => [c, names.get(anchorName(sheet, "column", c))] as const);
  if ([...rowNames, ...colNames].every(([, n]) => n === undefined))
    return { rows: new Set(), columns: new Set() };
  return {
    rows: new Set(rowNames.filter(([, n]) => anchoredIndex(n, sheet, "row") === null).map(([r]) => r)),
    columns: new Set(colNames.filter(([, n]) => anchoredIndex(n, sheet, "column") === null).map(([c]) => c)),
  };
}

/** A cell's text for a message, shortened. */
function shown(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

/**
 * A layout row in words: a Programme row by its opportunity name ("typed" when it links to no proposal
 * sheet), any other row by its first caption.
 */
function rowCaption(layout: SheetLayout, row: number): { caption?: string; typed: boolean } {
  const cells = layout.cells
    .filter((c) => parseAddress(c.address).row === row)
    .sort((a, b) => parseAddress(a.address).column - parseAddress(b.address).column);
  const name = cells.find((c) => c.kind === "input" && /\.opportunity$/.test(c.path));
  if (name?.kind === "input") {
    const text = typeof name.value === "string" ? shown(name.value) : "";
    const typed = !name.link;
    return { caption: `"${text}"${typed ? ", a typed row" : ""}`, typed };
  }
  const label = cells.find((c) => c.kind === "label" && c.text.trim() !== "");
  return { caption: label?.kind === "label" ? `"${shown(label.text)}"` : undefined, typed: false };
}

/** A layout column in words: its first caption from the top. */
function columnCaption(layout: SheetLayout, column: number): string | undefined {
  const label = layout.cells
    .filter((c) => c.kind === "label" && c.text.trim() !== "" && parseAddress(c.address).column === column)
    .sort((a, b) => parseAddress(a.address).row - parseAddress(b.address).row)[0];
  return label?.kind === "label" ? `"${shown(label.text)}"` : undefined;
}

/**
 * Where a layout is now, from the workbook's defined names; a problem when an anchor is gone (its row or
 * column was deleted), points elsewhere, or rows or columns were reordered.
 *
 * @example
 * const placed = placeLayout(layout, new Map(names.map((n) => [n.name, n])));
 * if ("message" in placed) report(placed.message);
 */
export function placeLayout(
  layout: SheetLayout,
  names: ReadonlyMap<string, DefinedName>,
): SheetPlacement | PlacementProblem {
  const p = plan(layout);
  const sheet = layout.sheet;
  const rowNames = p.rows.map((r) => [r, names.get(anchorName(sheet, "row", r))] as const);
  const colNames = p.columns.map((c) => [c, names.get(anchorName(sheet, "column", c))] as const);
  const found = [...rowNames, ...colNames].filter(([, n]) => n !== undefined).length;
  if (found === 0) return identityPlacement(layout, true);
  const problem = (what: string, advice = ""): PlacementProblem => ({
    sheet,
    message: `${what}; undo that, then refresh again${advice}`,
  });
  const rows = new Map<number, number>();
  for (const [r, n] of rowNames) {
    const at = anchoredIndex(n, sheet, "row");
    if (at === null) {
      const row = rowCaption(layout, r);
      return problem(
        `row ${r} as laid out${row.caption ? ` (${row.caption})` : ""} was deleted`,
        row.typed
          ? "; to drop a typed row, clear its cells (name, type and figures) instead of deleting the row: a cleared row adds nothing"
          : "",
      );
    }
    rows.set(r, at);
  }
  const columns = new Map<number, number>();
  for (const [c, n] of colNames) {
    const at = anchoredIndex(n, sheet, "column");
    if (at === null) {
      const caption = columnCaption(layout, c);
      return problem(`column ${columnLetter(c)} as laid out${caption ? ` (${caption})` : ""} was deleted`);
    }
    columns.set(c, at);
  }
  const increasing = (m: ReadonlyMap<number, number>): boolean => {
    const xs = [...m].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    return xs.every((x, i) => i === 0 || x > xs[i - 1]);
  };
  if (!increasing(rows) || !increasing(columns)) return problem("rows or columns were moved out of order");
  return { sheet, rows, columns, legacy: false };
}

/** Current index of a layout index: exact when anchored, else by the offset of the nearest anchor before it. */
function mapIndex(m: ReadonlyMap<number, number>, i: number): number {
  const exact = m.get(i);
  if (exact !== undefined) return exact;
  const keys = [...m.keys()];
  const before = keys.filter((k) => k < i);
  const k = before.length ? Math.max(...before) : keys.length ? Math.min(...keys) : undefined;
  return k === undefined ? i : (m.get(k) as number) + (i - k);
}

/**
 * The current address of a layout cell (row and column mapped separately; "$" kept).
 *
 * @example
 * placeAddress(placement, "D15") // "E16" after a row and a column were inserted above and before it
 */
export function placeAddress(p: SheetPlacement, address: string): string {
  const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`not an A1 cell address: ${address}`);
  const column = mapIndex(p.columns, columnNumber(m[2]));
  const row = mapIndex(p.rows, Number(m[4]));
  return `${m[1]}${columnLetter(column)}${m[3]}${row}`;
}

function unquote(sheet: string): string {
  return sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

// A string literal, or a cell reference with an optional sheet prefix and an optional range end. The
// look-arounds keep names (mtfs_X_unitCost2), functions (LOG10(), numbers (1E5) and sheet names whole.
const REF = String.raw`\$?[A-Za-z]{1,3}\$?\d+(?![A-Za-z0-9_(!])`;
const TOKEN = new RegExp(
  String.raw`("(?:[^"]|"")*")|(?<![A-Za-z0-9_.$:'!])((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(${REF})(:${REF})?`,
  "g",
);

/** One cell a formula refers to: its sheet and address as written (each end of a range separately). */
export interface CellReference {
  readonly sheet: string;
  readonly address: string;
}

/**
 * The cells a formula refers to (string literals skipped), with the sheet each is on (`home` when unprefixed).
 *
 * @example
 * referencedCells("'CFS Targeted Prevention'!J38+SUM(E4:E7)", "Programme")
 * // [{ sheet: "CFS Targeted Prevention", address: "J38" }, { sheet: "Programme", address: "E4" }, { sheet: "Programme", address: "E7" }]
 */
export function referencedCells(formula: string, home: string): CellReference[] {
  const out: CellReference[] = [];
  for (const m of formula.matchAll(TOKEN)) {
    if (m[1] !== undefined) continue;
    const sheet = m[2] ? unquote(m[2].slice(0, -1)) : home;
    out.push({ sheet, address: m[3] });
    if (m[4]) out.push({ sheet, address: m[4].slice(1) });
  }
  return out;
}

/** What a formula reads: every cell (ranges expanded, `$` dropped) with its sheet, and the defined names it uses. */
export interface FormulaReads {
  readonly cells: readonly CellReference[];
  readonly names: readonly string[];
}

/**
 * The cells and defined names a formula reads (string literals skipped; functions and TRUE/FALSE are not names).
 *
 * @example
 * formulaReads("IF(SUM(C1:C2)>0,MTFS_OptimismBias,0)", "CFS") // { cells: [CFS C1, CFS C2], names: ["MTFS_OptimismBias"] }
 */
export function formulaReads(formula: string, home: string): FormulaReads {
  const cells: CellReference[] = [];
  const rest = formula.replace(
    TOKEN,
    (all, text: string | undefined, prefix: string | undefined, a: string, b: string | undefined) => {
      if (text !== undefined) return " ";
      const sheet = prefix ? unquote(prefix.slice(0, -1)) : home;
      for (const address of expandRange(b ? `${a}${b}` : a)) cells.push({ sheet, address });
      return " ";
    },
  );
  const names = [...rest.matchAll(/(?<![A-Za-z0-9_.])[A-Za-z_\\][A-Za-z0-9_.]*(?!\s*[(A-Za-z0-9_.!])/g)]
    .map((m) => m[0])
    .filter((n) => !/^(TRUE|FALSE)$/i.test(n));
  return { cells, names };
}

/**
 * A formula written in layout addresses, rewritten for where its cells are now: every cell reference (on its
 * own sheet or another) goes through that sheet's placement, each end of a range separately, as a spreadsheet
 * moves references on insert. Null when it refers to a sheet with no placement (one that could not be found).
 *
 * @example
 * translateFormula("SUM(E4:E7)", "Programme", placements) // "SUM(E4:E8)" after a row was inserted at 6
 */
export function translateFormula(
  formula: string,
  home: string,
  placements: Placements,
  others: "fail" | "keep" = "fail",
): string | null {
  let failed = false;
  const out = formula.replace(
    TOKEN,
    (all, text: string | undefined, prefix: string | undefined, a: string, rest: string | undefined) => {
      if (text !== undefined) return all;
      const sheet = prefix ? unquote(prefix.slice(0, -1)) : home;
      const p = placements.get(sheet);
      if (!p) {
        failed ||= others === "fail";
        return all;
      }
      const b = rest ? rest.slice(1) : undefined;
      return `${prefix ?? ""}${placeAddress(p, a)}${b ? `:${placeAddress(p, b)}` : ""}`;
    },
  );
  return failed ? null : out;
}

/**
 * A formula with its references to sheet `from` spelled for sheet `to` (string literals left alone), as a
 * spreadsheet rewrites formulas when a sheet is renamed.
 *
 * @example
 * renameSheetInFormula("'CFS'!J38+E4", "CFS", "CFS 2") // "'CFS 2'!J38+E4"
 */
export function renameSheetInFormula(formula: string, from: string, to: string): string {
  return formula.replace(
    TOKEN,
    (all, text: string | undefined, prefix: string | undefined, a: string, rest: string | undefined) =>
      text === undefined && prefix && unquote(prefix.slice(0, -1)) === from
        ? `${sheetRef(to)}!${a}${rest ?? ""}`
        : all,
  );
}

/**
 * A placement after `count` rows were inserted before current row `atRow`, with layout rows from `layoutRow`
 * on renumbered by `count` (the layout grew by those rows, which are placed at the inserted rows).
 *
 * @example
 * shiftPlacement(placement, 9, 8, 1) // layout row 8 now at sheet row 9, the old row 8 as layout row 9
 */
export function shiftPlacement(
  p: SheetPlacement,
  atRow: number,
  layoutRow: number,
  count: number,
): SheetPlacement {
  const rows = new Map<number, number>();
  for (const [k, v] of p.rows) rows.set(k >= layoutRow ? k + count : k, v >= atRow ? v + count : v);
  for (let i = 0; i < count; i++) rows.set(layoutRow + i, atRow + i);
  return { ...p, rows };
}

/**
 * The anchor names for a placement (layout ids, current rectangles), to redefine after the add-in itself
 * moved rows (ExcelJS does not move names when it inserts rows).
 *
 * @example
 * await port.defineNames(placementNames(layout, placement));
 */
export function placementNames(layout: SheetLayout, p: SheetPlacement): DefinedName[] {
  const pl = plan(layout);
  const last = columnLetter(mapIndex(p.columns, pl.width));
  const bottom = mapIndex(p.rows, pl.height);
  return [
    ...pl.rows.map((r) => {
      const row = mapIndex(p.rows, r);
      return {
        name: anchorName(layout.sheet, "row", r),
        sheet: layout.sheet,
        address: `A${row}:${last}${row}`,
      };
    }),
    ...pl.columns.map((c) => {
      const col = columnLetter(mapIndex(p.columns, c));
      return {
        name: anchorName(layout.sheet, "column", c),
        sheet: layout.sheet,
        address: `${col}1:${col}${bottom}`,
      };
    }),
  ];
}

/**
 * A layout with every cell at its placed address (formulas as laid out): for messages that name cells.
 *
 * @example
 * cellErrorMessage(movedLayout(layout, placement), error) // names the cell where it is now
 */
export function movedLayout<L extends SheetLayout>(layout: L, p: SheetPlacement): L {
  return { ...layout, cells: layout.cells.map((c) => ({ ...c, address: placeAddress(p, c.address) })) };
}

/** Whether a placement puts every anchored row and column where it was laid out. */
export function isIdentity(p: SheetPlacement): boolean {
  return [...p.rows, ...p.columns].every(([k, v]) => k === v);
}
