import * as fs from "fs";
import * as path from "path";
import { computeAssumptions, checkProposal, proposalTornado, rankedRows } from "../../../src/engine";
import { inputName, inputValueText } from "../../../src/taskpane/preview/inputLabels";
import { RISK_ENGINE } from "../../../src/taskpane/riskBridge";

const dir = path.join(__dirname, "../../../examples");
const proposals = fs
  .readdirSync(dir)
  .map((f) => ({
    f,
    raw: JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { opportunity?: unknown },
  }))
  .filter((x) => x.raw.opportunity !== undefined);

describe("risk input names", () => {
  it.each(proposals.map((p) => [p.f, p.raw] as const))(
    "names every input the tornado of %s moves in words",
    (_, raw) => {
      const proposal = checkProposal(raw).value;
      const { profile, proposal: lines } = computeAssumptions(proposal.assumptions);
      const view = RISK_ENGINE.sensitivity({ proposal, raw, profile, lines });
      if ("error" in view) throw new Error(view.error);
      // The inputs that move a figure; those that change nothing are named in the line beneath, in words too.
      const { moving, unmoved } = rankedRows(proposalTornado(proposal, raw));
      expect(view.rows.map((r) => r.path)).toEqual(moving.map((r) => r.input));
      for (const r of unmoved) expect(view.unmoved).not.toContain(r.input);
      for (const r of view.rows) {
        expect(r.label).not.toContain(r.path);
        // No list index, camelCase key or parsed-weeks name left from the engine's path.
        expect(r.label).not.toMatch(/\[\d+\]|\b[a-z]+[A-Z]\w*|[a-z]Weeks|undefined/);
        expect(`${r.lowText} ${r.highText}`).not.toMatch(/NaN|undefined/);
      }
    },
  );

  it("reads parsed weeks, rates and money in the form's units", () => {
    const context = { streams: [], investment: [{ label: "Team" }], targetKind: "percent" };
    expect(inputName("timeline.leadWeeks", context)).toEqual({
      label: "Lead time",
      style: "number",
      unit: "weeks",
    });
    expect(inputName("target.value", context)).toEqual({ label: "Target", style: "percent", unit: "" });
    expect(inputName("investment[0].amountPerYear", context).label).toBe("Investment 1 (Team): amount");
    expect(inputValueText(0.072, inputName("target.value", context))).toBe("7.2%");
    expect(inputValueText(1338.3, inputName("unitCost.weeklyCost", context))).toBe("£1,338.30 a week");
    expect(inputValueText(1350000, inputName("investment[0].amountPerYear", context))).toBe(
      "£1,350,000 a year",
    );
  });
});
