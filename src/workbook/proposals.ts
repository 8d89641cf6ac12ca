import { codeInBrackets, type OptimismBiasTable } from "../engine";
import { modelProposal, type ModelledProposal } from "./engineLink";
import { inputJson } from "./cellValues";
import { WorkbookError, type SheetHolder } from "./errors";
import { getPath, setPath } from "./jsonPath";
import { tornadoRowsFor } from "./layouts/tornadoBlock";
import { measureColumnsFor } from "./layouts/profileBreakdown";
import { proposalSheetLayout, type ProposalSheetLayout } from "./layouts/proposalSheet";
import type { LinkedProposal } from "./layouts/programmeSheet";
import {
  nameSlug,
  proposalSheetName,
  RESERVED_SHEETS,
  sheetNameNote,
  uniqueSheetName,
  uniqueSlug,
} from "./names";
import type { CellScalar, WorkbookPort } from "./port";
import type { StoredProposal } from "./register";
import type { GreenBookParameters } from "./parameters";
import { placeAddress, type SheetPlacement } from "./anchors";
import type { InputType } from "./layouts/types";
import { RISK_SHEET } from "./layouts/riskSheet";
import { TRACKING_SHEET } from "./layouts/trackingSheet";
import { HISTORY_SHEET } from "./layouts/historySheet";
import { DASHBOARD_SHEET } from "./layouts/dashboardSheet";
import { DEMAND_SHEET } from "./layouts/demandSheet";

/**
 * Proposal sheets: building one from proposal JSON, and reading the proposal back from its cells.
 */

type Json = Readonly<Record<string, unknown>>;

/**
 * A proposal JSON object, checked to be an object (the engine checks the rest).
 *
 * @example
 * asProposalJson([]) // throws WorkbookError "proposal: must be a JSON object"
 */
export function asProposalJson(raw: unknown): Json {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new WorkbookError("not-a-proposal-sheet", "proposal: must be a JSON object");
  }
  return raw as Json;
}

/**
 * What the register keeps of a proposal: everything except the narrative, which lives only in the cells.
 *
 * @example
 * storedPart({ opportunity: { name: "X" }, narrative: { risks: "…" } }) // { opportunity: { name: "X" } }
 */
export function storedPart(proposal: Json): Json {
  const rest: Record<string, unknown> = { ...proposal };
  delete rest.narrative;
  return rest;
}

/** A proposal sheet's layout, computed results included, plus what the Programme links to. */
export interface PlannedProposal {
  readonly stored: StoredProposal;
  readonly modelled: ModelledProposal;
  readonly layout: ProposalSheetLayout;
  readonly linked: LinkedProposal;
  /** Why the sheet is not called what the opportunity is (shortened, suffixed, …), in words; absent when it is. */
  readonly sheetNote?: string;
}

/** What a new proposal sheet must not clash with. */
export interface TakenNames {
  /** Slugs of the proposals already in the workbook (see `uniqueSlug`). */
  readonly slugs?: readonly string[];
  /** Every defined name already in the workbook. */
  readonly names?: readonly string[];
  /** The sheets proposals are on now (a clash with one of them is with a proposal). */
  readonly proposalSheets?: readonly string[];
}

/** Sheets MTFS Benefits writes its own figures on, besides the proposals' (RESERVED_SHEETS and the rest). */
const ADD_IN_SHEETS = [
  ...RESERVED_SHEETS,
  RISK_SHEET,
  TRACKING_SHEET,
  HISTORY_SHEET,
  DASHBOARD_SHEET,
  DEMAND_SHEET,
].map((s) => s.toLowerCase());

/**
 * What holds the sheet name `sheet` (case as Excel compares it): a proposal, the add-in, or the user.
 *
 * @example
 * sheetHolder("Programme", []) // "mtfs"
 */
export function sheetHolder(sheet: string, proposalSheets: readonly string[]): SheetHolder {
  const key = sheet.toLowerCase();
  if (proposalSheets.some((s) => s.toLowerCase() === key)) return "proposal";
  return ADD_IN_SHEETS.includes(key) ? "mtfs" : "other";
}

