import fc from "fast-check";
import { Decimal } from "../../src/engine/money";
import { EngineError } from "../../src/engine/errors";
import { annualIncome, annualIncomeOn, incomeStream, incomeStreamOn } from "../../src/engine/incomeStream";
import { decimalCalculator, decimalOfNumber, numberCalculator } from "../../src/engine/calculator";

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
  it("still refuses a drawn fee cut once the dates' plan is remembered", () => {
    const h = { ...horizon };
    incomeStreamOn(numberCalculator, { id: "i", label: "Fees", items: [item("195", "190")] }, h);
    expect(() =>
      incomeStreamOn(numberCalculator, { id: "i", label: "Fees", items: [item("189", "190")] }, h),
    ).toThrow("items[0].feePerUnit: must not be below currentFeePerUnit");
    const cut = { ...item("195", "190"), volumePerYear: decimalOfNumber(-1) };
    expect(() => incomeStreamOn(numberCalculator, { id: "i", label: "Fees", items: [cut] }, h)).toThrow(
      "items[0].volumePerYear: must be a number ≥ 0",
    );
  });
  it("inflates each settled FY at its own prices while their price-base sums are one", () => {
    const input = {
      id: "i",
      label: "Fees",
      items: [item("195", "190")],
      inflationPerYear: D("0.1"),
    };
    const p = incomeStream(input, horizon);
    expect(p.years.map((y) => y.grossAtPriceBase.toString())).toEqual([
      D(50).times(182).div(365).toString(),
      "50",
      "50",
    ]);
    expect(p.years.map((y) => y.gross.toString())).toEqual([
      D(50).times(182).div(365).toString(),
      "55",
      "60.5",
    ]);
  });
});

describe("income figures from a remembered plan", () => {
  const dates = ["2026-04-01", "2026-09-01", "2027-04-01", "2027-10-15", "2028-01-01"] as const;
  const lineArb = fc.record({
    amount: fc.boolean(),
    volume: fc.double({ min: 0, max: 1e5, noNaN: true }),
    fee: fc.integer({ min: 0, max: 500 }),
    rise: fc.integer({ min: 0, max: 50 }),
    goLive: fc.constantFrom(...dates),
    end: fc.option(fc.constantFrom("2027-03-31", "2028-06-30"), { nil: undefined }),
  });
  type Line = typeof lineArb extends fc.Arbitrary<infer L> ? L : never;
  const itemOf = (l: Line, volume: Decimal) =>
    l.amount
      ? {
          kind: "amountPerYear" as const,
          label: "x",
          amountPerYear: volume,
          goLiveDate: l.goLive,
          endDate: l.end,
        }
      : {
          kind: "volumeTimesFee" as const,
          label: "x",
          volumePerYear: volume,
          feePerUnit: D(l.fee + l.rise),
          currentFeePerUnit: D(l.fee),
          goLiveDate: l.goLive,
          endDate: l.end,
        };
  it("gives a later draw's figures exactly as a first run on its own does", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (lines, f) => {
          const valid = lines.filter((l) => l.end === undefined || l.end >= l.goLive);
          fc.pre(valid.length > 0);
          const first = valid.map((l) => itemOf(l, decimalOfNumber(l.volume)));
          // The draw keeps each line's fee Decimals (as a simulation's writer does) and redraws the volumes.
          const drawn = valid.map((l, k) => ({
            ...first[k],
            ...(l.amount
              ? { amountPerYear: decimalOfNumber(l.volume * f) }
              : { volumePerYear: decimalOfNumber(l.volume * f) }),
          }));
          const warm = { firstFy: 2026, lastFy: 2030, mtfsLastFy: 2029 };
          incomeStreamOn(numberCalculator, { id: "i", label: "x", items: first }, warm);
          const again = incomeStreamOn(numberCalculator, { id: "i", label: "x", items: drawn }, warm);
          const alone = incomeStreamOn(numberCalculator, { id: "i", label: "x", items: drawn }, { ...warm });
          expect(again).toEqual(alone);
        },
      ),
    );
  });
});
