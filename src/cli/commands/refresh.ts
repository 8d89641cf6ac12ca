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

const HELP = `Usage: mtfs-benefits refresh FILE.xlsx [--dry-run] [--verbose]

Recomputes every proposal sheet from its assumption cells and rewrites only the cells MTFS Benefits owns
(profile, triangulation results, Programme links, subtotals, totals, cashflow, payback). Anything you typed
elsewhere is left alone. An owned cell you edited by hand is kept, flagged with a note and reported.
Refreshing twice changes nothing the second time. Two proposal sheets claiming the same cohort (the same
cohortKey on a stream) or the same existing MTFS line (the same ref) are listed as "overlap:" lines.

Options:
  --dry-run    report what would change without writing the file
  --verbose    list every changed cell by its caption and address (by default: counts per block)
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
 * The change report as printed: per proposal (the programme last) its headline changes on one line, then how
 * many cells changed in each block of its sheet (each cell by caption and address with `verbose`), the
 * figures that changed by less than they are shown to, and the hand edits kept; then the warnings and a
 * summary that counts proposals refreshed and failed, cells changed and warnings.
 *
 * @example
 * formatReport(report, false)
 * // "CFS Targeted Prevention — Quantified opportunity over MTFS: £1.10m → £1.85m; Full run rate: £3.29m → £3.50m
 * //    Benefits profile over the MTFS: 20 cells; Green Book view: 12 cells
 * //  …
 * //  3 proposals: 2 refreshed, 1 failed (Family Based Placements); 32 cells changed, 0 hand edits kept, 0 warnings."
 */
export function formatReport(report: RefreshReport, dryRun: boolean, verbose = false): string {
  const out: string[] = [];
  const groups = new Map<string, ChangeReportLine[]>();
  for (const l of report.lines) groups.set(l.proposal, [...(groups.get(l.proposal) ?? []), l]);
  for (const [proposal, lines] of groups) {
    const headlines = lines.filter((l) => l.headline && !l.unseen).map(describeLine);
    out.push(
      `${proposal === "(programme)" ? "Programme" : proposal}${headlines.length ? ` — ${headlines.join("; ")}` : ""}`,
    );
    const changed = lines.filter((x) => !x.kept && !x.failed && !x.warning && !(x.headline && !x.unseen));
    if (verbose) for (const l of changed) out.push(`  ${describeLine(l)}  (${l.cell})`);
    else {
      const blocks = new Map<string, number>();
      for (const l of changed) {
        const block = l.block ?? l.cell.replace(/!.*$/, "").replace(/^'(.*)'$/, "$1");
        blocks.set(block, (blocks.get(block) ?? 0) + 1);
      }
      if (blocks.size)
        out.push(`  ${[...blocks].map(([b, n]) => `${b}: ${count(n, "cell", "cells")}`).join("; ")}`);
      const unseen = changed.filter((l) => l.unseen).length;
      if (unseen)
        out.push(
          `  ${count(unseen, "figure", "figures")} changed by less than the displayed precision (--verbose lists every cell)`,
        );
    }
    for (const l of lines.filter((x) => x.kept || x.failed || x.warning))
      out.push(`  ${describeLine(l)}  (${l.cell})`);
  }
  for (const w of report.warnings) out.push(`warning: ${w.proposal}: ${w.message}`);
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
      `${count(kept, "hand edit", "hand edits")} kept, ` +
      `${count(report.warnings.length, "warning", "warnings")}${dryRun ? " (dry run: file not changed)" : ""}.`,
  );
  return out.join("\n");
}

export const refresh: Command = {
  name: "refresh",
  summary: "recompute a workbook in place, keeping hand edits, and print the change report",
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv, { "dry-run": "flag", verbose: "flag" });
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
    io.out(formatReport(report, dryRun, args.flags.has("verbose")));
    if (!dryRun && !written) io.out(`no changes; ${file} not rewritten`);
    // The programme's overlap register: the same cohort or existing MTFS line claimed by two proposal sheets.
    const stored = (await readRegister(port)).proposals;
    for (const f of overlapsOf(stored.map((p) => ({ name: p.sheet, raw: p.proposal }))))
      io.out(overlapLine(f));
    for (const e of report.errors) io.err(`mtfs-benefits: ${e.proposal}: ${e.message}`);
    return report.errors.length ? EXIT_BAD_INPUT : EXIT_OK;
  },
};