/**
 * Models a proposal and lays out its sheet (nothing is written). The sheet name must be free and the
 * sheet's defined names get a slug no other proposal or defined name uses, so writing it cannot clash.
 *
 * @example
 * planProposal(cfsJson, []).layout.sheet // "CFS Targeted Prevention"
 */
export function planProposal(
  raw: unknown,
  existingSheets: readonly string[],
  taken: TakenNames = {},
  table?: OptimismBiasTable,
  greenBook?: GreenBookParameters,
): PlannedProposal {
  const proposal = asProposalJson(raw);
  const modelled = modelProposal(proposal, table, greenBook);
  const name = (proposal.opportunity as { name?: unknown } | undefined)?.name;
  const named = proposalSheetName(typeof name === "string" ? name : "");
  const sheets = [...existingSheets, ...RESERVED_SHEETS];
  const clashed = sheets.some((s) => s.toLowerCase() === named.toLowerCase()) ? named : undefined;
  const holder = clashed === undefined ? undefined : sheetHolder(clashed, taken.proposalSheets ?? []);
  // Another proposal's sheet (the caller refuses the same proposal before this): this one gets a sheet of
  // its own. A sheet the user or the add-in keeps is not renamed around: the user chooses.
  if (holder !== undefined && holder !== "proposal") {
    throw new WorkbookError("sheet-exists", `a sheet named "${named}" is already in the workbook`, holder);
  }
  const sheet = clashed === undefined ? named : uniqueSheetName(named, sheets);
  const sheetNote = sheetNameNote(typeof name === "string" ? name : "", sheet, clashed);
  const slug = uniqueSlug(sheet, taken.slugs ?? [], taken.names ?? []);
  const fyLabels = modelled.profile.years.map((y) => y.label);
  const tornadoRows = tornadoRowsFor(modelled.sensitivity);
  const measureColumns = measureColumnsFor(proposal, modelled.proposal);
  const layout = proposalSheetLayout({
    sheet,
    proposal,
    fyLabels,
    modelled,
    slug,
    fitTexts: true,
    assumptionsInWords: true,
    greenBook: true,
    tornadoRows,
    measureColumns,
  });
  return {
    stored: {
      sheet,
      proposal: storedPart(proposal),
      fyLabels,
      slug,
      ...textRowsOf(layout),
      assumptionsInWords: true,
      greenBook: true,
      ...(tornadoRows > 0 ? { tornadoRows } : {}),
      measureColumns,
    },
    modelled,
    layout,
    linked: linkedProposal(layout, modelled),
    ...(sheetNote === undefined ? {} : { sheetNote }),
  };
}

/**
 * What the register keeps of a layout's split texts: `{ textRows }` when a text takes more than one row.
 *
 * @example
 * textRowsOf(layout) // { textRows: { "narrative.proposedSolutions": 2 } }
 */
export function textRowsOf(layout: ProposalSheetLayout): { textRows?: Readonly<Record<string, number>> } {
  return Object.keys(layout.textRows).length ? { textRows: layout.textRows } : {};
}

/**
 * The slug a stored proposal's defined names use.
 *
 * @example
 * storedSlug({ sheet: "CFS Targeted Prevention", proposal: {}, fyLabels: [] }) // "CFSTargetedPrevention"
 */
export function storedSlug(stored: StoredProposal): string {
  return stored.slug ?? nameSlug(stored.sheet);
}

/**
 * What the Programme sheet needs from a laid-out proposal sheet.
 *
 * @example
 * linkedProposal(layout, modelled).mtfsRowAddress.get("FY29/30")
 */
export function linkedProposal(layout: ProposalSheetLayout, modelled?: ModelledProposal): LinkedProposal {
  return {
    mtfsRowAddress: layout.mtfsRowAddress,
    riskAdjustedRowAddress: layout.riskAdjustedRowAddress,
    confidenceAddress: layout.confidenceAddress,
    timeToRunRateAddress: layout.timeToRunRateAddress,
    timeToRunRateYears: modelled ? modelled.profile.timeToFullRunRateYears.toNumber() : null,
    ...(layout.greenBook ? { greenBook: layout.greenBook } : {}),
  };
}

