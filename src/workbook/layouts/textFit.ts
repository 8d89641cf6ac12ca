import { columnLetter, parseAddress } from "../address";
import type { LayoutCell } from "./types";

/**
 * Row heights for wrapped text. Spreadsheet applications do not grow a row to fit text in a merged cell (and
 * ExcelJS cannot measure text), so a layout estimates the height from the text length and the width it wraps
 * in. The estimate leans to one line too many rather than one too few: a little space under a paragraph
 * reads better than a clipped last line.
 */

/** Excel's default font size and the height of one of its lines, in points. */
export const DEFAULT_FONT_SIZE = 11;
const LINE_POINTS_PER_FONT_POINT = 15 / 11;
/** Excel refuses taller rows. */
export const MAX_ROW_HEIGHT = 409;

/**
 * Prose characters per unit of column width. A width unit is one "0" of the default font (7 px); an average
 * prose character of Calibri 11 is about 6.2 px (1.13 per unit), bold about 6.6 px (1.06). Kept a little
 * below, so the estimate errs towards an extra line.
 */
const CHARS_PER_WIDTH = { regular: 1.1, bold: 1.0 } as const;

export interface TextBox {
  /** Width in column-width units (sum over a merged cell's columns). */
  readonly width: number;
  readonly fontSize?: number;
  readonly bold?: boolean;
}

/**
 * Lines `text` takes when word-wrapped in a box (greedy, as spreadsheet applications wrap; a word longer than
 * a line is broken across lines; each "\n" starts a line).
 *
 * @example
 * wrappedLines("The proposal reduces the number of children coming into care.", { width: 18 }) // 4
 */
export function wrappedLines(text: string, box: TextBox): number {
  const size = box.fontSize ?? DEFAULT_FONT_SIZE;
  const perWidth = box.bold ? CHARS_PER_WIDTH.bold : CHARS_PER_WIDTH.regular;
  const capacity = Math.max(1, Math.floor((box.width * perWidth * DEFAULT_FONT_SIZE) / size) - 1);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let used = 0;
    let paragraphLines = 1;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= capacity) {
        used = need;
        continue;
      }
      if (used > 0) paragraphLines++;
      paragraphLines += Math.ceil(word.length / capacity) - 1;
      used = word.length % capacity || capacity;
    }
    lines += paragraphLines;
  }
  return Math.max(1, lines);
}

/**
 * Height in points of a row showing `lines` lines of text, at most Excel's maximum.
 *
 * @example
 * rowHeightFor(1) // 15
 */
export function rowHeightFor(lines: number, fontSize: number = DEFAULT_FONT_SIZE): number {
  const lineHeight = fontSize * LINE_POINTS_PER_FONT_POINT;
  const height = lines <= 1 ? Math.max(15, lineHeight) : lines * lineHeight + 3;
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(height * 4) / 4);
}

/**
 * The font size at which `text` fits in a box within Excel's maximum row height: the default size when it
 * fits, otherwise `smallest` (text longer still is clipped on screen but complete in the cell).
 *
 * @example
 * fittingFontSize("short", { width: 118 }) // 11
 */
export function fittingFontSize(text: string, box: TextBox, smallest = 9): number {
  const fits = (size: number): boolean =>
    wrappedLines(text, { ...box, fontSize: size }) * size * LINE_POINTS_PER_FONT_POINT + 3 <= MAX_ROW_HEIGHT;
  return fits(DEFAULT_FONT_SIZE) ? DEFAULT_FONT_SIZE : smallest;
}

/**
 * Width of a cell or merged range ("B4" or "B4:H4") in column-width units.
 *
 * @example
 * spanWidth("B4:C4", new Map([["B", 18], ["C", 18]])) // 36
 */
export function spanWidth(range: string, widths: ReadonlyMap<string, number>, fallback = 9): number {
  const [from, to = from] = range.split(":");
  const a = parseAddress(from).column;
  const b = parseAddress(to).column;
  let total = 0;
  for (let c = Math.min(a, b); c <= Math.max(a, b); c++) total += widths.get(columnLetter(c)) ?? fallback;
  return total;
}

/**
 * A height for every row holding a wrapped cell: the tallest of its wrapped cells, each wrapping in its merged
 * range when it is the top-left of one (merges are one row high), else in its column. Rows whose wrapped cells
 * are all empty get the one-line height, so the set of rows depends on the layout's shape, not on its text.
 *
 * @example
 * fitRowHeights(layout.cells, ["B4:H4"], widths) // [{ row: 4, height: 78 }, ...]
 */
