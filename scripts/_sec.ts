import * as fs from "fs";
import { assumptionSections } from "../src/workbook/layouts/assumptionsBlock";
for (const f of ["income-maximisation.json", "reablement.json", "cfs-targeted-prevention.json"]) {
  const j = JSON.parse(fs.readFileSync("examples/" + f, "utf8"));
  for (const s of assumptionSections(j.assumptions)) {
    console.log("##", s.heading, s.id);
    for (const e of s.entries.slice(0, 14)) console.log("   ", e.path, "|", e.words.label, "|", e.words.unit);
  }
}