/**
 * The proposal JSON of a proposal sheet: the stored proposal with every input cell's current value put back
 * (assumptions, triangulation, opportunity and narrative as the user left them), each in the form the JSON
 * uses whatever the spreadsheet stored (a date serial as "2026-09-01", "8%" as 0.08, "1,338" as 1338), read
 * where `placement` says the cells are now (where they were laid out when absent).
 *
 * @example
 * const raw = await readProposalSheet(port, stored); raw.assumptions.durationWeeks // 153.1
 */
export async function readProposalSheet(
  port: WorkbookPort,
  stored: StoredProposal,
  placement?: SheetPlacement,
): Promise<Json> {
  const layout = proposalSheetLayout(stored);
  const inputs = layout.cells.filter((c) => c.kind === "input");
  const values = await port.readCells(
    stored.sheet,
    inputs.map((c) => (placement ? placeAddress(placement, c.address) : c.address)),
  );
  const date1904 = await port.usesDate1904();
  // A text split over rows is one field: its parts, in row order, joined by line breaks.
  const byPath = new Map<string, { cell: (typeof inputs)[number]; parts: CellScalar[] }>();
  inputs.forEach((c, i) => {
    const field = byPath.get(c.path);
    if (field && c.kind === "input" && c.part) field.parts.push(values[i].value);
    else byPath.set(c.path, { cell: c, parts: [values[i].value] });
  });
  let proposal: Json = stored.proposal;
  for (const [path, { cell: c, parts }] of byPath) {
    const value =
      parts.length > 1
        ? parts
            .map((v) => (v === null ? "" : String(v).trim()))
            .filter((v) => v !== "")
            .join("\n")
        : parts[0];
    if (c.kind !== "input") continue;
    const json = inputJson(value, c.type, date1904);
    // A dropdown in words holds a word; the JSON keeps its code (a typed code passes as it is).
    const code =
      c.codes && typeof json === "string"
        ? (c.codes[json.toLowerCase()] ?? codeInBrackets(json, Object.values(c.codes)) ?? json)
        : json;
    // A stored "0%" reads back as 0: the stored form is kept when it means the same, so an unedited sheet
    // refreshes to the same register (and the file is not rewritten).
    const before = getPath(stored.proposal, path);
    if (sameInput(before, code, c.type, date1904)) continue;
    // A cleared cell is kept as null, not dropped: the engine reads null as absent (an optional amount as
    // none, a required one refused by its path), and the field keeps its row, so the sheet's layout (and
    // every block below it) stays where it was written.
    proposal = setPath(proposal, path, code === undefined ? null : code);
  }
  return proposal;
}

/** Whether a stored JSON value reads as the same input as the cell's value (`"0%"` and `0` for a percent). */
function sameInput(before: unknown, after: unknown, type: InputType | undefined, date1904: boolean): boolean {
  if (before === after) return true;
  // A blank cell over a field already cleared (null) is the same blank.
  if (before === null && after === undefined) return true;
  if (typeof before !== "string" && typeof before !== "number") return false;
  return inputJson(before, type, date1904) === after;
}

/**
 * The first input cell a re-laid-out proposal sheet would put somewhere other than the sheet has it, in
 * words, or undefined when every input keeps its address. Refresh writes a layout made from the read-back
 * proposal over a sheet placed by the stored one: they must agree, or every block below would be written
 * over the wrong rows.
 *
 * @example
 * movedInput(proposalSheetLayout(stored), proposalSheetLayout({ ...stored, proposal: raw })) // undefined
 */
export function movedInput(before: ProposalSheetLayout, after: ProposalSheetLayout): string | undefined {
  const at = (layout: ProposalSheetLayout): Map<string, { address: string; label: string }> =>
    new Map(
      layout.cells.flatMap((c) =>
        c.kind === "input" && !c.part ? [[c.path, { address: c.address, label: c.label ?? c.path }]] : [],
      ),
    );
  const was = at(before);
  const now = at(after);
  for (const [path, cell] of was) {
    const moved = now.get(path);
    if (!moved) return `${cell.label} (${cell.address}) would lose its row`;
    if (moved.address !== cell.address)
      return `${cell.label} would move from ${cell.address} to ${moved.address}`;
  }
  for (const [path, cell] of now) {
    if (!was.has(path)) return `${cell.label} would take a new row at ${cell.address}`;
  }
  return undefined;
}
