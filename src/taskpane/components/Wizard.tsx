import * as React from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Spinner,
} from "@fluentui/react-components";
import {
  draftToRaw,
  emptyDraft,
  isFieldActive,
  newInvestmentRow,
  rawToDraft,
  targetValueSpec,
  type Draft,
} from "../form/draft";
import {
  FIELDS,
  INVESTMENT_FIELDS,
  INVESTMENT_FIELDS_BY_KIND,
  TRIANGULATION_ROW_FIELDS,
  type FieldSpec,
} from "../form/fields";
import { STEPS, stepOfPath } from "../form/steps";
import { validateDraft, type FieldError } from "../form/validate";
import type { RefreshReport, WorkbookHost } from "../host";
import type { PreviewModel } from "../preview/previewModel";
import { FieldInput } from "./FieldInput";
import { ChangeReport } from "./ChangeReport";
import { PreviewPanel } from "./PreviewPanel";
import { ReviewSection } from "./ReviewSection";
import { RowsEditor } from "./RowsEditor";
import { StepNav } from "./StepNav";
import { WizardStyles } from "./styles";
import { useStoredDraft } from "./useStoredDraft";

/** Computed columns of one triangulation row, as shown. */
export interface TriangulationRowResult {
  readonly annualAvoidedStarts: string;
  readonly caseloadByEndOfMtfs: string;
}

