import {
  EngineError,
  confidenceValue,
  decimalValue,
  optimismBiasTable,
  riskAdjust,
  type ConfidenceGrade,
  type ConfidenceLevel,
  type DecimalLike,
  type OptimismBiasTable,
} from "../engine";
import { cellRange, cellRate, isBlank, usedRows } from "./cells";
import type { Grid } from "./invoke";

/**
 * MTFS.RISK.ADJUST's body: a row (or column, or block) of amounts with optimism bias taken off each
 * saving, through the engine's table (optimismBias.ts), in the shape it came in. Blank cells stay blank.
 */

/**
 * The table argument: rows of a confidence ("High", "Medium", "Low" or a grade 1–6) and the share of
 * benefits to take off (40% or 0.4); anything it leaves out keeps the default. Blank: the default table.
 *
 * @example
 * tableFromCells([["Low", 0.5]]).byLevel.Low.toString() // "0.5"
 */
export function tableFromCells(table: unknown): OptimismBiasTable | undefined {
  const rows = usedRows(table);
  if (rows.length === 1 && rows[0].every(isBlank)) return undefined;
  const levels: Partial<Record<ConfidenceLevel, DecimalLike>> = {};
  const grades: Partial<Record<ConfidenceGrade, DecimalLike>> = {};
  rows.forEach((row, i) => {
    if (row.length < 2) {
      throw new EngineError(
        "out-of-range",
        "table",
        "must have two columns: the confidence and the share taken off",
      );
    }
    const key = confidenceValue(row[0], `table (row ${i + 1})`);
    const share = cellRate(row[1], `table (row ${i + 1})`, { min: 0, max: 1 });
    if (typeof key === "number") grades[key] = share;
    else levels[key] = share;
  });
  return optimismBiasTable(levels, grades);
}

/**
 * The risk-adjusted amounts.
 *
 * @example
 * riskAdjustCells([[-100, 1000]], "Low", null) // [[-100, 600]]
 */
export function riskAdjustCells(amounts: unknown, confidence: unknown, table: unknown): Grid {
  if (isBlank(confidence)) throw new EngineError("missing", "confidence", "is required");
  const level = confidenceValue(confidence, "confidence");
  const t = tableFromCells(table);
  return cellRange(amounts).map((row, r) =>
    row.map((cell, c) => {
      if (isBlank(cell)) return "";
      const amount = decimalValue(cell, `amounts (row ${r + 1}, column ${c + 1})`);
      return riskAdjust([amount], level, t).map((x) => x.toNumber())[0];
    }),
  );
}
