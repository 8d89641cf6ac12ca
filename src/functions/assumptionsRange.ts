import {
  CAPTIONS,
  EngineError,
  STREAM_KIND_WORDS,
  choiceCode,
  describeValue,
  nearestKey,
  splitRangeText,
} from "../engine";
import { cellDate, isBlank, isBlankOrZero, usedRows } from "./cells";

/**
 * Turns a label/value range (the proposal's assumptions block on a sheet, e.g. A40:D80) into the proposal
 * JSON's `assumptions` object, which the engine's own parser then validates: this module only moves
 * values into place, it checks no rule. A label is the JSON path ("unitCost.weeklyCost",
 * "streams[0].durationWeeks"), the caption the proposal sheet shows (the engine's caption table,
 * format/captions.ts: "Average duration", "Investment 2: amount a year"), or one of the plain-English labels
 * below, matched ignoring case, spaces, punctuation and "(…)" hints. A row `Stream 1 — Falls (cohort)` (the kind
 * as its code or in words, "(a cohort of people)", as the proposal sheet writes it; or
 * `Stream: Falls (cohort)`, with the stream's id in the value column if it has one) starts a saving stream:
 * the rows under it are that stream's fields, until the next stream or a `Whole proposal` row; investment,
 * existing MTFS lines, overlap, prices and the horizon always belong to the whole proposal. Rows with a blank
 * value are skipped so the documented default applies; further columns (unit, note) are ignored. A range laid
 * out in two rows (labels above values) is read the same way.
 */

/** Labels of a header row, skipped. */
const HEADER_LABELS = new Set(["assumption", "assumptions", "label", "field", "name", "item"]);

/** Plain-English labels → JSON path. Targets pick their kind from the label (percent unless it says otherwise). */
export const ASSUMPTION_LABELS: Readonly<Record<string, readonly string[]>> = {
  "baseline.volumePerYear": [
    "baseline",
    "baseline volume",
    "baseline volume per year",
    "baseline starts",
    "baseline starts per year",
    "starts per year",
    "volume per year",
  ],
  "baseline.growthPerYear": [
    "growth",
    "growth per year",
    "growth in starts",
    "volume growth",
    "growth in volume per year",
  ],
  "target.percent": ["target", "target %", "target percent", "target percentage", "reduction target"],
  "target.countPerYear": ["target count per year", "target per year", "target count", "avoided per year"],
  "target.caseloadReduction": ["target caseload reduction", "caseload reduction"],
  "target.kind": ["target kind"],
  "target.value": ["target value"],
  lever: ["lever"],
  durationWeeks: [
    "duration",
    "duration weeks",
    "duration in weeks",
    "average duration",
    "average duration weeks",
  ],
  "unitCost.weeklyCost": [
    "weekly cost",
    "unit cost",
    "weekly unit cost",
    "average unit cost",
    "cost per week",
  ],
  "unitCost.alternativeWeeklyCost": ["alternative weekly cost", "alternative cost", "alternative unit cost"],
  "unitCost.overlapWeeklyCost": ["overlap weekly cost", "overlap per week", "unit cost overlap"],
  "unitCost.inflationPerYear": ["inflation", "inflation per year", "unit cost inflation"],
  "unitCost.priceBaseFy": ["price base", "price base fy", "price base year"],
  "unitCost.periodsPerYear": ["periods per year", "weeks per year", "cost periods per year"],
  "unitCost.inflationContingency": ["inflation contingency", "inflation held centrally"],
  "timeline.startDate": ["start date", "start", "project start", "project start date"],
  "timeline.designMonths": ["design", "design months", "design phase months", "design phase"],
  "timeline.pilotMonths": ["pilot", "pilot months", "pilot phase", "pilot phase months"],
  "timeline.rolloutMonths": ["rollout", "rollout months", "rollout of changes", "rollout of changes months"],
  "timeline.leadMonths": ["lead", "lead months", "lead time", "lead time months", "lead time before impact"],
  "timeline.ramp": ["ramp", "ramp shape"],
  // The stated dates, as the proposal sheet captions them ("Design phase ends (YYYY-MM-DD)") and plainly.
  "timeline.designEndDate": ["design phase ends", "design end date", "end of design"],
  "timeline.pilotEndDate": ["pilot ends", "pilot end date", "end of pilot"],
  "timeline.sustainableDate": ["sustainable date", "full impact date", "sustainable from"],
  "timeline.deliveryEndDate": ["delivery ends", "delivery end date", "end of delivery"],
  "timeline.delivery.kind": ["delivery", "delivery kind"],
  "timeline.delivery.everyWeeks": ["batch length", "batch every weeks"],
  "target.perWeeks": ["target counted per block of", "target per weeks"],
  "target.cohortSize": ["eligible cohort", "cohort size"],
  "investment[0].amountPerYear": [
    "investment",
    "investment per year",
    "ongoing investment",
    "ongoing investment per year",
  ],
  "investment[0].fromDate": [
    "investment from",
    "investment from date",
    "investment start",
    "investment start date",
  ],
  "investment[0].label": ["investment label"],
  "mtfsOverlap.amountPerYear": [
    "mtfs overlap",
    "mtfs overlap per year",
    "existing mtfs overlap",
    "overlap per year",
    "overlap with existing mtfs lines",
  ],
  "mtfsOverlap.kind": ["overlap with existing mtfs lines: kind"],
  "mtfsOverlap.capAtGross": ["cap overlap at gross", "mtfs overlap cap at gross", "overlap capped at gross"],
  "mtfsOverlap.note": ["overlap note"],
  "timeline.note": ["timeline note"],
  "unitCost.note": ["unit cost note"],
  "target.note": ["target note"],
  durationNote: ["duration note"],
  "horizon.firstFy": ["first fy", "horizon first fy", "from fy"],
  "horizon.lastFy": ["last fy", "horizon last fy", "to fy"],
  "horizon.mtfsLastFy": ["mtfs last fy", "last mtfs fy"],
};

