import {
  PLAN_REACHED_TEXT,
  rankedRows,
  type Sensitivity,
  type SimulatedProfile,
  type Simulation,
} from "../../engine";
import type { BarChartSpec, ComboChartSpec } from "../port";
import { inputCaption, inputWordsIn, tornadoBlock, tornadoRowsFor } from "./tornadoBlock";
import { labelWriter } from "./cellWriters";
import { fitRowHeights } from "./textFit";
import {
  MILLIONS_FORMAT,
  PERCENT_FORMAT,
  STYLES,
  chartPageBreaks,
  type LayoutCell,
  type SheetLayout,
} from "./types";

/**
 * The Risk sheet: a Monte Carlo run (simulate.ts) as tables of the MTFS row per FY, planned against P10, P50
 * and P90, with the probability of reaching the plan; the programme first (or the one proposal), then each
 * proposal. The P-values are owned engine values (a simulation is not a standard formula). A fan chart draws
 * the planned row as bars and P10 / P50 / P90 as lines over the first table.
 */

export const RISK_SHEET = "Risk";
export const RISK_LAYOUT_ID = "riskSheet";

/** Columns, left to right: P10, P50, P90 in order, as the CLI prints them (the chart names its ranges). */
const COLUMNS = ["FY (MTFS row)", "Planned", "P10", "P50", "P90", "P(≥ plan)"] as const;
const LETTERS = ["A", "B", "C", "D", "E", "F"] as const;
const FIRST_HEADER = 4;

/** The Risk sheet's layout and its fan chart. */
export interface RiskSheetLayout extends SheetLayout {
  readonly chart: ComboChartSpec;
  /** The tornado chart under the tables, when the run was given a tornado. */
  readonly tornadoChart?: BarChartSpec;
}

/**
 * Column A's widest (characters of width): a longer input wraps. At 60 the tornado's nine columns print one
 * page across at 8 pt or more (at 80, about 7.6 pt).
 */
const MAX_INPUT_WIDTH = 60;

/** Rows a chart takes under its table (the charts sit below the tables, not beside them: see `print`). */
const CHART_ROWS = 20;

/**
 * Declares every cell of the Risk sheet for a simulation, and under its tables the tornado of the same
 * proposals (programmeSensitivity: each input of each proposal moved alone against the programme's
 * quantified opportunity) when one is given.
 *
 * @example
 * const layout = riskSheetLayout(simulate([model], { iterations: 1000, seed: 1 }));
 * layout.cells.find((c) => c.address === "C5") // { kind: "engine", key: "risk.0.FY26/27.p10", ... }
 */
