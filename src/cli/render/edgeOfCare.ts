import {
  formatPercent,
  formatThousands,
  formatWhole,
  toPounds,
  type Decimal,
  type EdgeOfCarePeriodResult,
  type EdgeOfCareResult,
  type PercentOfTarget,
} from "../../engine";
import { textTable } from "../table";

/** Edge-of-care summaries as JSON (money in £) or as the performance-summary tables (£k). */

const opt = (d: Decimal | undefined, f: (d: Decimal) => number): number | null =>
  d === undefined ? null : f(d);
const ratio = (d: Decimal): number => d.toDecimalPlaces(4).toNumber();
const count = (d: Decimal): number => d.toDecimalPlaces(2).toNumber();

function percentJson(p: PercentOfTarget): Record<string, number | null> {
  return {
    familiesStarted: opt(p.familiesStarted, ratio),
    childrenStarted: opt(p.childrenStarted, ratio),
    postDeflatorCumulative: opt(p.postDeflatorCumulative, ratio),
    inYearDiversions: opt(p.inYearDiversions, ratio),
    inYearGross: opt(p.inYearGross, ratio),
    inYearNet: opt(p.inYearNet, ratio),
  };
}

function periodJson(r: EdgeOfCarePeriodResult): Record<string, unknown> {
  return {
    period: r.period,
    kind: r.kind,
    familiesStarted: count(r.familiesStarted),
    childrenStarted: count(r.childrenStarted),
    successRate: ratio(r.successRate),
    successfulChildren: count(r.successfulChildren),
    childrenPerFamily: opt(r.childrenPerFamily, count),
    cumulativeGross: toPounds(r.cumulativeGross),
    postDeflatorCumulative: toPounds(r.postDeflatorCumulative),
    interventionCost: opt(r.interventionCost, toPounds),
    net: opt(r.net, toPounds),
    inYearDiversions: count(r.inYearDiversions),
    inYearGross: toPounds(r.inYearGross),
    inYearNet: opt(r.inYearNet, toPounds),
    ...(r.percentOfTarget === undefined ? {} : { percentOfTarget: percentJson(r.percentOfTarget) }),
  };
}

/**
 * JSON-ready edge-of-care result: `{ programme, periods: [...], target }`, money in £, rates as fractions.
 *
 * @example
 * edgeOfCareJson(result).periods[0].postDeflatorCumulative // 4225920
 */
export function edgeOfCareJson(result: EdgeOfCareResult): Record<string, unknown> {
  return {
    programme: result.programme,
    periods: result.periods.map(periodJson),
    target: result.target === undefined ? null : periodJson(result.target),
  };
}

/**
 * The performance summary as the report lays it out: one column per period, then the target and the
 * latest period's % of target.
 *
 * @example
 * edgeOfCareTable(result) // "MST standard (STD 1 and 2)\nMeasure  2018/19  2019/20 ..."
 */
export function edgeOfCareTable(result: EdgeOfCareResult): string {
  const columns = [...result.periods, ...(result.target === undefined ? [] : [result.target])];
  const latest =
    result.periods.length === 0 ? undefined : result.periods[result.periods.length - 1].percentOfTarget;
  const money = (d: Decimal | undefined): string => (d === undefined ? "–" : formatThousands(d));
  const pct = (d: Decimal | undefined): string => (d === undefined ? "" : formatPercent(d));
  const line = (
    label: string,
    cell: (r: EdgeOfCarePeriodResult) => string,
    ofTarget?: Decimal | undefined,
  ): string[] => [label, ...columns.map(cell), ...(latest === undefined ? [] : [pct(ofTarget)])];
  const rows = [
    line("Number of families started", (r) => formatWhole(r.familiesStarted), latest?.familiesStarted),
    line("Success rate", (r) => formatPercent(r.successRate)),
    line("Number of children started", (r) => formatWhole(r.childrenStarted), latest?.childrenStarted),
    line("Children per family", (r) =>
      r.childrenPerFamily === undefined ? "–" : r.childrenPerFamily.toFixed(1),
    ),
    line("Cumulative gross savings", (r) => money(r.cumulativeGross)),
    line(
      "Cumulative savings post targeting deflator",
      (r) => money(r.postDeflatorCumulative),
      latest?.postDeflatorCumulative,
    ),
    line("Intervention cost", (r) => money(r.interventionCost)),
    line("Net savings over placement period avoided", (r) => money(r.net)),
    line("In year successful diversions", (r) => formatWhole(r.inYearDiversions), latest?.inYearDiversions),
    line("In year gross savings post deflator", (r) => money(r.inYearGross), latest?.inYearGross),
    line("In year net savings post deflator", (r) => money(r.inYearNet), latest?.inYearNet),
  ];
  const header = [
    "Measure",
    ...columns.map((c) => c.period),
    ...(latest === undefined ? [] : ["% of target"]),
  ];
  return [
    result.programme,
    textTable(header, rows, ["left", ...header.slice(1).map(() => "right" as const)]),
  ].join("\n");
}
