import * as v from "valibot";
import { EngineError } from "../errors";
import { Decimal } from "../money";
import { fieldPath } from "../parse/read";
import { fieldInfo, splitIssueMessage, unwrapOptional, type AnySchema } from "./define";

/**
 * Runs an input format on a value: every problem as an EngineError naming the dotted field and the rule
 * (unknown keys first: a typo'd key also leaves its real key "missing", and the typo is the cause), and
 * warnings for values that pass the rules but look wrong.
 */

/** A value that passes the rules but is probably not what was meant. `message` is "<field>: <rule>". */
export interface InputWarning {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** A value that passed, with its warnings. */
export interface Checked<T> {
  readonly value: T;
  readonly warnings: readonly InputWarning[];
}

/** Every problem of a value, or the value and its warnings. */
export type CheckResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly InputWarning[] }
  | { readonly ok: false; readonly errors: readonly EngineError[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Decimal) &&
    !(value instanceof Date)
  );
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * The value with blank entries (null, "", spaces: an empty cell) left out, so the documented default applies,
 * as the readers always did. Lists keep their length.
 */
export function withoutBlanks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlanks);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) {
    // defineProperty: a "__proto__" key stays a key (and is refused as unknown), never a prototype.
    if (!isBlank(x))
      Object.defineProperty(out, k, {
        value: withoutBlanks(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

function issueField(prefix: string, issue: v.BaseIssue<unknown>): string {
  let field = prefix;
  for (const step of issue.path ?? []) {
    const key = step.key;
    field = typeof key === "number" ? fieldPath(field, key) : fieldPath(field, String(key));
  }
  return field;
}

/**
 * Checks `raw` against a format. `prefix` starts every field path ("assumptions", "triangulation", "");
 * `top` names the whole value when it is not an object.
 *
 * @example
 * const r = checkFormat(assumptionsFormat, { durationWeek: 3 }, "assumptions");
 * r.ok || r.errors[0].message // "assumptions.durationWeek: unknown field; did you mean durationWeeks?"
 */
export function checkFormat<S extends AnySchema>(
  schema: S,
  raw: unknown,
  prefix: string,
  top = prefix || "input",
): CheckResult<v.InferOutput<S>> {
  if (raw === undefined || raw === null)
    return { ok: false, errors: [new EngineError("missing", top, "is required")] };
  const input = withoutBlanks(raw);
  const r = v.safeParse(schema, input);
  if (r.success) return { ok: true, value: r.output, warnings: warningsOf(schema, input, prefix) };
  const errors = r.issues.map((issue) => {
    const { code, rule } = splitIssueMessage(issue.message);
    const field = issueField(prefix, issue);
    return new EngineError(code, field === "" ? top : field, rule);
  });
  const order = (e: EngineError): number => (e.code === "unknown-field" ? 0 : 1);
  return { ok: false, errors: [...errors].sort((a, b) => order(a) - order(b)) };
}

/**
 * Parses `raw` with a format: the value and its warnings, or throws the first EngineError.
 *
 * @example
 * parseFormat(assumptionsFormat, json.assumptions, "assumptions").value.durationWeeks
 */
export function parseFormat<S extends AnySchema>(
  schema: S,
  raw: unknown,
  prefix: string,
  top?: string,
): Checked<v.InferOutput<S>> {
  const r = checkFormat(schema, raw, prefix, top);
  if (!r.ok) throw r.errors[0];
  return { value: r.value, warnings: r.warnings };
}

/** A schema's parts as the walkers see them. */
interface Node {
  readonly type?: string;
  readonly kind?: string;
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly item?: unknown;
  readonly options?: readonly unknown[];
  readonly pipe?: readonly Node[];
  readonly wrapped?: unknown;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/**
 * Visits each field of `value` that the schema knows, with its path and FieldInfo (depth first, in the
 * format's order). A variant follows the option whose kind matches.
 */
export function visitFields(
  schema: unknown,
  value: unknown,
  path: string,
  visit: (path: string, info: NonNullable<ReturnType<typeof fieldInfo>>, value: unknown) => void,
): void {
  const s = unwrapOptional(schema) as Node;
  const info = fieldInfo(s);
  if (info) {
    if (value !== undefined) visit(path, info, value);
    return;
  }
  if (s.type === "strict_object" && isPlainObject(value)) {
    for (const [k, sub] of Object.entries(s.entries ?? {}))
      visitFields(sub, value[k], fieldPath(path, k), visit);
  } else if (s.type === "array" && Array.isArray(value)) {
    value.forEach((x, i) => visitFields(s.item, x, fieldPath(path, i), visit));
  } else if (s.type === "variant" && isPlainObject(value)) {
    const k = typeof value.kind === "string" ? value.kind.toLowerCase() : undefined;
    const option = (s.options ?? []).find((o) => {
      const rule = fieldInfo(unwrapOptional((o as Node).entries?.kind))?.rule;
      return k === undefined
        ? (o as Node).entries?.kind !== undefined &&
            unwrapOptional((o as Node).entries?.kind) !== (o as Node).entries?.kind
        : rule?.toLowerCase() === k;
    });
    if (option) visitFields(option, value, path, visit);
  }
}

function warningsOf(schema: unknown, input: unknown, prefix: string): InputWarning[] {
  const out: InputWarning[] = [];
  visitFields(schema, input, prefix, (path, info, value) => {
    const rule = info.warn?.(value);
    if (rule) out.push({ field: path, rule, message: `${path}: ${rule}` });
  });
  return out;
}
