import {
  asObject,
  checkProposal,
  computeProfile,
  edgeOfCare,
  edgeOfCareRollup,
  type InputWarning,
  parseEdgeOfCareSet,
  parseTriangulationInput,
  triangulate,
} from "../../engine";
import { choice, parseArgs } from "../args";
import type { Command } from "../command";
import { CliError, EXIT_OK } from "../errors";
import type { Io } from "../io";
import { readJsonFile, refuseProgrammeFile } from "../readJson";
import { edgeOfCareJson, edgeOfCareTable } from "../render/edgeOfCare";
import { profileJson, profileTable } from "../render/profile";
import { triangulationJson, triangulationTable } from "../render/triangulation";

type Format = "json" | "table";

const HELP = `Usage: mtfs-benefits calc <profile|triangulation|edge-of-care> --input FILE.json [--format table|json]

Computes from a JSON input file and prints the result.

  profile        a benefits proposal (schema/proposal.schema.json): the benefits profile per FY,
                 quantified opportunity, full run rate and time to full run rate
  triangulation  a triangulation table (schema/triangulation.schema.json), or a proposal's
                 "triangulation" block: avoided starts / children per month and caseloads
  edge-of-care   an edge-of-care performance summary (schema/edge-of-care.schema.json), one programme
                 or { "rollup": "...", "programmes": [...] }

Options:
  --input FILE   the JSON input (required; may also be given as the last positional argument)
  --format F     table (default: as the proposal / report prints it, £m or £k) or json (money in £)
  -h, --help     show this help

Unknown keys are bad input (the line names the key and the nearest known one). Values that pass but look
wrong (8 for 8%, a weekly cost under £1 or over £50,000, a stay over 20 years) print a "warning:" line on
standard error and the result as usual.

Exit codes: 0 done; 2 bad usage or bad input (one line naming the field and the rule); 1 unexpected.
Examples:
  mtfs-benefits calc profile --input examples/cfs-targeted-prevention.json
  mtfs-benefits calc triangulation --input examples/family-based-placements-triangulation.json --format json`;

function print(io: Io, format: Format, json: () => unknown, table: () => string): void {
  io.out(format === "json" ? JSON.stringify(json(), null, 2) : table());
}

/** Warnings go to standard error, so `--format json` output stays JSON. */
function warn(io: Io, warnings: readonly InputWarning[]): void {
  for (const w of warnings) io.err(`warning: ${w.message}`);
}

function profile(raw: unknown, format: Format, io: Io): void {
  const { value: proposal, warnings } = checkProposal(raw);
  warn(io, warnings);
  const result = computeProfile(proposal.assumptions);
  print(
    io,
    format,
    () => profileJson(proposal, result),
    () => profileTable(proposal, result),
  );
}

function triangulation(raw: unknown, format: Format, io: Io): void {
  const o = asObject(raw, "input");
  // A whole proposal is accepted too: its "triangulation" block is the table.
  const input =
    o.opportunity !== undefined && o.triangulation !== undefined
      ? parseTriangulationInput(o.triangulation, "triangulation")
      : parseTriangulationInput(o);
  const result = triangulate(input);
  const years = input.kind === "monthlyStarts" ? input.horizonYears : undefined;
  print(
    io,
    format,
    () => triangulationJson(result),
    () => triangulationTable(result, years),
  );
}

function edgeOfCareCommand(raw: unknown, format: Format, io: Io): void {
  const set = parseEdgeOfCareSet(raw);
  const results = set.programmes.map(edgeOfCare);
  const rollup = set.rollup === undefined ? undefined : edgeOfCareRollup(set.rollup, results);
  if (results.length === 1 && rollup === undefined) {
    print(
      io,
      format,
      () => edgeOfCareJson(results[0]),
      () => edgeOfCareTable(results[0]),
    );
    return;
  }
  print(
    io,
    format,
    () => ({
      programmes: results.map(edgeOfCareJson),
      rollup: rollup === undefined ? null : edgeOfCareJson(rollup),
    }),
    () => [...results, ...(rollup === undefined ? [] : [rollup])].map(edgeOfCareTable).join("\n\n"),
  );
}

const WHATS: Readonly<Record<string, (raw: unknown, format: Format, io: Io) => void>> = {
  profile,
  triangulation,
  "edge-of-care": edgeOfCareCommand,
};

/** What each calculation reads, as a refusal names it. */
const EXPECTED = {
  profile: "a proposal (schema/proposal.schema.json)",
  triangulation: "a triangulation table or a proposal",
  "edge-of-care": "an edge-of-care summary (schema/edge-of-care.schema.json)",
} as const;

/** `mtfs-benefits calc profile|triangulation|edge-of-care --input FILE.json [--format json|table]`. */
export const calc: Command = {
  name: "calc",
  summary: "compute a profile, triangulation or edge-of-care summary from a JSON file",
  help: HELP,
  run: async (argv, io) => {
    const args = parseArgs(argv, { input: "value", format: "value" });
    if (args.flags.has("help")) {
      io.out(HELP);
      return EXIT_OK;
    }
    const [what, ...rest] = args.positionals;
    if (what === undefined)
      throw new CliError("calc: say what to compute: profile, triangulation or edge-of-care");
    const compute = Object.prototype.hasOwnProperty.call(WHATS, what) ? WHATS[what] : undefined;
    if (compute === undefined) {
      throw new CliError(
        `calc: unknown calculation "${what}", expected profile, triangulation or edge-of-care`,
      );
    }
    if (rest.length > 1 || (rest.length === 1 && args.values.input !== undefined)) {
      throw new CliError(`calc ${what}: unexpected argument "${rest[rest.length - 1]}"`);
    }
    const file = args.values.input ?? rest[0];
    if (file === undefined) throw new CliError(`calc ${what}: --input FILE.json is required`);
    const format = choice(args.values, "format", ["table", "json"] as const, "table");
    const raw = readJsonFile(file);
    refuseProgrammeFile(raw, file, EXPECTED[what as keyof typeof EXPECTED]);
    compute(raw, format, io);
    return EXIT_OK;
  },
};
