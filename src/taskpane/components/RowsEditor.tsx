import * as React from "react";
import { Button } from "@fluentui/react-components";
import type { FieldSpec } from "../form/fields";
import { FieldInput } from "./FieldInput";

/**
 * An editable list of rows (investment lines, triangulation methods), one group per row so it reads at
 * 320 px; each row has a Remove button and the list an Add button, all keyboard reachable.
 */
export function RowsEditor({
  title,
  itemName,
  rows,
  basePath,
  fieldsOf,
  errors,
  onChange,
  onTouch,
  newRow,
  extra,
}: {
  readonly title: string;
  readonly itemName: string;
  readonly rows: readonly Readonly<Record<string, string>>[];
  /** JSON path of the list, e.g. "assumptions.investment". */
  readonly basePath: string;
  readonly fieldsOf: (row: Readonly<Record<string, string>>) => readonly FieldSpec[];
  readonly errors: ReadonlyMap<string, string>;
  readonly onChange: (rows: readonly Readonly<Record<string, string>>[]) => void;
  /** Called with a cell's full path when the user edits it (its problems then show). */
  readonly onTouch?: (path: string) => void;
  readonly newRow: () => Record<string, string>;
  /** Computed text shown under a row (e.g. the triangulation results). */
  readonly extra?: (index: number) => React.ReactNode;
}): React.JSX.Element {
  const update = (index: number, key: string, text: string): void => {
    onTouch?.(`${basePath}.${index}.${key}`);
    onChange(rows.map((r, i) => (i === index ? { ...r, [key]: text } : r)));
  };
  return (
    <section aria-label={title} className="mtfs-rows">
      <h3 className="mtfs-h3">{title}</h3>
      {rows.length === 0 && <p>No {itemName}s yet.</p>}
      {rows.map((row, index) => (
        <fieldset key={index} className="mtfs-row">
          <legend>
            {itemName} {index + 1}
          </legend>
          {fieldsOf(row).map((spec) => {
            const path = `${basePath}.${index}.${spec.path}`;
            return (
              <FieldInput
                key={spec.path}
                spec={spec}
                idPath={path}
                value={row[spec.path] ?? ""}
                error={errors.get(path)}
                onChange={(text) => update(index, spec.path, text)}
              />
            );
          })}
          {extra?.(index)}
          <Button
            appearance="subtle"
            aria-label={`Remove ${itemName} ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            Remove
          </Button>
        </fieldset>
      ))}
      <Button onClick={() => onChange([...rows, newRow()])}>Add {itemName}</Button>
    </section>
  );
}
