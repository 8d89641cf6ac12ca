import * as React from "react";
import { DEMAND_ENGINE } from "../demandBridge";
import { DemandPanel } from "./DemandPanel";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Spinner,
  Tab,
  TabList,
} from "@fluentui/react-components";
import {
  addStream,
  draftToRaw,
  emptyDraft,
  investmentFields,
  isFieldShown,
  newInvestmentRow,
  rawToDraft,
  targetValueSpec,
  type Draft,
} from "../form/draft";
import { FIELDS, TRIANGULATION_ROW_FIELDS, type FieldSpec } from "../form/fields";
import { fieldMessage } from "../form/messages";
import { STEPS, stepOfPath } from "../form/steps";
import { streamFieldAt } from "../form/streamDraft";
import { locateField, validateDraft, type FieldError } from "../form/validate";
import type { RefreshReport, WorkbookHost } from "../host";
import { countText, yearsText } from "../preview/plural";
import type { PreviewModel } from "../preview/previewModel";
import type { SummaryLine } from "../preview/summaryModel";
import { FieldInput } from "./FieldInput";
import { ChangeReport } from "./ChangeReport";
import { PreviewPanel } from "./PreviewPanel";
import { RiskPanels } from "./RiskPanels";
import type { RiskEngine } from "../riskBridge";
import { ReviewSection } from "./ReviewSection";
import { RowsEditor } from "./RowsEditor";
import { StepNav } from "./StepNav";
import { StreamsEditor } from "./StreamsEditor";
import { TrackTab } from "./TrackTab";
import { actualsFromCsv, trackMeasures, trackView } from "../trackBridge";
import { WizardStyles } from "./styles";
import { useStoredDraft } from "./useStoredDraft";

/** Computed columns of one triangulation row, as shown: the table kind says how they read. */
export type TriangulationRowResult =
  | { readonly kind: "annualStarts"; readonly starts: string; readonly caseload: string }
  | {
      readonly kind: "monthlyStarts";
      readonly starts: string;
      readonly caseload: string;
      readonly horizonYears: string;
    };

/** A stored draft that cannot update its sheet here: its workbook is not open, or the sheet has gone. */
type Detached =
  | { readonly reason: "elsewhere"; readonly workbook: string }
  | { readonly reason: "missing"; readonly sheet: string };

/** Tells the wizard when its pane is shown or hidden (Excel's taskpane), so it can save the draft on hide. */
export interface PaneVisibility {
  /** Calls back with false when the pane hides and true when it shows again; returns the unsubscribe. */
  subscribe(listener: (visible: boolean) => void): () => void;
}

/** The row's computed columns in words: per year for an annual table, per month for a monthly one. */
function triangulationText(r: TriangulationRowResult): string {
  return r.kind === "annualStarts"
    ? `Annual avoided starts ${r.starts}; caseload by end of MTFS ${r.caseload}`
    : `Children impacted a month ${r.starts}; resultant caseload in ${yearsText(r.horizonYears)} ${r.caseload}`;
}

/** True when the user has typed something into the field (its errors are then shown without waiting). */
function hasValue(draft: Draft, path: string): boolean {
  const inStream = streamFieldAt(draft.streams ?? [], path);
  if (inStream) return inStream.text !== undefined && inStream.text.trim() !== "";
  const row = /^(assumptions\.investment|triangulation\.rows)\.(\d+)\.(\w+)$/.exec(path);
  const text = row
    ? (row[1] === "assumptions.investment" ? draft.investment : draft.triangulationRows)[Number(row[2])]?.[
        row[3]
      ]
    : draft.values[path];
  return text !== undefined && text.trim() !== "";
}

/** The engine calls the wizard makes, bound in `engineBridge.ts` (and faked in no test: tests use the real one). */
export interface WizardEngine<P> {
  parse(raw: unknown): P;
  preview(proposal: P): PreviewModel;
  /** The triangulation table's computed columns from the raw `triangulation` block alone (shown while the rest is incomplete), or null. */
  triangulation(raw: unknown): readonly TriangulationRowResult[] | null;
  /** The Review step's summary of a valid proposal. */
  summary(proposal: P): readonly SummaryLine[];
  /**
   * Values of a valid proposal that pass the rules but look wrong, by field path, in words; `rule` (the
   * engine's) lets the wizard word it for a field it knows better (a stream's).
   */
  warnings?(
    proposal: P,
  ): readonly { readonly path: string; readonly message: string; readonly rule?: string }[];
  /** The preview's sensitivity, Monte Carlo and appraisal panels (riskBridge.ts); none without it. */
  readonly risk?: RiskEngine<P>;
}

