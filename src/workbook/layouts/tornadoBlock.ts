import {
  Decimal,
  endsNote,
  sensitivityNote,
  fieldCaption,
  rankedRows,
  unmovedLine,
  type CaptionContext,
  type Sensitivity,
  type SensitivityRow,
} from "../../engine";
import type { BarChartSpec } from "../port";
import { INPUT_PERCENT_FORMAT, MILLIONS_FORMAT, POUNDS_FORMAT, STYLES, type LayoutCell } from "./types";
import { toPenny } from "./cellWriters";

/**
 * The longest "inputs change nothing" line the base row holds from column C to the printed page's edge (a
 * longer one names no input, so it is never cut at the margin).
 */
export const UNMOVED_LINE_CHARS = 130;
/**
 * A tornado block: the quantified opportunity with each input alone at its low and its high (sensitivity.ts),
 * as a table sorted by swing and a bar chart of each end's change from the base. Its rows are fixed when the
 * sheet is laid out (`rows`), so refresh rewrites the same cells whatever the inputs; the table shows the
 * `rows` largest swings. Figures at each end are engine values (a tornado is not a standard formula); the
 * swing and the changes are formulas over them and the base cell. Inputs that change nothing (rankedRows) take
 * no row and no bar; a line beside the base figure counts them.
 */

/** The most inputs a block shows: a tornado reads by its longest bars. */
export const TORNADO_MAX_ROWS = 10;

/** The tornado chart's identity on its sheet (what a redraw replaces). */
export const TORNADO_CHART_NAME = "MTFS tornado";

const LAST_COLUMN = "I";
const TABLE_HEADING = { ...STYLES.heading, wrap: true } as const;
const HEADERS = [
  "Input (moved alone)",
  "Low",
  "High",
  "Quantified opportunity at low",
  "Quantified opportunity at high",
  "Swing",
  "Change at low",
  "Change at high",
  "Note",
] as const;

/** An input's end with no format of its own: thousands separated, up to two decimals. */
const PLAIN_FORMAT = "#,##0.0#";

/**
 * An input's format from the unit of its engine caption (% as a percent, £ as pounds); a target's unit
 * depends on its kind, which the caption alone does not know, so it stays plain.
 */
function formatByUnit(path: string): string | undefined {
  if (/target\.value$/.test(path)) return undefined;
  return formatOfCaption(fieldCaption(path.replace(/^assumptions\./, "")));
}

function formatOfCaption(caption: string): string | undefined {
  const unit = unitOfCaption(caption);
  return unit === "percent" ? INPUT_PERCENT_FORMAT : unit === "pounds" ? POUNDS_FORMAT : undefined;
}

