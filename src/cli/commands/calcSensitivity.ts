import { checkProposal, fyLabel, proposalSensitivity, proposalTornadoModel } from "../../engine";
import type { Io } from "../io";
import { inputWordsIn } from "../../workbook/layouts/tornadoBlock";
import { sensitivityJson, sensitivityTable, type InputWords } from "../render/risk";

/**
 * `calc sensitivity`: the tornado of a proposal's quantified opportunity (each input alone at its low and
 * high, the risk block's or ±10%), sorted by swing.
 *
 * @example
 * calcSensitivity(JSON.parse(fs.readFileSync("examples/cfs-targeted-prevention.json", "utf8")), "table", io)
 */
export function calcSensitivity(raw: unknown, format: "json" | "table", io: Io): void {
  const { value: proposal, warnings } = checkProposal(raw);
  for (const w of warnings) io.err(`warning: ${w.message}`);
  // The tornado a proposal sheet, the Risk sheet and the wizard show (timeline lengths moved in months).
  const model = proposalTornadoModel(proposal, raw);
  const t = proposalSensitivity(model);
  const mtfsLabel = fyLabel(model.fys[model.mtfsIndex]);
  // Inputs in the Risk sheet's words and units (one function for both), the path kept in the JSON.
  const inWords = inputWordsIn(model.assumptions);
  const words: InputWords = (path) => ({ caption: inWords.captionOf(path), unit: inWords.unitOf(path) });
  io.out(
    format === "json"
      ? JSON.stringify(
          { opportunity: proposal.opportunity.name, mtfsLastFy: mtfsLabel, ...sensitivityJson(t, words) },
          null,
          2,
        )
      : sensitivityTable(proposal.opportunity.name, t, mtfsLabel, words),
  );
}
