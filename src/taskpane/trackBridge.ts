import {
  aheadOfPlanText,
  computeAssumptions,
  Decimal,
  findStream,
  measureKey,
  measureLabel,
  streamMeasures,
  fyLabel,
  formatMoney,
  formatPercent,
  slippageText,
  isCalendarDate,
  isEngineError,
  parseProposal,
  describeReprofile,
  FORECAST_MEANS,
  fullRunRateText,
  REVISED_MEANS,
  reprofile,
  trackAssumptions,
  type MeasureActual,
  type Reprofile,
  type ReprofileSummary,
  type StreamReprofile,
  type TrackingSummary,
} from "../engine";
import {
  checkActualRows,
  inLineOrder,
  readActualRows,
  readActualsCsv,
  trackingActual,
  type ActualRow,
  type ActualText,
} from "../workbook/actualsCsv";
import { numberText } from "../workbook/cellValues";
import { readThresholds } from "../workbook/dashboard";
import { conflictText, enterActuals } from "../workbook/enterActuals";
import { isWorkbookError } from "../workbook/errors";
import { acceptReprofile, proposeReprofile } from "../workbook/history";
import { atomically } from "../workbook/journal";
import { HISTORY_SHEET } from "../workbook/layouts/historySheet";
import { TRACKING_SHEET } from "../workbook/layouts/trackingSheet";
import type { WorkbookPort } from "../workbook/port";
import { hasRegister, NOT_AN_MTFS_WORKBOOK } from "../workbook/register";
import {
  findProposal,
  readTrackingActuals,
  trackWorkbook,
  trackedProposals,
  type ReportedForecast,
} from "../workbook/tracking";
import { countText } from "./preview/plural";

/**
 * The Track tab's engine and workbook calls (issue 15): the draft proposal tracked on the actuals typed in the
 * tab (a preview), and the proposal's actuals written to, read from and reprofiled on the workbook's Tracking
 * sheet through the workbook layer the CLI's `track` uses, all as text ready to show. Nothing is calculated in
 * the component.
 */

/** An actual as typed: text fields, with where it came from when it was read from a CSV. */
export interface TypedActual {
  readonly period: string;
  readonly measure: string;
  readonly value: string;
  /** The stream id; blank (or absent) for the proposal's only stream. */
  readonly stream?: string;
  /** Where it came from ("actuals.csv line 3"); absent: typed in the tab. */
  readonly source?: string;
  /** Its line in the CSV it was read from (the header is line 1). */
  readonly line?: number;
}

/** One measure's line (of one stream, on a proposal of several; the £ total has none). */
export interface TrackLine {
  readonly measure: string;
  /** The measure in words (the engine's table), as the sheets show it. */
  readonly words: string;
  readonly stream?: string;
  readonly plan: string;
  readonly actual: string;
  readonly variance: string;
  readonly percentOfPlan: string;
  readonly rag: "Green" | "Amber" | "Red";
}

/**
 * One FY of a proposed reprofile: approved beside revised, cumulative and MTFS row, and the forecast MTFS row
 * `track report` gives when there is a forecast (as `track reprofile`).
 */
export interface ReprofileYear {
  readonly fy: string;
  readonly approved: string;
  readonly revised: string;
  readonly approvedMtfs: string;
  readonly revisedMtfs: string;
  /** Absent when the report has no forecast; "" for an FY the forecast does not reach. */
  readonly forecastMtfs?: string;
}

