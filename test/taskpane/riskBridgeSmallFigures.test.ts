import { ENGINE } from "../../src/taskpane/engineBridge";
import { RISK_ENGINE } from "../../src/taskpane/riskBridge";
import { readExample } from "../workbook/fixtures";

describe("the wizard's Monte Carlo figures", () => {
  it("shows Independent Travel Training's FY26/27 in £k, so P10, P50 and P90 differ as the CLI and Risk sheet show", async () => {
    const subject = ENGINE.parse(readExample("independent-travel-training.json"));
    if ("error" in subject) throw new Error(String(subject.error));
    const run = await RISK_ENGINE.simulate(
      subject,
      { iterations: 500, seed: 1 },
      { onProgress: () => undefined, cancelled: () => false },
    );
    if (!run?.ok) throw new Error("the run failed");
    const first = run.view.years[0];
    const texts = [first.plannedText, first.p10Text, first.p50Text, first.p90Text];
    // £m read "-£0.05m" four times beside a 51% chance of the plan.
    expect(texts.every((t) => /^-£5\d\.\dk$/.test(t))).toBe(true);
    expect(new Set(texts.slice(1)).size).toBeGreaterThan(1);
    expect(run.view.years[3].p50Text).toMatch(/m$/);
  });
});
