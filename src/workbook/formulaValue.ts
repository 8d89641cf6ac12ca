import { cellAddress, parseAddress } from "./address";
import type { CellContent, CellScalar, DefinedName } from "./port";

/**
 * A small evaluator for the formulas the add-in writes, so the cached result refresh stores with each owned
 * formula is what Excel or LibreOffice compute from the cells as they are (kept hand edits, rows the user
 * typed inside a SUM's range), not only what the engine computed. LibreOffice does not recalculate an .xlsx
 * on load by default, and the refresh report quotes these cached figures.
 *
 * The grammar: numbers, "text", TRUE/FALSE, cell and range references (with `$`, on other sheets, quoted or
 * not), workbook defined names, unary minus, + - * / ^ &, = <> < > <= >=, parentheses, and the functions in
 * `FUNCTIONS` (SUM, IF, ROUND, ABS, MAX, MIN, IFERROR, INDEX, MATCH, AND, OR, NOT, ISBLANK, NPV, SUMIF).
 * A formula outside it is not evaluated: `parseFormula` returns null and the caller keeps its own value.
 */

/** A spreadsheet error value, as Excel shows it ("#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!"). */
export interface FormulaError {
  readonly error: string;
}

/** What a formula evaluates to: a cell value, or an error value. */
export type FormulaResult = CellScalar | FormulaError;

type Expr =
  | { readonly t: "lit"; readonly v: CellScalar }
  | { readonly t: "ref"; readonly sheet?: string; readonly from: Cell; readonly to?: Cell }
  | { readonly t: "name"; readonly name: string }
  | { readonly t: "neg"; readonly e: Expr }
  | { readonly t: "bin"; readonly op: string; readonly l: Expr; readonly r: Expr }
  | { readonly t: "call"; readonly fn: string; readonly args: readonly Expr[] };

interface Cell {
  readonly row: number;
  readonly col: number;
}

/** A range as a function argument sees it. */
interface Range {
  readonly t: "range";
  readonly sheet: string;
  readonly from: Cell;
  readonly to: Cell;
  /** A reference to one cell rather than an area (a scalar where one is due). */
  readonly single: boolean;
}

type Val = FormulaResult | Range;

const err = (error: string): FormulaError => ({ error });
/**
 * Whether a result is an error value.
 *
 * @example
 * isFormulaError({ error: "#N/A" }) // true
 */
export const isFormulaError = (v: unknown): v is FormulaError =>
  typeof v === "object" && v !== null && "error" in v;
const isRange = (v: Val): v is Range => typeof v === "object" && v !== null && "t" in v;

