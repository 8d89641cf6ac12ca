import { fieldPath } from "../parse/read";
import { fieldInfo, unwrapOptional, type FieldInfo, type JsonSchema } from "./define";

/**
 * The JSON Schema (schema/*.schema.json) and the docs field table (docs/engine.md) of a format, both derived
 * from its one definition by walking the valibot schema. Neither is written by hand.
 */

interface Node {
  readonly type?: string;
  readonly kind?: string;
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly item?: unknown;
  readonly value?: unknown;
  readonly options?: readonly unknown[];
  readonly pipe?: readonly Node[];
  readonly metadata?: {
    readonly byFy?: { readonly amount?: FieldInfo; readonly about?: string };
    /** An object that needs at least one of these optional keys (a triangulation row: a % or its starts). */
    readonly oneOfKeys?: readonly string[];
  };
  /** An object with two forms (assumptionsFormat's eitherForm): these keys, or `streams` and none of those. */
  readonly forms?: {
    readonly single: readonly string[];
    readonly cohortKeys: readonly string[];
    readonly streams: string;
  };
  /** JSON Schema the fields alone cannot say (a format's cross-field rules, e.g. one of two keys). */
  readonly jsonAlso?: JsonSchema;
}

/** The JSON Schema of an object's two forms: the single-form keys without `streams`, or `streams` alone. */
function formsJson(forms: NonNullable<Node["forms"]>): JsonSchema {
  return {
    oneOf: [
      { required: forms.single, not: { required: [forms.streams] } },
      {
        required: [forms.streams],
        not: { anyOf: forms.cohortKeys.map((k) => ({ required: [k] })) },
      },
    ],
  };
}

/** A note key added by `strict` beside a field (`durationWeeksNote`), or `note`. */
function isNoteKey(key: string, entries: Readonly<Record<string, unknown>>): boolean {
  return key === "note" || (key.endsWith("Note") && key.slice(0, -4) in entries);
}

function byFyMeta(s: Node): { amount?: FieldInfo; about?: string } | undefined {
  return s.pipe?.find((p) => p.type === "metadata" && p.metadata?.byFy)?.metadata?.byFy;
}

const FY_KEY = "^(FY\\s*)?\\d{2,4}\\s*[/-]\\s*\\d{2,4}$";

/**
 * The JSON Schema (draft-07) of a format: `additionalProperties: false` on every object, required keys
 * as the definition has them, each field's type and bounds.
 *
 * @example
 * toJsonSchema(proposalFormat).properties.assumptions.additionalProperties // false
 */
export function toJsonSchema(schema: unknown): JsonSchema {
  const s = unwrapOptional(schema) as Node;
  const info = fieldInfo(s);
  if (info) return { ...info.json, ...(info.about ? { description: info.about } : {}) };
  const fyMeta = byFyMeta(s);
  if (fyMeta) {
    return {
      type: "object",
      propertyNames: { pattern: FY_KEY },
      additionalProperties: fyMeta.amount?.json ?? {},
      ...(fyMeta.about ? { description: fyMeta.about } : {}),
    };
  }
  switch (s.type) {
    case "strict_object": {
      const entries = s.entries ?? {};
      const keys = Object.keys(entries);
      const required = keys.filter((k) => (entries[k] as Node).type !== "optional");
      const oneOf = s.pipe?.find((p) => p.type === "metadata" && p.metadata?.oneOfKeys)?.metadata?.oneOfKeys;
      return {
        type: "object",
        ...(required.length ? { required } : {}),
        ...(oneOf ? { anyOf: oneOf.map((k) => ({ required: [k] })) } : {}),
        properties: Object.fromEntries(keys.map((k) => [k, toJsonSchema(entries[k])])),
        additionalProperties: false,
        ...(s.forms ? formsJson(s.forms) : {}),
        ...(s.jsonAlso ?? {}),
      };
    }
    case "array":
      return { type: "array", items: toJsonSchema(s.item) };
    case "variant":
      return { anyOf: (s.options ?? []).map(toJsonSchema) };
    default:
      throw new Error(`format: no JSON Schema for a ${String(s.type)} schema`);
  }
}

/** One row of the docs field table. */
export interface FieldRow {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly rule: string;
  readonly default: string;
  readonly about: string;
}

/**
 * Every field of a format, in its order, with path (lists as `[]`, kinded blocks as `(kind)`), type, rule,
 * default and meaning. Notes beside fields are left out (one line in the docs says they are allowed).
 *
 * @example
 * fieldRows(assumptionsFormat, "assumptions").find((r) => r.path === "assumptions.durationWeeks")?.rule // "> 0, ≤ 5200"
 */
export function fieldRows(schema: unknown, path: string, requiredHere = false): FieldRow[] {
  // Required within its parent: a component's share is required once there are components.
  const isRequired = requiredHere || (schema as Node).type !== "optional";
  const s = unwrapOptional(schema) as Node;
  const info = fieldInfo(s);
  if (info) {
    return [
      {
        path,
        type: info.type,
        required: isRequired && info.default === undefined,
        rule: info.rule ?? "",
        default: info.default ?? "",
        about: info.about ?? "",
      },
    ];
  }
  const fyMeta = byFyMeta(s);
  if (fyMeta) {
    return [
      {
        path: `${path}.<FY>`,
        type: "number",
        required: false,
        rule: fyMeta.amount?.rule ?? "",
        default: "",
        about: fyMeta.about ?? "",
      },
    ];
  }
  switch (s.type) {
    case "strict_object": {
      const entries = s.entries ?? {};
      // Of two forms, the single form's keys are required in that form ("yes" in the table).
      return Object.keys(entries)
        .filter((k) => !isNoteKey(k, entries) && k !== "$schema")
        .flatMap((k) => fieldRows(entries[k], fieldPath(path, k), s.forms?.single.includes(k) ?? false));
    }
    case "array":
      return fieldRows(s.item, `${path}[]`);
    case "variant":
      return (s.options ?? []).flatMap((o) => {
        const kindInfo = fieldInfo(unwrapOptional((o as Node).entries?.kind));
        return fieldRows(o, `${path}(${kindInfo?.rule ?? "?"})`);
      });
    default:
      return [];
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/**
 * The docs field table of a format, as Markdown.
 *
 * @example
 * fieldTable(fieldRows(assumptionsFormat, "assumptions")) // "| Field | Type | … |\n| --- | …"
 */
export function fieldTable(rows: readonly FieldRow[]): string {
  const lines = rows.map(
    (r) =>
      `| \`${cell(r.path)}\` | ${cell(r.type)} | ${r.required ? "yes" : ""} | ${cell(r.rule)} | ${cell(r.default)} | ${cell(r.about)} |`,
  );
  return [
    "| Field | Type | Required | Rule | Default | Meaning |",
    "| --- | --- | --- | --- | --- | --- |",
    ...lines,
  ].join("\n");
}
