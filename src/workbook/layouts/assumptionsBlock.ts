import { choiceWords, fieldWords, type FieldWords, STREAM_KIND_WORDS } from "../../engine";
import { getPath, jsonLeaves, type JsonLeaf } from "../jsonPath";

/**
 * The proposal's assumptions as the sheet shows them in words: one section per saving stream (the
 * single-cohort form is one section without a heading), then the proposal-level lines (investment, existing
 * MTFS lines, overlap, weighting). Each entry is one field with its caption and unit (from the engine's
 * caption table) and the note the JSON keeps beside it (`note`, `<field>Note`), so a note sits on its row.
 */

/** One field of a section: a row of the table. */
export interface AssumptionEntry {
  /** JSON path in the proposal, e.g. "assumptions.streams[1].durationWeeks". */
  readonly path: string;
  /** The path within its block (the assumptions or the stream), e.g. "durationWeeks". */
  readonly blockPath: string;
  readonly value: JsonLeaf["value"];
  readonly words: FieldWords;
  /** The note shown beside the value, when the JSON has one for this field. */
  readonly note?: { readonly path: string; readonly value: JsonLeaf["value"] };
}

/** A stream's table, or the whole proposal's lines. */
export interface AssumptionSection {
  /** "Stream 1 — Falls (cohort)"; absent for the single-cohort form's one table. */
  readonly heading?: string;
  /** The stream's id, shown beside its heading (a hand-built range reads it from there). */
  readonly id?: string;
  /** The stream's own note (beside its heading). */
  readonly note?: { readonly path: string; readonly value: JsonLeaf["value"] };
  readonly entries: readonly AssumptionEntry[];
}

/** Heading of the proposal-level lines of a multi-stream sheet (a range reader knows it too). */
export const WHOLE_PROPOSAL_HEADING = "Whole proposal: costs, existing MTFS lines, overlap and weighting";

/** Keys a stream shows in its heading rather than as rows. */
const STREAM_HEADING_KEYS = new Set(["kind", "id", "label", "note"]);

type Rec = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Rec => v !== null && typeof v === "object" && !Array.isArray(v);

/** A note key: `note`, or `<field>Note` beside a field the object has. */
function noteOf(key: string, parent: Rec): string | undefined {
  if (key === "note") return "";
  const m = /^(.+)Note$/.exec(key);
  if (!m) return undefined;
  if (m[1] in parent) return m[1];
  // `durationNote` is the note of `durationWeeks`.
  return Object.keys(parent).find((k) => k.startsWith(m[1]) && !k.endsWith("Note"));
}

/** The entries of one block (the assumptions object, or one stream), notes moved beside their fields. */
function blockEntries(block: Rec, prefix: string, skip: ReadonlySet<string>): AssumptionEntry[] {
  const shown: Rec = Object.fromEntries(Object.entries(block).filter(([k]) => !skip.has(k)));
  const leaves = jsonLeaves(shown, prefix);
  const rel = (path: string): string => path.slice(prefix.length + 1);
  const parentPath = (path: string): string => path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
  const holderOf = (path: string): unknown => (path === prefix ? block : getPath(block, rel(path)));
  const isNote = (leaf: JsonLeaf): { anchor: string } | undefined => {
    const key = /\.([^.[\]]+)$/.exec(leaf.path)?.[1];
    const parent = parentPath(leaf.path);
    const holder = holderOf(parent);
    const field = key !== undefined && isRecord(holder) ? noteOf(key, holder) : undefined;
    if (field === undefined) return undefined;
    return { anchor: field === "" ? parent : `${parent}.${field}` };
  };
  const fields = leaves.filter((l) => !isNote(l));
  const notes = new Map<number, { path: string; value: JsonLeaf["value"] }>();
  const loose: JsonLeaf[] = [];
  for (const leaf of leaves) {
    const note = isNote(leaf);
    if (!note) continue;
    // The field's own row, or the first row of the object the note is about.
    const i = fields.findIndex(
      (f, n) =>
        !notes.has(n) &&
        (f.path === note.anchor ||
          f.path.startsWith(`${note.anchor}.`) ||
          f.path.startsWith(`${note.anchor}[`)),
    );
    if (i >= 0) notes.set(i, { path: leaf.path, value: leaf.value });
    else loose.push(leaf);
  }
  const entry = (leaf: JsonLeaf, note?: AssumptionEntry["note"]): AssumptionEntry => {
    const blockPath = rel(leaf.path);
    const parent = holderOf(parentPath(leaf.path));
    return {
      path: leaf.path,
      blockPath,
      value: leaf.value,
      words: fieldWords(blockPath, { parent: isRecord(parent) ? parent : block, block }),
      ...(note ? { note } : {}),
    };
  };
  // A note with no row to sit on (its object has every row noted already) gets a row of its own.
  return [...fields.map((f, i) => entry(f, notes.get(i))), ...loose.map((l) => entry(l))];
}

/**
 * The sections of an assumptions block, in the JSON's order.
 *
 * @example
 * assumptionSections({ streams: [{ kind: "cohort", id: "falls", label: "Falls", durationWeeks: 52 }] })[0].heading
 * // "Stream 1 — Falls (a cohort of people)"
 */
