import * as v from "valibot";
import { Decimal } from "../money";
import { EngineError, isEngineError, type EngineErrorCode } from "../errors";
import {
  dateValue,
  describeValue,
  enumValue,
  fyValue,
  rateValue,
  decimalValue,
  type NumberRules,
} from "../parse/read";

/**
 * The building blocks of the input formats (valibot schemas with a little metadata), so that each format is
 * written once and the parser, the JSON Schema in schema/, the field table in docs/engine.md, the wizard's
 * rules and the warnings all come from it. Values are converted by the readers in parse/read.ts (numbers as
 * text, "8%", FY labels, Excel dates), so every surface accepts exactly what it accepted before.
 */

/** A JSON Schema fragment (draft-07). */
export type JsonSchema = { readonly [key: string]: unknown };

/** What the docs and the JSON Schema say about one field. */
export interface FieldInfo {
  /** Type as the docs show it: "number", "%", "date", "FY", "text", "yes/no", "choice". */
  readonly type: string;
  /** The rule, e.g. "> 0, ≤ 5200". */
  readonly rule?: string;
  /** The documented default, e.g. "0" or "first horizon FY". */
  readonly default?: string;
  /** One line on what the field holds. */
  readonly about?: string;
  /** JSON Schema of the field. */
  readonly json: JsonSchema;
  /** A warning for a value that passed the rules but is probably not what was meant. */
  readonly warn?: (value: unknown) => string | undefined;
}

/** Issue messages carry the engine's error code before this separator, so translation keeps it. */
const SEP = "\u0001";

/** An issue message carrying an engine error code and rule. */
export function issueMessage(code: EngineErrorCode, rule: string): string {
  return `${code}${SEP}${rule}`;
}

/** Splits an issue message back into code and rule (valibot's own messages become invalid-type). */
export function splitIssueMessage(message: string): { code: EngineErrorCode; rule: string } {
  const at = message.indexOf(SEP);
  if (at < 0) return { code: "invalid-type", rule: message };
  return { code: message.slice(0, at) as EngineErrorCode, rule: message.slice(at + 1) };
}

/** A valibot schema of any input and output (what the walkers take). */
export type AnySchema = v.GenericSchema<unknown, unknown>;

/**
 * A field converted by an engine reader: any input is accepted by the schema's type, the reader decides and
 * its EngineError becomes an issue with the same code and rule.
 */
export function field<In, Out>(info: FieldInfo, convert: (value: unknown) => Out) {
  return v.pipe(
    v.custom<In>(() => true),
    v.metadata({ field: info }),
    v.rawTransform<In, Out>(({ dataset, addIssue, NEVER }) => {
      try {
        return convert(dataset.value);
      } catch (e) {
        if (!isEngineError(e)) throw e;
        addIssue({ message: issueMessage(e.code, e.rule) });
        return NEVER;
      }
    }),
  );
}

/** The FieldInfo of a schema built by `field`, if it is one. */
export function fieldInfo(schema: unknown): FieldInfo | undefined {
  const pipe = (schema as { pipe?: readonly { type?: string; metadata?: { field?: FieldInfo } }[] }).pipe;
  if (!pipe) return undefined;
  const own = pipe.find((p) => p.type === "metadata" && p.metadata?.field)?.metadata?.field;
  // A field piped on (a converter after the field's own) keeps the field's info.
  return own ?? (pipe[0] !== schema ? fieldInfo(pipe[0]) : undefined);
}

function ruleText(rules: NumberRules, scale = 1, unit = ""): string | undefined {
  const n = (x: number): string => {
    const y = Number((x * scale).toPrecision(12));
    // 1e9, not 1000000000: the bounds that only stop typos read better as powers of ten.
    return `${Math.abs(y) >= 1e6 ? y.toExponential().replace("e+", "e") : y}${unit}`;
  };
  const parts = [
    rules.gt !== undefined ? `> ${n(rules.gt)}` : undefined,
    rules.min !== undefined ? `≥ ${n(rules.min)}` : undefined,
    rules.max !== undefined ? `≤ ${n(rules.max)}` : undefined,
    rules.integer ? "whole" : undefined,
  ].filter((p) => p !== undefined);
  return parts.length ? parts.join(", ") : undefined;
}

