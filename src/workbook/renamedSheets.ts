import { sheetRef } from "./address";
import { anchorPrefix, placeAddress, renameSheetInFormula, type Placements } from "./anchors";
import { PROGRAMME_SHEET, programmeSheetLayout } from "./layouts/programmeSheet";
import type { ProgrammeConfig } from "./layouts/programmeConfig";
import { assumptionName, RESERVED_SHEETS } from "./names";
import type { DefinedName, WorkbookPort } from "./port";
import { storedSlug } from "./proposals";
import { ownedKey, type OwnedRecord, type Register } from "./register";

/**
 * Following a proposal sheet the user renamed. Excel and LibreOffice move a sheet's defined names and the
 * formulas that read it along with a rename, so the sheet is found by its own names (its anchors, its named
 * assumptions) when its registered name is gone; the register is then rewritten for the new name, and the
 * anchors, whose names spell the sheet's name, are defined again under it.
 */

/** One proposal sheet found under a new name. */
export interface SheetRename {
  readonly from: string;
  readonly to: string;
}

/**
 * The proposal sheets whose registered name is gone but whose own defined names all point at one other sheet
 * that no other proposal holds: renamed there. A sheet that is really deleted has no such names (a deleted
 * sheet's names point nowhere), so it is not listed.
 *
 * @example
 * renamedSheets(register, ["Programme", "Reunification CFS"], names)
 * // [{ from: "Reunification", to: "Reunification CFS" }]
 */
export function renamedSheets(
  register: Register,
  sheets: readonly string[],
  names: readonly DefinedName[],
): SheetRename[] {
  const present = new Set(sheets);
  const taken = new Set([
    ...register.proposals.map((p) => p.sheet.toLowerCase()),
    ...RESERVED_SHEETS.map((s) => s.toLowerCase()),
  ]);
  const out: SheetRename[] = [];
  for (const p of register.proposals) {
    if (present.has(p.sheet)) continue;
    const prefixes = [`${anchorPrefix(p.sheet)}_`, assumptionName(storedSlug(p), "")].map((x) =>
      x.toLowerCase(),
    );
    const own = names.filter((n) => prefixes.some((x) => n.name.toLowerCase().startsWith(x)));
    const targets = new Set(own.filter((n) => present.has(n.sheet)).map((n) => n.sheet));
    const [to] = targets;
    if (targets.size !== 1 || taken.has(to.toLowerCase()) || out.some((r) => r.to === to)) continue;
    out.push({ from: p.sheet, to });
  }
  return out;
}

/**
 * The register with a proposal sheet's name changed everywhere it is kept: the stored proposal, the owned
 * cells on it (and their owner), the formulas that read it, and the Programme rows that link to it.
 *
 * @example
 * renameInRegister(register, { from: "Reunification", to: "Reunification CFS" }).proposals[0].sheet
 */
export function renameInRegister(register: Register, { from, to }: SheetRename): Register {
  const owned = new Map<string, OwnedRecord>();
  for (const o of register.owned.values()) {
    const sheet = o.sheet === from ? to : o.sheet;
    const written =
      o.written.kind === "formula"
        ? { kind: "formula" as const, formula: renameSheetInFormula(o.written.formula, from, to) }
        : o.written;
    owned.set(ownedKey(sheet, o.address), {
      ...o,
      owner: o.owner === from ? to : o.owner,
      sheet,
      written,
    });
  }
  const config = register.programme as ProgrammeConfig | undefined;
  const programme = config?.directorates
    ? {
        ...config,
        directorates: config.directorates.map((d) => ({
          ...d,
          rows: d.rows.map((r) => (r.proposalSheet === from ? { ...r, proposalSheet: to } : r)),
        })),
      }
    : register.programme;
  return {
    ...register,
    owned,
    proposals: register.proposals.map((p) => (p.sheet === from ? { ...p, sheet: to } : p)),
    ...(programme === undefined ? {} : { programme }),
  };
}

