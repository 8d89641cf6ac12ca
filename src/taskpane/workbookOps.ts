import {
  addProposal,
  isWorkbookError,
  readProposal,
  refreshWorkbook,
  updateProposal,
  type WorkbookPort,
} from "../workbook";
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
  async writeProposal(port, raw) {
    try {
      return await addProposal(port, raw);
    } catch (e) {
      if (isWorkbookError(e) && e.code === "sheet-exists") {
        throw new Error(
          `${e.message}. To change that proposal, open its sheet and use Edit active sheet (or edit its assumption ` +
            "cells and use Refresh workbook); to add this one beside it, give it another name.",
        );
      }
      throw e;
    }
  },
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
      ],
    };
  },
};
