import { formulaReads } from "./anchors";
import { isOwned, type SheetLayout } from "./layouts/types";
import { ownedKey, type OwnedRecord } from "./register";

/**
 * The formula cells of a layout (layout addresses) that can recalculate to another figure before the next
 * refresh: those reading, directly or through other owned formulas, a cell the add-in does not write — an
 * input, a defined name (Parameters, an assumption), a cell the register has no record of, or one of this
 * sheet's cells kept as a hand edit. A refresh rewrites every other formula with its format, so only these
 * cannot have a format chosen from their figure (`cellNumberFormat`). Other sheets' cells are judged by what
 * the register says was written there.
 *
 * @example
 * liveFormulas(layout, owned).has("K38") // true: the risk-adjusted row reads Parameters' optimism bias
 */
export function liveFormulas(
  layout: SheetLayout,
  owned: ReadonlyMap<string, OwnedRecord>,
  handEdited: ReadonlySet<string> = new Set(),
): Set<string> {
  const here = new Map(
    layout.cells.filter((c) => isOwned(c) && !handEdited.has(c.address)).map((c) => [c.address, c]),
  );
  const memo = new Map<string, boolean>();
  const formulaLive = (formula: string, sheet: string): boolean => {
    const reads = formulaReads(formula, sheet);
    return reads.names.length > 0 || reads.cells.some((r) => cellLive(r.sheet, r.address));
  };
  const cellLive = (sheet: string, address: string): boolean => {
    const key = ownedKey(sheet, address);
    const known = memo.get(key);
    if (known !== undefined) return known;
    memo.set(key, true); // a circular reference never settles
    let formula: string | undefined;
    let written: boolean;
    if (sheet === layout.sheet) {
      const c = here.get(address);
      written = c !== undefined;
      formula = c?.kind === "formula" ? c.formula : undefined;
    } else {
      const rec = owned.get(key);
      written = rec !== undefined;
      formula = rec?.written.kind === "formula" ? rec.written.formula : undefined;
    }
    const live = !written || (formula !== undefined && formulaLive(formula, sheet));
    memo.set(key, live);
    return live;
  };
  return new Set(
    layout.cells
      .filter((c) => c.kind === "formula" && formulaLive(c.formula, layout.sheet))
      .map((c) => c.address),
  );
}
