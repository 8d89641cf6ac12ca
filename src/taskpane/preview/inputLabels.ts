import { targetValueSpec } from "../form/draft";
import { fieldSpec, type FieldSpec } from "../form/fields";
import { itemSpec, streamItems, streamKindLabel, type FormItem } from "../form/streams";

/**
 * A risk input's path (the engine's parsed names: "target.value", "timeline.leadWeeks",
 * "investment[0].amountPerYear", "streams[1].categories[0].reductionRate") in the form's own words, so the
 * tornado and the Monte Carlo panel name inputs as the steps do.
 */

/** What the panels need to name a proposal's inputs: its streams' kinds and labels, its costs' labels. */
export interface InputContext {
  /** Each stream's kind and label, and a cohort stream's target kind. */
  readonly streams: readonly {
    readonly kind: string;
    readonly label: string;
    readonly targetKind?: string;
  }[];
  readonly investment: readonly { readonly label?: string }[];
  /** The single cohort's unit-cost component labels. */
  readonly components?: readonly string[];
  /** The single cohort's target kind ("percent", "countPerYear", "caseloadReduction"), when it has one. */
  readonly targetKind?: string;
}

/** An input named in words, with the unit its values are shown in. */
export interface InputName {
  readonly label: string;
  /** "percent" shows 0.08 as "8%"; "pounds" as "£1,338"; else the number and `unit`. */
  readonly style: "percent" | "pounds" | "number";
  readonly unit: string;
}

const WORDS = /([a-z])([A-Z])/g;

/** A user's own label, cut to fit a narrow pane's table ("FFPP infrastructure investment (min…"). */
const LABEL_CHARS = 32;