const TOKEN =
  /\s*(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!|(\$?[A-Za-z]{1,3}\$?\d+)(?![A-Za-z0-9_.(!])|(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|("(?:[^"]|"")*")|(<=|>=|<>|[-+*/^&=<>(),:])|((?:_xlfn\.)?[A-Za-z_][A-Za-z0-9_.]*))/y;

type Token = { k: "sheet" | "cell" | "num" | "str" | "op" | "id"; v: string };

function tokenize(text: string): Token[] | null {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  const src = text.replace(/\s+$/, "");
  while (at < src.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(src);
    if (!m) return null;
    at = TOKEN.lastIndex;
    if (m[1] !== undefined)
      out.push({ k: "sheet", v: m[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1] });
    else if (m[2] !== undefined) out.push({ k: "cell", v: m[2] });
    else if (m[3] !== undefined) out.push({ k: "num", v: m[3] });
    else if (m[4] !== undefined) out.push({ k: "str", v: m[4].slice(1, -1).replace(/""/g, '"') });
    else if (m[5] !== undefined) out.push({ k: "op", v: m[5] });
    else out.push({ k: "id", v: m[6].replace(/^_xlfn\./i, "") });
  }
  return out;
}

const BINARY: readonly (readonly string[])[] = [
  ["=", "<>", "<", ">", "<=", ">="],
  ["&"],
  ["+", "-"],
  ["*", "/"],
  ["^"],
];

/**
 * The formula's syntax tree, or null when it is outside the grammar this module evaluates.
 *
 * @example
 * parseFormula("SUM(F10:F14)") !== null // true
 * parseFormula("OFFSET(A1,1,1)") // null (not a function we evaluate)
 */
export function parseFormula(formula: string): Expr | null {
  const tokens = tokenize(formula.replace(/^=/, ""));
  if (!tokens || !tokens.length) return null;
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isOp = (v: string): boolean => peek()?.k === "op" && peek()?.v === v;
  const fail = (): never => {
    throw new SyntaxError("outside the grammar");
  };
  const cell = (a: string): Cell => {
    const p = parseAddress(a);
    return { row: p.row, col: p.column };
  };
  const level = (n: number): Expr => {
    if (n === BINARY.length) return unary();
    let l = level(n + 1);
    for (;;) {
      const t = peek();
      if (!t || t.k !== "op" || !BINARY[n].includes(t.v)) return l;
      i++;
      l = { t: "bin", op: t.v, l, r: level(n + 1) };
    }
  };
  const unary = (): Expr => {
    if (isOp("-")) {
      i++;
      return { t: "neg", e: unary() };
    }
    if (isOp("+")) {
      i++;
      return unary();
    }
    return primary();
  };
  const ref = (sheet?: string): Expr => {
    const t = tokens[i++];
    if (t?.k !== "cell") return fail();
    const from = cell(t.v);
    if (isOp(":") && tokens[i + 1]?.k === "cell") {
      i++;
      return { t: "ref", sheet, from, to: cell(tokens[i++].v) };
    }
    return { t: "ref", sheet, from };
  };
  const primary = (): Expr => {
    const t = peek();
    if (!t) return fail();
    if (t.k === "num") {
      i++;
      return { t: "lit", v: Number(t.v) };
    }
    if (t.k === "str") {
      i++;
      return { t: "lit", v: t.v };
    }
    if (t.k === "sheet") {
      i++;
      return ref(t.v);
    }
    if (t.k === "cell") return ref();
    if (t.k === "op" && t.v === "(") {
      i++;
      const e = level(0);
      if (!isOp(")")) return fail();
      i++;
      return e;
    }
    if (t.k === "id") {
      i++;
      const up = t.v.toUpperCase();
      if (isOp("(")) {
        i++;
        if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, up)) return fail();
        const args: Expr[] = [];
        if (!isOp(")")) {
          for (;;) {
            args.push(level(0));
            if (isOp(",")) i++;
            else break;
          }
        }
        if (!isOp(")")) return fail();
        i++;
        return { t: "call", fn: up, args };
      }
      if (up === "TRUE" || up === "FALSE") return { t: "lit", v: up === "TRUE" };
      return { t: "name", name: t.v };
    }
    return fail();
  };
  try {
    const e = level(0);
    return i === tokens.length ? e : null;
  } catch (e) {
    if (e instanceof SyntaxError) return null;
    throw e;
  }
}

/**
 * The sheets a formula refers to by name (not through defined names), as written.
 *
 * @example
 * referencedSheets("'CFS Targeted Prevention'!J40+Programme!F9") // ["CFS Targeted Prevention", "Programme"]
 */
export function referencedSheets(formula: string): string[] {
  return (tokenize(formula.replace(/^=/, "")) ?? []).filter((t) => t.k === "sheet").map((t) => t.v);
}

/** Excel's text for a number in `&` (up to 15 significant digits, no trailing zeros). */
const numberText = (n: number): string => String(Number(n.toPrecision(15)));

/** Excel's ROUND: half away from zero, on the number as its 15 significant digits show it. */
function round(x: number, digits: number): number {
  const f = 10 ** Math.trunc(digits);
  const y = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.round(y)) / f;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A cell value as a number in arithmetic: blank 0, TRUE 1, numeric text (or an ISO date) its number. */
function toNumber(v: FormulaResult): number | FormulaError {
  if (isFormulaError(v)) return v;
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  const d = ISO_DATE.exec(v.trim());
  if (d) return (Date.UTC(+d[1], +d[2] - 1, +d[3]) - Date.UTC(1899, 11, 30)) / 86_400_000;
  const t = v.trim();
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : err("#VALUE!");
}

function toBool(v: FormulaResult): boolean | FormulaError {
  if (isFormulaError(v)) return v;
  if (typeof v === "string") {
    const u = v.toUpperCase();
    return u === "TRUE" ? true : u === "FALSE" ? false : err("#VALUE!");
  }
  return Boolean(v);
}

