import { fieldInfo, unwrapOptional, type FieldInfo } from "../../engine/format/define";
import { streamFormat } from "../../engine/format/streamsFormat";

/**
 * What the engine's one format definition says about a stream field (its meaning and documented default),
 * so the wizard's hints are the docs' words, never a copy. Rules are not read here: they stay in the parser.
 */

/** A schema's parts as this walker sees them. */
interface Node {
  readonly type?: string;
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly item?: unknown;
  readonly options?: readonly unknown[];
}

function infoAt(schema: unknown, parts: readonly string[]): FieldInfo | undefined {
  const s = unwrapOptional(schema) as Node;
  if (parts.length === 0) return fieldInfo(s);
  switch (s.type) {
    case "strict_object":
    case "object":
      return s.entries && parts[0] in s.entries ? infoAt(s.entries[parts[0]], parts.slice(1)) : undefined;
    case "array":
      // Form paths inside a list row carry no index.
      return infoAt(s.item, parts);
    case "variant":
      // A kinded row (an income line): the first kind that has the field says what it is.
      for (const option of s.options ?? []) {
        const found = infoAt(option, parts);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** The stream format's option for a kind (its `kind` field's rule is the kind's value). */
function kindOption(kind: string): unknown {
  const options = (streamFormat as unknown as Node).options ?? [];
  return options.find((o) => fieldInfo(unwrapOptional((o as Node).entries?.kind))?.rule === kind);
}

/**
 * The format's words for a field of a stream kind, as a hint: its meaning and default, or undefined.
 * `path` is the field's path inside the stream with list rows' paths joined, e.g. "items.feePerUnit".
 *
 * @example
 * streamFieldHint("provision", "weeksPerYear") // "weeks a year; default 52.18"
 */
export function streamFieldHint(kind: string, path: string): string | undefined {
  const option = kindOption(kind);
  if (option === undefined) return undefined;
  const info = infoAt(option, path.split("."));
  if (!info?.about) return undefined;
  return info.default ? `${info.about}; default ${info.default}` : info.about;
}
