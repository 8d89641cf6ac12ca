import * as React from "react";
import type { SensitivityView } from "../riskBridge";
import { HIGH_COLOUR, LOW_COLOUR, TORNADO_ROWS, TornadoChart } from "./TornadoChart";
import { Figures } from "./Figures";

/**
 * The preview's sensitivity panel: the engine's tornado of the quantified opportunity, each input (in the
 * form's words) at its low and its high (the draft's risk inputs, else ±10%), largest swing first; inputs that
 * change nothing are counted in a line beneath, not ranked.
 */
export function SensitivityPanel({
  view,
}: {
  readonly view: SensitivityView | { readonly error: string };
}): React.JSX.Element {
  if ("error" in view) {
    return (
      <p role="status" data-testid="sensitivity-error">
        No tornado for these inputs: {view.error}
      </p>
    );
  }
  const anyDefault = view.rows.some((r) => r.defaultEnds);
  return (
    <>
      <p className="mtfs-note">
        The quantified opportunity ({view.fyLabel}, base{" "}
        <span data-testid="sensitivity-base" className="mtfs-figure">
          {view.baseText}
        </span>
        ) with each input alone at its low and its high
        {anyDefault ? "; ends marked * are the default ±10% (no risk range in the draft)" : ""}.
      </p>
      <div className="mtfs-scroll">
        <table className="mtfs-table" data-testid="sensitivity-table">
          <caption>Sensitivity, largest swing first ({view.units})</caption>
          <thead>
            <tr>
              <th scope="col">Input (low to high)</th>
              <th scope="col">At low</th>
              <th scope="col">At high</th>
              <th scope="col">Swing</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr key={r.path} data-input={r.path}>
                <th scope="row" className="mtfs-wrap">
                  <span data-testid={`input-${r.path}`}>
                    {r.label}
                    {r.defaultEnds ? " *" : ""}
                  </span>
                  <span className="mtfs-ends" data-testid={`ends-${r.path}`}>
                    <Figures text={`${r.lowText} to ${r.highText}`} />
                  </span>
                  {r.note && (
                    <span className="mtfs-ends">
                      <Figures text={r.note} />
                    </span>
                  )}
                </th>
                <td>{r.atLowText}</td>
                <td>{r.atHighText}</td>
                <td data-testid={`swing-${r.path}`}>{r.swingText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.rows.length > 0 && (
        <>
          <TornadoChart rows={view.rows} baseMillions={view.baseMillions} />
          <p className="mtfs-legend" aria-hidden="true">
            <span className="mtfs-legend-item">
              <span className="mtfs-key" style={{ background: LOW_COLOUR }} /> At low
            </span>
            <span className="mtfs-legend-item">
              <span className="mtfs-key" style={{ background: HIGH_COLOUR }} /> At high
            </span>
            <span className="mtfs-legend-item">
              <span className="mtfs-key mtfs-key-line" /> Base
            </span>
            {view.rows.length > TORNADO_ROWS ? ` (the ${TORNADO_ROWS} largest swings)` : ""}
          </p>
        </>
      )}
      {view.unmoved !== "" && (
        <p className="mtfs-note" data-testid="sensitivity-unmoved">
          {view.unmoved}
        </p>
      )}
    </>
  );
}
