import type { WorkbookPort } from "../workbook/port";
import { officeDraftStore } from "./draftStore";
import type { WorkbookHost } from "./host";
import { portHost } from "./portHost";
import { WORKBOOK_OPS } from "./workbookOps";

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

/**
 * The wizard's host inside Excel: the Office.js workbook port, drafts in the document's settings (so a draft
 * travels with the workbook), and the active worksheet as the proposal to edit.
 *
 * @example
 * const host = officeHost(new OfficePort());
 */
export function officeHost(port: WorkbookPort): WorkbookHost {
  return portHost(
    "excel",
    () => port,
    officeDraftStore(Office.context.document.settings),
    activeWorksheetName,
    WORKBOOK_OPS,
  );
}
