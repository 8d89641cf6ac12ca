import fc from "fast-check";
import {
  Decimal,
  decimalCalculator,
  numberCalculator,
  parseDemandModel,
  projectDemand,
} from "../../src/engine";

/**
 * A model run by month (step "month"): a month's entries are the year's ÷ 12 and its exits the exit rate ÷ 12
 * × the month's opening stock. The limit in which it agrees with the yearly model: with entries and the exit
 * rate held, both have the same steady stock, entries ÷ exit rate (a stock there stays there, month by month
 * and year by year), and from any other stock both converge to it; on the way the months let a year's entries
 * leave in the same year: the distance from steady state shrinks by (1 − r/12)^12 a year instead of (1 − r), and
 * 0 ≤ (1 − r/12)^12 − (1 − r) ≤ e^−r − (1 − r) ≤ r²/2, so in year t the stocks differ by at most
 * t × r²/2 × the starting distance (0 as r → 0, and both reach the same steady state as t grows).
 */
const base = {
  name: "monthly",
  baseYear: 2024,
  endYear: 2084,
  entries: 1200,
  exitRate: 0.4,
  unitCost: 50_000,
  budget: 100_000_000,
};
const run = (extra: Record<string, unknown>) =>
  projectDemand(parseDemandModel({ ...base, ...extra }), decimalCalculator).years;

describe("a demand model by month", () => {
  it("keeps a steady stock steady, and spends as the yearly model does on it", () => {
    const steady = { stock: 3000 }; // 1200 / 0.4
    const yearly = run(steady);
    const monthly = run({ ...steady, step: "month" });
    for (const [y, m] of yearly.map((y, i) => [y, monthly[i]] as const)) {
      expect(m.doNothing.stock.toFixed(9)).toBe("3000.000000000");
      expect(m.doNothing.stock.toFixed(9)).toBe(y.doNothing.stock.toFixed(9));
      expect(m.doNothing.spend.toFixed(6)).toBe(y.doNothing.spend.toFixed(6));
      expect(m.doNothing.entries.toFixed(9)).toBe(y.doNothing.entries.toFixed(9));
    }
  });

  it("converges to the same stock from elsewhere, and lists twelve months a year", () => {
    const yearly = run({ stock: 5000 });
    const p = projectDemand(parseDemandModel({ ...base, stock: 5000, step: "month" }), decimalCalculator);
    const last = p.years.length - 1;
    expect(p.years[last].doNothing.stock.minus(yearly[last].doNothing.stock).abs().toNumber()).toBeLessThan(
      1e-6,
    );
    expect(p.months).toHaveLength(12 * (base.endYear - base.baseYear));
    expect(p.months?.[0]).toMatchObject({ year: 2025, month: 1 });
    // A year's figures are its months' sums (entries, exits, spend) and its last month's stock.
    const months2025 = p.months!.filter((m) => m.year === 2025);
    const sum = (f: (m: (typeof months2025)[number]) => Decimal) =>
      months2025.reduce((s, m) => s.plus(f(m)), new Decimal(0)).toFixed(6);
    expect(sum((m) => m.doNothing.exits)).toBe(p.years[1].doNothing.exits.toFixed(6));
    expect(sum((m) => m.withImpact.spend)).toBe(p.years[1].withImpact.spend.toFixed(6));
    expect(months2025[11].doNothing.stock.toFixed(9)).toBe(p.years[1].doNothing.stock.toFixed(9));
  });

  it("differs from the yearly model in year t by at most t × (exit rate)² / 2 × the distance from steady state", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        fc.double({ min: 0, max: 5_000, noNaN: true }),
        (exitRate, stock, entries) => {
          const m = { ...base, endYear: 2034, exitRate, stock, entries };
          const y = projectDemand(parseDemandModel(m), numberCalculator).years;
          const mo = projectDemand(parseDemandModel({ ...m, step: "month" }), numberCalculator).years;
          const gap0 = Math.abs(stock - entries / exitRate);
          for (let i = 1; i < y.length; i++) {
            const gap = Math.abs(mo[i].doNothing.stock - y[i].doNothing.stock);
            const bound = ((i * exitRate * exitRate) / 2) * gap0;
            expect(gap).toBeLessThanOrEqual(bound * (1 + 1e-9) + 1e-9 * (1 + stock + entries));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
