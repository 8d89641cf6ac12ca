import { moneyScale, NIL_MONEY_TEXT, PAYBACK_DECIMALS } from "../../engine";
import type { CellScalar, CellStyle, PrintSetup } from "../port";

/**
 * A layout is data: the cells of one sheet, declared once and used by the writer (what to put where),
 * the reader (where the assumptions are) and refresh (which cells the add-in owns).
 */
export type LayoutCell =
  /** Fixed wording (headings, row labels): written when the sheet is created, then the user's. */
  | {
      readonly kind: "label";
      readonly address: string;
      readonly text: string;
      readonly style?: CellStyle;
      readonly numberFormat?: string;
    }
  /** User data from the proposal (narrative, names, typed figures): written once, read back, never overwritten. */
  | {
      readonly kind: "input";
      readonly address: string;
      /** Path into the proposal JSON, e.g. "assumptions.unitCost.weeklyCost" or "triangulation.rows[2].percentChange". */
      readonly path: string;
      readonly value: CellScalar;
      /** Defined name for assumption cells, so formulas and users can refer to them. */
      readonly name?: string;
      readonly numberFormat?: string;
      readonly style?: CellStyle;
      readonly link?: string;
      /**
       * A text split over rows (see `splitToRows`): this cell is part `index` of `of`, in row order; the reader
       * joins the parts with line breaks into the one field at `path`.
       */
      readonly part?: { readonly index: number; readonly of: number };
      /** What the field holds (text when absent): how it is written and how a cell's content is read back. */
      readonly type?: InputType;
      /** The field's caption on the sheet, for messages that point at the cell. */
      readonly label?: string;
      /** The fixed values the field takes, offered as a dropdown (list data validation). */
      readonly choices?: readonly string[];
      /** When the dropdown shows words: the code each word stands for, by the word in lower case. */
      readonly codes?: Readonly<Record<string, string>>;
    }
  /** Owned by the add-in: a value the engine computes (gross, costs, overlap, run rate...). */
  | {
      readonly kind: "engine";
      readonly address: string;
      readonly key: string;
      readonly value: CellScalar;
      readonly numberFormat?: string;
      readonly style?: CellStyle;
    }
  /** Owned by the add-in: a standard Excel formula, written with the engine's value as its cached result. */
  | {
      readonly kind: "formula";
      readonly address: string;
      readonly key: string;
      readonly formula: string;
      readonly value: CellScalar;
      readonly numberFormat?: string;
      readonly style?: CellStyle;
    };

/**
 * The kind of value an input cell holds. A date is written as a date cell; when read back each type accepts
 * what Excel and LibreOffice store for it (`cellValues.ts`).
 */
export type InputType = "text" | "number" | "percent" | "date" | "boolean" | "choice";

export type OwnedCell = Extract<LayoutCell, { kind: "engine" | "formula" }>;

/** One sheet's worth of layout. */
export interface SheetLayout {
  /** Layout id recorded in the ownership register: "proposalSheet", "programmeSheet", ... */
  readonly layoutId: string;
  readonly sheet: string;
  readonly cells: readonly LayoutCell[];
  readonly columnWidths?: readonly { readonly column: string; readonly width: number }[];
  /**
   * Ranges shown as one cell ("B4:H4"), written once with the sheet. Only the top-left cell of a merge may be
   * a layout cell, so no cell that is read back or owned disappears into one.
   */
  readonly merges?: readonly string[];
  /**
   * Ranges an earlier version of this layout merged and this one does not: split, with `merges`, before a
   * sheet written by that version is laid out afresh, so no new cell is written into an old merge.
   */
  readonly formerMerges?: readonly string[];
  /** Row heights in points, estimated from the text the rows wrap (`textFit.ts`). */
  readonly rowHeights?: readonly { readonly row: number; readonly height: number }[];
  /** The refresh status cell, which the add-in writes too (so it is anchored with the owned cells). */
  readonly statusAddress?: string;
  /** How the sheet prints when it is created (absent: A4 landscape, one page wide). */
  readonly print?: PrintSetup;
  /**
   * Rows that start a printed page (a manual break above each), set whenever the sheet is laid out: each
   * chart's first row, so no chart is cut across two pages (`chartPageBreaks`).
   */
  readonly pageBreaks?: readonly number[];
}

/**
 * The rows a sheet's charts start at, as page breaks: a chart shorter than a page then prints whole, on
 * the page its top row starts.
 *
 * @example
 * chartPageBreaks([{ from: "M40", to: "T56" }, { from: "A90", to: "F110" }]) // [40, 90]
 */
export function chartPageBreaks(charts: readonly { readonly from: string }[]): number[] {
  return [...new Set(charts.map((c) => Number(/\d+$/.exec(c.from)?.[0] ?? 0)))]
    .filter((r) => r > 1)
    .sort((a, b) => a - b);
}

/**
 * True for the cells refresh may rewrite.
 *
 * @example
 * isOwned({ kind: "engine", address: "D35", key: "profile.FY26/27.gross", value: 0 }) // true
 */
