import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { Decimal, parseProposal, proposalRiskModel } from "../../src/engine";
import { decimalCalculator, numberCalculator } from "../../src/engine/calculator";
import { assumptionsProfileInputOn, type ProposalAssumptions } from "../../src/engine/assumptions";
import { costReadsStreams } from "../../src/engine/costs";
import { profileStreamInput, proposalInputOfStream } from "../../src/engine/profile";
import { cohortStreamOn } from "../../src/engine/cohortStream";
import {
  computeProposalProfileOn,
  figuresScratch,
  proposalFiguresOn,
  proposalYearsOn,
  type ProposalProfileInput,
} from "../../src/engine/proposalProfile";
import { moveInputs, withDecimal } from "../../src/engine/riskInputs";
import type { Proposal } from "../../src/engine/proposal";
import type { Calculator } from "../../src/engine/calculator";

const examples = path.join(__dirname, "../../examples");
const programme = JSON.parse(fs.readFileSync(path.join(examples, "programme.json"), "utf8")) as {
  directorates: { rows: { example?: string }[] }[];
};
// The demo programme's proposals: every stream kind, cost kind and inflation rule a simulation meets.
const proposals: Proposal[] = programme.directorates
  .flatMap((d) => d.rows.flatMap((r) => (r.example ? [r.example] : [])))
  .map((f) => parseProposal(JSON.parse(fs.readFileSync(path.join(examples, f), "utf8"))));

/** The profile input of a proposal's assumptions (either form) on `calc`. */
function inputOn<T>(calc: Calculator<T>, p: Proposal, assumptions?: unknown): ProposalProfileInput<T> {
  const cohort = p.assumptions.cohort;
  if (cohort !== undefined) {
    const a = (assumptions ?? cohort) as typeof cohort;
    return proposalInputOfStream(a, cohortStreamOn(calc, profileStreamInput(a, calc), a.horizon));
  }
  return assumptionsProfileInputOn(calc, (assumptions ?? p.assumptions) as ProposalAssumptions);
}

describe("a simulated draw's figures (proposalFiguresOn)", () => {
  it.each(proposals.map((p) => [p.opportunity.name, p] as const))(
    "are the net and MTFS rows of the profile's years on both backends (%s)",
    (_, p) => {
      for (const calc of [numberCalculator, decimalCalculator] as Calculator<unknown>[]) {
        const years = computeProposalProfileOn(calc, inputOn(calc, p)).years;
        const net = years.map((y) => calc.toNumber(y.cumulative));
        const mtfs = years.map((y) => calc.toNumber(y.mtfsImpact));
        expect(proposalFiguresOn(calc, inputOn(calc, p))).toEqual({ net, mtfs });
        expect(proposalYearsOn(calc, inputOn(calc, p)).map((y) => calc.toNumber(y.mtfsImpact))).toEqual(mtfs);
        expect(proposalFiguresOn(calc, inputOn(calc, p), figuresScratch())).toEqual({ net, mtfs });
      }
    },
  );

  it("are the same from a scratch kept over draws of other inputs as from a fresh run", () => {
    // Any input moved (costs, prices and overlap too, not only the drawn streams), proposals in turn.
    const cases = proposals.flatMap((p, k) => {
      const tree = p.assumptions.cohort ?? p.assumptions;
      return moveInputs(tree, [], {}).map((x) => ({ k, tree, path: x.parsedPath, base: x.base }));
    });
    const scratches = proposals.map(() => figuresScratch());
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(cases.length - 1), fc.double({ min: 0.5, max: 1.5, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        (moves) => {
          for (const [c, factor] of moves) {
            const { k, tree, path: at, base } = cases[c];
            const moved = withDecimal(tree, at, new Decimal(base * factor));
            const p = proposals[k];
            let fresh: unknown;
            try {
              fresh = proposalFiguresOn(numberCalculator, inputOn(numberCalculator, p, moved));
            } catch {
              continue; // A move the engine refuses (e.g. a date order): nothing to compare.
            }
            const kept = proposalFiguresOn(
              numberCalculator,
              inputOn(numberCalculator, p, moved),
              scratches[k],
            );
            expect(kept).toEqual(fresh);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("give a risk model's draws, in any order, each the figures of a fresh profile (its scratch rewritten)", () => {
    // A model's evaluate keeps one run, one set of cohort stream FY records and existing-line amounts, rewritten on
    // each draw: a draw of any input after draws of others reads none of theirs.
    const models = proposals.map((p) => proposalRiskModel(p));
    const cases = models.flatMap((m, k) =>
      moveInputs(m.assumptions, [], {}).map((x) => ({ k, path: x.parsedPath, base: x.base })),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(cases.length - 1), fc.double({ min: 0.5, max: 1.5, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        (moves) => {
          for (const [c, factor] of moves) {
            const { k, path: at, base } = cases[c];
            const moved = withDecimal(models[k].assumptions, at, new Decimal(base * factor));
            let fresh: unknown;
            try {
              fresh = proposalFiguresOn(numberCalculator, inputOn(numberCalculator, proposals[k], moved));
            } catch {
              continue; // A move the engine refuses (e.g. a date order): nothing to compare.
            }
            expect(models[k].evaluate(moved)).toEqual(fresh);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("give each risk model's draws the figures of a fresh profile of the drawn assumptions", () => {
    for (const p of proposals) {
      const m = proposalRiskModel(p);
      const x = m.assumptions;
      expect(m.evaluate(x)).toEqual(proposalFiguresOn(numberCalculator, inputOn(numberCalculator, p, x)));
      expect(m.evaluate(x)).toEqual(m.evaluate(x));
    }
  });
});

describe("costReadsStreams", () => {
  it("is true just for the kinds priced on the streams' caseload or events", () => {
    const D = (x: number): Decimal => new Decimal(x);
    expect(costReadsStreams({ kind: "perCase", label: "c", amountPerCasePerYear: D(1) })).toBe(true);
    expect(costReadsStreams({ kind: "perEvent", label: "e", amountPerEvent: D(1) })).toBe(true);
    expect(
      costReadsStreams({ kind: "ongoing", label: "o", amountPerYear: D(1), fromDate: "2026-04-01" }),
    ).toBe(false);
    expect(costReadsStreams({ kind: "oneOff", label: "x", amount: D(1), date: "2026-04-01" })).toBe(false);
  });
});
