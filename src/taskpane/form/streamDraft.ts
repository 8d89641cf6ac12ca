import { pruneEmpty, toJson, toText } from "./convert";
import type { FieldSpec } from "./fields";
import { getPath, normalisePath, setPath } from "./path";
import {
  isItemActive,
  itemSpec,
  streamItems,
  type FormItem,
  type GroupDraft,
  type StreamDraft,
} from "./streams";

/**
 * A stream (or a list row inside it) between what the user typed and the JSON the engine reads, driven by
 * the kind's form items (streams.ts), plus the editor's operations on the list of streams: add, remove,
 * move. Nothing here knows a rule; the engine's format judges the JSON.
 */

type Json = Record<string, unknown>;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The JSON of a stream or row: its active fields converted by kind, its lists (left out when empty), and
 * what the form does not edit carried through.
 *
 * @example
 * groupToJson(streamItems("income"), { values: { kind: "income", label: "Fees" } }) // { kind: "income", label: "Fees" }
 */
export function groupToJson(items: readonly FormItem[], group: GroupDraft): Json {
  const out: Json = clone((group.passthrough ?? {}) as Json);
  for (const item of items) {
    if (!isItemActive(item, group.values)) continue;
    if (item.type === "field") {
      const value = toJson(itemSpec(item, group.values), group.values[item.spec.path]);
      if (value !== undefined) setPath(out, item.spec.path, value);
    } else {
      const rows = group.lists?.[item.path] ?? [];
      if (rows.length > 0)
        setPath(
          out,
          item.path,
          rows.map((r) => groupToJson(item.items, r)),
        );
    }
  }
  return out;
}

/**
 * The draft of a stream or row read from its JSON: every field the kind edits as text (rates as %), its
 * lists row by row, everything else kept in `passthrough`.
 *
 * @example
 * jsonToGroup(streamItems("cohort"), { kind: "cohort", target: { kind: "percent", value: 0.08 } }).values["target.value"] // "8"
 */
export function jsonToGroup(items: readonly FormItem[], json: unknown): GroupDraft {
  const values: Record<string, string> = {};
  const lists: Record<string, GroupDraft[]> = {};
  // Fields whose spec follows a sibling (the target value follows its kind) are read after the siblings.
  const ordered = [...items].sort(
    (a, b) => Number(a.type === "field" && !!a.specFor) - Number(b.type === "field" && !!b.specFor),
  );
  for (const item of ordered) {
    if (item.type === "field") {
      const text = toText(itemSpec(item, values), getPath(json, item.spec.path));
      if (text !== undefined) values[item.spec.path] = text;
    } else {
      const list = getPath(json, item.path);
      if (Array.isArray(list)) lists[item.path] = list.map((row) => jsonToGroup(item.items, row));
    }
  }
  const passthrough: Json = typeof json === "object" && json !== null ? clone(json as Json) : {};
  for (const item of items)
    setPath(passthrough, item.type === "field" ? item.spec.path : item.path, undefined);
  pruneEmpty(passthrough);
  return {
    values,
    ...(Object.keys(lists).length > 0 ? { lists } : {}),
    ...(Object.keys(passthrough).length > 0 ? { passthrough } : {}),
  };
}

/** The JSON of a stream, by its kind's items. */
export function streamToJson(stream: StreamDraft): Json {
  return groupToJson(streamItems(stream.values.kind ?? ""), stream);
}

/** The draft of a stream's JSON. */
export function jsonToStream(json: unknown): StreamDraft {
  const kind = getPath(json, "kind");
  return jsonToGroup(streamItems(typeof kind === "string" ? kind : ""), json);
}

/** The choices a new stream or row starts with (the template's usual ones), by kind. */
const STARTING_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  cohort: { "target.kind": "percent", lever: "entry", "timeline.ramp": "linear" },
  packageReview: { "saving.kind": "weekly", "timeline.ramp": "linear" },
  reablement: { "saving.kind": "weekly", "ramp.shape": "linear" },
};

/** A fresh row of a list: its preselected choices, and one row in each list it must have. */
function newRow(item: FormItem & { type: "list" }): GroupDraft {
  return { values: { ...(item.newRow ?? {}) } };
}

/**
 * A new stream of a kind with an id not yet used ("stream2", "stream3", …) and one row in each list the kind
 * needs, so its fields show at once.
 *
 * @example
 * newStream("income", []).values // { kind: "income", id: "stream1", label: "" }
 */
export function newStream(kind: string, existing: readonly StreamDraft[]): StreamDraft {
  const used = new Set(existing.map((s) => s.values.id));
  let n = existing.length + 1;
  while (used.has(`stream${n}`)) n += 1;
  return withKind({ values: { kind, id: `stream${n}`, label: "" } }, kind);
}

/**
 * The stream with a new kind: the kind's starting choices and required lists added where absent; what was
 * typed for another kind stays in the draft (switching back shows it) but is not sent.
 */