function numberJson(rules: NumberRules): JsonSchema {
  return {
    type: ["number", "string"],
    ...(rules.gt !== undefined ? { exclusiveMinimum: rules.gt } : {}),
    ...(rules.min !== undefined ? { minimum: rules.min } : {}),
    ...(rules.max !== undefined ? { maximum: rules.max } : {}),
  };
}

/** Docs text of the parts of a FieldInfo a caller gives. */
export interface Describe {
  readonly about?: string;
  /** The rule's wording when the bounds alone do not say it. */
  readonly rule?: string;
  readonly default?: string;
  readonly warn?: (value: unknown) => string | undefined;
}

/**
 * A number (or numeric text "1,487", "£1487") as a Decimal, within `rules`. With `negative` (on a field whose
 * rules start at 0), a negative value is refused with that advice after the rule, so the user knows what to do.
 *
 * @example
 * v.parse(decimal({ gt: 0 }), "1,487").toNumber() // 1487
 * v.parse(decimal({ min: 0 }, { negative: "a cost is positive" }), -3) // issue "must be >= 0, got -3: a cost is positive"
 */
export function decimal(rules: NumberRules, d: Describe & { readonly negative?: string } = {}) {
  const { negative, ...info } = d;
  return field<number | string, Decimal>(
    { type: "number", rule: ruleText(rules), json: numberJson(rules), ...info },
    (value) => {
      const x = decimalValue(value, "");
      if (negative !== undefined && x.isNeg() && !x.isZero())
        throw new EngineError("out-of-range", "", `must be >= 0, got ${x.toString()}: ${negative}`);
      return decimalValue(x, "", rules);
    },
  );
}

/**
 * A rate as a fraction: 0.08 or "8%". `limit` is the rule's wording when a bound is broken (e.g. the lever).
 *
 * @example
 * v.parse(rate({ min: 0, max: 1 }), "8%").toNumber() // 0.08
 */
export function rate(rules: NumberRules, d: Describe = {}) {
  return field<number | string, Decimal>(
    {
      type: "%",
      rule: ruleText(rules, 100, "%"),
      json: { ...numberJson(rules), type: ["number", "string"] },
      ...d,
      warn: d.warn ?? wholePercentWarning,
    },
    (value) => rateValue(value, "", rules),
  );
}

/** Bounds of a rate a year (inflation, growth) as a fraction: above −100%, at most 100% a year. */
export const YEAR_RATE_RULES = { gt: -1, max: 1 } as const satisfies NumberRules;

/**
 * A rate a year (inflation, a baseline's or a caseload's growth): above `floor` (−100% unless given), and at
 * most 100% a year. A figure over 1 is refused, not warned about: 3.36 is 336% a year, almost surely 3.36%
 * typed into a plain cell, and would multiply the money.
 *
 * @example
 * v.parse(yearRate(), "3.36%").toNumber() // 0.0336
 * v.parse(yearRate(), 3.36) // issue "must be <= 100% a year, got 3.36, which reads as 336%; type 3.36% or 0.0336"
 * v.parse(yearRate({}, { min: 0 }), -0.01) // issue "must be >= 0, got -0.01"
 */
export function yearRate(
  d: Describe = {},
  floor: Pick<NumberRules, "gt" | "min"> = { gt: YEAR_RATE_RULES.gt },
) {
  return field<number | string, Decimal>(
    {
      type: "%",
      rule: `${ruleText(floor, 100, "%") ?? ""}, ≤ 100% a year`,
      json: { ...numberJson({ ...floor, max: YEAR_RATE_RULES.max }), type: ["number", "string"] },
      ...d,
      warn: d.warn ?? wholePercentWarning,
    },
    (value) => {
      const x = rateValue(value, "", floor);
      if (x.gt(YEAR_RATE_RULES.max)) {
        throw new EngineError("out-of-range", "", wholePercentRefusal(x, "<= 100% a year"));
      }
      return x;
    },
  );
}

/**
 * A share from 0 to 100% as a fraction: 0.4, "40%". Over 100% is refused with the fix spelled out (8 meant as 8%).
 *
 * @example
 * v.parse(fraction(), "40%").toNumber() // 0.4
 * v.parse(fraction(), 8) // issue "must be <= 100%, got 8 (800%); for 8% write 0.08 or \"8%\""
 */
