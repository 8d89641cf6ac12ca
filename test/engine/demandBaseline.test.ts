import * as fs from "fs";
import * as path from "path";
import {
  DAYS_PER_YEAR,
  Decimal,
  EngineError,
  fyStartDay,
  computeAssumptions,
  decimalCalculator,
  parseDemandModel,
  parseProposal,
  proposalProblems,
  projectDemand,
} from "../../src/engine";

// A cohort stream whose baseline names a demand model stands on the model's do-nothing line (issue 16).
const root = path.join(__dirname, "../..");
const read = (f: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(root, "examples", f), "utf8")) as Record<string, unknown>;
const national500k = read("national-children-in-care-500k.json");
const cfs = read("cfs-targeted-prevention.json");

type Json = Record<string, unknown>;
const withBaseline = (baseline: unknown, extra: Json = {}): Json => ({
  ...cfs,
  assumptions: { ...(cfs.assumptions as Json), baseline, ...extra },
});
const figures = (raw: Json) =>
  computeAssumptions(parseProposal(raw).assumptions).profile.years.map((y) => ({
    fy: y.fy,
    avoidedEvents: y.avoidedEvents.toFixed(9),
    caseloadReduction: y.caseloadReduction.toFixed(9),
    gross: y.gross.toFixed(6),
    cumulative: y.cumulative.toFixed(6),
  }));

describe("a baseline from a demand model", () => {
  it("gives the same profile as the same numbers typed (a model whose entries grow at one rate)", () => {
    // The 500k council's do-nothing entries: 14,465 × 500,000 / 27.25m in 2024/25, growing 0.8796% a year.
    const scale = new Decimal(500_000).div(27_250_000);
    const typed = withBaseline({
      volumePerYear: new Decimal(14_465).times(scale).toString(),
      growthPerYear: "0.8796%",
      baseFy: 2024,
    });
    const fromModel = withBaseline({ demand: { model: national500k, measure: "entries" } });
    expect(figures(fromModel)).toEqual(figures(typed));
  });

  it("takes each FY's volume from the model, not one growth rate (stated entries by year, a scale)", () => {
    const model = {
      ...national500k,
      entriesByYear: [
        { year: 2027, entries: 20_000 },
        { year: 2029, entries: 12_000 },
      ],
    };
    const dn = projectDemand(parseDemandModel(model), decimalCalculator).years;
    // Full impact from the first day of the horizon: avoided events in a FY = its volume × 8% × its days
    // over the modelled year's 52.18 weeks (the flow runs per day).
    const raw = withBaseline(
      { demand: { model, measure: "entries", scale: 0.5 } },
      {
        timeline: {
          startDate: "2026-04-01",
          designMonths: 0,
          pilotMonths: 0,
          rolloutMonths: 0,
          ramp: "immediate",
        },
        investment: [],
        mtfsOverlap: { kind: "none" },
      },
    );
    const years = computeAssumptions(parseProposal(raw).assumptions).profile.years;
    for (const y of years) {
      const entries = dn.find((d) => d.year === y.fy)?.doNothing.entries;
      const days = fyStartDay(y.fy + 1) - fyStartDay(y.fy);
      const expected = entries!.times(0.5).times(0.08).times(days).div(DAYS_PER_YEAR);
      expect([y.fy, y.avoidedEvents.toFixed(9)]).toEqual([y.fy, expected.toFixed(9)]);
    }
    // The volumes differ year to year as stated (a single growth rate could not give 2027 ≠ 2028 ≠ 2029 so).
    expect(new Set(years.slice(1, 4).map((y) => y.avoidedEvents.toFixed(3))).size).toBe(3);
  });

  it("uses the stock at each year's end for the exit lever", () => {
    const raw = withBaseline(
      { demand: { model: national500k, measure: "stock" } },
      {
        lever: "exit",
        target: { kind: "percent", value: "2%" },
        timeline: {
          startDate: "2026-04-01",
          designMonths: 0,
          pilotMonths: 0,
          rolloutMonths: 0,
          ramp: "immediate",
        },
      },
    );
    const a = parseProposal(raw).assumptions;
    const stock = projectDemand(parseDemandModel(national500k), decimalCalculator).years;
    const cohort = a.cohort!;
    expect(cohort.baseline.byFy?.get(2030)?.toFixed(9)).toBe(
      stock.find((y) => y.year === 2030)!.doNothing.stock.toFixed(9),
    );
  });

  it("refuses a file name in the engine, typed volumes beside the model, and a bad model, naming the field", () => {
    const codes = (raw: Json): [string, string][] => {
      const r = proposalProblems(raw);
      return r.ok ? [] : r.errors.map((e: EngineError) => [e.field, e.code]);
    };
    expect(
      codes(withBaseline({ demand: { model: "national-children-in-care.json", measure: "entries" } })),
    ).toEqual([["assumptions.baseline.demand.model", "invalid-type"]]);
    expect(
      codes(withBaseline({ volumePerYear: 260, demand: { model: national500k, measure: "entries" } })),
    ).toEqual([["assumptions.baseline.volumePerYear", "contradictory"]]);
    expect(
      codes(withBaseline({ demand: { model: { ...national500k, entriesGrowht: 1 }, measure: "entries" } })),
    ).toEqual([["assumptions.baseline.demand.model.entriesGrowht", "unknown-field"]]);
    expect(codes(withBaseline({ growthPerYear: 0 }))).toEqual([
      ["assumptions.baseline.volumePerYear", "missing"],
    ]);
  });
});
