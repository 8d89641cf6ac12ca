import * as React from "react";
import { Button, Dropdown, Field, Input, Option, Textarea } from "@fluentui/react-components";
import { countText } from "../preview/plural";
import { Figures } from "./Figures";
import { FORECAST_CUMULATIVE, QUARTER_YEAR } from "../../engine";
import {
  versionDateProblem,
  type TrackView,
  type TrackWorkbookOps,
  type TypedActual,
  type WorkbookTrack,
  type actualsFromCsv,
  type trackMeasures,
} from "../trackBridge";

/**
 * The wizard's Track tab (issue 15): actuals of the proposal being edited, typed as rows (period, measure,
 * value; stream when it has streams) or read from a CSV, previewed against its plan, then written to the
 * workbook's Tracking sheet ("Write to workbook", the writer `track import` uses). The tab then shows the
 * actuals on the sheet (typed ones too) with their variance, % of plan, RAG, forecast, slippage and proposed
 * reprofile, which "Accept reprofile" keeps as a dated version. All figures come from `trackBridge.ts`.
 */

/** One actual per line, wrapping in a narrow pane; the CSV box takes the pane's width. */
const ROW: React.CSSProperties = { display: "flex", flexWrap: "wrap", gap: 4, marginBottom: 4 };
const BLOCK: React.CSSProperties = { display: "flex", width: "100%", marginBottom: 4 };
/** Wide tables scroll inside the pane rather than widening it (320 px); their headings stay on one line. */
const SCROLL: React.CSSProperties = { overflowX: "auto", maxWidth: "100%" };
/** Text columns read from the left (the table's figures are right-aligned). */
const TEXT: React.CSSProperties = { textAlign: "left" };

const blankRow = (measure: string): TypedActual => ({ period: "", measure, value: "" });

