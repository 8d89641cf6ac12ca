import type { EngineError, InputWarning } from "../engine";
import { sheetRef } from "./address";
import { getPath } from "./jsonPath";
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
 * cellErrorMessage(layout, new EngineError("invalid-date", "assumptions.timeline.startDate", 'must be a date YYYY-MM-DD, got "1 October 2027"'))
 * // "'CFS Targeted Prevention'!B60 Project start (date): must be …, got "1 October 2027"; or enter it as an Excel date (a date cell)"
 */
export function cellErrorMessage(layout: SheetLayout, error: EngineError): string {
  const at = fieldCell(layout, error.field);
  if (!at) return error.message;
  return `${sheetRef(layout.sheet)}!${at.address} ${at.label ?? error.field}: ${error.rule}${dateCellHint(layout, error)}`;
}

/**
 * A date cell refused for its text ("01/10/2027", "1 October 2027"): the engine asks for YYYY-MM-DD, and an
 * Excel date in the cell is the other fix (dd/mm text stays refused: it is ambiguous).
 */
function dateCellHint(layout: SheetLayout, error: EngineError): string {
  const cell = layout.cells.find((c) => c.kind === "input" && c.path === error.field);
  const isDateCell = cell?.kind === "input" && cell.type === "date";
  return isDateCell && error.code === "invalid-date" ? "; or enter it as an Excel date (a date cell)" : "";
}

/**
 * The warnings that do not name the cell of a refused field: its refusal already says what the cell holds
 * (an inflation of 3.36 is refused as 336%, and not warned about again).
 *
 * @example
 * warningsBesideError(layout, ["'CFS Targeted Prevention'!B96 Inflation …: the cell holds 3.36, …"], inflationError) // []
 */
export function warningsBesideError(
  layout: SheetLayout,
  warnings: readonly string[],
  error: EngineError,
): string[] {
  const at = fieldCell(layout, error.field);
  if (!at) return [...warnings];
  const where = `${sheetRef(layout.sheet)}!${at.address} `;
  return warnings.filter((m) => !m.startsWith(where));
}

/**
 * Percent cells that hold a number beyond ±1 (more than 100%): LibreOffice stores a bare 8 typed into a
 * percent cell as 8, i.e. 800%. The engine's range rules still decide (many allow it), so this is a warning
 * that names the cell, never a guess at what was meant.
 *
 * @example
 * percentWarnings(layout, { assumptions: { target: { kind: "percent", value: 8 } } })
 * // ["'CFS Targeted Prevention'!B47 Target value: the cell holds 8, which is 800%; for 8% type 8% or 0.08"]
 */
export function percentWarnings(layout: SheetLayout, proposal: unknown): string[] {
  const out: string[] = [];
  for (const c of layout.cells) {
    if (c.kind !== "input" || c.type !== "percent") continue;
    const v = getPath(proposal, c.path);
    if (typeof v !== "number" || Math.abs(v) <= 1) continue;
    const shown = `${Number((v * 100).toPrecision(12))}%`;
    out.push(
      `${sheetRef(layout.sheet)}!${c.address} ${c.label ?? c.path}: the cell holds ${v}, which is ${shown}; ` +
        `for ${v}% type ${v}% or ${Number((v / 100).toPrecision(12))}`,
    );
  }
  return out;
}

/** A timeline phase field, in weeks or months: the format reads it as 0 when absent (cohortFormat's PHASES). */
const PHASE_FIELD = /(?:^|\.)timeline\.(?:design|pilot|rollout|lead)(Weeks|Months)$/;

/**
 * Timing cells that are blank: a design, pilot, rollout or lead-time phase left blank is read as 0 (the
 * phase takes no time, so the saving comes sooner), which is a figure, not "not known". Refusing it would
 * break sheets a user cleared on purpose, and saying nothing hides a cleared cell, so each refresh warns
 * while the cell stays blank and the figures are still computed; typing 0 says it is meant and silences it.
 * Only these fields warn: a sheet `new` or the wizard writes has no blank phase row (a phase the JSON leaves
 * out gets no row), while the optional rows it does write blank (growth, alternative and overlap costs,
 * inflation, MTFS overlap) read as "none", which is what a user who never filled them in means.
 *
 * @example
 * blankTimingWarnings(layout, { assumptions: { timeline: { leadMonths: null } } })
 * // ["'CFS Targeted Prevention'!B102 Lead time before impact (months): the cell is blank, so it is read as 0 months; type 0 to silence this"]
 */
export function blankTimingWarnings(layout: SheetLayout, proposal: unknown): string[] {
  return layout.cells.flatMap((c) => {
    if (c.kind !== "input") return [];
    const unit = PHASE_FIELD.exec(c.path)?.[1];
    const v = getPath(proposal, c.path);
    if (unit === undefined || (v !== null && v !== undefined && String(v).trim() !== "")) return [];
    return [
      `${sheetRef(layout.sheet)}!${c.address} ${c.label ?? c.path}: the cell is blank, so it is read as ` +
        `0 ${unit.toLowerCase()}; type 0 to silence this`,
    ];
  });
}

/**
 * The engine's input warnings as the sheet shows them: at the cell and its caption when one cell shows the
 * field, else by the field path. A percent cell already flagged by percentWarnings is not flagged twice.
 *
 * @example
 * inputWarningMessages(layout, [{ field: "assumptions.durationWeeks", rule: "1100 weeks is over 20 years; …" }], [])
 * // ["'CFS Targeted Prevention'!B52 Average duration (weeks): 1100 weeks is over 20 years; …"]
 */
export function inputWarningMessages(
  layout: SheetLayout,
  warnings: readonly Pick<InputWarning, "field" | "rule">[],
  alreadyFlagged: readonly string[],
): string[] {
  return warnings.flatMap((w) => {
    const at = fieldCell(layout, w.field);
    if (!at) return [`${w.field}: ${w.rule}`];
    const where = `${sheetRef(layout.sheet)}!${at.address} `;
    if (alreadyFlagged.some((m) => m.startsWith(where))) return [];
    return [`${where}${at.label ?? w.field}: ${w.rule}`];
  });
}