export function riskSheetLayout(
  s: Simulation,
  sheet = RISK_SHEET,
  sensitivity?: Sensitivity,
  assumptionsOf?: ReadonlyMap<string, unknown>,
): RiskSheetLayout {
  const cells: LayoutCell[] = [];
  const label = labelWriter(cells);
  label("A1", "Risk: Monte Carlo of the MTFS row", STYLES.title);
  label(
    "A2",
    `${s.iterations.toLocaleString("en-GB")} iterations, seed ${s.seed}. P10/P50/P90 as PERCENTILE.INC; ` +
      `${PLAN_REACHED_TEXT}. Inputs drawn: the proposals' risk blocks. ` +
      "The MTFS row is the net benefit plus any inflation contingency and added-back existing MTFS lines.",
    STYLES.text,
  );
  const blocks: SimulatedProfile[] =
    s.proposals.length > 1 ? [s.programme, ...s.proposals] : [...s.proposals];
  let header = FIRST_HEADER;
  let chartRows = { first: 0, last: 0 };
  blocks.forEach((p, b) => {
    // The programme block covers the proposals simulated here, which the Programme sheet's total need not be.
    const covers =
      b === 0 && s.proposals.length > 1
        ? `: the ${s.proposals.length} modelled proposals simulated here only (the Programme sheet's total also counts its typed rows)`
        : "";
    label(
      `A${header - 1}`,
      p.name + covers + (p.sampled.length === 0 ? " (no distributions: a point figure)" : ""),
    );
    COLUMNS.forEach((h, i) => label(`${LETTERS[i]}${header}`, h, { ...STYLES.heading, wrap: true }));
    p.years.forEach((y, i) => {
      const r = header + 1 + i;
      const key = (what: string): string => `risk.${b}.${y.label}.${what}`;
      const money = (column: string, what: string, value: number): void => {
        cells.push({
          kind: "engine",
          address: `${column}${r}`,
          key: key(what),
          value,
          numberFormat: MILLIONS_FORMAT,
          style: STYLES.owned,
        });
      };
      label(`A${r}`, y.label === p.mtfsYear.label ? `${y.label} (MTFS end)` : y.label, {});
      money("B", "planned", y.planned);
      money("C", "p10", y.p10);
      money("D", "p50", y.p50);
      money("E", "p90", y.p90);
      cells.push({
        kind: "engine",
        address: `F${r}`,
        key: key("probability"),
        value: y.probability,
        numberFormat: PERCENT_FORMAT,
        style: STYLES.owned,
      });
    });
    if (b === 0) chartRows = { first: header + 1, last: header + p.years.length };
    header += p.years.length + 3;
  });
  const range = (column: string): string => `${column}${chartRows.first}:${column}${chartRows.last}`;
  // The fan chart under the last table (header is two rows past it), across its columns.
  const fanChartFirst = header - 1;
  const fanChartLast = fanChartFirst + CHART_ROWS;
  // The note spans the table and its row is as tall as its lines, so it neither cuts off nor runs into row 3.
  const merges = [`A2:${LETTERS[LETTERS.length - 1]}2`];
  const several = s.proposals.length > 1;
  const tornado = sensitivity
    ? tornadoBlock({
        sheet,
        first: fanChartLast + 2,
        rows: Math.max(1, tornadoRowsFor(sensitivity)),
        sensitivity,
        fy: blocks[0].mtfsYear.label,
        key: "risk.sensitivity",
        // Net benefit, not the MTFS row above (which adds contingency and added-back lines); the modelled only.
        subject: several
          ? "the modelled proposals' quantified opportunity (net benefit, not the MTFS row)"
          : "the quantified opportunity (net benefit, not the MTFS row)",
        // Each proposal's inputs in its own words and formats (a percent target in %), when its assumptions
        // are given: the sheet has no assumption cells to take them from.
        captionOf: (path, proposal) =>
          assumptionsOf?.has(proposal)
            ? inputWordsIn(assumptionsOf.get(proposal)).captionOf(path)
            : inputCaption(path, new Map()),
        ...(assumptionsOf
          ? {
              formatOf: (path: string, proposal: string) =>
                assumptionsOf.has(proposal)
                  ? inputWordsIn(assumptionsOf.get(proposal)).formatOf(path)
                  : undefined,
            }
          : {}),
        when: "Written with the simulation (refresh does not re-run it).",
        // Under the tornado's table, as the fan chart under the tables.
        chartRowsBelow: CHART_ROWS,
      })
    : undefined;
  const isInput = (c: LayoutCell): boolean => c.kind === "engine" && /\.input$/.test(c.key);
  if (tornado) {
    // A programme's inputs are named with their proposal; an input wraps rather than run under the Low column.
    const named = tornado.cells.map((c) => {
      if (c.kind !== "engine" || !isInput(c)) return c;
      const i = Number(/rows\[(\d+)\]/.exec(c.key)?.[1]);
      const value =
        several && typeof c.value === "string"
          ? `${(sensitivity ? rankedRows(sensitivity).moving : [])[i]?.proposal ?? ""}: ${c.value}`
          : c.value;
      return { ...c, value, style: { ...c.style, wrap: true } };
    });
    cells.push(...named);
    merges.push(...tornado.merges);
  }
  // Column A fits its longest input, up to a cap (beyond it the input wraps).
  const longest = Math.max(
    0,
    ...cells.filter(isInput).map((c) => (c.kind === "engine" ? String(c.value ?? "").length : 0)),
  );
  const widthA = Math.min(MAX_INPUT_WIDTH, Math.max(40, Math.ceil(longest / 1.1) + 2));
  const columnWidths = [
    { column: "A", width: widthA },
    ...LETTERS.slice(1).map((column) => ({ column, width: 14 })),
    ...(tornado ? ["G", "H", "I"].map((column) => ({ column, width: 14 })) : []),
  ];
  const chart: ComboChartSpec = {
    sheet,
    // The title names the first block, which another run may change: the name is what a re-run replaces.
    name: "MTFS risk fan chart",
    title: `${blocks[0].name}: MTFS row, planned and P10 / P50 / P90`,
    categories: range("A"),
    // The lines in their columns' order, P10 to P90 (a fan read from its low edge up; the Office port names
    // the series by column); Excel lists a combo chart's columns first, so the legend reads Planned, P10, P50, P90.
    bars: { name: "Planned", values: range("B") },
    line: { name: "P10", values: range("C") },
    moreLines: [
      { name: "P50", values: range("D") },
      { name: "P90", values: range("E") },
    ],
    from: `A${fanChartFirst}`,
    to: `F${fanChartLast}`,
  };
  return {
    layoutId: RISK_LAYOUT_ID,
    sheet,
    cells,
    merges,
    rowHeights: fitRowHeights(cells, merges, new Map(columnWidths.map((w) => [w.column, w.width]))),
    columnWidths,
    // One page across, as the other sheets of tables (each table has its own headings). The charts beside the
    // tables printed the page at about 5 pt; under them, it prints at 8 pt or more.
    print: { pagesWide: 1 },
    chart,
    ...(tornado ? { tornadoChart: tornado.chart } : {}),
    pageBreaks: chartPageBreaks([chart, ...(tornado ? [tornado.chart] : [])]),
  };
}
