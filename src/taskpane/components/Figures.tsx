import * as React from "react";

/**
 * A money figure as the engine words it ("-£1.50m", "£54.5k", "£1,338.30"), found in a line of text. The pane
 * wraps long words anywhere (`overflow-wrap: anywhere`) and a line may break after a hyphen, so at 320 px
 * "-£1.50m" could split into "-" and "£1.50m"; each figure goes in a span that does not wrap.
 */
const MONEY = /-?£\d[\d,]*(?:\.\d+)?[mk]?/g;

/**
 * `text` with each money figure kept on one line (class `mtfs-figure`: `white-space: nowrap`); the text reads
 * the same (textContent unchanged).
 *
 * @example
 * <Figures text="FY27/28: -£1.50m (plan £0.20m)" />
 */
export function Figures({ text }: { readonly text: string }): React.JSX.Element {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(MONEY)) {
    const start = m.index;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <span className="mtfs-figure" key={start}>
        {m[0]}
      </span>,
    );
    at = start + m[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
