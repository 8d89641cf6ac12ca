import {
  Decimal,
  describeReading,
  fyLabel,
  formatMillions,
  formatPercent,
  formatSlippage,
  isEngineError,
  parseProposal,
  reprofile,
  singleCohort,
  trackProposal,
  type MeasureActual,
} from "../engine";
import { parseActualsCsv } from "../workbook/actualsCsv";
import { numberText } from "../workbook/cellValues";
import { isWorkbookError } from "../workbook/errors";

/**
 * The Track tab's engine calls (issue 15): the draft proposal tracked on the actuals typed in the tab, as text
 * ready to show. Nothing is calculated in the component.
 */

/** An actual as typed: text fields. */
export interface TypedActual {
  readonly period: string;
  readonly measure: string;
  readonly value: string;
}

/** One measure's line. */
export interface TrackLine {
  readonly measure: string;
  readonly plan: string;
  readonly actual: string;
  readonly variance: string;
  readonly percentOfPlan: string;
  readonly rag: "Green" | "Amber" | "Red";
}

/** What the tab shows: lines, forecast and reprofile, or why not. */
export type TrackView =
  | {
      readonly kind: "tracked";
      readonly lines: readonly TrackLine[];
      readonly forecast?: string;
      readonly mtfsRow?: string;
      readonly slippage?: string;
      readonly reprofile?: string;
    }
  | { readonly kind: "problem"; readonly message: string };

const show = (measure: string, x: Decimal): string =>
  measure === "saving" ? formatMillions(x) : x.toFixed(2);

/**
 * Tracks a draft proposal (its raw JSON) on typed actuals; rows with a blank value are skipped.
 *
 * @example
 * trackView(cfsJson, [{ period: "2027-10", measure: "avoidedEvents", value: "0" }]).kind // "tracked"
 */
export function trackView(raw: unknown, typed: readonly TypedActual[]): TrackView {
  const rows = typed.filter((a) => a.value.trim() !== "");
  if (rows.length === 0)
    return { kind: "problem", message: "Enter an actual: a period, a measure and a value." };
  const values = rows.map((a) => numberText(a.value));
  const bad = values.findIndex((v) => v === null);
  if (bad >= 0)
    return {
      kind: "problem",
      message: `actual ${bad + 1}: value must be a number, got "${rows[bad].value}"`,
    };
  try {
    const input = singleCohort(parseProposal(raw).assumptions, "tracking");
    const actuals: MeasureActual[] = rows.map((a, k) => ({
      period: a.period.trim(),
      measure: a.measure,
      value: new Decimal(values[k] ?? 0),
    }));
    const s = trackProposal(input, actuals);
    const f = s.forecast;
    const events = actuals.filter((a) => a.measure === "avoidedEvents");
    const fy = f?.forecast.years.find((y) => y.fy === s.currentFy) ?? f?.forecast.years[0];
    const planFy = f?.plan.years.find((y) => y.fy === fy?.fy);
    return {
      kind: "tracked",
      lines: s.measures.map((m) => ({
        measure: m.measure,
        plan: show(m.measure, m.plan),
        actual: show(m.measure, m.actual),
        variance: show(m.measure, m.variance),
        percentOfPlan: m.percentOfPlan === undefined ? "" : formatPercent(m.percentOfPlan),
        rag: m.rag,
      })),
      ...(f && fy && planFy
        ? {
            forecast: `${fyLabel(fy.fy)}: ${formatMillions(fy.cumulative)} (plan ${formatMillions(planFy.cumulative)})`,
            mtfsRow: f.forecast.years.map((y) => `${y.label} ${formatMillions(y.mtfsImpact)}`).join(", "),
            slippage: formatSlippage(f.slippageMonths),
          }
        : {}),
      ...(events.length > 0 ? { reprofile: describeReading(reprofile(input, events).reading) } : {}),
    };
  } catch (e) {
    if (isEngineError(e)) return { kind: "problem", message: `${e.field}: ${e.rule}` };
    throw e;
  }
}

/**
 * The rows of an actuals CSV (the columns `track import` reads, docs/cli.md) for the proposal named `proposal`,
 * as typed actuals; rows of other proposals are counted, not used. Bad lines: the parser's message.
 *
 * @example
 * actualsFromCsv("proposal,period,measure,value\nCFS,2027-10,avoidedEvents,0", "CFS") // { rows: [...], others: 0 }
 */
export function actualsFromCsv(
  text: string,
  proposal: string,
): { readonly rows: readonly TypedActual[]; readonly others: number } | { readonly problem: string } {
  try {
    const all = parseActualsCsv(text, "the CSV");
    const mine = all.filter((r) => r.proposal === proposal.trim());
    return {
      rows: mine.map((r) => ({ period: r.period, measure: r.measure, value: r.value.toString() })),
      others: all.length - mine.length,
    };
  } catch (e) {
    if (isWorkbookError(e)) return { problem: e.message };
    throw e;
  }
}
