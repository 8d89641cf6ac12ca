import type { WorkbookPort } from "../workbook/port";
import type { DraftStore, WorkbookHost } from "./host";
import type { ProposalWorkbookOps } from "./workbookOps";

/**
 * A host over any `WorkbookPort`: Excel (Office.js port) and the standalone page (ExcelJS port) differ only in
 * the port, where drafts are kept and how the active sheet is found.
 *
 * @example
 * const host = portHost("standalone", () => port, localDraftStore(localStorage), async () => null, ops);
 */
export function portHost(
  kind: WorkbookHost["kind"],
  port: () => WorkbookPort,
  drafts: DraftStore,
  activeSheet: () => Promise<string | null>,
  ops: ProposalWorkbookOps,
): WorkbookHost {
  return {
    kind,
    drafts,
    async readActiveProposal() {
      const sheet = await activeSheet();
      if (sheet === null) return null;
      const raw = await ops.readProposal(port(), sheet);
      return raw === null || raw === undefined ? null : { sheet, raw };
    },
    writeProposal: (raw) => ops.writeProposal(port(), raw),
    updateProposal: (sheet, raw) => ops.updateProposal(port(), sheet, raw),
    refresh: (onProgress) => ops.refresh(port(), onProgress),
  };
}
