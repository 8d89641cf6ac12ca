import fc from "fast-check";
import {
  Decimal,
  decimalCalculator,
  fyStartDay,
  numberCalculator,
  type Calculator,
  type Timeline,
} from "../../src/engine";
import { flowMath } from "../../src/engine/flow";
import { stockFlowMath, type CumulativeFlow } from "../../src/engine/stockFlow";
import { rampPiecesOn, resolveTimelineOn } from "../../src/engine/timeline";

/*
 * The flow remembers its cut points and ramp shares per resolved timeline and end day, and a cohort's reach is
 * found without storing the pieces it sweeps: a flow must not depend on what was worked out before it.
 */

const D = (x: number): Decimal => new Decimal(x);

const timelineOf = (startDay: number, rolloutWeeks: number, ramp: Timeline["ramp"]): Timeline => ({
  startDate: new Date(startDay * 86_400_000).toISOString().slice(0, 10),
  designWeeks: D(4),
  pilotWeeks: D(0),
  rolloutWeeks: D(rolloutWeeks),
  leadWeeks: D(2),
  ramp,
});

const piecesText = <T>(calc: Calculator<T>, f: CumulativeFlow<T>): string[] =>
  [f.starts, f.values, f.rates, f.accels].map((xs) => xs.map((x) => calc.toDecimal(x).toString()).join(","));

function flowOn<T>(calc: Calculator<T>, timeline: Timeline, value: number, endFy: number, cohort?: number) {
  return flowMath(calc).avoidedEventsFlow({
    baseline: { volumePerYear: D(400), growthPerYear: D(0.02), baseFy: 2026 },
    target: { kind: "percent", value: D(value), ...(cohort === undefined ? {} : { cohortSize: D(cohort) }) },
    durationWeeks: D(52),
    timeline: resolveTimelineOn(calc, timeline),
    defaultBaseFy: 2026,
    endDay: calc.fromNumber(fyStartDay(endFy)),
  });
}

const caseArb = fc.record({
  startDay: fc.integer({ min: 20_400, max: 21_400 }),
  rolloutWeeks: fc.integer({ min: 0, max: 120 }),
  ramp: fc.constantFrom<Timeline["ramp"]>("linear", "monthly-steps", "immediate"),
  values: fc.array(fc.double({ min: 0.01, max: 0.9, noNaN: true }), { minLength: 2, maxLength: 4 }),
  endFys: fc.array(fc.integer({ min: 2027, max: 2034 }), { minLength: 2, maxLength: 4 }),
  cohort: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }),
});

describe.each([
  ["Decimal", decimalCalculator as Calculator<unknown>],
  ["number", numberCalculator as Calculator<unknown>],
])("the avoided-events flow on the %s backend", (_, calc) => {
  it("is the same after flows of the same timeline with other targets and end days as on a fresh timeline", () => {
    fc.assert(
      fc.property(caseArb, ({ startDay, rolloutWeeks, ramp, values, endFys, cohort }) => {
        const shared = timelineOf(startDay, rolloutWeeks, ramp);
        // Every flow of the shared timeline, interleaved (each reuses what the ones before it remembered) ...
        const reused = endFys.flatMap((endFy) =>
          values.map((v) => piecesText(calc, flowOn(calc, shared, v, endFy, cohort))),
        );
        // ... against each worked out on its own equal timeline (a new object: nothing remembered for it).
        const fresh = endFys.flatMap((endFy) =>
          values.map((v) =>
            piecesText(calc, flowOn(calc, timelineOf(startDay, rolloutWeeks, ramp), v, endFy, cohort)),
          ),
        );
        expect(reused).toEqual(fresh);
      }),
      { numRuns: 60 },
    );
  });
});

describe.each([
  ["Decimal", decimalCalculator as Calculator<unknown>],
  ["number", numberCalculator as Calculator<unknown>],
])("the avoided-events flow's pieces on the %s backend", (_, calc) => {
  it("start on every ramp edge and 1 April in the flow, ascending, each once", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20_400, max: 21_400 }),
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom<Timeline["ramp"]>("linear", "monthly-steps", "immediate"),
        fc.integer({ min: 2027, max: 2034 }),
        (startDay, rolloutWeeks, ramp, endFy) => {
          const timeline = timelineOf(startDay, rolloutWeeks, ramp);
          const f = flowOn(calc, timeline, 0.1, endFy);
          const resolved = resolveTimelineOn(calc, timeline);
          const from = resolved.firstImpactDay;
          const end = calc.fromNumber(fyStartDay(endFy));
          const starts = Array.from(f.starts);
          for (let k = 1; k < starts.length; k++) expect(calc.compare(starts[k - 1], starts[k])).toBe(-1);
          const within = (d: unknown): boolean => calc.compare(d, from) >= 0 && calc.compare(d, end) <= 0;
          // A horizon that ends on or before the first impact day (seed -1032681277: a start in February 2028,
          // the horizon ending 1 April 2028) holds no day of impact: the flow has no pieces at all.
          const expected =
            calc.compare(end, from) > 0
              ? [
                  ...rampPiecesOn(calc, resolved).flatMap((p) => [p.from, p.to]),
                  ...Array.from({ length: 12 }, (_, k) => calc.fromNumber(fyStartDay(2026 + k))),
                  from,
                  end,
                ].filter(within)
              : [];
          for (const d of expected) expect(starts.some((s) => calc.compare(s, d) === 0)).toBe(true);
          // Nothing else: every start is an expected point.
          for (const s of starts) expect(expected.some((d) => calc.compare(s, d) === 0)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("a cohort's reach", () => {
  it("is the day the flow built from the same pieces first holds the cohort", () => {
    const sf = stockFlowMath(decimalCalculator);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 90 }), fc.double({ min: 0, max: 5, noNaN: true })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.double({ min: 0.5, max: 900, noNaN: true }),
        (pieces, level) => {
          const cuts = [D(0)];
          for (const [days] of pieces) cuts.push(cuts[cuts.length - 1].plus(days));
          const rates = pieces.map(([, r]) => D(r));
          const cutsOf = { cuts, rateFrom: rates, rateTo: [...rates.slice(1), D(0)] };
          const { reached, flow } = sf.reachFromCuts(cutsOf, D(level));
          const whole = sf.cumulativeFromCuts(cutsOf);
          const expected = sf.timeToReach(whole, D(level));
          expect(reached?.toString()).toBe(expected?.toString());
          // Never reached: the flow it gives is the whole flow.
          if (reached === undefined)
            expect(piecesText(decimalCalculator, flow!)).toEqual(piecesText(decimalCalculator, whole));
        },
      ),
      { numRuns: 200 },
    );
  });
});
