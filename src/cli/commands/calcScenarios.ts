import * as path from "path";
import { Decimal, computeAssumptions, parseProposal, runScenarios } from "../../engine";
import type { ProgrammeConfig } from "../../workbook/layouts/programmeConfig";
import { publishedPounds } from "../../workbook/layouts/programmeSheet";
import { programmeScenarioInput, scenarioDefinitions } from "../../workbook/scenarios";
import { CliError } from "../errors";
import type { Io } from "../io";
import { proposalFields } from "../proposalFormat";
import { readJsonFile } from "../readJson";
import { scenariosJson, scenariosTable } from "../render/scenarios";

/**
 * `calc scenarios --input programme.json`: the programme total per FY (typed rows as published, rows with an
 * `example` modelled from that file, next to the programme file), then every scenario from it.
 */

function programmeConfig(raw: unknown, file: string): ProgrammeConfig {
  const o = raw as Partial<ProgrammeConfig> | null;
  if (
    typeof o !== "object" ||
    o === null ||
    !Array.isArray(o.directorates) ||
    !Array.isArray(o.fyLabels) ||
    typeof o.mtfsYears !== "number" ||
    typeof o.resourceCost !== "object"
  ) {
    throw new CliError(
      `${file}: is not a programme file (needs fyLabels, mtfsYears, directorates and resourceCost, as examples/programme.json)`,
    );
  }
  return o as ProgrammeConfig;
}

/**
 * The programme total per FY column in £: typed rows' published figures, modelled rows' MTFS row.
 *
 * @example
 * programmeTotals(config, "examples")[3] // about 27,200,000 for FY29/30
 */
export function programmeTotals(config: ProgrammeConfig, dir: string): number[] {
  const n = config.fyLabels.length;
  const totals = Array.from({ length: n }, () => new Decimal(0));
  for (const d of config.directorates) {
    for (const row of d.rows) {
      let amounts: number[];
      if (row.example) {
        const proposal = parseProposal(proposalFields(readJsonFile(path.join(dir, row.example))));
        const byFy = new Map(
          computeAssumptions(proposal.assumptions).profile.years.map((y) => [
            y.label,
            y.mtfsImpact.toNumber(),
          ]),
        );
        amounts = config.fyLabels.map((fy) => byFy.get(fy) ?? 0);
      } else amounts = publishedPounds(row.publishedMillions, n);
      amounts.forEach((a, i) => (totals[i] = totals[i].plus(a)));
    }
  }
  return totals.map((t) => t.toNumber());
}

/**
 * Prints the programme's scenarios from a programme file.
 *
 * @example
 * calcScenarios(readJsonFile("examples/programme.json"), "examples/programme.json", "table", io)
 */
export function calcScenarios(raw: unknown, file: string, format: "table" | "json", io: Io): void {
  const config = programmeConfig(raw, file);
  const totals = programmeTotals(config, path.dirname(file));
  const areas = config.resourceCost.areas.map((a) => publishedPounds(a.amountsMillions, config.mtfsYears));
  const input = programmeScenarioInput(config, totals, areas);
  const results = runScenarios(input, scenarioDefinitions(config));
  io.out(
    format === "json"
      ? JSON.stringify(scenariosJson(input.fyLabels, results), null, 2)
      : scenariosTable(input.fyLabels, results),
  );
}
