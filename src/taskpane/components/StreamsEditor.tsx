import * as React from "react";
import { Button, Field, Select } from "@fluentui/react-components";
import { newListRow, moveItem, withKind } from "../form/streamDraft";
import {
  STREAM_KINDS,
  isItemActive,
  itemSpec,
  streamItems,
  streamKindLabel,
  type FormItem,
  type GroupDraft,
  type StreamDraft,
} from "../form/streams";
import { countText } from "../preview/plural";
import { FieldInput, fieldId } from "./FieldInput";

/** What every group of inputs needs: its problems and warnings by form path, and who to tell about edits. */
interface Feedback {
  readonly errors: ReadonlyMap<string, string>;
  readonly warnings: ReadonlyMap<string, string>;
  /** Called with a field's full path when the user edits it (its problems then show). */
  readonly onTouch: (path: string) => void;
}

/**
 * The inputs of a stream or of one row of its lists, from the kind's form items; lists are nested groups
 * with Add and Remove, named for the stream they are in ("Remove category 2 of stream 1").
 */
function GroupFields({
  items,
  group,
  base,
  context,
  feedback,
  onChange,
}: {
  readonly items: readonly FormItem[];
  readonly group: GroupDraft;
  /** Form path of the group, e.g. "assumptions.streams.0.categories.1". */
  readonly base: string;
  /** The group in words for button names, e.g. "stream 1". */
  readonly context: string;
  readonly feedback: Feedback;
  readonly onChange: (group: GroupDraft) => void;
}): React.JSX.Element {
  const setRows = (listPath: string, rows: readonly GroupDraft[]): void =>
    onChange({ ...group, lists: { ...(group.lists ?? {}), [listPath]: rows } });
  return (
    <>
      {items
        .filter((item) => isItemActive(item, group.values))
        .map((item) => {
          if (item.type === "field") {
            const path = `${base}.${item.spec.path}`;
            return (
              <FieldInput
                key={item.spec.path}
                spec={itemSpec(item, group.values)}
                idPath={path}
                value={group.values[item.spec.path] ?? ""}
                error={feedback.errors.get(path)}
                warning={feedback.warnings.get(path)}
                onChange={(text) => {
                  feedback.onTouch(path);
                  onChange({ ...group, values: { ...group.values, [item.spec.path]: text } });
                }}
              />
            );
          }
          const rows = group.lists?.[item.path] ?? [];
          const listPath = `${base}.${item.path}`;
          const error = feedback.errors.get(listPath);
          return (
            <section key={item.path} aria-label={`${item.title} of ${context}`} className="mtfs-rows">
              <h4 className="mtfs-h4">{item.title}</h4>
              {rows.length === 0 && <p className="mtfs-computed">No {item.itemName}s yet.</p>}
              {error && (
                <p className="mtfs-field-error" id={`${fieldId(listPath)}-error`} role="alert">
                  {error}
                </p>
              )}
              {rows.map((row, j) => (
                <fieldset key={j} className="mtfs-row">
                  <legend>
                    {item.itemName} {j + 1}
                  </legend>
                  <GroupFields
                    items={item.items}
                    group={row}
                    base={`${listPath}.${j}`}
                    context={`${item.itemName} ${j + 1} of ${context}`}
                    feedback={feedback}
                    onChange={(next) =>
                      setRows(
                        item.path,
                        rows.map((r, k) => (k === j ? next : r)),
                      )
                    }
                  />
                  <Button
                    appearance="subtle"
                    aria-label={`Remove ${item.itemName} ${j + 1} of ${context}`}
                    onClick={() =>
                      setRows(
                        item.path,
                        rows.filter((_, k) => k !== j),
                      )
                    }
                  >
                    Remove
                  </Button>
                </fieldset>
              ))}
              <Button
                aria-label={`Add ${item.itemName} to ${context}`}
                onClick={() => setRows(item.path, [...rows, newListRow(item)])}
              >
                Add {item.itemName}
              </Button>
            </section>
          );
        })}
    </>
  );
}

/** The DOM id of a stream's move or remove button (focus follows a moved stream). */
function toolId(index: number, tool: "up" | "down" | "remove" | "fold"): string {
  return `stream-${index}-${tool}`;
}

/**
 * The saving streams of a proposal: each with its kind (in words), label, id, its own fields, timeline and
 * lists; Move up / Move down / Remove per stream and Add stream below. A single-cohort draft shows only the
 * Add stream control: the first Add turns its cohort into stream 1 (`onAdd`, see `addStream`).
 */
