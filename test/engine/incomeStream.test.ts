import { Decimal } from "../../src/engine/money";
import { EngineError } from "../../src/engine/errors";
import { annualIncome, annualIncomeOn, incomeStream, incomeStreamOn } from "../../src/engine/incomeStream";
import { decimalCalculator, numberCalculator } from "../../src/engine/calculator";

const D = (x: number | string): Decimal => new Decimal(x);
const horizon = { firstFy: 2026, lastFy: 2028, mtfsLastFy: 2028 };

describe("incomeStream", () => {
  it("charges volume × (new fee − current fee) from go-live, pro rata by days", () => {
    const p = incomeStream(
      {
        id: "i",
        label: "Fees",
        items: [
          {
            kind: "volumeTimesFee",
            label: "Season tickets",
            volumePerYear: D(450),
            feePerUnit: D(95),
            currentFeePerUnit: D(85),
            goLiveDate: "2026-09-01",
          },
        ],
      },
      horizon,
    );
    expect(p.years.map((y) => y.gross.toFixed(2))).toEqual([
      D(4500).times(212).div(365).toFixed(2),
      "4500.00",
      "4500.00",
    ]);
    expect(p.years[1].measures).toEqual([
      { key: "unitsCharged", label: "Units charged at the new fees", unit: "units", value: D(450) },
    ]);
    expect(p.settledFy).toBe(2027);
  });

  it("stops an amount line after its end date and settles the FY after", () => {
    const p = incomeStream(
      {
        id: "i",
        label: "Traded",
        items: [
          {
            kind: "amountPerYear",
            label: "H&S traded",
            amountPerYear: D(36500),
            goLiveDate: "2026-04-01",
            endDate: "2027-03-31",
          },
        ],
      },
      horizon,
    );
    expect(p.years.map((y) => y.gross.toFixed(0))).toEqual(["36500", "0", "0"]);
    expect(p.settledFy).toBe(2027);
  });

  it("reads a new charge as a current fee of 0", () => {
    expect(
      annualIncome(
        {
          kind: "volumeTimesFee",
          label: "Pre-app",
          volumePerYear: D(10),
          feePerUnit: D(5193),
          goLiveDate: "2026-04-01",
        },
        "items[0]",
      ).toNumber(),
    ).toBe(51930);
  });

  it("refuses a fee cut, a negative volume and an end before go-live, naming the field", () => {
    const item = {
      kind: "volumeTimesFee" as const,
      label: "x",
      volumePerYear: D(1),
      feePerUnit: D(5),
      currentFeePerUnit: D(6),
      goLiveDate: "2026-04-01",
    };
    const run = (it: Parameters<typeof incomeStream>[0]["items"][number]) => () =>
      incomeStream({ id: "i", label: "i", items: [it] }, horizon);
    expect(run(item)).toThrow("items[0].feePerUnit");
    expect(run({ ...item, currentFeePerUnit: D(0), volumePerYear: D(-1) })).toThrow("items[0].volumePerYear");
    expect(run({ ...item, currentFeePerUnit: D(0), endDate: "2026-01-01" })).toThrow(EngineError);
  });
});

describe("income lines on either backend", () => {
  const item = (fee: string, current: string) => ({
    kind: "volumeTimesFee" as const,
    label: "Fees",
    volumePerYear: D(10),
    feePerUnit: D(fee),
    currentFeePerUnit: D(current),
    goLiveDate: "2026-10-01",
  });
  it("refuses a fee below the current fee, on Decimal and on numbers", () => {
    const rule = "items[0].feePerUnit: must not be below currentFeePerUnit";
    expect(() => annualIncomeOn(decimalCalculator, item("189.99", "190"), "items[0]")).toThrow(rule);
    expect(() => annualIncomeOn(numberCalculator, item("189.99", "190"), "items[0]")).toThrow(rule);
  });
  it("gives the same FY shares on a second run (shares remembered by dates) and for a new record", () => {
    const input = { id: "i", label: "Fees", items: [item("195", "190")] };
    const a = incomeStreamOn(numberCalculator, input, horizon).years.map((y) => y.gross);
    const b = incomeStreamOn(numberCalculator, { ...input, items: [item("200", "190")] }, horizon);
    expect(a).toEqual([50 * (182 / 365), 50, 50]);
    expect(b.years.map((y) => y.gross)).toEqual([100 * (182 / 365), 100, 100]);
  });
});
