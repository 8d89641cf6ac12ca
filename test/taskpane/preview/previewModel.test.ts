import * as fs from "fs";
import * as path from "path";
import { computeProfile, parseProposal } from "../../../src/engine";
import { previewModel } from "../../../src/taskpane/preview/previewModel";

const cfs = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../../../examples/cfs-targeted-prevention.json"), "utf8"),
);

function preview(inflationContingency: boolean) {
  const raw = {
    ...cfs,
    assumptions: { ...cfs.assumptions, unitCost: { ...cfs.assumptions.unitCost, inflationContingency } },
  };
  const a = parseProposal(raw).assumptions.cohort!;
  return previewModel(computeProfile(a), a.horizon.mtfsLastFy, a.unitCost.inflationContingency);
}

describe("preview model", () => {
  it("prints figures as the template does when the inflation is in the benefit", () => {
    const m = preview(false);
    expect(m.rows[0].cumulativeText).toBe("-£0.50m");
    expect(m.quantifiedText).toMatch(/^£\d\.\d\dm$/);
  });

  it("adds the inflation contingency in brackets when it is held centrally", () => {
    const m = preview(true);
    // FY26/27 is the price base: no inflation yet. FY29/30 carries three 4% steps.
    expect(m.rows[0].cumulativeText).toBe("-£0.50m (£0.00m)");
    expect(m.rows[3].cumulativeText).toMatch(/^£\d\.\d\dm \(£0\.[1-9]\dm\)$/);
    expect(m.quantifiedText).toBe(m.rows[3].cumulativeText);
    expect(m.runRateText).toMatch(/\(£\d\.\d\dm\)$/);
  });
});
