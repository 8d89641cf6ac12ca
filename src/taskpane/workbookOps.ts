import type { WorkbookPort } from "../workbook/port";
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
