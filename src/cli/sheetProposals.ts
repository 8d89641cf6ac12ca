import * as path from "path";
import {
  checkProposal,
  fyLabel,
  formatMoney,
  isEngineError,
  proposalRiskModel,
  type Proposal,
} from "../engine";
import type { ExcelJsPort } from "../workbook/exceljs/excelJsPort";
import { withOptionalRows } from "../workbook/layouts/assumptionsBlock";
import { inputWordsIn } from "../workbook/layouts/tornadoBlock";
import { heldProposal } from "../workbook/duplicateProposals";
import { readProposal } from "../workbook/operations";
import { readRegister } from "../workbook/register";
import { followRenamedSheets } from "../workbook/renamedSheets";
import { CliError } from "./errors";
import { proposalFields } from "./proposalFormat";

/**
 * A proposal given as a file and the sheet of it in the workbook a command writes into (`simulate --xlsx`):
 * the workbook's sheet is what its other sheets show, so a figure written beside them is computed from it.
 */

/** A proposal as the command uses it: checked, and as written (for the tornado). */
export interface GivenProposal {
  readonly proposal: Proposal;
  readonly raw: unknown;
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * Two leaves the same: numbers to 1e-12 relative (a cell's double against the JSON's text), a field left out
 * and a blank (null) as one (both read as none, or the default), else as JSON.
 */
function sameLeaf(a: unknown, b: unknown): boolean {
  if (a == null && b == null) return true;
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The paths (as the sheet's JSON spells them, "target.value", "streams[1].weeklyCost") where two trees differ.
 *
 * @example
 * differingPaths({ target: { value: 0.08 } }, { target: { value: 0.1 } }) // ["target.value"]
 */
export function differingPaths(a: unknown, b: unknown, at = ""): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    return Array.from({ length: n }, (_, i) => differingPaths(a[i], b[i], `${at}[${i}]`)).flat();
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differingPaths(a[k], b[k], at === "" ? k : `${at}.${k}`));
  }
  return sameLeaf(a, b) ? [] : [at];
}

/**
 * The sheet (as it is called now) of the proposal named `name`, matched by the whole opportunity name as
 * `new` refuses a second one: never by the sheet name, which two proposals' names may share in its 31
 * characters, so another proposal is never simulated in this one's place.
 */
async function sheetOf(port: ExcelJsPort, name: string): Promise<string | undefined> {
  const register = await readRegister(port);
  const { renames } = await followRenamedSheets(port, register, { dryRun: true });
  return heldProposal(register, renames, name)?.sheet;
}

/** The MTFS row (what the Risk sheet plans) in its last MTFS FY: the FY's label and the figure in words. */
function planned(p: Proposal): { fy: string; text: string } {
  const model = proposalRiskModel(p);
  return { fy: fyLabel(model.fys[model.mtfsIndex]), text: formatMoney(model.exact().mtfs[model.mtfsIndex]) };
}

/**
 * Each given proposal as the workbook `file` holds it, when it has the proposal's sheet (read as refresh reads
 * it: the cells as the user left them), so what is written into the workbook agrees with its sheets. A sheet
 * whose assumptions or risk inputs differ from the file is warned about, naming the fields and both planned
 * figures; a proposal with no sheet there is used as given.
 *
 * @example
 * await asTheWorkbookHolds(port, "r3.xlsx", [{ file: "cfs.json", ...given }], io.err)
 * // warns 'cfs.json: simulated as sheet "CFS Targeted Prevention" of r3.xlsx says, where Target (% of starts) differs from the file (…)'
 */
export async function asTheWorkbookHolds(
  port: ExcelJsPort,
  file: string,
  given: readonly (GivenProposal & { readonly file: string })[],
  warn: (text: string) => void,
): Promise<GivenProposal[]> {
  const out: GivenProposal[] = [];
  for (const g of given) {
    const sheet = await sheetOf(port, g.proposal.opportunity.name);
    if (sheet === undefined) {
      out.push(g);
      continue;
    }
    const onSheet = proposalFields(await readProposal(port, sheet)) as Json;
    let proposal: Proposal;
    try {
      proposal = checkProposal(onSheet).value;
    } catch (e) {
      if (!isEngineError(e)) throw e;
      throw new CliError(
        `${file}: sheet "${sheet}": ${e.message}; fix the cell, or give --xlsx another file`,
      );
    }
    // The file as `new` would have laid it on this sheet: an optional field it leaves out has its blank row
    // there (withOptionalRows), and is not a difference.
    const raw = proposalFields(withOptionalRows(g.raw, onSheet)) as Json;
    const changed = [
      ...differingPaths(raw.assumptions, onSheet.assumptions),
      ...differingPaths(raw.risk, onSheet.risk).map((p) => `risk.${p}`),
    ];
    if (changed.length > 0) {
      const words = inputWordsIn(onSheet.assumptions);
      const fields = changed.map((p) => (p.startsWith("risk.") ? p : words.captionOf(p)));
      const named =
        fields.slice(0, 3).join(", ") + (fields.length > 3 ? ` and ${fields.length - 3} more` : "");
      const [mine, theirs] = [planned(proposal), planned(g.proposal)];
      const verb = fields.length === 1 ? "differs" : "differ";
      warn(
        `${path.basename(g.file)}: simulated as sheet "${sheet}" of ${file} says, where ${named} ${verb} ` +
          `from the file (${mine.fy} MTFS row ${mine.text} on the sheet, ${theirs.text} in the file), ` +
          `so the Risk sheet agrees with the workbook's other sheets.`,
      );
    }
    out.push({ proposal, raw: onSheet });
  }
  return out;
}
