import { columnLetter, sheetRef } from "../address";
import type { ProgrammeConfig } from "./programmeConfig";

/**
 * Where Table 3 (the Resource cost sheet) keeps its areas and total, for the sheets whose formulas read it
 * (the Programme's Green Book block, Scenarios) without importing its layout.
 */

export const RESOURCE_COST_SHEET = "Resource cost";
/** The first resource area's row; one row per area, then the total. */
export const FIRST_AREA_ROW = 3;

/**
 * The row of Table 3's total implementation costs, under the areas.
 *
 * @example
 * resourceCostTotalRow(config) // 8 for Table 3's five areas
 */
export function resourceCostTotalRow(config: ProgrammeConfig): number {
  return FIRST_AREA_ROW + config.resourceCost.areas.length;
}

/**
 * A reference to Table 3's total implementation costs of MTFS year `y` (0 first; column B on).
 *
 * @example
 * resourceCostTotalRef(config, 0) // "'Resource cost'!B8"
 */
export function resourceCostTotalRef(config: ProgrammeConfig, y: number): string {
  return `${sheetRef(RESOURCE_COST_SHEET)}!${columnLetter(2 + y)}${resourceCostTotalRow(config)}`;
}
