import {
  EngineError,
  MAX_ITERATIONS,
  checkProposal,
  programmeSensitivity,
  proposalRiskModel,
  proposalTornado,
  proposalTornadoModel,
  simulate as runSimulation,
  type Simulation,
  statedPath,
} from "../../engine";
import { choice, parseArgs } from "../args";
import type { Command } from "../command";
import { CliError, EXIT_OK } from "../errors";
import type { Io } from "../io";
import { progressBar } from "../progressBar";
import { withDemandModels } from "../demandRefs";
import { readJsonFile, refuseProgrammeFile } from "../readJson";
import { inputWordsIn } from "../../workbook/layouts/tornadoBlock";
import { simulationJson, simulationTable, type InputWords } from "../render/risk";
import { asTheWorkbookHolds, type GivenProposal } from "../sheetProposals";
import { asCliErrors, openOrCreateMtfsWorkbook, requireXlsxName } from "../workbookFile";
import { writeRiskWorkbook } from "./riskWorkbook";

const HELP = `Usage: mtfs-benefits simulate --input P.json [MORE.json ...] [--iterations N] [--seed S] [--format table|json] [--xlsx FILE]

Monte Carlo of one proposal, or of several and their programme: each iteration draws every input the
proposal's "risk" block gives a distribution (triangular, pert, uniform, or "confidence": ± the optimism-bias
share of its confidence level), runs the model on plain numbers and adds the proposals up. Prints, per FY of
the MTFS row, the planned figure, P10, P50, P90 and the probability of reaching the plan.

Options:
  --input FILE     a proposal (schema/proposal.schema.json); more proposal files may follow as arguments
  --iterations N   1 to ${MAX_ITERATIONS.toLocaleString("en-GB")} (default 10,000)
  --seed S         a whole number (default 1): the same seed gives the same P-values on every machine
  --format F       table (default, £m) or json (money in £)
  --xlsx FILE      also write a Risk sheet (P-values per FY and a fan chart) into the MTFS workbook FILE,
                   created when absent; the previous file is kept as FILE.bak. A proposal FILE has a sheet
                   of is simulated as that sheet now says (warned when it differs from the JSON), so the
                   Risk sheet agrees with the workbook
  -h, --help       show this help

A progress bar is drawn on standard error when it is a terminal.
Exit codes: 0 done; 2 bad usage or bad input (one line naming the field and the rule); 1 unexpected.
Examples:
  mtfs-benefits simulate --input examples/cfs-targeted-prevention.json --iterations 10000 --seed 42
  mtfs-benefits simulate examples/cfs-targeted-prevention.json examples/family-based-placements.json --format json`;

/**
 * A whole-number option, or its default.
 *
 * @example
 * wholeOption({ seed: "42" }, "seed", 1) // 42
 */
export function wholeOption(
  values: Readonly<Record<string, string>>,
  name: string,
  fallback: number,
): number {
  const text = values[name];
  if (text === undefined) return fallback;
  const n = Number(text.replace(/[,_]/g, ""));
  if (text.trim() === "" || !Number.isInteger(n)) {
    throw new CliError(`--${name} must be a whole number, got "${text}"`);
  }
  return n;
}

/** Reads and checks each proposal file (kept as written too, for the tornado), printing its warnings on standard error. */
function proposalsFrom(files: readonly string[], io: Io): (GivenProposal & { file: string })[] {
  return files.map((file) => {
    const json = readJsonFile(file);
    refuseProgrammeFile(json, file, "a proposal (schema/proposal.schema.json)");
    // A demand baseline may name its model by file, relative to the proposal (docs/cli.md).
    const raw = withDemandModels(json, file);
    const { value, warnings } = checkProposal(raw);
    for (const w of warnings) io.err(`warning: ${w.message}`);
    return { proposal: value, raw, file };
  });
}