export function assumptionSections(assumptions: unknown): AssumptionSection[] {
  if (!isRecord(assumptions)) return [];
  const streams = assumptions.streams;
  if (!Array.isArray(streams)) {
    return [{ entries: blockEntries(assumptions, "assumptions", new Set(["horizon"])) }];
  }
  const out: AssumptionSection[] = streams.map((s, i) => {
    const stream: Rec = isRecord(s) ? s : {};
    const prefix = `assumptions.streams[${i}]`;
    const label =
      typeof stream.label === "string" && stream.label.trim() ? stream.label.trim() : `Stream ${i + 1}`;
    const kind = typeof stream.kind === "string" ? stream.kind : "?";
    const note = stream.note;
    return {
      heading: streamHeading(i, label, kind),
      ...(typeof stream.id === "string" ? { id: stream.id } : {}),
      ...(typeof note === "string" ? { note: { path: `${prefix}.note`, value: note } } : {}),
      entries: blockEntries(stream, prefix, STREAM_HEADING_KEYS),
    };
  });
  out.push({
    heading: WHOLE_PROPOSAL_HEADING,
    entries: blockEntries(assumptions, "assumptions", new Set(["horizon", "streams"])),
  });
  return out;
}

/**
 * A stream's heading row: its number, label and kind in words (MTFS.BENEFIT.PROFILE reads the words or the
 * code back, src/functions/assumptionsRange.ts).
 *
 * @example
 * streamHeading(0, "Falls", "cohort") // "Stream 1 — Falls (a cohort of people)"
 */
export function streamHeading(index: number, label: string, kind: string): string {
  return `Stream ${index + 1} — ${label} (${streamKindWords(kind)})`;
}

/** The kind of saving in words, for the stream's heading. */
export function streamKindWords(kind: string): string {
  return STREAM_KIND_WORDS[kind] ?? kind;
}

/**
 * The dropdown of a choice field in words, when the engine words its codes: the words shown, and the code
 * each word stands for (by the word in lower case) for reading the cell back.
 *
 * @example
 * wordedChoices("lever")?.choices // ["fewer starts (entry)", "leave early (exit)"]
 */
export function wordedChoices(
  blockPath: string,
): { readonly choices: readonly string[]; readonly codes: Readonly<Record<string, string>> } | undefined {
  const table = choiceWords(blockPath);
  if (!table) return undefined;
  return {
    choices: Object.values(table),
    codes: Object.fromEntries(Object.entries(table).map(([code, word]) => [word.toLowerCase(), code])),
  };
}

/**
 * Optional fields a new proposal sheet gives a row even when its JSON leaves them out, so the user has a cell
 * to fill in later: blank, as a cleared cell reads (null: none, or the documented default). The single-cohort
 * form's (`cohort`) and the whole proposal's (`proposal`); a kinded block left out is written as its "none" kind
 * with its amount blank, so choosing another kind in the cell's list and typing the amount is enough.
 */
const OPTIONAL_ROWS = {
  cohort: [
    "baseline.growthPerYear",
    "unitCost.alternativeWeeklyCost",
    "unitCost.overlapWeeklyCost",
    "unitCost.inflationPerYear",
    // Blank is the cohort's default (cost avoidance); a step-down that leaves today's budget picks cashable.
    "cashability",
  ],
  proposal: ["mtfsOverlap"],
} as const;

/** What a left-out kinded block is written as: none, with the amount of the usual kind blank. */
const BLANK_BLOCKS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  mtfsOverlap: { kind: "none", amountPerYear: null },
};

/** `parent` with `key` set to `value` when it has no such key (the others keep their order). */
function withKey(parent: Rec, key: string, value: unknown): Rec {
  return key in parent ? parent : { ...parent, [key]: value };
}

/** `block` with `path` ("unitCost.overlapWeeklyCost") blank when absent, inside the objects it has. */
function withBlank(block: Rec, path: string): Rec {
  const [head, ...rest] = path.split(".");
  if (rest.length === 0) return withKey(block, head, BLANK_BLOCKS[head] ?? null);
  const inner = block[head];
  // An object left out (or not an object): as the user wrote it, so the parser's refusal names it.
  if (!isRecord(inner)) return block;
  return { ...block, [head]: withBlank(inner, rest.join(".")) };
}

/**
 * The proposal JSON with every optional field of OPTIONAL_ROWS it leaves out blank (null), as `new` and the
 * wizard write a sheet: a blank reads as none (or the default), so the figures are the same, and each field
 * has its row. With `rowsOf` (the sheet's stored JSON, for an edit), only the rows that sheet has: a sheet
 * written before keeps its shape (refresh, too, lays a sheet out from its stored JSON).
 *
 * @example
 * withOptionalRows({ assumptions: { unitCost: { weeklyCost: 900 } } }).assumptions.unitCost.overlapWeeklyCost // null
 */
export function withOptionalRows(proposal: unknown, rowsOf?: unknown): unknown {
  if (!isRecord(proposal) || !isRecord(proposal.assumptions)) return proposal;
  const a = proposal.assumptions;
  const had = isRecord(rowsOf) && isRecord(rowsOf.assumptions) ? rowsOf.assumptions : undefined;
  const paths = [...(Array.isArray(a.streams) ? [] : OPTIONAL_ROWS.cohort), ...OPTIONAL_ROWS.proposal].filter(
    (path) => rowsOf === undefined || (had !== undefined && getPath(had, path) !== undefined),
  );
  return { ...proposal, assumptions: paths.reduce(withBlank, a) };
}
