/**
 * Problems with a workbook's shape (as opposed to bad proposal input, which is the engine's EngineError).
 * The CLI turns both into one line and exit code 2; the taskpane shows the message.
 */
export type WorkbookErrorCode =
  | "sheet-exists"
  | "name-exists"
  | "not-a-proposal-sheet"
  | "no-programme"
  | "bad-register"
  | "text-too-long"
  | "not-an-mtfs-workbook"
  | "would-lose"
  /** A reprofile needs actuals of avoided events, and there are none. */
  | "no-actuals"
  /** An actuals CSV with bad lines (actualsCsv.ts): nothing is imported. */
  | "bad-csv"
  /** Rows or columns the add-in uses were deleted (or moved) since it wrote the sheet: its anchors are gone. */
  | "sheet-moved"
  /** A workbook call failed part-way through a write (journal.ts says whether it was all undone). */
  | "write-failed"
  /** A cell write held NaN or Infinity (writeGuard.ts): nothing of that batch is written. */
  | "not-finite"
  /** A Parameters cell that cannot be used (parameters.ts): the formulas would read it, so nothing is written. */
  | "bad-parameters";

/**
 * What holds a sheet name a new proposal wants ("sheet-exists"): a proposal sheet, one of the sheets
 * MTFS Benefits keeps its own figures on (Programme, Risk, ...), or a sheet of the user's own. Each asks for
 * other advice.
 */
export type SheetHolder = "proposal" | "mtfs" | "other";

export class WorkbookError extends Error {
  readonly code: WorkbookErrorCode;
  /** For "sheet-exists": what holds the name. */
  readonly holder?: SheetHolder;

  constructor(code: WorkbookErrorCode, message: string, holder?: SheetHolder) {
    super(message);
    this.name = "WorkbookError";
    this.code = code;
    if (holder !== undefined) this.holder = holder;
  }
}

/**
 * True for the workbook layer's own errors.
 *
 * @example
 * isWorkbookError(new WorkbookError("sheet-exists", "…")) // true
 */
export function isWorkbookError(e: unknown): e is WorkbookError {
  return e instanceof WorkbookError;
}
