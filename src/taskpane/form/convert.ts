import { Decimal } from "../../engine/money";
import type { FieldSpec } from "./fields";

/**
 * How typed text becomes the JSON value the engine's parser reads, and back, by field kind. The draft keeps
 * text exactly as typed; only these two functions convert it.
 */

/**
 * Typed text → JSON value for the parser; undefined leaves the key out (blank input).
 *
 * @example
 * toJson({ path: "x", label: "X", kind: "percent" }, "8") // "8%"
 */
export function toJson(spec: FieldSpec, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === spec.omitWhen) return undefined;
  switch (spec.kind) {
    case "text":
    case "longText":
      return text;
    case "number": {
      const cleaned = trimmed.replace(/[£,\s]/g, "");
      const n = Number(cleaned);
      // Anything that is not a plain number goes to the parser as typed so its rule names the problem.
      return cleaned !== "" && Number.isFinite(n) ? n : trimmed;
    }
    case "percent":
      return trimmed.endsWith("%") ? trimmed : `${trimmed}%`;
    case "flag":
      return trimmed === "true";
    default:
      return trimmed;
  }
}

/**
 * JSON value → the text shown in the input. Percent fractions are shown as percent.
 *
 * @example
 * toText({ path: "x", label: "X", kind: "percent" }, 0.08) // "8"
 */
export function toText(spec: FieldSpec, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (spec.kind === "percent") {
    if (typeof value === "number") return new Decimal(value).times(100).toString();
    if (typeof value === "string") return value.trim().replace(/%$/, "").trim();
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string" || typeof value === "number") return String(value);
  return undefined;
}

/** Removes objects left empty once the edited fields were taken out (an empty block is not "no block"). */
export function pruneEmpty(obj: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      pruneEmpty(value as Record<string, unknown>);
      if (Object.keys(value).length === 0) delete obj[key];
    }
  }
}