export function fraction(d: Describe = {}) {
  return field<number | string, Decimal>(
    {
      type: "%",
      rule: "≥ 0%, ≤ 100%",
      json: { ...numberJson({ min: 0, max: 1 }), type: ["number", "string"] },
      ...d,
      warn: d.warn ?? wholePercentWarning,
    },
    (value) => {
      const x = rateValue(value, "", { min: 0 });
      if (x.gt(1)) {
        throw new EngineError(
          "out-of-range",
          "",
          `must be <= 100%, got ${x.toString()} (${x.times(100).toString()}%); ` +
            `for ${x.toString()}% write ${x.div(100).toString()} or "${x.toString()}%"`,
        );
      }
      return x;
    },
  );
}

/**
 * The refusal of a bare number over 1 in a percent cell, naming what it reads as and what to type: the one
 * wording for that slip wherever a rate is read (proposal sheets, the Parameters sheet).
 *
 * @example
 * wholePercentRefusal(new Decimal(2), "<= 100% a year") // "must be <= 100% a year, got 2, which reads as 200%; type 2% or 0.02"
 */
export function wholePercentRefusal(x: Decimal, limit: string): string {
  return (
    `must be ${limit}, got ${x.toString()}, which reads as ${x.times(100).toString()}%; ` +
    `type ${x.toString()}% or ${x.div(100).toString()}`
  );
}

/**
 * The warning for a rate typed as a whole-number percent: 8 where 0.08 (8%) was meant. Text ending in "%"
 * is never questioned.
 *
 * @example
 * wholePercentWarning(8) // "8 looks like a whole-number percent; 8% is 0.08"
 */
export function wholePercentWarning(value: unknown): string | undefined {
  if (typeof value !== "number" || Math.abs(value) <= 1) return undefined;
  return `${value} looks like a whole-number percent; ${value}% is ${Number((value / 100).toPrecision(12))}`;
}

/** Trimmed text (a number is taken as its text). */
export function text(d: Describe & { readonly maxLength?: number } = {}) {
  const { maxLength, ...rest } = d;
  return field<string | number, string>(
    {
      type: "text",
      ...(maxLength ? { rule: `at most ${maxLength} characters` } : {}),
      json: { type: "string", ...(maxLength ? { maxLength } : {}) },
      ...rest,
    },
    (value) => {
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      if (typeof value !== "string") {
        throw new EngineError("invalid-type", "", `must be text, got ${describeValue(value)}`);
      }
      const t = value.trim();
      if (maxLength && t.length > maxLength) {
        throw new EngineError("out-of-range", "", `must be at most ${maxLength} characters`);
      }
      return t;
    },
  );
}

/** An ISO date YYYY-MM-DD (or a JS Date). */
export function date(d: Describe = {}) {
  return field<string | Date, string>(
    { type: "date", rule: "YYYY-MM-DD", json: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}" }, ...d },
    (value) => dateValue(value, ""),
  );
}

/** A fiscal year label ("FY26/27", "2026/27") or start year, as its start year. */
export function fy(d: Describe = {}) {
  return field<string | number, number>(
    {
      type: "FY",
      rule: "a FY: FY26/27 or 2026",
      json: { type: ["string", "integer"], pattern: "^(FY\\s*)?\\d{2,4}\\s*[/-]\\s*\\d{2,4}$" },
      ...d,
    },
    (value) => fyValue(value, ""),
  );
}

/** True/false (also "yes"/"no", 1/0 from cells). */
export function flag(d: Describe = {}) {
  return field<boolean | string | number, boolean>(
    { type: "yes/no", json: { type: "boolean" }, ...d },
    (value) => {
      if (typeof value === "boolean") return value;
      if (value === 1 || value === 0) return value === 1;
      if (typeof value === "string") {
        const t = value.trim().toLowerCase();
        if (["true", "yes", "y", "1"].includes(t)) return true;
        if (["false", "no", "n", "0"].includes(t)) return false;
      }
      throw new EngineError("invalid-type", "", `must be true or false, got ${describeValue(value)}`);
    },
  );
}

