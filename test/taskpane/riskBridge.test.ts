import { Decimal, computeAssumptions, parseProposal, type Profile } from "../../src/engine";
import { RISK_ENGINE } from "../../src/taskpane/riskBridge";
import { readExample } from "../workbook/fixtures";

const cfsJson = readExample("cfs-targeted-prevention.json");
const cfs = parseProposal(cfsJson);
const computed = computeAssumptions(cfs.assumptions);

describe("the appraisal panel's view", () => {
  it("says a payback of one year in the singular", () => {
    // Spend £1 in the first FY and save £100 in the second: the discounted payback is 1.0 years to 1 dp.
    const years = computed.profile.years.map((y, i) => ({
      ...y,
      costs: new Decimal(i === 0 ? 1 : 0),
      mtfsImpact: new Decimal(i === 0 ? -1 : i === 1 ? 100 : 0),
    }));
    const profile: Profile = { ...computed.profile, years };
    const view = RISK_ENGINE.appraisal({ proposal: cfs, raw: cfsJson, profile, lines: computed.proposal });
    expect(view.greenBook.paybackText).toBe("1 year");
  });
});
