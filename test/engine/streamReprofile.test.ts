import fs from "node:fs";
import path from "node:path";
import {
  computeAssumptions,
  describeReprofile,
  parseProposal,
  reprofileStream,
  streamPeriodPlans,
  type ProposalAssumptions,
} from "../../src/engine";

function example(name: string): ProposalAssumptions {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", name), "utf8"));
  return parseProposal(raw).assumptions;
}

const rfo = example("resident-focused-organisation.json");
const quarters = streamPeriodPlans(rfo, "quarter")[0].rows.filter((r) => r.fy === 2026);

describe("reprofileStream: ahead of plan, and few periods", () => {
  it("£ actuals above the plan to date propose no change (a later start or lower target only falls further behind)", () => {
    const actuals = quarters.map((r) => ({ period: r.label, value: r.saving.times(1.2) }));
    const r = reprofileStream(rfo, 0, actuals, "saving");
    expect(r.aheadOfPlan).toBe(true);
    expect(r.candidates).toEqual([]);
    expect(r.revised).toEqual(computeAssumptions(rfo).profile);
    expect(describeReprofile(r)).toBe("ahead of plan: no reprofile proposed");
  });

  it("one quarter short of the plan is indicative only", () => {
    const q = quarters.find((r) => r.saving.gt(0))!;
    const r = reprofileStream(rfo, 0, [{ period: q.label, value: q.saving.div(2) }], "saving");
    expect(r.aheadOfPlan).toBeUndefined();
    expect(r.indicative).toBe(true);
    expect(r.warnings?.some((w) => w.includes(`indicative only: 1 period (${q.label})`))).toBe(true);
  });
});
