import * as fs from "fs";
import * as path from "path";
import { parseProposal, proposalRiskModel, simulate } from "../../src/engine";
import { decimalCalculator, numberCalculator, type Calculator } from "../../src/engine/calculator";
import { assumptionsProfileOn } from "../../src/engine/assumptions";
import { profileStreamInput, proposalOfStreamOn } from "../../src/engine/profile";
import { cohortStreamOn } from "../../src/engine/cohortStream";

const read = (f: string) =>
  parseProposal(JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", f), "utf8")));

describe("a risk model's exact figures (worked out once, kept)", () => {
  // One single-cohort proposal and one of streams: the two ways a model is made.
  const cohort = read("cfs-targeted-prevention.json");
  const streams = read("income-maximisation.json");

  it("equal a fresh Decimal profile of the proposal's own assumptions, after any number of draws", () => {
    const a = cohort.assumptions.cohort!;
    const fresh = proposalOfStreamOn(
      decimalCalculator,
      a,
      cohortStreamOn(decimalCalculator, profileStreamInput(a, decimalCalculator), a.horizon),
    ).years.map((y) => y.mtfsImpact.toNumber());
    const freshStreams = assumptionsProfileOn(decimalCalculator, streams.assumptions).years.map((y) =>
      y.mtfsImpact.toNumber(),
    );
    const models = [proposalRiskModel(cohort), proposalRiskModel(streams)];
    const before = models.map((m) => m.exact());
    // Draws evaluate copies of the assumptions: the kept figures must not follow them.
    simulate(models, { iterations: 50, seed: 3 });
    for (const m of models) m.evaluate(m.assumptions);
    expect(models[0].exact().mtfs).toEqual(fresh);
    expect(models[1].exact().mtfs).toEqual(freshStreams);
    expect(models.map((m) => m.exact())).toEqual(before);
  });

  it("are a model's own: two models of different proposals keep different figures", () => {
    const a = proposalRiskModel(cohort);
    const b = proposalRiskModel(streams);
    expect(a.exact().mtfs).not.toEqual(b.exact().mtfs);
    expect(proposalRiskModel(cohort).exact()).toEqual(a.exact());
  });
});

describe("a risk model's figures (the profile's years only)", () => {
  // Every example that is a proposal: single-cohort and multi-stream, on both backends.
  const proposals = fs
    .readdirSync(path.join(__dirname, "../../examples"))
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => {
      try {
        return [read(f)];
      } catch {
        return []; // programme.json and the triangulation and edge-of-care files are not proposals
      }
    });

  it("equal the whole proposal profile's net and MTFS rows, on Decimal and on numbers", () => {
    expect(proposals.length).toBeGreaterThan(5);
    for (const p of proposals) {
      const m = proposalRiskModel(p);
      const rowsOn = <T>(calc: Calculator<T>) => {
        const years = assumptionsProfileOn(calc, p.assumptions).years;
        return {
          net: years.map((y) => calc.toNumber(y.cumulative)),
          mtfs: years.map((y) => calc.toNumber(y.mtfsImpact)),
        };
      };
      expect(m.exact()).toEqual(rowsOn(decimalCalculator));
      expect(m.evaluate(m.assumptions)).toEqual(rowsOn(numberCalculator));
    }
  });
});