/**
 * The renamed sheet's anchor names under its new name (same cells), to define in place of the old ones.
 *
 * @example
 * renamedAnchors(names, rename) // [{ name: "_mtfs_at_ReunificationCFS_…_r7", sheet: "Reunification CFS", address: "A7:N7" }, …]
 */
export function renamedAnchors(names: readonly DefinedName[], { from, to }: SheetRename): DefinedName[] {
  const old = `${anchorPrefix(from)}_`;
  return names
    .filter((n) => n.name.startsWith(old) && n.sheet === to)
    .map((n) => ({ ...n, name: `${anchorPrefix(to)}_${n.name.slice(old.length)}` }));
}

/**
 * Follows renamed proposal sheets: finds them, moves their anchors to names that spell the new sheet name
 * (unless `dryRun`), and gives the register as it must now read, with a line in words for each, and the
 * defined names as they now are (in a dry run, as they would be), to place the sheets by.
 *
 * @example
 * const { register, renames, messages } = await followRenamedSheets(port, register, { dryRun: false });
 * messages // ["Reunification's sheet is now 'Reunification CFS'; links follow it"]
 */
export async function followRenamedSheets(
  port: WorkbookPort,
  register: Register,
  { dryRun }: { readonly dryRun: boolean },
): Promise<{
  register: Register;
  renames: SheetRename[];
  messages: string[];
  names: readonly DefinedName[];
}> {
  const sheets = (await port.listSheets()).map((s) => s.name);
  let names: readonly DefinedName[] = await port.listNames();
  const renames = renamedSheets(register, sheets, names);
  let next = register;
  for (const r of renames) {
    next = renameInRegister(next, r);
    const moved = renamedAnchors(names, r);
    const newPrefix = `${anchorPrefix(r.to)}_`;
    const dropped = new Set(
      names
        .filter((n) => n.name.startsWith(`${anchorPrefix(r.from)}_`) || n.name.startsWith(newPrefix))
        .map((n) => n.name),
    );
    names = [...names.filter((n) => !dropped.has(n.name)), ...moved];
    if (dryRun) continue;
    await port.deleteNames([...dropped]);
    await port.defineNames(moved);
  }
  const messages = renames.map((r) => `${r.from}'s sheet is now '${r.to}'; links follow it`);
  return { register: next, renames, messages, names };
}

/**
 * The name a proposal sheet has now: a name from before a rename (an edit begun under it) gives the new one.
 *
 * @example
 * currentSheetName(renames, "Reunification") // "Reunification CFS"
 */
export function currentSheetName(renames: readonly SheetRename[], sheet: string): string {
  return renames.find((r) => r.from === sheet)?.to ?? sheet;
}

/**
 * Points the Programme's links to renamed sheets (its opportunity cells' hyperlinks) at the new names: a
 * spreadsheet moves formulas with a rename but not hyperlinks. The cell keeps what it shows; a cell the user
 * turned into a formula is left alone.
 *
 * @example
 * await relinkRenamedSheets(port, programme, placements, renames);
 */
export async function relinkRenamedSheets(
  port: WorkbookPort,
  programme: ProgrammeConfig | undefined,
  placements: Placements,
  renames: readonly SheetRename[],
): Promise<void> {
  const at = placements.get(PROGRAMME_SHEET);
  if (!programme || !at || !renames.length) return;
  const targets = new Set(renames.map((r) => `${sheetRef(r.to)}!A1`));
  const cells = programmeSheetLayout(programme).cells.flatMap((c) =>
    c.kind === "input" && c.link && targets.has(c.link)
      ? [{ address: placeAddress(at, c.address), link: c.link }]
      : [],
  );
  if (!cells.length) return;
  const current = await port.readCells(
    PROGRAMME_SHEET,
    cells.map((c) => c.address),
  );
  const writes = cells.flatMap((c, i) =>
    current[i].formula === undefined ? [{ address: c.address, value: current[i].value, link: c.link }] : [],
  );
  if (writes.length) await port.writeCells(PROGRAMME_SHEET, writes);
}
