import * as React from "react";

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
