import {
  Decimal,
  DEFAULT_DEFLATOR_PER_YEAR,
  GREEN_BOOK_HEALTH,
  GREEN_BOOK_STANDARD,
  asObject,
  checkProposal,
  computeAssumptions,
  grossByCashability,
  decimalCalculator,
  flatDeflatorIndex,
  flatSchedule,
  profileGreenBook,
  rateValue,
  riskAdjustedProfile,
  edgeOfCare,
  edgeOfCareRollup,
  type InputWarning,
  parseDemandModel,
  parseEdgeOfCareSet,
  parseTriangulationInput,
  projectDemand,
  triangulate,
} from "../../engine";
import { writeDemandSheet } from "../../workbook/demand";
import { choice, parseArgs } from "../args";
import type { Command } from "../command";
import { CliError, EXIT_OK } from "../errors";
import type { Io } from "../io";
import { readJsonFile } from "../readJson";
import { inputKind, refuseOtherKind, type InputKind } from "../inputKind";
import { calcScenarios } from "./calcScenarios";
import { cashabilityJson, cashabilityTable } from "../render/cashability";
import { withDemandModels } from "../demandRefs";
import { demandJson, demandTable } from "../render/demand";
import { edgeOfCareJson, edgeOfCareTable } from "../render/edgeOfCare";
import { greenBookJson, greenBookTable, type GreenBookBasis } from "../render/greenBook";
import { profileJson, profileTable } from "../render/profile";
import { programmeJson, programmeTable } from "../render/programme";
import { programmeFigures } from "../programmeModel";
import { triangulationJson, triangulationTable } from "../render/triangulation";
import { asCliErrors, openOrCreateMtfsWorkbook, requireXlsxName, saveWorkbookAtomic } from "../workbookFile";
import { calcSensitivity } from "./calcSensitivity";

type Format = "json" | "table";

const HELP = `Usage: mtfs-benefits calc <profile|sensitivity|triangulation|edge-of-care|demand|programme|scenarios> --input FILE.json [--format table|json]

Computes from a JSON input file and prints the result.

  profile        a benefits proposal (schema/proposal.schema.json): the benefits profile per FY,
                 quantified opportunity, full run rate and time to full run rate; then the Green
                 Book view (real prices, NPV, benefit-cost ratio, discounted payback) and, when the
                 proposal states a confidence level, the risk-adjusted MTFS row
  sensitivity    a proposal: the tornado of its quantified opportunity, each input alone at its low
                 and high (the proposal's "risk" block, else ±10%), sorted by swing
  triangulation  a triangulation table (schema/triangulation.schema.json), or a proposal's
                 "triangulation" block: avoided starts / children per month and caseloads
  edge-of-care   an edge-of-care performance summary (schema/edge-of-care.schema.json), one programme
                 or { "rollup": "...", "programmes": [...] }
  demand         a demand model (schema/demand.schema.json): stock, entries, exits, do-nothing and
                 with-impact spend against budget per year, break-even year, cumulative overspend
                 and benefit (JSON: one row per year, money in £)
  programme      a programme file (examples/programme.json): Appendix A with every row that names an
                 example modelled from it, subtotals and total beside the published ones, then the
                 overlap register (the same cohort or existing MTFS line claimed by two proposals)
  scenarios      a programme file (examples/programme.json): confident, stretch, 50% of stretch and
                 each cost estimate side by side: benefits, implementation costs, cumulative
                 cashflow per MTFS year, payback (rows with an "example" are modelled from it)

Options:
  --input FILE   the JSON input (required; may also be given as the last positional argument)
  --format F     table (default: as the proposal / report prints it, £m or £k) or json (money in £)
  --xlsx FILE    demand only: also add a Demand sheet (years, spend against budget, chart) to the MTFS
                 workbook FILE, created when absent; the previous file is kept as FILE.bak
  --discount D   profile: standard (default: Green Book STPR, 3.5% for years 0-30), health, or a
                 flat rate (3.5% or 0.035)
  --deflator R   profile: deflator a year for real prices (default 2%, an assumption to edit; year 0
                 = the profile's first FY)
  -h, --help     show this help

Unknown keys are bad input (the line names the key and the nearest known one). Values that pass but look
wrong (8 for 8%, a weekly cost under £1 or over £50,000, a stay over 20 years) print a "warning:" line on
standard error and the result as usual.

Exit codes: 0 done; 2 bad usage or bad input (one line naming the field and the rule); 1 unexpected.
Examples:
  mtfs-benefits calc profile --input examples/cfs-targeted-prevention.json
  mtfs-benefits calc sensitivity --input examples/cfs-targeted-prevention.json
  mtfs-benefits calc triangulation --input examples/family-based-placements-triangulation.json --format json
  mtfs-benefits calc demand --input examples/national-children-in-care.json
  mtfs-benefits calc programme --input examples/programme.json
  mtfs-benefits calc scenarios --input examples/programme.json`;

