import { Decimal } from "./money";
import { EngineError } from "./errors";
import { WEEKS_PER_MONTH } from "./timeline";
import { DEFAULT_OPTIMISM_BIAS, type OptimismBiasTable } from "./optimismBias";
import { distribution as checkedDistribution, type Distribution } from "./random";
import type { ConfidenceLevel } from "./proposal";

/**
 * The inputs a tornado or a simulation moves. An input is a number in the parsed assumptions, named by its
 * path ("target.value", "unitCost.weeklyCost", "investment[0].amountPerYear", "streams[1].caseload"). A
 * proposal's `risk` block may state, per input, a low and a high (the tornado's ends; default ±10%) and a
 * distribution (the simulation's; default none, so the input stays at its base). Paths use the parsed names;
 * a path ending in `Months` where the parsed record holds `Weeks` (timeline.leadMonths) is read in months.
 */

/** A distribution as a risk entry states it: a kind from random.ts, or a spread from the confidence level. */
export type RiskDistribution = Distribution | { readonly kind: "confidence" };

/** One entry of a proposal's `risk` block (values in the unit of the path, e.g. months for leadMonths). */
export interface RiskEntry {
  readonly path: string;
  readonly low?: Decimal;
  readonly high?: Decimal;
  readonly distribution?: RiskDistribution;
  readonly note?: string;
}

/** An input resolved against the assumptions: its parsed path, base and ends, all in the parsed unit. */
export interface MovedInput {
  /** The path as the entry (or the default list) names it. */
  readonly path: string;
  /** The path into the parsed assumptions (Weeks for a Months path). */
  readonly parsedPath: string;
  /** Parsed unit per stated unit (weeks a month for a Months path, else 1). */
  readonly scale: number;
  readonly base: number;
  readonly low: number;
  readonly high: number;
  /** Absent: the input stays at its base in a simulation. */
  readonly distribution?: Distribution;
  /** True when low and high are the ±share default rather than stated. */
  readonly defaultEnds: boolean;
}

type Tree = unknown;

const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

