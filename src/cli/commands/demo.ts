import * as ExcelJS from "exceljs";
import * as path from "path";
import { computeAssumptions, parseProposal } from "../../engine";
import { ExcelJsPort } from "../../workbook/exceljs/excelJsPort";
import type { ProgrammeConfig, ProgrammeRowConfig } from "../../workbook/layouts/programmeConfig";
import { proposalSheetName } from "../../workbook/names";
import { buildProgrammeWorkbook, listProposalSheets } from "../../workbook/operations";
import { parseArgs } from "../args";
import type { Command } from "../command";
import { CliError, EXIT_OK } from "../errors";
import { proposalFields } from "../proposalFormat";
import { readJsonFile } from "../readJson";
import { programmeFigures } from "../programmeModel";
import { profileTable } from "../render/profile";
import { overlapRegisterText } from "../render/programme";
import { asCliErrors, openMtfsWorkbookIfAny, requireXlsxName, saveWorkbookAtomic } from "../workbookFile";

const HELP = `Usage: mtfs-benefits demo [--out FILE.xlsx] [--examples DIR]

Builds the sample MTFS programme workbook: a Programme sheet laid out as the scrutiny report's Appendix A
(the modelled proposals linked to their own sheets, the other rows typed with their published figures),
Resource cost (Table 3: costs, cumulative cashflow, payback) and Themes (Table 2), and one proposal sheet
per Programme row that names an example (its Programme row links to the sheet; the other rows stay typed).
Totals, subtotals, cashflow and payback are ordinary formulas. Then prints each modelled proposal's benefits
profile as the proposal template shows it (as \`calc profile\` does) and the programme's overlap register
(the same cohort or existing MTFS line claimed twice, as \`calc programme\` prints it).

Options:
  --out FILE       where to write the .xlsx workbook (default out/mtfs-programme.xlsx); an existing file must
                   be an MTFS workbook (else it is refused, untouched) and is kept as FILE.bak (FILE.2.bak,
                   ... when that is taken: a backup is never replaced)
  --examples DIR   folder holding programme.json and the proposal examples (default: the bundled examples)
  -h, --help       show this help

Exit codes: 0 done; 2 bad usage or unwritable file; 1 unexpected.`;

/** The bundled examples folder (same relative place from src/cli/commands and lib/cli/commands). */
export const BUNDLED_EXAMPLES = path.join(__dirname, "..", "..", "..", "examples");

/** The sheet a proposal JSON gets (its opportunity's name, made a legal sheet name). */
function sheetOf(raw: unknown): string {
  const o = raw as { opportunity?: { name?: unknown } } | null;
  const name = o?.opportunity?.name;
  return proposalSheetName(typeof name === "string" ? name : "");
}

/**
 * The programme with every row that names an example linked to that example's sheet, so each modelled row is a
 * formula on its sheet even where programme.json leaves `proposalSheet` out; a `proposalSheet` naming another
 * sheet than its example makes is refused (the row would show someone else's figures).
 *
 * @example
 * linkExampleRows(config, proposals).directorates[1].rows[0].proposalSheet // "Family Based Placements"
 */
export function linkExampleRows(config: ProgrammeConfig, proposals: readonly unknown[]): ProgrammeConfig {
  let k = 0;
  const link = (row: ProgrammeRowConfig): ProgrammeRowConfig => {
    if (!row.example) return row;
    const sheet = sheetOf(proposals[k++]);
    if (row.proposalSheet !== undefined && row.proposalSheet !== sheet) {
      throw new CliError(
        `programme.json: row "${row.opportunity}": proposalSheet "${row.proposalSheet}" is not the sheet its example ${row.example} makes ("${sheet}")`,
      );
    }
    return { ...row, proposalSheet: sheet };
  };
  return {
    ...config,
    directorates: config.directorates.map((d) => ({ ...d, rows: d.rows.map(link) })),
  };
}

export const demo: Command = {
  name: "demo",
  summary: "build the sample MTFS programme workbook (the README's first command)",
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv, { out: "value", examples: "value" });
    if (args.flags.has("help")) {
      io.out(HELP);
      return EXIT_OK;
    }
    if (args.positionals.length) throw new CliError(`unexpected argument "${args.positionals[0]}"`);
    const out = args.values.out ?? path.join("out", "mtfs-programme.xlsx");
    requireXlsxName(out, "--out");
    // Checked before anything is built: the same refusals as new and refresh (locked, read-only, not ours).
    await openMtfsWorkbookIfAny(out, "--out");
    const dir = args.values.examples ?? BUNDLED_EXAMPLES;
    const programmeFile = path.join(dir, "programme.json");
    const given = readJsonFile(programmeFile) as ProgrammeConfig;
    const examples = given.directorates.flatMap((d) => d.rows.flatMap((r) => (r.example ? [r.example] : [])));
    const proposals = examples.map((f) => proposalFields(readJsonFile(path.join(dir, f))));
    const config = linkExampleRows(given, proposals);
    const wb = new ExcelJS.Workbook();
    wb.creator = "MTFS Benefits";
    const port = new ExcelJsPort(wb);
    await asCliErrors(() => buildProgrammeWorkbook(port, config, proposals));
    const backup = await saveWorkbookAtomic(port, out, "keep");
    const rows = config.directorates.reduce((n, d) => n + d.rows.length, 0);
    for (const raw of proposals) {
      const proposal = parseProposal(raw);
      const { profile, proposal: lines } = computeAssumptions(proposal.assumptions);
      io.out(`${profileTable(proposal, profile, lines)}\n`);
    }
    io.out(`${overlapRegisterText(programmeFigures(programmeFile).overlaps, config.fyLabels)}\n`);
    // The other sheets as the workbook holds them (Scenarios, Parameters, ... when the programme asks for them).
    const named = new Set(["Programme", "Resource cost", "Themes", ...(await listProposalSheets(port))]);
    const others = (await port.listSheets()).filter((sh) => !named.has(sh.name) && !sh.hidden);
    io.out(
      `Wrote ${out}: Programme (${rows} opportunities, ${proposals.length} modelled), Resource cost, Themes, ` +
        others.map((sh) => `${sh.name}, `).join("") +
        `${proposals.length} proposal sheets. Open it in Excel or LibreOffice; after editing assumptions run ` +
        `\`mtfs-benefits refresh ${out}\`.` +
        (backup ? ` The file it replaced is kept as ${path.basename(backup)}.` : ""),
    );
    return EXIT_OK;
  },
};
