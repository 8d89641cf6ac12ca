import fc from "fast-check";
import {
  Decimal,
  decimalCalculator,
  numberCalculator,
  parseProposal,
  type Calculator,
} from "../../src/engine";
import { cohortModelOn, cohortStreamOn, cohortStreamScratch } from "../../src/engine/cohortStream";
import type { StreamProfile } from "../../src/engine/stream";
import { fyStartDay } from "../../src/engine/fiscalYear";
import { annualSavingOn } from "../../src/engine/unitCost";
import type { Horizon, ProfileInput, UnitCost } from "../../src/engine/types";
import { readExample } from "./examples";

const cohortOf = (name: string): ProfileInput => parseProposal(readExample(name)).assumptions.cohort!;
const itt = cohortOf("independent-travel-training.json");
const cfs = cohortOf("cfs-targeted-prevention.json");

describe("the savings a cohort stream remembers per unit cost", () => {
  // cohortStream.ts remembers each unit cost's savings (its parts' functions and their figures per FY): a unit
  // cost written afresh (as a draw writes one) or another horizon is priced anew, never from another's figures.
  const gross = <T>(calc: Calculator<T>, input: ProfileInput, horizon: Horizon): string[] =>
    cohortStreamOn(calc, input, horizon).years.map((y) => String(y.gross));
  // The same FYs priced from the unit cost directly (annualSavingOn remembers nothing).
  const expected = <T>(calc: Calculator<T>, input: ProfileInput, horizon: Horizon): string[] => {
    const model = cohortModelOn(calc, input, horizon);
    const bounds: T[] = [];
    for (let fy = horizon.firstFy; fy <= horizon.lastFy + 1; fy++)
      bounds.push(calc.fromNumber(fyStartDay(fy)));
    const components = input.unitCost.components ?? [];
    const savings = components.length
      ? components.map((c) => annualSavingOn(calc, input.unitCost, c))
      : [annualSavingOn(calc, input.unitCost)];
    const caseloads = model.parts.map((p) => model.averageOf(p.flow, bounds));
    return bounds.slice(1).map((_, i) => {
      let sum = calc.zero;
      for (let k = 0; k < savings.length; k++)
        sum = calc.add(sum, calc.multiply(caseloads[k][i], savings[k](horizon.firstFy + i)));
      return String(sum);
    });
  };
  const withCost = (input: ProfileInput, scale: number): ProfileInput => {
    const u = input.unitCost;
    const unitCost: UnitCost = u.components
      ? { ...u, components: u.components.map((c) => ({ ...c, costPerPeriod: c.costPerPeriod.times(scale) })) }
      : { ...u, weeklyCost: u.weeklyCost.times(scale) };
    return { ...input, unitCost };
  };

  it("prices fresh unit costs and other horizons anew, on both backends (property)", () => {
    const base = [itt, cfs];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            which: fc.integer({ min: 0, max: 1 }),
            scale: fc.constantFrom(1, 0.5, 2, 3),
            fresh: fc.boolean(),
            lastFy: fc.integer({ min: 2029, max: 2033 }),
            calc: fc.constantFrom(decimalCalculator, numberCalculator) as fc.Arbitrary<Calculator<unknown>>,
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (calls) => {
          // Unit costs kept to be seen again, and fresh copies (more than the ring keeps).
          const kept = base.map((b) => [1, 0.5, 2, 3].map((s) => withCost(b, s)));
          for (const c of calls) {
            const stored = kept[c.which][[1, 0.5, 2, 3].indexOf(c.scale)];
            const input = c.fresh ? withCost(base[c.which], c.scale) : stored;
            const horizon = { ...input.horizon, lastFy: c.lastFy, mtfsLastFy: Math.min(c.lastFy, 2029) };
            expect(gross(c.calc, input, horizon)).toEqual(expected(c.calc, input, horizon));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("gives a unit cost's figures after another's, digit for digit", () => {
    const h = itt.horizon;
    const first = gross(decimalCalculator, itt, h);
    gross(decimalCalculator, withCost(itt, 2), h);
    expect(gross(decimalCalculator, itt, h)).toEqual(first);
    expect(first.map((x) => new Decimal(x).gt(0))).toContain(true);
  });
});

describe("a cohort stream made with a scratch (cohortStreamScratch)", () => {
  const figures = (s: StreamProfile<number>): unknown =>
    s.years.map((y) => ({ fy: y.fy, gross: y.gross, atBase: y.grossAtPriceBase, measures: [...y.measures] }));
  const moved = (input: ProfileInput, target: number, weekly: number, lead: number): ProfileInput => ({
    ...input,
    target: { ...input.target, value: new Decimal(input.target.value.toNumber() * target) },
    unitCost: { ...input.unitCost, weeklyCost: new Decimal(input.unitCost.weeklyCost.toNumber() * weekly) },
    timeline: { ...input.timeline, leadWeeks: new Decimal(input.timeline.leadWeeks.toNumber() + lead) },
  });

  it("has each call's figures as a fresh stream has them, its records rewritten by the next call", () => {
    const scratch = cohortStreamScratch();
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(cfs, itt),
            fc.double({ min: 0.5, max: 1.5, noNaN: true }),
            fc.double({ min: 0.5, max: 1.5, noNaN: true }),
            fc.integer({ min: 0, max: 20 }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        (draws) => {
          for (const [input, target, weekly, lead] of draws) {
            const x = moved(input, target, weekly, lead);
            const fresh = cohortStreamOn(numberCalculator, x, x.horizon);
            const kept = cohortStreamOn(numberCalculator, x, x.horizon, undefined, scratch);
            expect(figures(kept)).toEqual(figures(fresh));
            expect(kept.settledFy).toBe(fresh.settledFy);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it("keeps its records from call to call only for the same horizon and unit", () => {
    const scratch = cohortStreamScratch();
    const first = cohortStreamOn(numberCalculator, cfs, cfs.horizon, undefined, scratch);
    const again = cohortStreamOn(numberCalculator, cfs, cfs.horizon, undefined, scratch);
    expect(again.years[0]).toBe(first.years[0]);
    const shorter = { ...cfs.horizon, lastFy: cfs.horizon.lastFy - 1 };
    const other = cohortStreamOn(numberCalculator, cfs, shorter, undefined, scratch);
    expect(other.years).toHaveLength(first.years.length - 1);
    expect(other.years[0]).not.toBe(first.years[0]);
  });
});
