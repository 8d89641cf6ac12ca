import {
  DEFAULT_OPTIMISM_BIAS,
  GREEN_BOOK_STANDARD,
  type ConfidenceGrade,
  type ConfidenceLevel,
  type OptimismBiasTable,
} from "../../engine";
import type { DefinedName } from "../port";
import { labelWriter } from "./cellWriters";
import { PERCENT_FORMAT, STYLES, alignedTop, type LayoutCell, type SheetLayout } from "./types";

/**
 * The Parameters sheet: the numbers the council chooses rather than the proposals state. The optimism-bias
 * table (confidence level or data-confidence grade → share of benefits taken off), the Green Book discount
 * schedule and a deflator a year, each an input cell with its documented default. Every cell is the user's:
 * refresh reads the table through defined names (so rows inserted above move nothing) and never writes here.
 */

export const PARAMETERS_SHEET = "Parameters";
export const PARAMETERS_LAYOUT_ID = "parametersSheet";

/** Defined names over the table, used by the Programme's and proposal sheets' formulas and by the reader. */
export const OPTIMISM_BIAS_KEYS_NAME = "MTFS_OptimismBiasKeys";
export const OPTIMISM_BIAS_NAME = "MTFS_OptimismBias";
export const DISCOUNT_RATES_NAME = "MTFS_DiscountRates";
export const DEFLATOR_NAME = "MTFS_DeflatorPerYear";
/** The deflator a year a new Parameters sheet holds: an assumption to edit (no GDP deflator series is shipped). */
export const DEFAULT_DEFLATOR_PER_YEAR = 0.02;

const LEVELS: readonly ConfidenceLevel[] = ["High", "Medium", "Low"];
const GRADES: readonly ConfidenceGrade[] = [1, 2, 3, 4, 5, 6];
const TABLE_FIRST_ROW = 5;
/** The table's keys as written in column A: the levels, then the grades as text ("1".."6"). */
export const OPTIMISM_BIAS_KEYS: readonly string[] = [...LEVELS, ...GRADES.map(String)];
const TABLE_LAST_ROW = TABLE_FIRST_ROW + OPTIMISM_BIAS_KEYS.length - 1;
const DISCOUNT_FIRST_ROW = TABLE_LAST_ROW + 6;

const GRADE_WORDS: Readonly<Record<ConfidenceGrade, string>> = {
  1: "Grade 1: independently audited, local, recent",
  2: "Grade 2: from a reputable source, local",
  3: "Grade 3: reputable source, national or older",
  4: "Grade 4: good evidence from elsewhere",
  5: "Grade 5: limited evidence",
  6: "Grade 6: expert judgement (weakest)",
};

export interface ParametersLayout extends SheetLayout {
  /** The names to define over the table and the other parameters. */
  readonly names: readonly DefinedName[];
}

/**
 * Declares the Parameters sheet with the default values (the council's own assumption until edited).
 *
 * @example
 * parametersSheetLayout().names.map((n) => n.name) // ["MTFS_OptimismBiasKeys", "MTFS_OptimismBias", ...]
 */
