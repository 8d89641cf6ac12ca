import { Decimal } from "../../src/engine/money";
import { inflate } from "../../src/engine/fiscalYear";
import { WEEKS_PER_YEAR } from "../../src/engine/fiscalYear";
import { provisionStream } from "../../src/engine/provisionStream";
import { computeProposalProfile } from "../../src/engine/proposalProfile";
import { expectGoldens, grossIn, m } from "./streamGolden";

/**
 * CFS – Commissioning for the Future (seeds/004 lines 812–945), from its benefit profile assumptions
 * (lines 921–924): "a baseline of 8 CYP in Activity/Unregulated placements and 1 CYP in bed-blocking EBD
 * placements, with no growth", "Current net average unit cost … £13,429 per week", "Proposed cost of
 * alternative provision is £11,665 per week", "growth in average unit cost is 4%", "Alternative provision will
 * become available from January 2028", "2 CYP can be moved into alternative provision every 3 months".
 * Inferred: the unit costs are at FY25/26 prices (the costs are "based on providers used by LCC in 2025/6",
 * line 825), and "January 2028" is 1 January 2028.
 */
const D = (x: number | string): Decimal => new Decimal(x);
const horizon = { firstFy: 2026, lastFy: 2030, mtfsLastFy: 2029 };
const inflation = D(0.04);

const stream = provisionStream(
  {
    id: "cfs-cftf",
    label: "Move to the new high-needs provision",
    caseload: D(9),
    currentWeeklyCost: D(13429),
    newProvisionWeeklyCost: D(11665),
    openingDate: "2028-01-01",
    movesPerStep: D(2),
    stepMonths: 3,
    inflationPerYear: inflation,
    priceBaseFy: 2025,
  },
  horizon,
);

// "Profile accounts for cost of 3 months of new provision with no CYP to account for registration period"
// (line 928). Its size is not stated; inferred: the places of the first move (2 CYP) at the new provision's
// £11,665 a week for a quarter of a year, in FY27/28 (the quarter before it opens), at FY27/28 prices.
const emptyProvision = inflate(D(2).times(11665).times(WEEKS_PER_YEAR.div(4)), 2025, 2027, inflation);
const net = (fy: number): number => m(grossIn([stream], fy).minus(fy === 2027 ? emptyProvision : D(0)));

describe("CFS Commissioning for the Future from its stated inputs", () => {
  it("moves 2, 4, 6, 8 then 9 CYP a quarter apart and settles in FY29/30", () => {
    expect(stream.years.map((y) => y.measures[0].value.toFixed(3))).toEqual([
      "0.000",
      "0.497",
      "6.745",
      "9.000",
      "9.000",
    ]);
    expect(stream.settledFy).toBe(2029);
  });

  // Cumulative benefit, lines 921–924 and Appendix A line 410 (£0.03m where the reading holds). FY26/27's
  // −£0.21m has no stated cost behind it, and the later years sit £0.04m–£0.06m below the published figures:
  // recorded in docs/discrepancies.md.
  expectGoldens([
    {
      fy: 2026,
      published: -0.21,
      modelled: net(2026),
      toleranceM: 0.03,
      source: "seeds/004 line 921",
      recordedGapM: 0.21,
    },
    { fy: 2027, published: -0.28, modelled: net(2027), toleranceM: 0.03, source: "seeds/004 line 922" },
    {
      fy: 2028,
      published: 0.74,
      modelled: net(2028),
      toleranceM: 0.03,
      source: "seeds/004 line 923",
      recordedGapM: -0.0418,
    },
    {
      fy: 2029,
      published: 1.03,
      modelled: net(2029),
      toleranceM: 0.03,
      source: "seeds/004 line 924",
      recordedGapM: -0.0611,
    },
    {
      fy: 2030,
      published: 1.06,
      modelled: net(2030),
      toleranceM: 0.03,
      source: "seeds/004 line 410 (Appendix A)",
      recordedGapM: -0.052,
    },
  ]);
});

describe("CFS Commissioning for the Future through the proposal combiner (computeProposalProfile)", () => {
  // The empty quarter as a phased cost in FY27/28.
  const profile = computeProposalProfile({
    streams: [stream],
    investment: [
      {
        kind: "phased",
        label: "3 months of new provision with no CYP",
        amountsByFy: [{ fy: 2027, amount: emptyProvision }],
      },
    ],
    mtfsOverlap: { kind: "none" },
    inflationContingency: { heldCentrally: false, base: "gross" },
    horizon,
  });

  it("gives the same figures as the arithmetic above", () => {
    for (const y of profile.years) expect(m(y.cumulative)).toBeCloseTo(net(y.fy), 9);
  });

  // Appendix A's row (line 410) differs from the proposal's own FY27/28 (−0.31 against −0.28): the model, within
  // £0.0003m of the proposal, is £0.0303m off Appendix A.
  const row = (fy: number): number => m(profile.years.find((y) => y.fy === fy)!.mtfsImpact);
  expectGoldens([
    {
      fy: 2027,
      published: -0.31,
      modelled: row(2027),
      toleranceM: 0.03,
      source: "seeds/004 line 410 (Appendix A)",
      recordedGapM: 0.0303,
    },
  ]);
});
