import * as fs from "fs";
import { checkProposal } from "../../engine";
import { isWorkbookError } from "../../workbook/errors";
import { sheetTakenAdvice } from "../../workbook/duplicateProposals";
import { addProposal } from "../../workbook/operations";
import { parseArgs } from "../args";
import type { Command } from "../command";
import { CliError, EXIT_OK } from "../errors";
import { proposalFields } from "../proposalFormat";
import { readJsonFile } from "../readJson";
import { refuseOtherKind } from "../inputKind";
import { withDemandModels } from "../demandRefs";
import { asCliErrors, openOrCreateMtfsWorkbook, requireXlsxName, saveWorkbookAtomic } from "../workbookFile";

const HELP = `Usage: mtfs-benefits new --input proposal.json --into FILE.xlsx

Adds a proposal sheet (the Benefits Proposal template's sections, named assumption cells, live
triangulation and profile) to a workbook, and its row to the Programme sheet in its directorate's block,
so subtotals, totals, cashflow and themes follow. Creates the workbook (with an empty Programme) if absent;
an existing workbook must be one MTFS Benefits made (it has the hidden _mtfs register), else it is refused
and left untouched.

Options:
  --input FILE   the proposal JSON (schema/proposal.schema.json)
  --into FILE    the .xlsx workbook to add to; an existing file is kept as FILE.bak
  -h, --help     show this help

Exit codes: 0 done; 2 bad input, a sheet of that name or a proposal of that name already there
(whatever its sheet is called now: change that one with refresh instead), or a missing/locked/corrupt workbook.`;

export const newProposal: Command = {
  name: "new",
  summary: "add a proposal sheet (and its Programme row) to a workbook, creating it if absent",
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv, { input: "value", into: "value" });
    if (args.flags.has("help")) {
      io.out(HELP);
      return EXIT_OK;
    }
    const input = args.values.input;
    const into = args.values.into;
    if (!input) throw new CliError("--input proposal.json is required");
    if (!into) throw new CliError("--into FILE.xlsx is required");
    requireXlsxName(into, "--into");
    const read = readJsonFile(input);
    refuseOtherKind(read, input, ["proposal"]);
    const json = withDemandModels(read, input);
    // Strict first: a key the format lacks is refused by name, never dropped (issue 13).
    for (const w of checkProposal(json).warnings) io.err(`warning: ${w.message}`);
    const raw = proposalFields(json);
    const exists = fs.existsSync(into);
    // Only into a workbook MTFS Benefits made (or a new one with an empty Programme).
    const port = await openOrCreateMtfsWorkbook(into, "--into");
    const result = await asCliErrors(() =>
      addProposal(port, raw).catch((e: unknown) => {
        // The proposal is there already: say how to change it instead (its cells, then refresh). A sheet
        // that is not a proposal gets other advice: it has no proposal to edit.
        if (isWorkbookError(e) && e.code === "sheet-exists")
          throw new CliError(
            e.holder === "mtfs" || e.holder === "other"
              ? `${e.message}. ${sheetTakenAdvice(e.holder)}`
              : `${e.message}. To change that proposal, edit its cells on that sheet and run mtfs-benefits refresh ${into}; to add this one beside it, give it another opportunity name.`,
          );
        throw e;
      }),
    );
    await saveWorkbookAtomic(port, into);
    io.out(
      `${exists ? "Added to" : "Created"} ${into}: sheet "${result.sheetName}"` +
        (result.programmeRowAdded ? " and its Programme row." : "."),
    );
    // Told, not left to be found: the sheet is what refresh, simulate --xlsx and the Programme's link name.
    if (result.sheetNote) io.out(result.sheetNote);
    return EXIT_OK;
  },
};