function short(label: string): string {
  return label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1).trimEnd()}…` : label;
}

/** "reductionRate" → "reduction rate" (a key the form has no label for). */
function words(key: string): string {
  return key.replace(WORDS, "$1 $2").toLowerCase();
}

/** A key the form has no spec for: a rate or share in %, an amount or cost in £, "…Weeks" in weeks. */
function styleOfKey(key: string): Pick<InputName, "style" | "unit"> {
  if (/^(share|\w*Rate|inflationPerYear|growthPerYear)$/.test(key)) return { style: "percent", unit: "" };
  if (/Weeks$/.test(key)) return { style: "number", unit: "weeks" };
  if (/(^amount|Amount|Cost|cost|Fee|fee)/.test(key)) return { style: "pounds", unit: "" };
  return { style: "number", unit: "" };
}

function nameOf(spec: FieldSpec | undefined, key: string, weeks = false): InputName {
  if (spec === undefined) {
    const label = words(key.replace(/Weeks$/, "")).replace(/^./, (c) => c.toUpperCase());
    return { label, ...styleOfKey(key) };
  }
  const unit = weeks ? "weeks" : (spec.unit ?? "");
  const style = spec.kind === "percent" ? "percent" : unit.startsWith("£") ? "pounds" : "number";
  return { label: spec.label, style, unit: style === "percent" ? "" : unit };
}

/** A stream field by its key inside the stream's kind (list rows named "income line 2: amount"). */
function streamField(kind: string, rel: string, targetKind?: string): { label: string; name: InputName } {
  let items: readonly FormItem[] = streamItems(kind);
  const parts: string[] = [];
  let rest = rel;
  for (;;) {
    const list = items.find((i) => i.type === "list" && rest.startsWith(`${i.path}[`));
    if (list === undefined || list.type !== "list") break;
    const m = /^[^[]+\[(\d+)\]\.?(.*)$/.exec(rest);
    if (m === null) break;
    parts.push(`${list.itemName} ${Number(m[1]) + 1}`);
    items = list.items;
    rest = m[2];
  }
  // The parsed timeline holds weeks where the form types months.
  const weeks = /^(timeline\.\w+)Weeks$/.exec(rest);
  const key = weeks ? `${weeks[1]}Months` : rest;
  const field = items.find((i) => i.type === "field" && i.spec.path === key);
  const values: Record<string, string> = targetKind === undefined ? {} : { "target.kind": targetKind };
  const spec = field?.type === "field" ? itemSpec(field, values) : undefined;
  const name = nameOf(spec, rest.split(".").pop() ?? rest, weeks !== null);
  return { label: [...parts, name.label].join(": "), name };
}

/**
 * The input at `path` in words.
 *
 * @example
 * inputName("timeline.leadWeeks", { streams: [], investment: [] }) // { label: "Lead time", style: "number", unit: "weeks" }
 * inputName("investment[0].amountPerYear", { streams: [], investment: [{ label: "Team" }] }).label // "Investment 1 (Team): amount"
 */
export function inputName(path: string, context: InputContext): InputName {
  const stream = /^streams\[(\d+)\]\.(.+)$/.exec(path);
  if (stream) {
    const k = Number(stream[1]);
    const s = context.streams[k];
    const kind = s?.kind ?? "";
    const { label, name } = streamField(kind, stream[2], s?.targetKind);
    const who = s ? short(s.label || streamKindLabel(kind)) : "";
    return { ...name, label: `Stream ${k + 1}${who ? ` (${who})` : ""}: ${label}` };
  }
  const investment = /^investment\[(\d+)\]\.(.+)$/.exec(path);
  if (investment) {
    const i = Number(investment[1]);
    const own = context.investment[i]?.label;
    const phased = /^amountsByFy\[(\d+)\]\.amount$/.exec(investment[2]);
    const named = phased
      ? { label: `Phased amount ${Number(phased[1]) + 1}`, style: "pounds" as const, unit: "" }
      : nameOf(fieldSpec(`assumptions.investment.${i}.${investment[2]}`), investment[2]);
    return {
      ...named,
      label: `Investment ${i + 1}${own ? ` (${short(own)})` : ""}: ${named.label.toLowerCase()}`,
    };
  }
  // The parsed timeline holds weeks where the form types months: same field, shown in weeks.
  const weeks = /^(timeline\.\w+)Weeks$/.exec(path);
  if (weeks) return nameOf(fieldSpec(`assumptions.${weeks[1]}Months`), path, true);
  const component = /^unitCost\.components\[(\d+)\]\.(\w+)$/.exec(path);
  if (component) {
    const i = Number(component[1]);
    const own = context.components?.[i] === undefined ? undefined : short(context.components[i]);
    const named = nameOf(undefined, component[2]);
    return {
      ...named,
      label: `Unit-cost component ${i + 1}${own ? ` (${own})` : ""}: ${named.label.toLowerCase()}`,
    };
  }
  const line = /^existingMtfsLines\[(\d+)\]\.(\w+)$/.exec(path);
  if (line) {
    const named = nameOf(undefined, line[2]);
    return { ...named, label: `Existing MTFS line ${Number(line[1]) + 1}: ${named.label.toLowerCase()}` };
  }
  if (path.startsWith("prices.")) {
    const named = nameOf(undefined, path.slice("prices.".length));
    return { ...named, label: `Proposal prices: ${named.label.toLowerCase()}` };
  }
  const spec =
    path === "target.value"
      ? targetValueSpec({ "assumptions.target.kind": context.targetKind ?? "percent" })
      : fieldSpec(`assumptions.${path}`);
  if (spec !== undefined) return nameOf(spec, path);
  // A key the form does not edit: its segments in words ("timeline delivery every", in weeks).
  const key = path.split(".").pop() ?? path;
  const label = path
    .replace(/\[\d+\]/g, "")
    .split(".")
    .map((part, j, all) => (j === all.length - 1 ? part.replace(/Weeks$/, "") : part))
    .map(words)
    .join(" ");
  return { label: label.replace(/^./, (c) => c.toUpperCase()), ...styleOfKey(key) };
}

const GROUPED = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

/**
 * A value of the input in its unit, as the panel prints it.
 *
 * @example
 * inputValueText(0.072, { label: "Target", style: "percent", unit: "" }) // "7.2%"
 * inputValueText(1338.3, { label: "Weekly unit cost", style: "pounds", unit: "£ a week" }) // "£1,338.30 a week"
 */
export function inputValueText(value: number, name: InputName): string {
  if (name.style === "percent") return `${GROUPED.format(value * 100)}%`;
  if (name.style === "pounds") {
    const text = `£${new Intl.NumberFormat("en-GB", { minimumFractionDigits: Number.isInteger(value) ? 0 : 2, maximumFractionDigits: 2 }).format(value)}`;
    const per = name.unit.replace(/^£\s*/, "");
    return per ? `${text} ${per}` : text;
  }
  return name.unit ? `${GROUPED.format(value)} ${name.unit}` : GROUPED.format(value);
}
