import * as React from "react";
import type { PreviewModel } from "../preview/previewModel";
import { yearsText } from "../preview/plural";
import { ProfileChart, streamColour } from "./ProfileChart";
import { Figures } from "./Figures";

/**
 * The live preview: profile table (in-year and cumulative by FY, £m or £k below £0.1m), chart, quantified opportunity and full
 * run rate. When the inputs are invalid it keeps showing the last valid preview, marked as such.
 */
export function PreviewPanel({
  model,
  stale,
  children,
}: {
  readonly model: PreviewModel | null;
  readonly stale: boolean;
  /** Sections under the profile (the risk and appraisal panels). */
  readonly children?: React.ReactNode;
}): React.JSX.Element {
  return (
    <aside aria-label="Live preview" className="mtfs-preview" data-stale={stale ? "true" : "false"}>
      <h2 className="mtfs-h2">Preview</h2>
      {model === null ? (
        <p>Fill in the assumptions to see the benefits profile.</p>
      ) : (
        <>
          {stale && (
            <p role="status" className="mtfs-stale">
              Showing the last valid inputs: fix the marked fields to update.
            </p>
          )}
          <dl className="mtfs-summary">
            <div>
              <dt>Quantified opportunity over the MTFS</dt>
              <dd data-testid="quantified">
                <Figures text={model.quantifiedText} />
              </dd>
            </div>
            <div>
              <dt>Full run rate</dt>
              <dd data-testid="run-rate">
                <Figures text={model.runRateText} /> in {model.runRateFyLabel}
              </dd>
            </div>
            <div>
              <dt>Time to full run rate</dt>
              <dd data-testid="time-to-run-rate">{yearsText(model.timeToFullRunRateYears)}</dd>
            </div>
          </dl>
          {/* With the contingency in brackets a cell may wrap between its two figures (each whole) at 320 px. */}
          <div className="mtfs-scroll">
            <table className="mtfs-table" data-testid="profile-table">
              <caption>Benefits profile ({model.profileUnits})</caption>
              <thead>
                <tr>
                  <th scope="col">Year</th>
                  <th scope="col">In-year</th>
                  <th scope="col">Cumulative</th>
                </tr>
              </thead>
              <tbody>
                {model.rows.map((r) => (
                  <tr key={r.label} data-fy={r.label} className={r.withinMtfs ? undefined : "mtfs-beyond"}>
                    <th scope="row">{r.label}</th>
                    <td data-testid={`in-year-${r.label}`} className="mtfs-figures">
                      <Figures text={r.inYearText} />
                    </td>
                    <td data-testid={`cumulative-${r.label}`} className="mtfs-figures">
                      <Figures text={r.cumulativeText} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {model.streams.length > 0 && (
            <div className="mtfs-scroll">
              <table className="mtfs-table" data-testid="stream-table">
                <caption>Saving by stream (gross, {model.streamUnits}; Net is cumulative)</caption>
                <thead>
                  <tr>
                    <th scope="col">Year</th>
                    {model.streams.map((s) => (
                      <th scope="col" key={s.id}>
                        {s.label}
                      </th>
                    ))}
                    {/* The profile's cumulative benefit, said in the caption: a longer heading breaks mid-word at 320 px. */}
                    <th scope="col">Net</th>
                  </tr>
                </thead>
                <tbody>
                  {model.rows.map((r, i) => (
                    <tr key={r.label} className={r.withinMtfs ? undefined : "mtfs-beyond"}>
                      <th scope="row">{r.label}</th>
                      {model.streams.map((s) => (
                        <td key={s.id} data-testid={`stream-${s.id}-${r.label}`}>
                          {s.texts[i]}
                        </td>
                      ))}
                      <td data-testid={`stream-net-${r.label}`}>{r.cumulativeText}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <ProfileChart rows={model.rows} streams={model.streams} />
          {model.streams.length > 0 ? (
            <p className="mtfs-legend" aria-hidden="true">
              {model.streams.map((s, k) => (
                <span key={s.id} className="mtfs-legend-item">
                  <span className="mtfs-key" style={{ background: streamColour(k) }} /> {s.label}
                </span>
              ))}
              <span className="mtfs-legend-item">
                <span className="mtfs-key mtfs-key-line" /> Net benefit (£m; paler bars beyond the MTFS)
              </span>
            </p>
          ) : (
            <p className="mtfs-legend" aria-hidden="true">
              <span className="mtfs-key mtfs-key-bar" /> In-year (£m; paler beyond the MTFS){" "}
              <span className="mtfs-key mtfs-key-line" /> Cumulative (£m)
            </p>
          )}
          {children}
        </>
      )}
    </aside>
  );
}
