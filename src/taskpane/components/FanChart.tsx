import * as React from "react";
import { ChartGrid, tickText, ticksFor } from "./ChartGrid";
import type { SimulatedYearView } from "../riskBridge";

const WIDTH = 300;
const HEIGHT = 170;
const PAD = { left: 34, right: 6, top: 16, bottom: 22 };

/** The band's and lines' colours: P10–P90 pale, P50 solid, the plan dashed red. */
export const FAN_COLOURS = { band: "#b4d6fa", p50: "#0f6cbd", plan: "#c50f1f" } as const;

/**
 * The simulated MTFS row as a fan chart (£m): the P10–P90 band, the P50 line and the planned row (dashed).
 * The table above it is the accessible source of the same figures.
 */
export function FanChart({ years }: { readonly years: readonly SimulatedYearView[] }): React.JSX.Element {
  const { ticks, lo, hi, step } = ticksFor(
    years.flatMap((y) => [y.p10Millions, y.p90Millions, y.plannedMillions]),
  );
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number): number => PAD.top + ((hi - v) / (hi - lo)) * plotH;
  const slot = years.length > 0 ? plotW / years.length : plotW;
  const x = (i: number): number => PAD.left + slot * (i + 0.5);
  const line = (pick: (y: SimulatedYearView) => number): string =>
    years.map((v, i) => `${x(i)},${y(pick(v))}`).join(" ");
  const band = [
    ...years.map((v, i) => `${x(i)},${y(v.p90Millions)}`),
    ...years.map((v, i) => `${x(i)},${y(v.p10Millions)}`).reverse(),
  ].join(" ");
  const summary = years
    .map((v) => `${v.label}: P10 ${v.p10Text}, P50 ${v.p50Text}, P90 ${v.p90Text}, plan ${v.plannedText}`)
    .join("; ");
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={`Fan chart of the MTFS row: ${summary}`}
      data-testid="fan-chart"
      style={{ maxWidth: 480, display: "block" }}
    >
      <title>Monte Carlo fan chart (£m): P10 to P90 band, P50 line, planned row dashed</title>
      <ChartGrid
        ticks={ticks}
        y={y}
        left={PAD.left}
        right={WIDTH - PAD.right}
        label={(t) => tickText(t, step)}
      />
      <polygon points={band} fill={FAN_COLOURS.band} data-testid="fan-band" />
      <polyline points={line((v) => v.p50Millions)} fill="none" stroke={FAN_COLOURS.p50} strokeWidth="2" />
      <polyline
        points={line((v) => v.plannedMillions)}
        fill="none"
        stroke={FAN_COLOURS.plan}
        strokeWidth="1.5"
        strokeDasharray="4 3"
      />
      {years.map((v, i) => (
        <text key={v.label} x={x(i)} y={HEIGHT - 8} fontSize="8" textAnchor="middle" fill="#323130">
          {v.label.replace("FY", "")}
        </text>
      ))}
    </svg>
  );
}