function print(io: Io, format: Format, json: () => unknown, table: () => string): void {
  io.out(format === "json" ? JSON.stringify(json(), null, 2) : table());
}

/** Warnings go to standard error, so `--format json` output stays JSON. */
function warn(io: Io, warnings: readonly InputWarning[]): void {
  for (const w of warnings) io.err(`warning: ${w.message}`);
}

/** The Green Book options of `calc profile`, as given or defaulted. */
interface GreenBookOptions {
  readonly discount: string;
  readonly deflator: Decimal;
}

/** Default deflator a year: the engine's (no GDP deflator series is shipped, so a flat rate the user edits). */
const DEFAULT_DEFLATOR = DEFAULT_DEFLATOR_PER_YEAR;

function greenBookOptions(values: Readonly<Record<string, string>>): GreenBookOptions {
  const given = values.discount?.trim().toLowerCase();
  if (given !== undefined && given !== "standard" && given !== "health" && !/^[-+]?[\d.]/.test(given)) {
    throw new CliError(
      `--discount must be standard, health or a rate such as 3.5%, got "${values.discount}"`,
    );
  }
  const discount =
    given === undefined || given === "standard" || given === "health"
      ? (given ?? "standard")
      : rateValue(given, "--discount", { gt: -1 }).toString();
  const deflator =
    values.deflator === undefined ? DEFAULT_DEFLATOR : rateValue(values.deflator, "--deflator", { gt: -1 });
  return { discount, deflator };
}

