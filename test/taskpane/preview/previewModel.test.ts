import * as fs from "fs";
import * as path from "path";
import { computeProfile, formatMoney, moneyScale, parseProposal } from "../../../src/engine";
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
    // Each figure by the money rule in its own scale: a nil contingency reads "-", as a nil cell does.
    expect(m.rows[0].cumulativeText).toBe("-£0.50m (-)");
    expect(m.rows[3].cumulativeText).toMatch(/^£\d\.\d\dm \(£0\.[1-9]\dm\)$/);
    expect(m.quantifiedText).toBe(m.rows[3].cumulativeText);
    expect(m.runRateText).toMatch(/\(£\d\.\d\dm\)$/);
  });

  it("shows a contingency under £0.1m in £k beside a figure in £m, and says so in the table's unit", () => {
    const a = parseProposal({
      ...cfs,
      assumptions: {
        ...cfs.assumptions,
        unitCost: { ...cfs.assumptions.unitCost, inflationContingency: true },
      },
    }).assumptions.cohort!;
    const profile = computeProfile(a);
    const m = previewModel(profile, a.horizon.mtfsLastFy, true);
    // FY27/28 carries one 4% step: a contingency of a few £k, which read "£0.0Xm" in £m.
    const y = profile.years[1];
    expect(moneyScale(y.inflationContingency)).toBe("k");
    expect(m.rows[1].cumulativeText).toBe(
      `${formatMoney(y.cumulative)} (${formatMoney(y.inflationContingency)})`,
    );
    expect(m.rows[1].cumulativeText).toMatch(/ \(£\d+\.\dk\)$/);
    expect(m.profileUnits).toBe("£m, or £k below £0.1m");
    // Without the contingency line (the inflation in the benefit) every CFS figure is £0.1m or more.
    expect(previewModel(profile, a.horizon.mtfsLastFy, false).profileUnits).toBe("£m");
  });
});
