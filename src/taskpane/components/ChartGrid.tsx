import * as React from "react";

/** A scale's ticks: a step of 1, 2 or 5 × 10^k giving about four ticks, from `lo` to `hi` (0 always inside). */
export interface Ticks {
  readonly ticks: readonly number[];
  readonly lo: number;
  readonly hi: number;
  readonly step: number;
}

/**
 * Ticks covering `values` and 0.
 *
 * @example
 * ticksFor([-0.5, 1.1]).ticks // [-0.5, 0, 0.5, 1, 1.5]
 */
export function ticksFor(values: readonly number[]): Ticks {
  const span = Math.max(...values, 0) - Math.min(...values, 0);
  const raw = span / 4 || 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / magnitude;
  const step = (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * magnitude;
  const lo = Math.floor(Math.min(0, ...values) / step) * step;
  const hi = Math.ceil(Math.max(0, ...values) / step) * step || step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toFixed(6)));
  return { ticks, lo, hi, step };
}

/**
 * A tick's label with as many decimals as its step needs, so ticks 0.02 apart read "0.02", "0.04" (not "0.0"
 * twice): a small proposal's £m axis.
 *
 * @example
 * tickText(0.04, 0.02) // "0.04"
 * tickText(1.5, 0.5) // "1.5"
 * tickText(2, 1) // "2"
 */
export function tickText(tick: number, step: number): string {
  // Ticks are kept to 6 dp (ticksFor), so no label needs more.
  return tick.toFixed(step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
}

/** Gridlines and y-axis labels in £m shared by the taskpane's SVG charts (profile and demand). */
export interface ChartGridProps {
  readonly ticks: readonly number[];
  /** The y coordinate of a value. */
  readonly y: (value: number) => number;
  readonly left: number;
  readonly right: number;
  readonly label: (tick: number) => string;
  readonly unitTestId?: string;
}

/**
 * The "£m" unit above the axis, then one gridline per tick (the zero line darker) with its label.
 *
 * @example
 * <ChartGrid ticks={[0, 1, 2]} y={(v) => 100 - v * 40} left={34} right={294} label={String} />
 */
export function ChartGrid({ ticks, y, left, right, label, unitTestId }: ChartGridProps): React.ReactElement {
  return (
    <>
      <text x={left - 4} y={9} fontSize="9" textAnchor="end" fill="#605e5c" data-testid={unitTestId}>
        £m
      </text>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={t === 0 ? "#605e5c" : "#edebe9"} />
          <text x={left - 4} y={y(t) + 3} fontSize="9" textAnchor="end" fill="#605e5c">
            {label(t)}
          </text>
        </g>
      ))}
    </>
  );
}
