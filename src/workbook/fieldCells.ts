import type { EngineError } from "../engine";
import { sheetRef } from "./address";
import type { SheetLayout } from "./layouts/types";

/**
 * Errors that point at cells: the engine names a proposal field by its JSON path
 * (`assumptions.durationWeeks`); on a sheet the user needs the cell and its caption. The layout knows both.
 */

/**
 * The input cell that shows `field` on a sheet, with its caption; undefined when no one cell does (a missing
 * block, a field the sheet does not show).
 *
 * @example
 * fieldCell(layout, "assumptions.durationWeeks") // { address: "B52", label: "Average duration (weeks)" }
 */
export function fieldCell(
  layout: SheetLayout,
  field: string,
): { readonly address: string; readonly label?: string } | undefined {
  const cell = layout.cells.find((c) => c.kind === "input" && c.path === field);
  if (cell?.kind !== "input") return undefined;
  return { address: cell.address, ...(cell.label ? { label: cell.label } : {}) };
}

/**
 * An engine error as a sheet shows it: the cell, its caption and the rule, or the field path when no cell
 * shows the field.
 *
 * @example
 * cellErrorMessage(layout, new EngineError("out-of-range", "assumptions.durationWeeks", "must be > 0, got -3"))
 * // "'CFS Targeted Prevention'!B52 Average duration (weeks): must be > 0, got -3"
 */
export function cellErrorMessage(layout: SheetLayout, error: EngineError): string {
  const at = fieldCell(layout, error.field);
  if (!at) return error.message;
  return `${sheetRef(layout.sheet)}!${at.address} ${at.label ?? error.field}: ${error.rule}`;
}