/** One of a fixed set (matched ignoring case, returned as spelled here). */
export function choice<const T extends string>(allowed: readonly T[], d: Describe = {}) {
  return field<string, T>(
    { type: "choice", rule: allowed.join(", "), json: { enum: allowed }, ...d },
    (value) => {
      if (typeof value !== "string") {
        throw new EngineError(
          "unknown-option",
          "",
          `must be one of ${allowed.join(", ")}, got ${describeValue(value)}`,
        );
      }
      return enumValue(value, "", allowed);
    },
  );
}

/** The discriminator of a variant: exactly `kind` (any case). */
export function kind<const T extends string>(value: T) {
  return field<string, T>({ type: "choice", rule: value, json: { const: value } }, (x) => {
    if (typeof x !== "string" || x.trim().toLowerCase() !== value.toLowerCase()) {
      throw new EngineError("unknown-option", "", `must be ${value}`);
    }
    return value;
  });
}

/** An optional field: absent (or blank: an empty cell) is allowed; the field's `default` documents what applies. */
export function optional<S extends AnySchema>(schema: S) {
  return v.optional(schema);
}

/** Edit distance (Levenshtein) between two keys, for "did you mean". */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** Keys longer than this are not compared (a pasted paragraph as a key costs nothing). */
const MAX_KEY_COMPARED = 60;

/**
 * The known key nearest to an unknown one, ignoring case, when it is close enough to be a typo: at most a
 * third of the longer key's letters (and at least one) differ.
 *
 * @example
 * nearestKey("durationWeek", ["durationWeeks", "lever"]) // "durationWeeks"
 * nearestKey("confidenceWeighting", ["durationWeeks", "lever"]) // undefined
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  if (key.length > MAX_KEY_COMPARED) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestScore && d <= Math.max(1, Math.floor(Math.max(key.length, k.length) / 3))) {
      best = k;
      bestScore = d;
    }
  }
  return best;
}

/**
 * The rule for an unknown key, with the nearest known sibling when one is close.
 *
 * @example
 * unknownFieldRule("durationWeek", ["durationWeeks"]) // "unknown field; did you mean durationWeeks?"
 */
export function unknownFieldRule(key: string, known: readonly string[]): string {
  const near = nearestKey(key, known);
  return near === undefined ? "unknown field" : `unknown field; did you mean ${near}?`;
}

/** Entries a strict object accepts on top of its own: a `note` and a `<field>Note` beside each field. */
type WithNotes<E extends v.ObjectEntries> = E & {
  readonly [K in keyof E & string as `${K}Note`]: v.OptionalSchema<ReturnType<typeof text>, undefined>;
} & { readonly note: v.OptionalSchema<ReturnType<typeof text>, undefined> };

/**
 * An object with exactly these keys (plus notes: `note`, and `<field>Note` beside any field, which explain a
 * value and never change a figure). Any other key is an `unknown-field` error naming the nearest known key.
 *
 * @example
 * v.safeParse(strict({ durationWeeks: decimal({ gt: 0 }) }), { durationWeek: 3 }) // issue "unknown field; did you mean durationWeeks?"
 */
export function strict<const E extends v.ObjectEntries>(entries: E) {
  const notes: Record<string, v.OptionalSchema<ReturnType<typeof text>, undefined>> = {};
  for (const k of Object.keys(entries)) {
    if (!k.endsWith("Note") && k !== "note" && !(`${k}Note` in entries))
      notes[`${k}Note`] = v.optional(text());
  }
  if (!("note" in entries)) notes.note = v.optional(text());
  const all = { ...notes, ...entries } as WithNotes<E>;
  const own = Object.keys(entries);
  const known = Object.keys(all).filter((k) => !own.includes(k));
  const obj = v.strictObject(all, (issue) => {
    if (issue.expected === "never") {
      return issueMessage("unknown-field", unknownFieldRule(String(issue.input), own.concat(known)));
    }
    if (issue.input === undefined) return issueMessage("missing", "is required");
    return issueMessage("invalid-type", `must be an object, got ${describeValue(issue.input)}`);
  });
  // valibot takes a list for an object (its items as keys "0", "1"…): refuse it as the readers did.
  const notList = v.custom<never>(() => false, issueMessage("invalid-type", "must be an object, got a list"));
  return {
    ...obj,
    "~run"(dataset, config) {
      return Array.isArray(dataset.value) ? notList["~run"](dataset, config) : obj["~run"](dataset, config);
    },
  } as typeof obj;
}