/**
 * Lower-case letters and digits only, with "%" kept (it tells a % target from a count) and hints in
 * brackets dropped: "Average duration (weeks)" and "average duration" are the same label.
 */
function normalise(label: string): string {
  return withoutBrackets(label.toLowerCase()).replace(/[^a-z0-9%]/g, "");
}

/**
 * The text without each "(…)" span, as `replace(/\([^)]*\)/g, "")` but in one pass: that pattern rescans
 * to the end from every unclosed "(", quadratic on a long cell of them.
 *
 * @example
 * withoutBrackets("Duration (weeks)") // "Duration "
 */
export function withoutBrackets(text: string): string {
  let out = "";
  let from = 0;
  for (let open = text.indexOf("("); open !== -1; open = text.indexOf("(", from)) {
    const close = text.indexOf(")", open + 1);
    if (close === -1) break; // no ")" after this "(" means none after any later one either
    out += text.slice(from, open);
    from = close + 1;
  }
  return out + text.slice(from);
}

/** Fields by their plain-English labels, then by the captions the sheet shows (non-list fields). */
const BY_LABEL: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [path, labels] of Object.entries(ASSUMPTION_LABELS))
    for (const l of labels) m.set(normalise(l), path);
  for (const [key, c] of Object.entries(CAPTIONS)) {
    if (key.includes("[]")) continue;
    for (const l of [c.label, ...(c.also ?? [])]) if (!m.has(normalise(l))) m.set(normalise(l), key);
  }
  return m;
})();

/** Lists by the caption of their items ("Investment", "Unit cost part", "Ramp point"), each with its key. */
const LISTS: readonly { readonly word: string; readonly key: string }[] = Object.entries(CAPTIONS)
  .filter(([key]) => key.endsWith("[]"))
  .map(([key, c]) => ({ word: normalise(c.label), key }));

/** A list item's fields by caption and by JSON key ("what it is", "label"), per list key. */
const ITEM_FIELDS: ReadonlyMap<string, ReadonlyMap<string, string>> = (() => {
  const m = new Map<string, Map<string, string>>();
  for (const [key, c] of Object.entries(CAPTIONS)) {
    const at = key.lastIndexOf("[].");
    if (at < 0) continue;
    const list = key.slice(0, at + 2);
    const fieldKey = key.slice(at + 3);
    if (fieldKey.includes("[]")) continue;
    const fields = m.get(list) ?? new Map<string, string>();
    fields.set(normalise(c.label), fieldKey);
    fields.set(normalise(fieldKey.split(".").pop() ?? fieldKey), fieldKey);
    m.set(list, fields);
  }
  return m;
})();

/** Every label spelling known (for "did you mean"): plain-English labels and the sheet's captions. */
const LABEL_SPELLING: ReadonlyMap<string, string> = new Map([
  ...Object.entries(CAPTIONS)
    .filter(([key]) => !key.includes("[]"))
    .map(([, c]) => [normalise(c.label), c.label] as const),
  ...Object.values(ASSUMPTION_LABELS)
    .flat()
    .map((l) => [normalise(l), l] as const),
]);

