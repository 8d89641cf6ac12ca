import { isWorkbookError } from "../workbook/errors";
import { sheetTakenAdvice } from "../workbook/duplicateProposals";
import { atomically } from "../workbook/journal";
import type { WorkbookPort } from "../workbook/port";
import type { DraftStore, WorkbookHost, WorkbookIdentity } from "./host";
import { trackOps } from "./trackBridge";
import type { ProposalWorkbookOps } from "./workbookOps";

/** What the user can do when the proposal's name is already a sheet, in the controls this host has. */
const SHEET_EXISTS_ADVICE: Readonly<Record<WorkbookHost["kind"], string>> = {
  excel:
    "To change that proposal, select its sheet and press Edit active sheet (or edit its assumption cells and " +
    "use Refresh workbook); to add this one beside it, give it another name.",
  standalone:
    "To change that proposal, open the workbook saved with that sheet selected (the wizard then edits it), or " +
    "edit its assumption cells and use Refresh workbook; to add this one beside it, give it another name.",
};

/** Where a host's port, drafts, active sheet and workbook identity come from. */
export interface PortHostParts {
  readonly port: () => WorkbookPort;
  readonly drafts: DraftStore;
  readonly activeSheet: () => Promise<string | null>;
  readonly workbook: () => WorkbookIdentity;
  readonly ops: ProposalWorkbookOps;
}

/**
 * A host over any `WorkbookPort`: Excel (Office.js port) and the standalone page (ExcelJS port) differ only in
 * the port, where drafts are kept, how the active sheet is found and how the workbook is identified.
 *
 * @example
 * const host = portHost("standalone", { port: () => port, drafts: localDraftStore(localStorage),
 *   activeSheet: async () => null, workbook: () => ({ id: "file:demo.xlsx", name: "demo.xlsx" }), ops });
 */
export function portHost(kind: WorkbookHost["kind"], parts: PortHostParts): WorkbookHost {
  const { port, drafts, activeSheet, workbook, ops } = parts;
  return {
    kind,
    drafts,
    workbook,
    async isProposalSheet(sheet) {
      const raw = await ops.readProposal(port(), sheet);
      return raw !== null && raw !== undefined;
    },
    async readActiveProposal() {
      const sheet = await activeSheet();
      if (sheet === null) return null;
      const raw = await ops.readProposal(port(), sheet);
      return raw === null || raw === undefined ? null : { sheet, raw };
    },
    async writeProposal(raw) {
      try {
        return await atomically(port(), (p) => ops.writeProposal(p, raw));
      } catch (e) {
        if (isWorkbookError(e) && e.code === "sheet-exists") {
          // A sheet that is not a proposal has nothing to edit: the shared advice for it instead.
          const advice =
            e.holder === "mtfs" || e.holder === "other"
              ? sheetTakenAdvice(e.holder)
              : SHEET_EXISTS_ADVICE[kind];
          throw new Error(`${e.message}. ${advice}`);
        }
        throw e;
      }
    },
    // Each write is all or nothing: a workbook call failing part-way undoes the ones before it (journal.ts).
    updateProposal: (sheet, raw) => atomically(port(), (p) => ops.updateProposal(p, sheet, raw)),
    refresh: (onProgress) => atomically(port(), (p) => ops.refresh(p, onProgress)),
    track: trackOps(port),
  };
}
