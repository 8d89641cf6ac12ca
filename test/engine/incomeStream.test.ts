import { Decimal } from "../../src/engine/money";
import { EngineError } from "../../src/engine/errors";
import { annualIncome, incomeStream } from "../../src/engine/incomeStream";

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
