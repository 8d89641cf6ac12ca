import * as React from "react";
import type { PreviewRow } from "../preview/previewModel";

const WIDTH = 300;
const HEIGHT = 170;
const PAD = { left: 34, right: 6, top: 16, bottom: 22 };

/** A tick step of 1, 2 or 5 × 10^k giving about four ticks over the span. */
function tickStep(span: number): number {
  const raw = span / 4 || 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / magnitude;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * magnitude;
}

/**
 * The benefits profile as an SVG: in-year bars and a cumulative line, £m, drawn here so the pane needs no
 * chart library and no network. The data are also in the preview table, which screen readers use.
 */
export function ProfileChart({ rows }: { readonly rows: readonly PreviewRow[] }): React.JSX.Element {
  const values = rows.flatMap((r) => [r.inYearMillions, r.cumulativeMillions]);
  const step = tickStep(Math.max(...values, 0) - Math.min(...values, 0));
  const lo = Math.floor(Math.min(0, ...values) / step) * step;
  const hi = Math.ceil(Math.max(0, ...values) / step) * step || step;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number): number => PAD.top + ((hi - v) / (hi - lo)) * plotH;
  const slot = rows.length > 0 ? plotW / rows.length : plotW;
  const x = (i: number): number => PAD.left + slot * (i + 0.5);
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toFixed(6)));
  const summary = rows
    .map((r) => `${r.label} in-year ${r.inYearText}, cumulative ${r.cumulativeText}`)
    .join("; ");
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={`Benefits profile chart: ${summary}`}
      data-testid="profile-chart"
      style={{ maxWidth: 480, display: "block" }}
    >
      <title>Benefits profile (£m): in-year bars, cumulative line</title>
      <text x={PAD.left - 4} y={9} fontSize="9" textAnchor="end" fill="#605e5c" data-testid="y-axis-unit">
        £m
      </text>
      {ticks.map((t) => (
        <g key={t}>
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(t)}
            y2={y(t)}
            stroke={t === 0 ? "#605e5c" : "#edebe9"}
          />
          <text x={PAD.left - 4} y={y(t) + 3} fontSize="9" textAnchor="end" fill="#605e5c">
            {t.toFixed(step < 1 ? 1 : 0)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const top = y(Math.max(0, r.inYearMillions));
        const height = Math.abs(y(r.inYearMillions) - y(0));
        return (
          <g key={r.label}>
            <rect
              x={x(i) - slot * 0.3}
              y={top}
              width={slot * 0.6}
              height={Math.max(height, 0.5)}
              fill={r.withinMtfs ? "#0f6cbd" : "#8cb4e0"}
            >
              <title>{`${r.label} in-year ${r.inYearText}`}</title>
            </rect>
            <text x={x(i)} y={HEIGHT - 8} fontSize="8" textAnchor="middle" fill="#323130">
              {r.label.replace("FY", "")}
            </text>
          </g>
        );
      })}
      <polyline
        fill="none"
        stroke="#c50f1f"
        strokeWidth="2"
        points={rows.map((r, i) => `${x(i)},${y(r.cumulativeMillions)}`).join(" ")}
      />
      {rows.map((r, i) => (
        <circle key={r.label} cx={x(i)} cy={y(r.cumulativeMillions)} r="2.5" fill="#c50f1f">
          <title>{`${r.label} cumulative ${r.cumulativeText}`}</title>
        </circle>
      ))}
    </svg>
  );
}
