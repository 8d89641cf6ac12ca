import {
  Decimal,
  ZERO,
  FORECAST_CUMULATIVE,
  fyLabel,
  ragStatus,
  slippageByStream,
  hasNoCohortStream,
  NO_COHORT_SLIPPAGE,
  MODELLED_PROGRAMME,
  type Closure,
  type Forecast,
  type MeasureTracking,
  type Profile,
  type RagThresholds,
  type TrackingSummary,
} from "../../engine";
import { columnLetter } from "../address";
import type { ComboChartSpec } from "../port";
import { labelWriter, toPenny } from "./cellWriters";
import { rowHeightFor, spanWidth, wrappedLines } from "./textFit";
import { measureWords } from "./trackingSheet";
import {
  MILLIONS_FORMAT,
  PERCENT_FORMAT,
  STYLES,
  THOUSANDS_FORMAT,
  alignedTop,
  chartPageBreaks,
  type LayoutCell,
  type SheetLayout,
} from "./types";

/**
 * The Dashboard sheet (issue 15): per proposal with actuals, plan and actual to date per measure (per stream
 * of a multi-stream proposal, with its £ total), variance, % of plan and RAG, the forecast outturn and slippage,
 * and a note when the actuals are far above plan from few periods; the programme's £ roll-up; the closure table (001 para
 * 23); and a chart of plan against actual. The RAG thresholds are the user's input cells (B4, B5; default
 * Green ≥ 95%, Amber ≥ 80% of plan to date); every other cell below the title is owned and refreshed.
 * Variance, % of plan, RAG and the programme totals are formulas, so a spreadsheet recalculates them when a
 * threshold changes.
 */

export const DASHBOARD_SHEET = "Dashboard";
export const DASHBOARD_LAYOUT_ID = "dashboardSheet";
/** The register's owner of the Dashboard's cells. */
export const DASHBOARD_OWNER = "dashboard";
/** The threshold input cells. */
export const GREEN_ADDRESS = "B4";
export const AMBER_ADDRESS = "B5";
const HEADER_ROW = 8;
/** The sheet's first note wraps over the table's first columns, which print on page 1. */
const INTRO_SPAN = "A2:F2";
/** The sheet's notes above the table (the first wraps over A:F, the rest fit there); headings and row notes wrap in their column. */
const NOTE = { italic: true } as const;
/** A row's note: wrapped in its column, so a printed page keeps its scale (LibreOffice shrinks to fit a long line). */
const ROW_NOTE = { ...STYLES.owned, wrap: true } as const;
const NOTE_WIDTH = 44;
/**
 * Slippage in months, or words ("n/a (no cohort stream)") indented two spaces: left-aligned words would
 * otherwise run straight on from the right-aligned £ figure in the column before.
 */
const SLIPPAGE_FORMAT = '0.0;-0.0;0.0;"  "@';
/** What a proposal's rows say when its sheet could not be read on the last refresh. */
export const NOT_REFRESHED_NOTE = "Not refreshed: see its sheet (its last figures are shown).";
const SECTION = { bold: true } as const;
const HEAD = { ...STYLES.heading, wrap: true } as const;

/** One proposal on the Dashboard: its sheet, name and tracking summary. */
export interface DashboardProposal {
  readonly sheet: string;
  readonly name: string;
  readonly summary: TrackingSummary;
}

/** What the Dashboard shows. */
export interface DashboardData {
  readonly proposals: readonly DashboardProposal[];
  readonly closures: readonly Closure[];
  readonly programme: Closure;
  readonly thresholds: RagThresholds;
  /** Proposals (by name) whose sheets could not be read: their rows show their last figures and say so. */
  readonly notRefreshed?: readonly string[];
}

/** Rows the chart takes under its table. */
const CHART_ROWS = 16;

/** The Dashboard's layout and its chart (absent when no proposal has a £ actual). */
export interface DashboardLayout extends SheetLayout {
  readonly chart?: ComboChartSpec;
}

/**
 * A measure's delivery to date, column by column, as the Dashboard lays it out and `track report` prints it.
 * The text columns (left-aligned in a text table) are MEASURE_TEXT_COLUMNS.
 */
export const MEASURE_COLUMNS = [
  "Measure",
  "Periods",
  "Plan to date",
  "Actual to date",
  "Variance",
  "% of plan",
  "RAG",
] as const;

