import { computeProfile, toPounds } from "../engine";
import type { CellWrite, WorkbookPort } from "../workbook/port";
import { ENGINE } from "./engineBridge";
import type { RefreshReport, WriteResult } from "./host";

/**
 * The workbook-layer calls the taskpane makes, all through a `WorkbookPort`, so the same code runs over
 * Office.js in Excel and over ExcelJS in the standalone page.
 *
 * TEMPORARY (helper E): helper D's writer / reader / refresh (src/workbook) are not committed yet. Until they are,
 * `writeProposal` writes a minimal proposal sheet (name, FY, in-year, cumulative) from the engine's profile and
 * `readProposal`/`refresh` report nothing. Replace each body with D's function as it lands.
 */
export interface ProposalWorkbookOps {
  writeProposal(port: WorkbookPort, raw: unknown): Promise<WriteResult>;
  /** The proposal JSON stored on a proposal sheet, or null when the sheet is not one. */
  readProposal(port: WorkbookPort, sheet: string): Promise<unknown>;
  refresh(port: WorkbookPort, onProgress: (done: number, total: number) => void): Promise<RefreshReport>;
}

const MILLIONS = '"£"#,##0.00,,"m";-"£"#,##0.00,,"m"';

function sheetNameFor(name: string): string {
  return (
    name
      .replace(/[[\]:*?/\\]/g, " ")
      .trim()
      .slice(0, 31) || "Proposal"
  );
}

/** TEMPORARY stub: see the note at the top of this file. */
export const WORKBOOK_OPS: ProposalWorkbookOps = {
  async writeProposal(port, raw) {
    const proposal = ENGINE.parse(raw);
    const profile = computeProfile(proposal.assumptions);
    const sheetName = sheetNameFor(proposal.opportunity.name);
    const sheets = await port.listSheets();
    if (!sheets.some((s) => s.name === sheetName)) await port.addSheet(sheetName);
    const writes: CellWrite[] = [
      { address: "A1", value: "Benefits Proposal", style: { bold: true, fontSize: 14 } },
      { address: "A2", value: "Opportunity Name:" },
      { address: "B2", value: proposal.opportunity.name },
      { address: "A4", value: "Benefits profile over the MTFS", style: { bold: true } },
      { address: "B4", value: "In-year spend reduction" },
      { address: "C4", value: "Cumulative benefit" },
      ...profile.years.flatMap((y, i): CellWrite[] => [
        { address: `A${5 + i}`, value: y.label },
        { address: `B${5 + i}`, value: toPounds(y.inYear), numberFormat: MILLIONS },
        { address: `C${5 + i}`, value: toPounds(y.cumulative), numberFormat: MILLIONS },
      ]),
    ];
    await port.writeCells(sheetName, writes);
    return { sheetName, programmeRowAdded: false };
  },
  async readProposal() {
    return null;
  },
  async refresh(_port, onProgress) {
    onProgress(1, 1);
    return { proposals: 0, lines: [] };
  },
};
