/**
 * Naming rules for the sheets and defined names the add-in creates.
 */

/** Sheets the programme workbook reserves. */
export const RESERVED_SHEETS = [
  "Programme",
  "Resource cost",
  "Themes",
  "Parameters",
  "Scenarios",
  "_mtfs",
] as const;

/** Sheet names Excel itself reserves (case-insensitive): Excel refuses to create a sheet by this name. */
export const EXCEL_RESERVED_SHEETS = ["History"] as const;

/**
 * Characters no sheet name may hold: Excel's forbidden `[ ] : * ? / \`, control characters (NUL…, which
 * the XML of an .xlsx cannot carry, so the sheet would be saved under another name than the register
 * holds), and unpaired UTF-16 surrogates and U+FFFE/U+FFFF (also not XML).
 */
const FORBIDDEN_IN_SHEET_NAME =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[[\]:*?/\\\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Excel's limit on a sheet name's length (UTF-16 code units). */
export const MAX_SHEET_NAME = 31;

/** `s` with spaces collapsed and no leading or trailing space or apostrophe (a sheet name cannot end in one). */
function tidySheetName(s: string): string {
  return s
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
}

/** `name` cut to `max` code units, tidied again: the cut may split a surrogate pair or end on a space. */
function cutSheetName(name: string, max: number): string {
  return tidySheetName(name.slice(0, max).replace(/[\uD800-\uDBFF]$/, ""));
}

/**
 * `name` cut to `max` code units at the end of a word where one ends in its second half ("…to foster", not
 * "…to fo"), else as `cutSheetName` cuts (one long word, or an early last space that would leave too little).
 *
 * @example
 * cutAtWord("Residential step-down to foster care", 27) // "Residential step-down to"
 */
export function cutAtWord(name: string, max: number): string {
  if (name.length <= max) return tidySheetName(name);
  // A space right after the cut means it already falls between words.
  const end = /\s/.test(name[max]) ? max : name.lastIndexOf(" ", max);
  return cutSheetName(name, end > max / 2 ? end : max);
}

/**
 * A legal, readable sheet name for a proposal: forbidden and control characters replaced by spaces, at
 * most 31 characters, no leading or trailing apostrophe, and a name Excel reserves ("History") suffixed.
 *
 * @example
 * proposalSheetName("CFS: Targeted Prevention / pilot") // "CFS Targeted Prevention pilot"
 * proposalSheetName("History") // "History (proposal)"
 */
export function proposalSheetName(opportunityName: string): string {
  const name = cutSheetName(
    tidySheetName(opportunityName.replace(FORBIDDEN_IN_SHEET_NAME, " ")),
    MAX_SHEET_NAME,
  );
  if (!name) return "Proposal";
  if (EXCEL_RESERVED_SHEETS.some((r) => r.toLowerCase() === name.toLowerCase())) return `${name} (proposal)`;
  return name;
}

/**
 * Why a proposal's sheet is not called what its opportunity is, in words (for `new` and the pane to say
 * it), or undefined when it is (spacing aside) or has no name. `clashed` is the sheet name another proposal's sheet had.
 *
 * @example
 * sheetNameNote("Residential step-down to foster care", "Residential step-down to foster")
 * // 'Sheet "Residential step-down to foster" is not named "Residential step-down to foster care" as the opportunity is: a sheet name can have at most 31 characters.'
 */
export function sheetNameNote(opportunityName: string, sheet: string, clashed?: string): string | undefined {
  const full = opportunityName.replace(/\s+/g, " ").trim();
  if (full === sheet || full === "") return undefined;
  const legal = tidySheetName(full.replace(FORBIDDEN_IN_SHEET_NAME, " "));
  const reasons = [
    ...(full.search(FORBIDDEN_IN_SHEET_NAME) !== -1
      ? ["a sheet name cannot hold [ ] : * ? / \\ or control characters"]
      : []),
    ...(/^'|'$/.test(full) ? ["a sheet name cannot begin or end with an apostrophe"] : []),
    ...(legal.length > MAX_SHEET_NAME ? [`a sheet name can have at most ${MAX_SHEET_NAME} characters`] : []),
    ...(EXCEL_RESERVED_SHEETS.some((r) => r.toLowerCase() === legal.toLowerCase())
      ? [`Excel keeps the sheet name "${legal}" for itself`]
      : []),
    ...(clashed === undefined ? [] : [`"${clashed}" is already another proposal's sheet`]),
  ];
  const why =
    reasons.length > 1 ? `${reasons.slice(0, -1).join(", ")} and ${reasons[reasons.length - 1]}` : reasons[0];
  return `Sheet "${sheet}" is not named "${full}" as the opportunity is${why ? `: ${why}` : ""}.`;
}

/** `base` when `free` says so, else the first of `suffixed(2)`, `suffixed(3)`, … that is. */
function firstFree(base: string, free: (name: string) => boolean, suffixed: (i: number) => string): string {
  if (free(base)) return base;
  for (let i = 2; ; i++) if (free(suffixed(i))) return suffixed(i);
}

/**
 * A sheet name no sheet in `taken` has (compared ignoring case, as Excel does): `sheet`, or it with " (2)",
 * " (3)", … after it, shortened first (at a word's end where it can: `cutAtWord`) so the whole stays within
 * 31 characters.
 *
 * @example
 * uniqueSheetName("Residential step-down to foster", ["Residential step-down to foster"])
 * // "Residential step-down to (2)"
 */
export function uniqueSheetName(sheet: string, taken: readonly string[]): string {
  const used = new Set(taken.map((s) => s.toLowerCase()));
  return firstFree(
    sheet,
    (name) => !used.has(name.toLowerCase()),
    (i) => `${cutAtWord(sheet, MAX_SHEET_NAME - ` (${i})`.length)} (${i})`,
  );
}

/**
 * Short identifier used in defined names (letters and digits only, starts with a letter). Different sheet
 * names can give the same slug ("CFS Targeted-Prevention", "CFS Targeted Prevention"): a new proposal takes
 * `uniqueSlug`, and the register keeps it.
 *
 * @example
 * nameSlug("CFS Targeted Prevention") // "CFSTargetedPrevention"
 */
export function nameSlug(sheet: string): string {
  const s = sheet.replace(/[^A-Za-z0-9]/g, "");
  return /^[A-Za-z]/.test(s) ? s : `P${s}`;
}

/**
 * The slug for a new proposal sheet: `nameSlug(sheet)`, or with a suffix `_2`, `_3`, … when another
 * proposal has it or the workbook already holds a defined name under it. Excel compares names ignoring
 * case, so this does too. A base slug has no "_", so a suffixed slug's names never meet another slug's.
 *
 * @example
 * uniqueSlug("CFS Targeted-Prevention", ["CFSTargetedPrevention"], []) // "CFSTargetedPrevention_2"
 */
export function uniqueSlug(
  sheet: string,
  takenSlugs: readonly string[],
  existingNames: readonly string[],
): string {
  const slugs = new Set(takenSlugs.map((s) => s.toLowerCase()));
  const names = existingNames.map((n) => n.toLowerCase());
  const free = (slug: string): boolean => {
    const prefix = assumptionName(slug, "").toLowerCase();
    return !slugs.has(slug.toLowerCase()) && !names.some((n) => n.startsWith(prefix));
  };
  const base = nameSlug(sheet);
  return firstFree(base, free, (i) => `${base}_${i}`);
}

/**
 * Workbook-scoped defined name for an assumption cell: prefix, proposal slug and the field path.
 *
 * @example
 * assumptionName("CFSTargetedPrevention", "assumptions.unitCost.weeklyCost")
 * // "mtfs_CFSTargetedPrevention_unitCost_weeklyCost"
 */
export function assumptionName(slug: string, path: string): string {
  const tail = path
    .replace(/^assumptions\./, "")
    .replace(/\[(\d+)\]/g, "_$1")
    .replace(/[^A-Za-z0-9_]/g, "_");
  return `mtfs_${slug}_${tail}`;
}
