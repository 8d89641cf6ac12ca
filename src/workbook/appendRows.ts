import type { WorkbookPort } from "./port";

/**
 * Appending to a log sheet (Tracking, Reprofiles): new rows go under the last row that holds anything, never
 * above the header, so blank rows the user left at the bottom are reused and nothing typed is written over.
 */

/**
 * The first row to append at: one below the last non-blank row of the sheet's used range (or below the header).
 *
 * @example
 * await nextFreeRow(port, "Tracking", 4) // 5 on a sheet with only its header, 9 after rows 5-8
 */
export async function nextFreeRow(port: WorkbookPort, sheet: string, headerRow: number): Promise<number> {
  const rows = await port.readUsedRange(sheet);
  let last = rows.length;
  while (last > headerRow && rows[last - 1].every((c) => c.value === null || c.value === "")) last--;
  return Math.max(last, headerRow) + 1;
}
