import { readFileSync } from "fs";
import { join } from "path";
import {
  Decimal,
  decimalCalculator,
  numberCalculator,
  parseDemandModel,
  projectDemand,
  withLeverScale,
  type DemandModel,
  type DemandProjection,
} from "../../src/engine";

// The national report (seeds/002, "Financial impact of making these system shifts" and "Scaling the
// impacts"): its annual series are chart images, so each headline figure is checked within a tolerance
// stated beside it, with the reason. Misses are recorded in docs/discrepancies.md. The inputs are the
// stated ones plus values inferred from stated figures (see the example's "notes"); nothing is tuned here.

const example = (name: string): DemandModel =>
  parseDemandModel(JSON.parse(readFileSync(join(__dirname, "../../examples", name), "utf8")));
const national = example("national-children-in-care.json");
const council = example("national-children-in-care-500k.json");

const bn = (d: Decimal): number => d.div(1e9).toNumber();
const m = (d: Decimal): number => d.div(1e6).toNumber();
const last = (p: DemandProjection<Decimal>) => p.years[p.years.length - 1];
/** Asserts |actual − printed| <= tolerance × printed. */
const within = (actual: number, printed: number, tolerance: number): void => {
  expect(Math.abs(actual - printed)).toBeLessThanOrEqual(Math.abs(printed) * tolerance);
};
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("demand model: the national report's children-in-care figures", () => {
  const full = projectDemand(national, decimalCalculator);
  const half = projectDemand(withLeverScale(national, new Decimal(0.5)), decimalCalculator);
  const y2035 = last(full);
  const from2029 = full.years.filter((y) => y.year >= 2029 && y.year <= 2035);

  it("projects 2024/25 to 2035/36 with the stated base year", () => {
    expect(full.years.map((y) => y.label)).toEqual([
      "FY24/25",
      "FY25/26",
      "FY26/27",
      "FY27/28",
      "FY28/29",
      "FY29/30",
      "FY30/31",
      "FY31/32",
      "FY32/33",
      "FY33/34",
      "FY34/35",
      "FY35/36",
    ]);
    expect(bn(full.years[0].doNothing.spend)).toBeCloseTo(3.27, 6);
    expect(bn(full.years[0].budget)).toBeCloseTo(2.7, 6);
  });

  it("do-nothing: ~29,400 children and £4.74bn in 2035, budget ~£3.9bn", () => {
    // 1%: these are the trend the inputs were inferred from; spend on the average stock (our convention)
    // sits half a year's growth below the closing-stock figure they were derived with.
    within(y2035.doNothing.stock.toNumber(), 29_400, 0.01);
    within(bn(y2035.doNothing.spend), 4.74, 0.01);
    within(bn(y2035.budget), 3.9, 0.01);
  });

  it("do-nothing: cumulative overspend 2026 to 2035 of £7.3bn", () => {
    // 5%: the report's do-nothing line is a chart; its shape between the end points and its year window
    // are not stated (compound readings of 3.27→4.74 and 2.7→3.9 give 7.1 to 7.4). Model: 7.03.
    within(bn(full.cumulativeOverspendDoNothing), 7.3, 0.05);
  });

  it("levers: about 2,250 fewer entries and ~1,550 fewer exits a year from 2029", () => {
    // 1%: the 2,250 average is what the entries input was inferred from.
    within(mean(from2029.map((y) => y.doNothing.entries.minus(y.withImpact.entries).toNumber())), 2250, 0.01);
    // 5%: "reduces the magnitude of this reduction to ~1,550 children per year" (a rounded average). Model: 1,524.
    within(mean(from2029.map((y) => y.doNothing.exits.minus(y.withImpact.exits).toNumber())), 1550, 0.05);
  });

  it("full impact: £3.81bn in 2035, break-even in 2033 after £2.73bn overspend", () => {
    // 2.5%: the with-impact line depends on how the levers ramp within each year, which the report does not
    // state (we step them by whole years). Model: 3.753.
    within(bn(y2035.withImpact.spend), 3.81, 0.025);
    expect(full.breakEvenYear).toBe(2033);
    // 10%: a sum of small gaps between two close lines (0 to 0.5bn a year); moving either line by 1%
    // moves it by about £0.25bn. Model: 2.49.
    within(bn(full.overspendToBreakEven), 2.73, 0.1);
  });

  it("full impact: cumulative benefit ~£4.67bn, almost all cost avoidance", () => {
    // 5%: the benefit is the area between the two lines, so it inherits both lines' shape. Model: 4.83.
    within(bn(full.cumulativeBenefit), 4.67, 0.05);
    // "almost the entirety ... would represent cost avoidance rather than cashable savings".
    expect(bn(full.cumulativeCostAvoidance) / bn(full.cumulativeBenefit)).toBeGreaterThan(0.9);
    expect(full.cumulativeCashable.plus(full.cumulativeCostAvoidance).eq(full.cumulativeBenefit)).toBe(true);
  });

  it("half impact: £2.4bn benefit, £4.9bn overspend, still over budget in 2035", () => {
    // 5%: as the full benefit. Model: 2.44.
    within(bn(half.cumulativeBenefit), 2.4, 0.05);
    // 8%: the report's 4.9 is 7.3 − 2.4 (DOMAIN.md), so it inherits the do-nothing overspend's miss. Model: 4.59.
    within(bn(half.cumulativeOverspendWithImpact), 4.9, 0.08);
    expect(half.breakEvenYear).toBeUndefined();
    expect(last(half).withImpact.overspend.gt(0)).toBe(true);
  });
});