/** The MEASURE_COLUMNS that hold words, not figures. */
export const MEASURE_TEXT_COLUMNS: ReadonlySet<(typeof MEASURE_COLUMNS)[number]> = new Set([
  "Measure",
  "Periods",
  "RAG",
]);

/** The Delivery table's columns: the stream beside its measure, so two streams' "Saving (£)" rows differ. */
const DELIVERY_COLUMNS = [
  "Proposal",
  "Stream",
  ...MEASURE_COLUMNS,
  "Forecast FY",
  `${FORECAST_CUMULATIVE} (that FY)`,
  "Plan (that FY)",
  "Forecast MTFS row (last MTFS FY)",
  "Slippage (months; negative = ahead)",
  "Note",
] as const;

/**
 * Column widths that differ from 14: as narrow as their words allow (headings wrap to two lines), so the two
 * printed pages across hold the table at 8 pt or more. Slippage holds "n/a (no cohort stream)" as well as
 * months; the closure table below reads "Over (+) / short (−) of target" and "Delivered to date (£ actuals)"
 * in the Periods and Plan to date columns.
 */
const DASHBOARD_WIDTHS: Partial<Record<(typeof DELIVERY_COLUMNS)[number], number>> = {
  Measure: 30,
  // "2027-04 to 2027-06" on one line (it is not wrapped, and the plan is beside it).
  Periods: 19,
  "Plan to date": 16,
  RAG: 12,
  "Forecast FY": 12,
  [`${FORECAST_CUMULATIVE} (that FY)`]: 20,
  "Plan (that FY)": 12,
  "Forecast MTFS row (last MTFS FY)": 16,
  // Its words are indented two spaces (SLIPPAGE_FORMAT).
  "Slippage (months; negative = ahead)": 24,
  Note: NOTE_WIDTH,
};

/** The measure words of a proposal's £ total over its streams: not "Saving (£)", so the programme total's
 * SUMIF adds the streams' rows and not their total again. */
export const SAVING_ALL_STREAMS = "Saving (£), all streams";

/** The first row's Slippage when two or more cohort streams have event actuals (each on its own row). */
export const PER_STREAM_SLIPPAGE = "per stream";

const col = (name: (typeof DELIVERY_COLUMNS)[number]): string =>
  columnLetter(DELIVERY_COLUMNS.indexOf(name) + 1);

const num = (x: Decimal): number => x.toNumber();

/** The RAG formula of a row: the engine's rule (rag.ts) over the threshold cells. */
function ragFormula(plan: string, actual: string): string {
  const g = `$${GREEN_ADDRESS[0]}$${GREEN_ADDRESS.slice(1)}`;
  const a = `$${AMBER_ADDRESS[0]}$${AMBER_ADDRESS.slice(1)}`;
  return (
    `IF(${plan}>0,IF(${actual}/${plan}>=${g},"Green",IF(${actual}/${plan}>=${a},"Amber","Red")),` +
    `IF(${actual}>=${plan},"Green","Red"))`
  );
}

/**
 * Declares the Dashboard for the given tracking, closure and thresholds.
 *
 * @example
 * dashboardLayout(data).cells.find((c) => c.address === "H9") // { kind: "formula", key: "dashboard.rows[0].rag", … }
 */
