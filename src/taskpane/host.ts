/**
 * "The workbook I'm attached to": everything the wizard needs from its host, with one implementation per
 * workbook adapter (Office.js in Excel, ExcelJS in the standalone page). The UI never touches a workbook directly.
 */

import type { ChangeReportLine, RefreshReport as WorkbookRefreshReport } from "../workbook";
import type { TrackWorkbookOps } from "./trackBridge";

export type { ChangeReportLine };

/** What the wizard shows of a refresh: the workbook layer's report, display lines only. */
export type RefreshReport = Pick<WorkbookRefreshReport, "proposals" | "lines">;

export interface WriteResult {
  readonly sheetName: string;
  readonly programmeRowAdded: boolean;
  /** Why the sheet is not called what the opportunity is (shortened, suffixed, …), when it is not. */
  readonly sheetNote?: string;
}

/** A proposal read back from its sheet for editing. */
export interface ActiveProposal {
  readonly sheet: string;
  readonly raw: unknown;
}

/** Where an unfinished proposal is kept between sessions. */
export interface DraftStore {
  load(): unknown;
  /** Keeps the latest draft; where persisting has a cost (Excel: it clears Undo) only in memory. */
  save(draft: unknown): void;
  /**
   * Makes the kept draft survive a reload, only if it changed since the last time: true when something was
   * written. Rejects with the reason when the store could not write it.
   */
  persist(): Promise<boolean>;
  clear(): void;
}

/** Which workbook a draft belongs to: a stable id, and the name to show the user. */
export interface WorkbookIdentity {
  readonly id: string;
  readonly name: string;
}

export interface WorkbookHost {
  readonly kind: "excel" | "standalone";
  readonly drafts: DraftStore;
  /** The workbook the pane is attached to now (a draft editing a sheet remembers it). */
  workbook(): WorkbookIdentity;
  /** True when the workbook has a proposal sheet of that name (a draft's sheet may have gone since). */
  isProposalSheet(sheet: string): Promise<boolean>;
  /** The proposal on the active sheet (contract JSON) and the sheet's name when it is a proposal sheet, else null. */
  readActiveProposal(): Promise<ActiveProposal | null>;
  /** Adds the proposal's sheet, and its Programme row when the workbook has a Programme sheet. */
  writeProposal(raw: unknown): Promise<WriteResult>;
  /** Replaces the proposal on an existing proposal sheet (Finish after editing it); the programme follows. */
  updateProposal(sheet: string, raw: unknown): Promise<WriteResult>;
  /** Recomputes every proposal sheet, reporting progress as (done, total). */
  refresh(onProgress: (done: number, total: number) => void): Promise<RefreshReport>;
  /** The Track tab's reads and writes of the Tracking sheet (trackBridge.ts); absent: the tab only previews. */
  readonly track?: TrackWorkbookOps;
}
