import {
  REPROFILE_MEASURES,
  edgeOfCare,
  FORECAST_CUMULATIVE,
  parseEdgeOfCareSet,
  type EdgeOfCareResult,
  formatMoney,
  formatPercent,
  fyLabel,
  isEngineError,
  isCalendarDate,
  measureKey,
  measureLabel,
  slippageText,
  toPounds,
  type Decimal,
} from "../../engine";
import { ExcelJsPort } from "../../workbook/exceljs/excelJsPort";
import { readThresholds } from "../../workbook/dashboard";
import { conflictText, enterActuals } from "../../workbook/enterActuals";
import { MEASURE_COLUMNS, MEASURE_TEXT_COLUMNS } from "../../workbook/layouts/dashboardSheet";
import { acceptReprofile, proposeReprofile } from "../../workbook/history";
import { hasRegister, NOT_AN_MTFS_WORKBOOK } from "../../workbook/register";
import { trackWorkbook, unknownProposals, type ProposalTracking } from "../../workbook/tracking";
import { inLineOrder, trackingActual } from "../../workbook/actualsCsv";
import { readActualsCsv } from "../actualsCsv";
import { parseArgs } from "../args";
import type { Command } from "../command";
import { CliError, EXIT_BAD_INPUT, EXIT_OK } from "../errors";
import type { Io } from "../io";
import { readJsonFile, readTextFile } from "../readJson";
import { textTable } from "../table";
import { jsonCount, jsonFigure } from "../render/jsonNumbers";
import { closureJson, closureTable, reprofileJson, reprofileTable } from "./trackViews";
import { asCliErrors, loadWorkbook, requireXlsxName, saveWorkbookAtomic } from "../workbookFile";

const HELP = `Usage: mtfs-benefits track import FILE.csv --into W.xlsx [--dry-run]
       mtfs-benefits track report W.xlsx [--edge-of-care E.json[,E2.json]] [--format table|json]
       mtfs-benefits track reprofile W.xlsx --proposal NAME [--measure M] [--edge-of-care E.json[,E2.json]]
                 [--accept [--date YYYY-MM-DD]] [--format table|json]
       mtfs-benefits track closure W.xlsx [--edge-of-care E.json[,E2.json]] [--format table|json]

import  adds the actuals in a CSV (columns proposal, stream, period, measure, value; docs/cli.md) to the
        workbook's Tracking sheet, creating it if absent. Every bad row is reported by its line number and
        nothing is written; avoided events that would leave a gap after the sheet's are a bad row. An actual already on the sheet is never changed: the same value again is left
        alone, a different one is reported as a conflict and not imported.
report  prints, per proposal with actuals (per stream of a multi-stream one, with its £ total): plan and actual to date, variance (a shortfall is negative), % of
        plan and RAG (Green ≥ 95% of plan, Amber ≥ 80%, Red below) per measure, then the forecast cumulative
        benefit of the current FY, the forecast MTFS row by FY and the slippage in months.
report and closure warn when actuals to date are more than 2× the plan from fewer than 3 periods.
reprofile  proposes a revised profile fitting the proposal's actuals (--measure avoidedEvents, saving or
        caseloadReduction; default the first of these with actuals; on a proposal of several streams, its cohort
        stream's): a later start, a lower target reached or a longer ramp (the best fit), beside the approved
        profile and the forecast MTFS row track report prints (a revised plan, not the expected outturn). A proposal without a cohort stream is reprofiled on its first stream with actuals: a later
        start (its dates moved) or, on £ actuals, a lower target reached (its weighting scaled). With --accept it is kept
        as a version dated --date (default today) in the workbook's Reprofiles sheet and register; the
        approved assumptions are never changed; the same reading on the same date again is already kept
        (nothing written). Without --accept nothing is written.
closure prints the closure table: per proposal and the programme, target and expected benefit at full run
        rate, £ delivered to date and the expected MTFS contribution by FY.

Options:
  --into FILE     the MTFS workbook to import into; the previous file is kept as FILE.bak
  --dry-run       import: check and report without writing
  --format F      report, reprofile, closure: table (default) or json (money in £)
  --proposal NAME reprofile: the proposal's sheet name or its name
  --measure M     reprofile: the measure to fit (avoidedEvents, saving, caseloadReduction; on a stream that
                  is not a cohort, saving or one of its KPIs)
  --edge-of-care F  report, reprofile, closure: edge-of-care summaries (calc edge-of-care's input); a proposal
                  whose tracking.edgeOfCare names a programme in them has its in-year diversions as avoided
                  events (reprofile: in its forecast, as the report's; the fit reads the Tracking sheet)
  --accept        reprofile: keep the proposal as a dated version (the previous file is kept as W.xlsx.bak)
  --date D        reprofile --accept: the version's date (default: today, UTC)
  -h, --help      show this help

Exit codes: 0 done; 2 bad rows (nothing written), conflicts with typed actuals (the rest imported), or a
missing, locked, corrupt or non-MTFS workbook.`;

