import { Decimal } from "../../engine/money";
import type { FieldSpec } from "./fields";

const COMPARISONS: readonly (readonly [RegExp, string])[] = [
  [/^must be >= (-?[\d.]+)/, "at least"],
  [/^must be <= (-?[\d.]+)/, "at most"],
  [/^must be > (-?[\d.]+)/, "more than"],
  [/^must be < (-?[\d.]+)/, "less than"],
];

function quantity(spec: FieldSpec, number: string): string {
  if (spec.kind === "percent") return `${new Decimal(number).times(100).toString()}%`;
  if (spec.unit?.startsWith("£")) {
    const rest = spec.unit.slice(1).trim();
    return `£${number}${rest ? ` ${rest}` : ""}`;
  }
  return spec.unit ? `${number} ${spec.unit}` : number;
}

/**
 * The engine's rule for a field, said in words beside the field. The engine writes rules for developers
 * ("must be > 0, got -3"); the user sees the label, the comparison in words and the unit. The value they
 * typed is already on screen, so the ", got …" tail is dropped.
 *
 * @example
 * fieldMessage({ path: "assumptions.durationWeeks", label: "Duration", unit: "weeks", kind: "number" }, "must be > 0, got -3")
 * // "Duration must be more than 0 weeks"
 */
export function fieldMessage(spec: FieldSpec | undefined, rule: string): string {
  const label = spec?.label ?? "This value";
  const bare = rule.replace(/,\s*got\b.*$/s, "").trim();
  if (spec) {
    for (const [pattern, words] of COMPARISONS) {
      const m = pattern.exec(bare);
      if (m) return `${label} must be ${words} ${quantity(spec, m[1])}`;
    }
  }
  if (/^(is )?required$|^missing$/.test(bare)) return `${label} is required`;
  return `${label} ${bare}`;
}
