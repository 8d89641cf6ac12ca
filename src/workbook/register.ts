import { cellAddress } from "./address";
import { WorkbookError } from "./errors";
import type { CellScalar, CellWrite, WorkbookPort } from "./port";

/**
 * The add-in's ownership register, kept in a hidden `_mtfs` sheet so it travels with the file and works the
 * same through ExcelJS and Office.js. It records, for every cell the add-in owns, which layout and proposal
 * own it and what was last written there (so refresh can tell a hand edit from its own output), plus the
 * stored proposal JSON and the programme's row list.
 */

export const REGISTER_SHEET = "_mtfs";
const CHUNK = 30000; // below Excel's 32,767 characters per cell
/**
 * Version 2: owned addresses and written formulas are layout addresses (where the layout put the cell; the
 * sheet's anchor names say where that is now). Version 1 stored the addresses cells had when written, which
 * are the layout addresses of a sheet nobody has moved, so a version 1 register reads unchanged.
 */
const FORMAT_VERSION = "mtfs-register-2";

/** What the add-in last wrote into a cell: a literal value or a formula (without "="). */
export type Written =
  | { readonly kind: "value"; readonly value: CellScalar }
  | { readonly kind: "formula"; readonly formula: string };

export interface OwnedRecord {
  /** Proposal sheet name, or "programme" for the programme sheets. */
  readonly owner: string;
  readonly layoutId: string;
  readonly sheet: string;
  /** Layout address (see `anchors.ts` for where it is now). */
  readonly address: string;
  /** What was written, formulas in layout addresses. */
  readonly written: Written;
}

export interface StoredProposal {
  readonly sheet: string;
  /** The proposal JSON as last read or written, minus the narrative (which lives in the cells). */
  readonly proposal: Readonly<Record<string, unknown>>;
  readonly fyLabels: readonly string[];
  /** Slug of the sheet's defined names, fixed when the sheet is created (absent in older workbooks: derived). */
  readonly slug?: string;
  /** Rows each text split over more than one row takes, by path, fixed when the sheet is laid out. */
  readonly textRows?: Readonly<Record<string, number>>;
  /** The assumptions are a table in words (absent on sheets written before: one row per JSON path). */
  readonly assumptionsInWords?: boolean;
  /** The sheet has the Green Book block (absent on sheets written before it). */
  readonly greenBook?: boolean;
  /** Rows of the sensitivity (tornado) block, fixed when the sheet is laid out (absent on sheets written before: none). */
  readonly tornadoRows?: number;
  /**
   * The measure columns of the profile's breakdown by stream id, fixed when the sheet is laid out (absent on
   * sheets written before: every measure the engine reports).
   */
  readonly measureColumns?: Readonly<Record<string, readonly string[]>>;
  /**
   * Accepted reprofiles (issue 15, history.ts): dated versions of the assumptions, oldest first. The approved
   * assumptions stay in `proposal`.
   */
  readonly versions?: readonly {
    readonly date: string;
    readonly reading: unknown;
    readonly description: string;
    readonly assumptions: Readonly<Record<string, unknown>>;
  }[];
}

/** A Demand sheet: its demand model as last read or written (demandSheetJson), which fixes its shape. */
export interface StoredDemand {
  readonly sheet: string;
  readonly model: Readonly<Record<string, unknown>>;
}

export interface Register {
  readonly owned: ReadonlyMap<string, OwnedRecord>;
  readonly proposals: readonly StoredProposal[];
  /** Demand sheets refresh recomputes (absent in older workbooks: none). */
  readonly demand?: readonly StoredDemand[];
  /** Programme configuration (row list, resource cost areas, themes), when the workbook has a Programme. */
  readonly programme?: unknown;
  /**
   * The manual row breaks the product put on a sheet whose earlier layout it cannot rebuild (Risk, Dashboard),
   * by sheet: the next run removes these and no other (absent in older workbooks: none recorded).
   */
  readonly breaks?: ReadonlyMap<string, readonly number[]>;
}

/**
 * Key of an owned cell in the register map.
 *
 * @example
 * ownedKey("Programme", "E5") // "Programme!E5"
 */
export function ownedKey(sheet: string, address: string): string {
  return `${sheet}!${address}`;
}

/** An empty register for a new workbook. */
export const EMPTY_REGISTER: Register = { owned: new Map(), proposals: [] };

/**
 * Whether the workbook is one MTFS Benefits made (it has the hidden register sheet).
 *
 * @example
 * await hasRegister(port) // false for a workbook the add-in never wrote to
 */
export async function hasRegister(port: WorkbookPort): Promise<boolean> {
  return (await port.listSheets()).some((s) => s.name === REGISTER_SHEET);
}

/** The message for a workbook without the register, which refresh leaves untouched. */
export const NOT_AN_MTFS_WORKBOOK = `not an MTFS workbook (no ${REGISTER_SHEET} register): nothing written`;