const toText = (v: CellScalar): string =>
  v === null
    ? ""
    : typeof v === "number"
      ? numberText(v)
      : typeof v === "boolean"
        ? v
          ? "TRUE"
          : "FALSE"
        : v;

/** Excel's order for comparisons: numbers < text < logicals; a blank is 0, "" or FALSE to match the other side. */
function compare(a: CellScalar, b: CellScalar): number {
  const blankAs = (x: CellScalar, other: CellScalar): CellScalar =>
    x !== null ? x : typeof other === "string" ? "" : typeof other === "boolean" ? false : 0;
  const x = blankAs(a, b);
  const y = blankAs(b, a);
  const rank = (v: CellScalar): number => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === "string" && typeof y === "string") {
    const [p, q] = [x.toUpperCase(), y.toUpperCase()];
    return p < q ? -1 : p > q ? 1 : 0;
  }
  return Number(x) - Number(y);
}

function arithmetic(op: string, a: number, b: number): FormulaResult {
  if (op === "/" && b === 0) return err("#DIV/0!");
  const v = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : op === "/" ? a / b : a ** b;
  return Number.isFinite(v) ? v : err("#NUM!");
}

type Fn = (args: readonly Expr[], ev: Evaluator) => FormulaResult;

/** The functions the evaluator knows (what the add-in's layouts write, and a few neighbours). */
const FUNCTIONS: Readonly<Record<string, Fn>> = {
  SUM: (args, ev) => {
    const ns = ev.numbers(args);
    return isFormulaError(ns) ? ns : ns.reduce((s, n) => s + n, 0);
  },
  MAX: (args, ev) => {
    const ns = ev.numbers(args);
    return isFormulaError(ns) ? ns : ns.length ? Math.max(...ns) : 0;
  },
  MIN: (args, ev) => {
    const ns = ev.numbers(args);
    return isFormulaError(ns) ? ns : ns.length ? Math.min(...ns) : 0;
  },
  ABS: (args, ev) => {
    const n = toNumber(ev.scalar(args[0]));
    return isFormulaError(n) ? n : Math.abs(n);
  },
  ROUND: (args, ev) => {
    const n = toNumber(ev.scalar(args[0]));
    const d = toNumber(args[1] ? ev.scalar(args[1]) : 0);
    return isFormulaError(n) ? n : isFormulaError(d) ? d : round(n, d);
  },
  IF: (args, ev) => {
    const c = toBool(ev.scalar(args[0]));
    if (isFormulaError(c)) return c;
    const pick = c ? args[1] : args[2];
    return pick ? ev.result(pick) : c;
  },
  IFERROR: (args, ev) => {
    const v = ev.result(args[0]);
    return isFormulaError(v) ? ev.result(args[1]) : v;
  },
  AND: (args, ev) => {
    const bs = ev.bools(args);
    return isFormulaError(bs) ? bs : bs.every(Boolean);
  },
  OR: (args, ev) => {
    const bs = ev.bools(args);
    return isFormulaError(bs) ? bs : bs.some(Boolean);
  },
  NOT: (args, ev) => {
    const b = toBool(ev.scalar(args[0]));
    return isFormulaError(b) ? b : !b;
  },
  ISBLANK: (args, ev) => {
    const v = ev.value(args[0]);
    return isRange(v) && v.single ? ev.isBlank(v.sheet, v.from) : false;
  },
  INDEX: (args, ev) => {
    const r = ev.value(args[0]);
    if (!isRange(r)) return isFormulaError(r) ? r : err("#VALUE!");
    const a = toNumber(ev.scalar(args[1]));
    const b = args[2] ? toNumber(ev.scalar(args[2])) : 1;
    if (isFormulaError(a)) return a;
    if (isFormulaError(b)) return b;
    const oneRow = r.from.row === r.to.row && !args[2];
    const [row, col] = oneRow ? [1, a] : [a, b];
    if (row < 1 || col < 1 || r.from.row + row - 1 > r.to.row || r.from.col + col - 1 > r.to.col)
      return err("#REF!");
    return ev.cellValue(r.sheet, { row: r.from.row + row - 1, col: r.from.col + col - 1 });
  },
  MATCH: (args, ev) => {
    const want = ev.scalar(args[0]);
    if (isFormulaError(want)) return want;
    const r = ev.value(args[1]);
    if (!isRange(r)) return isFormulaError(r) ? r : err("#N/A");
    const type = args[2] ? toNumber(ev.scalar(args[2])) : 1;
    if (isFormulaError(type)) return type;
    const cells = ev.cells(r);
    let best = -1;
    for (let k = 0; k < cells.length; k++) {
      const v = cells[k];
      if (isFormulaError(v) || v === null) continue;
      const c = compare(v, want);
      if (type === 0 && c === 0 && typeof v === typeof want) return k + 1;
      if (type > 0 && c <= 0 && typeof v === typeof want) best = k;
    }
    return best >= 0 && type > 0 ? best + 1 : err("#N/A");
  },
  NPV: (args, ev) => {
    const rate = toNumber(ev.scalar(args[0]));
    if (isFormulaError(rate)) return rate;
    const ns = ev.numbers(args.slice(1));
    if (isFormulaError(ns)) return ns;
    return ns.reduce((s, n, k) => s + n / (1 + rate) ** (k + 1), 0);
  },
  SUMIF: (args, ev) => {
    const r = ev.value(args[0]);
    const crit = ev.scalar(args[1]);
    const s = args[2] ? ev.value(args[2]) : r;
    if (!isRange(r) || !isRange(s)) return err("#VALUE!");
    if (isFormulaError(crit)) return crit;
    const test = criterion(crit);
    const keys = ev.cells(r);
    const width = r.to.col - r.from.col + 1;
    let total = 0;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (isFormulaError(key) || !test(key)) continue;
      const v = ev.cellValue(s.sheet, {
        row: s.from.row + Math.floor(k / width),
        col: s.from.col + (k % width),
      });
      if (isFormulaError(v)) return v;
      if (typeof v === "number") total += v;
    }
    return total;
  },
};

