import * as fc from "fast-check";
import { readFileSync } from "fs";
import { join } from "path";
import {
  Decimal,
  EngineError,
  edgeOfCare,
  edgeOfCarePeriod,
  edgeOfCareRollup,
  parseEdgeOfCareInput,
  parseEdgeOfCareSet,
  type EdgeOfCarePeriodResult,
  type EdgeOfCareResult,
} from "../../src/engine";

const example = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, "../../examples", name), "utf8"));
const run = (name: string): EdgeOfCareResult => edgeOfCare(parseEdgeOfCareInput(example(name)));

// Tolerances: the tables print money in whole £k and counts in whole children, so every computed figure
// must be within £1k (1,000) or one child of the printed one (DOMAIN.md §3, "exact to £1k or one child").
const K = 1000;
function expectK(actual: Decimal | undefined, printedK: number): void {
  expect(actual).toBeDefined();
  expect(
    actual!
      .minus(printedK * K)
      .abs()
      .toNumber(),
  ).toBeLessThanOrEqual(K);
}
function expectChildren(actual: Decimal, printed: number): void {
  expect(actual.minus(printed).abs().toNumber()).toBeLessThanOrEqual(1);
}
// % of target is printed in whole % from unrounded figures we do not have; rounding of the £k inputs moves
// the ratio by well under a point, so one percentage point.
function expectPercent(actual: Decimal | undefined, printedPercent: number): void {
  expect(actual).toBeDefined();
  expect(actual!.times(100).minus(printedPercent).abs().toNumber()).toBeLessThanOrEqual(1);
}

interface Printed {
  readonly cumulativeGrossK: number;
  readonly postDeflatorK: number;
  readonly netK?: number;
  readonly diversions: number;
  readonly inYearGrossK?: number;
  readonly inYearNetK?: number;
}
function expectPeriod(r: EdgeOfCarePeriodResult, p: Printed): void {
  expectK(r.cumulativeGross, p.cumulativeGrossK);
  expectK(r.postDeflatorCumulative, p.postDeflatorK);
  if (p.netK === undefined) expect(r.net).toBeUndefined();
  else expectK(r.net, p.netK);
  expectChildren(r.inYearDiversions, p.diversions);
  if (p.inYearGrossK !== undefined) expectK(r.inYearGross, p.inYearGrossK);
  if (p.inYearNetK !== undefined) expectK(r.inYearNet, p.inYearNetK);
}

