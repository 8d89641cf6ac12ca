import * as React from "react";
import { ChartGrid } from "./ChartGrid";
import { Figures } from "./Figures";
import { Field, Input } from "@fluentui/react-components";
import type { DemandEngine, DemandRow } from "../demandBridge";

/**
 * The demand panel (issue 16): a council's stock, entries, exit rate, unit cost, budget and levers in; the
 * do-nothing and with-impact spend against the budget, and the break-even year, out. The engine does the
 * figures (demandBridge.ts); the panel only turns the boxes into the demand model's JSON.
 */

/** One box: the demand model field it fills, its caption and its unit. */
interface DemandBox {
  readonly key: string;
  readonly label: string;
  readonly percent?: boolean;
}

const BOXES: readonly DemandBox[] = [
  { key: "baseYear", label: "Base year (FY)" },
  { key: "endYear", label: "Last year (FY)" },
  { key: "reportFrom", label: "Cumulative figures from (FY)" },
  { key: "stock", label: "Children in care (stock)" },
  { key: "entries", label: "Entries a year" },
  { key: "entriesGrowth", label: "Entries growth a year", percent: true },
  { key: "exitRate", label: "Exit rate (share of the stock a year)", percent: true },
  { key: "unitCost", label: "Unit cost (£ a child a year)" },
  { key: "unitCostInflation", label: "Unit cost inflation", percent: true },
  { key: "budget", label: "Budget (£)" },
  { key: "budgetGrowth", label: "Budget growth a year", percent: true },
  { key: "entriesChange", label: "Entries lever (change)", percent: true },
  { key: "exitRateChange", label: "Exit lever (change)", percent: true },
  { key: "halfFrom", label: "Levers at half from (FY)" },
  { key: "fullFrom", label: "Levers in full from (FY)" },
  { key: "exitLagYears", label: "Exit lever lags (years)" },
];

const LEVER_KEYS = ["entriesChange", "exitRateChange", "exitLagYears"];

/** A council of 500,000 people, from the national report (examples/national-children-in-care-500k.json). */
export const DEMAND_DEFAULTS: Readonly<Record<string, string>> = {
  baseYear: "FY24/25",
  endYear: "FY35/36",
  reportFrom: "FY26/27",
  stock: "490",
  entries: "265",
  entriesGrowth: "0.88",
  exitRate: "53.77",
  unitCost: "122472",
  unitCostInflation: "2.531",
  budget: "49541284",
  budgetGrowth: "3.399",
  entriesChange: "-14.5",
  exitRateChange: "2.2",
  halfFrom: "FY28/29",
  fullFrom: "FY29/30",
  exitLagYears: "1",
};

/**
 * The demand model JSON of the boxes: percent boxes as "x%", blanks left out (so the engine's rule names them).
 *
 * @example
 * demandJson(DEMAND_DEFAULTS).levers.phasing // [{ year: "FY28/29", share: 0.5 }, { year: "FY29/30", share: 1 }]
 */
export function demandJson(values: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = { name: "Demand (taskpane)" };
  const levers: Record<string, unknown> = {};
  const phasing: { year: string; share: number }[] = [];
  for (const box of BOXES) {
    const text = (values[box.key] ?? "").trim();
    if (text === "") continue;
    const value = box.percent ? `${text.replace(/%$/, "")}%` : text;
    if (LEVER_KEYS.includes(box.key)) levers[box.key] = value;
    else if (box.key === "halfFrom") phasing.push({ year: value, share: 0.5 });
    else if (box.key === "fullFrom") phasing.push({ year: value, share: 1 });
    else out[box.key] = value;
  }
  return { ...out, levers: { ...levers, ...(phasing.length ? { phasing } : {}) } };
}

const WIDTH = 300;
const HEIGHT = 170;
const PAD = { left: 34, right: 6, top: 16, bottom: 22 };

