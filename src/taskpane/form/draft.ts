import { pruneEmpty, toJson, toText } from "./convert";
import {
  FIELDS,
  INVESTMENT_FIELDS,
  INVESTMENT_FIELDS_BY_KIND,
  TRIANGULATION_ROW_FIELDS,
  type FieldSpec,
} from "./fields";
import { getPath, setPath } from "./path";
import { jsonToStream, newStream, streamToJson } from "./streamDraft";
import { COHORT_KEYS, isCohortPath, type StreamDraft } from "./streams";

/**
 * What the user has typed, exactly as typed (strings), so nothing is lost while a value is still invalid.
 * `values` holds the scalar fields by JSON path; the two tables hold one record per row.
 * `draftToRaw` turns it into the proposal JSON of /work/brief/contract.md for the engine's parser.
 */
export interface Draft {
  readonly values: Readonly<Record<string, string>>;
  readonly investment: readonly Readonly<Record<string, string>>[];
  readonly triangulationRows: readonly Readonly<Record<string, string>>[];
  /**
   * The saving streams, when the proposal is written as several (issue 13): then the single-cohort fields
   * (baseline, target, lever, duration, unit cost, timeline) are each stream's, not the proposal's.
   */
  readonly streams?: readonly StreamDraft[];
  /** Blocks the wizard does not edit (e.g. `published`), carried through unchanged. */
  readonly passthrough?: Readonly<Record<string, unknown>>;
  /** The proposal sheet this draft was loaded from: Finish updates that sheet instead of adding one. */
  readonly editingSheet?: string;
  /** The workbook `editingSheet` is in (id and name to show), so a draft reopened elsewhere says so. */
  readonly workbook?: { readonly id: string; readonly name: string };
}

/**
 * A blank proposal with the template's usual choices preselected.
 *
 * @example
 * emptyDraft().values["assumptions.target.kind"] // "percent"
 */
export function emptyDraft(): Draft {
  return {
    values: {
      "assumptions.mtfsOverlap.kind": "none",
      "assumptions.mtfsOverlap.capAtGross": "true",
      "assumptions.target.kind": "percent",
      "assumptions.lever": "entry",
      "triangulation.kind": "annualStarts",
      "assumptions.timeline.ramp": "linear",
      "opportunity.confidence.level": "Low",
    },
    investment: [],
    triangulationRows: [],
  };
}

/**
 * The key of a table row that holds, as JSON text, the row's keys the form does not edit (a phased cost's
 * amounts by FY, a triangulation row's range object), written back unchanged.
 */
export const CARRIED = "$carried";

/**
 * The JSON a row carries unchanged (the form's own fields are then set over it), while the row keeps the kind
 * it was read with: another kind has other keys.
 */
function carried(row: Readonly<Record<string, string>>): Record<string, unknown> {
  const text = row[CARRIED];
  if (text === undefined) return {};
  const { kind, keys } = JSON.parse(text) as { kind?: string; keys: Record<string, unknown> };
  return kind === row.kind ? { ...keys } : {};
}

/** A new investment line of the given kind. */
export function newInvestmentRow(kind: "ongoing" | "oneOff" | "perCase" = "ongoing"): Record<string, string> {
  return { kind, label: "" };
}

/** A kind's fields, none for a kind the table lacks: "constructor" or "__proto__" typed as a kind is no kind. */
function ofKind<T>(byKind: Readonly<Record<string, T>>, kind: string | undefined): T | undefined {
  return kind !== undefined && Object.prototype.hasOwnProperty.call(byKind, kind) ? byKind[kind] : undefined;
}

/**
 * An investment line's fields for its kind; "For stream" is a choice of the draft's streams (a single cohort
 * has none to name, so it is not shown).
 *
 * @example
 * investmentFields({ kind: "perCase" }, undefined).map((f) => f.path) // ["kind", "label", "amountPerCasePerYear"]
 */
export function investmentFields(
  row: Readonly<Record<string, string>>,
  streams: Draft["streams"],
): readonly FieldSpec[] {
  return INVESTMENT_FIELDS.filter((f) => (ofKind(INVESTMENT_FIELDS_BY_KIND, row.kind) ?? []).includes(f.path))
    .filter((f) => f.path !== "stream" || streams !== undefined)
    .map((f) =>
      f.path === "stream"
        ? {
            ...f,
            kind: "choice",
            choices: (streams ?? []).map((s, i) => ({
              value: s.values.id ?? "",
              label: `Stream ${i + 1}: ${s.values.label || s.values.id || ""}`,
            })),
          }
        : f,
    );
}

/** The spec of the target value: a percent for a % target, a plain number otherwise. */
export function targetValueSpec(values: Readonly<Record<string, string>>): FieldSpec {
  const kind = values["assumptions.target.kind"] ?? "percent";
  const base = FIELDS.find((f) => f.path === "assumptions.target.value") as FieldSpec;
  if (kind === "percent") return { ...base, kind: "percent", unit: "%" };
  if (kind === "countPerYear") return { ...base, unit: "a year" };
  return { ...base, unit: "cases" };
}

