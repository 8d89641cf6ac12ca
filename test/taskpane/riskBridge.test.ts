import { Decimal, computeAssumptions, parseProposal, type Profile } from "../../src/engine";
import { ENGINE } from "../../src/taskpane/engineBridge";
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

describe("the wizard's tornado holds a default end at its bound (issue 14)", () => {
  it("says which end was held and names the bound's input as the pane does", () => {
    const json = readExample("income-maximisation.json");
    const view = RISK_ENGINE.sensitivity(ENGINE.parse(json));
    if ("error" in view) throw new Error(view.error);
    const fee = view.rows.find((r) => r.path === "streams[0].items[0].feePerUnit");
    expect(fee?.note).toMatch(/^low held at 190 \(must not be below Stream 1/);
    expect(fee?.note).not.toMatch(/\[\d+\]/);
    expect(view.rows.some((r) => /refused/.test(r.note ?? ""))).toBe(false);
  });
});