describe("edge of care: MST standard (STD 1 and 2), Edge of Care report, Appendix Two", () => {
  const mst = run("edge-of-care-mst.json");

  it("reproduces 2018/19: 8,804k gross, 4,226k post-deflator, 3,518k net, 32 diverted, 1,147k / 439k in year", () => {
    expectPeriod(mst.periods[0], {
      cumulativeGrossK: 8804,
      postDeflatorK: 4226,
      netK: 3518,
      diversions: 32,
      inYearGrossK: 1147,
      inYearNetK: 439,
    });
  });

  it("reproduces 2019/20 (the printed 8,232k is 1k above 1,744 + 4,116 + 2,371 = 8,231k: £k rounding)", () => {
    expectPeriod(mst.periods[1], {
      cumulativeGrossK: 8232,
      postDeflatorK: 6009,
      netK: 5359,
      diversions: 41,
      inYearGrossK: 1273,
      inYearNetK: 623,
    });
  });

  it("reproduces 2020/21 YTD with the implied deflator 4,009 / 7,218", () => {
    expectPeriod(mst.periods[2], {
      cumulativeGrossK: 7218,
      postDeflatorK: 4009,
      netK: 3285,
      diversions: 19,
      inYearGrossK: 1420,
      inYearNetK: 696,
    });
  });

  it("records that the printed 'Current average' 56% deflator does not reproduce the YTD post-deflator figure", () => {
    const ytd = parseEdgeOfCareInput(example("edge-of-care-mst.json")).periods[2];
    const at56 = edgeOfCarePeriod({ ...ytd, deflator: { kind: "rate", value: new Decimal("0.56") } });
    expect(at56.postDeflatorCumulative.minus(4_009_000).abs().toNumber()).toBeGreaterThan(30_000);
  });

  it("reproduces the annual target: 6,529k gross, 2,938k post-deflator, 2,214k net, 38 diverted, 734k / 10k in year", () => {
    expectPeriod(mst.target!, {
      cumulativeGrossK: 6529,
      postDeflatorK: 2938,
      netK: 2214,
      diversions: 38,
      inYearGrossK: 734,
      inYearNetK: 10,
    });
  });

  it("in-year target is a quarter of the post-deflator cumulative target (2-year placements)", () => {
    expect(mst.target!.inYearGross.toNumber()).toBeCloseTo(
      mst.target!.postDeflatorCumulative.div(4).toNumber(),
      6,
    );
  });

  it("reproduces % of target for 2020/21 YTD: families 37%, diversions 50%, in-year gross 194%", () => {
    const pct = mst.periods[2].percentOfTarget!;
    expectPercent(pct.familiesStarted, 37);
    expectPercent(pct.inYearDiversions, 50);
    expectPercent(pct.inYearGross, 194);
  });

  it("year 2 savings are half the cumulative gross in every year (each child avoids a 2-year placement)", () => {
    const input = parseEdgeOfCareInput(example("edge-of-care-mst.json"));
    input.periods.forEach((p, i) =>
      expectK(mst.periods[i].cumulativeGross.div(2), p.savingsYear2.div(K).toNumber()),
    );
  });
});

describe("edge of care: FFT, Edge of Care report, Appendix Two", () => {
  const fft = run("edge-of-care-fft.json");

  it("reproduces 2018/19 and 2019/20 (no deflator): gross, net, diversions, in-year gross and net", () => {
    expectPeriod(fft.periods[0], {
      cumulativeGrossK: 3376,
      postDeflatorK: 3376,
      netK: 2891,
      diversions: 49,
      inYearGrossK: 693,
      inYearNetK: 208,
    });
    expectPeriod(fft.periods[1], {
      cumulativeGrossK: 5988,
      postDeflatorK: 5988,
      netK: 5542,
      diversions: 92,
      inYearGrossK: 1036,
      inYearNetK: 590,
    });
  });

  it("reproduces children per family 2.2, 1.8 and target 1.8 (printed to 1 dp, so within 0.05)", () => {
    const perFamily = [fft.periods[0], fft.periods[1], fft.target!].map((r) =>
      r.childrenPerFamily!.toNumber(),
    );
    [2.2, 1.8, 1.8].forEach((printed, i) =>
      expect(Math.abs(perFamily[i] - printed)).toBeLessThanOrEqual(0.05),
    );
  });

  it("leaves 2020/21 YTD net figures out because the intervention cost is blank", () => {
    expectPeriod(fft.periods[2], { cumulativeGrossK: 3910, postDeflatorK: 3910, diversions: 30 });
    expect(fft.periods[2].inYearNet).toBeUndefined();
  });

  it("reproduces the target: 6,782k gross, 6,298k net, 108 diverted, 1,696k / 1,212k in year", () => {
    expectPeriod(fft.target!, {
      cumulativeGrossK: 6782,
      postDeflatorK: 6782,
      netK: 6298,
      diversions: 108,
      inYearGrossK: 1696,
      inYearNetK: 1212,
    });
  });

  it("reproduces % of target (families 25%, children 22%, diversions 28%) and records the 93% misprint", () => {
    const pct = fft.periods[2].percentOfTarget!;
    expectPercent(pct.familiesStarted, 25);
    expectPercent(pct.childrenStarted, 22);
    expectPercent(pct.inYearDiversions, 28);
    // Printed "93%" of target for in-year gross; 1,421k / 1,696k = 84% (misprint, docs/discrepancies.md).
    expectPercent(pct.inYearGross, 84);
    expect(pct.inYearGross!.times(100).minus(93).abs().toNumber()).toBeGreaterThan(5);
  });
});