/**
 * Reads the register, or the empty register when the workbook has none.
 *
 * @example
 * const reg = await readRegister(port); reg.proposals.map((p) => p.sheet)
 */
export async function readRegister(port: WorkbookPort): Promise<Register> {
  const sheets = await port.listSheets();
  if (!sheets.some((s) => s.name === REGISTER_SHEET)) return EMPTY_REGISTER;
  const rows = await port.readUsedRange(REGISTER_SHEET);
  const owned = new Map<string, OwnedRecord>();
  const proposals: StoredProposal[] = [];
  const demand: StoredDemand[] = [];
  const breaks = new Map<string, readonly number[]>();
  let programme: unknown;
  const parse = (text: string, what: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new WorkbookError(
        "bad-register",
        `the hidden ${REGISTER_SHEET} sheet is damaged (${what}); rebuild the workbook with \`new\``,
      );
    }
  };
  for (const row of rows.slice(1)) {
    const kind = row[0]?.value;
    const joined = row
      .slice(5)
      .map((c) => (c.value === null ? "" : String(c.value)))
      .join("");
    if (kind === "owned") {
      const [owner, layoutId, sheet, address] = row.slice(1, 5).map((c) => String(c.value ?? ""));
      const written = parse(joined, `cell ${sheet}!${address}`) as Written;
      owned.set(ownedKey(sheet, address), { owner, layoutId, sheet, address, written });
    } else if (kind === "proposal") {
      proposals.push(parse(joined, "a proposal") as StoredProposal);
    } else if (kind === "programme") {
      programme = parse(joined, "the programme");
    } else if (kind === "demand") {
      demand.push(parse(joined, "a demand model") as StoredDemand);
    } else if (kind === "breaks") {
      const rows = parse(joined, `page breaks of ${String(row[1]?.value ?? "")}`);
      if (Array.isArray(rows)) breaks.set(String(row[1]?.value ?? ""), rows.filter(Number.isInteger));
    }
  }
  return {
    owned,
    proposals,
    programme,
    ...(demand.length ? { demand } : {}),
    ...(breaks.size ? { breaks } : {}),
  };
}

function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out.length ? out : [""];
}

/**
 * Writes the whole register (creating the hidden sheet if needed and blanking rows left over from before).
 *
 * @example
 * await writeRegister(port, { owned, proposals, programme });
 */
export async function writeRegister(port: WorkbookPort, register: Register): Promise<void> {
  const sheets = await port.listSheets();
  let previousRows = 0;
  let previousCols = 0;
  let old: Awaited<ReturnType<WorkbookPort["readUsedRange"]>> = [];
  if (!sheets.some((s) => s.name === REGISTER_SHEET)) {
    await port.addSheet(REGISTER_SHEET);
    await port.hideSheet(REGISTER_SHEET);
  } else {
    old = await port.readUsedRange(REGISTER_SHEET);
    previousRows = old.length;
    previousCols = old.reduce((m, r) => Math.max(m, r.length), 0);
  }
  const lines: string[][] = [["kind", "owner", "layout", "sheet", "address", FORMAT_VERSION]];
  for (const p of register.proposals)
    lines.push(["proposal", p.sheet, "", "", "", ...chunks(JSON.stringify(p))]);
  if (register.programme !== undefined) {
    lines.push(["programme", "", "", "", "", ...chunks(JSON.stringify(register.programme))]);
  }
  for (const d of register.demand ?? [])
    lines.push(["demand", d.sheet, "", "", "", ...chunks(JSON.stringify(d))]);
  for (const [sheet, rows] of register.breaks ?? [])
    lines.push(["breaks", sheet, "", "", "", JSON.stringify(rows)]);
  for (const o of register.owned.values()) {
    lines.push(["owned", o.owner, o.layoutId, o.sheet, o.address, JSON.stringify(o.written)]);
  }
  // An unchanged register is not written again: a refresh that changed nothing leaves the file as it was.
  const same = (v: unknown): unknown => (v === "" || v === undefined ? null : v);
  if (
    old.length === lines.length &&
    old.every((row, r) =>
      Array.from({ length: Math.max(row.length, lines[r].length) }, (_, c) => c).every(
        (c) => !row[c]?.formula && same(row[c]?.value) === same(lines[r][c]),
      ),
    )
  )
    return;
  const writes: CellWrite[] = [];
  const width = Math.max(previousCols, ...lines.map((l) => l.length));
  const height = Math.max(previousRows, lines.length);
  // A full rectangle (blanks included), which the Office adapter sends as one range.
  for (let r = 0; r < height; r++) {
    const line = lines[r] ?? [];
    for (let c = 0; c < width; c++)
      writes.push({ address: cellAddress(c + 1, r + 1), value: line[c] ?? null });
  }
  await port.writeCells(REGISTER_SHEET, writes);
}
