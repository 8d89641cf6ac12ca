/**
 * "The workbook I'm attached to": everything the wizard needs from its host, with one implementation per
 * workbook adapter (Office.js in Excel, ExcelJS in the standalone page). The UI never touches a workbook directly.
 */

import type { ChangeReportLine, RefreshReport as WorkbookRefreshReport } from "../workbook";

export type { ChangeReportLine };

/** What the wizard shows of a refresh: the workbook layer's report, display lines only. */
export type RefreshReport = Pick<WorkbookRefreshReport, "proposals" | "lines">;

export interface WriteResult {
  readonly sheetName: string;
  readonly programmeRowAdded: boolean;
}

/** A proposal read back from its sheet for editing. */
export interface ActiveProposal {
  readonly sheet: string;
  readonly raw: unknown;
}

/** Where an unfinished proposal is kept between sessions. */
export interface DraftStore {
  load(): unknown;
  save(draft: unknown): void;
  clear(): void;
}

export interface WorkbookHost {
  readonly kind: "excel" | "standalone";
  readonly drafts: DraftStore;
  /** The proposal on the active sheet (contract JSON) and the sheet's name when it is a proposal sheet, else null. */
  readActiveProposal(): Promise<ActiveProposal | null>;
  /** Adds the proposal's sheet, and its Programme row when the workbook has a Programme sheet. */
  writeProposal(raw: unknown): Promise<WriteResult>;
  /** Replaces the proposal on an existing proposal sheet (Finish after editing it); the programme follows. */
  updateProposal(sheet: string, raw: unknown): Promise<WriteResult>;
  /** Recomputes every proposal sheet, reporting progress as (done, total). */
  refresh(onProgress: (done: number, total: number) => void): Promise<RefreshReport>;
}
