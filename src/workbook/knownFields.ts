/**
 * Keeping only the fields a JSON Schema defines, so that what the register stores is the proposal format
 * (schema/proposal.schema.json) and nothing else: an unknown field, however large, is dropped before the
 * proposal is laid out or stored. The schema itself is the list of fields; nothing here repeats it.
 */

/** The subset of JSON Schema this walker reads. */
export interface FieldSchema {
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  readonly additionalProperties?: boolean | FieldSchema;
  readonly items?: FieldSchema;
  readonly oneOf?: readonly FieldSchema[];
  readonly anyOf?: readonly FieldSchema[];
  readonly allOf?: readonly FieldSchema[];
  readonly definitions?: Readonly<Record<string, FieldSchema>>;
}

/** A schema by file name ("proposal.schema.json"), for references between schema files. */
export type SchemaSet = ReadonlyMap<string, FieldSchema>;

interface Node {
  readonly schema: FieldSchema;
  /** The schema file `#/definitions/...` references resolve in. */
  readonly root: FieldSchema;
}

const own = <T>(o: Readonly<Record<string, T>> | undefined, k: string): T | undefined =>
  o !== undefined && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;

function resolve(node: Node, set: SchemaSet, depth = 0): Node {
  const ref = node.schema.$ref;
  if (ref === undefined || depth > 32) return node;
  const [file, pointer] = ref.split("#");
  const root = file ? (set.get(file) ?? {}) : node.root;
  const def = /^\/definitions\/(.+)$/.exec(pointer ?? "")?.[1];
  const schema = def === undefined ? root : (own(root.definitions, def) ?? {});
  return resolve({ schema, root }, set, depth + 1);
}

/** The node and every branch it allows (oneOf/anyOf/allOf), references resolved. */
function branches(node: Node, set: SchemaSet): Node[] {
  const n = resolve(node, set);
  const subs = [...(n.schema.oneOf ?? []), ...(n.schema.anyOf ?? []), ...(n.schema.allOf ?? [])];
  return [n, ...subs.flatMap((s) => branches({ schema: s, root: n.root }, set))];
}

function pick(value: unknown, nodes: readonly Node[], set: SchemaSet): unknown {
  if (Array.isArray(value)) {
    const items = nodes.flatMap((n) => (n.schema.items ? [{ schema: n.schema.items, root: n.root }] : []));
    return items.length
      ? value.map((v) =>
          pick(
            v,
            items.flatMap((i) => branches(i, set)),
            set,
          ),
        )
      : value;
  }
  if (value === null || typeof value !== "object") return value;
  const described = nodes.some((n) => n.schema.properties || n.schema.additionalProperties !== undefined);
  if (!described) return value; // a free-form object (or a type this walker does not read): kept whole
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const children = nodes.flatMap((n) => {
      const p = own(n.schema.properties, key);
      if (p) return [{ schema: p, root: n.root }];
      // `additionalProperties: true` tolerates other fields but defines none: they are not kept.
      const extra = n.schema.additionalProperties;
      return extra && typeof extra === "object" ? [{ schema: extra, root: n.root }] : [];
    });
    if (children.length === 0) continue;
    // defineProperty, so a key such as "__proto__" stays a plain field and never becomes a prototype.
    Object.defineProperty(out, key, {
      value: pick(
        v,
        children.flatMap((c) => branches(c, set)),
        set,
      ),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * `value` with only the fields `schema` defines (its properties, in every oneOf/anyOf/allOf branch, through
 * `$ref`s to its own definitions or to other files in `set`); keys of an `additionalProperties` map (a schema
 * for its values, as `published.cumulative` by FY) are kept.
 *
 * @example
 * knownFields({ opportunity: { name: "X", junk: 1 }, extra: "…" }, proposalSchema, schemas)
 * // { opportunity: { name: "X" } }
 */
export function knownFields(value: unknown, schema: FieldSchema, set: SchemaSet = new Map()): unknown {
  const root: Node = { schema, root: schema };
  return pick(value, branches(root, set), set);
}