export interface ExampleProposal {
  readonly name: string;
  readonly raw: unknown;
}

const BY_PATH = new Map(FIELDS.map((f) => [f.path, f]));

function specFor(values: Readonly<Record<string, string>>, path: string): FieldSpec {
  return path === "assumptions.target.value" ? targetValueSpec(values) : (BY_PATH.get(path) as FieldSpec);
}

/**
 * The proposal wizard: template-ordered steps, validation as the user types (the engine's rules, in words),
 * a live preview on every step, Finish (disabled while invalid) writing the proposal sheet through the host,
 * and Refresh workbook with progress and change report.
 */
export function Wizard<P>({
  host,
  engine,
  examples,
  toolbar,
  visibility,
  workbookVersion = 0,
}: {
  readonly host: WorkbookHost;
  readonly engine: WizardEngine<P>;
  readonly examples: readonly ExampleProposal[];
  /** Extra controls for the host (the standalone page's Open / New / Download). */
  readonly toolbar?: React.ReactNode;
  /** The pane's visibility (Excel), to save the draft when it hides. */
  readonly visibility?: PaneVisibility;
  /** Bumped by the host when the open workbook's identity changes (a new workbook downloaded under a name). */
  readonly workbookVersion?: number;
}): React.JSX.Element {
  const [draft, setDraft] = useStoredDraft(host);
  const [detached, setDetached] = React.useState<Detached | null>(null);
  const [touched, setTouched] = React.useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = React.useState<ReadonlySet<number>>(() => new Set());
  const [step, setStep] = React.useState(0);
  const [startFrom, setStartFrom] = React.useState("");
  const [status, setStatus] = React.useState<{ intent: "success" | "error" | "info"; text: string } | null>(
    null,
  );
  const [busy, setBusy] = React.useState(false);
  const [progress, setProgress] = React.useState<number | null>(null);
  const [report, setReport] = React.useState<RefreshReport | null>(null);
  const [undoDraft, setUndoDraft] = React.useState<Draft | null>(null);
  const latestDraft = React.useRef(draft);
  latestDraft.current = draft;
  const lastPreview = React.useRef<PreviewModel | null>(null);
  const lastProposal = React.useRef<P | null>(null);
  const headingRef = React.useRef<HTMLHeadingElement>(null);
  // The Track tab (issue 15, TrackTab.tsx) tracks the proposal being edited.
  const [tab, setTab] = React.useState<"proposal" | "track">("proposal");
  const trackRaw = React.useMemo(() => (tab === "track" ? draftToRaw(draft) : null), [tab, draft]);

  // A draft is saved to where it survives a reload only on a step move (Next), Finish and when the pane hides
  // (in Excel each save clears Undo); a failure is shown, never swallowed.
  const persistDraft = React.useCallback(
    async (next?: Draft): Promise<void> => {
      if (next !== undefined) host.drafts.save(next);
      try {
        await host.drafts.persist();
      } catch (e) {
        const where = host.kind === "excel" ? "in the workbook" : "in this browser";
        setStatus({
          intent: "error",
          text:
            `Could not save the draft ${where}: ${e instanceof Error ? e.message : String(e)}. ` +
            "What you typed is still here; it is saved again on the next step.",
        });
      }
    },
    [host],
  );
  React.useEffect(
    () => visibility?.subscribe((visible) => void (visible ? undefined : persistDraft())),
    [visibility, persistDraft],
  );
  // The open workbook got a new identity (a new workbook downloaded under its file name): a draft attached
  // to it follows (a draft of another workbook does not).
  const detachedNow = React.useRef(detached);
  detachedNow.current = detached;
  React.useEffect(() => {
    if (workbookVersion === 0 || detachedNow.current !== null) return;
    setDraft((d) => (d.editingSheet === undefined ? d : { ...d, workbook: host.workbook() }));
  }, [workbookVersion, host, setDraft]);

  // Opening on an existing proposal sheet loads it for editing (it wins over the stored draft; Undo restores it).
  const loadActiveSheet = React.useCallback(
    async (isLive: () => boolean, reportNone: boolean): Promise<void> => {
      try {
        const active = await host.readActiveProposal();
        if (!isLive()) return;
        if (active !== null) {
          setUndoDraft(latestDraft.current);
          setDetached(null);
          setDraft({ ...rawToDraft(active.raw), editingSheet: active.sheet, workbook: host.workbook() });
          setStatus({ intent: "info", text: "Loaded the proposal on the active sheet for editing." });
        } else if (reportNone) {
          setStatus({ intent: "info", text: "The active sheet is not a proposal sheet." });
        }
      } catch (e) {
        if (isLive() && reportNone) {
          setStatus({
            intent: "error",
            text: `Could not read the sheet: ${e instanceof Error ? e.message : String(e)}`,
          });
        }
      }
    },
    [host, setDraft],
  );
  React.useEffect(() => {
    let live = true;
    void (async () => {
      // A stored draft that edits a sheet must be in this workbook, and the sheet still a proposal sheet.
      const stored = latestDraft.current;
      if (stored.editingSheet !== undefined) {
        if (stored.workbook !== undefined && stored.workbook.id !== host.workbook().id) {
          setDetached({ reason: "elsewhere", workbook: stored.workbook.name });
        } else if (!(await host.isProposalSheet(stored.editingSheet).catch(() => false))) {
          if (live) setDetached({ reason: "missing", sheet: stored.editingSheet });
        }
      }
      if (live) await loadActiveSheet(() => live, false);
    })();
    return () => {
      live = false;
    };
  }, [loadActiveSheet, host]);

  const validation = React.useMemo(() => validateDraft(draft, (raw) => engine.parse(raw)), [draft, engine]);
  const computed = React.useMemo((): { preview: PreviewModel | null; error: FieldError | null } => {
    if (validation.proposal === null) return { preview: null, error: null };
    try {
      return { preview: engine.preview(validation.proposal), error: null };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { preview: null, error: { path: "", code: "bug", message } };
    }
  }, [validation, engine]);
  const triangulation = React.useMemo(
    () => engine.triangulation(draftToRaw(draft).triangulation),
    [draft, engine],
  );
  if (computed.preview) {
    lastPreview.current = computed.preview;
    lastProposal.current = validation.proposal;
  }
  const riskSubject = computed.preview ? validation.proposal : lastProposal.current;

  const errors: readonly FieldError[] = computed.error
    ? [...validation.errors, computed.error]
    : validation.errors;
  // A blank form is not wrong yet: a field's problem shows once it is touched or holds text, or once its
  // step has been left with Next (the Review step lists every problem regardless).
  const shown = errors.filter(
    (e) =>
      e.path === "" || touched.has(e.path) || hasValue(draft, e.path) || submitted.has(stepOfPath(e.path)),
  );
  const errorByPath = new Map(shown.map((e) => [e.path, e.message]));
  const warningByPath = new Map(
    (validation.proposal !== null ? (engine.warnings?.(validation.proposal) ?? []) : []).map((w) => {
      const at = locateField(draft, w.path);
      return [at.path, at.where && at.spec && w.rule ? fieldMessage(at.spec, w.rule) : w.message];
    }),
  );
  const valid = errors.length === 0 && validation.proposal !== null;
  const errorsPerStep = STEPS.map((_, i) => shown.filter((e) => stepOfPath(e.path) === i).length);
  const summary = React.useMemo(
    () => (valid && validation.proposal !== null ? engine.summary(validation.proposal) : null),
    [valid, validation, engine],
  );
  const editing = draft.editingSheet !== undefined && detached === null;

  const touch = (path: string): void => setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  const setValue = (path: string, text: string): void => {
    touch(path);
    setDraft((d) => ({ ...d, values: { ...d.values, [path]: text } }));
  };

  // Only Next saves (with Finish and hiding the pane): each saveAsync clears Excel's Undo.
  const goTo = (index: number, save = false): void => {
    setStep(index);
    // Reaching the Review step shows every step's problems where they are, for the way back.
    if (index === STEPS.length - 1) setSubmitted(new Set(STEPS.map((_, i) => i)));
    if (save) void persistDraft();
    // Move focus to the step heading so keyboard and screen-reader users land on the new step.
    setTimeout(() => headingRef.current?.focus(), 0);
  };
  const next = (): void => {
    setSubmitted((s) => new Set(s).add(step));
    goTo(Math.min(STEPS.length - 1, step + 1), true);
  };

  const loadExample = (): void => {
    const example = examples.find((e) => e.name === startFrom);
    // Replacing the draft must not lose typing: keep the previous draft for one Undo.
    setUndoDraft(draft);
    setDetached(null);
    setTouched(new Set());
    setSubmitted(new Set());
    setDraft(example ? rawToDraft(example.raw) : emptyDraft());
    setStatus({
      intent: "info",
      text: example ? `Started from ${example.name}.` : "Started a blank proposal.",
    });
    goTo(0, false);
  };

  const finish = async (): Promise<void> => {
    if (!valid || detached !== null) return;
    setBusy(true);
    setStatus(null);
    setUndoDraft(null);
    try {
      const raw = draftToRaw(draft);
      if (draft.editingSheet !== undefined) {
        const result = await host.updateProposal(draft.editingSheet, raw);
        // The update followed a rename (or renamed the sheet): later Finishes update it under its name now.
        const attached: Draft = { ...draft, editingSheet: result.sheetName };
        setDraft(attached);
        setStatus({ intent: "success", text: `Updated sheet "${result.sheetName}".` });
        await persistDraft(attached);
      } else {
        const result = await host.writeProposal(raw);
        // Further edits of this draft now update the sheet just written, in this workbook.
        const attached: Draft = { ...draft, editingSheet: result.sheetName, workbook: host.workbook() };
        setDraft(attached);
        setStatus({
          intent: "success",
          text:
            `Wrote sheet "${result.sheetName}"${result.programmeRowAdded ? " and its Programme row" : ""}.` +
            (result.sheetNote ? ` ${result.sheetNote}` : ""),
        });
        await persistDraft(attached);
      }
    } catch (e) {
      setStatus({
        intent: "error",
        text: `Could not write the proposal: ${e instanceof Error ? e.message : String(e)}`,
      });
    } finally {
      setBusy(false);
    }
  };

  const refresh = async (): Promise<void> => {
    setBusy(true);
    setReport(null);
    setProgress(0);
    try {
      const result = await host.refresh((done, total) => setProgress(total > 0 ? done / total : 1));
      setReport(result);
      setStatus({
        intent: "success",
        text: `Refreshed ${countText(result.proposals, "proposal")}: ${countText(result.lines.length, "change")}.`,
      });
    } catch (e) {
      setStatus({ intent: "error", text: `Refresh failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setProgress(null);
      setBusy(false);
    }
  };

  const current = STEPS[step];
  const field = (path: string): React.ReactNode => {
    if (!isFieldShown(draft, path)) return null;
    const spec = specFor(draft.values, path);
    return (
      <FieldInput
        key={path}
        spec={spec}
        value={draft.values[path] ?? ""}
        error={errorByPath.get(path)}
        warning={warningByPath.get(path)}
        onChange={(text) => setValue(path, text)}
      />
    );
  };

  return (
    <div className="mtfs-root">
      <WizardStyles />
      <header className="mtfs-header">
        <h1 className="mtfs-h1">MTFS Benefits proposal</h1>
        <div className="mtfs-toolbar">
          {toolbar}
          <Field label="Start from">
            <Select id="start-from" value={startFrom} onChange={(_, d) => setStartFrom(d.value)}>
              <option value="">Blank proposal</option>
              {examples.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={loadExample}>Load</Button>
          {host.kind === "excel" && (
            <Button onClick={() => void loadActiveSheet(() => true, true)} disabled={busy}>
              Edit active sheet
            </Button>
          )}
          <Button onClick={() => void refresh()} disabled={busy}>
            Refresh workbook
          </Button>
        </div>
        {progress !== null && <ProgressBar value={progress} aria-label="Refresh progress" />}
        {status && (
          <MessageBar intent={status.intent} role="status">
            <MessageBarBody>
              {status.text}{" "}
              {undoDraft && (
                <Button
                  size="small"
                  onClick={() => {
                    setDraft(undoDraft);
                    setUndoDraft(null);
                    setStatus({ intent: "info", text: "Restored the previous draft." });
                  }}
                >
                  Undo
                </Button>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {report && <ChangeReport report={report} />}
        {detached && (
          <MessageBar intent="warning" data-testid="detached">
            <MessageBarBody>
              {detached.reason === "elsewhere"
                ? `This draft belongs to ${detached.workbook}, which is not open.`
                : `This draft was editing sheet "${detached.sheet}", which is not a proposal sheet of ${host.workbook().name}.`}{" "}
              Open it, or start the draft as a new proposal in this workbook.{" "}
              <Button
                size="small"
                onClick={() => {
                  setDetached(null);
                  setDraft((d) => ({ ...d, editingSheet: undefined, workbook: undefined }));
                }}
              >
                Start as a new proposal here
              </Button>
            </MessageBarBody>
          </MessageBar>
        )}
      </header>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value === "track" ? "track" : "proposal")}>
        <Tab value="proposal">Proposal</Tab>
        <Tab value="track">Track</Tab>
      </TabList>
      {tab === "track" && (
        <TrackTab
          raw={trackRaw}
          sheet={editing ? draft.editingSheet : undefined}
          track={trackView}
          fromCsv={actualsFromCsv}
          measures={trackMeasures}
          workbook={host.track}
        />
      )}
      {tab === "proposal" && <StepNav step={step} errorsPerStep={errorsPerStep} onGo={(i) => goTo(i)} />}
      <div className="mtfs-body" style={tab === "track" ? { display: "none" } : undefined}>
        <main className="mtfs-main" data-step={current.id}>
          {editing && (
            <p className="mtfs-editing" data-testid="editing">
              Editing sheet &ldquo;{draft.editingSheet}&rdquo;: Finish updates it.{" "}
              <Button
                size="small"
                onClick={() => setDraft((d) => ({ ...d, editingSheet: undefined, workbook: undefined }))}
              >
                Save as a new proposal instead
              </Button>
            </p>
          )}
          <h2 className="mtfs-h2" tabIndex={-1} ref={headingRef}>
            Step {step + 1} of {STEPS.length}: {current.title}
          </h2>
          {current.id === "baseline" && (
            <StreamsEditor
              streams={draft.streams}
              errors={errorByPath}
              warnings={warningByPath}
              onTouch={touch}
              onChange={(streams) => setDraft((d) => ({ ...d, streams }))}
              onAdd={(kind) => setDraft((d) => addStream(d, kind))}
            />
          )}
          {draft.streams !== undefined && (current.id === "costs" || current.id === "timeline") && (
            <p className="mtfs-computed" data-testid="streams-note">
              Each saving stream has its own {current.id === "costs" ? "costs and durations" : "timeline"}, on
              step 2 with the stream.
            </p>
          )}
          {current.fields.map(field)}
          {current.id === "baseline" && (
            <RowsEditor
              title="Triangulation methods"
              itemName="method"
              basePath="triangulation.rows"
              rows={draft.triangulationRows}
              fieldsOf={() => TRIANGULATION_ROW_FIELDS}
              errors={errorByPath}
              onTouch={touch}
              newRow={() => ({ method: "", percentChange: "" })}
              onChange={(rows) => setDraft((d) => ({ ...d, triangulationRows: rows }))}
              extra={(i) => {
                const r = triangulation?.[i];
                return r ? (
                  <p className="mtfs-computed" data-testid={`triangulation-result-${i}`}>
                    {triangulationText(r)}
                  </p>
                ) : null;
              }}
            />
          )}
          {current.id === "investment" && (
            <RowsEditor
              title="Investment required"
              itemName="investment line"
              basePath="assumptions.investment"
              rows={draft.investment}
              fieldsOf={(row) => investmentFields(row, draft.streams)}
              errors={errorByPath}
              onTouch={touch}
              newRow={() => newInvestmentRow()}
              onChange={(rows) => setDraft((d) => ({ ...d, investment: rows }))}
            />
          )}
          {current.id === "review" && (
            <ReviewSection errors={valid ? [] : errors} summary={summary} onGo={(i) => goTo(i)} />
          )}
          <div className="mtfs-footer">
            <Button onClick={() => goTo(Math.max(0, step - 1))} disabled={step === 0}>
              Back
            </Button>
            <Button onClick={next} disabled={step === STEPS.length - 1}>
              Next
            </Button>
            <Button
              appearance="primary"
              disabled={!valid || busy || detached !== null}
              onClick={() => void finish()}
              aria-describedby={valid && detached === null ? undefined : "finish-why"}
            >
              Finish
            </Button>
            {busy && <Spinner size="tiny" label="Working" />}
            {!valid ? (
              <span id="finish-why" className="mtfs-hint">
                {countText(errors.length, "problem")} to fix before finishing
              </span>
            ) : (
              detached && (
                <span id="finish-why" className="mtfs-hint">
                  Open the draft&rsquo;s workbook, or start it as a new proposal here, to finish
                </span>
              )
            )}
          </div>
        </main>
        <PreviewPanel model={computed.preview ?? lastPreview.current} stale={computed.preview === null}>
          {engine.risk && riskSubject !== null && <RiskPanels subject={riskSubject} engine={engine.risk} />}
        </PreviewPanel>
      </div>
      {/* Hidden, not unmounted, on the Track tab: its boxes keep what was typed. */}
      <div style={tab === "track" ? { display: "none" } : undefined}>
        <DemandPanel engine={DEMAND_ENGINE} />
      </div>
    </div>
  );
}
