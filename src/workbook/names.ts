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

const MAX_SHEET_NAME = 31;

/**
 * A legal, readable sheet name for a proposal: forbidden and control characters replaced by spaces, at
 * most 31 characters, no leading or trailing apostrophe, and a name Excel reserves ("History") suffixed.
 *
 * @example
 * proposalSheetName("CFS: Targeted Prevention / pilot") // "CFS Targeted Prevention pilot"
 * proposalSheetName("History") // "History (proposal)"
 */
export function proposalSheetName(opportunityName: string): string {
  const tidy = (s: string): string =>
    s
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^'+|'+$/g, "")
      .trim();
  let name = tidy(opportunityName.replace(FORBIDDEN_IN_SHEET_NAME, " ")).slice(0, MAX_SHEET_NAME);
  // Cutting at 31 code units may split a surrogate pair, or leave an apostrophe or space at the end.
  name = tidy(name.replace(/[\uD800-\uDBFF]$/, ""));
  if (!name) return "Proposal";
  if (EXCEL_RESERVED_SHEETS.some((r) => r.toLowerCase() === name.toLowerCase())) return `${name} (proposal)`;
  return name;
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
  if (free(base)) return base;
  for (let i = 2; ; i++) if (free(`${base}_${i}`)) return `${base}_${i}`;
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
