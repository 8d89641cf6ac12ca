import * as React from "react";
import { tickText, ticksFor } from "./ChartGrid";
import type { TornadoRow } from "../riskBridge";

const WIDTH = 300;
const PAD = { left: 6, right: 12, top: 24, bottom: 6 };
/** Each input: its name on one line, its bar under it. */
const ROW = 26;
/** The chart shows the largest swings; the table lists every input. */
export const TORNADO_ROWS = 8;

/** Colours of the two ends (the low end darker), distinct from the base line. */
export const LOW_COLOUR = "#8764b8";
export const HIGH_COLOUR = "#0f6cbd";

/**
 * A tornado as an SVG (£m): per input, largest swing first, a bar from the base quantified opportunity to
 * its value with the input at its low and one to its value at its high; the base as a vertical line. The
 * sensitivity table beside it is the accessible source of the same figures.
 */
export function TornadoChart({
  rows,
  baseMillions,
}: {
  readonly rows: readonly TornadoRow[];
  readonly baseMillions: number;
}): React.JSX.Element {
  const shown = rows.slice(0, TORNADO_ROWS);
  const { ticks, lo, hi, step } = ticksFor([
    baseMillions,
    ...shown.flatMap((r) => [r.atLowMillions, r.atHighMillions]),
  ]);
  const height = PAD.top + ROW * shown.length + PAD.bottom;
  const x = (v: number): number => PAD.left + ((v - lo) / (hi - lo)) * (WIDTH - PAD.left - PAD.right);
  const bar = (from: number, to: number): { x: number; width: number } => ({
    x: Math.min(x(from), x(to)),
    width: Math.max(Math.abs(x(to) - x(from)), 0.5),
  });
  const summary = shown.map((r) => `${r.label}: ${r.atLowText} at low, ${r.atHighText} at high`).join("; ");
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={`Tornado chart, quantified opportunity with each input at its low and high: ${summary}`}
      data-testid="tornado-chart"
      style={{ maxWidth: 480, display: "block" }}
    >
      <title>Tornado: quantified opportunity (£m), each input at its low and high</title>
      <text x={PAD.left} y={9} fontSize="9" fill="#605e5c">
        Quantified opportunity, £m
      </text>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={PAD.top} y2={height - PAD.bottom} stroke="#edebe9" />
          <text x={x(t)} y={PAD.top - 3} fontSize="8" textAnchor="middle" fill="#605e5c">
            {tickText(t, step)}
          </text>
        </g>
      ))}
      {shown.map((r, i) => {
        const top = PAD.top + ROW * i;
        const low = bar(baseMillions, r.atLowMillions);
        const high = bar(baseMillions, r.atHighMillions);
        return (
          <g key={r.path} data-input={r.path}>
            <text x={PAD.left} y={top + 9} fontSize="8" fill="#323130">
              {r.label.length > 60 ? `${r.label.slice(0, 59)}…` : r.label}
            </text>
            <rect x={low.x} y={top + 12} width={low.width} height={10} fill={LOW_COLOUR}>
              <title>{`${r.label} at low (${r.lowText}): ${r.atLowText}`}</title>
            </rect>
            <rect x={high.x} y={top + 12} width={high.width} height={10} fill={HIGH_COLOUR}>
              <title>{`${r.label} at high (${r.highText}): ${r.atHighText}`}</title>
            </rect>
          </g>
        );
      })}
      <line
        x1={x(baseMillions)}
        x2={x(baseMillions)}
        y1={PAD.top}
        y2={height - PAD.bottom}
        stroke="#c50f1f"
        strokeWidth="1.5"
        data-testid="tornado-base"
      />
    </svg>
  );
}