/** Overlap fields that apply to the chosen overlap kind. */
const OVERLAP_FIELDS_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  none: [],
  amountPerYear: ["amountPerYear", "capAtGross", "note"],
  weeksOfDuration: ["weeks", "note"],
};

/** Triangulation inputs of each table kind (the engine's `TriangulationInput` union). */
const TRIANGULATION_FIELDS_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  annualStarts: ["baselineStarts", "mtfsCaseload", "realisationFactor"],
  monthlyStarts: ["startsPerMonth", "baselineCaseload", "horizonYears", "uncertainBand"],
};

/** True when the field takes part in the proposal given the current choices (overlap kind, table kind). */
export function isFieldActive(values: Readonly<Record<string, string>>, path: string): boolean {
  const table = /^triangulation\.(\w+)$/.exec(path);
  if (table && table[1] !== "kind") {
    const kind = values["triangulation.kind"] || "annualStarts";
    return (ofKind(TRIANGULATION_FIELDS_BY_KIND, kind) ?? []).includes(table[1]);
  }
  if (path === "assumptions.timeline.stepShare") return values["assumptions.timeline.ramp"] === "stepped";
  const overlap = /^assumptions\.mtfsOverlap\.(\w+)$/.exec(path);
  if (overlap && overlap[1] !== "kind") {
    const kind = values["assumptions.mtfsOverlap.kind"] ?? "none";
    return (ofKind(OVERLAP_FIELDS_BY_KIND, kind) ?? []).includes(overlap[1]);
  }
  return true;
}

/**
 * True when the form shows the field: active for the current choices, and in the draft's form (a cohort's
 * fields belong to each stream once the draft holds streams; a whole-proposal weighting only exists then).
 *
 * @example
 * isFieldShown(emptyDraft(), "assumptions.durationWeeks") // true
 */
export function isFieldShown(draft: Draft, path: string): boolean {
  if (!isFieldActive(draft.values, path)) return false;
  return draft.streams !== undefined ? !isCohortPath(path) : !isStreamsOnlyPath(path);
}

/**
 * The proposal JSON the draft describes (contract shape), ready for `parseProposal`.
 *
 * @example
 * draftToRaw({ ...emptyDraft(), values: { "opportunity.name": "X" } }) // { opportunity: { name: "X" }, ... }
 */
export function draftToRaw(draft: Draft): Record<string, unknown> {
  const raw = JSON.parse(JSON.stringify(draft.passthrough ?? {})) as Record<string, unknown>;
  for (const spec of FIELDS) {
    if (!isFieldShown(draft, spec.path)) continue;
    const effective = spec.path === "assumptions.target.value" ? targetValueSpec(draft.values) : spec;
    const value = toJson(effective, draft.values[spec.path]);
    if (value !== undefined) setPath(raw, spec.path, value);
  }
  setPath(
    raw,
    "assumptions.investment",
    draft.investment.map((row) => {
      const out = carried(row);
      const used = ofKind(INVESTMENT_FIELDS_BY_KIND, row.kind) ?? ["kind", "label"];
      for (const spec of INVESTMENT_FIELDS) {
        if (!used.includes(spec.path)) continue;
        const value = toJson(spec, row[spec.path]);
        if (value !== undefined) out[spec.path] = value;
      }
      return out;
    }),
  );
  if (draft.streams !== undefined) setPath(raw, "assumptions.streams", draft.streams.map(streamToJson));
  if (draft.triangulationRows.length > 0) {
    setPath(
      raw,
      "triangulation.rows",
      draft.triangulationRows.map((row) => {
        const out = carried(row);
        for (const spec of TRIANGULATION_ROW_FIELDS) {
          const value = toJson(spec, row[spec.path]);
          if (value !== undefined) out[spec.path] = value;
        }
        return out;
      }),
    );
  }
  return raw;
}

/**
 * The draft for a proposal JSON (an example, a saved draft's source or a proposal sheet read back).
 * Keys the form does not edit are kept in `passthrough` and written back unchanged.
 *
 * @example
 * rawToDraft({ assumptions: { target: { kind: "percent", value: 0.08 } } }).values["assumptions.target.value"] // "8"
 */