/** An input's unit from its caption's bracket: "(% of starts)" a percent, "(£ a week)" pounds, else plain. */
function unitOfCaption(caption: string): InputUnit {
  if (/\(%|\(% /.test(caption)) return "percent";
  if (/\(£/.test(caption)) return "pounds";
  return "plain";
}

/** How an input's low and high read: a percent, whole pounds, or a plain number. */
export type InputUnit = "percent" | "pounds" | "plain";

const isRecord = (x: unknown): x is Readonly<Record<string, unknown>> =>
  typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof Decimal);

/** The record at a path's parent and its block (the stream it sits in, else the assumptions). */
function contextAt(tree: unknown, path: string): CaptionContext {
  const keys = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : m[1],
  );
  const down = (node: unknown, k: string | number): unknown =>
    isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[k] : undefined;
  const parent = keys.slice(0, -1).reduce(down, tree);
  const block = keys[0] === "streams" ? down(down(tree, "streams"), keys[1]) : tree;
  return {
    ...(isRecord(parent) ? { parent } : {}),
    ...(isRecord(block) ? { block } : {}),
  };
}

/**
 * Captions, units and formats of a proposal's inputs from its risk model's assumptions (`tree`, the record the
 * tornado's paths are into), for a place that has no assumption cells to take them from (the Risk sheet, the
 * CLI): a target's unit from its kind (a percent target in %), as the proposal sheet shows it. A stream's input
 * is prefixed "Stream 2: " only when there are several streams.
 *
 * @example
 * inputWordsIn(cfsModel.assumptions).formatOf("target.value") // INPUT_PERCENT_FORMAT
 * inputWordsIn(cfsModel.assumptions).captionOf("target.value") // "Target (% of starts)"
 */
export function inputWordsIn(tree: unknown): {
  captionOf: (path: string) => string;
  formatOf: (path: string) => string | undefined;
  unitOf: (path: string) => InputUnit;
} {
  const caption = (path: string): string => {
    const rel = path.replace(/^assumptions\./, "");
    return fieldCaption(rel, contextAt(tree, rel));
  };
  const streams = isRecord(tree) && Array.isArray(tree.streams) ? tree.streams.length : 0;
  return {
    captionOf: (path) => {
      const stream = /^(?:assumptions\.)?streams\[(\d+)\]/.exec(path);
      return stream && streams > 1 ? `Stream ${Number(stream[1]) + 1}: ${caption(path)}` : caption(path);
    },
    formatOf: (path) => formatOfCaption(caption(path)),
    unitOf: (path) => unitOfCaption(caption(path)),
  };
}

/** What a tornado block is laid out from. */
export interface TornadoBlockInput {
  readonly sheet: string;
  /** First row (the block's heading). */
  readonly first: number;
  /** Table rows, fixed when the sheet was laid out. */
  readonly rows: number;
  /** The tornado; absent when only locating cells (or the model refused the risk block): cells are blank. */
  readonly sensitivity?: Sensitivity;
  /** The FY whose figure swings ("FY29/30"). */
  readonly fy: string;
  /**
   * A formula (without "=") giving the base figure on the sheet, e.g. the quantified opportunity cell; absent:
   * the engine's base figure as a value.
   */
  readonly baseFormula?: string;
  /** The input as the sheet shows it, by the engine's path ("unitCost.weeklyCost"). */
  readonly captionOf: (path: string, proposal: string) => string;
  /** The number format of an input's low and high, by path. */
  readonly formatOf?: (path: string, proposal: string) => string | undefined;
  /** Key prefix of the owned cells ("sensitivity"). */
  readonly key?: string;
  /** Chart title's subject ("the quantified opportunity", "the programme's MTFS row"). */
  readonly subject?: string;
  /** Left edge column of the chart (a letter): K beside the table, A under it. */
  readonly chartColumn?: string;
  /**
   * The chart sits under the table, six columns wide and this many rows tall, past one empty row (a sheet
   * printed one page across, where a chart beside the table shrank the print); absent: beside the table.
   */
  readonly chartRowsBelow?: number;
  /** The note's last sentence: when the figures change (default: refresh recomputes them). */
  readonly when?: string;
  /**
   * The heading and note wrap in column A alone, not across the table: a sheet printed pages wide with
   * column A repeated cut a wider one at the page's edge.
   */
  readonly inCaptionColumn?: boolean;
}

/** The block's cells and merges, the first row after it, and its chart. */
export interface TornadoBlock {
  readonly cells: LayoutCell[];
  readonly merges: string[];
  /** The heading and note merges of the block before `inCaptionColumn` (SheetLayout.formerMerges). */
  readonly formerMerges: string[];
  readonly next: number;
  readonly chart: BarChartSpec;
}

/**
 * How many rows a sheet laid out now gives its tornado: every input that changes a figure, up to
 * TORNADO_MAX_ROWS; 0 without one.
 *
 * @example
 * tornadoRowsFor(cfsModelled.sensitivity) // 10 (CFS moves 10 of its 11 inputs)
 */
export function tornadoRowsFor(sensitivity: Sensitivity | undefined): number {
  return sensitivity ? Math.min(TORNADO_MAX_ROWS, rankedRows(sensitivity).moving.length) : 0;
}

/**
 * The input in words as a proposal sheet shows it: the caption of the assumption cell of that path (a
 * stream's prefixed "Stream 2: "), else the engine's caption.
 *
 * @example
 * inputCaption("streams[1].durationWeeks", new Map([["assumptions.streams[1].durationWeeks", "Average duration (weeks)"]]))
 * // "Stream 2: Average duration (weeks)"
 */
export function inputCaption(path: string, labels: ReadonlyMap<string, string>): string {
  const rel = path.replace(/^assumptions\./, "");
  const shown = labels.get(`assumptions.${rel}`) ?? fieldCaption(rel);
  const stream = /^streams\[(\d+)\]/.exec(rel);
  return stream ? `Stream ${Number(stream[1]) + 1}: ${shown}` : shown;
}

/**
 * Declares a tornado block from row `first` down.
 *
 * @example
 * tornadoBlock({ sheet, first: 90, rows: 10, sensitivity, fy: "FY29/30", baseFormula: "B9", captionOf }).chart.categories
 * // "A94:A103"
 */
export function tornadoBlock(input: TornadoBlockInput): TornadoBlock {
  const { sheet, first, rows, sensitivity } = input;
  const key = input.key ?? "sensitivity";
  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  const label = (address: string, text: string, style: LayoutCell["style"] = STYLES.label): void => {
    cells.push({ kind: "label", address, text, style });
  };
  const engine = (address: string, k: string, value: number | string | null, numberFormat?: string): void => {
    cells.push({ kind: "engine", address, key: `${key}.${k}`, value, numberFormat, style: STYLES.owned });
  };
  const formula = (
    address: string,
    k: string,
    f: string,
    value: number | string | null,
    numberFormat?: string,
  ): void => {
    cells.push({
      kind: "formula",
      address,
      key: `${key}.${k}`,
      formula: f,
      value,
      numberFormat,
      style: STYLES.owned,
    });
  };
  const subject = input.subject ?? "the quantified opportunity";
  label(
    `A${first}`,
    `Sensitivity: ${subject} (${input.fy}) with each input at its low and high`,
    input.inCaptionColumn ? { ...STYLES.heading, wrap: true } : STYLES.heading,
  );
  const formerMerges: string[] = [];
  (input.inCaptionColumn ? formerMerges : merges).push(`A${first}:${LAST_COLUMN}${first}`);
  label(
    `A${first + 1}`,
    "Each input moves alone between its low and high (the proposal's risk block, else ±10%), every other " +
      `input at its base; the ${rows} largest swings, largest first. ${input.when ?? "Refreshed with the figures."}`,
    { italic: true, wrap: true },
  );
  (input.inCaptionColumn ? formerMerges : merges).push(`A${first + 1}:${LAST_COLUMN}${first + 1}`);
  const baseRow = first + 2;
  label(`A${baseRow}`, `Base: ${subject} (${input.fy})`);
  const base = `$B$${baseRow}`;
  if (input.baseFormula === undefined)
    engine(`B${baseRow}`, "base", sensitivity?.opportunity ?? null, MILLIONS_FORMAT);
  else formula(`B${baseRow}`, "base", input.baseFormula, sensitivity?.opportunity ?? null, MILLIONS_FORMAT);
  // One line beside the base, over the table: how many inputs change nothing (named when few; with their
  // proposal when the tornado has several). In a row every block has, so a sheet written before gets it too
  // (a row added under the table would read, on refresh, as a row the user deleted).
  const ranked = sensitivity ? rankedRows(sensitivity) : undefined;
  const several = new Set(sensitivity?.rows.map((x) => x.proposal)).size > 1;
  const nameOf = (x: SensitivityRow): string =>
    several ? `${x.proposal}: ${input.captionOf(x.input, x.proposal)}` : input.captionOf(x.input, x.proposal);
  engine(`C${baseRow}`, "unmoved", ranked ? unmovedLine(ranked.unmoved, nameOf, UNMOVED_LINE_CHARS) : null);
  const header = first + 3;
  HEADERS.forEach((h, i) => label(`${"ABCDEFGHI"[i]}${header}`, h, TABLE_HEADING));
  for (let i = 0; i < rows; i++) {
    const r = header + 1 + i;
    const row = ranked?.moving[i];
    const k = `rows[${i}]`;
    const format = row ? (input.formatOf ?? formatByUnit)(row.input, row.proposal) : undefined;
    engine(`A${r}`, `${k}.input`, row ? input.captionOf(row.input, row.proposal) : null);
    engine(`B${r}`, `${k}.low`, row?.low ?? null, format ?? PLAIN_FORMAT);
    engine(`C${r}`, `${k}.high`, row?.high ?? null, format ?? PLAIN_FORMAT);
    engine(`D${r}`, `${k}.atLow`, row?.opportunityAtLow ?? null, MILLIONS_FORMAT);
    engine(`E${r}`, `${k}.atHigh`, row?.opportunityAtHigh ?? null, MILLIONS_FORMAT);
    // An input row the tornado does not fill (fewer inputs than rows) shows blanks, not a zero swing.
    const when = (f: string): string => `IF(A${r}="","",${f})`;
    const blank = sensitivity ? "" : null;
    // The changes are rounded to pennies, in the formula and the cached value alike: the base is a formula
    // chain, so an input that moves nothing would show ±1e-8 of float noise that differs between applications.
    const change = (x: number | undefined): number | string | null =>
      x === undefined || !sensitivity
        ? blank
        : new Decimal(x).minus(sensitivity.opportunity).toDecimalPlaces(2).toNumber() || 0;
    // To the penny too (toPenny): ends equal but for float noise read a swing of 0, in both applications.
    const swing = toPenny(`ABS(E${r}-D${r})`, row?.swing ?? blank);
    formula(`F${r}`, `${k}.swing`, when(swing.formula), swing.value, MILLIONS_FORMAT);
    formula(
      `G${r}`,
      `${k}.changeAtLow`,
      when(`ROUND(D${r}-${base},2)`),
      change(row?.opportunityAtLow),
      MILLIONS_FORMAT,
    );
    formula(
      `H${r}`,
      `${k}.changeAtHigh`,
      when(`ROUND(E${r}-${base},2)`),
      change(row?.opportunityAtHigh),
      MILLIONS_FORMAT,
    );
    // Held and refused ends named as the sheet names inputs, and why a swing of 0 moves the MTFS row alone (as MTFS.SENSITIVITY names them by the range's labels).
    engine(
      `I${r}`,
      `${k}.note`,
      row && sensitivity
        ? sensitivityNote(
            sensitivity,
            row,
            row.refused || row.held
              ? endsNote(row, (f) => input.captionOf(f, row.proposal))
              : (row.note ?? ""),
          ) || null
        : null,
    );
  }
  const firstRow = header + 1;
  const lastRow = header + Math.max(rows, 1);
  const below = input.chartRowsBelow;
  const column = input.chartColumn ?? (below === undefined ? "K" : "A");
  const toColumn = String.fromCharCode(column.charCodeAt(0) + (below === undefined ? 7 : 5));
  const top = below === undefined ? first : lastRow + 2;
  const bottom = below === undefined ? Math.max(first + 18, lastRow + 2) : top + below;
  return {
    cells,
    merges,
    formerMerges,
    next: lastRow + 1,
    chart: {
      sheet,
      name: TORNADO_CHART_NAME,
      title: `Tornado (${input.fy}): change from base`,
      categories: `A${firstRow}:A${lastRow}`,
      series: [
        { name: "Input at its low", values: `G${firstRow}:G${lastRow}` },
        { name: "Input at its high", values: `H${firstRow}:H${lastRow}` },
      ],
      from: `${column}${top}`,
      to: `${toColumn}${bottom}`,
    },
  };
}