/** SUMIF's criterion: "=x", ">0", "<>a" or a plain value (text matched ignoring case; "" matches blanks). */
function criterion(c: CellScalar): (v: CellScalar) => boolean {
  const m = typeof c === "string" ? /^(<=|>=|<>|=|<|>)(.*)$/.exec(c) : null;
  const op = m ? m[1] : "=";
  const raw: CellScalar = m ? m[2] : c;
  const num =
    typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  return (v) => {
    if (op === "=" && (num === "" || num === null)) return v === null || v === "";
    if (v === null) return op === "<>";
    if (typeof num === "number" && typeof v !== "number") return op === "<>";
    const k = compare(v, num);
    return op === "="
      ? k === 0
      : op === "<>"
        ? k !== 0
        : op === "<"
          ? k < 0
          : op === ">"
            ? k > 0
            : op === "<="
              ? k <= 0
              : k >= 0;
  };
}

/** One sheet's cells as the evaluator reads them: its used range, and cells that will be written over it. */
export interface SheetCells {
  readonly grid: readonly (readonly CellContent[])[];
  readonly overlay: ReadonlyMap<string, CellContent>;
}

/** Where an evaluation found the cell it read: reached through a multi-cell range (a SUM's) or directly. */
export interface Precedent {
  readonly sheet: string;
  readonly address: string;
  readonly content: CellContent;
  readonly inRange: boolean;
}

interface Evaluator {
  value(e: Expr): Val;
  scalar(e: Expr): FormulaResult;
  result(e: Expr): FormulaResult;
  numbers(args: readonly Expr[]): number[] | FormulaError;
  bools(args: readonly Expr[]): boolean[] | FormulaError;
  cells(r: Range): FormulaResult[];
  cellValue(sheet: string, c: Cell): FormulaResult;
  isBlank(sheet: string, c: Cell): boolean;
}

/**
 * A workbook as the evaluator sees it: some sheets' cells (with what is about to be written over them) and
 * the defined names. Values are memoised, so formulas are evaluated once each, in dependency order (a formula
 * reading another's cell evaluates that one first); a circular reference reads the cell's cached value.
 *
 * @example
 * const book = new FormulaBook(new Map([["Programme", { grid, overlay }]]), names);
 * book.valueAt("Programme", "F17") // 2994079.7
 */
