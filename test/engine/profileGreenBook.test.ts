import { readFileSync } from "fs";
import { join } from "path";
import {
  Decimal,
  computeProfile,
  flatDeflatorIndex,
  flatSchedule,
  greenBookView,
  parseProposal,
  paybackCrossings,
  profileFlows,
  profileGreenBook,
  riskAdjustedProfile,
  type Confidence,
} from "../../src/engine";

/** A profile's Green Book view and risk-adjusted row, on every proposal example. */

const EXAMPLES = [
  "cfs-targeted-prevention.json",
  "family-based-placements.json",
  "independent-travel-training.json",
];
const profileOf = (name: string) =>
  computeProfile(
    parseProposal(JSON.parse(readFileSync(join(__dirname, "../../examples", name), "utf8"))).assumptions
      .cohort!,
  );
const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((s, x) => s.plus(x), new Decimal(0));

describe.each(EXAMPLES)("%s", (name) => {
  const profile = profileOf(name);

  it("splits the MTFS row into benefits and costs", () => {
    const { benefits, costs } = profileFlows(profile);
    profile.years.forEach((y, t) => expect(benefits[t].minus(costs[t]).eq(y.mtfsImpact)).toBe(true));
  });

  it("has an NPV at 0% and no deflator equal to the sum of the MTFS row", () => {
    const view = profileGreenBook(profile, flatSchedule(0));
    // Equal to 40 significant digits (Σb − Σc and Σ(b − c) round differently in the last digit).
    expect(
      view.npv
        .minus(sum(profile.years.map((y) => y.mtfsImpact)))
        .abs()
        .lt(1e-20),
    ).toBe(true);
  });

  it("carries the cash flows, each year's PVs and their running total, adding up to the NPV", () => {
    const { benefits, costs } = profileFlows(profile);
    const index = flatDeflatorIndex(profile.years.length, 0.02);
    const view = profileGreenBook(profile, undefined, index);
    const close = (a: Decimal, b: Decimal) => expect(a.minus(b).abs().toNumber()).toBeLessThan(1e-20);
    let running = new Decimal(0);
    view.years.forEach((y, t) => {
      expect(y.cashBenefits.eq(benefits[t])).toBe(true);
      expect(y.cashCosts.eq(costs[t])).toBe(true);
      // Independent of the engine: real = cash ÷ 1.02^t, discounted by 1.035^t.
      const factor = new Decimal(1.02).pow(t).times(new Decimal(1.035).pow(t));
      close(y.pvBenefits, benefits[t].div(factor));
      close(y.pvCosts, costs[t].div(factor));
      close(y.pvBenefits.minus(y.pvCosts), y.presentValue);
      running = running.plus(y.presentValue);
      close(y.cumulativePresentValue, running);
    });
    close(view.pvBenefits, sum(view.years.map((y) => y.pvBenefits)));
    close(view.pvCosts, sum(view.years.map((y) => y.pvCosts)));
    close(view.pvBenefits.minus(view.pvCosts), view.npv);
    close(view.years[view.years.length - 1].cumulativePresentValue, view.npv);
  });

  it("has a lower NPV in real prices than in cash when the deflator is positive and benefits grow", () => {
    const cash = profileGreenBook(profile);
    const real = profileGreenBook(profile, undefined, flatDeflatorIndex(profile.years.length, 0.02));
    expect(real.npv.lt(cash.npv)).toBe(true);
    expect(real.years[0].benefits.eq(cash.years[0].benefits)).toBe(true);
  });

  it.each<Confidence>(["High", "Medium", "Low", 1, 6])(
    "never puts the %s risk-adjusted row above the MTFS row",
    (c) => {
      riskAdjustedProfile(profile, c).years.forEach((y) =>
        expect(y.riskAdjusted.lte(y.mtfsImpact)).toBe(true),
      );
    },
  );
});

describe("greenBookView and paybackCrossings", () => {
  it("views summed flows as profileGreenBook views one profile's, and finds the payback's crossing year", () => {
    const a = profileOf(EXAMPLES[0]);
    const b = profileOf(EXAMPLES[1]);
    const index = flatDeflatorIndex(a.years.length, 0.02);
    const fa = profileFlows(a);
    const fb = profileFlows(b);
    const summed = greenBookView(
      a.years,
      fa.benefits.map((x, i) => x.plus(fb.benefits[i] ?? 0)),
      fa.costs.map((x, i) => x.plus(fb.costs[i] ?? 0)),
      undefined,
      index,
    );
    const own = (p: typeof a) => profileGreenBook(p, undefined, index).npv;
    // NPV is linear in the flows: the view of the sum is the sum of the views (same years, same index).
    expect(a.years.map((y) => y.label)).toEqual(b.years.map((y) => y.label));
    expect(
      summed.npv
        .minus(own(a).plus(own(b)))
        .abs()
        .toNumber(),
    ).toBeLessThan(1e-9);
    const crossings = paybackCrossings(summed.years.map((y) => y.presentValue));
    const first = crossings.find((x) => x !== undefined);
    const payback = summed.discountedPayback;
    expect(payback.kind === "paysBack" ? payback.years.toString() : undefined).toBe(first?.toString());
    expect(paybackCrossings([new Decimal(-50), new Decimal(100)]).map(String)).toEqual(["undefined", "1.5"]);
  });
});
