import * as fs from "fs";
import * as path from "path";
import { EngineError, checkProposal, parseProposal, proposalStretch } from "../../src/engine";

const cfs = (): Record<string, any> =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8"));

describe("a proposal's stretch target", () => {
  it("is the same model with the stretch target: 12% instead of 8% adds to the MTFS row, never takes off", () => {
    const raw = cfs();
    expect(raw.assumptions.target).toEqual(expect.objectContaining({ kind: "percent" }));
    raw.assumptions.stretch = { target: { ...raw.assumptions.target, value: 0.12 }, note: "stretch" };
    const a = parseProposal(raw).assumptions;
    const uplift = proposalStretch(a);
    expect(uplift).toBeDefined();
    // Costs and overlap are unchanged, so the uplift is the extra gross, which is ≥ 0 and grows with the ramp.
    const later = uplift!.map((x) => x.toNumber());
    later.forEach((x) => expect(x).toBeGreaterThanOrEqual(-1e-6));
    expect(later[later.length - 1]).toBeGreaterThan(0);
  });

  it("gives nothing when no stretch is stated", () => {
    expect(proposalStretch(parseProposal(cfs()).assumptions)).toBeUndefined();
  });

  it("refuses a stretch on a multi-stream proposal, naming the field", () => {
    const raw = {
      opportunity: { name: "x" },
      assumptions: {
        streams: [
          {
            kind: "income",
            id: "fees",
            label: "Fees",
            items: [{ kind: "amountPerYear", label: "a", amountPerYear: 1000, goLiveDate: "2027-04-01" }],
          },
        ],
        stretch: { target: { kind: "countPerYear", value: 5 } },
      },
    };
    expect(() => checkProposal(raw)).toThrow(EngineError);
    expect(() => checkProposal(raw)).toThrow(/stretch/);
  });
});
