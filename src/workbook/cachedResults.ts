import { parseAddress } from "./address";
import { FormulaBook, isFormulaError, parseFormula, referencedSheets, type SheetCells } from "./formulaValue";
import type { CellContent, CellScalar, DefinedName, WorkbookPort } from "./port";

/**
 * The cached results refresh writes with owned formulas, evaluated from the sheets as they will be
 * (formulaValue.ts), and what refresh learns doing so: owned formulas it could not evaluate, and figures that
 * differ from the engine's because a kept hand edit or a typed row is counted in them.
 */

/** A cell the engine did not compute that an owned formula counts: a kept hand edit or a cell typed in a range. */
export interface CountedCell {
  readonly owner: string;
  readonly sheet: string;
  readonly address: string;
  /** "kept": an owned cell edited by hand (its key given); "typed": a cell of no layout inside an owned range. */
  readonly kind: "kept" | "typed";
  readonly key?: string;
  /** The row's first text (a typed Programme row's name), when it has one. */
  readonly rowLabel?: string;
  /** The owned formulas whose figure it changes: their keys, the figure shown and the engine's. */
  readonly affected: readonly {
    readonly key: string;
    readonly address: string;
    readonly shown: CellScalar;
    readonly computed: CellScalar;
    /** The formula reads the cell itself (not through another formula). */
    readonly direct: boolean;
    /** The formula cell's caption in its sheet's words, when its layout gives one. */
    readonly caption?: string;
    /** The formula cell's number format, so the report shows its figures as the sheet does. */
    readonly numberFormat?: string;
  }[];
}

/**
 * What one refresh shares between its syncs: the sheets read so far, what a dry run would have written, the
 * owned formulas outside the evaluator's grammar (their engine value kept) and the counted cells found.
 */
export interface FormulaCheck {
  readonly outsideGrammar: Set<string>;
  readonly counted: CountedCell[];
  /** Sheet → address → content a dry run's earlier syncs would have written. */
  readonly pending: Map<string, Map<string, CellContent>>;
  readonly grids: Map<string, readonly (readonly CellContent[])[]>;
  names?: readonly DefinedName[];
}

/**
 * A fresh check for one refresh.
 *
 * @example
 * const check = newFormulaCheck(); // pass as SyncOptions.formulas
 */
export function newFormulaCheck(): FormulaCheck {
  return { outsideGrammar: new Set(), counted: [], pending: new Map(), grids: new Map() };
}

/**
 * The workbook as `sheet`'s formulas read it: that sheet with `overlay` (what its sync will write) over it,
 * and every sheet its formulas reach, directly or through defined names and other sheets' formulas.
 *
 * @example
 * const book = await loadFormulaBook(port, "Programme", overlay, check);
 */
export async function loadFormulaBook(
  port: WorkbookPort,
  sheet: string,
  overlay: ReadonlyMap<string, CellContent>,
  check?: FormulaCheck,
): Promise<FormulaBook> {
  const existing = new Map((await port.listSheets()).map((s) => [s.name.toUpperCase(), s.name]));
  const names = check?.names ?? (await port.listNames());
  if (check) check.names = names;
  const sheets = new Map<string, SheetCells>();
  const todo = [sheet];
  while (todo.length) {
    const name = existing.get((todo.pop() ?? "").toUpperCase());
    if (name === undefined || sheets.has(name)) continue;
    const grid = check?.grids.get(name) ?? (await port.readUsedRange(name));
    check?.grids.set(name, grid);
    const over = new Map(check?.pending.get(name) ?? []);
    if (name === sheet) for (const [a, c] of overlay) over.set(a, c);
    sheets.set(name, { grid, overlay: over });
    const formulas = [
      ...grid.flatMap((row) => row.flatMap((c) => (c.formula === undefined ? [] : [c.formula]))),
      ...[...over.values()].flatMap((c) => (c.formula === undefined ? [] : [c.formula])),
    ];
    const usedNames = new Set<string>();
    for (const f of formulas) {
      todo.push(...referencedSheets(f));
      for (const m of f.matchAll(/[A-Za-z_][A-Za-z0-9_.]*/g)) usedNames.add(m[0].toUpperCase());
    }
    for (const n of names) if (usedNames.has(n.name.toUpperCase()) && n.sheet) todo.push(n.sheet);
  }
  return new FormulaBook(sheets, names);
}

/**
 * An owned formula's cached result as the spreadsheet computes it, or undefined when it cannot be evaluated
 * (outside the grammar, recorded in `check`, or an error value): the caller keeps the engine's value.
 *
 * @example
 * cachedResult(book, "Programme", "F17", "SUM(F10:F16)", check) // 2994079.7
 */
export function cachedResult(
  book: FormulaBook,
  sheet: string,
  address: string,
  formula: string,
  check?: FormulaCheck,
): CellScalar | undefined {
  if (parseFormula(formula) === null) {
    check?.outsideGrammar.add(`${sheet}!${address}`);
    return undefined;
  }
  const v = book.valueAt(sheet, address);
  return isFormulaError(v) ? undefined : v;
}

/**
 * The cells of no layout and the kept hand edits on `sheet` that owned formulas count, each with the formulas
 * whose figure differs from the engine's because of it (found by walking each differing formula's precedents
 * on its own sheet; a difference that comes from another sheet is reported on that sheet).
 *
 * @example
 * countedCells(book, "programme", "Programme", differing, kept, laidOut) // [{ kind: "typed", address: "F11", ... }]
 */
export function countedCells(
  book: FormulaBook,
  owner: string,
  sheet: string,
  differing: readonly {
    key: string;
    address: string;
    shown: CellScalar;
    computed: CellScalar;
    caption?: string;
    numberFormat?: string;
  }[],
  kept: ReadonlyMap<string, string>,
  laidOut: ReadonlySet<string>,
): CountedCell[] {
  const found = new Map<string, CountedCell & { affected: CountedCell["affected"][number][] }>();
  for (const d of differing) {
    const direct = new Set(
      book
        .precedents(sheet, d.address, () => true)
        .filter((p) => p.sheet === sheet)
        .map((p) => p.address),
    );
    const causes = book.precedents(
      sheet,
      d.address,
      (p) => p.sheet === sheet && (kept.has(p.address) || !laidOut.has(p.address)),
    );
    for (const p of causes) {
      const counts = p.content.formula !== undefined || typeof p.content.value === "number" || !p.inRange;
      if (p.sheet !== sheet || !counts) continue;
      const key = kept.get(p.address);
      const entry =
        found.get(p.address) ??
        (key !== undefined
          ? { owner, sheet, address: p.address, kind: "kept" as const, key, affected: [] }
          : {
              owner,
              sheet,
              address: p.address,
              kind: "typed" as const,
              ...rowLabelOf(book, sheet, p.address),
              affected: [],
            });
      entry.affected.push({ ...d, direct: direct.has(p.address) });
      found.set(p.address, entry);
    }
  }
  return [...found.values()];
}

function rowLabelOf(book: FormulaBook, sheet: string, address: string): { rowLabel?: string } {
  const { row } = parseAddress(address);
  for (const col of ["A", "B", "C"]) {
    const v = book.content(sheet, `${col}${row}`).value;
    if (typeof v === "string" && v.trim() !== "") return { rowLabel: v.trim() };
  }
  return {};
}
