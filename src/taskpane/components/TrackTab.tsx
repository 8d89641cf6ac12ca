import * as React from "react";
import { Button, Dropdown, Input, Option, Textarea } from "@fluentui/react-components";
import type { TrackView, TypedActual, actualsFromCsv } from "../trackBridge";

/**
 * The wizard's Track tab (issue 15): the actuals of the proposal being edited, typed as rows (period, measure,
 * value), and beside them plan to date, variance, % of plan and RAG per measure, the forecast outturn, the
 * slippage and the proposed reprofile, all from the engine through `track`.
 */

const MEASURES = ["avoidedEvents", "caseloadReduction", "saving"] as const;
/** One actual per line, wrapping in a narrow pane; the CSV box takes the pane's width. */
const ROW: React.CSSProperties = { display: "flex", flexWrap: "wrap", gap: 4, marginBottom: 4 };
const BLOCK: React.CSSProperties = { display: "flex", width: "100%", marginBottom: 4 };

/**
 * The Track tab.
 *
 * @example
 * <TrackTab raw={draftToRaw(draft)} track={trackView} />
 */
export function TrackTab({
  raw,
  track,
  fromCsv,
}: {
  readonly raw: unknown;
  readonly track: (raw: unknown, actuals: readonly TypedActual[]) => TrackView;
  /** Reads a pasted actuals CSV (as `track import` does) for the named proposal. */
  readonly fromCsv: typeof actualsFromCsv;
}): React.JSX.Element {
  const [csv, setCsv] = React.useState("");
  const [csvNote, setCsvNote] = React.useState<string | null>(null);
  const name = (raw as { opportunity?: { name?: unknown } } | null)?.opportunity?.name;
  const useCsv = (): void => {
    const r = fromCsv(csv, typeof name === "string" ? name : "");
    if ("problem" in r) return setCsvNote(r.problem);
    if (r.rows.length > 0) setRows(r.rows);
    setCsvNote(
      `${r.rows.length} actuals for this proposal` +
        (r.others ? `; ${r.others} for other proposals left out` : ""),
    );
  };
  const [rows, setRows] = React.useState<readonly TypedActual[]>([
    { period: "", measure: "avoidedEvents", value: "" },
  ]);
  // Fitting a reprofile takes a moment: typing stays responsive and the figures follow.
  const settled = React.useDeferredValue(rows);
  const view = React.useMemo(() => track(raw, settled), [track, raw, settled]);
  const set = (i: number, patch: Partial<TypedActual>): void =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <section className="mtfs-track" data-testid="track-tab">
      <h2 className="mtfs-h2">Track: actuals against the plan</h2>
      <p className="mtfs-hint">
        Period: a month &ldquo;2027-10&rdquo; or a fiscal quarter &ldquo;2027-Q3&rdquo; (Q1 = April to June).
        Measure: avoided events, caseload reduction, or the £ saving recorded by finance.
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
          <Dropdown
            aria-label={`Measure of actual ${i + 1}`}
            data-testid={`actual-${i}-measure`}
            value={r.measure}
            selectedOptions={[r.measure]}
            onOptionSelect={(_, d) => set(i, { measure: d.optionValue ?? r.measure })}
          >
            {MEASURES.map((m) => (
              <Option key={m} value={m}>
                {m}
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
        onClick={() =>
          setRows((rs) => [
            ...rs,
            { period: "", measure: rs[rs.length - 1]?.measure ?? "avoidedEvents", value: "" },
          ])
        }
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
      <Button data-testid="use-csv" onClick={useCsv} disabled={csv.trim() === ""}>
        Use the CSV&rsquo;s actuals
      </Button>
      {csvNote && (
        <p className="mtfs-hint" role="status" data-testid="csv-note">
          {csvNote}
        </p>
      )}
      {view.kind === "problem" ? (
        <p className="mtfs-hint" role="status" data-testid="track-problem">
          {view.message}
        </p>
      ) : (
        <div data-testid="track-result">
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
              {view.lines.map((l) => (
                <tr key={l.measure} data-testid={`track-line-${l.measure}`}>
                  <td>{l.measure}</td>
                  <td>{l.plan}</td>
                  <td>{l.actual}</td>
                  <td data-testid={`variance-${l.measure}`}>{l.variance}</td>
                  <td>{l.percentOfPlan}</td>
                  <td data-testid={`rag-${l.measure}`} data-rag={l.rag}>
                    {l.rag}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.forecast && <p data-testid="track-forecast">Forecast {view.forecast}</p>}
          {view.mtfsRow && <p data-testid="track-mtfs">Forecast MTFS row: {view.mtfsRow}</p>}
          {view.slippage && <p data-testid="track-slippage">Slippage: {view.slippage}</p>}
          {view.reprofile && <p data-testid="track-reprofile">Proposed reprofile: {view.reprofile}</p>}
        </div>
      )}
    </section>
  );
}
