import * as fs from "fs";
import * as path from "path";
import {
  EngineError,
  checkProposal,
  computeAssumptions,
  parseProposal,
  proposalRiskModel,
  proposalSensitivity,
  proposalStretch,
  proposalStretchRows,
} from "../../src/engine";

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

  it("is the MTFS row of the proposal written with the stretch target as its target, less the confident row", () => {
    const raw = cfs();
    raw.assumptions.stretch = { target: { ...raw.assumptions.target, value: 0.12 } };
    const rows = proposalStretchRows(parseProposal(raw).assumptions)!;
    // The same proposal, its JSON stating 12% as the target (no stretch): parsed and modelled on its own.
    const asTarget = cfs();
    asTarget.assumptions.target = { ...asTarget.assumptions.target, value: 0.12 };
    const stretched = computeAssumptions(parseProposal(asTarget).assumptions).profile.years;
    const confident = computeAssumptions(parseProposal(cfs()).assumptions).profile.years;
    expect(rows.stretched.map(String)).toEqual(stretched.map((y) => y.mtfsImpact.toString()));
    expect(rows.uplift.map(String)).toEqual(
      stretched.map((y, i) => y.mtfsImpact.minus(confident[i].mtfsImpact).toString()),
    );
    expect(proposalStretch(parseProposal(raw).assumptions)!.map(String)).toEqual(rows.uplift.map(String));
    expect(proposalStretchRows(parseProposal(cfs()).assumptions)).toBeUndefined();
  });

  it("gives nothing when no stretch is stated", () => {
    expect(proposalStretch(parseProposal(cfs()).assumptions)).toBeUndefined();
  });

  it("refuses a proposal-level stretch in the multi-stream form, saying to give it per cohort stream", () => {
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
    expect(() => checkProposal(raw)).toThrow(/^assumptions\.stretch: .*streams\[i\]\.stretch/);
  });
});

describe("a cohort stream's own stretch target (multi-stream form)", () => {
  const reunification = (): Record<string, any> =>
    JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples/reunification.json"), "utf8"));

  it("is that stream's model with the stretch target: the uplift is the stretched profile less the confident", () => {
    const raw = reunification();
    const stream = raw.assumptions.streams[0];
    expect(stream.kind).toBe("cohort");
    stream.stretch = { target: { kind: "countPerYear", value: 6 }, note: "10 → 12 reunifications a year" };
    const uplift = proposalStretch(parseProposal(raw).assumptions)!.map((x) => x.toNumber());
    const stretched = reunification();
    stretched.assumptions.streams[0].target = { kind: "countPerYear", value: 6 };
    const confident = computeAssumptions(parseProposal(reunification()).assumptions).profile.years;
    const expected = computeAssumptions(parseProposal(stretched).assumptions).profile.years.map((y, i) =>
      y.mtfsImpact.minus(confident[i].mtfsImpact).toNumber(),
    );
    expect(uplift).toEqual(expected);
    expect(uplift[uplift.length - 1]).toBeGreaterThan(0);
  });

  it("leaves the confident profile and the tornado's inputs alone (a stretch is another scenario's input)", () => {
    const raw = reunification();
    raw.assumptions.streams[0].stretch = { target: { kind: "countPerYear", value: 6 } };
    const withStretch = parseProposal(raw);
    const plain = parseProposal(reunification());
    expect(computeAssumptions(withStretch.assumptions).profile).toEqual(
      computeAssumptions(plain.assumptions).profile,
    );
    const inputs = proposalSensitivity(proposalRiskModel(withStretch)).rows.map((r) => r.input);
    expect(inputs.some((x) => x.includes("stretch"))).toBe(false);
  });

  it("meets its stream's target rules, named under the stream", () => {
    const raw = reunification();
    raw.assumptions.streams[0].stretch = { target: { kind: "percent", value: 0.5 } };
    // A percent target needs the stream's baseline, which Reunification does not state.
    expect(() => checkProposal(raw)).toThrow(/^assumptions\.streams\[0\]\.stretch\.baseline: is required/);
  });

  it("is refused on a stream kind without a target, by its name", () => {
    const raw = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples/reablement.json"), "utf8"));
    raw.assumptions.streams[0].stretch = { target: { kind: "countPerYear", value: 6 } };
    expect(() => checkProposal(raw)).toThrow(/streams\[0\]\.stretch/);
  });
});