/** What a failed host call says (Office.js rejects with Errors; anything else as text). */
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Today as YYYY-MM-DD (UTC), the date `track reprofile --accept` gives a version by default. */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** A tracking view: the measures' table, forecast, slippage and the proposed reprofile, ids under `id`. */
function TrackResult({ view, id }: { readonly view: TrackView; readonly id: string }): React.JSX.Element {
  if (view.kind === "problem")
    return (
      <p className="mtfs-hint" role="status" data-testid={`${id}-problem`}>
        {view.message}
      </p>
    );
  const forecastColumn = view.reprofileYears?.some((y) => y.forecastMtfs !== undefined) ?? false;
  return (
    <div data-testid={`${id}-result`}>
      <div style={SCROLL}>
        <table className="mtfs-table">
          <thead>
            <tr>
              <th>Measure</th>
              <th>Plan to date</th>
              <th>Actual to date</th>
              <th>Variance</th>
              <th>% of plan</th>
              <th>RAG</th>
            </tr>
          </thead>
          <tbody>
            {view.lines.map((l) => {
              // On a proposal of several streams each line is one stream's, and the £ total is all of them.
              const name = l.stream === undefined ? l.measure : `${l.stream}-${l.measure}`;
              const label =
                l.stream !== undefined
                  ? `${l.stream}: ${l.words}`
                  : view.lines.some((x) => x.stream !== undefined)
                    ? `${l.words} (all streams)`
                    : l.words;
              return (
                <tr key={name} data-testid={`${id}-line-${name}`}>
                  <td style={TEXT}>{label}</td>
                  <td>{l.plan}</td>
                  <td>{l.actual}</td>
                  <td data-testid={`${id}-variance-${name}`}>{l.variance}</td>
                  <td>{l.percentOfPlan}</td>
                  <td data-testid={`${id}-rag-${name}`} data-rag={l.rag}>
                    {l.rag}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {view.warnings?.map((w) => (
        <p className="mtfs-hint" key={w} data-testid={`${id}-warning`}>
          <Figures text={w} />
        </p>
      ))}
      {view.forecast && (
        <p data-testid={`${id}-forecast`}>
          {FORECAST_CUMULATIVE} <Figures text={view.forecast} />
        </p>
      )}
      {view.mtfsRow && (
        <p data-testid={`${id}-mtfs`}>
          Forecast MTFS row: <Figures text={view.mtfsRow} />
        </p>
      )}
      {view.slippage && <p data-testid={`${id}-slippage`}>Slippage: {view.slippage}</p>}
      {view.reprofile && <p data-testid={`${id}-reprofile`}>Proposed reprofile: {view.reprofile}</p>}
      {view.reprofileNote && (
        <p className="mtfs-hint" data-testid={`${id}-reprofile-note`}>
          {view.reprofileNote}
        </p>
      )}
      {view.reprofileYears && (
        <div style={SCROLL}>
          {/* The forecast beside the revised plan, as `track reprofile` prints it (when the report has one). */}
          <table className="mtfs-table" data-testid={`${id}-reprofile-years`}>
            <thead>
              <tr>
                <th>FY</th>
                <th>Approved cumulative</th>
                <th>Revised cumulative</th>
                <th>Approved MTFS row</th>
                <th>Revised MTFS row</th>
                {forecastColumn && <th>Forecast MTFS row</th>}
              </tr>
            </thead>
            <tbody>
              {view.reprofileYears.map((y) => (
                <tr key={y.fy}>
                  <td style={TEXT}>{y.fy}</td>
                  <td>{y.approved}</td>
                  <td>{y.revised}</td>
                  <td>{y.approvedMtfs}</td>
                  <td>{y.revisedMtfs}</td>
                  {forecastColumn && <td>{y.forecastMtfs}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.reprofileRunRate && (
        <p data-testid={`${id}-run-rate`}>
          <Figures text={view.reprofileRunRate} />
        </p>
      )}
      {view.reprofileMeans?.map((m) => (
        <p className="mtfs-hint" key={m} data-testid={`${id}-reprofile-means`}>
          {m}
        </p>
      ))}
    </div>
  );
}

/** A status line: what a write or an accept did, and the conflicts it kept. */
interface Note {
  readonly text: string;
  readonly details: readonly string[];
}

/**
 * The Track tab.
 *
 * @example
 * <TrackTab raw={draftToRaw(draft)} sheet={draft.editingSheet} track={trackView} fromCsv={actualsFromCsv}
 *   workbook={host.track} />
 */
export function TrackTab({
  raw,
  sheet,
  track,
  fromCsv,
  measures,
  workbook,
  today = todayUtc,
}: {
  readonly raw: unknown;
  /** The proposal sheet the draft edits, when it does: the proposal's key in the workbook. */
  readonly sheet?: string;
  readonly track: (raw: unknown, actuals: readonly TypedActual[]) => TrackView;
  /** Reads an actuals CSV (as `track import` does) for the named proposal. */
  readonly fromCsv: typeof actualsFromCsv;
  /** The measures a stream of the draft is tracked on, in words (the dropdown's options). */
  readonly measures: typeof trackMeasures;
  /** The workbook's Tracking sheet; absent: the tab only previews. */
  readonly workbook?: TrackWorkbookOps;
  readonly today?: () => string;
}): React.JSX.Element {
  const name = (raw as { opportunity?: { name?: unknown } } | null)?.opportunity?.name;
  const proposalName = typeof name === "string" ? name.trim() : "";
  const key = sheet ?? proposalName;
  const streams = (raw as { assumptions?: { streams?: unknown } } | null)?.assumptions?.streams;
  const hasStreams = Array.isArray(streams) && streams.length > 0;

  // Each stream's measures, worked out once per draft (a row's stream picks its list).
  const measuresOf = React.useMemo(() => {
    const known = new Map<string, ReturnType<typeof trackMeasures>>();
    return (stream?: string) => {
      const id = (stream ?? "").trim();
      const found = known.get(id) ?? measures(raw, id);
      known.set(id, found);
      return found;
    };
  }, [measures, raw]);
  // A new row takes the last row's measure, or the stream's first KPI (its "saving" when it has none).
  const firstMeasure = (): string => {
    const m = measuresOf();
    return (m[1] ?? m[0]).key;
  };
  const [rows, setRows] = React.useState<readonly TypedActual[]>(() => [blankRow(firstMeasure())]);
  const [csv, setCsv] = React.useState("");
  const [csvNote, setCsvNote] = React.useState<Note | null>(null);
  const [inBook, setInBook] = React.useState<WorkbookTrack | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [note, setNote] = React.useState<Note | null>(null);
  const fileInput = React.useRef<HTMLInputElement>(null);

  const takeCsv = async (text: string, file?: string): Promise<void> => {
    const from = file ?? "pasted CSV";
    const r = fromCsv(text, [key, proposalName], from);
    if ("problem" in r) return setCsvNote({ text: r.problem, details: [] });
    // The CSV's own bad lines and the workbook's, all at once (as `track import`): one round of fixes.
    let problems = r.problems;
    if (workbook && inBook?.kind === "sheet") {
      try {
        problems = await workbook.checkCsv(key, r.rows, r.problems);
      } catch (e) {
        // Excel failing the read (not a bad line): said beside the CSV, as a failed write is said beside it.
        return setCsvNote({
          text: `Could not check the workbook: ${messageOf(e)}; no actuals were taken.`,
          details: [],
        });
      }
    }
    if (problems.length > 0) {
      const lines = new Set(problems.map((p) => /^line (\d+):/.exec(p)?.[1] ?? p)).size;
      return setCsvNote({
        text: `${from}: ${countText(lines, "bad line")}; no actuals were taken. Put right and use it again:`,
        details: problems,
      });
    }
    if (r.rows.length > 0) setRows(r.rows);
    setCsvNote({
      text:
        `${r.rows.length} actuals for this proposal` +
        (file ? ` from ${file}` : "") +
        (r.others ? `; ${r.others} for other proposals left out` : ""),
      details: [],
    });
  };
  const openCsv = async (file: File): Promise<void> => {
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      return setCsvNote({ text: `Could not read ${file.name}: ${messageOf(e)}`, details: [] });
    }
    setCsv(text);
    await takeCsv(text, file.name);
  };

  const reload = React.useCallback(async (): Promise<void> => {
    if (!workbook || key === "") return;
    setInBook(await workbook.read(key));
  }, [workbook, key]);
  React.useEffect(() => {
    void reload();
  }, [reload]);

  // Fitting a reprofile takes a moment: typing stays responsive and the figures follow.
  const settled = React.useDeferredValue(rows);
  const view = React.useMemo(() => track(raw, settled), [track, raw, settled]);
  const set = (i: number, patch: Partial<TypedActual>): void =>
    // A row edited by hand is the user's now, not the CSV line it came from.
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch, source: undefined } : r)));
  const entered = rows.some((r) => r.value.trim() !== "");

  const act = async (step: () => Promise<Note | null>): Promise<void> => {
    setBusy(true);
    try {
      const n = await step();
      if (n) setNote(n);
      await reload();
    } catch (e) {
      setNote({ text: `Failed: ${messageOf(e)}`, details: [] });
    } finally {
      setBusy(false);
    }
  };
  const write = (): Promise<void> =>
    act(async () => {
      if (!workbook) return null;
      const r = await workbook.write(key, rows);
      if (r.kind === "refused") return { text: r.message, details: [] };
      // Written (or kept as conflicts, reported below): the rows now live on the sheet.
      setRows([blankRow(rows[rows.length - 1]?.measure ?? firstMeasure())]);
      return {
        text: r.message,
        details: [...r.conflicts.map((c) => `Conflict: ${c}`), ...r.warnings.map((w) => `Warning: ${w}`)],
      };
    });
  const accept = (at: string): Promise<void> =>
    act(async () => {
      if (!workbook) return null;
      return { text: await workbook.acceptReprofile(key, at), details: [] };
    });
  // The version's date: today by default, any calendar date `track reprofile --date` takes.
  const [versionDate, setVersionDate] = React.useState(today);
  const dateProblem = versionDateProblem(versionDate);

  return (
    <section className="mtfs-track" data-testid="track-tab">
      <h2 className="mtfs-h2">Track: actuals against the plan</h2>
      <p className="mtfs-hint">
        Period: a month &ldquo;2027-10&rdquo; or a fiscal quarter &ldquo;2027-Q3&rdquo; ({QUARTER_YEAR}).
        Measure: one of the stream&rsquo;s KPIs, or the £ saving recorded by finance.
      </p>
      {rows.map((r, i) => (
        <div style={ROW} key={i} data-testid={`actual-${i}`}>
          <Input
            aria-label={`Period of actual ${i + 1}`}
            data-testid={`actual-${i}-period`}
            value={r.period}
            placeholder="2027-10"
            onChange={(_, d) => set(i, { period: d.value })}
          />
          {hasStreams && (
            <Input
              aria-label={`Stream of actual ${i + 1}`}
              data-testid={`actual-${i}-stream`}
              value={r.stream ?? ""}
              placeholder="stream id"
              onChange={(_, d) => set(i, { stream: d.value })}
            />
          )}
          <Dropdown
            aria-label={`Measure of actual ${i + 1}`}
            data-testid={`actual-${i}-measure`}
            value={measuresOf(r.stream).find((m) => m.key === r.measure)?.words ?? r.measure}
            selectedOptions={[r.measure]}
            onOptionSelect={(_, d) => set(i, { measure: d.optionValue ?? r.measure })}
          >
            {measuresOf(r.stream).map((m) => (
              <Option key={m.key} value={m.key}>
                {m.words}
              </Option>
            ))}
          </Dropdown>
          <Input
            aria-label={`Value of actual ${i + 1}`}
            data-testid={`actual-${i}-value`}
            value={r.value}
            onChange={(_, d) => set(i, { value: d.value })}
          />
          <Button
            size="small"
            onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
            disabled={rows.length === 1}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button
        style={{ marginBottom: 12 }}
        data-testid="add-actual"
        onClick={() => setRows((rs) => [...rs, blankRow(rs[rs.length - 1]?.measure ?? firstMeasure())])}
      >
        Add actual
      </Button>
      <Textarea
        style={BLOCK}
        resize="vertical"
        aria-label="Actuals CSV"
        data-testid="actuals-csv"
        placeholder="proposal,stream,period,measure,value (as track import reads, docs/cli.md)"
        value={csv}
        onChange={(_, d) => setCsv(d.value)}
      />
      <div style={ROW}>
        <Button data-testid="use-csv" onClick={() => void takeCsv(csv)} disabled={csv.trim() === ""}>
          Use the CSV&rsquo;s actuals
        </Button>
        {/* The native chooser is hidden (it cannot be styled); the Fluent button opens it. */}
        <input
          ref={fileInput}
          type="file"
          hidden
          aria-hidden="true"
          tabIndex={-1}
          data-testid="csv-file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void openCsv(file);
          }}
        />
        <Button data-testid="open-csv" onClick={() => fileInput.current?.click()}>
          Open CSV file
        </Button>
      </div>
      {csvNote && (
        <div role="status" data-testid="csv-note">
          <p className="mtfs-hint">{csvNote.text}</p>
          {csvNote.details.length > 0 && (
            <ul className="mtfs-hint">
              {csvNote.details.map((d) => (
                <li key={d} data-testid="csv-problem">
                  {d}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <h3 className="mtfs-h3">Preview of the actuals entered</h3>
      <TrackResult view={view} id="track" />
      {workbook && (
        <>
          <div style={ROW}>
            <Button
              appearance="primary"
              data-testid="write-actuals"
              disabled={busy || !entered || inBook?.kind !== "sheet"}
              onClick={() => void write()}
            >
              Write to workbook
            </Button>
            <Button data-testid="reload-actuals" disabled={busy} onClick={() => void act(async () => null)}>
              Reload from workbook
            </Button>
          </div>
          {note && (
            <div role="status" data-testid="track-note">
              <p className="mtfs-hint">{note.text}</p>
              {note.details.map((d) => (
                <p className="mtfs-hint" key={d} data-testid="track-note-detail">
                  {d}
                </p>
              ))}
            </div>
          )}
          <h3 className="mtfs-h3">In the workbook</h3>
          {inBook === null ? (
            <p className="mtfs-hint">Reading the Tracking sheet…</p>
          ) : inBook.kind === "absent" ? (
            <p className="mtfs-hint" role="status" data-testid="book-absent">
              {inBook.message}
            </p>
          ) : (
            <div data-testid="book-track">
              <p className="mtfs-hint" data-testid="book-count">
                {inBook.actuals.length === 1
                  ? `1 actual for ${inBook.sheet} on the Tracking sheet`
                  : `${inBook.actuals.length} actuals for ${inBook.sheet} on the Tracking sheet`}
              </p>
              {inBook.actuals.length > 0 && (
                <div style={SCROLL}>
                  <table className="mtfs-table" data-testid="book-actuals">
                    <thead>
                      <tr>
                        <th>Row</th>
                        {hasStreams && <th style={TEXT}>Stream</th>}
                        <th style={TEXT}>Period</th>
                        <th style={TEXT}>Measure</th>
                        <th>Actual</th>
                        <th style={TEXT}>Source</th>
                      </tr>
                    </thead>
                    <tbody>
                      {inBook.actuals.map((a) => (
                        <tr key={a.row}>
                          <td>{a.row}</td>
                          {hasStreams && <td style={TEXT}>{a.stream}</td>}
                          <td style={TEXT}>{a.period}</td>
                          <td style={TEXT}>{a.measure}</td>
                          <td>{a.value}</td>
                          <td style={TEXT}>{a.source || "typed on the sheet"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {inBook.problems.map((p) => (
                <p className="mtfs-hint" key={p} data-testid="book-problem">
                  {p}
                </p>
              ))}
              <TrackResult view={inBook.view} id="book" />
              {inBook.canReprofile && (
                <div style={ROW}>
                  <Field
                    label="Version date"
                    hint="The date the accepted reprofile is kept under (default today)."
                    validationState={dateProblem ? "error" : "none"}
                    validationMessage={dateProblem}
                  >
                    <Input
                      type="date"
                      data-testid="version-date"
                      value={versionDate}
                      onChange={(_, d) => setVersionDate(d.value)}
                    />
                  </Field>
                  <Button
                    style={{ alignSelf: "center" }}
                    data-testid="accept-reprofile"
                    disabled={busy || dateProblem !== undefined}
                    onClick={() => void accept(versionDate.trim())}
                  >
                    {dateProblem ? "Accept reprofile" : `Accept reprofile (version of ${versionDate.trim()})`}
                  </Button>
                </div>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