/** What the tab shows: lines, forecast and reprofile, or why not. */
export type TrackView =
  | {
      readonly kind: "tracked";
      readonly lines: readonly TrackLine[];
      readonly forecast?: string;
      readonly mtfsRow?: string;
      readonly slippage?: string;
      /** The reading proposed (as `track reprofile` prints it; that it is indicative only, the note says). */
      readonly reprofile?: string;
      /**
       * Beside it: why it is indicative only (fewer than 3 periods of actuals), or why none is proposed (the
       * actuals at or ahead of the plan); the engine's words, as the CLI gives them.
       */
      readonly reprofileNote?: string;
      readonly reprofileYears?: readonly ReprofileYear[];
      /**
       * The full run rate, approved and revised (a later one beside the approved plan in that FY, like for
       * like) and the forecast's, in words: `track reprofile`'s line.
       */
      readonly reprofileRunRate?: string;
      /** What the revised and forecast figures each are, as `track reprofile` says under its table. */
      readonly reprofileMeans?: readonly string[];
      /** Actuals far above the plan from few periods, in words. */
      readonly warnings?: readonly string[];
    }
  | { readonly kind: "problem"; readonly message: string };

// Money by the one rule (£m, £k below £0.1m), as `track report` prints it.
const show = (measure: string, x: Decimal): string => (measure === "saving" ? formatMoney(x) : x.toFixed(2));

/**
 * The proposed reprofile and the note beside it: none proposed at or ahead of plan, or indicative only from few
 * periods. "Indicative only" is said once, in the engine's note (which `track reprofile` gives as its warning).
 */
function reprofileLines(r: ReprofileSummary & { readonly indicativeNote?: string }): {
  readonly reprofile: string;
  readonly reprofileNote?: string;
} {
  const note = aheadOfPlanText(r) ?? r.indicativeNote;
  return {
    reprofile: describeReprofile(r),
    // A sentence of its own beside the reading (the CLI's table gives the indicative note as "Note: the reprofile …").
    ...(note === undefined
      ? {}
      : { reprofileNote: `${note[0].toUpperCase()}${note.slice(1)}${note.endsWith(".") ? "" : "."}` }),
  };
}

/**
 * A tracking summary (and its reprofile, when there are avoided-events actuals) as the tab shows it, the
 * reprofile beside `shown`: the forecast `track reprofile` prints (reportedForecast), else the summary's own.
 */
function summaryView(
  s: TrackingSummary,
  r:
    | (ReprofileSummary &
        Pick<Reprofile | StreamReprofile, "approved" | "revised"> & { readonly indicativeNote?: string })
    | undefined,
  shown?: ReportedForecast,
): TrackView {
  const f = s.forecast;
  const fy = f?.forecast.years.find((y) => y.fy === s.currentFy) ?? f?.forecast.years[0];
  const planFy = f?.plan.years.find((y) => y.fy === fy?.fy);
  const beside = shown === undefined ? f?.forecast : "forecast" in shown ? shown.forecast : undefined;
  return {
    kind: "tracked",
    lines: s.measures.map((m) => ({
      measure: m.measure,
      words: measureLabel(m.measure),
      ...(m.stream === undefined ? {} : { stream: m.stream }),
      plan: show(m.measure, m.plan),
      actual: show(m.measure, m.actual),
      variance: show(m.measure, m.variance),
      percentOfPlan: m.percentOfPlan === undefined ? "" : formatPercent(m.percentOfPlan),
      rag: m.rag,
    })),
    ...(s.warnings?.length || s.forecastWithheld !== undefined
      ? {
          warnings: [
            ...(s.forecastWithheld === undefined ? [] : [`No forecast: ${s.forecastWithheld}`]),
            ...(s.warnings ?? []).map((w) => w.message),
          ],
        }
      : {}),
    ...(f && fy && planFy
      ? {
          forecast: `${fyLabel(fy.fy)}: ${formatMoney(fy.cumulative)} (plan ${formatMoney(planFy.cumulative)})`,
          mtfsRow: f.forecast.years.map((y) => `${y.label} ${formatMoney(y.mtfsImpact)}`).join(", "),
          slippage: slippageText(f),
        }
      : {}),
    ...(r
      ? {
          ...reprofileLines(r),
          reprofileYears: r.approved.years.map((y, i) => {
            const forecastFy = beside?.years.find((x) => x.fy === y.fy);
            return {
              fy: y.label,
              approved: formatMoney(y.cumulative),
              revised: formatMoney(r.revised.years[i].cumulative),
              approvedMtfs: formatMoney(y.mtfsImpact),
              revisedMtfs: formatMoney(r.revised.years[i].mtfsImpact),
              ...(beside === undefined
                ? {}
                : { forecastMtfs: forecastFy === undefined ? "" : formatMoney(forecastFy.mtfsImpact) }),
            };
          }),
          reprofileRunRate: fullRunRateText(r.approved, r.revised, beside),
          reprofileMeans: [
            ...(r.aheadOfPlan ? [] : [REVISED_MEANS]),
            ...(beside === undefined ? [] : [FORECAST_MEANS]),
          ],
        }
      : {}),
  };
}

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
    const assumptions = parseProposal(raw).assumptions;
    const actuals: MeasureActual[] = rows.map((a, k) => ({
      period: a.period.trim(),
      // Words (as the sheets and the dropdown show them) or the key, as every reader of actuals takes.
      measure: measureKey(a.measure),
      value: new Decimal(values[k] ?? 0),
      ...(a.stream?.trim() ? { stream: a.stream.trim() } : {}),
    }));
    // Any streams are tracked (per stream); the preview fits a reprofile to a single cohort's avoided events.
    const input = assumptions.cohort;
    const events = actuals.filter((a) => a.measure === "avoidedEvents");
    const summary = trackAssumptions(assumptions, actuals);
    // Events that leave a gap have no forecast (the summary says why), nor a reprofile fitted to them.
    const fits = input && events.length > 0 && summary.forecastWithheld === undefined;
    return summaryView(summary, fits ? reprofile(input, events) : undefined);
  } catch (e) {
    if (isEngineError(e)) return { kind: "problem", message: `${e.field}: ${e.rule}` };
    throw e;
  }
}

