/**
 * Paths into plain JSON ("assumptions.investment[0].amountPerYear"): how the layouts name the proposal
 * field each input cell shows, and how the reader puts a cell's value back.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One leaf of a JSON tree: its path and its scalar value. */
export interface JsonLeaf {
  readonly path: string;
  readonly value: null | boolean | number | string;
}

/**
 * Every scalar leaf under `value`, depth first, in key order.
 *
 * @example
 * jsonLeaves({ a: { b: 1 }, c: [2] }, "x") // [{ path: "x.a.b", value: 1 }, { path: "x.c[0]", value: 2 }]
 */
export function jsonLeaves(value: unknown, prefix: string): JsonLeaf[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonLeaves(v, `${prefix}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      jsonLeaves(v, prefix ? `${prefix}.${k}` : k),
    );
  }
  if (value === null || ["boolean", "number", "string"].includes(typeof value)) {
    return [{ path: prefix, value: value as JsonLeaf["value"] }];
  }
  return [];
}

function splitPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return parts;
}

/**
 * The value at `path`, or undefined.
 *
 * @example
 * getPath({ a: [{ b: 3 }] }, "a[0].b") // 3
 */
export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const p of splitPath(path)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/**
 * A copy of `root` with `path` set to `value` (intermediate objects and arrays created as needed).
 *
 * @example
 * setPath({ a: { b: 1 } }, "a.b", 2) // { a: { b: 2 } }
 */
export function setPath<T>(root: T, path: string, value: unknown): T {
  const parts = splitPath(path);
  const go = (node: unknown, i: number): unknown => {
    if (i === parts.length) return value;
    const key = parts[i];
    const base: Record<string | number, unknown> | unknown[] = Array.isArray(node)
      ? [...node]
      : node !== null && typeof node === "object"
        ? { ...(node as Record<string, unknown>) }
        : typeof key === "number"
          ? []
          : {};
    const rec = base as Record<string | number, unknown>;
    rec[key] = go(rec[key], i + 1);
    return base;
  };
  return go(root, 0) as T;
}
