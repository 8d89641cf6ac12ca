import { measureLabel } from "../engine";
import { updateDashboard } from "./dashboard";
import { TRACKING_SHEET, type TrackingActual } from "./layouts/trackingSheet";
import type { WorkbookPort } from "./port";
import { checkActuals, importActuals, type ImportResult } from "./tracking";

/**
 * Entering actuals into a workbook (issue 15): the one writer behind `track import` and the taskpane's Track
 * tab, so both check the same rules, never change an actual already on the Tracking sheet, and bring the
 * Dashboard (and the Programme's RAG) up to date the same way.
 */

/** What entering actuals did: refused (every bad actual, nothing written), or imported. */
export type EnteredActuals =
  | { readonly kind: "refused"; readonly problems: readonly string[] }
  | (ImportResult & {
      readonly kind: "imported";
      /** Problems the Dashboard reported while it was brought up to date (the actuals are in). */
      readonly warnings: readonly string[];
    });

/**
 * Checks the actuals against the workbook's proposals, and only when every one passes adds them to the
 * Tracking sheet (importActuals: an actual already there is kept, a contradicting one is a conflict) and
 * re-syncs the Dashboard. `where(k)` names actual k in a problem (its CSV line, its row in the tab). With
 * `dryRun` nothing is written; with `known` problems it is refused, naming those and every other.
 *
 * @example
 * const r = await enterActuals(port, rows, { where: (k) => `line ${k + 2}`, dryRun: false });
 * r.kind === "imported" ? r.added.length : r.problems // 3, or ["line 4: period: …"]
 */
export async function enterActuals(
  port: WorkbookPort,
  actuals: readonly TrackingActual[],
  options: {
    readonly where: (k: number) => string;
    readonly dryRun: boolean;
    /** Problems already found in the same input (e.g. its CSV's unreadable lines): reported with these, first. */
    readonly known?: readonly string[];
  },
): Promise<EnteredActuals> {
  const problems = [...(options.known ?? []), ...(await checkActuals(port, actuals, options.where))];
  if (problems.length > 0) return { kind: "refused", problems };
  const result = await importActuals(port, actuals, { dryRun: options.dryRun });
  if (options.dryRun || result.added.length === 0) return { kind: "imported", ...result, warnings: [] };
  const dashboard = await updateDashboard(port);
  return { kind: "imported", ...result, warnings: dashboard.problems };
}

/**
 * A conflict in words: where the kept actual is, what it says and what the import said.
 *
 * @example
 * conflictText(c) // "Tracking!E5 CFS Targeted Prevention 2027-10 Avoided events is 2 on the sheet; a.csv line 2 says 0: the sheet's value is kept"
 */
export function conflictText(c: ImportResult["conflicts"][number]): string {
  const { existing: e, imported: i } = c;
  return (
    `${TRACKING_SHEET}!E${e.row} ${e.proposal} ${e.period} ${measureLabel(e.measure)} is ${e.value} on the sheet; ` +
    `${i.source} says ${i.value}: the sheet's value is kept`
  );
}
