import * as React from "react";
import { Button, Field, Input, ProgressBar } from "@fluentui/react-components";
import type { RiskEngine, RunSettings, SimulationView } from "../riskBridge";
import { FAN_COLOURS, FanChart } from "./FanChart";

/** The CLI's defaults (`mtfs-benefits simulate`), so the same draft gives the same P-values there. */
export const DEFAULT_ITERATIONS = "10,000";
export const DEFAULT_SEED = "1";

/** A box's whole number ("10,000" and "10_000" read as 10000), or null when it is not one. */
function wholeNumber(text: string): number | null {
  const n = Number(text.replace(/[,_\s]/g, ""));
  return text.trim() !== "" && Number.isInteger(n) ? n : null;
}

type RunState =
  | { readonly kind: "idle" }
  | { readonly kind: "running"; readonly done: number; readonly total: number }
  | { readonly kind: "cancelled" }
  | { readonly kind: "done"; readonly view: SimulationView; readonly key: string };

/**
 * The preview's Monte Carlo panel: iterations and seed (the CLI's defaults), Run, a progress bar and Cancel
 * while the engine runs in chunks that give the pane a turn, then P10 / P50 / P90 of the MTFS row per FY, a
 * fan chart and the probability of reaching the MTFS figure. The same seed gives the CLI's numbers.
 */
