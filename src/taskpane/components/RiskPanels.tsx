import * as React from "react";
import type { RiskEngine } from "../riskBridge";
import { AppraisalPanel } from "./AppraisalPanel";
import { SensitivityPanel } from "./SensitivityPanel";
import { SimulationPanel } from "./SimulationPanel";

/** A figure the engine could not give (a bug, not a user error): said in the panel, the pane stays up. */
function attempt<T>(compute: () => T): T | { readonly failed: string } {
  try {
    return compute();
  } catch (e) {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
}

function isFailed(x: unknown): x is { readonly failed: string } {
  return typeof x === "object" && x !== null && "failed" in x;
}

function Failed({ what }: { readonly what: { readonly failed: string } }): React.JSX.Element {
  return <p role="alert">Could not compute this: {what.failed}</p>;
}

/**
 * The preview's risk and appraisal sections under the profile, each a `<details>` (keyboard: Tab to its
 * summary, Enter or Space opens it): appraisal (risk-adjusted row, stretch, Green Book, cashable split),
 * sensitivity (tornado) and Monte Carlo. A closed section computes nothing.
 */
export function RiskPanels<P>({
  subject,
  engine,
}: {
  readonly subject: P;
  readonly engine: RiskEngine<P>;
}): React.JSX.Element {
  const [open, setOpen] = React.useState<ReadonlySet<string>>(new Set(["appraisal"]));
  const toggle = (id: string) => (e: React.SyntheticEvent<HTMLDetailsElement>) => {
    const isOpen = e.currentTarget.open;
    setOpen((was) => {
      if (was.has(id) === isOpen) return was;
      const next = new Set(was);
      if (isOpen) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  // Keyed on what the figures depend on, so typing a narrative recomputes nothing.
  const key = engine.key(subject);
  const current = React.useRef(subject);
  current.current = subject;
  const appraisal = React.useMemo(
    () => (open.has("appraisal") ? attempt(() => engine.appraisal(current.current)) : null),
    [open, engine, key],
  );
  const sensitivity = React.useMemo(
    () => (open.has("sensitivity") ? attempt(() => engine.sensitivity(current.current)) : null),
    [open, engine, key],
  );
  return (
    <section aria-label="Risk and appraisal" className="mtfs-risk">
      <details
        open={open.has("appraisal")}
        onToggle={toggle("appraisal")}
        data-testid="appraisal-panel"
        className="mtfs-panel"
      >
        <summary>Risk-adjusted row, scenarios and Green Book</summary>
        {appraisal &&
          (isFailed(appraisal) ? <Failed what={appraisal} /> : <AppraisalPanel view={appraisal} />)}
      </details>
      <details
        open={open.has("sensitivity")}
        onToggle={toggle("sensitivity")}
        data-testid="sensitivity-panel"
        className="mtfs-panel"
      >
        <summary>Sensitivity (tornado)</summary>
        {sensitivity &&
          (isFailed(sensitivity) ? <Failed what={sensitivity} /> : <SensitivityPanel view={sensitivity} />)}
      </details>
      <details
        open={open.has("simulation")}
        onToggle={toggle("simulation")}
        data-testid="simulation-panel"
        className="mtfs-panel"
      >
        <summary>Monte Carlo</summary>
        {/* Kept mounted once opened, so a run and its result survive closing the section. */}
        <SimulationPanel subject={subject} runKey={key} engine={engine} />
      </details>
    </section>
  );
}
