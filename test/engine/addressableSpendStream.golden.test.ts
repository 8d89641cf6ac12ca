import { Decimal } from "../../src/engine/money";
import { addressableSpendStream } from "../../src/engine/addressableSpendStream";
import { averageShareInFy, linearRamp } from "../../src/engine/shareSchedule";
import { expectGoldens, grossIn, m } from "./streamGolden";

/**
 * Procurement and Third Party Spend (seeds/004 Appendix B, lines 1777–1950), from its own words:
 * "£66.78m of spend we can extrapolate the findings to", the agreed target "Lower: 2.97%" (the average of the
 * deep dives' lower bounds), "40% of the benefit is realised through contract management" with "all contract
 * management changes … rolled out: 1st July 2027" after "start of design phase and realising changes:
 * 1st November 2026", and "the remaining 55% … category and tail-spend management", "half of category
 * management changes … rolled out: 1st November 2027", "20 months post mobilisation" (1 July 2028).
 * Cost: "£460,075 net to LCC" for the procurement team, "changes to occur gradually during the
 * implementation", subtracted by hand below.
 */
const D = (x: number | string): Decimal => new Decimal(x);
const horizon = { firstFy: 2026, lastFy: 2030, mtfsLastFy: 2029 };
const spend = D(66.78e6);
const rate = D(0.0297);

const stream = addressableSpendStream(
  {
    id: "procurement",
    label: "Procurement and Third Party Spend",
    categories: [
      {
        label: "Contract management",
        addressableSpend: spend,
        reductionRate: rate,
        benefitShare: D(0.4),
        ramp: linearRamp("2026-11-01", "2027-07-01"),
      },
      {
        label: "Category and tail-spend management",
        addressableSpend: spend,
        reductionRate: rate,
        benefitShare: D(0.55),
        // Inferred: category management starts once contract management is rolled out ("at the end of the
        // contract management process … we can then identify where there is opportunity"), 1 July 2027.
        ramp: {
          shape: "linear",
          points: [
            { date: "2027-07-01", share: D(0) },
            { date: "2027-11-01", share: D(0.5) },
            { date: "2028-07-01", share: D(1) },
          ],
        },
      },
    ],
  },
  horizon,
);

// The team's £460,075 a year, built up linearly over the implementation (inferred from "gradually during the
// implementation": from the start of realising changes to the end of category management).
const teamCost = (fy: number): Decimal =>
  D(460075).times(averageShareInFy(linearRamp("2026-11-01", "2028-07-01"), fy));
const net = (fy: number): number => m(grossIn([stream], fy).minus(teamCost(fy)));

describe("Procurement and Third Party Spend from its stated inputs", () => {
  it("settles once category management is rolled out (FY28/29 ends the ramp on 1 July 2028)", () => {
    expect(stream.settledFy).toBe(2029);
    expect(stream.years.map((y) => y.gross.toFixed(0))).toEqual(
      stream.years.map((y) => y.grossAtPriceBase.toFixed(0)),
    );
  });

  // Cumulative benefit (seeds/004 lines 1938–1941; FY30/31 Appendix A line 415). The stated inputs leave 5% of
  // the benefit unassigned (40% + 55%) and the team cost's phasing open, so every year misses by more than
  // £0.03m: recorded in docs/discrepancies.md, gaps pinned.
  expectGoldens([
    { fy: 2026, published: 0.09, modelled: net(2026), toleranceM: 0.03, source: "seeds/004 line 1938" },
    {
      fy: 2027,
      published: 0.77,
      modelled: net(2027),
      toleranceM: 0.03,
      source: "seeds/004 line 1939",
      recordedGapM: 0.1225,
    },
    {
      fy: 2028,
      published: 1.47,
      modelled: net(2028),
      toleranceM: 0.03,
      source: "seeds/004 line 1940",
      recordedGapM: -0.0628,
    },
    {
      fy: 2029,
      published: 1.48,
      modelled: net(2029),
      toleranceM: 0.03,
      source: "seeds/004 line 1941",
      recordedGapM: -0.0559,
    },
    {
      fy: 2030,
      published: 1.48,
      modelled: net(2030),
      toleranceM: 0.03,
      source: "seeds/004 line 415 (Appendix A)",
      recordedGapM: -0.0559,
    },
  ]);
});
