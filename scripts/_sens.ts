import * as fs from "fs";
import { parseProposal, proposalRiskModel, proposalSensitivity } from "../src/engine";
for (const f of ["cfs-targeted-prevention.json", "reablement.json", "family-based-placements.json","income-maximisation.json"]) {
  const p = parseProposal(JSON.parse(fs.readFileSync("/work/wt/tornado/examples/" + f, "utf8")));
  const t = proposalSensitivity(proposalRiskModel(p));
  console.log(f, t.opportunity, t.rows.length, !!p.assumptions.cohort);
  for (const r of t.rows) console.log("  ", r.input, r.low, r.high, Math.round(r.swing), r.note ?? "");
}
