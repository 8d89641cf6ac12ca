import { addProposal, readProposal, refreshWorkbook, updateProposal, type WorkbookPort } from "../workbook";
import type { RefreshReport, WriteResult } from "./host";

/**
 * The workbook-layer calls the taskpane makes, all through a `WorkbookPort`, so the same code runs over
 * Office.js in Excel and over ExcelJS in the standalone page. The layouts, the proposal sheet (the same one
 * the CLI's `new` writes), the Programme row and refresh all live in src/workbook; nothing is laid out here.
 */
export interface ProposalWorkbookOps {
  /** Writes the proposal's sheet, and its Programme row when the workbook has a Programme sheet. */
  writeProposal(port: WorkbookPort, raw: unknown): Promise<WriteResult>;
  /** Replaces the proposal on an existing proposal sheet (its input cells, then its owned cells and the programme). */
  updateProposal(port: WorkbookPort, sheet: string, raw: unknown): Promise<WriteResult>;
  /** The proposal JSON stored on a proposal sheet, or null when the sheet is not one. */
  readProposal(port: WorkbookPort, sheet: string): Promise<unknown>;
  refresh(port: WorkbookPort, onProgress: (done: number, total: number) => void): Promise<RefreshReport>;
}

/**
 * The workbook layer's operations, bound for the taskpane.
 *
 * @example
 * await WORKBOOK_OPS.writeProposal(port, cfsJson) // { sheetName: "CFS Targeted Prevention", programmeRowAdded: false }
 */
export const WORKBOOK_OPS: ProposalWorkbookOps = {
  // A name already taken is reworded by the host (portHost), which knows which controls the user has.
  writeProposal: (port, raw) => addProposal(port, raw),
  updateProposal: (port, sheet, raw) => updateProposal(port, sheet, raw),
  readProposal: (port, sheet) => readProposal(port, sheet),
  async refresh(port, onProgress) {
    const report = await refreshWorkbook(port, { onProgress });
    return {
      proposals: report.proposals,
      lines: [
        ...report.lines,
        ...report.errors.map((e) => ({
          proposal: e.proposal,
          label: "assumptions",
          cell: "(assumptions)",
          before: "",
          after: e.message,
          failed: true,
        })),
        ...report.warnings.map((w) => ({
          proposal: w.proposal,
          cell: "(check)",
          before: "",
          after: w.message,
          warning: true,
        })),
      ],
    };
  },
};
