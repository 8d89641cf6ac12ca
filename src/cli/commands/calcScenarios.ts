import * as path from "path";
import { Decimal, computeAssumptions, parseProposal, proposalStretch, runScenarios } from "../../engine";
import type { ProgrammeConfig } from "../../workbook/layouts/programmeConfig";
import { publishedPounds } from "../../workbook/layouts/programmeSheet";
import { programmeScenarioInput, scenarioDefinitions, withScenarios } from "../../workbook/scenarios";
import { withDemandModels } from "../demandRefs";
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
 * The programme total per FY column in £ (typed rows' published figures, modelled rows' MTFS row) and the
 * modelled rows' own stretch per FY column (their stated stretch targets; 0 where none).
 *
 * @example
 * programmeTotals(config, "examples").totals[3] // about 27,200,000 for FY29/30
 */
export function programmeTotals(
  config: ProgrammeConfig,
  dir: string,
): { totals: number[]; proposalStretch: Decimal[] } {
  const n = config.fyLabels.length;
  const totals = Array.from({ length: n }, () => new Decimal(0));
  const stretch = Array.from({ length: n }, () => new Decimal(0));
  for (const d of config.directorates) {
    for (const row of d.rows) {
      let amounts: number[];
      if (row.example) {
        // A baseline may name its demand model by file, relative to the proposal (as calc profile reads it).
        const file = path.join(dir, row.example);
        const proposal = parseProposal(proposalFields(withDemandModels(readJsonFile(file), file)));
        const years = computeAssumptions(proposal.assumptions).profile.years;
        const byFy = new Map(years.map((y) => [y.label, y.mtfsImpact.toNumber()]));
        amounts = config.fyLabels.map((fy) => byFy.get(fy) ?? 0);
        // A stretch target the proposal states adds its own uplift to the programme's stretch.
        const uplift = proposalStretch(proposal.assumptions);
        const upliftByFy = new Map(years.map((y, i) => [y.label, uplift?.[i]]));
        config.fyLabels.forEach((fy, i) => (stretch[i] = stretch[i].plus(upliftByFy.get(fy) ?? 0)));
      } else amounts = publishedPounds(row.publishedMillions, n);
      amounts.forEach((a, i) => (totals[i] = totals[i].plus(a)));
    }
  }
  return { totals: totals.map((t) => t.toNumber()), proposalStretch: stretch };
}

/**
 * Prints the programme's scenarios from a programme file.
 *
 * @example
 * calcScenarios(readJsonFile("examples/programme.json"), "examples/programme.json", "table", io)
 */
export function calcScenarios(raw: unknown, file: string, format: "table" | "json", io: Io): void {
  const config = programmeConfig(raw, file);
  const { totals, proposalStretch: stretch } = programmeTotals(config, path.dirname(file));
  const areas = config.resourceCost.areas.map((a) => publishedPounds(a.amountsMillions, config.mtfsYears));
  const input = programmeScenarioInput(config, totals, areas, stretch);
  // The Stretch scenarios when the programme or one of its proposals states a stretch, as the workbook decides.
  const results = runScenarios(input, scenarioDefinitions(withScenarios(config, stretch)));
  io.out(
    format === "json"
      ? JSON.stringify(scenariosJson(input.fyLabels, results), null, 2)
      : scenariosTable(input.fyLabels, results),
  );
}