export function SimulationPanel<P>({
  subject,
  runKey,
  engine,
}: {
  /** The valid draft to simulate (the last valid one while the form has problems). */
  readonly subject: P;
  /** The engine's key of the draft: a run of another key is out of date. */
  readonly runKey: string;
  readonly engine: RiskEngine<P>;
}): React.JSX.Element {
  const [iterations, setIterations] = React.useState(DEFAULT_ITERATIONS);
  const [seed, setSeed] = React.useState(DEFAULT_SEED);
  const [state, setState] = React.useState<RunState>({ kind: "idle" });
  // A setting's problem shows under its box; any other (a bug, a draft input the engine refused) above the result.
  const [problems, setProblems] = React.useState<{ iterations?: string; seed?: string; general?: string }>(
    {},
  );
  const cancel = React.useRef(false);
  // A run still going when the panel goes away stops at its next chunk.
  React.useEffect(
    () => () => {
      cancel.current = true;
    },
    [],
  );

  const run = async (): Promise<void> => {
    const n = wholeNumber(iterations);
    const s = wholeNumber(seed);
    const found = {
      ...(n === null ? { iterations: `Iterations must be a whole number, got "${iterations}"` } : {}),
      ...(s === null ? { seed: `Seed must be a whole number, got "${seed}"` } : {}),
    };
    setProblems(found);
    if (n === null || s === null) return;
    const settings: RunSettings = { iterations: n, seed: s };
    const key = runKey;
    cancel.current = false;
    setState({ kind: "running", done: 0, total: n });
    let result: Awaited<ReturnType<typeof engine.simulate>>;
    try {
      result = await engine.simulate(subject, settings, {
        onProgress: (done, total) => setState({ kind: "running", done, total }),
        cancelled: () => cancel.current,
      });
    } catch (e) {
      // A bug, not a user error: said beside the button, the pane stays up.
      setProblems({ general: `The simulation failed: ${e instanceof Error ? e.message : String(e)}` });
      setState({ kind: "idle" });
      return;
    }
    if (result === null) {
      setState({ kind: "cancelled" });
    } else if (result.ok) {
      setState({ kind: "done", view: result.view, key });
    } else if (result.field === "seed" || result.field === "iterations") {
      const key = result.field;
      setProblems({ [key]: `${key === "seed" ? "Seed" : "Iterations"} ${result.rule}` });
      setState({ kind: "idle" });
    } else {
      // The draft, not the settings: e.g. a distribution the engine refuses on the target.
      setProblems({ general: `The simulation cannot run: ${result.label ?? result.field} ${result.rule}` });
      setState({ kind: "idle" });
    }
  };

  const running = state.kind === "running";
  const runButton = React.useRef<HTMLButtonElement>(null);
  const cancelButton = React.useRef<HTMLButtonElement>(null);
  // The keyboard follows the run: onto Cancel when it starts, back onto Run when Cancel goes away.
  React.useEffect(() => {
    if (running) {
      if (document.activeElement === runButton.current) cancelButton.current?.focus();
    } else if (document.activeElement === document.body || document.activeElement === null) {
      runButton.current?.focus();
    }
  }, [running]);
  const view = state.kind === "done" ? state.view : null;
  const outdated = state.kind === "done" && state.key !== runKey;
  return (
    <>
      <div className="mtfs-sim-settings">
        <Field
          label="Iterations"
          validationState={problems.iterations ? "error" : "none"}
          validationMessage={problems.iterations}
        >
          <Input
            value={iterations}
            onChange={(_, d) => setIterations(d.value)}
            inputMode="numeric"
            disabled={running}
            size="small"
          />
        </Field>
        <Field
          label="Seed"
          validationState={problems.seed ? "error" : "none"}
          validationMessage={problems.seed}
        >
          <Input
            value={seed}
            onChange={(_, d) => setSeed(d.value)}
            inputMode="numeric"
            disabled={running}
            size="small"
          />
        </Field>
        <Button appearance="primary" ref={runButton} disabledFocusable={running} onClick={() => void run()}>
          Run
        </Button>
        {running && (
          <Button ref={cancelButton} onClick={() => (cancel.current = true)}>
            Cancel
          </Button>
        )}
      </div>
      {problems.general && (
        <p role="alert" data-testid="simulation-problem">
          {problems.general}
        </p>
      )}
      {running && (
        <Field
          label="Simulating"
          validationState="none"
          validationMessage={`${state.done.toLocaleString("en-GB")} of ${state.total.toLocaleString("en-GB")} iterations`}
        >
          <ProgressBar
            value={state.total === 0 ? 0 : state.done / state.total}
            data-testid="simulation-progress"
          />
        </Field>
      )}
      {state.kind === "cancelled" && (
        <p role="status" data-testid="simulation-cancelled">
          Cancelled: nothing shown. Run again to simulate.
        </p>
      )}
      {view && (
        <div data-stale={outdated ? "true" : "false"} className="mtfs-sim-result">
          {outdated && (
            <p role="status" className="mtfs-stale">
              The inputs changed since this run: Run again to update.
            </p>
          )}
          <p data-testid="simulation-probability">
            Probability of reaching the MTFS figure in {view.mtfsLabel}:{" "}
            <strong>{view.mtfsProbabilityText}</strong> ({view.iterations.toLocaleString("en-GB")} iterations,
            seed {view.seed})
          </p>
          <div className="mtfs-scroll">
            <table className="mtfs-table" data-testid="simulation-table">
              <caption>MTFS row, simulated ({view.units})</caption>
              <thead>
                <tr>
                  <th scope="col">Year</th>
                  <th scope="col">Plan</th>
                  <th scope="col">P10</th>
                  <th scope="col">P50</th>
                  <th scope="col">P90</th>
                  <th scope="col">P(≥ plan)</th>
                </tr>
              </thead>
              <tbody>
                {view.years.map((y) => (
                  <tr key={y.label} data-fy={y.label}>
                    <th scope="row">{y.label}</th>
                    <td>{y.plannedText}</td>
                    <td data-testid={`p10-${y.label}`}>{y.p10Text}</td>
                    <td data-testid={`p50-${y.label}`}>{y.p50Text}</td>
                    <td data-testid={`p90-${y.label}`}>{y.p90Text}</td>
                    <td>{y.probabilityText}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <FanChart years={view.years} />
          <p className="mtfs-legend" aria-hidden="true">
            <span className="mtfs-legend-item">
              <span className="mtfs-key" style={{ background: FAN_COLOURS.band }} /> P10 to P90
            </span>
            <span className="mtfs-legend-item">
              <span className="mtfs-key mtfs-key-line" style={{ background: FAN_COLOURS.p50 }} /> P50
            </span>
            <span className="mtfs-legend-item">
              <span className="mtfs-key mtfs-key-line" /> Planned (dashed)
            </span>
          </p>
          <p className="mtfs-note">
            Drawn: {view.drawn.length === 0 ? "none (a point figure)" : view.drawn.join(", ")}.
          </p>
          <p className="mtfs-note">{view.probabilityNote}.</p>
        </div>
      )}
    </>
  );
}
