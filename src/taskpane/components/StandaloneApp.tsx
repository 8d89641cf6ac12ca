import * as React from "react";
import type * as ExcelJSTypes from "exceljs";
import { Button } from "@fluentui/react-components";
import { EMPTY_PROGRAMME, ExcelJsPort, buildProgrammeWorkbook, loadXlsxPreserving } from "../../workbook";
import { localDraftStore } from "../draftStore";
import { portHost } from "../portHost";
import type { ProposalWorkbookOps } from "../workbookOps";
import { Wizard, type ExampleProposal, type WizardEngine } from "./Wizard";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface OpenBook {
  readonly workbook: ExcelJSTypes.Workbook;
  readonly fileName: string;
  /** Bumped on every open/new so the wizard remounts and looks at the new workbook's active sheet. */
  readonly generation: number;
}

/** The sheet selected when the file was saved, like Excel's active sheet. */
function activeSheetName(workbook: ExcelJSTypes.Workbook): string | null {
  const index = workbook.views?.[0]?.activeTab ?? 0;
  return workbook.worksheets[index]?.name ?? null;
}

/**
 * The taskpane in a plain browser page over the ExcelJS adapter: open an .xlsx or start a new workbook, run
 * the wizard, download the workbook. Nothing leaves the page: files are read and saved locally.
 */
export function StandaloneApp<P>({
  excel,
  engine,
  ops,
  examples,
}: {
  /** The ExcelJS module (the browser build), passed in so tests can use the Node build. */
  readonly excel: typeof ExcelJSTypes;
  readonly engine: WizardEngine<P>;
  readonly ops: ProposalWorkbookOps;
  readonly examples: readonly ExampleProposal[];
}): React.JSX.Element {
  const [book, setBook] = React.useState<OpenBook>(() => ({
    workbook: new excel.Workbook(),
    fileName: "mtfs-programme.xlsx",
    generation: 0,
  }));
  // A new workbook is what the CLI's `new` starts: Programme, Resource cost and Themes sheets with no rows yet,
  // so a finished proposal gets its Programme row.
  const startNewWorkbook = React.useCallback(
    async (generation: number): Promise<void> => {
      const workbook = new excel.Workbook();
      workbook.creator = "MTFS Benefits";
      await buildProgrammeWorkbook(new ExcelJsPort(workbook), EMPTY_PROGRAMME, []);
      setBook({ workbook, fileName: "mtfs-programme.xlsx", generation });
    },
    [excel],
  );
  React.useEffect(() => {
    void startNewWorkbook(0);
  }, [startNewWorkbook]);
  const [problem, setProblem] = React.useState<string | null>(null);
  const port = React.useMemo(() => new ExcelJsPort(book.workbook), [book]);
  const host = React.useMemo(
    () =>
      portHost(
        "standalone",
        () => port,
        localDraftStore(typeof window === "undefined" ? undefined : window.localStorage),
        async () => (book.generation === 0 ? null : activeSheetName(book.workbook)),
        ops,
      ),
    [port, book, ops],
  );

  const open = async (file: File): Promise<void> => {
    try {
      const workbook = new excel.Workbook();
      await loadXlsxPreserving(workbook, await file.arrayBuffer());
      setBook((b) => ({ workbook, fileName: file.name, generation: b.generation + 1 }));
      setProblem(null);
    } catch (e) {
      setProblem(
        `${file.name} is not a readable .xlsx workbook (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
  };

  const download = async (): Promise<void> => {
    // Through the port, so the download carries the profile charts (ExcelJS alone cannot write them) and keeps
    // every part of an opened file that MTFS Benefits does not own; a change that would lose one is refused.
    let buffer: Uint8Array;
    try {
      buffer = await port.toXlsx();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      return;
    }
    const url = URL.createObjectURL(new Blob([buffer as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE }));
    const a = document.createElement("a");
    a.href = url;
    a.download = book.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const toolbar = (
    <div className="mtfs-file" role="group" aria-label="Workbook file">
      <label className="mtfs-file-label">
        Open workbook (.xlsx)
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void open(file);
          }}
        />
      </label>
      <Button onClick={() => void startNewWorkbook(book.generation + 1)}>New workbook</Button>
      <Button onClick={() => void download()}>Download workbook</Button>
      <span className="mtfs-hint" data-testid="file-name">
        {book.fileName}
      </span>
      {problem && (
        <span role="alert" className="mtfs-hint">
          {problem}
        </span>
      )}
    </div>
  );

  return <Wizard key={book.generation} host={host} engine={engine} examples={examples} toolbar={toolbar} />;
}