/** "; did you mean \"weekly unit cost\"?" for a label one typo from a known one, else "". */
function labelSuggestion(key: string): string {
  const near = nearestKey(key, [...LABEL_SPELLING.keys()]);
  return near === undefined ? "" : `; did you mean "${LABEL_SPELLING.get(near)}"?`;
}

/** A JSON path as written in a label: dotted keys with optional [index] steps. */
const JSON_PATH = /^[A-Za-z][A-Za-z0-9]*(?:\[\d+\])?(?:\.[A-Za-z][A-Za-z0-9]*(?:\[\d+\])?)*$/;

/**
 * The highest list index a label may name ("investment[99].amountPerYear", "Investment 100: kind"): a
 * proposal has a handful of investment lines, and `investment[100000000]` built a hundred-million-slot list.
 */
export const MAX_LIST_INDEX = 99;

const NOT_A_NUMBER_PATH =
  /(?:Date|Fy|\.kind|\.ramp|^lever|\.label|[nN]ote|capAtGross|inflationContingency|inflates|realisedFrom)$/;

/**
 * True for a JSON path whose value is never a number (a date, fiscal year, option, yes/no or text), so a 0
 * there is an empty cell as some Excel builds pass it, and the default applies.
 *
 * @example
 * isNeverNumberPath("timeline.startDate") // true
 * isNeverNumberPath("durationWeeks") // false
 */
export function isNeverNumberPath(path: string): boolean {
  return NOT_A_NUMBER_PATH.test(path);
}

/**
 * The JSON path of a numbered list label, as the proposal sheet captions list items: the list's item caption
 * and number, then the field by its caption or JSON key ("Investment 2: amountPerYear", "Category 1, ramp
 * point 2: date"); undefined when it is not one.
 *
 * @example
 * numberedPath("Investment 1: fromDate") // "investment[0].fromDate"
 * numberedPath("Unit cost part 2: share of the cases") // "unitCost.components[1].share"
 * numberedPath("Category 1, ramp point 2: date") // "categories[0].ramp.points[1].date"
 */
export function numberedPath(label: string): string | undefined {
  const colon = label.indexOf(":");
  if (colon < 0) return undefined;
  const items = label
    .slice(0, colon)
    .split(",")
    .map((part) => /^\s*(.*?)\s*(\d+)\s*$/.exec(part));
  let list = "";
  const indices: number[] = [];
  for (const [n, item] of items.entries()) {
    if (!item || Number(item[2]) < 1) return undefined;
    const hit = LISTS.find(
      (l) =>
        l.word === normalise(item[1]) &&
        (l.key.match(/\[\]/g) ?? []).length === n + 1 &&
        (n === 0 || l.key.startsWith(`${list}.`)),
    );
    if (!hit) return undefined;
    list = hit.key;
    indices.push(Number(item[2]) - 1);
  }
  const text = label.slice(colon + 1).trim();
  const byFy = /^amount\s+in\s+(.+)$/i.exec(text);
  const field = byFy
    ? `amountsByFy.${byFy[1].trim()}`
    : (ITEM_FIELDS.get(list)?.get(normalise(text)) ?? (/^[A-Za-z]\w*$/.test(text) ? text : undefined));
  if (field === undefined) return undefined;
  let i = 0;
  return `${list}.${field}`.replace(/\[\]/g, () => `[${indices[i++]}]`);
}

/** Throws when a path names a list index above MAX_LIST_INDEX. */
function checkIndices(path: string, label: string, where: string): void {
  for (const step of steps(path)) {
    if (typeof step === "number" && step > MAX_LIST_INDEX) {
      throw new EngineError(
        "out-of-range",
        `assumptions ${where}`,
        `${describeValue(label)} names list index ${step}, must be at most ${MAX_LIST_INDEX}`,
      );
    }
  }
}

/** The assumptions object read from a range, and the label each JSON path came from (for error messages). */
export interface AssumptionsFromRange {
  readonly raw: Record<string, unknown>;
  readonly labelOf: ReadonlyMap<string, string>;
}

/** Path steps of "investment[0].amountPerYear": ["investment", 0, "amountPerYear"]. */
function steps(path: string): (string | number)[] {
  return path.split(".").flatMap((part) => {
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    return m ? [m[1], Number(m[2])] : [part];
  });
}

/**
 * Sets a value at a JSON path, creating objects and arrays on the way.
 *
 * @example
 * const o = {}; setPath(o, "investment[0].amountPerYear", 5); // o = { investment: [{ amountPerYear: 5 }] }
 */