export function StreamsEditor({
  streams,
  errors,
  warnings,
  onTouch,
  onChange,
  onAdd,
}: {
  /** Undefined while the draft is in the single-cohort form. */
  readonly streams: readonly StreamDraft[] | undefined;
  readonly errors: ReadonlyMap<string, string>;
  readonly warnings: ReadonlyMap<string, string>;
  readonly onTouch: (path: string) => void;
  readonly onChange: (streams: readonly StreamDraft[]) => void;
  readonly onAdd: (kind: string) => void;
}): React.JSX.Element {
  const [newKind, setNewKind] = React.useState<string>("cohort");
  // Folded streams by id (ids follow a stream when it moves); a folded stream shows its problem count.
  const [folded, setFolded] = React.useState<ReadonlySet<string>>(() => new Set());
  const feedback: Feedback = { errors, warnings, onTouch };
  const list = streams ?? [];
  const move = (from: number, to: number, tool: "up" | "down"): void => {
    onChange(moveItem(list, from, to));
    // Keep the keyboard on the stream that moved: its same button, or the other one at an end.
    setTimeout(() => {
      const same = document.getElementById(toolId(to, tool)) as HTMLButtonElement | null;
      const other = document.getElementById(toolId(to, tool === "up" ? "down" : "up"));
      (same && !same.disabled ? same : other)?.focus();
    }, 0);
  };
  return (
    <section aria-label="Saving streams" className="mtfs-streams" data-testid="streams">
      <h3 className="mtfs-h3">Saving streams</h3>
      {streams === undefined ? (
        <p className="mtfs-computed">
          This proposal is one cohort (the fields below and on the next two steps). To add up several savings
          (two cohorts starting on different dates, income lines, staffing…), add a stream: the cohort becomes
          stream 1, with every value kept.
        </p>
      ) : (
        list.map((stream, i) => {
          const name = `stream ${i + 1}`;
          const words = stream.values.label?.trim() || streamKindLabel(stream.values.kind ?? "");
          const foldKey = stream.values.id ?? `#${i}`;
          const isFolded = folded.has(foldKey);
          const base = `assumptions.streams.${i}`;
          const problems = [...errors.keys()].filter((p) => p.startsWith(`${base}.`)).length;
          return (
            <fieldset key={i} className="mtfs-stream" data-testid={`stream-${i}`}>
              <legend>
                Stream {i + 1}: {words}
              </legend>
              <div className="mtfs-stream-tools">
                <Button
                  id={toolId(i, "up")}
                  size="small"
                  aria-label={`Move ${name} (${words}) up`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1, "up")}
                >
                  ↑ Up
                </Button>
                <Button
                  id={toolId(i, "down")}
                  size="small"
                  aria-label={`Move ${name} (${words}) down`}
                  disabled={i === list.length - 1}
                  onClick={() => move(i, i + 1, "down")}
                >
                  ↓ Down
                </Button>
                <Button
                  id={toolId(i, "fold")}
                  size="small"
                  appearance="subtle"
                  aria-expanded={!isFolded}
                  aria-controls={`${toolId(i, "fold")}-fields`}
                  aria-label={`${isFolded ? "Show" : "Hide"} the fields of ${name} (${words})`}
                  onClick={() =>
                    setFolded((f) => {
                      const next = new Set(f);
                      if (isFolded) next.delete(foldKey);
                      else next.add(foldKey);
                      return next;
                    })
                  }
                >
                  {isFolded ? "Show fields" : "Hide fields"}
                </Button>
                <Button
                  id={toolId(i, "remove")}
                  size="small"
                  appearance="subtle"
                  aria-label={`Remove ${name} (${words})`}
                  disabled={list.length === 1}
                  onClick={() => onChange(list.filter((_, k) => k !== i))}
                >
                  Remove
                </Button>
              </div>
              {isFolded ? (
                <p className="mtfs-computed" id={`${toolId(i, "fold")}-fields`}>
                  {streamKindLabel(stream.values.kind ?? "")}
                  {problems > 0 ? ` · ${countText(problems, "problem")} to fix` : ""}
                </p>
              ) : (
                <div className="mtfs-stream-fields" id={`${toolId(i, "fold")}-fields`}>
                  <GroupFields
                    items={streamItems(stream.values.kind ?? "")}
                    group={stream}
                    base={base}
                    context={name}
                    feedback={feedback}
                    onChange={(next) => {
                      const kind = next.values.kind ?? "";
                      const changed = kind !== stream.values.kind ? withKind(next, kind) : next;
                      onChange(list.map((s, k) => (k === i ? changed : s)));
                    }}
                  />
                </div>
              )}
            </fieldset>
          );
        })
      )}
      <div className="mtfs-stream-add">
        <Field label="Kind of the new stream">
          <Select id="new-stream-kind" value={newKind} onChange={(_, d) => setNewKind(d.value)}>
            {STREAM_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => onAdd(newKind)}>Add stream</Button>
      </div>
    </section>
  );
}
