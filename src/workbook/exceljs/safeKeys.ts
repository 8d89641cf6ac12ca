import type * as ExcelJS from "exceljs";

/**
 * ExcelJS keeps defined names in plain objects keyed by the name and by the sheet name
 * (`DefinedNames.matrixMap[name]`, `CellMatrix.sheets[sheetName]`), so a sheet called "__proto__" writes
 * its rows into Object.prototype (every later `row.getCellEx` fails) and "constructor" or "toString" land
 * on built-in functions. Those two maps are given a null prototype here, for the Node and browser builds
 * alike (the classes are reached through an instance, not a deep import), so user text stays a plain key.
 */

const guarded = new WeakSet<object>();

/** Makes `field` of every instance of `proto` a null-prototype object, keeping the object ExcelJS assigned. */
function nullPrototypeField(proto: object, field: string): void {
  if (guarded.has(proto)) return;
  guarded.add(proto);
  const slot = Symbol(field);
  Object.defineProperty(proto, field, {
    configurable: true,
    get(this: Record<symbol, unknown>): unknown {
      return this[slot];
    },
    set(this: Record<symbol, unknown>, value: unknown): void {
      // Same object, so ExcelJS code that fills the map it just assigned (`x = this.map = {}`) still works.
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        Object.setPrototypeOf(value, null);
      }
      this[slot] = value;
    },
  });
}

interface Names {
  getMatrix(name: string): { sheets: Record<string, unknown> };
  matrixMap: Record<string, { sheets: Record<string, unknown> }>;
}

const PROBE = "\u0000mtfs-probe";

/**
 * Installs the guard for `workbook` and every workbook made after it (idempotent). Call it on a new workbook
 * before reading a file into it: the names of a file are keyed while it loads.
 *
 * @example
 * const wb = new ExcelJS.Workbook(); guardExcelJsKeys(wb); await wb.xlsx.load(buffer);
 */
export function guardExcelJsKeys(workbook: ExcelJS.Workbook): void {
  const names = workbook.definedNames as unknown as Names;
  const probe = names.getMatrix(PROBE);
  delete names.matrixMap[PROBE];
  nullPrototypeField(Object.getPrototypeOf(names) as object, "matrixMap");
  nullPrototypeField(Object.getPrototypeOf(probe) as object, "sheets");
  // Objects made before the guard hold these maps as own properties, which hide the accessor (and a later
  // `this.matrixMap = {}` would bypass it): move them behind it.
  rehome(names, "matrixMap");
  for (const m of Object.values(names.matrixMap)) rehome(m, "sheets");
}

function rehome<K extends string>(o: Record<K, unknown>, field: K): void {
  if (!Object.prototype.hasOwnProperty.call(o, field)) return;
  const value = o[field];
  delete o[field];
  o[field] = value;
}
