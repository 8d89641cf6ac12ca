import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import {
  assumptionsProfileOn,
  computeAssumptions,
  computeProfile,
  decimalCalculator,
  numberCalculator,
  parseProposal,
  type ProfileInput,
} from "../../src/engine";
import { cohortStreamOn } from "../../src/engine/cohortStream";
import { profileStreamInput, proposalOfStreamOn } from "../../src/engine/profile";
import { profileInputArb } from "./arbitraries";

/** One model, two backends: the number backend stays within £0.01 per FY of the Decimal figures. */

function byBackend(input: ProfileInput): { decimal: number[]; number: number[]; mtfs: [number[], number[]] } {
  const dec = computeProfile(input);
  const num = proposalOfStreamOn(
    numberCalculator,
    input,
    cohortStreamOn(numberCalculator, profileStreamInput(input), input.horizon),
  );
  return {
    decimal: dec.years.map((y) => y.cumulative.toNumber()),
    number: num.years.map((y) => y.cumulative),
    mtfs: [dec.years.map((y) => y.mtfsImpact.toNumber()), num.years.map((y) => y.mtfsImpact)],
  };
}

function expectWithinPenny(a: readonly number[], b: readonly number[]): void {
  expect(b).toHaveLength(a.length);
  a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThan(0.01));
}

const examples = fs
  .readdirSync(path.join(__dirname, "../../examples"))
  .filter((f) => f.endsWith(".json") && !f.includes("triangulation"))
  .map((f) => ({
    f,
    raw: JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", f), "utf8")) as Record<
      string,
      unknown
    >,
  }))
  .filter(({ raw }) => raw.assumptions !== undefined);

describe("the number backend", () => {
  it.each(examples.map((e) => [e.f, e.raw] as const))(
    "agrees with Decimal within £0.01 per FY on %s",
    (_, raw) => {
      // Either form of the assumptions (single cohort or streams), through the one dispatch computeAssumptions uses.
      const a = parseProposal(raw).assumptions;
      const dec = computeAssumptions(a).proposal;
      const num = assumptionsProfileOn(numberCalculator, a);
      expectWithinPenny(
        dec.years.map((y) => y.cumulative.toNumber()),
        num.years.map((y) => y.cumulative),
      );
      expectWithinPenny(
        dec.years.map((y) => y.mtfsImpact.toNumber()),
        num.years.map((y) => y.mtfsImpact),
      );
      if (a.cohort !== undefined) {
        const r = byBackend(a.cohort);
        expectWithinPenny(r.decimal, r.number);
      }
    },
  );

  it("agrees with Decimal within £0.01 per FY on random inputs (property)", () => {
    fc.assert(
      fc.property(profileInputArb, (input) => {
        const r = byBackend(input);
        expectWithinPenny(r.decimal, r.number);
        expectWithinPenny(...r.mtfs);
      }),
      { numRuns: 150 },
    );
  });

  it("is the same model on the Decimal backend: the generic code gives computeProfile's exact figures", () => {
    // Every single-cohort example (the multi-stream ones have no ProfileInput to hand computeProfile).
    const cohorts = examples.flatMap(({ raw }) => {
      const cohort = parseProposal(raw).assumptions.cohort;
      return cohort === undefined ? [] : [cohort];
    });
    expect(cohorts.length).toBeGreaterThanOrEqual(3);
    for (const input of cohorts) {
      const generic = proposalOfStreamOn(
        decimalCalculator,
        input,
        cohortStreamOn(decimalCalculator, profileStreamInput(input), input.horizon),
      );
      expect(generic.years.map((y) => y.cumulative.toString())).toEqual(
        computeProfile(input).years.map((y) => y.cumulative.toString()),
      );
    }
  });
});
