import * as React from "react";
import { describeLine } from "../../workbook/changeReport";
import type { RefreshReport } from "../host";

/** Refresh's change report: per proposal its headline figures, then the cells by label, then kept hand edits. */
export function ChangeReport({ report }: { readonly report: RefreshReport }): React.JSX.Element | null {
  if (report.lines.length === 0) return null;
  return (
    <details open className="mtfs-report">
      <summary>Change report ({report.lines.length})</summary>
      <ul>
        {report.lines.map((l, i) => (
          <li key={i}>
            {l.proposal} {describeLine(l)}
            {l.label ? ` (${l.cell})` : ""}
          </li>
        ))}
      </ul>
    </details>
  );
}