/** A measure the Track tab offers: its key and its words. */
export interface MeasureChoice {
  readonly key: string;
  readonly words: string;
}

/**
 * The measures the chosen stream of a draft proposal (its raw JSON) is tracked on, in words: the engine's
 * streamMeasures (the £ saving first, then its kind's KPIs). A draft that does not read yet, or a stream it
 * does not name, offers the saving alone (every stream has one).
 *
 * @example
 * trackMeasures(cfsJson).map((m) => m.words) // ["Saving (£)", "Avoided events", "Caseload reduction"]
 */
export function trackMeasures(raw: unknown, stream?: string): readonly MeasureChoice[] {
  const saving = [{ key: "saving", words: measureLabel("saving") }];
  let assumptions;
  try {
    assumptions = parseProposal(raw).assumptions;
  } catch (e) {
    if (isEngineError(e)) return saving;
    throw e;
  }
  const found = findStream(assumptions, stream);
  if (found === undefined) return saving;
  try {
    const line = computeAssumptions(assumptions).proposal.streams[found.index];
    return streamMeasures(line).map((m) => ({ key: m.key, words: m.label }));
  } catch (e) {
    if (isEngineError(e)) return saving;
    throw e;
  }
}

/**
 * The rows of an actuals CSV (the columns `track import` reads, docs/cli.md) for the proposal called one of
 * `names` (its name, or its sheet's), as typed actuals that remember their line; rows of other proposals are
 * counted, not used. `problems`: every bad line of the file by the CSV's own rules ("line 3: period: …"), the
 * good rows still given so the workbook's checks can run on them too (`TrackWorkbookOps.checkCsv`). A header
 * that cannot be read is a `problem`, naming `file`.
 *
 * @example
 * actualsFromCsv("proposal,period,measure,value\nCFS,2027-10,avoidedEvents,0", "CFS") // { rows: [...], others: 0, problems: [] }
 */