export function fitRowHeights(
  cells: readonly LayoutCell[],
  merges: readonly string[],
  widths: ReadonlyMap<string, number>,
): { readonly row: number; readonly height: number }[] {
  const mergeAt = new Map(merges.map((m) => [m.split(":")[0], m]));
  const heights = new Map<number, number>();
  for (const cell of cells) {
    if (!cell.style?.wrap) continue;
    const text = cell.kind === "label" ? cell.text : cell.value;
    const row = parseAddress(cell.address).row;
    const fontSize = cell.style.fontSize ?? DEFAULT_FONT_SIZE;
    const lines =
      typeof text === "string" && text !== ""
        ? wrappedLines(text, {
            width: spanWidth(mergeAt.get(cell.address) ?? cell.address, widths),
            fontSize,
            bold: cell.style.bold,
          })
        : 1;
    heights.set(row, Math.max(heights.get(row) ?? 0, rowHeightFor(lines, fontSize)));
  }
  return [...heights].sort((x, y) => x[0] - y[0]).map(([row, height]) => ({ row, height }));
}

/** True when `text` fits in one row of Excel's maximum height, in the box's font. */
function fitsOneRow(text: string, box: TextBox): boolean {
  return rowHeightFor(wrappedLines(text, box), box.fontSize) < MAX_ROW_HEIGHT;
}

/**
 * Splits `text` into parts that each fit in one row of the box (under Excel's 409-point row limit), so a
 * long text is shown and printed whole over as many rows as it needs. Parts break at line breaks (which
 * the break then replaces); a paragraph taller than a row breaks between words, so joining the parts with
 * "\n" gives the text back, a line break standing for the space at such a break.
 *
 * @example
 * splitToRows("short", { width: 118 }) // ["short"]
 * splitToRows(longSolutions, { width: 118 }).length // 2
 */
export function splitToRows(text: string, box: TextBox): string[] {
  if (fitsOneRow(text, box)) return [text];
  const parts: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length) parts.push(current.join("\n"));
    current = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (fitsOneRow([...current, line].join("\n"), box)) {
      current.push(line);
      continue;
    }
    flush();
    if (fitsOneRow(line, box)) {
      current.push(line);
      continue;
    }
    // One paragraph taller than a row: break it between words.
    let words: string[] = [];
    for (const word of line.split(" ")) {
      if (words.length && !fitsOneRow([...words, word].join(" "), box)) {
        parts.push(words.join(" "));
        words = [];
      }
      words.push(word);
    }
    current = [words.join(" ")];
  }
  flush();
  return parts;
}

/**
 * Wraps each label in the first column of `span` ("A:B") whose text is longer than one line across the span,
 * in a merge of the span on its row (when no other cell of the row is in it), and returns the cells and
 * the merges added. A sheet printed several pages wide repeats its caption columns on each page: a note that
 * ran on past them printed cut at a page's edge, or past its margin (LibreOffice), and a long one set the
 * scale of every page.
 *
 * @example
 * wrapLongLabels(cells, widths, "A:B").merges // ["A25:B25", ...]
 */
export function wrapLongLabels(
  cells: readonly LayoutCell[],
  widths: ReadonlyMap<string, number>,
  span: string,
  merged: readonly string[] = [],
): { readonly cells: LayoutCell[]; readonly merges: string[] } {
  const [from, to = from] = span.split(":");
  const first = parseAddress(`${from}1`).column;
  const last = parseAddress(`${to}1`).column;
  const starts = new Set(merged.map((m) => m.split(":")[0]));
  const taken = new Set<number>();
  for (const c of cells) {
    const { row, column } = parseAddress(c.address);
    if (column > first && column <= last) taken.add(row);
  }
  const merges: string[] = [];
  const out = cells.map((c): LayoutCell => {
    if (c.kind !== "label" || c.style?.wrap || starts.has(c.address)) return c;
    const { row, column } = parseAddress(c.address);
    if (column !== first || taken.has(row)) return c;
    const range = `${from}${row}:${to}${row}`;
    const box = { width: spanWidth(range, widths), fontSize: c.style?.fontSize, bold: c.style?.bold };
    if (wrappedLines(c.text, box) <= 1) return c;
    if (last > first) merges.push(range);
    return { ...c, style: { ...c.style, wrap: true } };
  });
  return { cells: out, merges };
}
