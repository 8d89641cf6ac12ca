import {
  anchorNameList,
  placeLayout,
  placementNames,
  type PlacementProblem,
  type SheetPlacement,
} from "./anchors";
import type { SheetLayout } from "./layouts/types";
import type { DefinedName, WorkbookPort } from "./port";

/**
 * Finding where the add-in's sheets are now (from their anchor names) before anything is read or written.
 */

export interface PlacedSheets {
  /** Sheets found, by name. */
  readonly placements: Map<string, SheetPlacement>;
  /** Sheets whose anchors are gone or inconsistent: nothing is read from or written to them. */
  readonly problems: readonly PlacementProblem[];
}

/**
 * Places every layout whose sheet exists (sheets that are missing are neither placed nor a problem: the
 * caller reports those itself). `defined` are the workbook's defined names when the caller already has them as
 * they must read (a renamed sheet's anchors under its new name, before a read-only step defines them).
 *
 * @example
 * const { placements, problems } = await placeSheets(port, [programmeLayout, cfsLayout]);
 */
export async function placeSheets(
  port: WorkbookPort,
  layouts: readonly SheetLayout[],
  defined?: readonly DefinedName[],
): Promise<PlacedSheets> {
  const sheets = new Set((await port.listSheets()).map((s) => s.name));
  const names = new Map((defined ?? (await port.listNames())).map((n) => [n.name, n]));
  const placements = new Map<string, SheetPlacement>();
  const problems: PlacementProblem[] = [];
  for (const layout of layouts) {
    if (!sheets.has(layout.sheet)) continue;
    const placed = placeLayout(layout, names);
    if ("message" in placed) problems.push(placed);
    else placements.set(layout.sheet, placed);
  }
  return { placements, problems };
}

/**
 * Defines the anchors of sheets written before anchoring (placed where laid out), so the next structure edit
 * is followed.
 *
 * @example
 * await anchorLegacySheets(port, layouts, placements);
 */
export async function anchorLegacySheets(
  port: WorkbookPort,
  layouts: readonly SheetLayout[],
  placements: ReadonlyMap<string, SheetPlacement>,
): Promise<void> {
  for (const layout of layouts) {
    const p = placements.get(layout.sheet);
    if (!p?.legacy) continue;
    await port.deleteNames(anchorNameList(layout));
    await port.defineNames(placementNames(layout, p));
  }
}