async function openMtfs(file: string): Promise<ExcelJsPort> {
  const port = new ExcelJsPort(await loadWorkbook(file));
  if (!(await hasRegister(port))) throw new CliError(`${file} is ${NOT_AN_MTFS_WORKBOOK}`);
  return port;
}

const lineText = (line: number): string => `line ${line}`;

async function runImport(csv: string, into: string, dryRun: boolean, io: Io): Promise<number> {
  requireXlsxName(into, "--into");
  const read = readActualsCsv(readTextFile(csv, "CSV"), csv);
  const rows = read.rows;
  const port = await openMtfs(into);
  const actuals = rows.map((r) => trackingActual(r, `${csv.split(/[\\/]/).pop() ?? csv} line ${r.line}`));
  // A line refused for its period or value is checked for its proposal too: every problem of a line at once.
  const named = new Map(
    read.problems.flatMap((p) => (p.proposal === undefined ? [] : [[p.line, p.proposal]])),
  );
  const nameProblems = await asCliErrors(() =>
    unknownProposals(
      port,
      [...named].map(([line, proposal]) => ({ where: lineText(line), proposal })),
    ),
  );
  const result = await asCliErrors(() =>
    enterActuals(port, actuals, {
      where: (k) => lineText(rows[k].line),
      dryRun,
      // The proposal first on its line (stable line order), as the CSV's columns go.
      known: inLineOrder([...nameProblems, ...read.problems.map((p) => `${lineText(p.line)}: ${p.text}`)]),
    }),
  );
  // Every bad line in one run (the CSV's own problems and the workbook's), in line order.
  if (result.kind === "refused")
    throw new CliError(`${csv}: ${inLineOrder(result.problems).join("; ")}; nothing was imported`);
  for (const p of result.warnings) io.err(`warning: ${p}`);
  if (!dryRun && result.added.length > 0) await saveWorkbookAtomic(port, into);
  for (const c of result.conflicts) {
    io.err(`conflict: ${conflictText(c)}`);
  }
  io.out(
    `${dryRun ? "Would import" : "Imported"} ${result.added.length} actual${result.added.length === 1 ? "" : "s"} into ${into}` +
      ` (${result.unchanged} already there, ${result.conflicts.length} conflict${result.conflicts.length === 1 ? "" : "s"})` +
      (dryRun ? " (dry run: file not changed)." : "."),
  );
  return result.conflicts.length > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

const isMoney = (measure: string): boolean => measure === "saving";
const show = (measure: string, x: Decimal): string => (isMoney(measure) ? formatMoney(x) : x.toFixed(2));

/** A measure's figure in JSON: £ to pennies, a KPI to 4 dp (as calc's JSON). */
const figure = (measure: string, x: Decimal): number => jsonFigure(isMoney(measure), x);

function reportJson(proposals: readonly ProposalTracking[]): unknown {
  return proposals.map(({ sheet, name, summary }) => ({
    sheet,
    proposal: name,
    measures: summary.measures.map((m) => ({
      ...(summary.streams === undefined ? {} : { stream: m.stream ?? "all streams" }),
      measure: m.measure,
      periods: m.periods,
      plan: figure(m.measure, m.plan),
      actual: figure(m.measure, m.actual),
      variance: figure(m.measure, m.variance),
      percentOfPlan: m.percentOfPlan === undefined ? null : jsonCount(m.percentOfPlan),
      rag: m.rag,
    })),
    forecast: summary.forecast
      ? {
          currentFy: fyLabel(summary.currentFy),
          years: summary.forecast.forecast.years.map((y, i) => ({
            fy: y.label,
            planCumulative: toPounds(summary.forecast?.plan.years[i].cumulative ?? y.cumulative),
            forecastCumulative: toPounds(y.cumulative),
            forecastMtfsRow: toPounds(y.mtfsImpact),
          })),
          slippageMonths: summary.forecast.slippageMonths?.toDecimalPlaces(2).toNumber() ?? null,
          ...(summary.forecast.streams === undefined
            ? {}
            : {
                streams: summary.forecast.streams.map((st) => ({
                  stream: st.id,
                  basis: st.basis,
                  planGross: st.plan.map(toPounds),
                  forecastGross: st.forecast.map(toPounds),
                  ...(st.planEventsToDate === undefined
                    ? {}
                    : {
                        planEventsToDate: jsonCount(st.planEventsToDate),
                        actualEventsToDate:
                          st.actualEventsToDate === undefined ? null : jsonCount(st.actualEventsToDate),
                        slippageMonths: st.slippageMonths?.toDecimalPlaces(2).toNumber() ?? null,
                      }),
                })),
              }),
        }
      : null,
    ...(summary.forecastWithheld === undefined ? {} : { forecastWithheld: summary.forecastWithheld }),
    ...(summary.warnings === undefined ? {} : { warnings: summary.warnings.map((w) => w.message) }),
  }));
}

function reportTable(proposals: readonly ProposalTracking[]): string {
  if (proposals.length === 0) return "No actuals on the Tracking sheet.";
  return proposals
    .map(({ name, summary }) => {
      const streamed = summary.streams !== undefined;
      const rows = summary.measures.map((m) => [
        ...(streamed ? [m.stream ?? "all streams"] : []),
        measureLabel(m.measure),
        m.periods.length === 1 ? m.periods[0] : `${m.periods[0]}–${m.periods[m.periods.length - 1]}`,
        show(m.measure, m.plan),
        show(m.measure, m.actual),
        show(m.measure, m.variance),
        m.percentOfPlan === undefined ? "" : formatPercent(m.percentOfPlan),
        m.rag,
      ]);
      const lines = [
        name,
        textTable([...(streamed ? ["Stream"] : []), ...MEASURE_COLUMNS], rows, [
          ...(streamed ? (["left"] as const) : []),
          ...MEASURE_COLUMNS.map((c) => (MEASURE_TEXT_COLUMNS.has(c) ? "left" : "right")),
        ]),
      ];
      const f = summary.forecast;
      if (f) {
        const at = (fy: number) => f.forecast.years.find((y) => y.fy === fy) ?? f.forecast.years[0];
        const planAt = (fy: number) => f.plan.years.find((y) => y.fy === fy) ?? f.plan.years[0];
        const currentFy = f.forecast.years.find((y) => y.fy === summary.currentFy)
          ? summary.currentFy
          : f.forecast.years[0].fy;
        lines.push(
          `${FORECAST_CUMULATIVE} ${fyLabel(currentFy)}: ${formatMoney(at(currentFy).cumulative)} (plan ${formatMoney(planAt(currentFy).cumulative)})`,
        );
        lines.push(
          `Forecast MTFS row: ${f.forecast.years.map((y) => `${y.label} ${formatMoney(y.mtfsImpact)}`).join(", ")}`,
        );
        lines.push(`Slippage: ${slippageText(f)}`);
        for (const st of f.streams ?? [])
          if (st.basis !== "plan")
            lines.push(`Stream ${st.id}: forecast from its ${measureLabel(st.basis)} actuals`);
      }
      if (summary.forecastWithheld !== undefined) lines.push(`No forecast: ${summary.forecastWithheld}`);
      for (const w of summary.warnings ?? []) lines.push(`Warning: ${w.message}`);
      return lines.join("\n");
    })
    .join("\n\n");
}

/** The edge-of-care summaries of --edge-of-care files (each one programme or a set, as calc edge-of-care reads). */
function edgeOfCareResults(files: readonly string[]): EdgeOfCareResult[] {
  return files.flatMap((f) => {
    const raw = readJsonFile(f);
    try {
      return parseEdgeOfCareSet(raw).programmes.map(edgeOfCare);
    } catch (e) {
      if (isEngineError(e)) throw new CliError(`${f}: ${e.field}: ${e.rule}`);
      throw e;
    }
  });
}

async function runReport(file: string, format: string, edge: readonly string[], io: Io): Promise<number> {
  checkFormat(format);
  const port = await openMtfs(file);
  const edgeOfCare = edgeOfCareResults(edge);
  const { thresholds } = await asCliErrors(() => readThresholds(port));
  const { proposals, problems } = await asCliErrors(() => trackWorkbook(port, thresholds, { edgeOfCare }));
  io.out(format === "json" ? JSON.stringify(reportJson(proposals), null, 2) : reportTable(proposals));
  for (const p of problems) io.err(p);
  return problems.length > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

function checkFormat(format: string): void {
  if (format !== "table" && format !== "json")
    throw new CliError(`--format must be table or json, got "${format}"`);
}

async function runReprofile(
  file: string,
  proposal: string,
  options: { accept: boolean; date?: string; format: string; measure?: string; edge: readonly string[] },
  io: Io,
): Promise<number> {
  checkFormat(options.format);
  // The measure in words (as the sheets show it) or its key.
  const measure = options.measure === undefined ? undefined : measureKey(options.measure);
  if (measure !== undefined && !/^[A-Za-z][A-Za-z0-9]*$/.test(measure))
    throw new CliError(
      `--measure must be a measure key such as ${REPROFILE_MEASURES.join(", ")}, got "${measure}"`,
    );
  if (options.date !== undefined && !isCalendarDate(options.date))
    throw new CliError(`--date must be a date YYYY-MM-DD, got "${options.date}"`);
  if (options.date !== undefined && !options.accept) throw new CliError("--date goes with --accept");
  const port = await openMtfs(file);
  const edgeOfCare = edgeOfCareResults(options.edge);
  const proposed = await asCliErrors(() => proposeReprofile(port, proposal, measure, { edgeOfCare }));
  const table = options.format === "table";
  // The table says it is indicative itself (a table sent to a file keeps it); the JSON has `indicative: true`.
  for (const w of proposed.reprofile.warnings ?? [])
    if (!(table && w === proposed.reprofile.indicativeNote)) io.err(`warning: ${w}`);
  io.out(table ? reprofileTable(proposed) : JSON.stringify(reprofileJson(proposed), null, 2));
  if (!options.accept) {
    // Ahead of plan there is no reprofile to keep (--accept would refuse), so no hint to keep one.
    if (table && !proposed.reprofile.aheadOfPlan)
      io.out("Not written: add --accept to keep it as a dated version.");
    return EXIT_OK;
  }
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const kept = await asCliErrors(() => acceptReprofile(port, proposed, date));
  if (kept.alreadyKept) {
    if (options.format === "table")
      io.out(`Already kept as the version of ${date} on the Reprofiles sheet of ${file}: not written again.`);
    return EXIT_OK;
  }
  await saveWorkbookAtomic(port, file);
  if (options.format === "table")
    io.out(`Kept as the version of ${date} on the Reprofiles sheet of ${file}.`);
  return EXIT_OK;
}

async function runClosure(file: string, format: string, edge: readonly string[], io: Io): Promise<number> {
  checkFormat(format);
  const port = await openMtfs(file);
  const edgeOfCare = edgeOfCareResults(edge);
  const { thresholds } = await asCliErrors(() => readThresholds(port));
  const { closures, programme, problems } = await asCliErrors(() =>
    trackWorkbook(port, thresholds, { edgeOfCare }),
  );
  io.out(
    format === "json"
      ? JSON.stringify(closureJson(closures, programme), null, 2)
      : closureTable(closures, programme),
  );
  for (const w of programme.warnings ?? []) io.err(`warning: ${w}`);
  for (const p of problems) io.err(p);
  return problems.length > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

/** --edge-of-care F1[,F2…]: the files, comma-separated. */
const edgeFiles = (v: string | undefined): string[] =>
  v === undefined
    ? []
    : v
        .split(",")
        .map((f) => f.trim())
        .filter((f) => f !== "");

export const track: Command = {
  name: "track",
  summary: "import actuals from a CSV into a workbook, and report variance, RAG and forecast",
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv, {
      into: "value",
      format: "value",
      "dry-run": "flag",
      proposal: "value",
      accept: "flag",
      date: "value",
      measure: "value",
      "edge-of-care": "value",
    });
    if (args.flags.has("help")) {
      io.out(HELP);
      return EXIT_OK;
    }
    const [sub, file, extra] = args.positionals;
    if (extra) throw new CliError(`unexpected argument "${extra}"`);
    if (sub === "import") {
      if (!file)
        throw new CliError("track import needs the CSV: mtfs-benefits track import FILE.csv --into W.xlsx");
      const into = args.values.into;
      if (!into) throw new CliError("--into W.xlsx is required");
      return runImport(file, into, args.flags.has("dry-run"), io);
    }
    if (sub === "report") {
      if (!file) throw new CliError("track report needs the workbook: mtfs-benefits track report W.xlsx");
      return runReport(file, args.values.format ?? "table", edgeFiles(args.values["edge-of-care"]), io);
    }
    if (sub === "reprofile") {
      if (!file)
        throw new CliError(
          "track reprofile needs the workbook: mtfs-benefits track reprofile W.xlsx --proposal NAME",
        );
      const proposal = args.values.proposal;
      if (!proposal) throw new CliError("--proposal NAME is required");
      return runReprofile(
        file,
        proposal,
        {
          accept: args.flags.has("accept"),
          date: args.values.date,
          format: args.values.format ?? "table",
          measure: args.values.measure,
          edge: edgeFiles(args.values["edge-of-care"]),
        },
        io,
      );
    }
    if (sub === "closure") {
      if (!file) throw new CliError("track closure needs the workbook: mtfs-benefits track closure W.xlsx");
      return runClosure(file, args.values.format ?? "table", edgeFiles(args.values["edge-of-care"]), io);
    }
    throw new CliError(
      `track needs import, report, reprofile or closure, got ${sub === undefined ? "nothing" : `"${sub}"`}`,
    );
  },
};