export function rawToDraft(raw: unknown): Draft {
  const base = emptyDraft();
  const values: Record<string, string> = { ...base.values };
  for (const spec of FIELDS) {
    const effective =
      spec.path === "assumptions.target.value"
        ? targetValueSpec({
            "assumptions.target.kind": String(getPath(raw, "assumptions.target.kind") ?? "percent"),
          })
        : spec;
    const text = toText(effective, getPath(raw, spec.path));
    if (text !== undefined) values[spec.path] = text;
  }
  const rows = (path: string, specs: readonly FieldSpec[]): Record<string, string>[] => {
    const list = getPath(raw, path);
    if (!Array.isArray(list)) return [];
    return list.map((item) => {
      const row: Record<string, string> = {};
      const rest: Record<string, unknown> =
        typeof item === "object" && item !== null ? { ...(item as Record<string, unknown>) } : {};
      for (const spec of specs) {
        const text = toText(spec, getPath(item, spec.path));
        // A value the form cannot show (a range written as { from, to }) is carried as written.
        if (text !== undefined) {
          row[spec.path] = text;
          delete rest[spec.path];
        }
      }
      if (Object.keys(rest).length > 0) row[CARRIED] = JSON.stringify({ kind: row.kind, keys: rest });
      return row;
    });
  };
  // Everything the form does not edit (e.g. `published`, `unitCost.periodsPerYear`, a triangulation `kind`)
  // is carried through unchanged, so editing a proposal never drops what the wizard cannot show.
  const passthrough: Record<string, unknown> =
    typeof raw === "object" && raw !== null
      ? (JSON.parse(JSON.stringify(raw)) as Record<string, unknown>)
      : {};
  for (const spec of FIELDS) setPath(passthrough, spec.path, undefined);
  setPath(passthrough, "assumptions.investment", undefined);
  setPath(passthrough, "triangulation.rows", undefined);
  const streams = getPath(raw, "assumptions.streams");
  setPath(passthrough, "assumptions.streams", undefined);
  delete passthrough.$schema;
  pruneEmpty(passthrough);
  return {
    values,
    investment: rows("assumptions.investment", INVESTMENT_FIELDS),
    triangulationRows: rows("triangulation.rows", TRIANGULATION_ROW_FIELDS),
    ...(Array.isArray(streams) ? { streams: streams.map(jsonToStream) } : {}),
    passthrough,
  };
}

/**
 * True when the value can be stored as a draft (used when loading a saved draft that may be from an older version).
 *
 * @example
 * isDraft(emptyDraft()) // true
 */
export function isDraft(value: unknown): value is Draft {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.values === "object" &&
    v.values !== null &&
    Array.isArray(v.investment) &&
    Array.isArray(v.triangulationRows) &&
    (v.streams === undefined || Array.isArray(v.streams))
  );
}

/**
 * Proposal-level fields the form shows only with streams: a single cohort says the same on its unit cost
 * (`unitCost.inflationContingency`), and two places for one choice would only invite a contradiction.
 */
export const STREAMS_ONLY_PATHS = ["assumptions.inflationContingency.heldCentrally"] as const;

function isStreamsOnlyPath(path: string): boolean {
  return (STREAMS_ONLY_PATHS as readonly string[]).includes(path);
}

/**
 * The draft in the streams form with one more stream of `kind`. A single-cohort draft first becomes one
 * cohort stream (id "cohort", labelled with the opportunity's name) holding every cohort value as it was,
 * typed text, carried-through keys and all, so nothing is lost; the new stream follows it.
 *
 * @example
 * addStream(rawToDraft(cfs), "income").streams?.map((s) => s.values.kind) // ["cohort", "income"]
 */
export function addStream(draft: Draft, kind: string): Draft {
  if (draft.streams !== undefined) {
    return { ...draft, streams: [...draft.streams, newStream(kind, draft.streams)] };
  }
  const assumptions = (getPath(draftToRaw(draft), "assumptions") ?? {}) as Record<string, unknown>;
  const cohort: Record<string, unknown> = {
    kind: "cohort",
    id: "cohort",
    label: draft.values["opportunity.name"]?.trim() || "Cohort",
  };
  for (const key of COHORT_KEYS) if (assumptions[key] !== undefined) cohort[key] = assumptions[key];
  const unitCost = { ...((cohort.unitCost ?? {}) as Record<string, unknown>) };
  const values = Object.fromEntries(Object.entries(draft.values).filter(([path]) => !isCohortPath(path)));
  const passthrough = JSON.parse(JSON.stringify(draft.passthrough ?? {})) as Record<string, unknown>;
  for (const key of COHORT_KEYS) setPath(passthrough, `assumptions.${key}`, undefined);
  // A single cohort's unit cost also prices the proposal (inflating costs, a per-week overlap) and holds its
  // inflation centrally; with streams both are the proposal's own keys, so they move there unchanged.
  if (unitCost.inflationContingency !== undefined) {
    if (assumptions.inflationContingency === undefined)
      values["assumptions.inflationContingency.heldCentrally"] = String(unitCost.inflationContingency);
    delete unitCost.inflationContingency;
    cohort.unitCost = unitCost;
  }
  if (assumptions.prices === undefined) {
    for (const key of ["inflationPerYear", "priceBaseFy", "periodsPerYear"])
      if (unitCost[key] !== undefined) setPath(passthrough, `assumptions.prices.${key}`, unitCost[key]);
  }
  const first = jsonToStream(cohort);
  pruneEmpty(passthrough);
  return { ...draft, values, passthrough, streams: [first, newStream(kind, [first])] };
}
