import * as fc from "fast-check";
import { EngineError } from "../../src/engine/errors";
import { computeAssumptions } from "../../src/engine/assumptions";
import { grossByCashability } from "../../src/engine/cashability";
import { CASHABILITY } from "../../src/engine/choices";
import { computeProfile } from "../../src/engine/profile";
import { parseProposal } from "../../src/engine/proposal";
import { readExample } from "./examples";

/**
 * A single-cohort proposal states its cashability as a stream does (`assumptions.cashability`, the same three
 * labels): a step-down from residential care whose placements leave today's budget is cashable. Without it
 * the cohort stream's default (cost avoidance) applies, so existing files keep their split.
 */

type Json = Record<string, unknown>;

/** CFS Targeted Prevention (a single cohort) with `assumptions` changed by `edit`. */
function cfs(edit: (a: Json) => Json = (a) => a): Json {
  const raw = readExample("cfs-targeted-prevention.json") as Json;
  return { ...raw, assumptions: edit(raw.assumptions as Json) };
}

const splitOf = (raw: Json) => {
  const { proposal } = computeAssumptions(parseProposal(raw).assumptions);
  return { proposal, kinds: grossByCashability(proposal) };
};

describe("a single cohort's cashability", () => {
  it("puts the whole gross under the label the proposal states, each FY", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASHABILITY), (label) => {
        const { proposal, kinds } = splitOf(cfs((a) => ({ ...a, cashability: label })));
        kinds.forEach((k, i) => {
          const gross = proposal.streams[0].years[i].gross;
          for (const other of CASHABILITY) {
            expect([k.label, other, k[other].toFixed(2)]).toEqual([
              k.label,
              other,
              other === label ? gross.toFixed(2) : "0.00",
            ]);
          }
        });
      }),
      { numRuns: 6 },
    );
  });

  it("is cost avoidance when the proposal does not say, as before", () => {
    const { kinds } = splitOf(cfs());
    expect(kinds.every((k) => k.cashable.isZero() && k.nonCashable.isZero())).toBe(true);
    expect(kinds.some((k) => !k.costAvoidance.isZero())).toBe(true);
    expect(parseProposal(cfs()).assumptions.streams[0].cashability).toBeUndefined();
  });

  it("changes no figure, only the label", () => {
    const plain = parseProposal(cfs()).assumptions;
    const cashable = parseProposal(cfs((a) => ({ ...a, cashability: "cashable" }))).assumptions;
    expect(computeAssumptions(cashable).profile).toEqual(computeAssumptions(plain).profile);
    // The single cohort is still today's ProfileInput, carrying its label.
    expect(cashable.cohort?.cashability).toBe("cashable");
    expect(computeProfile(cashable.cohort!)).toEqual(computeProfile(plain.cohort!));
  });

  it("reads a blank (null) as the default, as a cleared sheet cell reads", () => {
    const { kinds } = splitOf(cfs((a) => ({ ...a, cashability: null })));
    expect(kinds.every((k) => k.cashable.isZero())).toBe(true);
  });

  it("refuses an unknown label, naming the field and the three choices", () => {
    try {
      parseProposal(cfs((a) => ({ ...a, cashability: "cash" })));
      throw new Error("parsed");
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect([(e as EngineError).code, (e as EngineError).field]).toEqual([
        "unknown-option",
        "assumptions.cashability",
      ]);
    }
  });

  it("refuses a proposal-level label beside streams: each stream states its own", () => {
    const streams = readExample("income-maximisation.json") as Json;
    const a = streams.assumptions as Json;
    try {
      parseProposal({ ...streams, assumptions: { ...a, cashability: "cashable" } });
      throw new Error("parsed");
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect([(e as EngineError).code, (e as EngineError).field]).toEqual([
        "contradictory",
        "assumptions.cashability",
      ]);
    }
  });
});
