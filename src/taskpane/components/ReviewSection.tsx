import * as React from "react";
import { stepOfPath } from "../form/steps";
import type { FieldError } from "../form/validate";
import type { SummaryLine } from "../preview/summaryModel";
import { Figures } from "./Figures";

/**
 * The review step: the proposal's summary (what Finish writes, in words) when it is complete, else every
 * outstanding problem, each a link to the step that fixes it.
 */
export function ReviewSection({
  errors,
  summary,
  onGo,
}: {
  readonly errors: readonly FieldError[];
  readonly summary: readonly SummaryLine[] | null;
  readonly onGo: (index: number) => void;
}): React.JSX.Element {
  return (
    <section aria-label="Review">
      {errors.length === 0 ? (
        <>
          <p role="status">The proposal is complete. Finish writes its sheet into the workbook.</p>
          {summary && (
            <dl className="mtfs-review" data-testid="review-summary">
              {summary.map((line) => (
                <div key={line.label}>
                  <dt>{line.label}</dt>
                  <dd>
                    <Figures text={line.value} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </>
      ) : (
        <>
          <p role="alert">Fix these before finishing:</p>
          <ul className="mtfs-errors" data-testid="error-list">
            {errors.map((e) => (
              <li key={`${e.path}:${e.message}`}>
                <button type="button" className="mtfs-link" onClick={() => onGo(stepOfPath(e.path))}>
                  {e.where ? `${e.where}: ${e.message}` : e.message}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
