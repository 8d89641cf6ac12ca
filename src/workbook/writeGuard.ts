import { sheetRef } from "./address";
import { WorkbookError } from "./errors";
import type { CellWrite } from "./port";

/**
 * Refuses a batch of cell writes holding a number that is not finite (NaN, ±Infinity), before any is written:
 * Excel has no such number, and a `<v>NaN</v>` in a file loses the figure for good. Both ports call it.
 *
 * @example
 * refuseNonFinite("Demand", [{ address: "B5", value: NaN }]) // throws WorkbookError "not-finite": Demand!B5 …
 */
export function refuseNonFinite(sheet: string, writes: readonly CellWrite[]): void {
  const bad = writes.find((w) => typeof w.value === "number" && !Number.isFinite(w.value));
  if (bad)
    throw new WorkbookError(
      "not-finite",
      `${sheetRef(sheet)}!${bad.address}: refusing to write ${String(bad.value)} (a cell's figure must be a finite number); nothing was written`,
    );
}
