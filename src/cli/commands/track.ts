import { formatMillions, formatPercent, fyLabel, toPounds, type Decimal } from "../../engine";
import { ExcelJsPort } from "../../workbook/exceljs/excelJsPort";
import { hasRegister, NOT_AN_MTFS_WORKBOOK } from "../../workbook/register";
import { checkActuals, importActuals, trackWorkbook, type ProposalTracking } from "../../workbook/tracking";
import { parseActualsCsv } from "../actualsCsv";
import { parseArgs } from "../args";
import type { Command } from "../command";
import { CliError, EXIT_BAD_INPUT, EXIT_OK } from "../errors";
import type { Io } from "../io";
import { readTextFile } from "../readJson";
import { textTable } from "../table";
import { asCliErrors, loadWorkbook, requireXlsxName, saveWorkbookAtomic } from "../workbookFile";

const HELP = `Usage: mtfs-benefits track import FILE.csv --into W.xlsx [--dry-run]
       mtfs-benefits track report W.xlsx [--format table|json]

import  adds the actuals in a CSV (columns proposal, stream, period, measure, value; docs/cli.md) to the
        workbook's Tracking sheet, creating it if absent. Every bad row is reported by its line number and
        nothing is written. An actual already on the sheet is never changed: the same value again is left
        alone, a different one is reported as a conflict and not imported.
report  prints, per proposal with actuals: plan and actual to date, variance (a shortfall is negative), % of
        plan and RAG (Green ≥ 95% of plan, Amber ≥ 80%, Red below) per measure, then the forecast of the
        current FY and of the last MTFS year (the MTFS row) and the slippage in months.

Options:
  --into FILE     the MTFS workbook to import into; the previous file is kept as FILE.bak
  --dry-run       import: check and report without writing
  --format F      report: table (default) or json (money in £)
  -h, --help      show this help

Exit codes: 0 done; 2 bad rows (nothing written), conflicts with typed actuals (the rest imported), or a
missing, locked, corrupt or non-MTFS workbook.`;

async function openMtfs(file: string): Promise<ExcelJsPort> {
  const port = new ExcelJsPort(await loadWorkbook(file));
  if (!(await hasRegister(port))) throw new CliError(`${file} is ${NOT_AN_MTFS_WORKBOOK}`);
  return port;
}

async function runImport(csv: string, into: string, dryRun: boolean, io: Io): Promise<number> {
  requireXlsxName(into, "--into");
  const rows = parseActualsCsv(readTextFile(csv, "CSV"), csv);
  const port = await openMtfs(into);
  const actuals = rows.map((r) => ({
    proposal: r.proposal,
    stream: r.stream ?? "",
    period: r.period,
    measure: r.measure,
    value: r.value.toNumber(),
    source: `${csv.split(/[\\/]/).pop() ?? csv} line ${r.line}`,
  }));
  const problems = await asCliErrors(() => checkActuals(port, actuals, (k) => `line ${rows[k].line}`));
  if (problems.length > 0)
    throw new CliError(`${csv}: ${problems.slice(0, 5).join("; ")}; nothing was imported`);
  const result = await asCliErrors(() => importActuals(port, actuals, { dryRun }));
  if (!dryRun && result.added.length > 0) await saveWorkbookAtomic(port, into);
  for (const c of result.conflicts) {
    io.err(
      `conflict: Tracking!E${c.existing.row} ${c.existing.proposal} ${c.existing.period} ${c.existing.measure} ` +
        `is ${c.existing.value} on the sheet; ${c.imported.source} says ${c.imported.value}: the sheet's value is kept`,
    );
  }
  io.out(
    `${dryRun ? "Would import" : "Imported"} ${result.added.length} actuals into ${into}` +
      ` (${result.unchanged} already there, ${result.conflicts.length} conflicts)` +
      (dryRun ? " (dry run: file not changed)." : "."),
  );
  return result.conflicts.length > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

const isMoney = (measure: string): boolean => measure === "saving";
const show = (measure: string, x: Decimal): string => (isMoney(measure) ? formatMillions(x) : x.toFixed(2));

function reportJson(proposals: readonly ProposalTracking[]): unknown {
  return proposals.map(({ sheet, name, summary }) => ({
    sheet,
    proposal: name,
    measures: summary.measures.map((m) => ({
      measure: m.measure,
      periods: m.periods,
      plan: m.plan.toNumber(),
      actual: m.actual.toNumber(),
      variance: m.variance.toNumber(),
      percentOfPlan: m.percentOfPlan?.toNumber() ?? null,
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
        }
      : null,
  }));
}

function reportTable(proposals: readonly ProposalTracking[]): string {
  if (proposals.length === 0) return "No actuals on the Tracking sheet.";
  return proposals
    .map(({ name, summary }) => {
      const rows = summary.measures.map((m) => [
        m.measure,
        m.periods.length === 1 ? m.periods[0] : `${m.periods[0]}–${m.periods[m.periods.length - 1]}`,
        show(m.measure, m.plan),
        show(m.measure, m.actual),
        show(m.measure, m.variance),
        m.percentOfPlan === undefined ? "" : formatPercent(m.percentOfPlan),
        m.rag,
      ]);
      const lines = [
        name,
        textTable(
          ["Measure", "Periods", "Plan to date", "Actual to date", "Variance", "% of plan", "RAG"],
          rows,
          ["left", "left", "right", "right", "right", "right", "left"],
        ),
      ];
      const f = summary.forecast;
      if (f) {
        const at = (fy: number) => f.forecast.years.find((y) => y.fy === fy) ?? f.forecast.years[0];
        const planAt = (fy: number) => f.plan.years.find((y) => y.fy === fy) ?? f.plan.years[0];
        const currentFy = f.forecast.years.find((y) => y.fy === summary.currentFy)
          ? summary.currentFy
          : f.forecast.years[0].fy;
        lines.push(
          `Forecast ${fyLabel(currentFy)}: ${formatMillions(at(currentFy).cumulative)} (plan ${formatMillions(planAt(currentFy).cumulative)})`,
        );
        lines.push(
          `Forecast MTFS row: ${f.forecast.years.map((y) => `${y.label} ${formatMillions(y.mtfsImpact)}`).join(", ")}`,
        );
        lines.push(
          f.slippageMonths === undefined
            ? "Slippage: the plan does not reach the actual level within the horizon"
            : `Slippage: ${f.slippageMonths.toFixed(1)} months ${f.slippageMonths.isNeg() ? "ahead of" : "behind"} the plan`,
        );
      }
      return lines.join("\n");
    })
    .join("\n\n");
}

async function runReport(file: string, format: string, io: Io): Promise<number> {
  if (format !== "table" && format !== "json")
    throw new CliError(`--format must be table or json, got "${format}"`);
  const port = await openMtfs(file);
  const { proposals, problems } = await asCliErrors(() => trackWorkbook(port));
  io.out(format === "json" ? JSON.stringify(reportJson(proposals), null, 2) : reportTable(proposals));
  for (const p of problems) io.err(p);
  return problems.length > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

export const track: Command = {
  name: "track",
  summary: "import actuals from a CSV into a workbook, and report variance, RAG and forecast",
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv, { into: "value", format: "value", "dry-run": "flag" });
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
      return runReport(file, args.values.format ?? "table", io);
    }
    throw new CliError(`track needs import or report, got ${sub === undefined ? "nothing" : `"${sub}"`}`);
  },
};
