import type { ProgrammeConfig } from "./layouts/programmeConfig";
import type { Register, StoredProposal } from "./register";
import { currentSheetName, type SheetRename } from "./renamedSheets";

/**
 * One proposal, one sheet, one Programme row: a proposal is known by its name (opportunity.name), not by its
 * sheet's name, which the user may have changed; two entries under one name make the totals count it twice.
 */

/**
 * What two proposal names are compared by: the whole opportunity name, as its sheet's Opportunity Name cell
 * holds it, ignoring case and spacing (Unicode-normalised). Not the sheet name: two names may share the 31
 * characters a sheet name keeps and still be two proposals, which then get two sheets.
 *
 * @example
 * proposalNameKey(" reunification ") === proposalNameKey("Reunification") // true
 * proposalNameKey("Step-down to foster care (phase 2)") === proposalNameKey("Step-down to foster care") // false
 */
export function proposalNameKey(name: string): string {
  return name.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * A stored proposal's name: its opportunity name, else (an older or hand-edited register) its sheet's.
 *
 * @example
 * storedProposalName({ sheet: "Reunification (CFS)", proposal: { opportunity: { name: "Reunification" } }, fyLabels: [] })
 * // "Reunification"
 */
export function storedProposalName(p: StoredProposal): string {
  const name = (p.proposal.opportunity as { name?: unknown } | undefined)?.name;
  return typeof name === "string" && name.trim() !== "" ? name.trim() : p.sheet;
}

/**
 * The proposal the register already holds under `name`, with the sheet that holds it now (a rename not yet
 * followed by a refresh gives the new name), or undefined.
 *
 * @example
 * heldProposal(register, renames, "Reunification") // { name: "Reunification", sheet: "Reunification (CFS)" }
 */
export function heldProposal(
  register: Register,
  renames: readonly SheetRename[],
  name: string,
): { readonly name: string; readonly sheet: string } | undefined {
  const key = proposalNameKey(name);
  const held = register.proposals.find((p) => proposalNameKey(storedProposalName(p)) === key);
  return held && { name: storedProposalName(held), sheet: currentSheetName(renames, held.sheet) };
}

/**
 * The refusal `new` (and the pane's add) gives a proposal already in the workbook: where it is now. Each
 * caller adds how to change it there in its own words (the CLI's refresh, the pane's Edit).
 *
 * @example
 * alreadyHeldMessage({ name: "Reunification", sheet: "Reunification (CFS)" })
 * // 'a proposal named "Reunification" is already in the workbook, on sheet "Reunification (CFS)" (adding it again would count it twice)'
 */
export function alreadyHeldMessage(held: { readonly name: string; readonly sheet: string }): string {
  return `a proposal named "${held.name}" is already in the workbook, on sheet "${held.sheet}" (adding it again would count it twice)`;
}

/**
 * What to do about a sheet name taken by a sheet that is not a proposal (`holder` "mtfs" or "other"), the
 * same words in the CLI and the pane; a proposal's holder gets each caller's own advice (how to edit it there).
 *
 * @example
 * sheetTakenAdvice("mtfs") // "MTFS Benefits keeps its own figures on that sheet: give this proposal another opportunity name."
 */
export function sheetTakenAdvice(holder: "mtfs" | "other"): string {
  return holder === "mtfs"
    ? "MTFS Benefits keeps its own figures on that sheet: give this proposal another opportunity name."
    : "That sheet is not a proposal sheet (MTFS Benefits did not write it): to add this proposal, give it another opportunity name, or rename that sheet.";
}

/**
 * Warnings for proposal names carried twice: by two registered proposal sheets, or by two Programme rows
 * (one of them typed in by hand over another proposal's name), since the totals then count it twice.
 *
 * @example
 * duplicateNameWarnings(register)
 * // ['"Reunification" is on two proposal sheets, "Reunification" and "Reunification (2)": …']
 */
export function duplicateNameWarnings(register: Register): string[] {
  const out: string[] = [];
  const bySheets = new Map<string, { name: string; sheets: string[] }>();
  for (const p of register.proposals) {
    const name = storedProposalName(p);
    const entry = bySheets.get(proposalNameKey(name)) ?? { name, sheets: [] };
    entry.sheets.push(p.sheet);
    bySheets.set(proposalNameKey(name), entry);
  }
  for (const { name, sheets } of bySheets.values())
    if (sheets.length > 1)
      out.push(
        `"${name}" is on ${sheets.length} proposal sheets, ${sheets.map((s) => `"${s}"`).join(" and ")}: ` +
          `the Programme's totals count it ${sheets.length} times; delete the sheets (and Programme rows) ` +
          `that repeat it`,
      );
  // Rows of one directorate's block under one name, or two rows linked to one sheet. Blocks of different
  // directorates may share a name (each directorate's "Commissioning for the Future").
  const config = register.programme as ProgrammeConfig | undefined;
  const rows = new Map<string, { name: string; where: string; count: number }>();
  for (const d of config?.directorates ?? [])
    for (const r of d.rows) {
      for (const key of [
        `${d.directorate}\u0000${proposalNameKey(r.opportunity)}`,
        ...(r.proposalSheet ? [`\u0001${r.proposalSheet}`] : []),
      ]) {
        const entry = rows.get(key) ?? { name: r.opportunity.trim(), where: d.directorate, count: 0 };
        entry.count++;
        rows.set(key, entry);
      }
    }
  const said = new Set<string>();
  for (const [key, { name, where, count }] of rows) {
    // Rows of sheets that repeat a name were reported with the sheets; a row pair found twice is said once.
    if (count < 2 || (bySheets.get(proposalNameKey(name))?.sheets.length ?? 0) > 1) continue;
    const text = key.startsWith("\u0001")
      ? `the Programme links ${count} rows to proposal sheet "${key.slice(1)}": the totals count it ${count} times; delete the rows that repeat it`
      : `"${name}" is on ${count} Programme rows in ${where}: the totals count it ${count} times; delete the rows that repeat it`;
    if (said.has(name) && key.startsWith("\u0001")) continue;
    said.add(name);
    out.push(text);
  }
  return out;
}
