import * as React from "react";
import { Checkbox, Field, Input, Select, Textarea } from "@fluentui/react-components";
import type { FieldSpec } from "../form/fields";

/** A DOM id for a field path, stable across renders (tests and `aria-describedby` use it). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

function labelWithUnit(spec: FieldSpec): string {
  if (spec.kind === "percent") return `${spec.label} (%)`;
  if (spec.unit && spec.kind === "number") return `${spec.label} (${spec.unit})`;
  return spec.label;
}

/**
 * One labelled input for a field, with the engine's rule for it (in words) as its validation message.
 * The text is kept exactly as typed; conversion happens in `draftToRaw`.
 */
export function FieldInput({
  spec,
  value,
  error,
  warning,
  onChange,
  idPath,
}: {
  readonly spec: FieldSpec;
  readonly value: string;
  readonly error?: string;
  /** A value the engine accepts but that looks wrong (shown when there is no error). */
  readonly warning?: string;
  readonly onChange: (text: string) => void;
  /** Path used for the DOM id when it differs from the spec's (table rows). */
  readonly idPath?: string;
}): React.JSX.Element {
  const id = fieldId(idPath ?? spec.path);
  const label = labelWithUnit(spec);
  const common = {
    validationMessage: error ?? warning,
    validationState: error ? ("error" as const) : warning ? ("warning" as const) : ("none" as const),
    hint: spec.hint,
  };
  switch (spec.kind) {
    case "flag":
      return (
        <Field {...common}>
          <Checkbox
            id={id}
            label={spec.label}
            checked={value === "true"}
            onChange={(_, data) => onChange(data.checked === true ? "true" : "false")}
          />
        </Field>
      );
    case "choice":
      return (
        <Field label={label} {...common}>
          <Select id={id} value={value} onChange={(_, data) => onChange(data.value)}>
            {spec.optional && <option value="">(default)</option>}
            {spec.choices?.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
      );
    case "longText":
      return (
        <Field label={label} {...common}>
          <Textarea id={id} value={value} resize="vertical" onChange={(_, data) => onChange(data.value)} />
        </Field>
      );
    default:
      return (
        <Field label={label} required={!spec.optional} {...common}>
          <Input
            id={id}
            value={value}
            type={spec.kind === "date" ? "date" : "text"}
            inputMode={spec.kind === "number" || spec.kind === "percent" ? "decimal" : undefined}
            onChange={(_, data) => onChange(data.value)}
          />
        </Field>
      );
  }
}
