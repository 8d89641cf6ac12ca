import { toPounds } from "../../engine";
import type { CellScalar } from "../port";
import { MILLIONS_FORMAT, STYLES, type LayoutCell } from "./types";

/**
 * A function that declares a label cell on `cells` (style `STYLES.label` unless given).
 *
 * @example
 * const cells: LayoutCell[] = [];
 * labelWriter(cells)("A1", "Table 2", STYLES.title); // cells[0].kind === "label"
 */
export function labelWriter(
  cells: LayoutCell[],
): (address: string, text: string, style?: LayoutCell["style"]) => void {
  return (address, text, style = STYLES.label) => {
    cells.push({ kind: "label", address, text, style });
  };
}

/**
 * A function that declares an owned £m formula cell on `cells`; `bold` marks a total (bold, grey, no border).
 *
 * @example
 * const cells: LayoutCell[] = [];
 * millionsFormulaWriter(cells)("C3", "themes.total", "SUM(C1:C2)", 1.5, true); // cells[0].kind === "formula"
 */
export function millionsFormulaWriter(
  cells: LayoutCell[],
): (address: string, key: string, formula: string, value: CellScalar, bold?: boolean) => void {
  return (address, key, formula, value, bold = false) => {
    cells.push({
      kind: "formula",
      address,
      key,
      formula,
      value,
      numberFormat: MILLIONS_FORMAT,
      style: bold ? { bold: true, fill: "F2F2F2" } : STYLES.owned,
    });
  };
}

/**
 * A function that declares an owned formula cell on `cells` with its cached value and number format.
 *
 * @example
 * const cells: LayoutCell[] = [];
 * formulaWriter(cells)("B9", "greenBook.npv", "SUM(J3:J8)", 1.5, MILLIONS_FORMAT); // cells[0].kind === "formula"
 */
export function formulaWriter(
  cells: LayoutCell[],
): (address: string, key: string, formula: string, value: CellScalar, numberFormat?: string) => void {
  return (address, key, formula, value, numberFormat) => {
    cells.push({ kind: "formula", address, key, formula, value, numberFormat, style: STYLES.owned });
  };
}

/**
 * An owned £ difference rounded to the penny, and its cached value rounded as Excel's ROUND does (15
 * significant digits, then half away from zero). Two equal figures (a settled cumulative and the one before
 * it) differ by float noise, −4e-33, which a £m format shows as "-£0.00m"; to the penny it is 0. `value` is
 * what the formula computes on the cells' written values, so the cached result is the one Excel and
 * LibreOffice recalculate. Only leaf differences are rounded: no formula reads them, totals keep full precision.
 *
 * @example
 * toPenny("C25-C24", -4e-33) // { formula: "ROUND(C25-C24,2)", value: 0 }
 * toPenny("ABS(E9-D9)", 202154.49499999997) // { formula: "ROUND(ABS(E9-D9),2)", value: 202154.5 }
 */
export function toPenny<V extends CellScalar>(
  formula: string,
  value: V,
): { formula: string; value: V | number } {
  return {
    formula: `ROUND(${formula},2)`,
    value: typeof value === "number" && Number.isFinite(value) ? toPounds(value.toPrecision(15)) : value,
  };
}