describe("edge of care: All programmes, Edge of Care report, Appendix Two", () => {
  const all = run("edge-of-care-all-programmes.json");
  const mst = run("edge-of-care-mst.json");

  it("cumulative gross is the sum of years 1-3 in every year (17,349k, 16,838k, 13,254k)", () => {
    expectK(all.periods[0].cumulativeGross, 17349);
    expectK(all.periods[1].cumulativeGross, 16838);
    expectK(all.periods[2].cumulativeGross, 13254);
  });

  it("year 2 is half the cumulative gross in 2019/20 and YTD (8,419k of 16,838k; 6,627k of 13,254k)", () => {
    expectK(all.periods[1].cumulativeGross.div(2), 8419);
    expectK(all.periods[2].cumulativeGross.div(2), 6627);
  });

  it("records that 2018/19 year 2 (8,667k) is 7.5k below half the cumulative (8,674.5k): from the withheld MST CAN part", () => {
    // MST (4,402 of 8,804) and FFT (1,688 of 3,376) hold exactly, so the gap lies in MST CAN (docs/discrepancies.md).
    expect(all.periods[0].cumulativeGross.div(2).minus(8_667_000).toNumber()).toBe(7_500);
  });

  it("net and in-year net follow from post-deflator figures less intervention cost", () => {
    const printed: readonly [number, number][] = [
      [10996, 994],
      [12770, 1167],
      [8069, 1650],
    ];
    printed.forEach(([netK, inYearNetK], i) => {
      expectK(all.periods[i].net, netK);
      expectK(all.periods[i].inYearNet, inYearNetK);
    });
    expectK(all.target!.net, 10359);
    expectK(all.target!.inYearNet, 1111);
    expectK(all.target!.cumulativeGross, 15922);
  });

  it("only MST standard is deflated: all-programmes gross − post-deflator equals MST's, every year and target", () => {
    const pairs = [
      ...all.periods.map((p, i) => [p, mst.periods[i]] as const),
      [all.target!, mst.target!] as const,
    ];
    for (const [a, m] of pairs) {
      const allLoss = a.cumulativeGross.minus(a.postDeflatorCumulative);
      const mstLoss = m.cumulativeGross.minus(m.postDeflatorCumulative);
      expect(allLoss.minus(mstLoss).abs().toNumber()).toBeLessThanOrEqual(2 * K);
    }
  });

  it("reproduces % of target for 2020/21 YTD: 34%, 34%, 81%, 43%, 118%, 149%", () => {
    const pct = all.periods[2].percentOfTarget!;
    expectPercent(pct.familiesStarted, 34);
    expectPercent(pct.childrenStarted, 34);
    expectPercent(pct.postDeflatorCumulative, 81);
    expectPercent(pct.inYearDiversions, 43);
    expectPercent(pct.inYearGross, 118);
    expectPercent(pct.inYearNet, 149);
  });
});

