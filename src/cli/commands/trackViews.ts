import {
  aheadOfPlanText,
  describeReading,
  describeReprofile,
  formatMoney,
  formatWhole,
  fullRunRateText,
  FORECAST_MEANS,
  REVISED_MEANS,
  reprofiledActualsText,
  rmsError,
  toPounds,
  type Closure,
  type Decimal,
} from "../../engine";
import type { ProposedReprofile } from "../../workbook/history";
import { textTable } from "../table";
import { jsonCount, jsonFigure } from "../render/jsonNumbers";

/**
 * What `track reprofile` and `track closure` print: tables for people, JSON (money in £) for programs.
 */

/**
 * The proposed reprofile: the reading, how well each reading fits, and the approved beside the revised profile
 * and the forecast (`track report`'s), with a line saying what revised and forecast each are.
 *
 * @example
 * reprofileTable(p) // "CFS Targeted Prevention\nProposed: a later start: 138 days …"
 */
export function reprofileTable(p: ProposedReprofile): string {
  const r = p.reprofile;
  const shown = p.forecast;
  // The fit as RMS error in the measure's own units (£ for a saving), not squared £.
  const rms = (e: Decimal) => {
    const x = rmsError(e, r.periods);
    return r.measure === "saving" ? `£${formatWhole(x)}` : x.toDecimalPlaces(2).toString();
  };
  const fits = r.candidates.map((c) => `${describeReading(c.reading)} (RMS error ${rms(c.squaredError)})`);
  const forecast = shown !== undefined && "forecast" in shown ? shown.forecast : undefined;
  const rows = r.approved.years.map((y, i) => {
    const f = forecast?.years.find((x) => x.fy === y.fy);
    return [
      y.label,
      formatMoney(y.cumulative),
      formatMoney(r.revised.years[i].cumulative),
      formatMoney(y.mtfsImpact),
      formatMoney(r.revised.years[i].mtfsImpact),
      ...(forecast === undefined ? [] : [f === undefined ? "" : formatMoney(f.mtfsImpact)]),
    ];
  });
  const heads = ["FY", "Approved cumulative", "Revised cumulative", "Approved MTFS row", "Revised MTFS row"];
  const columns = forecast === undefined ? heads : [...heads, "Forecast MTFS row"];
  return [
    p.name,
    `Proposed: ${describeReprofile(r)}`,
    // Indicative only is said once, here in the table (so a table sent to a file keeps it), as the Track tab's note.
    ...(r.indicativeNote === undefined ? [] : [`Note: ${r.indicativeNote}.`]),
    aheadOfPlanText(r) ??
      `Fit to the ${reprofiledActualsText(r)} (RMS error over ${r.periods === 1 ? "1 period" : `${r.periods} periods`}; approved plan ${rms(r.approvedSquaredError)}):`,
    ...fits.map((f) => `  ${f}`),
    textTable(columns, rows, ["left", ...columns.slice(1).map(() => "right" as const)]),
    fullRunRateText(r.approved, r.revised, forecast),
    // What each column is: a revised plan and a forecast differ whenever the actuals are off plan.
    ...(r.aheadOfPlan ? [] : [REVISED_MEANS]),
    ...(forecast === undefined ? [] : [FORECAST_MEANS]),
    ...(shown !== undefined && "withheld" in shown ? [`No forecast: ${shown.withheld}`] : []),
  ].join("\n");
}

/**
 * The proposed reprofile as JSON: what the table shows, money in £. Per FY the forecast MTFS row beside the
 * approved and revised (null when the report has no forecast, `forecastWithheld` saying why when it withholds
 * it), and the full run rates of the table's line.
 *
 * @example
 * reprofileJson(p).reading // { kind: "laterStart", days: 138 }
 */
