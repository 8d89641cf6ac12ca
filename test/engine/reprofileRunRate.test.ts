import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import {
  Decimal,
  fullRunRateText,
  parseProposal,
  reprofile,
  reprofileStream,
  streamPeriodPlans,
  type ProfileInput,
  type ProposalAssumptions,
} from "../../src/engine";
import { exampleInput } from "./tracking.fixtures";

/**
 * A revised full run rate beside the approved one (track reprofile). Full run rate is the net in the FY the
 * stock saturates (DOMAIN.md §1, §2.6) at that FY's prices (unit costs inflate each 1 April, §2.4), so a
 * reprofile that moves saturation a year later reads a higher figure though it gained nothing. Like for like
 * (the same FY, or no inflation) a proposal behind plan is never revised above its approved run rate.
 */

const month = (period: string, value: number) => ({ period, value: new Decimal(value) });
const MONTHS = Array.from({ length: 24 }, (_, k) => {
  const d = new Date(Date.UTC(2027, 3 + k, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
});

const fbp = exampleInput("family-based-placements.json");
const cfs = exampleInput("cfs-targeted-prevention.json");
const noInflation = (input: ProfileInput): ProfileInput => ({
  ...input,
  unitCost: { ...input.unitCost, inflationPerYear: new Decimal(0) },
});

/** Whole avoided events (0 or 1, mostly 0) in 3 to 5 consecutive months of FY27/28–FY28/29: mostly short of plan. */
const actualsArb = fc
  .record({
    from: fc.integer({ min: 0, max: MONTHS.length - 5 }),
    values: fc.array(fc.constantFrom(0, 0, 1), { minLength: 3, maxLength: 5 }),
  })
  .map(({ from, values }) => values.map((v, k) => month(MONTHS[from + k], v)));

describe("reprofile: the revised full run rate of a proposal behind plan", () => {
  it("Family Based Placements 0 events Apr–Dec 2027 and 1 in Jan 2028: a later start reaches £2.10m a year later, the approved plan's FY31/32", () => {
    const r = reprofile(fbp, [...MONTHS.slice(0, 9).map((p) => month(p, 0)), month("2028-01", 1)]);
    expect(r.aheadOfPlan).toBeUndefined();
    expect(r.reading.kind).toBe("laterStart");
    expect(r.revised.fullRunRate.fy).toBe(r.approved.fullRunRate.fy + 1);
    const approvedThen = r.approved.years.find((y) => y.fy === r.revised.fullRunRate.fy)!;
    // Above the approved figure only by a year's inflation: equal to the approved plan in the same FY.
    expect(r.revised.fullRunRate.value.gt(r.approved.fullRunRate.value)).toBe(true);
    expect(r.revised.fullRunRate.value.minus(approvedThen.cumulative).abs().toNumber()).toBeLessThan(1);
    expect(fullRunRateText(r.approved, r.revised)).toBe(
      "Full run rate: approved £2.00m in FY30/31, revised £2.10m in FY31/32 (reached 1 year later, at FY31/32 prices; the approved plan in FY31/32: £2.10m)",
    );
  });

  it.each([
    ["Family Based Placements", fbp],
    ["CFS Targeted Prevention", cfs],
  ])(
    "%s: never reached earlier, never above the approved plan's net in the same FY, nor above the approved run rate without inflation (property)",
    (_name, input) => {
      fc.assert(
        fc.property(actualsArb, fc.boolean(), (actuals, flat) => {
          const given = flat ? noInflation(input) : input;
          const r = reprofile(given, actuals);
          const a = r.approved.fullRunRate;
          const v = r.revised.fullRunRate;
          expect(v.fy).toBeGreaterThanOrEqual(a.fy);
          const same = r.approved.years.find((y) => y.fy === v.fy)!;
          expect(v.value.minus(same.cumulative).toNumber()).toBeLessThanOrEqual(1e-6);
          if (flat) expect(v.value.minus(a.value).toNumber()).toBeLessThanOrEqual(1e-6);
        }),
        { numRuns: 20, seed: 20261202 },
      );
    },
  );

  it("says nothing more when the revised run rate is reached in the approved FY", () => {
    const r = reprofile(
      fbp,
      MONTHS.slice(0, 3).map((p) => month(p, 0)),
    );
    const text = fullRunRateText(r.approved, { fullRunRate: { ...r.approved.fullRunRate } }, r.approved);
    expect(text).toBe(
      "Full run rate: approved £2.00m in FY30/31, revised £2.00m in FY30/31; forecast £2.00m in FY30/31",
    );
  });
});

describe("reprofileStream: the revised full run rate of a stream behind plan", () => {
  const example = (name: string): ProposalAssumptions => {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", name), "utf8"));
    return parseProposal(raw).assumptions;
  };

  it.each([
    "procurement-and-third-party-spend.json",
    "resident-focused-organisation.json",
    "income-maximisation.json",
  ])(
    "%s: £ actuals short of plan are never revised above the approved plan's net in the same FY, nor reached earlier (property)",
    (file) => {
      const a = example(file);
      const rows = streamPeriodPlans(a, "quarter")[0].rows.filter((r) => r.saving.gt(0));
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: Math.max(0, rows.length - 3) }),
          fc.array(fc.double({ min: 0, max: 0.9, noNaN: true }), { minLength: 2, maxLength: 3 }),
          (from, shares) => {
            const actuals = shares.flatMap((share, k) => {
              const row = rows[from + k];
              return row === undefined ? [] : [{ period: row.label, value: row.saving.times(share) }];
            });
            const r = reprofileStream(a, 0, actuals, "saving");
            const v = r.revised.fullRunRate;
            expect(v.fy).toBeGreaterThanOrEqual(r.approved.fullRunRate.fy);
            const same = r.approved.years.find((y) => y.fy === v.fy)!;
            expect(v.value.minus(same.cumulative).toNumber()).toBeLessThanOrEqual(1e-6);
          },
        ),
        { numRuns: 6, seed: 20261202 },
      );
    },
  );
});
