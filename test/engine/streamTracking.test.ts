import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import {
  Decimal,
  ZERO,
  assumptionsClosure,
  computeAssumptions,
  parseProposal,
  reprofile,
  reprofileStream,
  formatSlippage,
  slippageByStream,
  slippageText,
  streamPeriodPlans,
  streamReprofiledAssumptions,
  streamReprofiledJson,
  trackAssumptions,
  trackProposal,
  periodProfile,
  type MeasureActual,
  type ProposalAssumptions,
} from "../../src/engine";

function example(name: string): ProposalAssumptions {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", name), "utf8"));
  return parseProposal(raw).assumptions;
}

/** The demo's proposals that are not a single cohort (8 of its 11). */
const MULTI = [
  "reablement.json",
  "maximising-independence-for-working-age-adults.json",
  "adults-commissioning-for-the-future.json",
  "reunification.json",
  "cfs-commissioning-for-the-future.json",
  "procurement-and-third-party-spend.json",
  "income-maximisation.json",
  "resident-focused-organisation.json",
];
const assumptionsOf = new Map(MULTI.map((n) => [n, example(n)]));
const TOLERANCE = new Decimal("1e-12");
const close = (a: Decimal, b: Decimal): boolean =>
  a
    .minus(b)
    .abs()
    .lte(TOLERANCE.times(Decimal.max(1, b.abs())));

describe("streamPeriodPlans", () => {
  it("splits each stream's FY saving and flows over its periods, and the streams add up to the proposal's gross", () => {
    for (const name of MULTI) {
      const a = assumptionsOf.get(name)!;
      const { proposal } = computeAssumptions(a);
      for (const kind of ["month", "quarter"] as const) {
        const plans = streamPeriodPlans(a, kind);
        proposal.years.forEach((y, i) => {
          const inFy = plans.flatMap((p) => p.rows.filter((r) => r.fy === y.fy));
          const total = inFy.reduce((s, r) => s.plus(r.saving), ZERO);
          expect(close(total, y.gross)).toBe(true);
          plans.forEach((p, k) => {
            const mine = p.rows.filter((r) => r.fy === y.fy);
            expect(
              close(
                mine.reduce((s, r) => s.plus(r.saving), ZERO),
                proposal.streams[k].years[i].gross,
              ),
            ).toBe(true);
          });
        });
      }
    }
  });

  it("gives a cohort stream its exact period profile (events and caseload as periodProfile)", () => {
    const a = assumptionsOf.get("reunification.json")!;
    const [plan] = streamPeriodPlans(a, "quarter");
    const s = a.streams[0];
    if (s.kind !== "cohort") throw new Error("reunification is a cohort stream");
    const rows = periodProfile(
      { ...s, investment: [], mtfsOverlap: a.mtfsOverlap, horizon: a.horizon },
      "quarter",
    );
    expect(plan.rows.map((r) => r.measures.avoidedEvents)).toEqual(rows.map((r) => r.avoidedEvents));
  });
});