export function dashboardLayout(data: DashboardData): DashboardLayout {
  const cells: LayoutCell[] = [];
  const label = labelWriter(cells);
  const engine = (address: string, key: string, value: string | number | null, numberFormat?: string) =>
    cells.push({
      kind: "engine",
      address,
      key,
      value,
      style: STYLES.owned,
      ...(numberFormat ? { numberFormat } : {}),
    });
  const formula = (
    address: string,
    key: string,
    f: string,
    value: string | number | null,
    numberFormat?: string,
  ) =>
    cells.push({
      kind: "formula",
      address,
      key,
      formula: f,
      value,
      style: STYLES.owned,
      ...(numberFormat ? { numberFormat } : {}),
    });

  // Text whose row moves with the number of rows is owned, so a refresh moves it too.
  const owned = (address: string, key: string, text: string, style: LayoutCell["style"]) =>
    cells.push({ kind: "engine", address, key, value: text, style });
  label("A1", "Benefits dashboard: delivery against the plan", STYLES.title);
  const intro =
    "Written by track import and refresh from the Tracking sheet: never type here except the RAG thresholds. " +
    "Variance = actual − plan (a shortfall is negative). Saving in £; KPIs in their own units.";
  // Wrapped over the table's first columns: run on to the right, it printed past page 1 into page 2.
  label("A2", intro, { ...NOTE, wrap: true });
  label("A4", "Green at or above (share of plan to date)");
  cells.push({
    kind: "input",
    address: GREEN_ADDRESS,
    path: "dashboard.thresholds.green",
    value: num(data.thresholds.green),
    type: "percent",
    numberFormat: PERCENT_FORMAT,
    style: STYLES.input,
    label: "Green at or above",
  });
  label("A5", "Amber at or above (share of plan to date)");
  cells.push({
    kind: "input",
    address: AMBER_ADDRESS,
    path: "dashboard.thresholds.amber",
    value: num(data.thresholds.amber),
    type: "percent",
    numberFormat: PERCENT_FORMAT,
    style: STYLES.input,
    label: "Amber at or above",
  });
  label(
    "A6",
    "Red below Amber. Default: Green ≥ 95%, Amber ≥ 80% (the MTFS Benefits guide, Tracking).",
    NOTE,
  );

  label(`A${HEADER_ROW - 1}`, "Delivery to date", SECTION);
  DELIVERY_COLUMNS.forEach((c, k) => label(`${columnLetter(k + 1)}${HEADER_ROW}`, c, HEAD));
  let row = HEADER_ROW + 1;
  let i = 0;
  const notRefreshed = new Set(data.notRefreshed ?? []);
  const noteHeights: { row: number; height: number }[] = [];
  const note = (address: string, key: string, text: string, width = NOTE_WIDTH) => {
    cells.push({ kind: "engine", address, key, value: text, style: ROW_NOTE });
    const lines = wrappedLines(text, { width });
    if (lines > 1)
      noteHeights.push({ row: Number(address.replace(/^[A-Z]+/, "")), height: rowHeightFor(lines) });
  };
  const savingRows: { name: string; row: number; stream?: string }[] = [];
  for (const p of data.proposals) {
    const f = p.summary.forecast;
    const streamed = p.summary.streams !== undefined;
    p.summary.measures.forEach((m, k) => {
      const key = `dashboard.rows[${i}]`;
      const money = m.measure === "saving" ? MILLIONS_FORMAT : "0.00";
      const periods =
        m.periods.length === 1 ? m.periods[0] : `${m.periods[0]} to ${m.periods[m.periods.length - 1]}`;
      const total = streamed && m.stream === undefined;
      engine(`${col("Proposal")}${row}`, `${key}.proposal`, p.name);
      engine(
        `${col("Measure")}${row}`,
        `${key}.measure`,
        total ? SAVING_ALL_STREAMS : measureWords(m.measure),
      );
      if (m.stream !== undefined) engine(`${col("Stream")}${row}`, `${key}.stream`, m.stream);
      const notes = [...(notRefreshed.has(p.name) ? [NOT_REFRESHED_NOTE] : [])];
      notes.push(
        ...(p.summary.warnings ?? [])
          .filter((w) => w.measure === m.measure && w.stream === m.stream)
          .map((w) => w.message),
      );
      // Events whose periods leave a gap: the variance and RAG stand, the forecast is left out, and why.
      if (p.summary.forecastWithheld !== undefined && m.measure === "avoidedEvents")
        notes.push(`No forecast: ${p.summary.forecastWithheld}.`);
      if (notes.length > 0) note(`${col("Note")}${row}`, `${key}.note`, notes.join(" "));
      engine(`${col("Periods")}${row}`, `${key}.periods`, periods);
      const plan = `${col("Plan to date")}${row}`;
      const actual = `${col("Actual to date")}${row}`;
      engine(plan, `${key}.plan`, num(m.plan), money);
      engine(actual, `${key}.actual`, num(m.actual), money);
      // A £ variance to the penny (toPenny): an actual equal to the plan is 0, not float noise shown as "-£0.00m".
      const variance =
        m.measure === "saving"
          ? toPenny(`${actual}-${plan}`, num(m.actual) - num(m.plan))
          : { formula: `${actual}-${plan}`, value: num(m.variance) };
      formula(`${col("Variance")}${row}`, `${key}.variance`, variance.formula, variance.value, money);
      formula(
        `${col("% of plan")}${row}`,
        `${key}.percentOfPlan`,
        `IF(${plan}=0,"",${actual}/${plan})`,
        m.percentOfPlan === undefined ? "" : num(m.percentOfPlan),
        PERCENT_FORMAT,
      );
      formula(`${col("RAG")}${row}`, `${key}.rag`, ragFormula(plan, actual), m.rag);
      if (k === 0 && f) {
        const fy = f.forecast.years.some((y) => y.fy === p.summary.currentFy)
          ? p.summary.currentFy
          : f.forecast.years[0].fy;
        const at = f.forecast.years.find((y) => y.fy === fy) ?? f.forecast.years[0];
        const planAt = f.plan.years.find((y) => y.fy === fy) ?? f.plan.years[0];
        engine(`${col("Forecast FY")}${row}`, `${key}.forecastFy`, fyLabel(fy));
        engine(
          `${col(`${FORECAST_CUMULATIVE} (that FY)`)}${row}`,
          `${key}.forecast`,
          num(at.cumulative),
          MILLIONS_FORMAT,
        );
        engine(
          `${col("Plan (that FY)")}${row}`,
          `${key}.forecastPlan`,
          num(planAt.cumulative),
          MILLIONS_FORMAT,
        );
        engine(
          `${col("Forecast MTFS row (last MTFS FY)")}${row}`,
          `${key}.forecastMtfs`,
          num(
            forecastMtfsRow(
              f.forecast,
              data.closures.find((c) => c.name === p.name),
            ),
          ),
          MILLIONS_FORMAT,
        );
      }
      const slippage = slippageCell(f, m, k === 0);
      if (slippage !== undefined)
        engine(
          `${col("Slippage (months; negative = ahead)")}${row}`,
          `${key}.slippageMonths`,
          slippage,
          SLIPPAGE_FORMAT,
        );
      if (m.measure === "saving" && !total) savingRows.push({ name: p.name, row, stream: m.stream });
      row++;
      i++;
    });
  }
  const first = HEADER_ROW + 1;
  // The Measure column shows the measure in words, so the £ rows are picked by the saving's words.
  const saving = measureWords("saving");
  const totalRow = row;
  // A proposal's total over its streams is not added again (its streams' rows are).
  const savings = data.proposals.flatMap((p) =>
    p.summary.measures.filter(
      (m) => m.measure === "saving" && (p.summary.streams === undefined || m.stream !== undefined),
    ),
  );
  const totalPlan = savings.reduce((s, m) => s.plus(m.plan), ZERO);
  const totalActual = savings.reduce((s, m) => s.plus(m.actual), ZERO);
  owned(`A${totalRow}`, "dashboard.programme.label", `${MODELLED_PROGRAMME}: £ saving`, { bold: true });
  // With no measure rows a SUMIF would have to range over the total row itself (a circular reference).
  const m = col("Measure");
  const total = (c: string, key: string, value: Decimal) =>
    totalRow === first
      ? engine(`${c}${totalRow}`, key, num(value), MILLIONS_FORMAT)
      : formula(
          `${c}${totalRow}`,
          key,
          `SUMIF($${m}$${first}:$${m}$${totalRow - 1},"${saving}",${c}${first}:${c}${totalRow - 1})`,
          num(value),
          MILLIONS_FORMAT,
        );
  const planCol = col("Plan to date");
  const actualCol = col("Actual to date");
  const tp = `${planCol}${totalRow}`;
  const ta = `${actualCol}${totalRow}`;
  total(planCol, "dashboard.programme.plan", totalPlan);
  total(actualCol, "dashboard.programme.actual", totalActual);
  const totalVariance = toPenny(`${ta}-${tp}`, num(totalActual) - num(totalPlan));
  formula(
    `${col("Variance")}${totalRow}`,
    "dashboard.programme.variance",
    totalVariance.formula,
    totalVariance.value,
    MILLIONS_FORMAT,
  );
  formula(
    `${col("% of plan")}${totalRow}`,
    "dashboard.programme.percentOfPlan",
    `IF(${tp}=0,"",${ta}/${tp})`,
    totalPlan.isZero() ? "" : num(totalActual.div(totalPlan)),
    PERCENT_FORMAT,
  );
  // No £ plan and no £ actual to date (no £ actuals yet): nothing to rate, where the rule alone reads Green.
  formula(
    `${col("RAG")}${totalRow}`,
    "dashboard.programme.rag",
    `IF(AND(${tp}=0,${ta}=0),"",${ragFormula(tp, ta)})`,
    totalPlan.isZero() && totalActual.isZero() ? "" : ragStatus(totalActual, totalPlan, data.thresholds),
  );
  // The totals add a not-refreshed proposal's last figures: they say so.
  const stale = [...notRefreshed];
  const includes =
    stale.length === 0
      ? undefined
      : `Includes ${stale.length === 1 ? "1 proposal" : `${stale.length} proposals`} not refreshed (last figures): ${stale.join(", ")}.`;
  if (includes !== undefined) note(`${col("Note")}${totalRow}`, "dashboard.programme.note", includes);

  // The closure table (001 para 23).
  const closureTitle = totalRow + 2;
  owned(
    `A${closureTitle}`,
    "dashboard.closure.title",
    "Closure: benefit at full run rate and MTFS contribution (expected from actuals)",
    SECTION,
  );
  const fys = data.programme.years;
  const closureHeader = [
    "Proposal",
    "Target at full run rate",
    "Expected at full run rate",
    "Over (+) / short (−) of target",
    "Delivered to date (£ actuals)",
    ...fys.map((y) => `MTFS ${y.label}`),
    ...(includes === undefined ? [] : ["Note"]),
  ];
  closureHeader.forEach((c, k) =>
    owned(`${columnLetter(k + 1)}${closureTitle + 1}`, `dashboard.closure.heading[${k}]`, c, HEAD),
  );
  [...data.closures, data.programme].forEach((c, k) => {
    const r = closureTitle + 2 + k;
    const key = k < data.closures.length ? `dashboard.closure[${k}]` : "dashboard.closure.programme";
    engine(`A${r}`, `${key}.name`, c.name);
    engine(`B${r}`, `${key}.target`, num(c.targetFullRunRate), MILLIONS_FORMAT);
    engine(`C${r}`, `${key}.expected`, num(c.expectedFullRunRate), MILLIONS_FORMAT);
    const overTarget = toPenny(`C${r}-B${r}`, num(c.expectedFullRunRate) - num(c.targetFullRunRate));
    formula(`D${r}`, `${key}.overTarget`, overTarget.formula, overTarget.value, MILLIONS_FORMAT);
    engine(`E${r}`, `${key}.delivered`, num(c.deliveredToDate), MILLIONS_FORMAT);
    fys.forEach((y, j) => {
      const mine = c.years.find((x) => x.fy === y.fy);
      engine(
        `${columnLetter(6 + j)}${r}`,
        `${key}.mtfs.${y.label}`,
        mine ? num(mine.expected) : 0,
        MILLIONS_FORMAT,
      );
    });
    const own = [...(notRefreshed.has(c.name) ? [NOT_REFRESHED_NOTE] : []), ...(c.warnings ?? [])];
    const closureNote = k === data.closures.length ? includes : own.length > 0 ? own.join(" ") : undefined;
    // Wrapped in its column like the row notes: a long line would run across the printed page.
    const noteColumn = 6 + fys.length;
    if (closureNote !== undefined)
      note(
        `${columnLetter(noteColumn)}${r}`,
        `${key}.note`,
        closureNote,
        DASHBOARD_WIDTHS[DELIVERY_COLUMNS[noteColumn - 1]] ?? 14,
      );
  });

  // Chart data: plan against actual £ saving to date, one row per proposal.
  const chartTitle = closureTitle + 3 + data.closures.length + 1;
  owned(`A${chartTitle}`, "dashboard.chart.title", "Plan against actual (£ saving to date)", SECTION);
  ["Proposal", "Plan to date", "Actual to date"].forEach((c, k) =>
    owned(`${columnLetter(k + 1)}${chartTitle + 1}`, `dashboard.chart.heading[${k}]`, c, HEAD),
  );
  savingRows.forEach((s, k) => {
    const r = chartTitle + 2 + k;
    if (s.stream === undefined) formula(`A${r}`, `dashboard.chart[${k}].proposal`, `A${s.row}`, s.name);
    else
      formula(
        `A${r}`,
        `dashboard.chart[${k}].proposal`,
        `A${s.row}&" ("&${col("Stream")}${s.row}&")"`,
        `${s.name} (${s.stream})`,
      );
    formula(
      `B${r}`,
      `dashboard.chart[${k}].plan`,
      `${planCol}${s.row}`,
      cellNumber(cells, `${planCol}${s.row}`),
      MILLIONS_FORMAT,
    );
    formula(
      `C${r}`,
      `dashboard.chart[${k}].actual`,
      `${actualCol}${s.row}`,
      cellNumber(cells, `${actualCol}${s.row}`),
      MILLIONS_FORMAT,
    );
  });
  const chartFirst = chartTitle + 2;
  const chartLast = chartTitle + 1 + savingRows.length;
  const columnWidths = [
    // The longest Appendix A name ("Maximising Independence for Working Age Adults", 40.3 units in
    // LibreOffice's PDF: 40 cut its last letters) on one line.
    { column: "A", width: 43 },
    ...DELIVERY_COLUMNS.slice(1).map((c, k) => ({
      column: columnLetter(k + 2),
      width: DASHBOARD_WIDTHS[c] ?? 14,
    })),
  ];
  const chart: ComboChartSpec | undefined =
    savingRows.length === 0
      ? undefined
      : {
          sheet: DASHBOARD_SHEET,
          title: "£ saving to date: plan against actual",
          // Savings to date are often thousands: £m to 1 dp would label every tick £0.0m.
          valueFormat: THOUSANDS_FORMAT,
          categories: `A${chartFirst}:A${chartLast}`,
          bars: { name: "Plan to date", values: `B${chartFirst}:B${chartLast}` },
          line: { name: "Actual to date", values: `C${chartFirst}:C${chartLast}` },
          // Under its table in the first page's columns, starting a page: beside it (from column I) it
          // straddled the two pages across, as the columns the first page holds change with their widths.
          from: `A${chartLast + 2}`,
          to: `D${chartLast + 2 + CHART_ROWS}`,
        };
  const widths = new Map(columnWidths.map((w) => [w.column, w.width]));
  return {
    layoutId: DASHBOARD_LAYOUT_ID,
    sheet: DASHBOARD_SHEET,
    // Wrapped headings and notes make rows tall: every figure sits level with its label's first line.
    cells: alignedTop(cells),
    // Two lines for the wrapped headings, more for a long wrapped note; every other row is the default (a sync
    // that moves rows resets them: dashboard.ts).
    rowHeights: [
      { row: 2, height: rowHeightFor(wrappedLines(intro, { width: spanWidth(INTRO_SPAN, widths) })) },
      { row: HEADER_ROW, height: 30 },
      ...noteHeights,
      { row: closureTitle + 1, height: 30 },
    ],
    merges: [INTRO_SPAN],
    // Fifteen columns on one page width print at about 4 pt: two pages wide, the table's headings on each page
    // and the Proposal column too, so page 2's figures keep their names (column A's title block comes with it).
    print: { pagesWide: 2, titleRows: `${HEADER_ROW}:${HEADER_ROW}`, titleColumns: "A:A" },
    columnWidths,
    ...(chart ? { chart, pageBreaks: chartPageBreaks([chart]) } : {}),
  };
}