export function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const s = steps(path);
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < s.length - 1; i++) {
    const next = node[s[i]];
    if (typeof next !== "object" || next === null) node[s[i]] = typeof s[i + 1] === "number" ? [] : {};
    node = node[s[i]] as Record<string | number, unknown>;
  }
  node[s[s.length - 1]] = value;
}

/** Label/value pairs of a range: two columns (or more, notes ignored), or two rows of labels over values. */
function pairs(range: readonly (readonly unknown[])[]): [unknown, unknown, string][] {
  const rows = range.length;
  const cols = rows === 0 ? 0 : range[0].length;
  if (rows === 2 && cols > 2) return range[0].map((label, j) => [label, range[1][j], `column ${j + 1}`]);
  if (cols < 2) {
    throw new EngineError("invalid-type", "assumptions", "must be a range of labels and values (2 columns)");
  }
  return range.map((row, i) => [row[0], row[1], `row ${i + 1}`]);
}

/** A cell value moved into the JSON: dates as ISO text (Excel passes a date cell as its serial number; a year
 * alone is refused, as a serial it is a day in 1905), a dropdown's words as their code. `blockPath` is the
 * path within the stream or the assumptions; `name` the row, for a refusal. */
function jsonValue(path: string, blockPath: string, value: unknown, name: string): unknown {
  if (typeof value === "number" && DATE_PATH.test(path)) return cellDate(value, name);
  return choiceCode(blockPath, value);
}

const DATE_PATH = /(^|\.)(date|\w+Date)$/;

/** Fields that always belong to the whole proposal, even under a stream's heading. */
const PROPOSAL_KEYS = new Set([
  "horizon",
  "investment",
  "mtfsOverlap",
  "existingMtfsLines",
  "inflationContingency",
  "prices",
  "streams",
]);

/** "Stream 1 — Falls (cohort)", "Stream: Falls (a cohort of people)": the stream's label and kind (code or words). */
const STREAM_HEADING = /^stream\b\s*\d*\s*[—–:-]?\s*(.*?)\s*\(\s*([^()]+?)\s*\)\s*$/i;

/**
 * A kind as a heading gives it: its words as the proposal sheet writes them (any case), or a code (one word,
 * checked by the engine); undefined when the brackets hold neither, so the row is not a heading.
 */
function kindOf(text: string): string | undefined {
  return /^[a-z]+$/i.test(text)
    ? text
    : Object.keys(STREAM_KIND_WORDS).find((k) => STREAM_KIND_WORDS[k].toLowerCase() === text.toLowerCase());
}

/** A stream id from its label: letters and digits, lower case, dashes between words ("Falls prevention" → "falls-prevention"). */
function idOf(label: string, taken: readonly string[]): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 32) || "stream";
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The proposal-JSON `assumptions` object of a label/value range.
 *
 * @example
 * assumptionsFromRange([["Baseline starts per year", 260], ["Target %", 0.08], ["Start date", 46235]]).raw
 * // { baseline: { volumePerYear: 260 }, target: { kind: "percent", value: 0.08 },
 * //   timeline: { startDate: "2026-08-01" } }
 * assumptionsFromRange([["Stream 1 — Falls (cohort)", "falls"], ["Average duration", 52]]).raw
 * // { streams: [{ kind: "cohort", id: "falls", label: "Falls", durationWeeks: 52 }] }
 */