export function reprofileJson(p: ProposedReprofile): unknown {
  const r = p.reprofile;
  const shown = p.forecast;
  const forecast = shown !== undefined && "forecast" in shown ? shown.forecast : undefined;
  const runRate = (x: { readonly value: Decimal; readonly label: string }) => ({
    fy: x.label,
    value: toPounds(x.value),
  });
  // The approved plan in the FY the revised run rate is reached: like for like, as the table's line gives it.
  const same = r.approved.years.find((y) => y.fy === r.revised.fullRunRate.fy);
  const reading = (x: (typeof r)["reading"]) =>
    x.kind === "laterStart"
      ? x
      : x.kind === "targetReached"
        ? { kind: x.kind, factor: jsonCount(x.factor) }
        : { kind: x.kind, weeks: jsonCount(x.weeks) };
  // Errors in the measure's units: £ (squared £) to pennies for a saving, else to 4 dp.
  const money = r.measure === "saving";
  return {
    sheet: p.sheet,
    proposal: p.name,
    ...("stream" in r ? { stream: r.stream } : {}),
    measure: r.measure ?? "avoidedEvents",
    reading: reading(r.reading),
    description: describeReprofile(r),
    ...(r.aheadOfPlan ? { aheadOfPlan: true } : {}),
    ...(r.indicative ? { indicative: true } : {}),
    ...(r.warnings === undefined ? {} : { warnings: r.warnings }),
    candidates: r.candidates.map((c) => ({
      reading: reading(c.reading),
      squaredError: jsonFigure(money, c.squaredError),
      rmsError: jsonFigure(money, rmsError(c.squaredError, r.periods)),
    })),
    approvedSquaredError: jsonFigure(money, r.approvedSquaredError),
    approvedRmsError: jsonFigure(money, rmsError(r.approvedSquaredError, r.periods)),
    years: r.approved.years.map((y, i) => {
      const f = forecast?.years.find((x) => x.fy === y.fy);
      return {
        fy: y.label,
        approvedCumulative: toPounds(y.cumulative),
        revisedCumulative: toPounds(r.revised.years[i].cumulative),
        approvedMtfsRow: toPounds(y.mtfsImpact),
        revisedMtfsRow: toPounds(r.revised.years[i].mtfsImpact),
        forecastMtfsRow: f === undefined ? null : toPounds(f.mtfsImpact),
      };
    }),
    ...(shown !== undefined && "withheld" in shown ? { forecastWithheld: shown.withheld } : {}),
    fullRunRate: {
      approved: runRate(r.approved.fullRunRate),
      revised: runRate(r.revised.fullRunRate),
      approvedSameFy: same === undefined ? null : { fy: same.label, value: toPounds(same.cumulative) },
      forecast: forecast === undefined ? null : runRate(forecast.fullRunRate),
    },
    assumptions: p.assumptions,
  };
}

/**
 * The closure table (001 para 23): one row per proposal and the programme.
 *
 * @example
 * closureTable(rows, programme) // "Proposal  Target at full run rate  Expected …"
 */
export function closureTable(rows: readonly Closure[], programme: Closure): string {
  const fys = programme.years;
  const line = (c: Closure) => [
    c.name,
    formatMoney(c.targetFullRunRate),
    formatMoney(c.expectedFullRunRate),
    formatMoney(c.overTarget),
    formatMoney(c.deliveredToDate),
    ...fys.map((y) => formatMoney(c.years.find((x) => x.fy === y.fy)?.expected ?? 0)),
  ];
  return [
    "Closure: benefit at full run rate and MTFS contribution (expected from actuals; the plan where none)",
    textTable(
      [
        "Proposal",
        "Target at FRR",
        "Expected at FRR",
        "Over/short",
        "Delivered to date",
        ...fys.map((y) => `MTFS ${y.label}`),
      ],
      [...rows.map(line), line(programme)],
      ["left", ...fys.map(() => "right" as const), "right", "right", "right", "right"],
    ),
  ].join("\n");
}

/**
 * The closure table as JSON (money in £).
 *
 * @example
 * closureJson(rows, programme).programme.targetFullRunRate // 3290000
 */
export function closureJson(rows: readonly Closure[], programme: Closure): unknown {
  const one = (c: Closure) => ({
    name: c.name,
    targetFullRunRate: toPounds(c.targetFullRunRate),
    expectedFullRunRate: toPounds(c.expectedFullRunRate),
    overTarget: toPounds(c.overTarget),
    deliveredToDate: toPounds(c.deliveredToDate),
    fromActuals: c.fromActuals,
    ...(c.warnings === undefined ? {} : { warnings: c.warnings }),
    mtfs: c.years.map((y) => ({ fy: y.label, plan: toPounds(y.plan), expected: toPounds(y.expected) })),
  });
  return { proposals: rows.map(one), programme: one(programme) };
}