export function parametersSheetLayout(table: OptimismBiasTable = DEFAULT_OPTIMISM_BIAS): ParametersLayout {
  const cells: LayoutCell[] = [];
  const label = labelWriter(cells);
  const input = (address: string, path: string, value: number, caption: string): void => {
    cells.push({
      kind: "input",
      address,
      path,
      value,
      numberFormat: PERCENT_FORMAT,
      style: STYLES.input,
      type: "percent",
      label: caption,
    });
  };
  label("A1", "Parameters", STYLES.title);
  label(
    "A2",
    "Blue cells are the council's own choices: edit them, then refresh. Defaults as the MTFS Benefits guide documents them.",
    { italic: true },
  );
  label("A3", "Optimism bias on benefits (share of benefits taken off)", { bold: true });
  ["Confidence level or grade", "Optimism bias", "What it means / source"].forEach((h, i) =>
    label(`${"ABC"[i]}4`, h, STYLES.heading),
  );
  OPTIMISM_BIAS_KEYS.forEach((key, i) => {
    const r = TABLE_FIRST_ROW + i;
    const grade = i >= LEVELS.length ? GRADES[i - LEVELS.length] : undefined;
    label(`A${r}`, key, { bold: true });
    const share = grade === undefined ? table.byLevel[key as ConfidenceLevel] : table.byGrade[grade - 1];
    input(`B${r}`, `optimismBias.${key}`, share.toNumber(), `Optimism bias (${key})`);
    label(
      `C${r}`,
      grade === undefined ? `Proposal confidence level "${key}"` : GRADE_WORDS[grade],
      STYLES.text,
    );
  });
  // One line each, running over the empty cells to the right (a wrapped cell would need its row sized).
  [
    "Default: the council's own assumption, to edit. A row with no confidence level is not adjusted.",
    "The Green Book points to HM Treasury's 'Supporting public service transformation: cost benefit analysis guidance",
    "for local partnerships' (April 2014, the New Economy / GMCA model, gov.uk) for confidence-based adjustments;",
    "its table could not be confirmed here, so these are not its figures.",
  ].forEach((line, i) => label(`A${TABLE_LAST_ROW + 1 + i}`, line, { italic: true }));
  label(`A${DISCOUNT_FIRST_ROW - 1}`, "Green Book discounting (social time preference rate)", { bold: true });
  ["From year", "Discount rate", "Source"].forEach((h, i) =>
    label(`${"ABC"[i]}${DISCOUNT_FIRST_ROW}`, h, STYLES.heading),
  );
  GREEN_BOOK_STANDARD.forEach((band, i) => {
    const r = DISCOUNT_FIRST_ROW + 1 + i;
    label(`A${r}`, String(band.fromYear), { bold: true });
    input(`B${r}`, `discountRates[${i}]`, band.rate.toNumber(), `Discount rate from year ${band.fromYear}`);
    // One line each, running over the empty cells to the right.
    const source = [
      "HM Treasury Green Book 2026, chapter 6 (2022: Annex A6): standard STPR",
      "Unchanged in the 2026 edition. Year 0 = the first FY, not discounted",
      "Health effects: 1.5% for years 0-30 (type it above to use it)",
    ][i];
    if (source) label(`C${r}`, source, {});
  });
  const deflatorRow = DISCOUNT_FIRST_ROW + GREEN_BOOK_STANDARD.length + 2;
  label(`A${deflatorRow}`, "Deflator a year (real prices)", { bold: true });
  input(`B${deflatorRow}`, "deflatorPerYear", DEFAULT_DEFLATOR_PER_YEAR, "Deflator a year");
  label(
    `C${deflatorRow}`,
    "An assumption to edit (no GDP deflator series is shipped): index 100 × (1 + rate)^t",
    {},
  );
  const discountFirst = DISCOUNT_FIRST_ROW + 1;
  const discountLast = DISCOUNT_FIRST_ROW + GREEN_BOOK_STANDARD.length;
  return {
    layoutId: PARAMETERS_LAYOUT_ID,
    sheet: PARAMETERS_SHEET,
    // Figures beside a wrapped caption sit level with its first line.
    cells: alignedTop(cells),
    columnWidths: [
      { column: "A", width: 28 },
      { column: "B", width: 16 },
      { column: "C", width: 70 },
    ],
    names: [
      {
        name: OPTIMISM_BIAS_KEYS_NAME,
        sheet: PARAMETERS_SHEET,
        address: `$A$${TABLE_FIRST_ROW}:$A$${TABLE_LAST_ROW}`,
      },
      {
        name: OPTIMISM_BIAS_NAME,
        sheet: PARAMETERS_SHEET,
        address: `$B$${TABLE_FIRST_ROW}:$B$${TABLE_LAST_ROW}`,
      },
      {
        name: DISCOUNT_RATES_NAME,
        sheet: PARAMETERS_SHEET,
        address: `$B$${discountFirst}:$B$${discountLast}`,
      },
      { name: DEFLATOR_NAME, sheet: PARAMETERS_SHEET, address: `$B$${deflatorRow}` },
    ],
  };
}

/**
 * The formula for the optimism bias of a confidence cell: the table's share for its level or grade, 0 when
 * blank or not in the table (not adjusted).
 *
 * @example
 * optimismBiasFormula("M5") // 'IFERROR(INDEX(MTFS_OptimismBias,MATCH(M5&"",MTFS_OptimismBiasKeys,0)),0)'
 */
export function optimismBiasFormula(confidenceCell: string): string {
  return `IFERROR(INDEX(${OPTIMISM_BIAS_NAME},MATCH(${confidenceCell}&"",${OPTIMISM_BIAS_KEYS_NAME},0)),0)`;
}
