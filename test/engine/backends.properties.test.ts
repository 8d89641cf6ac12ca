import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import {
  assumptionsProfileOn,
  computeAssumptions,
  computeProfile,
  decimalCalculator,
  EngineError,
  numberCalculator,
  parseProposal,
  type ProfileInput,
  type ProposalAssumptions,
} from "../../src/engine";
import { Decimal } from "../../src/engine/money";
import { decimalAt, numberPaths, withDecimal } from "../../src/engine/riskInputs";
import { HORIZON_JSON, everyKind } from "./format/streams.fixtures";
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

/** The profile's cumulative and MTFS rows on each backend, as numbers. */
function rowsByBackend(a: ProposalAssumptions): { decimal: number[][]; number: number[][] } {
  const dec = computeAssumptions(a).proposal;
  const num = assumptionsProfileOn(numberCalculator, a);
  return {
    decimal: [dec.years.map((y) => y.cumulative.toNumber()), dec.years.map((y) => y.mtfsImpact.toNumber())],
    number: [num.years.map((y) => y.cumulative), num.years.map((y) => y.mtfsImpact)],
  };
}

/** One proposal with a stream of every kind (test/engine/format/streams.fixtures.ts). */
const everyKindAssumptions = parseProposal({
  opportunity: { name: "Every kind" },
  assumptions: { horizon: HORIZON_JSON, streams: everyKind },
}).assumptions;

/**
 * Random inputs for every stream kind: each number of the every-kind proposal scaled by its own factor
 * (0 to 2 in steps of 0.01, a value up to 1 by 0 to 1, so zero rates and doubled volumes too), through the paths a tornado moves (riskInputs.ts).
 */
const everyKindArb: fc.Arbitrary<ProposalAssumptions> = (() => {
  const paths = numberPaths(everyKindAssumptions);
  return fc
    .array(
      fc.integer({ min: 0, max: 200 }).map((k) => k / 100),
      { minLength: paths.length, maxLength: paths.length },
    )
    .map((factors) =>
      paths.reduce((a, path, i) => {
        const v = decimalAt(a, path) as Decimal;
        // A value up to 1 may be a fraction (a rate, a share, a weighting): keep it within 0 to 1.
        const f = v.lte(1) ? factors[i] / 2 : factors[i];
        return withDecimal(a, path, v.times(new Decimal(f)));
      }, everyKindAssumptions),
    );
})();

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

  it("agrees with Decimal within £0.01 per FY on random inputs of every stream kind (property)", () => {
    expect(new Set(everyKindAssumptions.streams.map((x) => x.kind)).size).toBe(7);
    let checked = 0;
    fc.assert(
      fc.property(everyKindArb, (a) => {
        let r: ReturnType<typeof rowsByBackend>;
        try {
          r = rowsByBackend(a);
        } catch (e) {
          // A draw outside an input's rule (a fraction above 1, a weighting above 1) is refused: not a case.
          if (e instanceof EngineError) return fc.pre(false);
          throw e;
        }
        checked++;
        expectWithinPenny(r.decimal[0], r.number[0]);
        expectWithinPenny(r.decimal[1], r.number[1]);
      }),
      { numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(30);
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
