import fc from "fast-check";
import {
  Decimal,
  GREEN_BOOK_STANDARD,
  flatDeflatorIndex,
  flatSchedule,
  isEngineError,
  presentValue,
  programmeGreenBook,
  realPrices,
} from "../../src/engine";

/** The programme's Green Book view after its implementation costs: the same view, the costs added. */

const years = (n: number) => Array.from({ length: n }, (_, i) => ({ fy: i, label: `FY${i}` }));
const money = fc.integer({ min: 0, max: 50_000_000 }).map((x) => new Decimal(x));

describe("programmeGreenBook", () => {
  it("NPV after = NPV − PV(implementation costs); BCR = PV benefits ÷ (PV costs + PV implementation) (property)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((n) =>
            fc.tuple(
              fc.array(money, { minLength: n, maxLength: n }),
              fc.array(money, { minLength: n, maxLength: n }),
              fc.array(money, { minLength: n, maxLength: n }),
            ),
          ),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        ([benefits, costs, table3], deflator) => {
          const n = benefits.length;
          const index = flatDeflatorIndex(n, deflator);
          const v = programmeGreenBook(years(n), benefits, costs, table3, GREEN_BOOK_STANDARD, index);
          const pvTable3 = presentValue(realPrices(table3, index), GREEN_BOOK_STANDARD);
          expect(
            v.proposals.npv.minus(pvTable3).minus(v.withImplementation.npv).abs().toNumber(),
          ).toBeLessThan(1e-9);
          const sumPv = v.implementation.reduce((s, y) => s.plus(y.presentValue), new Decimal(0));
          expect(sumPv.minus(pvTable3).abs().toNumber()).toBeLessThan(1e-9);
          const all = v.proposals.pvCosts.plus(pvTable3);
          if (all.gt(0)) {
            const want = v.proposals.pvBenefits.div(all);
            const got = v.withImplementation.benefitCostRatio!;
            // Relative: the two sum in different orders (20 significant digits).
            expect(got.minus(want).abs().div(Decimal.max(1, want)).toNumber()).toBeLessThan(1e-12);
          } else expect(v.withImplementation.benefitCostRatio).toBeUndefined();
        },
      ),
      { numRuns: 100 },
    );
  });

  it("equals year 0 + Excel's NPV(r, years 1..) of the real net flows at a flat rate", () => {
    const b = [1, 5, 9, 12].map((x) => new Decimal(x * 1e6));
    const c = [2, 1, 0.5, 0.5].map((x) => new Decimal(x * 1e6));
    const t3 = [10.4, 13.6, 3.6, 0.5].map((x) => new Decimal(x * 1e6));
    const r = new Decimal("0.035");
    const v = programmeGreenBook(years(4), b, c, t3, flatSchedule(r));
    const net = b.map((x, i) => x.minus(c[i]).minus(t3[i]));
    // Excel: NPV(r, v1..vn) = Σ v_j / (1 + r)^j.
    const excel = net[0].plus(
      net.slice(1).reduce((s, x, j) => s.plus(x.div(r.plus(1).pow(j + 1))), new Decimal(0)),
    );
    expect(v.withImplementation.npv.minus(excel).abs().toNumber()).toBeLessThan(1e-6);
    expect(v.implementation[0].presentValue.toNumber()).toBe(10.4e6);
  });

  it("refuses implementation costs of another length, naming them", () => {
    const one = [new Decimal(1)];
    try {
      programmeGreenBook(years(1), one, one, [...one, ...one]);
      throw new Error("accepted");
    } catch (e) {
      expect(isEngineError(e) && e.field).toBe("implementationCosts");
    }
  });
});
