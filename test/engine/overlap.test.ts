import { Decimal, effectiveDurationWeeks, overlapInFy } from "../../src/engine";

const D = (x: number | string): Decimal => new Decimal(x);

describe("MTFS overlap", () => {
  const octx = {
    fy: 2027,
    gross: D(122000),
    caseloadReduction: D(2),
    periodsPerYear: D(52.18),
    inflationPerYear: D(0.04),
    priceBaseFy: 2026,
    firstFy: 2026,
  };
  it("caps a fixed amount at gross so it never creates a cost", () => {
    const o = { kind: "amountPerYear", amountPerYear: D(390000), capAtGross: true } as const;
    expect(overlapInFy(o, octx).toNumber()).toBe(122000);
    expect(overlapInFy(o, { ...octx, gross: D(-5) }).toNumber()).toBe(0);
    expect(overlapInFy({ ...o, capAtGross: false }, octx).toNumber()).toBe(390000);
  });

  it("scales a per-week overlap with the caseload and inflation", () => {
    const o = { kind: "amountPerWeek", amountPerWeek: D(149) } as const;
    expect(overlapInFy(o, octx).toNumber()).toBeCloseTo(149 * 1.04 * 52.18 * 2, 9);
  });

  it("shortens the duration for a weeks-of-duration overlap", () => {
    expect(effectiveDurationWeeks(D(157.5), { kind: "weeksOfDuration", weeks: D(4.4) }).toNumber()).toBe(
      153.1,
    );
    expect(overlapInFy({ kind: "weeksOfDuration", weeks: D(4.4) }, octx).isZero()).toBe(true);
  });
});