/** `mtfs-benefits simulate --input P.json [...] [--iterations N] [--seed S] [--format table|json] [--xlsx FILE]`. */
export const simulate: Command = {
  name: "simulate",
  summary: "Monte Carlo of proposals: P10/P50/P90 per FY and the probability of reaching the plan",
  help: HELP,
  run: async (argv, io) => {
    const args = parseArgs(argv, {
      input: "value",
      iterations: "value",
      seed: "value",
      format: "value",
      xlsx: "value",
    });
    if (args.flags.has("help")) {
      io.out(HELP);
      return EXIT_OK;
    }
    const files = [...(args.values.input === undefined ? [] : [args.values.input]), ...args.positionals];
    if (files.length === 0) throw new CliError("simulate: --input P.json is required");
    const format = choice(args.values, "format", ["table", "json"] as const, "table");
    const iterations = wholeOption(args.values, "iterations", 10_000);
    const seed = wholeOption(args.values, "seed", 1);
    const xlsx = args.values.xlsx;
    if (xlsx !== undefined) requireXlsxName(xlsx, "--xlsx");
    const given = proposalsFrom(files, io);
    // Opened (or refused) before the run; a proposal whose sheet it holds is simulated as that sheet says.
    const port = xlsx === undefined ? undefined : await openOrCreateMtfsWorkbook(xlsx);
    const proposals =
      port === undefined || xlsx === undefined
        ? given
        : await asCliErrors(() => asTheWorkbookHolds(port, xlsx, given, (t) => io.err(`warning: ${t}`)));
    const models = proposals.map((p) => proposalRiskModel(p.proposal));
    const bar = progressBar(process.stderr, "simulate");
    let result: Simulation;
    try {
      result = runSimulation(models, { iterations, seed, onProgress: iterations >= 1000 ? bar : undefined });
    } catch (e) {
      // The engine names options by their JSON field; the CLI user typed --iterations / --seed.
      if (e instanceof EngineError && (e.field === "iterations" || e.field === "seed")) {
        throw new EngineError(e.code, `--${e.field}`, e.rule);
      }
      throw e;
    }
    if (port !== undefined && xlsx !== undefined) {
      // The programme's tornado (one proposal's alone, as its sheet shows it) beside the simulation of the same
      // proposals. Computed and written before anything is printed: a refusal is exit 2 with one line only.
      const tornadoModels = proposals.map((p) => proposalTornadoModel(p.proposal, p.raw));
      const tornado =
        proposals.length > 1
          ? programmeSensitivity(tornadoModels)
          : proposalTornado(proposals[0].proposal, proposals[0].raw);
      // A tornado row names its proposal in a programme, "" alone: its inputs' words come from that model.
      const assumptionsOf = new Map<string, unknown>(
        proposals.length > 1
          ? tornadoModels.map((m) => [m.name, m.assumptions])
          : [["", tornadoModels[0].assumptions]],
      );
      await writeRiskWorkbook(port, xlsx, result, tornado, assumptionsOf);
    }
    // The inputs drawn in the Risk sheet's words (the JSON keeps their paths).
    const inWords = new Map(models.map((m) => [m.name, inputWordsIn(m.assumptions)]));
    // A length drawn in weeks is named as the input states it (months), as the sheet and the tornado do.
    const stated = new Map(
      models.map((m, i) => [m.name, (proposals[i].raw as { assumptions?: unknown } | null)?.assumptions]),
    );
    const words: InputWords = (path, name) => {
      const at = statedPath(path, stated.get(name));
      return {
        caption: inWords.get(name)?.captionOf(at) ?? path,
        unit: inWords.get(name)?.unitOf(path) ?? "plain",
      };
    };
    io.out(
      format === "json" ? JSON.stringify(simulationJson(result), null, 2) : simulationTable(result, words),
    );
    if (xlsx) (format === "json" ? io.err : io.out)(`Wrote ${xlsx}: Risk sheet.`);
    return EXIT_OK;
  },
};