export class FormulaBook {
  private readonly sheets = new Map<string, { name: string; cells: SheetCells }>();
  private readonly names = new Map<string, DefinedName>();
  private readonly memo = new Map<string, FormulaResult>();
  private readonly parsed = new Map<string, Expr | null>();
  private readonly busy = new Set<string>();
  /** Formula cells read outside the grammar (their cached value used), as "Sheet!A1". */
  readonly outsideGrammar = new Set<string>();

  constructor(sheets: ReadonlyMap<string, SheetCells>, names: readonly DefinedName[]) {
    for (const [name, cells] of sheets) this.sheets.set(name.toUpperCase(), { name, cells });
    for (const n of names) this.names.set(n.name.toUpperCase(), n);
  }

  /** What a cell holds: the overlay's content, else the used range's. */
  content(sheet: string, address: string): CellContent {
    const s = this.sheets.get(sheet.toUpperCase());
    if (!s) return { value: null };
    const { row, column } = parseAddress(address);
    const a = cellAddress(column, row);
    return s.cells.overlay.get(a) ?? s.cells.grid[row - 1]?.[column - 1] ?? { value: null };
  }

  /** A cell's value: a formula's evaluated result, else its content's value (a blank cell null). */
  valueAt(sheet: string, address: string): FormulaResult {
    const { row, column } = parseAddress(address);
    return this.cellValue(sheet, { row, col: column });
  }

  /** The parsed formula of a cell (null: none, or outside the grammar). */
  private expr(sheet: string, address: string, formula: string): Expr | null {
    const key = `${sheet.toUpperCase()}!${address}`;
    if (!this.parsed.has(key)) this.parsed.set(key, parseFormula(formula));
    return this.parsed.get(key) ?? null;
  }

  /** The sheet's name as the workbook spells it (names are matched ignoring case); undefined when not loaded. */
  sheetName(sheet: string): string | undefined {
    return this.sheets.get(sheet.toUpperCase())?.name;
  }