/**
 * The Slippage cell of a measure row: the proposal's, on its first row; with avoided-events actuals on two or
 * more cohort streams, each stream's on its avoided-events row (months of two streams do not add), the first
 * row saying so. Undefined: the row has none.
 */
function slippageCell(
  f: Forecast | undefined,
  m: MeasureTracking,
  first: boolean,
): string | number | undefined {
  if (f === undefined) return undefined;
  const months = (x: Decimal | undefined) =>
    x === undefined ? "beyond the horizon" : x.toDecimalPlaces(2).toNumber();
  const perStream = slippageByStream(f);
  if (perStream !== undefined) {
    const mine = m.measure === "avoidedEvents" ? perStream.find((s) => s.id === m.stream) : undefined;
    if (mine !== undefined) return months(mine.slippageMonths);
    return first ? PER_STREAM_SLIPPAGE : undefined;
  }
  if (!first) return undefined;
  if (hasNoCohortStream(f)) return NO_COHORT_SLIPPAGE;
  if (f.streams?.every((s) => s.planEventsToDate === undefined)) return "no events";
  return months(f.slippageMonths);
}

function cellNumber(cells: readonly LayoutCell[], address: string): number {
  const c = cells.find((x) => x.address === address);
  return c && (c.kind === "engine" || c.kind === "formula") && typeof c.value === "number" ? c.value : 0;
}

/**
 * The forecast's MTFS row in the last MTFS FY (the last FY its closure lists): cumulative, contingency and any
 * existing MTFS line added back, as the proposal sheet's MTFS row and `track report` show it.
 */
function forecastMtfsRow(forecast: Profile, closure: Closure | undefined): Decimal {
  const lastFy = closure?.years.reduce<number | undefined>(
    (m, y) => (m === undefined || y.fy > m ? y.fy : m),
    undefined,
  );
  const at = forecast.years.find((y) => y.fy === lastFy);
  return at
    ? at.mtfsImpact
    : forecast.quantifiedOpportunity.plus(forecast.quantifiedOpportunityInflationContingency);
}