/** Budget bars with the do-nothing (red) and with-impact (blue) spend lines, £m, as the Demand sheet's chart. */
export function DemandChart({ rows }: { readonly rows: readonly DemandRow[] }): React.JSX.Element {
  const values = rows.flatMap((r) => [r.doNothingMillions, r.withImpactMillions, r.budgetMillions]);
  const hi = Math.max(...values, 0) * 1.05 || 1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number): number => PAD.top + ((hi - v) / hi) * plotH;
  const slot = rows.length > 0 ? plotW / rows.length : plotW;
  const x = (i: number): number => PAD.left + slot * (i + 0.5);
  const line = (of: (r: DemandRow) => number): string => rows.map((r, i) => `${x(i)},${y(of(r))}`).join(" ");
  const ticks = [0, hi / 2, hi].map((t) => Number(t.toPrecision(2)));
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={`Spend against budget: ${rows
        .map(
          (r) =>
            `${r.label} do nothing £${r.doNothingMillions}m, with impact £${r.withImpactMillions}m, budget £${r.budgetMillions}m`,
        )
        .join("; ")}`}
      data-testid="demand-chart"
      style={{ maxWidth: 480, display: "block" }}
    >
      <title>Spend against budget (£m): budget bars, do-nothing and with-impact lines</title>
      <ChartGrid ticks={ticks} y={y} left={PAD.left} right={WIDTH - PAD.right} label={String} />
      {rows.map((r, i) => (
        <g key={r.label}>
          <rect
            x={x(i) - slot * 0.3}
            y={y(r.budgetMillions)}
            width={slot * 0.6}
            height={Math.max(y(0) - y(r.budgetMillions), 0.5)}
            fill="#c7e0f4"
            data-testid="demand-budget-bar"
          >
            <title>{`${r.label} budget £${r.budgetMillions}m`}</title>
          </rect>
          {i % 2 === 0 && (
            <text x={x(i)} y={HEIGHT - 8} fontSize="8" textAnchor="middle" fill="#323130">
              {r.label.replace("FY", "")}
            </text>
          )}
        </g>
      ))}
      <polyline
        fill="none"
        stroke="#c50f1f"
        strokeWidth="2"
        points={line((r) => r.doNothingMillions)}
        data-testid="demand-do-nothing"
      />
      <polyline
        fill="none"
        stroke="#0f6cbd"
        strokeWidth="2"
        points={line((r) => r.withImpactMillions)}
        data-testid="demand-with-impact"
      />
      <text x={PAD.left + 4} y={11} fontSize="9" fill="#c50f1f">
        do nothing
      </text>
      <text x={PAD.left + 64} y={11} fontSize="9" fill="#0f6cbd">
        with impact
      </text>
      <text x={PAD.left + 124} y={11} fontSize="9" fill="#605e5c">
        budget (bars)
      </text>
    </svg>
  );
}

/**
 * The panel: the boxes, the chart, and the break-even year (or the engine's problem with the inputs, beside
 * the box it names).
 */
export function DemandPanel({
  engine,
  initial = DEMAND_DEFAULTS,
}: {
  readonly engine: DemandEngine;
  readonly initial?: Readonly<Record<string, string>>;
}): React.JSX.Element {
  const [values, setValues] = React.useState<Readonly<Record<string, string>>>(initial);
  const view = React.useMemo(() => engine.view(demandJson(values)), [engine, values]);
  const problemFor = (key: string): string | undefined => {
    if (view.ok) return undefined;
    const field = LEVER_KEYS.includes(key) ? `levers.${key}` : key;
    const phasing = key === "halfFrom" || key === "fullFrom";
    return view.field === field || (phasing && view.field.startsWith("levers.phasing"))
      ? view.message
      : undefined;
  };
  return (
    <details className="mtfs-demand" data-testid="demand-panel">
      <summary>Demand baseline: children in care, do nothing against with impact</summary>
      <div className="mtfs-demand-boxes" style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
        {BOXES.map((box) => (
          <Field
            key={box.key}
            label={box.percent ? `${box.label} (%)` : box.label}
            validationMessage={problemFor(box.key)}
            validationState={problemFor(box.key) ? "error" : "none"}
          >
            <Input
              id={`demand-${box.key}`}
              value={values[box.key] ?? ""}
              onChange={(_, d) => setValues((v) => ({ ...v, [box.key]: d.value }))}
            />
          </Field>
        ))}
      </div>
      {view.ok ? (
        <div data-testid="demand-result">
          <DemandChart rows={view.rows} />
          <p data-testid="demand-break-even">
            Break-even: <strong>{view.breakEven}</strong> (overspend to it{" "}
            <Figures text={view.overspendToBreakEven} />
            ); cumulative benefit against do nothing <Figures text={view.cumulativeBenefit} />, of which cost
            avoidance <Figures text={view.cumulativeCostAvoidance} />.
          </p>
        </div>
      ) : (
        <p role="alert" data-testid="demand-problem">
          {view.message}
        </p>
      )}
    </details>
  );
}