export function actualsFromCsv(
  text: string,
  names: string | readonly string[],
  file = "the CSV",
):
  | { readonly rows: readonly TypedActual[]; readonly others: number; readonly problems: readonly string[] }
  | { readonly problem: string } {
  const wanted = (typeof names === "string" ? [names] : names).map((n) => n.trim()).filter((n) => n !== "");
  try {
    const read = readActualsCsv(text, file);
    const mine = read.rows.filter((r) => wanted.includes(r.proposal));
    return {
      rows: mine.map((r) => ({
        period: r.period,
        measure: r.measure,
        // Plain digits (toString would give "1e-7"), which the tab and its checks read back as the figure.
        value: r.value.toFixed(),
        ...(r.stream === undefined ? {} : { stream: r.stream }),
        source: `${file} line ${r.line}`,
        line: r.line,
      })),
      others: read.rows.length - mine.length,
      problems: read.problems.map((p) => `${lineText(p.line)}: ${p.text}`),
    };
  } catch (e) {
    if (isWorkbookError(e)) return { problem: e.message };
    throw e;
  }
}

const lineText = (line: number): string => `line ${line}`;

/** An actual on the Tracking sheet, as the tab lists it. */
export interface SheetActualLine {
  readonly row: number;
  readonly stream: string;
  readonly period: string;
  /** The measure in words, as the Tracking sheet shows it. */
  readonly measure: string;
  readonly value: string;
  readonly source: string;
}

/** The proposal's tracking in the workbook: its Tracking sheet actuals and what they show, or why there is none. */
export type WorkbookTrack =
  | { readonly kind: "absent"; readonly message: string }
  | {
      readonly kind: "sheet";
      /** The proposal's sheet: the key its actuals are written under. */
      readonly sheet: string;
      readonly actuals: readonly SheetActualLine[];
      /** Cells of the Tracking sheet (or the Dashboard's thresholds) that could not be read. */
      readonly problems: readonly string[];
      readonly view: TrackView;
      /** True when `track reprofile` fits one to the actuals (its default measure) that changes the plan. */
      readonly canReprofile: boolean;
    };

/** What "Write to workbook" did, in words: refused (nothing written) or written, with the conflicts kept. */
export type WriteOutcome =
  | { readonly kind: "refused"; readonly message: string }
  | {
      readonly kind: "written";
      readonly message: string;
      readonly conflicts: readonly string[];
      readonly warnings: readonly string[];
    };

/** The Track tab's workbook calls, over one host's port (Office.js in Excel, ExcelJS in the standalone page). */
export interface TrackWorkbookOps {
  /** The proposal's actuals on the Tracking sheet and its variance, RAG, forecast and proposed reprofile. */
  read(proposal: string): Promise<WorkbookTrack>;
  /** Writes typed actuals to the Tracking sheet as `track import` does (rows with a blank value skipped). */
  write(proposal: string, rows: readonly TypedActual[]): Promise<WriteOutcome>;
  /**
   * Every bad line of a CSV's rows for the proposal, in line order: `known` (the CSV's own, from actualsFromCsv)
   * and the workbook's (an unknown stream or measure, a gap in avoided events), as `track import` reports them
   * in one run; nothing is written. Empty: every row passes.
   */
  checkCsv(
    proposal: string,
    rows: readonly TypedActual[],
    known: readonly string[],
  ): Promise<readonly string[]>;
  /** Keeps the proposed reprofile as a version dated `date`, as `track reprofile --accept` does; says where. */
  acceptReprofile(sheet: string, date: string): Promise<string>;
}

/**
 * What is wrong with a reprofile version's date as typed, in words, or undefined when it is one: the rule
 * `track reprofile --accept --date` applies (a real calendar date YYYY-MM-DD; today, earlier or later).
 *
 * @example
 * versionDateProblem("2028-01-15") // undefined
 * versionDateProblem("") // "Version date is required: a date YYYY-MM-DD"
 */
export function versionDateProblem(text: string): string | undefined {
  const date = text.trim();
  if (date === "") return "Version date is required: a date YYYY-MM-DD";
  return isCalendarDate(date) ? undefined : `Version date must be a date YYYY-MM-DD, got "${date}"`;
}