export function isOwned(cell: LayoutCell): cell is OwnedCell {
  return cell.kind === "engine" || cell.kind === "formula";
}

/**
 * `cells` each aligned to the top of its row: in a row a wrapped label makes tall, a figure or a word beside it
 * sits level with the label's first line, not at the row's foot. Every sheet with wrapped labels declares its
 * cells through this, and both ports write the declared style.
 *
 * @example
 * alignedTop([{ kind: "label", address: "A1", text: "Payback" }])[0].style // { alignTop: true }
 */
export function alignedTop(cells: readonly LayoutCell[]): LayoutCell[] {
  return cells.map((c) => ({ ...c, style: { ...c.style, alignTop: true } }));
}

/** Shared presentation. */
export const STYLES = {
  title: { bold: true, fontSize: 14 },
  heading: { bold: true, fill: "1F4E78", fontColor: "FFFFFF" },
  label: { bold: true, wrap: true },
  input: { fill: "DDEBF7", border: true },
  owned: { fill: "F2F2F2", border: true },
  text: { wrap: true },
  /** A sheet's refresh status, beside its caption on a title row a wrapped title can make tall. */
  status: { alignTop: true },
} as const satisfies Record<string, CellStyle>;

/** A payback in years, to PAYBACK_DECIMALS as the CLI prints it (paybackYearsText): "2.5 years". */
export const PAYBACK_FORMAT = `0.${"0".repeat(PAYBACK_DECIMALS)} "years"`;
/** £ shown in millions to 2 dp (the published tables' unit); the cell keeps the full value in £. */
export const MILLIONS_FORMAT = `"£"#,##0.00,,"m";-"£"#,##0.00,,"m";"${NIL_MONEY_TEXT}"`;
/**
 * £ in thousands to 1 dp: what a £m cell shows instead when its figure is below £0.1m (`moneyScale`), so
 * −£1,200 reads "-£1.2k", not "-£0.00m", and P-values a few £k apart differ (`cellNumberFormat`).
 */
export const SMALL_MONEY_FORMAT = `"£"#,##0.0,"k";-"£"#,##0.0,"k";"${NIL_MONEY_TEXT}"`;
/** A figure that rounds to nothing even in £k (−£0.30): shown as a zero is, with no minus sign. */
export const NIL_MONEY_FORMAT = `"${NIL_MONEY_TEXT}";"${NIL_MONEY_TEXT}";"${NIL_MONEY_TEXT}"`;

/**
 * The number format a cell is written with: a £m cell shows £k when its figure is small and reads as zero
 * under £50 (`moneyScale`, the rule the text uses too); every other cell its layout's format. Refresh rewrites
 * the format with the value. A `live` formula (one that reads a cell the add-in does not write, so it can
 * recalculate to another figure before the next refresh: `liveFormulas`) keeps its layout's £m format. A
 * format cannot choose £k or £m by the figure it shows: the conditional sections that would ("[>=100000]…")
 * sign negatives differently in Excel (its third section adds the minus) and LibreOffice (none but the first
 * does), so −£60k would read "£60.0k" in one of them.
 *
 * @example
 * cellNumberFormat(MILLIONS_FORMAT, -54_512) // SMALL_MONEY_FORMAT
 * cellNumberFormat(MILLIONS_FORMAT, -54_512, true) // MILLIONS_FORMAT
 * cellNumberFormat(MILLIONS_FORMAT, 1_104_080) // MILLIONS_FORMAT
 * cellNumberFormat(MILLIONS_FORMAT, -0.3) // NIL_MONEY_FORMAT
 * cellNumberFormat(PERCENT_FORMAT, 0.05) // PERCENT_FORMAT
 */
export function cellNumberFormat(
  format: string | undefined,
  value: CellScalar,
  live = false,
): string | undefined {
  if (
    format !== MILLIONS_FORMAT ||
    live ||
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value === 0
  )
    return format;
  const scale = moneyScale(value);
  return scale === "m" ? format : scale === "k" ? SMALL_MONEY_FORMAT : NIL_MONEY_FORMAT;
}

/** £ in thousands, for a chart axis whose figures are too small for £m. */
export const THOUSANDS_FORMAT = '"£"#,##0,"k";-"£"#,##0,"k"';
export const POUNDS_FORMAT = '"£"#,##0;-"£"#,##0';
export const PERCENT_FORMAT = "0.0%";
/** A typed percent as typed: 2.97% stays 2.97% (PERCENT_FORMAT would show 3.0%), 8% shows 8.0%. */
export const INPUT_PERCENT_FORMAT = "0.0#%";
/**
 * A true/false cell: Excel shows a boolean as TRUE/FALSE whatever the format, but LibreOffice reads it as 1/0
 * and shows "1" under General; this shows the words there too.
 */
export const BOOLEAN_FORMAT = '"TRUE";"TRUE";"FALSE"';
/** Dates as the ISO text users and the proposal JSON use, in a real date cell. */
export const DATE_FORMAT = "yyyy-mm-dd";
