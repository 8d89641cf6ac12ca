import { parseAddress } from "./address";
import { lostAnchors, placeAddress, referencedCells, type Placements } from "./anchors";
import type { SheetLayout } from "./layouts/types";
import type { DefinedName, WorkbookPort } from "./port";
import type { OwnedRecord } from "./register";

/**
 * Links into deleted cells. When a proposal sheet is refused (rows or columns its layout uses were deleted),
 * the cells that link to it from other sheets are left alone, which is right only while they still point at
 * the cells they were laid out to. A link to a deleted row or column points nowhere (Excel: `#REF!`), or at
 * another row (LibreOffice revives a deleted reference when rows are later inserted above it), so the sheets
 * holding such links must not be refreshed from them.
 */

/** An owned cell whose formula links to a cell of another sheet whose row or column was deleted. */
export interface LostLink {
  /** The linking cell: its sheet and where it is now. */
  readonly sheet: string;
  readonly address: string;
  /** The refused sheet and the cell the link was laid out to (a layout address). */
  readonly target: string;
  readonly targetAddress: string;
}

/**
 * Owned cells of `owner` whose last-written formula refers to a row or column of a `refused` layout whose
 * anchor is gone (found from the register, so `#REF!` in the cell or a reference the spreadsheet moved
 * elsewhere are caught alike). A cell the user has since typed a value into (a hand edit, kept) is no link.
 *
 * @example
 * await linksToDeletedCells(port, owned, "programme", [cfsLayout], names, placements)
 * // [{ sheet: "Programme", address: "G13", target: "CFS Targeted Prevention", targetAddress: "J40" }, ...]
 */
export async function linksToDeletedCells(
  port: WorkbookPort,
  owned: ReadonlyMap<string, OwnedRecord>,
  owner: string,
  refused: readonly SheetLayout[],
  names: ReadonlyMap<string, DefinedName>,
  placements: Placements,
): Promise<LostLink[]> {
  const lost = new Map(refused.map((l) => [l.sheet, lostAnchors(l, names)] as const));
  const found: LostLink[] = [];
  for (const o of owned.values()) {
    if (o.owner !== owner || o.written.kind !== "formula" || lost.has(o.sheet)) continue;
    const ref = referencedCells(o.written.formula, o.sheet).find(({ sheet, address }) => {
      const gone = lost.get(sheet);
      if (!gone) return false;
      const { row, column } = parseAddress(address);
      return gone.rows.has(row) || gone.columns.has(column);
    });
    if (!ref) continue;
    const p = placements.get(o.sheet);
    found.push({
      sheet: o.sheet,
      address: p ? placeAddress(p, o.address) : o.address,
      target: ref.sheet,
      targetAddress: ref.address.replace(/\$/g, ""),
    });
  }
  // In reading order, so the report names the first such cell a user would see.
  const order = (a: string): [number, number] => {
    const { row, column } = parseAddress(a);
    return [row, column];
  };
  found.sort((a, b) => {
    const [ra, ca] = order(a.address);
    const [rb, cb] = order(b.address);
    return ra - rb || ca - cb;
  });
  const out: LostLink[] = [];
  for (const sheet of new Set(found.map((f) => f.sheet))) {
    const here = found.filter((f) => f.sheet === sheet);
    const cells = await port.readCells(
      sheet,
      here.map((f) => f.address),
    );
    out.push(...here.filter((_, i) => cells[i].formula !== undefined));
  }
  return out;
}

/**
 * The report's words for links into deleted cells: per refused sheet, the first link and how many more.
 *
 * @example
 * lostLinksMessage(links)
 * // "Programme!G13 links to 'CFS Targeted Prevention'!J40 as laid out, which was deleted (and 9 more cells to rows or columns deleted there)"
 */
export function lostLinksMessage(links: readonly LostLink[]): string {
  return [...new Set(links.map((l) => l.target))]
    .map((target) => {
      const to = links.filter((l) => l.target === target);
      const [first] = to;
      const more = to.length - 1;
      const quoted = `'${target.replace(/'/g, "''")}'`;
      return `${first.sheet}!${first.address} links to ${quoted}!${first.targetAddress} as laid out, which was deleted${
        more ? ` (and ${more} more cell${more === 1 ? "" : "s"} to rows or columns deleted there)` : ""
      }`;
    })
    .join("; ");
}