/** The workbook layer's and the engine's user errors, as the message to show (anything else is a bug). */
function problemOf(e: unknown): string {
  if (isWorkbookError(e)) return e.message;
  if (isEngineError(e)) return `${e.field}: ${e.rule}`;
  throw e;
}

/** The proposal sheet called `proposal` (its sheet's name or its proposal's), or why there is none. */
async function proposalSheet(
  port: WorkbookPort,
  proposal: string,
): Promise<{ sheet: string; name: string } | { problem: string }> {
  if (!(await hasRegister(port))) return { problem: `This workbook is ${NOT_AN_MTFS_WORKBOOK}.` };
  const { all, problems } = await trackedProposals(port);
  const p = findProposal(all, proposal);
  if (p) return { sheet: p.sheet, name: p.name };
  const bad = problems.find((x) => x.startsWith(`${proposal.trim()}:`));
  return {
    problem:
      bad ??
      `The workbook has no proposal sheet "${proposal}": Finish the proposal first (it writes the sheet), ` +
        "or open the workbook that has it.",
  };
}

async function readTrack(port: WorkbookPort, proposal: string): Promise<WorkbookTrack> {
  try {
    const found = await proposalSheet(port, proposal);
    if ("problem" in found) return { kind: "absent", message: found.problem };
    const { sheet } = found;
    const { thresholds, problems: thresholdProblems } = await readThresholds(port);
    const { actuals, problems } = await readTrackingActuals(port);
    const tracking = await trackWorkbook(port, thresholds);
    const mine = actuals.filter((a) => findProposal([found], a.proposal) !== undefined);
    const summary = tracking.proposals.find((p) => p.sheet === sheet)?.summary;
    // No actuals a reprofile can be fitted to is no proposal, not a problem: the rest still shows.
    const proposed = summary
      ? await proposeReprofile(port, sheet).catch((e: unknown) => {
          if (isWorkbookError(e) && e.code === "no-actuals") return undefined;
          throw e;
        })
      : undefined;
    const mineProblems = tracking.problems.filter(
      (x) => x.includes(`(${sheet})`) || x.startsWith(`${sheet}:`),
    );
    return {
      kind: "sheet",
      sheet,
      actuals: mine.map((a) => ({
        row: a.row,
        stream: a.stream,
        period: a.period,
        measure: measureLabel(a.measure),
        value: String(a.value),
        source: a.source,
      })),
      problems: [...thresholdProblems, ...problems, ...mineProblems],
      view: summary
        ? summaryView(summary, proposed?.reprofile, proposed?.forecast)
        : {
            kind: "problem",
            message:
              mine.length === 0
                ? `No actuals for ${sheet} on the ${TRACKING_SHEET} sheet yet: enter some and write them.`
                : `${sheet}'s actuals could not be tracked: ${mineProblems.join("; ")}`,
          },
      // At or ahead of plan nothing is proposed, so there is nothing to keep (`--accept` refuses it too).
      canReprofile: proposed !== undefined && !proposed.reprofile.aheadOfPlan,
    };
  } catch (e) {
    return { kind: "absent", message: problemOf(e) };
  }
}

/** A typed actual as checkActualRows reads it, for the proposal's `sheet`, at `line`. */
const actualText = (a: TypedActual, line: number, sheet: string): ActualText => ({
  line,
  proposal: sheet,
  stream: a.stream ?? "",
  period: a.period,
  measure: a.measure,
  value: a.value,
});

