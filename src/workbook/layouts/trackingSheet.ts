import { MEASURE_LABELS, measureKey, measureLabel, QUARTER_YEAR } from "../../engine";
import { cellAddress, columnLetter, sheetRef } from "../address";
import { labelWriter } from "./cellWriters";
import { fitRowHeights } from "./textFit";
import { POUNDS_FORMAT, STYLES, alignedTop, type LayoutCell, type SheetLayout } from "./types";

/**
 * The Tracking sheet (issue 15): the actuals a proposal is tracked on, one per row, as user inputs. Every cell
 * below the header is the user's (typed, or written once by `track import`); refresh never writes here, so the
 * sheet has no owned cells and needs no anchors: readers find the header row wherever rows were inserted.
 */

export const TRACKING_SHEET = "Tracking";
export const TRACKING_LAYOUT_ID = "trackingSheet";
/** The header row as laid out; the reader looks for it, so rows inserted above it are fine. */
export const TRACKING_HEADER_ROW = 3;

/** The columns, in order: caption and what the cell holds. */
export const TRACKING_COLUMNS = [
  // Wide enough for a full proposal name (the demo's longest, 46 characters), which a sheet name cuts to 31.
  { key: "proposal", caption: "Proposal", width: 48 },
  { key: "stream", caption: "Stream", width: 14 },
  { key: "period", caption: "Period", width: 10 },
  { key: "measure", caption: "Measure", width: 36 },
  { key: "value", caption: "Actual", width: 14 },
  { key: "source", caption: "Source", width: 40 },
] as const;

/** The tracked measures in words, as the sheets show them (the engine's one table). */
export const TRACKED_MEASURE_WORDS: Readonly<Record<string, string>> = MEASURE_LABELS;

/**
 * A measure in words (a code without words as it is): the engine's measureLabel.
 *
 * @example
 * measureWords("finishers") // "Extra people finishing reablement"
 */
export const measureWords = measureLabel;

/**
 * The measure code a Tracking cell stands for: its words or the code, any case (the engine's measureKey).
 *
 * @example
 * measureCode("avoided events") // "avoidedEvents"
 * measureCode("saving") // "saving"
 */
export const measureCode = measureKey;

/** One actual as the sheet holds it. */
export interface TrackingActual {
  readonly proposal: string;
  /** Blank: the proposal's only stream. */
  readonly stream: string;
  /** "2027-07" or "2027-Q2". */
  readonly period: string;
  /** "saving" or a KPI key. */
  readonly measure: string;
  readonly value: number;
  /** Where it came from, e.g. "actuals.csv line 4"; blank when typed. */
  readonly source: string;
}

/**
 * The input cells of actuals written from layout row `firstRow` down. `sheetOf` gives a proposal's sheet: its
 * Proposal cell then links to it (the cell shows the proposal's full name; a sheet's name may be cut short).
 *
 * @example
 * trackingRowCells([{ proposal: "CFS", stream: "", period: "2027-07", measure: "avoidedEvents", value: 2, source: "" }], 4)[0].address // "A4"
 */
export function trackingRowCells(
  actuals: readonly TrackingActual[],
  firstRow: number,
  sheetOf: (proposal: string) => string | undefined = () => undefined,
): LayoutCell[] {
  // Top-aligned as the header and note are, so a row a long source or proposal name wraps reads level.
  return alignedTop(
    actuals.flatMap((a, i) =>
      TRACKING_COLUMNS.map((c, k): LayoutCell => {
        const value = c.key === "measure" ? measureWords(a.measure) : a[c.key];
        const sheet = c.key === "proposal" ? sheetOf(a.proposal) : undefined;
        return {
          kind: "input",
          address: cellAddress(k + 1, firstRow + i),
          path: `tracking.actuals[${i}].${c.key}`,
          value: value === "" ? null : value,
          ...(sheet === undefined ? {} : { link: `${sheetRef(sheet)}!A1` }),
          type: c.key === "value" ? "number" : "text",
          // A saving is £ recorded by finance; a KPI is a count, as typed.
          ...(c.key === "value" && a.measure === "saving" ? { numberFormat: POUNDS_FORMAT } : {}),
          label: c.caption,
          style: STYLES.input,
        };
      }),
    ),
  );
}

/**
 * Declares the Tracking sheet: title, how to fill it in, the header and the given actuals (each Proposal cell
 * linked to the sheet `sheetOf` gives).
 *
 * @example
 * trackingLayout([]).cells.find((c) => c.address === "A3") // the "Proposal" heading
 */
export function trackingLayout(
  actuals: readonly TrackingActual[],
  sheetOf: (proposal: string) => string | undefined = () => undefined,
): SheetLayout {
  const cells: LayoutCell[] = [];
  const label = labelWriter(cells);
  label("A1", "Benefits tracking: actuals", STYLES.title);
  label(
    "A2",
    'One actual per row. Stream: blank for a proposal\'s only stream, else its id (e.g. "fees"). ' +
      `Period: a month "2027-07" or a fiscal quarter "2027-Q2" (${QUARTER_YEAR}). ` +
      'Measure: "Saving (£)" (recorded by finance) or a KPI of the stream in words ("Avoided events", ' +
      '"Caseload reduction", "Average FTE reduction", …) or its key (avoidedEvents, fteReduced, …).',
    STYLES.text,
  );
  TRACKING_COLUMNS.forEach((c, k) =>
    label(cellAddress(k + 1, TRACKING_HEADER_ROW), c.caption, STYLES.heading),
  );
  cells.push(...trackingRowCells(actuals, TRACKING_HEADER_ROW + 1, sheetOf));
  const columnWidths = TRACKING_COLUMNS.map((c, k) => ({ column: columnLetter(k + 1), width: c.width }));
  // The note spans the columns in a row as tall as its lines, so it does not run into the header row.
  const merges = [`A2:${columnLetter(TRACKING_COLUMNS.length)}2`];
  const note = cells.filter((c) => c.address === "A2");
  return {
    layoutId: TRACKING_LAYOUT_ID,
    sheet: TRACKING_SHEET,
    cells: alignedTop(cells),
    merges,
    rowHeights: fitRowHeights(note, merges, new Map(columnWidths.map((w) => [w.column, w.width]))),
    columnWidths,
  };
}
