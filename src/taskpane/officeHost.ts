import type { WorkbookPort } from "../workbook/port";
import { officeDraftStore, type OfficeSettingsLike } from "./draftStore";
import type { WorkbookHost, WorkbookIdentity } from "./host";
import { portHost } from "./portHost";
import { WORKBOOK_OPS } from "./workbookOps";

/** Settings key of the id that tells this workbook's drafts from another's (kept beside the draft). */
const WORKBOOK_ID_KEY = "mtfs-benefits.workbook-id";

/**
 * The name of the worksheet the user is on in Excel.
 *
 * @example
 * await activeWorksheetName() // "CFS Targeted Prevention"
 */
export async function activeWorksheetName(): Promise<string | null> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name");
    await context.sync();
    return sheet.name;
  });
}

/** A random id; not a secret, only to tell workbooks apart. */
function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** The file name at the end of a document URL or path ("" for a workbook never saved). */
function fileNameOf(url: string | null | undefined): string {
  if (!url) return "";
  const last = url.split(/[\\/]/).pop() ?? "";
  try {
    return decodeURIComponent(last.split(/[?#]/)[0]);
  } catch {
    return last;
  }
}

/**
 * This workbook's identity: an id kept in the document's settings (set in memory on first use and saved with
 * the next draft save, so no extra `saveAsync`), named after the file (`Office.context.document.url`).
 *
 * @example
 * officeWorkbookIdentity(settings, "https://x/sites/f/MTFS%202026.xlsx") // { id: "…", name: "MTFS 2026.xlsx" }
 */
export function officeWorkbookIdentity(
  settings: OfficeSettingsLike,
  url: string | null | undefined,
): WorkbookIdentity {
  let id = settings.get(WORKBOOK_ID_KEY);
  if (typeof id !== "string" || id === "") {
    id = newId();
    settings.set(WORKBOOK_ID_KEY, id);
  }
  return { id: id as string, name: fileNameOf(url) || "this workbook (not saved yet)" };
}

/**
 * The wizard's host inside Excel: the Office.js workbook port, drafts in the document's settings (so a draft
 * travels with the workbook), and the active worksheet as the proposal to edit.
 *
 * @example
 * const host = officeHost(new OfficePort());
 */
export function officeHost(port: WorkbookPort): WorkbookHost {
  const settings = Office.context.document.settings as unknown as OfficeSettingsLike;
  return portHost("excel", {
    port: () => port,
    drafts: officeDraftStore(settings),
    activeSheet: activeWorksheetName,
    workbook: () => officeWorkbookIdentity(settings, Office.context.document.url),
    ops: WORKBOOK_OPS,
  });
}
