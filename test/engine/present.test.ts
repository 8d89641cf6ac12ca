import * as fc from "fast-check";
import {
  Decimal,
  benefitCostRatioText,
  discountedPaybackText,
  reachesPlanFrom,
  greenBookNothingToPayBack,
  greenBookView,
  payback,
  scenarioPaybackText,
  yearsText,
  formatMillions,
  formatMoney,
  formatWithContingency,
  moneyScale,
  moneyUnitsText,
  formatPercent,
  formatPercentChange,
  formatSlippage,
  formatThousands,
  formatWhole,
  formatWholeRange,
  toMillions,
  toPounds,
  PAYBACK_DECIMALS,
  paybackYearsText,
} from "../../src/engine";

describe("present", () => {
  it("prints £m with 2 dp and a leading minus as the proposal template does", () => {
    expect(formatMillions(-500_000)).toBe("-£0.50m");
    expect(formatMillions(1_123_456)).toBe("£1.12m");
    expect(formatMillions(3_300_000, 1)).toBe("£3.3m");
    expect(formatMillions(12_345_678_901)).toBe("£12,345.68m");
  });

  it("never shows a minus sign on a value that rounds to zero", () => {
    expect(formatMillions(-1)).toBe("£0.00m");
    expect(toMillions(-1)).toBe(0);
    expect(Object.is(toMillions(-1), -0)).toBe(false);
    expect(formatThousands(-400)).toBe("£0k");
  });

  it("rounds half away from zero, as Excel's ROUND does", () => {
    expect(toMillions(5_000, 2)).toBe(0.01);
    expect(toMillions(-5_000, 2)).toBe(-0.01);
    expect(toPounds("1234.565")).toBe(1234.57);
    expect(formatWhole(191.5)).toBe("192");
  });

  it("prints £k, percentages, whole numbers and triangulation ranges", () => {
    expect(formatThousands(4_225_920)).toBe("£4,226k");
    expect(formatPercent(0.3654)).toBe("37%");
    expect(formatPercent(0.157, 1)).toBe("15.7%");
    expect(formatWhole(4935.6)).toBe("4,936");
    expect(formatWholeRange({ low: new Decimal(106), high: new Decimal(138) })).toBe("106 – 138");
    expect(formatPercentChange({ kind: "range", from: new Decimal(-0.09), to: new Decimal(-0.3) })).toBe(
      "-9% to -30%",
    );
    expect(formatPercentChange({ kind: "point", value: new Decimal(0.157) })).toBe("15.7%");
  });

  it("property: the £m text and number agree, and differ from the exact value by at most half a unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 3 }), (pence, dp) => {
        const pounds = new Decimal(pence).div(100);
        const n = toMillions(pounds, dp);
        const text = formatMillions(pounds, dp).replace("£", "").replace("m", "").replace(/,/g, "");
        const half = new Decimal(10).pow(-dp).div(2);
        return Number(text) === n && new Decimal(n).minus(pounds.div(1e6)).abs().lte(half);
      }),
    );
  });

  it("words slippage as a size ahead of or behind the plan, never a negative number of months ahead", () => {
    expect(formatSlippage(new Decimal(-4.6))).toBe("4.6 months ahead of the plan");
    expect(formatSlippage(new Decimal(2.25))).toBe("2.3 months behind the plan");
    expect(formatSlippage(new Decimal(0.01))).toBe("on the plan");
    expect(formatSlippage(undefined)).toBe("the plan does not reach the actual level within the horizon");
  });

  it("says 1 year in the singular and every other number of years in the plural", () => {
    expect(yearsText(new Decimal(1))).toBe("1 year");
    expect(yearsText("1.0")).toBe("1.0 year");
    expect(yearsText(new Decimal(0))).toBe("0 years");
    expect(yearsText(new Decimal(1.5))).toBe("1.5 years");
  });

  it("words the Green Book ratio and payback alike everywhere, n/a when nothing costs", () => {
    const years = [0, 1, 2].map((fy) => ({ fy, label: `FY${fy}` }));
    const d = (xs: number[]) => xs.map((x) => new Decimal(x));
    const noCosts = greenBookView(years, d([100, 100, 100]), d([0, 0, 0]));
    expect([benefitCostRatioText(noCosts), discountedPaybackText(noCosts)]).toEqual([
      "n/a (no costs)",
      "n/a (no costs)",
    ]);
    const paysBack = greenBookView(years, d([0, 100, 100]), d([150, 0, 0]));
    expect(discountedPaybackText(paysBack)).toMatch(/^\d+(\.\d)? years?$/);
    const never = greenBookView(years, d([0, 1, 1]), d([150, 0, 0]));
    expect(discountedPaybackText(never, "FY2")).toBe("not within FY2");
  });

  it("keeps the payback of a Green Book view without costs whose running NPV dips first (nothingToPayBack)", () => {
    const years = [0, 1, 2].map((fy) => ({ fy, label: `FY${fy}` }));
    const d = (xs: number[]) => xs.map((x) => new Decimal(x));
    const noCosts = greenBookView(years, d([100, 100, 100]), d([0, 0, 0]));
    expect(greenBookNothingToPayBack(noCosts)).toBe(true);
    // A negative first year (benefits below zero, no costs): there is a deficit to recover.
    const dips = greenBookView(years, d([-100, 60, 60]), d([0, 0, 0]));
    expect(greenBookNothingToPayBack(dips)).toBe(false);
    expect(discountedPaybackText(dips)).toMatch(/^\d(\.\d)? years$/);
    const sinks = greenBookView(years, d([-100, 1, 1]), d([0, 0, 0]));
    expect(discountedPaybackText(sinks, "FY2")).toBe("not within FY2");
    // Costs, and year 0 already covers them: a payback, within year 0, not "no costs".
    const atOnce = greenBookView(years, d([200, 100, 100]), d([150, 0, 0]));
    expect(greenBookNothingToPayBack(atOnce)).toBe(false);
  });

  it("words a scenario's payback n/a when it has no implementation cost, as the Green Book payback", () => {
    const d = (xs: number[]) => xs.map((x) => new Decimal(x));
    const years = [0, 1, 2].map((fy) => ({ fy, label: `FY${fy}` }));
    const free = { payback: payback(d([0, 0, 0]), d([1, 2, 3])), implementationCost: new Decimal(0) };
    // The engine's payback of a never-negative cashflow is 0 years; in words there is nothing to pay back.
    expect(free.payback).toMatchObject({ kind: "paysBack" });
    expect(scenarioPaybackText(free, "FY0–FY2")).toBe(
      discountedPaybackText(greenBookView(years, d([1, 2, 3]), d([0, 0, 0]))),
    );
    const costed = { payback: payback(d([10, 0, 0]), d([0, 5, 10])), implementationCost: new Decimal(10) };
    expect(scenarioPaybackText(costed, "FY0–FY2")).toBe("2.5 years");
    const never = { payback: payback(d([10, 0, 0]), d([0, 1, 1])), implementationCost: new Decimal(10) };
    expect(scenarioPaybackText(never, "FY0–FY2")).toBe("not within FY0–FY2");
    // No implementation cost, but the programme's own profile dips first: there is a payback to show.
    const dip = { payback: payback(d([0, 0, 0]), d([-10, 5, 10])), implementationCost: new Decimal(0) };
    expect(scenarioPaybackText(dip, "FY0–FY2")).toBe("2.5 years");
  });

  it("words a Green Book and a scenario payback by one rule, to one decimal place as the reports do ('2.5 years')", () => {
    const d = (xs: number[]) => xs.map((x) => new Decimal(x));
    const years = [0, 1, 2, 3].map((fy) => ({ fy, label: `FY${fy}` }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }), (cost, later) => {
        // Year 0 costs `cost`, year 1 brings half of it, then `later` a year: a payback within the years or none.
        const view = greenBookView(years, d([0, cost / 2, later, later]), d([cost, 0, 0, 0]));
        const pb = view.discountedPayback;
        if (pb.kind !== "paysBack") return;
        const scenario = { payback: pb, implementationCost: new Decimal(cost) };
        const text = discountedPaybackText(view);
        if (text === "within year 0") return;
        expect(scenarioPaybackText(scenario, "FY0–FY3")).toBe(text);
        expect(text).toMatch(/^\d+(\.\d+)? years?$/);
        // Rounded to PAYBACK_DECIMALS: within half a step of the engine's years, and no more decimals than that.
        const shown = text.split(" ")[0];
        expect(Math.abs(Number(shown) - pb.years.toNumber())).toBeLessThanOrEqual(
          0.5 * 10 ** -PAYBACK_DECIMALS,
        );
        expect((shown.split(".")[1] ?? "").length).toBeLessThanOrEqual(PAYBACK_DECIMALS);
      }),
    );
    expect(paybackYearsText(new Decimal(2.4567))).toBe("2.5 years");
    expect(paybackYearsText(new Decimal(1.02))).toBe("1 year");
  });

  it("says a payback of 0 as within year 0, not '0 years' (year 0's benefits already cover its costs)", () => {
    const years = [0, 1].map((fy) => ({ fy, label: `FY${fy}` }));
    const d = (xs: number[]) => xs.map((x) => new Decimal(x));
    const atOnce = greenBookView(years, d([200, 100]), d([150, 0]));
    expect(discountedPaybackText(atOnce)).toBe("within year 0");
  });
  it("shows a figure below £0.1m in £k, so the P-values of Independent Travel Training's FY26/27 differ", () => {
    // Its Monte Carlo spread (−£54.5k to −£52.4k) printed as −£0.05m four times beside P(≥ plan) of 51%.
    expect([-54_512, -53_140, -52_390].map((x) => formatMoney(x))).toEqual(["-£54.5k", "-£53.1k", "-£52.4k"]);
    expect([-54_512, -52_390].map((x) => formatMillions(x))).toEqual(["-£0.05m", "-£0.05m"]);
    expect(formatMoney(-1_200)).toBe("-£1.2k");
    expect(formatMoney(99_949)).toBe("£99.9k");
    expect(formatMoney(100_000)).toBe("£0.10m");
    expect(formatMoney(-1_104_080)).toBe("-£1.10m");
    // Nothing to show in £k either: zero, with no minus sign, read as a zero cell shows it (was "£0.00m").
    expect([0, -20, 20, -49.9].map((x) => formatMoney(x))).toEqual(["-", "-", "-", "-"]);
    expect([0, -49.9, -50, 99_999.99, 100_000].map((x) => moneyScale(x))).toEqual([
      "zero",
      "zero",
      "k",
      "k",
      "m",
    ]);
  });

  it("formatMoney tells apart any two figures below £0.1m that differ by £100 or more", () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_800, max: 99_800 }), fc.integer({ min: 100, max: 5_000 }), (a, d) => {
        const b = a + d;
        fc.pre(Math.abs(b) < 100_000);
        expect(formatMoney(a)).not.toBe(formatMoney(b));
      }),
    );
  });

  it("words a figure and its contingency each in its own scale, so a contingency of £3.8k is not '£0.00m'", () => {
    expect(formatWithContingency(-1_500_000, 3_800)).toBe("-£1.50m (£3.8k)");
    expect(formatWithContingency(530_000, 130_000)).toBe("£0.53m (£0.13m)");
    expect(formatWithContingency(-500_000, 0)).toBe("-£0.50m (-)");
    expect(formatWithContingency(-500_000, undefined)).toBe("-£0.50m");
  });

  it("property: a table's unit says £k exactly when one of its figures shows in £k", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5_000_000, max: 5_000_000 }), { maxLength: 8 }), (xs) => {
        const anyK = xs.some((x) => formatMoney(x).endsWith("k"));
        expect(moneyUnitsText(xs)).toBe(anyK ? "£m, or £k below £0.1m" : "£m");
      }),
    );
  });
  it("counts a figure that reads as the plan as reaching it, and nothing that reads below (property)", () => {
    const pounds = fc.double({ min: -5e7, max: 5e7, noNaN: true });
    fc.assert(
      fc.property(pounds, fc.double({ min: -2e4, max: 2e4, noNaN: true }), (plan, delta) => {
        const v = plan + delta;
        const from = reachesPlanFrom(plan);
        if (formatMoney(v) === formatMoney(plan)) expect(v).toBeGreaterThanOrEqual(from);
        // Below the threshold by more than float noise: it reads as a lower figure than the plan.
        if (v < from - 1e-6) expect(formatMoney(v)).not.toBe(formatMoney(plan));
      }),
    );
    expect([reachesPlanFrom(1_020_566.64), reachesPlanFrom(-53_612), reachesPlanFrom(0)]).toEqual([
      1_015_000, -53_650, -50,
    ]);
  });
});