/**
 * One of several object shapes told apart by their `kind` (a valibot variant): the options are `strict`
 * objects whose `kind` entry is `kind("...")` (or optional, for the default shape).
 */
export function kinds<const O extends readonly AnySchema[]>(
  options: O,
): v.GenericSchema<v.InferInput<O[number]>, v.InferOutput<O[number]>> {
  const names = options.flatMap((o) => {
    const info = fieldInfo(unwrapOptional((o as { entries?: Record<string, unknown> }).entries?.kind));
    return info?.rule ? [info.rule] : [];
  });
  // valibot types a variant's options as plain objects; ours end in a transform to the engine record.
  return v.variant("kind", options as unknown as v.VariantOptions<"kind">, (issue) => {
    if (issue.expected === "Object" && issue.path === undefined) {
      return issueMessage("invalid-type", `must be an object, got ${describeValue(issue.input)}`);
    }
    if (issue.input === undefined) return issueMessage("missing", "is required");
    return issueMessage(
      "unknown-option",
      `must be one of ${names.join(", ")}, got ${describeValue(issue.input)}`,
    );
  }) as unknown as v.GenericSchema<v.InferInput<O[number]>, v.InferOutput<O[number]>>;
}

/** The schema inside a valibot optional, or the schema itself. */
export function unwrapOptional(schema: unknown): unknown {
  const s = schema as { type?: string; wrapped?: unknown };
  return s.type === "optional" ? s.wrapped : schema;
}

/** A list of items. */
export function list<S extends AnySchema>(item: S) {
  return v.array(item, (issue) =>
    issue.input === undefined
      ? issueMessage("missing", "is required")
      : issueMessage("invalid-type", `must be a list, got ${describeValue(issue.input)}`),
  );
}

/** A path step for an issue raised by an object's own check. */
export function at(input: Readonly<Record<string, unknown>>, key: string): v.ObjectPathItem {
  return { type: "object", origin: "value", input: input as Record<string, unknown>, key, value: input[key] };
}

/**
 * Amounts keyed by FY label (`{ "FY26/27": 120000 }`), as a sorted list of { fy, amount }.
 *
 * @example
 * v.parse(byFy({ min: -1e12, max: 1e12 }), { "FY27/28": 2, "FY26/27": 1 }) // [{ fy: 2026, amount: 1 }, { fy: 2027, amount: 2 }]
 */
export function byFy(rules: NumberRules, d: Describe = {}) {
  const amount = decimal(rules);
  return v.pipe(
    v.record(v.string(), amount, (issue) =>
      issueMessage("invalid-type", `must be an object, got ${describeValue(issue.input)}`),
    ),
    v.metadata({ byFy: { amount: fieldInfo(amount), about: d.about } }),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const out: { fy: number; amount: Decimal }[] = [];
      for (const [key, value] of Object.entries(dataset.value)) {
        try {
          out.push({ fy: fyValue(key, ""), amount: value });
        } catch (e) {
          if (!isEngineError(e)) throw e;
          addIssue({ message: issueMessage(e.code, e.rule), path: [at(dataset.value, key)] });
        }
      }
      return out.length === Object.keys(dataset.value).length ? out.sort((a, b) => a.fy - b.fy) : NEVER;
    }),
  );
}

/**
 * Runs a nested schema from inside a field's converter, keeping its issues' paths (for values that are either
 * a scalar or an object, such as a range {from, to}).
 */
export function runNested<S extends AnySchema>(
  schema: S,
  value: unknown,
  addIssue: (info: { message: string; path?: [v.IssuePathItem, ...v.IssuePathItem[]] }) => void,
): v.InferOutput<S> | undefined {
  const r = v.safeParse(schema, value);
  if (r.success) return r.output;
  for (const issue of r.issues) {
    addIssue({
      message: issue.message,
      ...(issue.path && issue.path.length
        ? { path: issue.path as [v.IssuePathItem, ...v.IssuePathItem[]] }
        : {}),
    });
  }
  return undefined;
}
