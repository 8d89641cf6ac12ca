import { ExcelJsPort } from "../../workbook/exceljs/excelJsPort";
import { refreshWorkbook, type RefreshReport } from "../../workbook/operations";
import { parseArgs } from "../args";
import type { Command } from "../command";
import { CliError, EXIT_BAD_INPUT, EXIT_OK } from "../errors";
import { progressBar } from "../progressBar";
import { asCliErrors, loadWorkbook, saveWorkbookAtomic } from "../workbookFile";

const HELP = `Usage: mtfs-benefits refresh FILE.xlsx [--dry-run]

Recomputes every proposal sheet from its assumption cells and rewrites only the cells MTFS Benefits owns
(profile, triangulation results, Programme links, subtotals, totals, cashflow, payback). Anything you typed
elsewhere is left alone. An owned cell you edited by hand is kept, flagged with a note and reported.
Refreshing twice changes nothing the second time.

Options:
  --dry-run    report what would change without writing the file
  -h, --help   show this help

Exit codes: 0 done; 2 a missing, locked, corrupt or non-workbook file, or a proposal whose assumptions
are invalid (the other proposals are still refreshed); 1 unexpected.`;

/**
 * The change report as printed: one line per changed or kept cell, then a summary.
 *
 * @example
 * formatReport(report, false) // "CFS Targeted Prevention  'CFS…'!C35  £1.10m → £1.30m\n…"
 */
export function formatReport(report: RefreshReport, dryRun: boolean): string {
  const lines = report.lines.map(
    (l) =>
      `${l.proposal}  ${l.cell}  ${l.before} → ${l.after}${l.kept ? "  (edited by hand: kept, flagged)" : ""}`,
  );
  const changed = report.lines.filter((l) => !l.kept).length;
  const kept = report.lines.length - changed;
  lines.push(
    `${report.proposals} proposal(s) refreshed: ${changed} cell(s) ${dryRun ? "would change" : "changed"}, ` +
      `${kept} hand edit(s) kept${dryRun ? " (dry run: file not changed)" : ""}.`,
  );
  return lines.join("\n");
}

export const refresh: Command = {
  name: "refresh",
  summary: "recompute a workbook in place, keeping hand edits, and print the change report",
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv, { "dry-run": "flag" });
    if (args.flags.has("help")) {
      io.out(HELP);
      return EXIT_OK;
    }
    const [file, extra] = args.positionals;
    if (!file) throw new CliError("refresh needs the workbook: mtfs-benefits refresh FILE.xlsx");
    if (extra) throw new CliError(`unexpected argument "${extra}"`);
    const dryRun = args.flags.has("dry-run");
    const wb = await loadWorkbook(file);
    const port = new ExcelJsPort(wb);
    const report = await asCliErrors(() =>
      refreshWorkbook(port, { dryRun, onProgress: progressBar(process.stderr, "refresh") }),
    );
    if (!dryRun) await saveWorkbookAtomic(port, file);
    io.out(formatReport(report, dryRun));
    for (const w of report.warnings) io.out(`warning: ${w.message}`);
    for (const e of report.errors) io.err(`mtfs-benefits: ${e.proposal}: ${e.message}`);
    return report.errors.length ? EXIT_BAD_INPUT : EXIT_OK;
  },
};
