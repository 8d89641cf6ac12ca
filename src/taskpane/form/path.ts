/**
 * Dotted-path access into plain JSON objects (`assumptions.investment.0.amount`), the form's addressing scheme.
 * Engine field paths may write array indexes as `[0]`; `normalisePath` makes both forms one.
 */

/**
 * Rewrites `a[0].b` as `a.0.b`.
 *
 * @example
 * normalisePath("assumptions.investment[1].amount") // "assumptions.investment.1.amount"
 */
export function normalisePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "");
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null;
}

/**
 * Reads the value at a dotted path, or undefined.
 *
 * @example
 * getPath({ a: { b: [5] } }, "a.b.0") // 5
 */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of normalisePath(path).split(".")) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/**
 * Sets the value at a dotted path in place, creating objects on the way; `undefined` deletes the key.
 *
 * @example
 * const o = {}; setPath(o, "a.b", 1); // o is { a: { b: 1 } }
 */
export function setPath(obj: Json, path: string, value: unknown): void {
  const keys = normalisePath(path).split(".");
  let cur: Json = obj;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (!isObject(next)) {
      const created: Json = {};
      cur[key] = created;
      cur = created;
    } else {
      cur = next;
    }
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}
