import { cellAddress, columnLetter } from "../address";
import { labelWriter } from "./cellWriters";
import { MILLIONS_FORMAT, STYLES, type LayoutCell, type SheetLayout } from "./types";

/**
 * The Reprofiles sheet (issue 15): every accepted reprofile, a dated version of a proposal's assumptions, one row
 * per FY with the approved and the revised figures side by side. Rows are written once when a version is
 * accepted and never rewritten (the approved assumptions stay on the proposal sheet; the versions' JSON is in
 * the register). Readers find the header wherever rows were inserted, as on the Tracking sheet.
 */

/** Not "History", a name Excel reserves. */
export const HISTORY_SHEET = "Reprofiles";
export const HISTORY_LAYOUT_ID = "historySheet";
export const HISTORY_HEADER_ROW = 3;

export const HISTORY_COLUMNS = [
  { key: "proposal", caption: "Proposal", width: 36 },
  { key: "date", caption: "Version date", width: 12 },
  { key: "reading", caption: "Reprofile", width: 48 },
  { key: "fy", caption: "FY", width: 10 },
  { key: "approved", caption: "Approved cumulative benefit", width: 18 },
  { key: "revised", caption: "Revised cumulative benefit", width: 18 },
  { key: "approvedMtfs", caption: "Approved MTFS row", width: 16 },
  { key: "revisedMtfs", caption: "Revised MTFS row", width: 16 },
] as const;

/** One FY of a version, as the sheet holds it (money in £). */
export interface HistoryRow {
  readonly proposal: string;
  readonly date: string;
  readonly reading: string;
  readonly fy: string;
  readonly approved: number;
  readonly revised: number;
  readonly approvedMtfs: number;
  readonly revisedMtfs: number;
}

/**
 * The cells of history rows written from `firstRow` down.
 *
 * @example
 * historyRowCells([row], 4)[0].address // "A4"
 */
export function historyRowCells(rows: readonly HistoryRow[], firstRow: number): LayoutCell[] {
  return rows.flatMap((r, i) =>
    HISTORY_COLUMNS.map((c, k): LayoutCell => {
      const money = typeof r[c.key] === "number";
      return {
        kind: "input",
        address: cellAddress(k + 1, firstRow + i),
        path: `history.rows[${i}].${c.key}`,
        value: r[c.key],
        type: money ? "number" : "text",
        label: c.caption,
        style: STYLES.text,
        ...(money ? { numberFormat: MILLIONS_FORMAT } : {}),
      };
    }),
  );
}

/**
 * Declares the History sheet with its first rows.
 *
 * @example
 * historyLayout([]).cells.find((c) => c.address === "A3") // the "Proposal" heading
 */
export function historyLayout(rows: readonly HistoryRow[]): SheetLayout {
  const cells: LayoutCell[] = [];
  const label = labelWriter(cells);
  label("A1", "Reprofile history: dated versions of the assumptions", STYLES.title);
  label(
    "A2",
    "Written by `mtfs-benefits track reprofile --accept`. The approved assumptions stay on each proposal sheet; " +
      "each version here is a revision fitted to the actuals, for the MTFS refresh.",
    STYLES.text,
  );
  HISTORY_COLUMNS.forEach((c, k) => label(cellAddress(k + 1, HISTORY_HEADER_ROW), c.caption, STYLES.heading));
  cells.push(...historyRowCells(rows, HISTORY_HEADER_ROW + 1));
  return {
    layoutId: HISTORY_LAYOUT_ID,
    sheet: HISTORY_SHEET,
    cells,
    columnWidths: HISTORY_COLUMNS.map((c, k) => ({ column: columnLetter(k + 1), width: c.width })),
  };
}
