import { Decimal } from "./money";
import { dayNumber, fyOf } from "./fiscalYear";
import { firstWholeFyFrom } from "./runRate";
import type { ExistingMtfsLine } from "./existingMtfs";
import type { CostItem, FyStartYear, MtfsOverlap } from "./types";

/**
 * When each input of a proposal stops changing (the full run rate definition, docs/engine.md): the first FY
 * from which a cost schedule, an overlap or an existing MTFS line is the same every year. Costs priced per case
 * or per event follow their stream, so they settle with it (undefined here). Inflation and steady growth are not
 * changes: they go on at a constant rate.
 */

/**
 * First FY from which a cost line no longer changes, or undefined when it follows the streams.
 *
 * @example
 * costSettledFy({ kind: "ongoing", label: "Coordinator", amountPerYear: D(58000), fromDate: "2026-08-01", toDate: "2028-07-31" }) // 2029
 */
export function costSettledFy(item: CostItem): FyStartYear | undefined {
  switch (item.kind) {
    case "ongoing": {
      // Partial FYs change; the first whole FY after the last date is steady (at the cost, or at 0 after toDate).
      const last = item.toDate === undefined ? dayNumber(item.fromDate) : dayNumber(item.toDate) + 1;
      return firstWholeFyFrom(new Decimal(last));
    }
    case "oneOff":
      return fyOf(item.date) + 1;
    case "perCase":
    case "perEvent":
      return undefined;
    case "phased": {
      // Amounts by FY (0 where not listed): steady from the FY after the last change.
      const byFy = new Map<FyStartYear, Decimal>();
      for (const a of item.amountsByFy) byFy.set(a.fy, (byFy.get(a.fy) ?? new Decimal(0)).plus(a.amount));
      const at = (fy: FyStartYear): Decimal => byFy.get(fy) ?? new Decimal(0);
      let settled: FyStartYear | undefined;
      for (const fy of byFy.keys()) {
        if (!at(fy).eq(at(fy + 1))) settled = Math.max(settled ?? fy + 1, fy + 1);
        if (!at(fy - 1).eq(at(fy))) settled = Math.max(settled ?? fy, fy);
      }
      return settled;
    }
  }
}

/**
 * First FY from which the MTFS overlap no longer changes by date, or undefined (it follows the gross or the caseload).
 *
 * @example
 * overlapSettledFy({ kind: "amountPerYear", amountPerYear: D(390000), capAtGross: true, fromFy: 2027 }) // 2027
 */
export function overlapSettledFy(o: MtfsOverlap): FyStartYear | undefined {
  return o.kind === "amountPerYear" ? o.fromFy : undefined;
}

/**
 * First FY from which an existing MTFS line no longer changes: its first FY, or the FY after its last.
 *
 * @example
 * existingLineSettledFy({ label: "AC21", amountPerYear: D(1e6), firstFy: 2026, lastFy: 2028, treatment: "addedBack" }) // 2029
 */
export function existingLineSettledFy(line: ExistingMtfsLine): FyStartYear {
  return line.lastFy === undefined ? line.firstFy : line.lastFy + 1;
}
