import { Decimal } from "../../src/engine/money";
import { EngineError } from "../../src/engine/errors";
import { addressableSpendStream } from "../../src/engine/addressableSpendStream";
import { fullFrom, linearRamp } from "../../src/engine/shareSchedule";

const D = (x: number | string): Decimal => new Decimal(x);
const horizon = { firstFy: 2026, lastFy: 2028, mtfsLastFy: 2028 };

describe("addressableSpendStream", () => {
  it("sums each category's spend × rate × share × its own ramp", () => {
    const p = addressableSpendStream(
      {
        id: "p",
        label: "Procurement",
        categories: [
          {
            label: "Plumbing",
            addressableSpend: D(1e6),
            reductionRate: D(0.06),
            ramp: fullFrom("2026-04-01"),
          },
          {
            label: "Licences",
            addressableSpend: D(2e6),
            reductionRate: D(0.029),
            benefitShare: D(0.5),
            ramp: linearRamp("2026-04-01", "2027-04-01"),
          },
        ],
      },
      horizon,
    );
    expect(p.years.map((y) => y.gross.toFixed(2))).toEqual(["74500.00", "89000.00", "89000.00"]);
    expect(p.years[0].measures[0]).toEqual(
      expect.objectContaining({ key: "shareOfFullSaving", unit: "fraction" }),
    );
    expect(p.years[1].measures[0].value.toNumber()).toBe(1);
    expect(p.settledFy).toBe(2027);
    expect(p.kind).toBe("addressableSpend");
    expect(p.cashability).toBe("cashable");
  });

  it("inflates from the price base when asked, keeping grossAtPriceBase", () => {
    const p = addressableSpendStream(
      {
        id: "p",
        label: "p",
        inflationPerYear: D(0.03),
        priceBaseFy: 2026,
        categories: [
          { label: "All", addressableSpend: D(1e6), reductionRate: D(0.1), ramp: fullFrom("2026-04-01") },
        ],
      },
      horizon,
    );
    expect(p.years.map((y) => y.gross.toFixed(0))).toEqual(["100000", "103000", "106090"]);
    expect(p.years.map((y) => y.grossAtPriceBase.toFixed(0))).toEqual(["100000", "100000", "100000"]);
  });

  it("refuses a rate given as a whole-number percent, naming the category", () => {
    const run = (): unknown =>
      addressableSpendStream(
        {
          id: "p",
          label: "p",
          categories: [
            { label: "All", addressableSpend: D(1e6), reductionRate: D(2.97), ramp: fullFrom("2026-04-01") },
          ],
        },
        horizon,
      );
    expect(run).toThrow(EngineError);
    expect(run).toThrow("categories[0].reductionRate");
  });
});
