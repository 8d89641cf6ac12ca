import { assumptionFieldKinds, fieldChoices, type FieldKind } from "../../engine";
import { numberText, percentText } from "../cellValues";
import { getPath } from "../jsonPath";
import { assumptionName } from "../names";
import type { CellScalar } from "../port";
import { assumptionSections, streamKindWords, wordedChoices, type AssumptionEntry } from "./assumptionsBlock";
import { DATE_FORMAT, PERCENT_FORMAT, POUNDS_FORMAT, STYLES, type InputType, type LayoutCell } from "./types";

/**
 * The proposal sheet's "benefit profile assumptions" as the template has them: a table with columns
 * Assumption (words), Value (a named input cell), Unit (refreshed with the values, e.g. "% of starts" follows
 * the target's kind) and Note (the JSON's note beside the field), one section per stream under its heading
 * row. Columns A:D are also a range MTFS.BENEFIT.PROFILE reads (docs/functions.md).
 */

/** Pounds with pence, for costs that are not whole pounds (£16.11 a day). */
const PENCE_FORMAT = '"£"#,##0.00;-"£"#,##0.00';
const LAST_COLUMN = "H";
const SUBHEADING = { bold: true, fill: "D9E1F2", wrap: true } as const;
const TABLE_HEADING = { ...STYLES.heading, wrap: true } as const;
const BOOLEAN_CHOICES: readonly string[] = ["TRUE", "FALSE"];
/** Units read as a note on the value: wrapped, in grey. */
const UNIT_STYLE = { wrap: true, fontColor: "595959" } as const;
/** Text fields shown across the value and unit columns. */
const PROSE_KEYS = /(label|description|reason|source|explanation)$/i;

const TYPES: Readonly<Record<string, InputType>> = {
  "%": "percent",
  date: "date",
  "yes/no": "boolean",
  choice: "choice",
  number: "number",
};

/** Percent strings ("8%") become fractions, as on the rest of the sheet. */
function cellValue(v: unknown): CellScalar {
  if (typeof v === "string") return percentText(v) ?? v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return null;
}

function numberFormat(type: InputType, unit: string | undefined, value: CellScalar): string | undefined {
  if (type === "percent") return PERCENT_FORMAT;
  if (type === "date") return DATE_FORMAT;
  if (type === "number" && unit?.startsWith("£"))
    return typeof value === "number" && !Number.isInteger(value) ? PENCE_FORMAT : POUNDS_FORMAT;
  return undefined;
}

/** The dropdown of a field: its words when the engine words the codes, else the codes. */
function dropdown(
  entry: AssumptionEntry,
  kind: FieldKind | undefined,
  type: InputType,
): { choices?: readonly string[]; codes?: Readonly<Record<string, string>> } {
  if (type === "boolean") return { choices: BOOLEAN_CHOICES };
  const worded = wordedChoices(entry.blockPath);
  if (worded) return worded;
  const codes = kind?.choices ?? fieldChoices(entry.path);
  return codes ? { choices: codes } : {};
}

/**
 * The table's cells from row `first` (its header row) down; `next` is the first row after it.
 *
 * @example
 * assumptionsTable(40, cfsJson, "CFSTargetedPrevention").cells.find((c) => c.kind === "input")?.address // "B41"
 */
export function assumptionsTable(
  first: number,
  proposal: Readonly<Record<string, unknown>>,
  slug: string,
): { readonly cells: LayoutCell[]; readonly merges: string[]; readonly next: number } {
  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  const assumptions = getPath(proposal, "assumptions");
  const kinds = assumptionFieldKinds(assumptions);
  const label = (address: string, text: string, style: LayoutCell["style"] = STYLES.label): void => {
    cells.push({ kind: "label", address, text, style });
  };
  const noteCell = (r: number, note: NonNullable<AssumptionEntry["note"]>, caption: string): void => {
    merges.push(`D${r}:${LAST_COLUMN}${r}`);
    cells.push({
      kind: "input",
      address: `D${r}`,
      path: note.path,
      value: cellValue(note.value),
      name: assumptionName(slug, note.path),
      style: STYLES.text,
      type: "text",
      label: `${caption}: note`,
    });
  };
  let r = first;
  ["Assumption", "Value", "Unit", "Note"].forEach((h, i) => label(`${"ABCD"[i]}${r}`, h, TABLE_HEADING));
  merges.push(`D${r}:${LAST_COLUMN}${r}`);
  r++;
  for (const section of assumptionSections(assumptions)) {
    if (section.heading) {
      label(`A${r}`, section.heading, SUBHEADING);
      // The whole proposal's heading has no id, kind or note beside it: it spans the table.
      if (section.id === undefined && !section.note) merges.push(`A${r}:${LAST_COLUMN}${r}`);
      if (section.id !== undefined) label(`B${r}`, section.id, SUBHEADING);
      const kind = /\((\w+)\)$/.exec(section.heading)?.[1];
      if (section.id !== undefined && kind)
        label(`C${r}`, streamKindWords(kind), { ...SUBHEADING, bold: false });
      if (section.note) noteCell(r, section.note, section.heading);
      r++;
    }
    for (const entry of section.entries) {
      const kind = kinds.get(entry.path);
      const plainNumber = kind?.type === "number" || kind?.type === "%";
      // A figure written as text ("0.2857…" to 40 digits, "1,487") goes in as a number, as a user would type it.
      const value =
        plainNumber && typeof entry.value === "string"
          ? (numberText(entry.value) ?? cellValue(entry.value))
          : cellValue(entry.value);
      const prose = PROSE_KEYS.test(entry.path) && entry.words.unit === undefined;
      const type: InputType = prose
        ? "text"
        : (TYPES[kind?.type ?? ""] ?? (typeof value === "number" ? "number" : "text"));
      const { choices, codes } = dropdown(entry, kind, type);
      const caption = entry.words.unit ? `${entry.words.label} (${entry.words.unit})` : entry.words.label;
      // A code is shown as its words; anything else (a code the table does not word) as it is.
      const shown =
        codes && typeof value === "string"
          ? (choices?.find((w) => codes[w.toLowerCase()]?.toLowerCase() === value.toLowerCase()) ?? value)
          : value;
      label(`A${r}`, entry.words.label);
      if (prose) merges.push(`B${r}:C${r}`);
      cells.push({
        kind: "input",
        address: `B${r}`,
        path: entry.path,
        value: shown,
        name: assumptionName(slug, entry.path),
        numberFormat: numberFormat(type, entry.words.unit, value),
        style: prose ? { ...STYLES.input, wrap: true } : STYLES.input,
        type,
        label: caption.replace(/ \(yes\/no\)$/, ""),
        ...(choices ? { choices } : {}),
        ...(codes ? { codes } : {}),
      });
      // A unit that follows the values (the target's kind) is refreshed with them; a fixed one is a label.
      if (entry.words.unitVaries) {
        cells.push({
          kind: "engine",
          address: `C${r}`,
          key: `unit.${entry.path}`,
          value: entry.words.unit ?? null,
          style: UNIT_STYLE,
        });
      } else if (entry.words.unit !== undefined) {
        label(`C${r}`, entry.words.unit, UNIT_STYLE);
      }
      if (entry.note) noteCell(r, entry.note, entry.words.label);
      r++;
    }
  }
  return { cells, merges, next: r };
}
