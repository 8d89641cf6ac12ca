import * as React from "react";
import type * as ExcelJSTypes from "exceljs";
import { Button } from "@fluentui/react-components";
import { EMPTY_PROGRAMME, ExcelJsPort, buildProgrammeWorkbook, loadXlsxPreserving } from "../../workbook";
import { localDraftStore } from "../draftStore";
import type { WorkbookIdentity } from "../host";
import { portHost } from "../portHost";
import type { ProposalWorkbookOps } from "../workbookOps";
import { Wizard, type ExampleProposal, type WizardEngine } from "./Wizard";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface OpenBook {
  readonly workbook: ExcelJSTypes.Workbook;
  readonly fileName: string;
  /** Which workbook this is, for drafts: the file's name, or a new workbook's own id until it is downloaded. */
  readonly identity: WorkbookIdentity;
  /** Bumped on every open/new so the wizard remounts and looks at the new workbook's active sheet. */
  readonly generation: number;
}

/** The sheet selected when the file was saved, like Excel's active sheet. */
function activeSheetName(workbook: ExcelJSTypes.Workbook): string | null {
  const index = workbook.views?.[0]?.activeTab ?? 0;
  return workbook.worksheets[index]?.name ?? null;
}

/** A new workbook's identity: no file yet, so an id of its own (a reloaded page starts another one). */
function newWorkbookIdentity(fileName: string): WorkbookIdentity {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  const id = c?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const time = new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return { id: `new:${id}`, name: `the new workbook started at ${time} (${fileName}, not downloaded)` };
}

/**
 * An opened file's identity: its name, as the browser may have changed it on download ("x (1).xlsx" is x.xlsx).
 *
 * @example
 * fileIdentity("MTFS (2).xlsx").id // "file:mtfs.xlsx"
 */
export function fileIdentity(fileName: string): WorkbookIdentity {
  const canonical = fileName.replace(/\s*\(\d+\)(?=\.xlsx$)/i, "").toLowerCase();
  return { id: `file:${canonical}`, name: fileName };
}

/** The zip signature every .xlsx starts with ("PK\x03\x04"). */
function looksLikeXlsx(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
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
    identity: newWorkbookIdentity("mtfs-programme.xlsx"),
    generation: 0,
  }));
  // Read through a ref so the host (and the wizard's view of the workbook) stays the same object when only
  // the identity changes, on download; a newly opened or new workbook brings its own.
  const identity = React.useRef(book.identity);
  const identityOf = React.useRef(book);
  if (identityOf.current !== book) {
    identityOf.current = book;
    identity.current = book.identity;
  }
  const [identityVersion, setIdentityVersion] = React.useState(0);
  const fileInput = React.useRef<HTMLInputElement>(null);
  // A new workbook is what the CLI's `new` starts: Programme, Resource cost and Themes sheets with no rows yet,
  // so a finished proposal gets its Programme row.
  const startNewWorkbook = React.useCallback(
    async (generation: number): Promise<void> => {
      const workbook = new excel.Workbook();
      workbook.creator = "MTFS Benefits";
      await buildProgrammeWorkbook(new ExcelJsPort(workbook), EMPTY_PROGRAMME, []);
      const fileName = "mtfs-programme.xlsx";
      setBook({ workbook, fileName, identity: newWorkbookIdentity(fileName), generation });
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
      portHost("standalone", {
        port: () => port,
        drafts: localDraftStore(typeof window === "undefined" ? undefined : window.localStorage),
        activeSheet: async () => (book.generation === 0 ? null : activeSheetName(book.workbook)),
        workbook: () => identity.current,
        ops,
      }),
    [port, book, ops],
  );

  // The zip library's own errors (with its URLs) mean nothing to the user: say what the file is not.
  const open = async (file: File): Promise<void> => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!/\.xlsx$/i.test(file.name) || !looksLikeXlsx(bytes)) {
      setProblem(
        `${file.name} is not an Excel workbook (.xlsx). Open an .xlsx file, or start a new workbook.`,
      );
      return;
    }
    try {
      const workbook = new excel.Workbook();
      // The bytes are kept: Download then keeps every part of the file that MTFS Benefits does not own.
      await loadXlsxPreserving(workbook, bytes);
      setBook((b) => ({
        workbook,
        fileName: file.name,
        identity: fileIdentity(file.name),
        generation: b.generation + 1,
      }));
      setProblem(null);
    } catch {
      setProblem(
        `${file.name} could not be read as an Excel workbook (.xlsx): it may be damaged, or saved in another format.`,
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
    // Downloaded, a new workbook is that file from now on: reopening it after a reload finds its drafts.
    if (identity.current.id.startsWith("new:")) {
      identity.current = fileIdentity(book.fileName);
      setIdentityVersion((v) => v + 1);
    }
  };

  const toolbar = (
    <div className="mtfs-file" role="group" aria-label="Workbook file">
      {/* The native chooser is hidden (it cannot be styled); the Fluent button opens it. */}
      <input
        ref={fileInput}
        type="file"
        hidden
        aria-hidden="true"
        tabIndex={-1}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so choosing the same file again (after fixing it) is a change too.
          e.target.value = "";
          if (file) void open(file);
        }}
      />
      <Button onClick={() => fileInput.current?.click()}>Open workbook (.xlsx)</Button>
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

  return (
    <Wizard
      key={book.generation}
      host={host}
      engine={engine}
      examples={examples}
      toolbar={toolbar}
      workbookVersion={identityVersion}
    />
  );
}