async function checkCsvRows(
  port: WorkbookPort,
  proposal: string,
  rows: readonly TypedActual[],
  known: readonly string[],
): Promise<readonly string[]> {
  try {
    const found = await proposalSheet(port, proposal);
    if ("problem" in found) return inLineOrder([...known, found.problem]);
    // The CSV's rules on the rows as given, then the writer `track import` calls, in a dry run: every problem.
    const read = readActualRows(
      rows.map((a, k) => actualText(a, a.line ?? k + 1, found.sheet)),
      lineText,
    );
    const sources = new Map(rows.map((a, k) => [a.line ?? k + 1, a.source ?? ""]));
    const result = await enterActuals(
      port,
      read.rows.map((r) => trackingActual(r, sources.get(r.line) ?? "")),
      {
        where: (k) => lineText(read.rows[k].line),
        dryRun: true,
        known: [...known, ...read.problems.map((p) => `${lineText(p.line)}: ${p.text}`)],
      },
    );
    return result.kind === "refused" ? inLineOrder(result.problems) : [];
  } catch (e) {
    return inLineOrder([...known, problemOf(e)]);
  }
}

async function writeTyped(
  port: WorkbookPort,
  proposal: string,
  typed: readonly TypedActual[],
): Promise<WriteOutcome> {
  const found = await proposalSheet(port, proposal);
  if ("problem" in found) return { kind: "refused", message: `Not written: ${found.problem}` };
  const { sheet } = found;
  const given = typed.map((a, k) => ({ a, line: k + 1 })).filter(({ a }) => a.value.trim() !== "");
  if (given.length === 0) return { kind: "refused", message: "Not written: enter an actual first." };
  let checked: ActualRow[];
  try {
    checked = checkActualRows(
      given.map(({ a, line }) => actualText(a, line, sheet)),
      "Not written",
      (line) => `actual ${line}`,
    );
  } catch (e) {
    // Its message already says "Not written: actual 2: …; nothing was imported".
    if (isWorkbookError(e)) return { kind: "refused", message: e.message };
    throw e;
  }
  const sources = new Map(given.map(({ a, line }) => [line, a.source ?? "typed in the Track tab"]));
  const result = await enterActuals(
    port,
    checked.map((r) => trackingActual(r, sources.get(r.line) ?? "")),
    { where: (k) => `actual ${checked[k].line}`, dryRun: false },
  );
  if (result.kind === "refused")
    return {
      kind: "refused",
      message: `Not written: ${result.problems.slice(0, 5).join("; ")}; nothing was imported`,
    };
  return {
    kind: "written",
    message:
      `Wrote ${countText(result.added.length, "actual")} to the ${TRACKING_SHEET} sheet` +
      ` (${result.unchanged} already there, ${countText(result.conflicts.length, "conflict")}).`,
    conflicts: result.conflicts.map(conflictText),
    warnings: result.warnings,
  };
}

/**
 * The Track tab's workbook calls over `port()`: the same workbook-layer functions `track import`, `track
 * report` and `track reprofile --accept` call, so the tab and the CLI read and write a workbook alike.
 *
 * @example
 * const ops = trackOps(() => port);
 * await ops.write("CFS Targeted Prevention", [{ period: "2027-10", measure: "avoidedEvents", value: "0" }]);
 */
export function trackOps(port: () => WorkbookPort): TrackWorkbookOps {
  return {
    read: (proposal) => readTrack(port(), proposal),
    // All or nothing: a workbook call failing part-way undoes the ones before it (journal.ts).
    async write(proposal, rows) {
      try {
        return await atomically(port(), (p) => writeTyped(p, proposal, rows));
      } catch (e) {
        return { kind: "refused", message: `Not written: ${problemOf(e)}` };
      }
    },
    checkCsv: (proposal, rows, known) => checkCsvRows(port(), proposal, rows, known),
    async acceptReprofile(sheet, date) {
      const bad = versionDateProblem(date);
      if (bad !== undefined) return `Not kept: ${bad}`;
      try {
        const version = await atomically(port(), async (p) =>
          acceptReprofile(p, await proposeReprofile(p, sheet), date),
        );
        return version.alreadyKept
          ? `"${version.description}" is already kept as the version of ${date} on the ${HISTORY_SHEET} sheet.`
          : `Kept "${version.description}" as the version of ${date} on the ${HISTORY_SHEET} sheet.`;
      } catch (e) {
        return `Not kept: ${problemOf(e)}`;
      }
    },
  };
}