export function withKind(stream: StreamDraft, kind: string): StreamDraft {
  const lists: Record<string, readonly GroupDraft[]> = { ...(stream.lists ?? {}) };
  for (const item of streamItems(kind)) {
    if (item.type === "list" && !item.optional && (lists[item.path] ?? []).length === 0)
      lists[item.path] = [newRow(item)];
  }
  return {
    ...stream,
    values: { ...(STARTING_VALUES[kind] ?? {}), ...stream.values, kind },
    ...(Object.keys(lists).length > 0 ? { lists } : {}),
  };
}

/** A new row for a list item (its preselected choices). */
export function newListRow(item: FormItem & { type: "list" }): GroupDraft {
  return newRow(item);
}

/**
 * The list with the item at `from` moved to `to` (clamped), order otherwise kept.
 *
 * @example
 * moveItem(["a", "b", "c"], 2, 0) // ["c", "a", "b"]
 */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  const out = [...list];
  const [moved] = out.splice(from, 1);
  out.splice(target, 0, moved);
  return out;
}

/** A field found at an engine path inside the streams: the form path, its spec and what was typed. */
export interface StreamField {
  readonly path: string;
  readonly spec: FieldSpec;
  readonly text: string | undefined;
  /** Which stream (and row), in words, for the Review list: "Stream 2 (Falls), income line 1". */
  readonly where: string;
}

function resolve(
  items: readonly FormItem[],
  group: GroupDraft | undefined,
  rel: string,
  base: string,
  where: string,
): StreamField | undefined {
  const values = group?.values ?? {};
  for (const item of items) {
    if (item.type === "field" && item.spec.path === rel) {
      return { path: `${base}.${rel}`, spec: itemSpec(item, values), text: values[rel], where };
    }
    if (item.type !== "list") continue;
    const rows = group?.lists?.[item.path] ?? [];
    if (rel === item.path) {
      return {
        path: `${base}.${rel}`,
        spec: { path: rel, label: item.title, kind: "text" },
        text: rows.length > 0 ? "rows" : undefined,
        where,
      };
    }
    const m = new RegExp(`^${item.path.replace(/\./g, "\\.")}\\.(\\d+)(?:\\.(.+))?$`).exec(rel);
    if (m) {
      const j = Number(m[1]);
      const rowWhere = `${where}, ${item.itemName} ${j + 1}`;
      const rowBase = `${base}.${item.path}.${j}`;
      if (m[2] === undefined) {
        return {
          path: rowBase,
          spec: { path: rel, label: `${item.itemName} ${j + 1}`, kind: "text" },
          text: "row",
          where: rowWhere,
        };
      }
      return resolve(item.items, rows[j], m[2], rowBase, rowWhere);
    }
  }
  // A whole block the engine finds missing (`ramp`, `saving`): its first required input, or list.
  const first = items.find(
    (i) =>
      (i.type === "list" || !i.spec.optional) &&
      (i.type === "field" ? i.spec.path : i.path).startsWith(`${rel}.`) &&
      isItemActive(i, values),
  );
  if (first) return resolve(items, group, first.type === "field" ? first.spec.path : first.path, base, where);
  return undefined;
}

/**
 * The stream field an engine path names (`assumptions.streams[1].items[0].goLiveDate`), or undefined when
 * the path is not inside a stream the draft has.
 *
 * @example
 * streamFieldAt(streams, "assumptions.streams[0].durationWeeks")?.spec.label // "Duration"
 */
export function streamFieldAt(streams: readonly StreamDraft[], enginePath: string): StreamField | undefined {
  const m = /^assumptions\.streams\.(\d+)(?:\.(.+))?$/.exec(normalisePath(enginePath));
  if (!m) return undefined;
  const i = Number(m[1]);
  const stream = streams[i];
  if (stream === undefined) return undefined;
  const where = `Stream ${i + 1}${stream.values.label ? ` (${stream.values.label})` : ""}`;
  const base = `assumptions.streams.${i}`;
  if (m[2] === undefined) {
    return {
      path: base,
      spec: { path: base, label: `Stream ${i + 1}`, kind: "text" },
      text: "stream",
      where,
    };
  }
  return resolve(streamItems(stream.values.kind ?? ""), stream, m[2], base, where);
}

/**
 * The row group at a form path inside a stream (`assumptions.streams.0.categories.1`), for the editor's
 * updates: the stream list with `update` applied to that group.
 */
export function updateGroup(
  streams: readonly StreamDraft[],
  path: readonly (string | number)[],
  update: (g: GroupDraft) => GroupDraft,
): StreamDraft[] {
  const [i, ...rest] = path;
  return streams.map((s, k) => (k === i ? updateIn(s, rest, update) : s));
}

function updateIn(
  group: GroupDraft,
  path: readonly (string | number)[],
  update: (g: GroupDraft) => GroupDraft,
): GroupDraft {
  if (path.length === 0) return update(group);
  const [listPath, j, ...rest] = path;
  const rows = group.lists?.[String(listPath)] ?? [];
  return {
    ...group,
    lists: {
      ...(group.lists ?? {}),
      [String(listPath)]: rows.map((r, k) => (k === j ? updateIn(r, rest, update) : r)),
    },
  };
}