describe("trackAssumptions", () => {
  it("tracks a single-cohort proposal exactly as trackProposal did", () => {
    const a = parseProposal(
      JSON.parse(
        fs.readFileSync(path.join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8"),
      ),
    ).assumptions;
    const actuals: MeasureActual[] = [
      { period: "2027-10", measure: "avoidedEvents", value: new Decimal(0) },
      { period: "2027-11", measure: "avoidedEvents", value: new Decimal(1) },
      { period: "2027-Q3", measure: "saving", value: new Decimal(20000), stream: "cohort" },
    ];
    expect(trackAssumptions(a, actuals)).toEqual(trackProposal(a.cohort!, actuals));
  });

  it("gives zero variance, Green and the plan's forecast when actuals equal the plan, per stream (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MULTI),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 8 }),
        (name, streamPick, measurePick, first, count) => {
          const a = assumptionsOf.get(name)!;
          const plans = streamPeriodPlans(a, "month");
          const plan = plans[streamPick % plans.length];
          const measure = plan.measures[measurePick % plan.measures.length].key;
          const rows = plan.rows.slice(first, first + count);
          const actuals = rows.map((r) => ({
            stream: plan.id,
            period: r.label,
            measure,
            value: measure === "saving" ? r.saving : r.measures[measure],
          }));
          const t = trackAssumptions(a, actuals);
          const stream = t.streams!.find((s) => s.id === plan.id)!;
          for (const m of stream.measures) {
            expect(m.variance.isZero()).toBe(true);
            expect(m.rag).toBe("Green");
          }
          expect(stream.rag).toBe("Green");
          expect(t.warnings).toBeUndefined();
          const f = t.forecast;
          if (f) {
            f.forecast.years.forEach((y, i) => {
              expect(close(y.cumulative, f.plan.years[i].cumulative)).toBe(true);
              expect(close(y.mtfsImpact, f.plan.years[i].mtfsImpact)).toBe(true);
            });
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("tracks two streams on their own and totals the £, forecasting each stream from its actuals", () => {
    const a = assumptionsOf.get("income-maximisation.json")!;
    const plans = streamPeriodPlans(a, "quarter");
    const at = (id: string, label: string) =>
      plans.find((p) => p.id === id)!.rows.find((r) => r.label === label)!;
    const fees = at("fees", "2026-Q3").saving;
    const traded = at("traded", "2027-Q1").saving;
    const t = trackAssumptions(a, [
      { stream: "fees", period: "2026-Q3", measure: "saving", value: fees.times(0.5) },
      { stream: "traded", period: "2027-Q1", measure: "saving", value: traded },
    ]);
    expect(t.streams!.map((s) => [s.id, s.rag])).toEqual([
      ["fees", "Red"],
      ["traded", "Green"],
    ]);
    const total = t.measures.find((m) => m.stream === undefined)!;
    expect(total.plan).toEqual(fees.plus(traded));
    expect(total.actual).toEqual(fees.times(0.5).plus(traded));
    const f = t.forecast!;
    expect(f.streams!.map((s) => s.basis)).toEqual(["saving", "saving"]);
    // Actual to date + plan after: FY26/27's fees saving is short by exactly the shortfall, later FYs as planned.
    const fy0 = f.forecast.years[0].gross.minus(f.plan.years[0].gross);
    expect(close(fy0, fees.times(-0.5))).toBe(true);
    expect(close(f.forecast.years[2].cumulative, f.plan.years[2].cumulative)).toBe(true);
  });

  it("re-runs a kind's saving on its driver KPI: half the people moved in, half the saving in that period", () => {
    const a = assumptionsOf.get("cfs-commissioning-for-the-future.json")!;
    const [plan] = streamPeriodPlans(a, "quarter");
    const row = plan.rows.find((r) => r.measures.peopleInNewProvision.gt(0))!;
    const t = trackAssumptions(a, [
      { period: row.label, measure: "peopleInNewProvision", value: row.measures.peopleInNewProvision.div(2) },
    ]);
    const f = t.forecast!;
    const y = f.plan.years.findIndex((x) => x.fy === row.fy);
    expect(f.streams![0].basis).toBe("peopleInNewProvision");
    expect(close(f.forecast.years[y].gross.minus(f.plan.years[y].gross), row.saving.div(-2))).toBe(true);
  });

  it("names the streams when an actual on a two-stream proposal names none, or an unknown one", () => {
    const a = assumptionsOf.get("income-maximisation.json")!;
    const x = { period: "2026-Q3", measure: "saving", value: new Decimal(1) };
    expect(() => trackAssumptions(a, [x])).toThrow(
      /stream: this proposal has 2 streams \(fees, traded\): name one/,
    );
    expect(() => trackAssumptions(a, [{ ...x, stream: "rent" }])).toThrow(/must be one of fees, traded/);
  });
});

describe("two cohort streams with avoided-events actuals", () => {
  const raw = JSON.parse(
    fs.readFileSync(path.join(__dirname, "../../examples/reunification.json"), "utf8"),
  ) as { assumptions: { streams: Record<string, unknown>[] } };
  const one = parseProposal(raw).assumptions;
  const [first] = raw.assumptions.streams;
  const two = parseProposal({
    ...raw,
    assumptions: { ...raw.assumptions, streams: [first, { ...first, id: "second", label: "Second" }] },
  }).assumptions;
  const events = (stream: string, value: number): MeasureActual => ({
    stream,
    period: "2027-Q1",
    measure: "avoidedEvents",
    value: new Decimal(value),
  });

  it("adds their events to date, and gives each stream its own slippage (none for the proposal)", () => {
    // Each stream alone (the same inputs): what the pair must add up to.
    const low = trackAssumptions(one, [events("reunification", 3)]).forecast!;
    const high = trackAssumptions(one, [events("reunification", 15)]).forecast!;
    const f = trackAssumptions(two, [events("reunification", 3), events("second", 15)]).forecast!;
    expect(f.planEventsToDate).toEqual(low.planEventsToDate.plus(high.planEventsToDate));
    expect(f.actualEventsToDate).toEqual(new Decimal(18));
    expect(f.slippageMonths).toBeUndefined();
    expect(f.streams!.map((s) => [s.id, s.actualEventsToDate, s.slippageMonths])).toEqual([
      ["reunification", new Decimal(3), low.slippageMonths],
      ["second", new Decimal(15), high.slippageMonths],
    ]);
    expect(slippageByStream(f)?.map((s) => s.id)).toEqual(["reunification", "second"]);
    expect(slippageText(f)).toBe(
      `per stream: reunification ${formatSlippage(low.slippageMonths)}; second ${formatSlippage(high.slippageMonths)}`,
    );
  });

  it("keeps the proposal's slippage when one stream has event actuals", () => {
    const low = trackAssumptions(one, [events("reunification", 3)]).forecast!;
    const f = trackAssumptions(two, [
      events("reunification", 3),
      { ...events("second", 1000), measure: "saving" },
    ]).forecast!;
    expect(f.slippageMonths).toEqual(low.slippageMonths);
    expect(f.planEventsToDate).toEqual(low.planEventsToDate);
    expect(slippageByStream(f)).toBeUndefined();
    expect(slippageText(f)).toBe(formatSlippage(low.slippageMonths));
  });
});

describe("warnings on actuals far above plan from few periods", () => {
  const a = assumptionsOf.get("reunification.json")!;
  const [plan] = streamPeriodPlans(a, "month");
  const months = plan.rows.filter((r) => r.measures.avoidedEvents.gt(0.1)).slice(0, 3);
  const far = (n: number): MeasureActual[] =>
    months
      .slice(0, n)
      .map((r) => ({ period: r.label, measure: "avoidedEvents", value: r.measures.avoidedEvents.times(10) }));

  it("warn on the forecast and the closure from two months at 10× the plan, and not from three", () => {
    const two = trackAssumptions(a, far(2));
    expect(two.warnings!.map((w) => [w.stream, w.measure, w.periods])).toEqual([
      ["reunification", "avoidedEvents", 2],
    ]);
    expect(two.warnings![0].message).toMatch(/10\.0× the plan from 2 periods .*check the actuals/);
    expect(assumptionsClosure("Reunification", a, far(2)).warnings).toEqual([two.warnings![0].message]);
    expect(trackAssumptions(a, far(3)).warnings).toBeUndefined();
  });

  it("warn on a single cohort's reprofile too, and not when the actuals are on plan", () => {
    const cfs = parseProposal(
      JSON.parse(
        fs.readFileSync(path.join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8"),
      ),
    ).assumptions.cohort!;
    const rows = periodProfile(cfs, "month")
      .filter((r) => r.avoidedEvents.gt(0.1))
      .slice(0, 2);
    const on = rows.map((r) => ({ period: r.label, value: r.avoidedEvents }));
    expect(reprofile(cfs, on).warnings).toBeUndefined();
    const high = rows.map((r) => ({ period: r.label, value: r.avoidedEvents.times(20) }));
    expect(reprofile(cfs, high).warnings![0]).toMatch(
      /Avoided events: actual to date is 20\.0× the plan from 2 periods/,
    );
    expect(
      trackProposal(
        cfs,
        high.map((h) => ({ ...h, measure: "avoidedEvents" })),
      ).warnings,
    ).toHaveLength(1);
  });
});

describe("reprofile on £ and caseload actuals", () => {
  const cfs = parseProposal(
    JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8")),
  ).assumptions.cohort!;
  const rows = periodProfile(cfs, "month")
    .filter((r) => r.gross.gt(1000))
    .slice(0, 12);

  it("fits £ saving actuals at 60% of the plan as a lower target reached", () => {
    const r = reprofile(
      cfs,
      rows.map((x) => ({ period: x.label, value: x.gross.times(0.6) })),
      "saving",
    );
    expect(r.measure).toBe("saving");
    expect(r.reading).toEqual({ kind: "targetReached", factor: new Decimal("0.6") });
    expect(r.squaredError.lt(r.approvedSquaredError)).toBe(true);
  });

  it("fits caseload actuals at the plan with the approved profile (zero error, no change)", () => {
    const r = reprofile(
      cfs,
      rows.map((x) => ({ period: x.label, value: x.caseloadReduction })),
      "caseloadReduction",
    );
    expect(r.approvedSquaredError.lt("1e-20")).toBe(true);
    expect(r.reading).toEqual({ kind: "laterStart", days: 0 });
  });
});

describe("reprofileStream: a stream that is not a cohort", () => {
  const a = assumptionsOf.get("resident-focused-organisation.json")!;
  const quarters = (x: ProposalAssumptions) => streamPeriodPlans(x, "quarter")[0].rows;
  const window = (x: ProposalAssumptions) => quarters(x).filter((r) => r.fy >= 2026 && r.fy <= 2027);

  it("reads £ actuals that run 61 days behind the plan as a start 61 days later (zero error)", () => {
    const late = streamReprofiledAssumptions(a, 0, { kind: "laterStart", days: 61 });
    const actuals = window(late).map((r) => ({ period: r.label, value: r.saving }));
    const r = reprofileStream(a, 0, actuals, "saving");
    expect(r.reading).toEqual({ kind: "laterStart", days: 61 });
    expect(r.squaredError.lt(1e-12)).toBe(true);
    expect(r.approvedSquaredError.gt(0)).toBe(true);
    expect(r.revised.years[0].cumulative.lt(r.approved.years[0].cumulative)).toBe(true);
  });

  it("reads £ actuals at half the plan as a target reached of 50%, kept as the stream's weighting in the JSON", () => {
    const actuals = window(a).map((r) => ({ period: r.label, value: r.saving.div(2) }));
    const r = reprofileStream(a, 0, actuals, "saving");
    expect(r.reading).toEqual({ kind: "targetReached", factor: new Decimal("0.5") });
    const raw = JSON.parse(
      fs.readFileSync(path.join(__dirname, "../../examples/resident-focused-organisation.json"), "utf8"),
    );
    const json = streamReprofiledJson(raw.assumptions, "rfo", r.reading) as {
      streams: { confidenceWeighting: number }[];
    };
    expect(json.streams[0].confidenceWeighting).toBe(0.5);
    const shifted = streamReprofiledJson(raw.assumptions, "rfo", { kind: "laterStart", days: 10 }) as {
      streams: { reductions: { fromDate: string }[] }[];
    };
    expect(shifted.streams[0].reductions[0].fromDate).not.toBe(
      raw.assumptions.streams[0].reductions[0].fromDate,
    );
    expect(computeAssumptions(parseProposal({ ...raw, assumptions: json }).assumptions).profile).toEqual(
      r.revised,
    );
  });
});