function profile(raw: unknown, format: Format, io: Io, options: GreenBookOptions): void {
  const { value: proposal, warnings } = checkProposal(raw);
  warn(io, warnings);
  const { profile: result, proposal: lines } = computeAssumptions(proposal.assumptions);
  const kinds = grossByCashability(lines);
  const schedule =
    options.discount === "standard"
      ? GREEN_BOOK_STANDARD
      : options.discount === "health"
        ? GREEN_BOOK_HEALTH
        : flatSchedule(options.discount);
  const view = profileGreenBook(result, schedule, flatDeflatorIndex(result.years.length, options.deflator));
  const basis: GreenBookBasis = {
    discount: options.discount,
    deflatorPerYear: options.deflator,
    priceBase: result.years[0]?.label ?? "",
  };
  const confidence = proposal.opportunity.confidence?.level;
  const risk = confidence === undefined ? undefined : riskAdjustedProfile(result, confidence);
  print(
    io,
    format,
    () => ({
      ...profileJson(proposal, result, lines),
      ...greenBookJson(view, basis, risk),
      ...cashabilityJson(kinds),
    }),
    () =>
      profileTable(proposal, result, lines) +
      "\n" +
      greenBookTable(view, basis, risk) +
      "\n" +
      cashabilityTable(kinds),
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

function demand(raw: unknown, format: Format, io: Io): void {
  const model = parseDemandModel(raw);
  const projection = projectDemand(model, decimalCalculator);
  print(
    io,
    format,
    () => demandJson(model, projection),
    () => demandTable(model, projection),
  );
}

/**
 * Adds a Demand sheet to the MTFS workbook `file`, or to a new one (with an empty Programme, as `new` makes);
 * saved atomically with a backup. A workbook MTFS Benefits did not make is refused, as `new --into` does.
 */
async function writeDemandWorkbook(raw: unknown, file: string): Promise<void> {
  const model = parseDemandModel(raw);
  const port = await openOrCreateMtfsWorkbook(file);
  await asCliErrors(() => writeDemandSheet(port, model, projectDemand(model, decimalCalculator)));
  await saveWorkbookAtomic(port, file);
}

/** The programme with its modelled rows and overlap register; example paths are relative to the file. */
function programme(raw: unknown, format: Format, io: Io, file: string): void {
  const figures = programmeFigures(file, raw);
  for (const w of figures.warnings) io.err(`warning: ${w}`);
  print(
    io,
    format,
    () => programmeJson(figures),
    () => programmeTable(figures),
  );
}

const WHATS: Readonly<
  Record<string, (raw: unknown, format: Format, io: Io, options: GreenBookOptions, file: string) => void>
> = {
  profile,
  sensitivity: (raw, format, io) => calcSensitivity(raw, format, io),
  triangulation,
  "edge-of-care": edgeOfCareCommand,
  demand,
  programme: (raw, format, io, _options, file) => programme(raw, format, io, file),
};

function hasTriangulation(json: unknown): boolean {
  return (json as Readonly<Record<string, unknown>>).triangulation !== undefined;
}

/** The input kinds each calculation reads (a refusal names the others, inputKind.ts). */
const ACCEPTS: Readonly<Record<string, readonly InputKind[]>> = {
  profile: ["proposal"],
  sensitivity: ["proposal"],
  triangulation: ["triangulation", "proposal"],
  "edge-of-care": ["edge-of-care"],
  demand: ["demand"],
  programme: ["programme"],
  scenarios: ["programme"],
};

/** `mtfs-benefits calc profile|triangulation|edge-of-care|demand|programme --input FILE.json [--format json|table]`. */
export const calc: Command = {
  name: "calc",
  summary:
    "compute a profile, triangulation, edge-of-care summary, demand projection or programme from a JSON file",
  help: HELP,
  run: async (argv, io) => {
    const args = parseArgs(argv, {
      input: "value",
      format: "value",
      xlsx: "value",
      discount: "value",
      deflator: "value",
    });
    if (args.flags.has("help")) {
      io.out(HELP);
      return EXIT_OK;
    }
    const [what, ...rest] = args.positionals;
    if (what === undefined)
      throw new CliError(
        "calc: say what to compute: profile, sensitivity, triangulation, edge-of-care, demand, programme or scenarios",
      );
    const compute = Object.prototype.hasOwnProperty.call(WHATS, what) ? WHATS[what] : undefined;
    if (compute === undefined && what !== "scenarios") {
      throw new CliError(
        `calc: unknown calculation "${what}", expected profile, sensitivity, triangulation, edge-of-care, demand, programme or scenarios`,
      );
    }
    if (rest.length > 1 || (rest.length === 1 && args.values.input !== undefined)) {
      throw new CliError(`calc ${what}: unexpected argument "${rest[rest.length - 1]}"`);
    }
    const file = args.values.input ?? rest[0];
    if (file === undefined) throw new CliError(`calc ${what}: --input FILE.json is required`);
    const format = choice(args.values, "format", ["table", "json"] as const, "table");
    if (args.values.xlsx !== undefined) {
      if (what !== "demand") throw new CliError(`calc ${what}: --xlsx is for calc demand only`);
      requireXlsxName(args.values.xlsx, "--xlsx");
    }
    for (const option of ["discount", "deflator"]) {
      if (what !== "profile" && args.values[option] !== undefined)
        throw new CliError(`calc ${what}: --${option} applies to calc profile only`);
    }
    const options = greenBookOptions(args.values);
    const json = readJsonFile(file);
    refuseOtherKind(json, file, ACCEPTS[what as keyof typeof ACCEPTS]);
    if (what === "triangulation" && inputKind(json) === "proposal" && !hasTriangulation(json)) {
      throw new CliError(`${file}: has no triangulation table`);
    }
    if (compute === undefined) {
      calcScenarios(json, file, format, io);
      return EXIT_OK;
    }
    // A demand baseline may name its model by file, relative to the proposal (docs/cli.md).
    const raw = what === "profile" || what === "sensitivity" ? withDemandModels(json, file) : json;
    compute(raw, format, io, options, file);
    if (args.values.xlsx !== undefined) {
      await writeDemandWorkbook(raw, args.values.xlsx);
      // As demo and new say what they wrote; on stderr beside JSON, so stdout stays one JSON document.
      (format === "json" ? io.err : io.out)(`Wrote ${args.values.xlsx}: Demand sheet.`);
    }
    return EXIT_OK;
  },
};