/** The engine calls the wizard makes, bound in `engineBridge.ts` (and faked in no test: tests use the real one). */
export interface WizardEngine<P> {
  parse(raw: unknown): P;
  preview(proposal: P): PreviewModel;
  /** The triangulation table's computed columns from the raw `triangulation` block alone (shown while the rest is incomplete), or null. */
  triangulation(raw: unknown): readonly TriangulationRowResult[] | null;
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
}: {
  readonly host: WorkbookHost;
  readonly engine: WizardEngine<P>;
  readonly examples: readonly ExampleProposal[];
  /** Extra controls for the host (the standalone page's Open / New / Download). */
  readonly toolbar?: React.ReactNode;
}): React.JSX.Element {
  const [draft, setDraft] = useStoredDraft(host);
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
  const headingRef = React.useRef<HTMLHeadingElement>(null);

  // Opening on an existing proposal sheet loads it for editing (it wins over the stored draft; Undo restores it).
  const loadActiveSheet = React.useCallback(
    async (isLive: () => boolean, reportNone: boolean): Promise<void> => {
      try {
        const active = await host.readActiveProposal();
        if (!isLive()) return;
        if (active !== null) {
          setUndoDraft(latestDraft.current);
          setDraft({ ...rawToDraft(active.raw), editingSheet: active.sheet });
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
    void loadActiveSheet(() => live, false);
    return () => {
      live = false;
    };
  }, [loadActiveSheet]);

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
  if (computed.preview) lastPreview.current = computed.preview;

  const errors: readonly FieldError[] = computed.error
    ? [...validation.errors, computed.error]
    : validation.errors;
  const errorByPath = React.useMemo(() => new Map(errors.map((e) => [e.path, e.message])), [errors]);
  const valid = errors.length === 0 && validation.proposal !== null;
  const errorsPerStep = STEPS.map((_, i) => errors.filter((e) => stepOfPath(e.path) === i).length);

  const setValue = (path: string, text: string): void =>
    setDraft((d) => ({ ...d, values: { ...d.values, [path]: text } }));

  const goTo = (index: number): void => {
    setStep(index);
    // Move focus to the step heading so keyboard and screen-reader users land on the new step.
    setTimeout(() => headingRef.current?.focus(), 0);
  };

  const loadExample = (): void => {
    const example = examples.find((e) => e.name === startFrom);
    // Replacing the draft must not lose typing: keep the previous draft for one Undo.
    setUndoDraft(draft);
    setDraft(example ? rawToDraft(example.raw) : emptyDraft());
    setStatus({
      intent: "info",
      text: example ? `Started from ${example.name}.` : "Started a blank proposal.",
    });
    goTo(0);
  };

  const finish = async (): Promise<void> => {
    if (!valid) return;
    setBusy(true);
    setStatus(null);
    setUndoDraft(null);
    try {
      const raw = draftToRaw(draft);
      if (draft.editingSheet !== undefined) {
        const result = await host.updateProposal(draft.editingSheet, raw);
        setStatus({ intent: "success", text: `Updated sheet "${result.sheetName}".` });
      } else {
        const result = await host.writeProposal(raw);
        // Further edits of this draft now update the sheet just written.
        setDraft((d) => ({ ...d, editingSheet: result.sheetName }));
        setStatus({
          intent: "success",
          text: `Wrote sheet "${result.sheetName}"${result.programmeRowAdded ? " and its Programme row" : ""}.`,
        });
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
        text: `Refreshed ${result.proposals} proposal(s): ${result.lines.length} change(s).`,
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
    if (!isFieldActive(draft.values, path)) return null;
    const spec = specFor(draft.values, path);
    return (
      <FieldInput
        key={path}
        spec={spec}
        value={draft.values[path] ?? ""}
        error={errorByPath.get(path)}
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
      </header>
      <StepNav step={step} errorsPerStep={errorsPerStep} onGo={goTo} />
      <div className="mtfs-body">
        <main className="mtfs-main" data-step={current.id}>
          {draft.editingSheet !== undefined && (
            <p className="mtfs-editing" data-testid="editing">
              Editing sheet &ldquo;{draft.editingSheet}&rdquo;: Finish updates it.{" "}
              <Button size="small" onClick={() => setDraft((d) => ({ ...d, editingSheet: undefined }))}>
                Save as a new proposal instead
              </Button>
            </p>
          )}
          <h2 className="mtfs-h2" tabIndex={-1} ref={headingRef}>
            Step {step + 1} of {STEPS.length}: {current.title}
          </h2>
          {current.fields.map(field)}
          {current.id === "baseline" && (
            <RowsEditor
              title="Triangulation methods"
              itemName="method"
              basePath="triangulation.rows"
              rows={draft.triangulationRows}
              fieldsOf={() => TRIANGULATION_ROW_FIELDS}
              errors={errorByPath}
              newRow={() => ({ method: "", percentChange: "" })}
              onChange={(rows) => setDraft((d) => ({ ...d, triangulationRows: rows }))}
              extra={(i) => {
                const r = triangulation?.[i];
                return r ? (
                  <p className="mtfs-computed" data-testid={`triangulation-result-${i}`}>
                    Annual avoided starts {r.annualAvoidedStarts}; caseload by end of MTFS{" "}
                    {r.caseloadByEndOfMtfs}
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
              fieldsOf={(row) =>
                INVESTMENT_FIELDS.filter((f) =>
                  (INVESTMENT_FIELDS_BY_KIND[row.kind ?? ""] ?? []).includes(f.path),
                )
              }
              errors={errorByPath}
              newRow={() => newInvestmentRow()}
              onChange={(rows) => setDraft((d) => ({ ...d, investment: rows }))}
            />
          )}
          {current.id === "review" && <ReviewSection errors={valid ? [] : errors} onGo={goTo} />}
          <div className="mtfs-footer">
            <Button onClick={() => goTo(Math.max(0, step - 1))} disabled={step === 0}>
              Back
            </Button>
            <Button
              onClick={() => goTo(Math.min(STEPS.length - 1, step + 1))}
              disabled={step === STEPS.length - 1}
            >
              Next
            </Button>
            <Button
              appearance="primary"
              disabled={!valid || busy}
              onClick={() => void finish()}
              aria-describedby={valid ? undefined : "finish-why"}
            >
              Finish
            </Button>
            {busy && <Spinner size="tiny" label="Working" />}
            {!valid && (
              <span id="finish-why" className="mtfs-hint">
                {errors.length} problem(s) to fix before finishing
              </span>
            )}
          </div>
        </main>
        <PreviewPanel model={computed.preview ?? lastPreview.current} stale={computed.preview === null} />
      </div>
    </div>
  );
}
