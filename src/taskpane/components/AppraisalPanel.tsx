import * as React from "react";
import type { AppraisalView } from "../riskBridge";

const KIND_WORDS: Readonly<Record<string, string>> = {
  cashable: "Cashable",
  costAvoidance: "Cost avoidance",
  nonCashable: "Non-cashable",
};

/**
 * The preview's appraisal: the MTFS row beside its risk-adjusted row (optimism bias off the benefits) and the
 * stretch scenario where the draft states one, the Green Book figures (NPV, BCR, discounted payback) and the
 * gross saving by kind (cashable, cost avoidance). All the engine's; compact tables for narrow panes.
 */
export function AppraisalPanel({ view }: { readonly view: AppraisalView }): React.JSX.Element {
  const { riskAdjusted, stretch, greenBook } = view;
  return (
    <>
      <dl className="mtfs-summary" data-testid="green-book">
        <div>
          <dt>Net present value</dt>
          <dd data-testid="npv" className="mtfs-figure">
            {greenBook.npvText}
          </dd>
        </div>
        <div>
          <dt>Benefit–cost ratio</dt>
          <dd data-testid="bcr">{greenBook.bcrText}</dd>
        </div>
        <div>
          <dt>Discounted payback</dt>
          <dd data-testid="payback">{greenBook.paybackText}</dd>
        </div>
      </dl>
      <p className="mtfs-note">{greenBook.basisText}.</p>
      <div className="mtfs-scroll">
        <table className="mtfs-table" data-testid="scenario-table">
          <caption>MTFS row and scenarios ({view.scenarioUnits})</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">MTFS row</th>
              {riskAdjusted && <th scope="col">Risk-adjusted</th>}
              {stretch && <th scope="col">With stretch</th>}
            </tr>
          </thead>
          <tbody>
            {view.years.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td data-testid={`mtfs-${label}`}>{view.mtfsTexts[i]}</td>
                {riskAdjusted && (
                  <td data-testid={`risk-adjusted-${label}`}>{riskAdjusted.adjustedTexts[i]}</td>
                )}
                {stretch && <td data-testid={`stretch-${label}`}>{stretch.stretchedTexts[i]}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mtfs-note" data-testid="scenario-note">
        {riskAdjusted
          ? `Risk-adjusted: ${riskAdjusted.confidence} confidence, optimism bias ${riskAdjusted.optimismBiasText} off the benefits (costs kept). `
          : "No confidence level yet, so no risk-adjusted row. "}
        {stretch
          ? "With stretch: the stated stretch target in place of the target."
          : "No stretch target stated."}
      </p>
      {view.cashability.length > 0 && (
        <div className="mtfs-scroll">
          <table className="mtfs-table" data-testid="cashability-table">
            <caption>Gross saving by kind ({view.cashabilityUnits})</caption>
            <thead>
              <tr>
                <th scope="col">Year</th>
                {view.cashability.map((k) => (
                  <th scope="col" key={k.kind}>
                    {KIND_WORDS[k.kind] ?? k.kind}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.years.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {view.cashability.map((k) => (
                    <td key={k.kind} data-testid={`${k.kind}-${label}`}>
                      {k.texts[i]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.costAvoidanceNote !== undefined && <p className="mtfs-note">{view.costAvoidanceNote}</p>}
    </>
  );
}
