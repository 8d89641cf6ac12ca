import * as React from "react";
import { ChartGrid, tickText, ticksFor } from "./ChartGrid";
import type { PreviewRow, PreviewStream } from "../preview/previewModel";

const WIDTH = 300;
const HEIGHT = 170;
const PAD = { left: 34, right: 6, top: 16, bottom: 22 };

/** Stream colours, in stream order (distinct from the net line's red); they repeat after seven streams. */
export const STREAM_COLOURS = ["#0f6cbd", "#8764b8", "#038387", "#ca5010", "#498205", "#986f0b", "#c239b3"];

/** The colour of the k-th stream. */
export function streamColour(k: number): string {
  return STREAM_COLOURS[k % STREAM_COLOURS.length];
}

/** One stacked segment: stream k's gross in FY i, from `from` to `to` (£m). */
interface Segment {
  readonly i: number;
  readonly k: number;
  readonly from: number;
  readonly to: number;
}

/** Stacks each FY's stream values: savings upwards from 0, negatives (a stream that costs) downwards. */
function stack(rows: readonly PreviewRow[], streams: readonly PreviewStream[]): Segment[] {
  return rows.flatMap((_, i) => {
    let up = 0;
    let down = 0;
    return streams.map((s, k) => {
      const v = s.millions[i] ?? 0;
      const from = v >= 0 ? up : down;
      if (v >= 0) up += v;
      else down += v;
      return { i, k, from, to: from + v };
    });
  });
}

/**
 * The benefits profile as an SVG, £m, drawn here so the pane needs no chart library and no network: in-year
 * bars and a cumulative line for a single cohort; for saving streams, each stream's gross stacked per FY and
 * the net benefit as the line. The data are also in the preview tables, which screen readers use.
 */
export function ProfileChart({
  rows,
  streams = [],
}: {
  readonly rows: readonly PreviewRow[];
  /** Each stream's gross by FY: when given, the bars are the streams, stacked. */
  readonly streams?: readonly PreviewStream[];
}): React.JSX.Element {
  const stacked = streams.length > 0;
  const segments = stacked ? stack(rows, streams) : [];
  const values = stacked
    ? [...segments.map((g) => g.to), ...rows.map((r) => r.cumulativeMillions)]
    : rows.flatMap((r) => [r.inYearMillions, r.cumulativeMillions]);
  const { ticks, lo, hi, step } = ticksFor(values);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number): number => PAD.top + ((hi - v) / (hi - lo)) * plotH;
  const slot = rows.length > 0 ? plotW / rows.length : plotW;
  const x = (i: number): number => PAD.left + slot * (i + 0.5);
  const summary = stacked
    ? rows
        .map(
          (r, i) =>
            `${r.label}: ${streams.map((st) => `${st.label} ${st.texts[i]}`).join(", ")}, net cumulative ${r.cumulativeText}`,
        )
        .join("; ")
    : rows.map((r) => `${r.label} in-year ${r.inYearText}, cumulative ${r.cumulativeText}`).join("; ");
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={`Benefits profile chart: ${summary}`}
      data-testid="profile-chart"
      style={{ maxWidth: 480, display: "block" }}
    >
      <title>
        {stacked
          ? "Benefits profile (£m): each stream's saving stacked, net benefit line"
          : "Benefits profile (£m): in-year bars, cumulative line"}
      </title>
      <ChartGrid
        ticks={ticks}
        y={y}
        left={PAD.left}
        right={WIDTH - PAD.right}
        label={(t) => tickText(t, step)}
        unitTestId="y-axis-unit"
      />
      {segments.map((g) => {
        const r = rows[g.i];
        return (
          <rect
            key={`${g.i}-${g.k}`}
            data-stream={g.k}
            x={x(g.i) - slot * 0.3}
            y={y(Math.max(g.from, g.to))}
            width={slot * 0.6}
            height={Math.abs(y(g.from) - y(g.to))}
            fill={streamColour(g.k)}
            fillOpacity={r.withinMtfs ? 1 : 0.5}
          >
            <title>{`${r.label} ${streams[g.k].label} ${streams[g.k].texts[g.i]}`}</title>
          </rect>
        );
      })}
      {stacked &&
        rows.map((r, i) => (
          <text key={r.label} x={x(i)} y={HEIGHT - 8} fontSize="8" textAnchor="middle" fill="#323130">
            {r.label.replace("FY", "")}
          </text>
        ))}
      {rows.map((r, i) => {
        if (stacked) return null;
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
