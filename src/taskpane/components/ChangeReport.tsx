import * as React from "react";
import type { RefreshReport } from "../host";

/** Refresh's change report: proposal, cell, old → new, with hand edits marked as kept. */
export function ChangeReport({ report }: { readonly report: RefreshReport }): React.JSX.Element | null {
  if (report.lines.length === 0) return null;
  return (
    <details open className="mtfs-report">
      <summary>Change report ({report.lines.length})</summary>
      <ul>
        {report.lines.map((l, i) => (
          <li key={i}>
            {l.proposal} {l.cell}: {l.before} → {l.after}
            {l.kept ? " (edited by hand: kept and flagged)" : ""}
          </li>
        ))}
      </ul>
    </details>
  );
}
