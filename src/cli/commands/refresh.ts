import { ExcelJsPort } from "../../workbook/exceljs/excelJsPort";
import { describeLine, type ChangeReportLine } from "../../workbook/changeReport";
import { refreshWorkbook, type RefreshReport } from "../../workbook/operations";
import { hasRegister, NOT_AN_MTFS_WORKBOOK, readRegister } from "../../workbook/register";
import { parseArgs } from "../args";
import type { Command } from "../command";
import { CliError, EXIT_BAD_INPUT, EXIT_OK } from "../errors";
import { progressBar } from "../progressBar";
import { overlapsOf } from "../programmeModel";
import { overlapLine } from "../render/programme";
import { storedFields } from "../proposalFormat";
import { asCliErrors, loadWorkbook, saveWorkbookIfChanged } from "../workbookFile";

const HELP = `Usage: mtfs-benefits refresh FILE.xlsx [--dry-run]

Recomputes every proposal sheet from its assumption cells and rewrites only the cells MTFS Benefits owns
(profile, triangulation results, Programme links, subtotals, totals, cashflow, payback). Anything you typed
elsewhere is left alone. An owned cell you edited by hand is kept, flagged with a note and reported.
Refreshing twice changes nothing the second time. Two proposal sheets claiming the same cohort (the same
cohortKey on a stream) or the same existing MTFS line (the same ref) are listed as "overlap:" lines.

Options:
  --dry-run    report what would change without writing the file
  -h, --help   show this help

A workbook MTFS Benefits did not make (no hidden _mtfs register) is refused and left untouched. A
proposal whose assumptions are invalid keeps its last figures (its sheet, its Programme row and the totals
stay consistent); the others are still refreshed and written, and the exit code is 2. The previous file is
kept as FILE.bak. A refresh that changes nothing leaves FILE and FILE.bak untouched ("no changes; FILE not
rewritten").

Exit codes: 0 done; 2 a missing, locked, corrupt, too large or non-MTFS workbook, or one or more proposals
not refreshed (their assumptions are invalid); 1 unexpected.`;

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The change report as printed: per proposal (the programme last) its headline changes on one line, then
 * each other changed cell by label and address, then the hand edits kept; then a summary that counts
 * proposals refreshed and failed.
 *
 * @example
 * formatReport(report, false)
 * // "CFS Targeted Prevention — quantified opportunity: £1.10m → £1.85m; full run rate: £3.29m → £3.50m
 * //    FY28/29 cumulative benefit: £0.58m → £0.70m  (CFS Targeted Prevention!C37)
 * //  …
 * //  3 proposals: 2 refreshed, 1 failed (Family Based Placements); 14 cells changed, 0 hand edits kept."
 */
export function formatReport(report: RefreshReport, dryRun: boolean): string {
  const out: string[] = [];
  const groups = new Map<string, ChangeReportLine[]>();
  for (const l of report.lines) groups.set(l.proposal, [...(groups.get(l.proposal) ?? []), l]);
  for (const [proposal, lines] of groups) {
    const headlines = lines.filter((l) => l.headline).map(describeLine);
    out.push(
      `${proposal === "(programme)" ? "Programme" : proposal}${headlines.length ? ` — ${headlines.join("; ")}` : ""}`,
    );
    for (const l of lines.filter((x) => !x.headline)) out.push(`  ${describeLine(l)}  (${l.cell})`);
  }
  // Only proposals count as refreshed or failed; "(programme)", "(parameters)" and the like are named after them.
  const owners = [...new Set(report.errors.map((e) => e.proposal))];
  const failed = owners.filter((p) => !/^\(.*\)$/.test(p));
  const others = owners.filter((p) => /^\(.*\)$/.test(p)).map((p) => p.slice(1, -1));
  const changed = report.lines.filter((l) => !l.kept).length;
  const kept = report.lines.length - changed;
  out.push(
    `${count(report.proposals, "proposal", "proposals")}: ${report.proposals - failed.length} refreshed, ` +
      `${failed.length} failed${failed.length ? ` (${failed.join(", ")})` : ""}; ` +
      (others.length ? `problems reported for the ${others.join(", ")}; ` : "") +
      `${count(changed, "cell", "cells")} ${dryRun ? "would change" : "changed"}, ` +
      `${count(kept, "hand edit", "hand edits")} kept${dryRun ? " (dry run: file not changed)" : ""}.`,
  );
  return out.join("\n");
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
    if (!(await hasRegister(port))) throw new CliError(`${file} is ${NOT_AN_MTFS_WORKBOOK}`);
    const report = await asCliErrors(() =>
      refreshWorkbook(port, {
        dryRun,
        onProgress: progressBar(process.stderr, "refresh"),
        keepFields: storedFields,
      }),
    );
    const written = !dryRun && (await saveWorkbookIfChanged(port, file));
    io.out(formatReport(report, dryRun));
    if (!dryRun && !written) io.out(`no changes; ${file} not rewritten`);
    for (const w of report.warnings) io.out(`warning: ${w.message}`);
    // The programme's overlap register: the same cohort or existing MTFS line claimed by two proposal sheets.
    const stored = (await readRegister(port)).proposals;
    for (const f of overlapsOf(stored.map((p) => ({ name: p.sheet, raw: p.proposal }))))
      io.out(overlapLine(f));
    for (const e of report.errors) io.err(`mtfs-benefits: ${e.proposal}: ${e.message}`);
    return report.errors.length ? EXIT_BAD_INPUT : EXIT_OK;
  },
};