export function assumptionsFromRange(range: unknown): AssumptionsFromRange {
  const raw: Record<string, unknown> = {};
  const labelOf = new Map<string, string>();
  const streams: Record<string, unknown>[] = [];
  /** The stream the rows below belong to (its index), or undefined for the whole proposal. */
  let scope: number | undefined;
  /** Target kinds implied by a label such as "Target %", by block: an explicit kind row wins. */
  const implied = new Map<number | undefined, string>();
  // Trailing empty rows dropped: a whole-column range (A:B) is a million rows, nearly all empty.
  for (const [label, value, where] of pairs(usedRows(range))) {
    // A spacer row may arrive as [0, 0] (an empty cell as 0): a label is never a number.
    if (isBlankOrZero(label)) continue;
    const text = String(label).trim();
    const key = normalise(text);
    const heading = STREAM_HEADING.exec(text);
    const kind = heading ? kindOf(heading[2]) : undefined;
    if (heading && kind !== undefined && !BY_LABEL.has(key)) {
      const id = isBlankOrZero(value)
        ? idOf(
            heading[1] || `stream ${streams.length + 1}`,
            streams.map((s) => String(s.id)),
          )
        : String(value).trim();
      streams.push({ kind, id, label: heading[1] || id });
      scope = streams.length - 1;
      continue;
    }
    if (key.startsWith("wholeproposal")) {
      scope = undefined;
      continue;
    }
    if (isBlank(value)) continue;
    if (HEADER_LABELS.has(key)) continue;
    const known = BY_LABEL.has(key) || numberedPath(text) !== undefined || JSON_PATH.test(text);
    // An unrecognised note is prose beside the figures: it never changes them, so it is skipped, not refused.
    if (!known && /notes?$/.test(key)) continue;
    if (/^horizon\b/i.test(text)) {
      if (value === 0) continue; // every horizon value is a fiscal year: 0 is an empty cell
      const sides = typeof value === "string" ? splitRangeText(value.trim()) : undefined;
      if (sides) {
        // "Horizon | FY26/27 to FY31/32", as the proposal sheet shows the fixed horizon.
        setPath(raw, "horizon.firstFy", sides[0]);
        setPath(raw, "horizon.lastFy", sides[1]);
        labelOf.set("horizon.firstFy", `"${text}" (${where})`);
        labelOf.set("horizon.lastFy", `"${text}" (${where})`);
        continue;
      }
    }
    let blockPath = BY_LABEL.get(key) ?? numberedPath(text) ?? (JSON_PATH.test(text) ? text : undefined);
    if (blockPath === undefined) {
      throw new EngineError(
        "unknown-option",
        `assumptions ${where}`,
        `${describeValue(text)} is not an assumption label${labelSuggestion(key)}`,
      );
    }
    checkIndices(blockPath, text, where);
    // An empty date, FY, option or text cell may arrive as 0: leave the default to apply.
    if (value === 0 && isNeverNumberPath(blockPath)) continue;
    const stream = PROPOSAL_KEYS.has(blockPath.split(/[.[]/)[0]) ? undefined : scope;
    const prefix = stream === undefined ? "" : `streams[${stream}].`;
    const targetKind = /^target\.(percent|countPerYear|caseloadReduction)$/.exec(blockPath)?.[1];
    if (targetKind) {
      implied.set(stream, targetKind);
      blockPath = "target.value";
    }
    const path = `${prefix}${blockPath}`;
    if (labelOf.has(path)) {
      throw new EngineError("invalid-type", `assumptions ${where}`, `${describeValue(text)} repeats ${path}`);
    }
    labelOf.set(path, `"${text}" (${where})`);
    setPath(
      stream === undefined ? raw : streams[stream],
      blockPath,
      jsonValue(path, blockPath, value, `"${text}" (${where})`),
    );
  }
  for (const [stream, kind] of implied) {
    const block = stream === undefined ? raw : streams[stream];
    const target = block.target as Record<string, unknown>;
    if (target.kind === undefined) target.kind = kind;
  }
  if (streams.length) raw.streams = streams;
  completeDefaults(raw);
  return { raw, labelOf };
}

/**
 * Fills what a plain label implies: an overlap amount is per year; an investment line is ongoing, named
 * "Ongoing investment" and runs from the project start date unless a date is given.
 *
 * @example
 * const raw = { investment: [{ amountPerYear: 1 }], timeline: { startDate: "2026-08-01" } };
 * completeDefaults(raw); // raw.investment[0] = { kind: "ongoing", label: "Ongoing investment", amountPerYear: 1, fromDate: "2026-08-01" }
 */
export function completeDefaults(raw: Record<string, unknown>): void {
  const overlap = raw.mtfsOverlap as Record<string, unknown> | undefined;
  if (overlap && overlap.kind === undefined && overlap.amountPerYear !== undefined)
    overlap.kind = "amountPerYear";
  if (Array.isArray(raw.investment)) {
    for (const item of raw.investment as (Record<string, unknown> | undefined)[]) {
      if (item && item.kind === undefined) item.kind = "ongoing";
      if (item && item.kind === "ongoing" && item.label === undefined) item.label = "Ongoing investment";
      const start = (raw.timeline as Record<string, unknown> | undefined)?.startDate;
      if (item && item.kind === "ongoing" && item.fromDate === undefined && start !== undefined)
        item.fromDate = start;
    }
  }
  const target = raw.target as Record<string, unknown> | undefined;
  if (target && target.kind === undefined && target.value !== undefined) target.kind = "percent";
}
