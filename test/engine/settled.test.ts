import {
  Decimal,
  costSettledFy,
  existingLineSettledFy,
  firstWholeFyFrom,
  overlapSettledFy,
  dayNumber,
} from "../../src/engine";

const D = (x: number): Decimal => new Decimal(x);

describe("when inputs settle", () => {
  it("counts the first FY starting on or after a day", () => {
    expect(firstWholeFyFrom(D(dayNumber("2026-04-01")))).toBe(2026);
    expect(firstWholeFyFrom(D(dayNumber("2026-04-01")).plus(0.5))).toBe(2027);
    expect(firstWholeFyFrom(D(dayNumber("2027-03-31")))).toBe(2027);
  });

  it("settles an ongoing cost in the first whole FY after its start, or after its end date", () => {
    const cost = { kind: "ongoing", label: "x", amountPerYear: D(1), fromDate: "2026-12-01" } as const;
    expect(costSettledFy(cost)).toBe(2027);
    expect(costSettledFy({ ...cost, toDate: "2028-07-31" })).toBe(2029);
    // Ending on 31 March: the next FY is already whole at 0.
    expect(costSettledFy({ ...cost, toDate: "2029-03-31" })).toBe(2029);
  });

  it("settles a one-off the FY after it, a phased schedule after its last change, per-unit costs with their stream", () => {
    expect(costSettledFy({ kind: "oneOff", label: "x", amount: D(1), date: "2027-01-01" })).toBe(2027);
    const phased = (amounts: [number, number][]) =>
      costSettledFy({
        kind: "phased",
        label: "x",
        amountsByFy: amounts.map(([fy, a]) => ({ fy, amount: D(a) })),
      });
    expect(
      phased([
        [2026, 5],
        [2027, 5],
      ]),
    ).toBe(2028);
    expect(
      phased([
        [2026, 5],
        [2027, 0],
      ]),
    ).toBe(2027);
    expect(phased([[2028, 0]])).toBeUndefined();
    expect(
      phased([
        [2029, 3],
        [2027, 4],
      ]),
    ).toBe(2030);
    expect(costSettledFy({ kind: "perCase", label: "x", amountPerCasePerYear: D(1) })).toBeUndefined();
    expect(costSettledFy({ kind: "perEvent", label: "x", amountPerEvent: D(1) })).toBeUndefined();
  });

  it("settles an overlap from its first FY and an existing line after its last", () => {
    expect(
      overlapSettledFy({ kind: "amountPerYear", amountPerYear: D(1), capAtGross: true, fromFy: 2028 }),
    ).toBe(2028);
    expect(overlapSettledFy({ kind: "none" })).toBeUndefined();
    const line = { label: "AC21", amountPerYear: D(1), firstFy: 2026, treatment: "addedBack" } as const;
    expect(existingLineSettledFy(line)).toBe(2026);
    expect(existingLineSettledFy({ ...line, lastFy: 2028 })).toBe(2029);
  });
});