/** Path segments: "investment[0].amountPerYear" → ["investment", 0, "amountPerYear"]. */
function segments(path: string): readonly (string | number)[] {
  // A simulation writes the same few paths on every draw.
  const known = parsedPaths.get(path);
  if (known !== undefined) return known;
  const out: (string | number)[] = [];
  for (const m of path.matchAll(SEGMENT)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  if (parsedPaths.size >= 4096) parsedPaths.clear();
  parsedPaths.set(path, out);
  return out;
}

const parsedPaths = new Map<string, readonly (string | number)[]>();

function child(node: Tree, key: string | number): Tree {
  if (node === null || typeof node !== "object") return undefined;
  return (node as Record<string | number, unknown>)[key];
}

/**
 * The Decimal at a path, or undefined when the path names nothing or not a number.
 *
 * @example
 * decimalAt(cfs, "target.value")?.toNumber() // 0.08
 */
export function decimalAt(tree: Tree, path: string): Decimal | undefined {
  const v = segments(path).reduce<Tree>(child, tree);
  return v instanceof Decimal ? v : undefined;
}

/**
 * A copy of the tree with the Decimal at `path` replaced; objects and arrays off the path are shared.
 *
 * @example
 * decimalAt(withDecimal(cfs, "target.value", new Decimal(0.1)), "target.value")?.toNumber() // 0.1
 */
export function withDecimal<A>(tree: A, path: string, value: Decimal): A {
  const keys = segments(path);
  const set = (node: Tree, i: number): Tree => {
    if (i === keys.length) return value;
    const key = keys[i];
    if (Array.isArray(node) && typeof key === "number") {
      const copy = [...(node as unknown[])];
      copy[key] = set(copy[key], i + 1);
      return copy;
    }
    if (node !== null && typeof node === "object" && typeof key === "string") {
      return { ...(node as Record<string, unknown>), [key]: set(child(node, key), i + 1) };
    }
    throw new EngineError("unknown-option", "risk.path", `names no number in the assumptions: ${path}`);
  };
  return set(tree, 0) as A;
}

/**
 * A copy of the tree with the Decimal at each path replaced (paths in order; a later one wins), each node on
 * a path copied once: withDecimal for many paths, in one pass (a simulated draw writes every drawn input).
 *
 * @example
 * withDecimals(cfs, ["target.value", "durationWeeks"], [new Decimal(0.1), new Decimal(150)]).durationWeeks.toNumber() // 150
 */
export function withDecimals<A>(tree: A, paths: readonly string[], values: readonly Decimal[]): A {
  return decimalsWriter(tree, paths)(values);
}

/** One node a writer copies: its index among the copies' parents, and its key there (the root has none). */
interface CopyStep {
  readonly node: object;
  readonly parent: number;
  readonly key: string | number;
  /** Copies the node: `slice` for an array, the copy site of its shape for a record (copySiteOf). */
  readonly copy: (node: object) => object;
}

/*
 * Copy sites for records, by shape. One `{ ...node }` site that sees every record a simulation copies (the
 * roots, streams and list items of a dozen proposals) is megamorphic, and V8 then copies each object in its
 * runtime, about 4× slower: the writers' copies were a tenth of a programme draw. Each record shape (its keys,
 * a stand-in for V8's hidden class) is given one of these sites, so a site sees one or a few shapes.
 */
// Identical bodies on purpose: each is its own call site, kept monomorphic by V8; do not merge them.
const COPY_SITES: readonly ((node: object) => object)[] = [
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
  (n) => ({ ...n }),
];
const siteOfShape = new Map<string, number>();
const copyArray = (node: object): object => (node as unknown[]).slice();

function copySiteOf(node: object): (node: object) => object {
  if (Array.isArray(node)) return copyArray;
  const shape = Object.keys(node).join(",");
  let k = siteOfShape.get(shape);
  if (k === undefined) {
    // A workbook session meets a bounded set of record shapes; the bound only guards a pathological one.
    if (siteOfShape.size >= 4096) siteOfShape.clear();
    k = siteOfShape.size % COPY_SITES.length;
    siteOfShape.set(shape, k);
  }
  return COPY_SITES[k];
}

/**
 * withDecimals with the paths resolved once: the returned function writes one set of values (a draw) into a
 * fresh copy of the nodes on the paths, objects and arrays off them shared. A simulation writes the same
 * paths thousands of times; every draw still gets new nodes, since caches key on them (resolved timelines,
 * checked schedules, settled cost FYs).
 *
 * @example
 * const write = decimalsWriter(cfs, ["target.value"]);
 * decimalAt(write([new Decimal(0.1)]), "target.value")?.toNumber() // 0.1
 */
export function decimalsWriter<A>(tree: A, paths: readonly string[]): (values: readonly Decimal[]) => A {
  if (paths.length === 0) return () => tree;
  const steps: CopyStep[] = [];
  // By place (parent and key), not by node: a node the tree holds in two places is copied in each.
  const indexOf = new Map<string, number>();
  const stepOf = (node: Tree, parent: number, key: string | number, path: string): number => {
    const place = `${parent}:${key}`;
    const known = indexOf.get(place);
    if (known !== undefined) return known;
    if (node === null || typeof node !== "object" || node instanceof Decimal) {
      throw new EngineError("unknown-option", "risk.path", `names no number in the assumptions: ${path}`);
    }
    indexOf.set(place, steps.length);
    steps.push({ node, parent, key, copy: copySiteOf(node) });
    return steps.length - 1;
  };
  const leaves = paths.map((path) => {
    const keys = segments(path);
    let at = stepOf(tree, -1, "", path);
    for (let i = 0; i < keys.length; i++) {
      const node = steps[at].node;
      const key = keys[i];
      const fits = Array.isArray(node) ? typeof key === "number" : typeof key === "string";
      if (!fits) {
        throw new EngineError("unknown-option", "risk.path", `names no number in the assumptions: ${path}`);
      }
      if (i === keys.length - 1) return { at, key };
      at = stepOf((node as Record<string | number, unknown>)[key], at, key, path);
    }
    throw new EngineError("unknown-option", "risk.path", `names no number in the assumptions: ${path}`);
  });
  return (values) => {
    const copies: Record<string | number, unknown>[] = [];
    for (let k = 0; k < steps.length; k++) {
      const { node, parent, key } = steps[k];
      const copy = steps[k].copy(node) as Record<string | number, unknown>;
      copies.push(copy);
      if (parent >= 0) copies[parent][key] = copy;
    }
    for (let k = 0; k < leaves.length; k++) copies[leaves[k].at][leaves[k].key] = values[k];
    return copies[0] as A;
  };
}

/** Keys that are conventions of the calendar or the format, not estimates: never moved by default. */
const NOT_ESTIMATES = new Set(["periodsPerYear", "weeksPerYear"]);

/**
 * Every non-zero number in the assumptions, by path, in the order the record holds them: the inputs a
 * tornado moves when the proposal names none.
 *
 * @example
 * numberPaths(cfs).slice(0, 3) // ["baseline.volumePerYear", "target.value", "durationWeeks"]
 */
export function numberPaths(tree: Tree): string[] {
  const out: string[] = [];
  const walk = (node: Tree, path: string, key: string): void => {
    if (node instanceof Decimal) {
      if (!node.isZero() && !NOT_ESTIMATES.has(key)) out.push(path);
    } else if (Array.isArray(node)) {
      node.forEach((x, i) => walk(x, `${path}[${i}]`, key));
    } else if (node !== null && typeof node === "object") {
      // A stretch target is another scenario's input, not an estimate of this one.
      for (const [k, x] of Object.entries(node))
        if (k !== "stretch") walk(x, path === "" ? k : `${path}.${k}`, k);
    }
  };
  walk(tree, "", "");
  return out;
}

/** "assumptions.x" and "x" name the same input. */
function relative(path: string): string {
  return path.startsWith("assumptions.") ? path.slice("assumptions.".length) : path;
}

/** The parsed path and scale for a stated path: a Months path reads the parsed Weeks. */
function parsedPathOf(tree: Tree, path: string, field: string): { parsedPath: string; scale: number } {
  const rel = relative(path);
  if (decimalAt(tree, rel) !== undefined) return { parsedPath: rel, scale: 1 };
  const weeks = rel.replace(/Months$/, "Weeks");
  if (weeks !== rel && decimalAt(tree, weeks) !== undefined) {
    return { parsedPath: weeks, scale: WEEKS_PER_MONTH.toNumber() };
  }
  throw new EngineError("unknown-option", field, `names no number in the assumptions: ${path}`);
}

/**
 * The half-width of the confidence spread: the optimism-bias share of the level (High 10%, Medium 25%,
 * Low 40% by default; optimismBias.ts), Medium when the proposal states no level.
 *
 * @example
 * confidenceSpread("Low").toNumber() // 0.4
 */
export function confidenceSpread(
  level: ConfidenceLevel | undefined,
  table: OptimismBiasTable = DEFAULT_OPTIMISM_BIAS,
): Decimal {
  return table.byLevel[level ?? "Medium"];
}

/** Resolves a distribution into the parsed unit; a confidence spread is triangular(base ∓ s·|base|, base). */
function resolveDistribution(d: RiskDistribution, base: number, scale: number, spread: number): Distribution {
  if (d.kind === "confidence") {
    const w = Math.abs(base) * spread;
    return { kind: "triangular", low: base - w, likely: base, high: base + w };
  }
  const s = (x: number): number => x * scale;
  return checkedDistribution(
    d.kind === "uniform"
      ? { kind: "uniform", low: s(d.low), high: s(d.high) }
      : { kind: d.kind, low: s(d.low), likely: s(d.likely), high: s(d.high) },
  );
}

/** Options for resolving inputs. */
export interface MoveOptions {
  /**
   * The default tornado ends as changes of |base|: low = base + |base| × low, high = base + |base| × high
   * (default −0.1 and +0.1).
   */
  readonly defaultChange?: { readonly low: number; readonly high: number };
  /** The proposal's confidence level, for `{ "kind": "confidence" }` spreads. */
  readonly confidence?: ConfidenceLevel;
  readonly table?: OptimismBiasTable;
}

/**
 * Resolves a proposal's risk entries (and, for the tornado, every other number at ±10%) against its
 * parsed assumptions. Ends are ordered low ≤ high in the input's own terms (a negative base keeps its sign).
 *
 * @example
 * moveInputs(cfs, [{ path: "target.value", low: D(0.06), high: D(0.1) }], { allInputs: false })[0].high // 0.1
 */
export function moveInputs(
  tree: Tree,
  entries: readonly RiskEntry[] = [],
  options: MoveOptions & { readonly allInputs?: boolean } = {},
): MovedInput[] {
  const change = options.defaultChange ?? { low: -0.1, high: 0.1 };
  if (!(Number.isFinite(change.low) && Number.isFinite(change.high) && change.low <= change.high)) {
    throw new EngineError(
      "out-of-range",
      "high",
      `the change at the high end must be at least the change at the low end (${change.low}), got ${change.high}`,
    );
  }
  const lowOf = (base: number): number => base + Math.abs(base) * change.low;
  const highOf = (base: number): number => base + Math.abs(base) * change.high;
  const spread = confidenceSpread(options.confidence, options.table).toNumber();
  const seen = new Set<string>();
  const moved: MovedInput[] = entries.map((e, k) => {
    const field = `risk.inputs[${k}]`;
    const { parsedPath, scale } = parsedPathOf(tree, e.path, `${field}.path`);
    if (seen.has(parsedPath)) {
      throw new EngineError("out-of-range", `${field}.path`, `names ${e.path} twice`);
    }
    seen.add(parsedPath);
    const base = (decimalAt(tree, parsedPath) as Decimal).toNumber();
    const distribution =
      e.distribution === undefined ? undefined : resolveDistribution(e.distribution, base, scale, spread);
    const stated = e.low !== undefined || e.high !== undefined;
    const low = e.low !== undefined ? e.low.toNumber() * scale : (distribution?.low ?? lowOf(base));
    const high = e.high !== undefined ? e.high.toNumber() * scale : (distribution?.high ?? highOf(base));
    if (!(low <= high)) {
      throw new EngineError(
        "out-of-range",
        `${field}.high`,
        `must be at least low (${low / scale}), got ${high / scale}`,
      );
    }
    return {
      path: e.path,
      parsedPath,
      scale,
      base,
      low,
      high,
      ...(distribution ? { distribution } : {}),
      defaultEnds: !stated && distribution === undefined,
    };
  });
  if (options.allInputs === false) return moved;
  for (const path of numberPaths(tree)) {
    if (seen.has(path)) continue;
    const base = (decimalAt(tree, path) as Decimal).toNumber();
    moved.push({
      path,
      parsedPath: path,
      scale: 1,
      base,
      low: lowOf(base),
      high: highOf(base),
      defaultEnds: true,
    });
  }
  return moved;
}