  cellValue(sheet: string, c: Cell): FormulaResult {
    const name = this.sheetName(sheet);
    if (name === undefined) return err("#REF!");
    const address = cellAddress(c.col, c.row);
    const key = `${name}!${address}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const cur = this.content(name, address);
    if (cur.formula === undefined) return cur.value;
    const e = this.expr(name, address, cur.formula);
    if (e === null || this.busy.has(key)) {
      if (e === null) this.outsideGrammar.add(key);
      return cur.value;
    }
    this.busy.add(key);
    const v = this.evaluate(e, name);
    this.busy.delete(key);
    this.memo.set(key, v);
    return v;
  }

  /** The formula's result in `sheet`'s context (a reference to a blank cell is 0, as Excel shows it). */
  evaluate(e: Expr, sheet: string): FormulaResult {
    const v = this.evaluator(sheet).result(e);
    return v === null ? 0 : v;
  }

  /**
   * The cells a cell's value reads, transitively through formulas, stopping at (and including) cells where
   * `stop` is true; blank cells are left out.
   */
  precedents(sheet: string, address: string, stop: (p: Precedent) => boolean): Precedent[] {
    const out = new Map<string, Precedent>();
    const seen = new Set<string>();
    const visit = (s: string, a: string, inRange: boolean): void => {
      const name = this.sheetName(s);
      if (name === undefined) return;
      const key = `${name}!${a}`;
      if (seen.has(key)) return;
      seen.add(key);
      const content = this.content(name, a);
      const p: Precedent = { sheet: name, address: a, content, inRange };
      if (content.formula === undefined && (content.value === null || content.value === "")) return;
      if (stop(p)) {
        out.set(key, p);
        return;
      }
      const e = content.formula === undefined ? null : this.expr(name, a, content.formula);
      if (e) walk(e, name);
    };
    const walk = (e: Expr, s: string): void => {
      switch (e.t) {
        case "lit":
          return;
        case "neg":
          return walk(e.e, s);
        case "bin":
          walk(e.l, s);
          return walk(e.r, s);
        case "call":
          return e.args.forEach((x) => walk(x, s));
        case "name":
        case "ref": {
          const r = this.evaluator(s).value(e);
          if (!isRange(r)) return;
          for (let row = r.from.row; row <= r.to.row; row++)
            for (let col = r.from.col; col <= r.to.col; col++)
              visit(r.sheet, cellAddress(col, row), !r.single);
        }
      }
    };
    const own = this.content(sheet, address);
    const e = own.formula === undefined ? null : this.expr(sheet, address, own.formula);
    if (e) walk(e, sheet);
    return [...out.values()];
  }

  /** The defined name (matched ignoring case). */
  definedName(name: string): DefinedName | undefined {
    return this.names.get(name.toUpperCase());
  }

  private evaluator(sheet: string): Evaluator {
    return evaluatorFor(this, sheet);
  }
}

/** Evaluation of expressions written on `sheet`, reading cells through `book`. */
function evaluatorFor(book: FormulaBook, sheet: string): Evaluator {
  const ev: Evaluator = {
    value(e) {
      switch (e.t) {
        case "lit":
          return e.v;
        case "ref": {
          const s = e.sheet ?? sheet;
          const to = e.to ?? e.from;
          const name = book.sheetName(s);
          if (name === undefined) return err("#REF!");
          return {
            t: "range",
            sheet: name,
            from: { row: Math.min(e.from.row, to.row), col: Math.min(e.from.col, to.col) },
            to: { row: Math.max(e.from.row, to.row), col: Math.max(e.from.col, to.col) },
            single: e.to === undefined,
          };
        }
        case "name": {
          const n = book.definedName(e.name);
          const name = n && book.sheetName(n.sheet);
          if (!n || name === undefined) return err("#NAME?");
          const [a, b] = n.address.replace(/\$/g, "").split(":");
          const from = parseAddress(a);
          const to = parseAddress(b ?? a);
          return {
            t: "range",
            sheet: name,
            from: { row: from.row, col: from.column },
            to: { row: to.row, col: to.column },
            single: b === undefined || a === b,
          };
        }
        case "neg": {
          const n = toNumber(ev.scalar(e.e));
          return isFormulaError(n) ? n : n === 0 ? 0 : -n;
        }
        case "bin": {
          const l = ev.scalar(e.l);
          const r = ev.scalar(e.r);
          if (isFormulaError(l)) return l;
          if (isFormulaError(r)) return r;
          if (e.op === "&") return toText(l) + toText(r);
          if (["=", "<>", "<", ">", "<=", ">="].includes(e.op)) {
            const k = compare(l, r);
            const ops: Record<string, boolean> = {
              "=": k === 0,
              "<>": k !== 0,
              "<": k < 0,
              ">": k > 0,
              "<=": k <= 0,
              ">=": k >= 0,
            };
            return ops[e.op];
          }
          const a = toNumber(l);
          const b = toNumber(r);
          if (isFormulaError(a)) return a;
          if (isFormulaError(b)) return b;
          return arithmetic(e.op, a, b);
        }
        case "call":
          return FUNCTIONS[e.fn](e.args, ev);
      }
    },
    scalar(e) {
      const v = ev.value(e);
      if (!isRange(v)) return v;
      return v.single ? book.cellValue(v.sheet, v.from) : err("#VALUE!");
    },
    result(e) {
      return ev.scalar(e);
    },
    cells(r) {
      const out: FormulaResult[] = [];
      for (let row = r.from.row; row <= r.to.row; row++)
        for (let col = r.from.col; col <= r.to.col; col++) out.push(book.cellValue(r.sheet, { row, col }));
      return out;
    },
    numbers(args) {
      const out: number[] = [];
      for (const a of args) {
        const v = ev.value(a);
        if (isRange(v)) {
          // A reference's text, logicals and blanks are skipped, as Excel's SUM does.
          for (const x of ev.cells(v)) {
            if (isFormulaError(x)) return x;
            if (typeof x === "number") out.push(x);
          }
        } else {
          const n = toNumber(v);
          if (isFormulaError(n)) return n;
          out.push(n);
        }
      }
      return out;
    },
    bools(args) {
      const out: boolean[] = [];
      for (const a of args) {
        const v = ev.value(a);
        for (const x of isRange(v) ? ev.cells(v) : [v]) {
          if (x === null || (isRange(v) && typeof x === "string")) continue;
          const b = toBool(x);
          if (isFormulaError(b)) return b;
          out.push(b);
        }
      }
      return out;
    },
    cellValue: (s, c) => book.cellValue(s, c),
    isBlank: (s, c) => {
      const cur = book.content(s, cellAddress(c.col, c.row));
      return cur.formula === undefined && cur.value === null;
    },
  };
  return ev;
}