describe("edgeOfCareRollup", () => {
  const mst = run("edge-of-care-mst.json");
  const fft = run("edge-of-care-fft.json");
  const rolled = edgeOfCareRollup("MST standard + FFT", [mst, fft]);

  it("sums every programme's figures per period", () => {
    expect(rolled.periods[0].childrenStarted.toNumber()).toBe(77 + 62);
    expect(rolled.periods[0].cumulativeGross.toNumber()).toBe(8_804_000 + 3_376_000);
    expect(rolled.periods[0].postDeflatorCumulative.toNumber()).toBe(
      mst.periods[0].postDeflatorCumulative.plus(fft.periods[0].postDeflatorCumulative).toNumber(),
    );
  });

  it("weights the success rate by children started", () => {
    // (77 × 87% + 62 × 79%) / 139
    expect(rolled.periods[0].successRate.toNumber()).toBeCloseTo((77 * 0.87 + 62 * 0.79) / 139, 12);
  });

  it("leaves net out when any programme lacks an intervention cost (FFT YTD)", () => {
    expect(rolled.periods[2].net).toBeUndefined();
    expect(rolled.periods[2].interventionCost).toBeUndefined();
  });

  it("parses a set file with a roll-up name", () => {
    const set = parseEdgeOfCareSet(example("edge-of-care-mst-fft-rollup.json"));
    expect(set.rollup).toBe("MST standard + FFT");
    expect(set.programmes.map((p) => p.programme)).toEqual(["MST standard (STD 1 and 2)", "FFT"]);
  });

  it("property: roll-up totals equal the sum of parts, and the success rate lies between the parts'", () => {
    const money = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n));
    const count = fc.integer({ min: 1, max: 500 }).map((n) => new Decimal(n));
    const rate = fc.integer({ min: 0, max: 100 }).map((n) => new Decimal(n).div(100));
    const programme = fc
      .record({
        children: count,
        success: rate,
        deflator: rate,
        y1: money,
        y2: money,
        y3: money,
        cost: money,
      })
      .map((x): EdgeOfCareResult =>
        edgeOfCare({
          programme: "p",
          periods: [
            {
              kind: "actual",
              period: "Y",
              familiesStarted: x.children,
              childrenStarted: x.children,
              successRate: x.success,
              deflator: { kind: "rate", value: x.deflator },
              interventionCost: x.cost,
              savingsYear1: x.y1,
              savingsYear2: x.y2,
              savingsYear3: x.y3,
            },
          ],
        }),
      );
    fc.assert(
      fc.property(fc.array(programme, { minLength: 1, maxLength: 5 }), (ps) => {
        const r = edgeOfCareRollup("all", ps).periods[0];
        const sum = (f: (p: EdgeOfCarePeriodResult) => Decimal): Decimal =>
          ps.reduce((s, p) => s.plus(f(p.periods[0])), new Decimal(0));
        const rates = ps.map((p) => p.periods[0].successRate.toNumber());
        return (
          r.net!.eq(sum((p) => p.net!)) &&
          r.inYearGross.eq(sum((p) => p.inYearGross)) &&
          r.successRate.toNumber() >= Math.min(...rates) - 1e-12 &&
          r.successRate.toNumber() <= Math.max(...rates) + 1e-12 &&
          r.net!.eq(r.postDeflatorCumulative.minus(r.interventionCost!))
        );
      }),
    );
  });
});

describe("parseEdgeOfCareInput: errors", () => {
  const codeOf = (raw: unknown): string => {
    try {
      parseEdgeOfCareInput(raw);
    } catch (e) {
      if (e instanceof EngineError) return `${e.code} ${e.field}`;
      throw e;
    }
    return "no error";
  };
  const period = {
    period: "2018/19",
    familiesStarted: 1,
    childrenStarted: 1,
    successRate: "50%",
    savingsYear1: 1,
    savingsYear2: 1,
    savingsYear3: 1,
  };

  it("rejects a success rate above 100%", () => {
    expect(codeOf({ programme: "x", periods: [{ ...period, successRate: 1.2 }] })).toBe(
      "out-of-range periods[0].successRate",
    );
  });

  it("requires savings and names the missing field", () => {
    expect(codeOf({ programme: "x", periods: [{ ...period, savingsYear3: undefined }] })).toBe(
      "missing periods[0].savingsYear3",
    );
  });

  it("rejects text where a deflator was expected", () => {
    expect(codeOf({ programme: "x", periods: [{ ...period, targetingDeflator: "most" }] })).toBe(
      "invalid-type periods[0].targetingDeflator",
    );
  });
});
