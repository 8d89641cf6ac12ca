import { NIL_MONEY_TEXT, formatMoney, formatPercent } from "../../engine";
import { cellAddress, parseAddress } from "../address";
import type { CellScalar } from "../port";
import type { LayoutCell, SheetLayout } from "./types";

/**
 * An owned cell in the sheet's own words, read from its layout (the captions are declared there once): the
 * row's caption (the label to its left), the column's heading (the label above a table column) and the block
 * it sits in (the section heading above it). The refresh report names cells this way.
 */
export interface CellWords {
  /** "Cumulative benefit FY28/29", "Present value of benefits", "Baseline: Annual avoided starts". */
  readonly caption: string;
  /** The section the cell sits in: "Benefits profile over the MTFS", "Green Book view"; absent at the top. */
  readonly block?: string;
}

const FY_LABEL = /^FY ?\d\d\/\d\d\b/;

/**
 * A caption without its explanation in brackets: "Quantified opportunity over MTFS (net of …)" → "Quantified
 * opportunity over MTFS"; a short qualifier stays ("Benefits (real)"), a unit goes (the value says it).
 *
 * @example
 * shortCaption("Check: the same NPV by Excel's NPV() (year 0 added undiscounted)") // "Check: the same NPV by Excel's NPV()"
 */
export const shortCaption = (text: string): string => {
  const line = text.split("\n")[0];
  // The first bracket after a space: a function's own brackets ("Excel's NPV()") are part of its name.
  const m = /^(.*?)\s+\(([^)]+)\)(.*)$/.exec(line);
  const keep = m && m[2].length <= 12 && !/^(years?|cases|weeks|months|£.*|%.*)$/.test(m[2]);
  const cut = m === null ? line : keep ? `${m[1]} (${m[2]})` : m[1];
  return cut.trim() || text.trim();
};
/** A section title up to its colon: "Sensitivity: the quantified opportunity …" → "Sensitivity". */
const titleWords = (text: string): string => shortCaption(text).replace(/:\s.*$/, "");

const HEADING_FILL = "1F4E78";

const words = new WeakMap<SheetLayout, Map<string, CellWords>>();

/**
 * The words of every owned cell of `layout`, by its address in the layout (worked out once per layout).
 *
 * @example
 * cellWordsOf(proposalSheetLayout(s)).get("C40") // { caption: "Cumulative benefit FY28/29", block: "Benefits profile over the MTFS" }
 */
export function cellWordsOf(layout: SheetLayout): ReadonlyMap<string, CellWords> {
  const known = words.get(layout);
  if (known) return known;
  const at = new Map<string, LayoutCell>(layout.cells.map((c) => [c.address, c]));
  const out = new Map<string, CellWords>();
  // A section title: a heading label in column A merged across its row (a table's heading row is not merged).
  const merged = new Set((layout.merges ?? []).map((m) => m.split(":")[0]));
  const titles = layout.cells
    .flatMap((c) =>
      c.kind === "label" &&
      c.style?.fill === HEADING_FILL &&
      /^A\d+$/.test(c.address) &&
      merged.has(c.address)
        ? [{ row: parseAddress(c.address).row, text: titleWords(c.text) }]
        : [],
    )
    .sort((a, b) => a.row - b.row);
  for (const cell of layout.cells) {
    if (cell.kind !== "engine" && cell.kind !== "formula") continue;
    const { column, row } = parseAddress(cell.address);
    let rowLabel: string | undefined;
    for (let c = column - 1; c >= 1 && rowLabel === undefined; c--) {
      const left = at.get(cellAddress(c, row));
      if (left?.kind === "label") rowLabel = left.text;
    }
    // A table column's heading: the label met going up through the column's owned cells (no gap).
    let heading: string | undefined;
    for (let r = row - 1; r >= 1; r--) {
      const up = at.get(cellAddress(column, r));
      if (up?.kind === "label") heading = up.text;
      if (!up || up.kind === "label" || up.kind === "input") break;
    }
    const rowText = rowLabel === undefined ? undefined : shortCaption(rowLabel);
    const head = heading === undefined ? undefined : shortCaption(heading);
    const named =
      rowText && head
        ? FY_LABEL.test(rowText)
          ? `${head} ${rowText.replace(/^FY /, "FY")}`
          : `${rowText}: ${head}`
        : (head ?? rowText ?? cell.key);
    // A FY the key names and the caption does not (a total row under a heading it cannot see past inputs).
    const fy = /FY\d\d\/\d\d/.exec(cell.key)?.[0];
    const caption = fy && !named.replace(/FY /g, "FY").includes(fy) ? `${named} ${fy}` : named;
    const title = [...titles].reverse().find((t) => t.row <= row);
    out.set(cell.address, { caption, ...(title ? { block: title.text } : {}) });
  }
  words.set(layout, out);
  return out;
}

const titledFormats = new WeakMap<SheetLayout, Map<string, string | undefined>>();

/**
 * The number format `layout` gives the cell in `column` of the row whose column-A owned cell reads `title`
 * (a tornado row, titled by its input), undefined when no row is titled so. A figure read on a row before
 * refresh moved another input onto it belongs to its old title's input, and reads in that input's units.
 *
 * @example
 * formatOnRowTitled(layout, 2, "Inflation on the unit cost (% a year, from 1 April)") // "0.0#%"
 */
export function formatOnRowTitled(layout: SheetLayout, column: number, title: string): string | undefined {
  let known = titledFormats.get(layout);
  if (!known) {
    const titles = new Map<number, string>();
    for (const c of layout.cells)
      if (c.kind === "engine" && typeof c.value === "string" && parseAddress(c.address).column === 1)
        titles.set(parseAddress(c.address).row, c.value);
    known = new Map();
    for (const c of layout.cells) {
      if (c.kind !== "engine" && c.kind !== "formula") continue;
      const at = parseAddress(c.address);
      const t = titles.get(at.row);
      if (t !== undefined && !known.has(`${at.column}|${t}`)) known.set(`${at.column}|${t}`, c.numberFormat);
    }
    titledFormats.set(layout, known);
  }
  return known.get(`${column}|${title}`);
}

/**
 * An owned cell's value as the sheet shows it, by its declared number format: money through the one money
 * rule (`formatMoney`: £m, £k below £0.1m, "-" below £50), percentages as such, other numbers to 2 dp, text
 * in quotes, a blank as "(blank)".
 *
 * @example
 * shownValue('"£"#,##0.00,,"m"', -851_965.63) // "-£0.85m"
 * shownValue("0.0%", 0.25) // "25.0%"
 * shownValue(undefined, "FY31/32") // '"FY31/32"'
 */
export function shownValue(numberFormat: string | undefined, v: CellScalar): string {
  if (v === null || v === "") return "(blank)";
  if (typeof v === "number") {
    const typed = String(Math.round(v * 100) / 100);
    // A figure too small for £k (0.05 typed into a £ cell) reads as typed, not as the nil dash.
    if (numberFormat?.includes("£"))
      return formatMoney(v) === NIL_MONEY_TEXT && v !== 0 && Number(typed) !== 0 ? typed : formatMoney(v);
    if (numberFormat?.includes("%")) return formatPercent(v, 1);
    return typed;
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return `"${String(v)}"`;
}