describe("demand model: the report's council of 500,000 people", () => {
  const national500 = projectDemand(national, decimalCalculator);
  const p = projectDemand(council, decimalCalculator);
  const factor = council.scale;

  it("scales every money and volume figure pro rata and keeps the break-even year", () => {
    expect(p.breakEvenYear).toBe(national500.breakEvenYear);
    p.years.forEach((y, i) => {
      const n = national500.years[i];
      expect(y.withImpact.spend.minus(n.withImpact.spend.times(factor)).abs().lt(1e-9)).toBe(true);
      expect(y.doNothing.stock.minus(n.doNothing.stock.times(factor)).abs().lt(1e-12)).toBe(true);
      expect(y.budget.minus(n.budget.times(factor)).abs().lt(1e-9)).toBe(true);
    });
  });

  it("£60m now, £88m by 2035 do-nothing, £71m with impact, £86m benefit, £10m overspend, £50m to break-even", () => {
    // The population (27.25m) is inferred from £60m, so 1% there; the others carry the national misses
    // (tolerances as above, widened by the £1m rounding of figures this small).
    within(m(p.years[0].doNothing.spend), 60, 0.01);
    within(m(last(p).doNothing.spend), 88, 0.03);
    within(m(last(p).withImpact.spend), 71, 0.04);
    within(m(p.cumulativeBenefit), 86, 0.05);
    within(m(p.years[0].doNothing.overspend), 10, 0.1);
    within(m(p.overspendToBreakEven), 50, 0.1);
    expect(p.breakEvenYear).toBe(2033);
  });
});

describe("demand model: the two number backends", () => {
  it("float64 agrees with Decimal on the national example to 1e-9 relative", () => {
    const d = projectDemand(national, decimalCalculator);
    const f = projectDemand(national, numberCalculator);
    d.years.forEach((y, i) => {
      const rel = (a: number, b: Decimal): number =>
        Math.abs(a - b.toNumber()) / Math.max(1, b.abs().toNumber());
      expect(rel(f.years[i].withImpact.spend, y.withImpact.spend)).toBeLessThan(1e-9);
      expect(rel(f.years[i].cumulativeBenefit, y.cumulativeBenefit)).toBeLessThan(1e-9);
    });
    expect(f.breakEvenYear).toBe(d.breakEvenYear);
  });
});

describe("demand model: conventions", () => {
  it("the stock exit basis raises the exit rate on the stock with impact", () => {
    const stockBasis: DemandModel = { ...national, levers: { ...national.levers, exitBasis: "stock" } };
    const a = projectDemand(stockBasis, decimalCalculator);
    const b = projectDemand(national, decimalCalculator);
    // A rate lever's extra exits shrink as its own stock shrinks, so it saves less than the trend basis.
    expect(a.cumulativeBenefit.lt(b.cumulativeBenefit)).toBe(true);
    expect(a.cumulativeBenefit.gt(0)).toBe(true);
  });

  it("closing-stock spend reproduces the do-nothing end point the inputs were derived from", () => {
    const closing = projectDemand({ ...national, spendBasis: "closingStock" }, decimalCalculator);
    within(bn(last(closing).doNothing.spend), 4.74, 0.001);
  });
});

describe("a lever scaled past every entry", () => {
  it("stops with-impact entries at none, so the stock never goes negative", () => {
    const strong = withLeverScale(
      { ...national, levers: { ...national.levers, entriesChange: new Decimal(-0.5) } },
      new Decimal(4),
    );
    const p = projectDemand(strong, decimalCalculator);
    for (const y of p.years) {
      expect(y.withImpact.entries.toNumber()).toBeGreaterThanOrEqual(0);
      expect(y.withImpact.stock.toNumber()).toBeGreaterThanOrEqual(0);
    }
  });
});
