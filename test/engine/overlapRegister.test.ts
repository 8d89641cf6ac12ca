import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import {
  Decimal,
  computeAssumptions,
  overlapRegister,
  parseProposal,
  proposalClaims,
  type ExistingMtfsLine,
  type OverlapClaim,
} from "../../src/engine";

const D = (x: number | string): Decimal => new Decimal(x);

function claim(
  proposal: string,
  key: string,
  amounts: number[],
  basis: OverlapClaim["basis"] = "cohort",
): OverlapClaim {
  return {
    proposal,
    item: `${proposal} stream`,
    basis,
    key,
    amounts: amounts.map((a, i) => ({ fy: 2026 + i, amount: D(a) })),
  };
}

describe("overlapRegister", () => {
  it("flags two proposals on the same cohort key (any case, any spacing) with both amounts and the overlap", () => {
    const flags = overlapRegister([
      claim("Family Based Placements", "CLA residential", [0, 100, 300]),
      claim("Commissioning for the Future", " cla  Residential ", [50, 200, 200]),
      claim("Reablement", "reablement finishers", [10, 10, 10]),
    ]);
    expect(flags).toHaveLength(1);
    const [f] = flags;
    expect([f.first.proposal, f.second.proposal]).toEqual([
      "Family Based Placements",
      "Commissioning for the Future",
    ]);
    expect(
      f.years.map((y) => [y.label, y.first.toNumber(), y.second.toNumber(), y.overlap.toNumber()]),
    ).toEqual([
      ["FY26/27", 0, 50, 0],
      ["FY27/28", 100, 200, 100],
      ["FY28/29", 300, 200, 200],
    ]);
    expect(f.total.toNumber()).toBe(300);
  });

  it("counts no overlap where the two amounts have opposite signs, and the smaller cost where both are costs", () => {
    const [f] = overlapRegister([claim("A", "k", [-100, 50, -30]), claim("B", "k", [40, 60, -80])]);
    expect(f.years.map((y) => y.overlap.toNumber())).toEqual([0, 50, -30]);
  });

  it("keeps cohorts and MTFS refs apart, and never pairs a claim with itself", () => {
    const flags = overlapRegister([
      claim("A", "AC21", [1], "cohort"),
      claim("B", "AC21", [1], "existingMtfsLine"),
      claim("A", "AC21", [1], "cohort"),
    ]);
    expect(flags).toEqual([]);
  });

  it("flags every pair when three proposals claim one key", () => {
    expect(overlapRegister([claim("A", "k", [1]), claim("B", "k", [1]), claim("C", "k", [1])])).toHaveLength(
      3,
    );
  });

  it("the overlap is symmetric and never larger than either amount (property)", () => {
    const amounts = fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(amounts, amounts, (a, b) => {
        const [ab] = overlapRegister([claim("A", "k", a), claim("B", "k", b)]);
        const [ba] = overlapRegister([claim("B", "k", b), claim("A", "k", a)]);
        return ab.years.every(
          (y, i) =>
            y.overlap.eq(ba.years[i].overlap) &&
            y.overlap.abs().lte(y.first.abs()) &&
            y.overlap.abs().lte(y.second.abs()),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe("proposalClaims", () => {
  const raw: unknown = JSON.parse(
    fs.readFileSync(path.join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8"),
  );
  const profile = computeAssumptions(parseProposal(raw).assumptions).proposal;
  const ac21: ExistingMtfsLine = {
    ref: "AC21",
    label: "Increasing Reablement Capacity",
    amountPerYear: D(1_000_000),
    firstFy: 2026,
    lastFy: 2027,
    treatment: "addedBack",
  };

  it("claims a keyed stream's weighted gross and a referenced line's stated amounts by FY", () => {
    const id = profile.streams[0].id;
    const claims = proposalClaims(
      "CFS Targeted Prevention",
      profile,
      [{ id, cohortKey: "cla-entries" }],
      [ac21],
    );
    expect(claims.map((c) => [c.basis, c.key])).toEqual([
      ["cohort", "cla-entries"],
      ["existingMtfsLine", "AC21"],
    ]);
    expect(claims[0].amounts.map((a) => a.amount.toString())).toEqual(
      profile.streams[0].years.map((y) => y.gross.toString()),
    );
    expect(claims[1].amounts.map((a) => a.amount.toNumber())).toEqual(
      profile.years.map((y) => (y.fy <= 2027 ? 1_000_000 : 0)),
    );
    expect(claims[1].treatment).toBe("addedBack");
  });

  it("claims nothing for a stream without a key or a line without a ref", () => {
    const { ref: _ref, ...noRef } = ac21;
    expect(proposalClaims("CFS", profile, [], [noRef])).toEqual([]);
  });
});
