/**
 * Naming rules for the sheets and defined names the add-in creates.
 */

/** Sheets the programme workbook reserves. */
export const RESERVED_SHEETS = ["Programme", "Resource cost", "Themes", "_mtfs"] as const;

/**
 * A legal, readable sheet name for a proposal: Excel's forbidden characters removed, at most 31 characters.
 *
 * @example
 * proposalSheetName("CFS: Targeted Prevention / pilot") // "CFS Targeted Prevention pilot"
 */
export function proposalSheetName(opportunityName: string): string {
  const cleaned = opportunityName
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "");
  return (cleaned || "Proposal").slice(0, 31).trim();
}

/**
 * Short identifier used in defined names (letters and digits only, starts with a letter).
 *
 * @example
 * nameSlug("CFS Targeted Prevention") // "CFSTargetedPrevention"
 */
export function nameSlug(sheet: string): string {
  const s = sheet.replace(/[^A-Za-z0-9]/g, "");
  return /^[A-Za-z]/.test(s) ? s : `P${s}`;
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
