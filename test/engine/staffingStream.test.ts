import { Decimal } from "../../src/engine/money";
import { staffingStream } from "../../src/engine/staffingStream";

const D = (x: number | string): Decimal => new Decimal(x);
const horizon = { firstFy: 2026, lastFy: 2029, mtfsLastFy: 2029 };

describe("staffingStream", () => {
  it("saves FTE × cost per FTE from the date, building linearly to fullByDate", () => {
    const p = staffingStream(
      {
        id: "s",
        label: "Spans of control",
        reductions: [
          {
            kind: "fte",
            label: "Managers",
            fteReduction: D(10),
            costPerFte: D(50000),
            fromDate: "2026-04-01",
            fullByDate: "2027-04-01",
          },
          { kind: "amount", label: "Agency premium", amountPerYear: D(200000), fromDate: "2028-04-01" },
        ],
      },
      horizon,
    );
    expect(p.years.map((y) => y.gross.toFixed(0))).toEqual(["250000", "500000", "700000", "700000"]);
    expect(p.years.map((y) => y.measures[0].value.toFixed(1))).toEqual(["5.0", "10.0", "10.0", "10.0"]);
    expect(p.settledFy).toBe(2028);
  });

  it("applies a pay award each 1 April from the price base", () => {
    const p = staffingStream(
      {
        id: "s",
        label: "s",
        inflationPerYear: D(0.03),
        priceBaseFy: 2026,
        reductions: [{ kind: "amount", label: "Posts", amountPerYear: D(100000), fromDate: "2026-04-01" }],
      },
      horizon,
    );
    expect(p.years.map((y) => y.gross.toFixed(0))).toEqual(["100000", "103000", "106090", "109273"]);
    expect(p.years.every((y) => y.grossAtPriceBase.eq(100000))).toBe(true);
  });

  it("refuses a negative FTE reduction, naming it", () => {
    expect(() =>
      staffingStream(
        {
          id: "s",
          label: "s",
          reductions: [
            { kind: "fte", label: "x", fteReduction: D(-1), costPerFte: D(1), fromDate: "2026-04-01" },
          ],
        },
        horizon,
      ),
    ).toThrow("reductions[0].fteReduction");
  });
});
