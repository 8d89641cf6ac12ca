import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import * as fc from "fast-check";
import { Decimal } from "../../../src/engine/money";
import { EngineError } from "../../../src/engine/errors";
import {
  assumptionsOfCohort,
  computeAssumptions,
  singleCohort,
  type ProposalAssumptions,
} from "../../../src/engine/assumptions";
import { checkProposalAssumptions, parseAssumptions } from "../../../src/engine/parse/assumptions";
import { checkProposal, parseProposal, proposalProblems } from "../../../src/engine/proposal";
import { computeProfile, profileStreamInput } from "../../../src/engine/profile";
import { addressableSpendStream } from "../../../src/engine/addressableSpendStream";
import { incomeStream } from "../../../src/engine/incomeStream";
import { staffingStream } from "../../../src/engine/staffingStream";
import { provisionStream } from "../../../src/engine/provisionStream";
import { packageReviewStream } from "../../../src/engine/packageReviewStream";
import { reablementStream } from "../../../src/engine/reablementStream";
import { cohortStream } from "../../../src/engine/cohortStream";
import { linearRamp } from "../../../src/engine/shareSchedule";
import { monthsToWeeks } from "../../../src/engine/timeline";
import type { StreamProfile } from "../../../src/engine/stream";
import {
  HORIZON,
  HORIZON_JSON,
  addressableSpendJson,
  cohortJson,
  everyKind,
  incomeJson,
  packageReviewJson,
  provisionJson,
  reablementJson,
  staffingJson,
} from "./streams.fixtures";

const D = (x: number | string): Decimal => new Decimal(x);
const root = join(__dirname, "../../..");

function assumptions(raw: Record<string, unknown>): ProposalAssumptions {
  return checkProposalAssumptions({ horizon: HORIZON_JSON, ...raw }).value;
}

function errorsOf(raw: Record<string, unknown>): string[] {
  const r = proposalProblems({ opportunity: { name: "X" }, assumptions: { horizon: HORIZON_JSON, ...raw } });
  if (r.ok) throw new Error("expected problems");
  return r.errors.map((e) => e.message);
}

/** A profile's figures as text, so equal means digit for digit. */
function digits(x: unknown): unknown {
  if (x instanceof Decimal) return x.toString();
  if (Array.isArray(x)) return x.map(digits);
  if (typeof x === "object" && x !== null) {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, digits(v)]));
  }
  return x;
}

/** The one stream's lines in computeAssumptions against the kind module's own profile. */
function expectSameAsModule(json: Record<string, unknown>, direct: StreamProfile): void {
  const { proposal } = computeAssumptions(assumptions({ streams: [json] }));
  const line = proposal.streams[0];
  expect(line.kind).toBe(direct.kind);
  expect(line.id).toBe(direct.id);
  expect(line.settledFy).toBe(direct.settledFy);
  expect(line.cashability).toBe(direct.cashability);
  expect(digits(line.years.map((y) => y.grossBeforeWeighting))).toEqual(
    digits(direct.years.map((y) => y.gross)),
  );
  expect(digits(line.years.map((y) => y.measures))).toEqual(digits(direct.years.map((y) => y.measures)));
  expect(digits(line.years.map((y) => y.oneOffCosts))).toEqual(
    digits(direct.years.map((y) => y.oneOffCosts ?? D(0))),
  );
}

describe("each stream kind parses from JSON and gives its module's figures", () => {
  it("addressableSpend", () => {
    const spend = D(66.78e6);
    expectSameAsModule(
      addressableSpendJson,
      addressableSpendStream(
        {
          id: "procurement",
          label: "Procurement and Third Party Spend",
          categories: [
            {
              label: "Contract management",
              addressableSpend: spend,
              reductionRate: D(0.0297),
              benefitShare: D(0.4),
              ramp: linearRamp("2026-11-01", "2027-07-01"),
            },
            {
              label: "Category and tail-spend management",
              addressableSpend: spend,
              reductionRate: D(0.0297),
              benefitShare: D(0.55),
              ramp: {
                shape: "linear",
                points: [
                  { date: "2027-07-01", share: D(0) },
                  { date: "2027-11-01", share: D(0.5) },
                  { date: "2028-07-01", share: D(1) },
                ],
              },
            },
          ],
        },
        HORIZON,
      ),
    );
  });

  it("income", () => {
    expectSameAsModule(
      incomeJson,
      incomeStream(
        {
          id: "income-max",
          label: "Income Maximisation",
          items: [
            {
              kind: "volumeTimesFee",
              label: "Whetstone WTS – General Waste",
              volumePerYear: D(2432),
              feePerUnit: D(195),
              currentFeePerUnit: D(190),
              goLiveDate: "2026-04-01",
            },
            {
              kind: "volumeTimesFee",
              label: "Highway Extent, Rights Of Way & Land",
              volumePerYear: D(1298),
              feePerUnit: D("57.85"),
              currentFeePerUnit: D("55.95"),
              goLiveDate: "2027-04-01",
            },
            {
              kind: "volumeTimesFee",
              label: "Appointeeship Fees",
              volumePerYear: D(30),
              feePerUnit: D(624),
              goLiveDate: "2026-10-01",
            },
            {
              kind: "amountPerYear",
              label: "Food Court price increase",
              amountPerYear: D(80000),
              goLiveDate: "2027-04-01",
              endDate: "2030-03-31",
            },
          ],
        },
        HORIZON,
      ),
    );
  });

  it("staffing", () => {
    expectSameAsModule(
      staffingJson,
      staffingStream(
        {
          id: "rfo",
          label: "Resident Focused Organisation",
          inflationPerYear: D(0.03),
          priceBaseFy: 2026,
          reductions: [
            { kind: "amount", label: "FY26/27", amountPerYear: D(500000), fromDate: "2026-04-01" },
            { kind: "amount", label: "Tranche FY27/28", amountPerYear: D(2.5e6), fromDate: "2027-04-01" },
            {
              kind: "fte",
              label: "Managers",
              fteReduction: D(10),
              costPerFte: D(50000),
              fromDate: "2027-04-01",
              fullByDate: "2028-03-31",
            },
          ],
        },
        HORIZON,
      ),
    );
  });

  it("provision", () => {
    expectSameAsModule(
      provisionJson,
      provisionStream(
        {
          id: "cfs-cftf",
          label: "Move to the new high-needs provision",
          caseload: D(9),
          currentWeeklyCost: D(13429),
          newProvisionWeeklyCost: D(11665),
          openingDate: "2028-01-01",
          movesPerStep: D(2),
          stepMonths: 3,
          costPerMove: D(1000),
          inflationPerYear: D(0.04),
          priceBaseFy: 2025,
        },
        HORIZON,
      ),
    );
  });

  it("packageReview", () => {
    expectSameAsModule(
      packageReviewJson,
      packageReviewStream(
        {
          id: "miwaa",
          label: "Progression-focused reviews",
          caseload: D(1876),
          growthPerYear: D(0.01),
          baseFy: 2025,
          weeksBetweenReviews: D(52),
          reductionRate: D(0.49),
          saving: { kind: "weekly", weeklySavingPerPerson: D(38.5) },
          timeline: {
            startDate: "2026-08-01",
            designWeeks: monthsToWeeks(6),
            pilotWeeks: D(0),
            rolloutWeeks: monthsToWeeks(15),
            leadWeeks: D(0),
            ramp: "linear",
          },
          costPerReduction: D(50),
          inflationPerYear: D(0.04),
          priceBaseFy: 2025,
        },
        HORIZON,
      ),
    );
  });

  it("reablement, with its confidence weighting applied on top", () => {
    const direct = reablementStream(
      {
        id: "reablement",
        label: "HART capacity for rejected referrals",
        finishersPerYear: D(699),
        ramp: {
          shape: "linear",
          points: [
            { date: "2026-07-01", share: D(8).div(28) },
            { date: "2027-05-01", share: D(1) },
          ],
        },
        durationWeeks: D(52.18),
        saving: { kind: "hours", hoursPerWeek: D(7), costPerHour: D(25.5) },
        costPerFinisher: D(120),
        inflationPerYear: D(0.04),
        priceBaseFy: 2025,
      },
      HORIZON,
    );
    expectSameAsModule(reablementJson, direct);
    const line = computeAssumptions(assumptions({ streams: [reablementJson] })).proposal.streams[0];
    expect(line.weighting.toNumber()).toBe(0.75);
    expect(digits(line.years.map((y) => y.gross))).toEqual(
      digits(direct.years.map((y) => y.gross.times(0.75))),
    );
  });

  it("cohort, its target as evidence × weighting", () => {
    const single = parseAssumptions({
      horizon: HORIZON_JSON,
      baseline: cohortJson.baseline,
      target: cohortJson.target,
      durationWeeks: cohortJson.durationWeeks,
      unitCost: cohortJson.unitCost,
      timeline: cohortJson.timeline,
    });
    const direct = cohortStream(
      {
        ...profileStreamInput(single),
        id: "falls",
        label: "Falls",
        targetWeighting: D(0.5),
        unit: "children",
      },
      HORIZON,
    );
    expectSameAsModule(cohortJson, direct);
    const line = computeAssumptions(assumptions({ streams: [cohortJson] })).proposal.streams[0];
    expect(digits(line.weightings)).toEqual(
      [{ label: "Target", evidence: "0.16", unit: undefined, weighting: "0.5", value: "0.08" }].map(
        ({ unit, ...w }) => (unit === undefined ? w : { ...w, unit }),
      ),
    );
  });

  it("every kind together: the proposal's gross is the sum of its streams", () => {
    const { proposal, profile } = computeAssumptions(assumptions({ streams: everyKind }));
    expect(proposal.streams.map((s) => s.kind)).toEqual([
      "cohort",
      "addressableSpend",
      "income",
      "staffing",
      "provision",
      "packageReview",
      "reablement",
    ]);
    proposal.years.forEach((y, i) => {
      const sum = proposal.streams.reduce((a, s) => a.plus(s.years[i].gross), D(0));
      expect(y.gross.toString()).toBe(sum.toString());
      expect(profile.years[i].gross.toString()).toBe(y.gross.toString());
    });
    // Per-event costs of the streams that state them are costs of the proposal.
    expect(proposal.costLines.map((c) => c.label)).toEqual([
      "Move to the new high-needs provision: costs per event",
      "Progression-focused reviews: costs per event",
      "HART capacity for rejected referrals: costs per event",
    ]);
  });
});

describe("proposal-level lines of the multi-stream form", () => {
  it("perEvent and perCase costs priced on one stream, existing lines, weighting, inflation rule", () => {
    const a = assumptions({
      streams: [cohortJson, reablementJson],
      investment: [
        {
          kind: "perEvent",
          label: "Equipment",
          amountPerEvent: 50,
          stream: "reablement",
          measure: "finishers",
        },
        { kind: "perCase", label: "Bus pass", amountPerCasePerYear: 1000, stream: "falls" },
      ],
      existingMtfsLines: [
        {
          ref: "AC21",
          label: "Increasing Reablement Capacity",
          amountPerYear: 1000000,
          firstFy: "FY26/27",
          treatment: "addedBack",
        },
      ],
      confidenceWeighting: "80%",
      inflationContingency: { heldCentrally: true, base: "net" },
      prices: { inflationPerYear: 0.04, priceBaseFy: "FY25/26" },
    });
    expect(a.cohort).toBeUndefined();
    expect(a.investment[0]).toMatchObject({ kind: "perEvent", stream: "reablement", measure: "finishers" });
    expect(a.inflationContingency).toEqual({ heldCentrally: true, base: "net" });
    expect(a.prices.priceBaseFy).toBe(2025);
    const { proposal } = computeAssumptions(a);
    expect(proposal.confidenceWeighting?.toNumber()).toBe(0.8);
    expect(proposal.streams[1].weighting.toNumber()).toBeCloseTo(0.6, 12);
    expect(proposal.existingMtfsLines[0].label).toBe("AC21 Increasing Reablement Capacity");
    const finishers = proposal.streams[1].years[1].measures.find((m) => m.key === "finishers")!.value;
    expect(proposal.costLines[0].amounts[1].toString()).toBe(finishers.times(50).toString());
  });

  it("a cohort stream takes its prices from the stream when its unit cost does not give them", () => {
    const { unitCost, ...rest } = cohortJson;
    const { inflationPerYear, ...cost } = unitCost;
    const a = assumptions({
      streams: [{ ...rest, unitCost: cost, inflationPerYear, priceBaseFy: "FY25/26" }],
    });
    const s = a.streams[0];
    if (s.kind !== "cohort") throw new Error("cohort expected");
    expect(s.unitCost.inflationPerYear.toNumber()).toBe(0.04);
    expect(s.unitCost.priceBaseFy).toBe(2025);
  });

  it("code needing the single cohort says so plainly", () => {
    const a = assumptions({ streams: [incomeJson] });
    expect(() => singleCohort(a, "forecast")).toThrow(
      new EngineError(
        "contradictory",
        "assumptions",
        "forecast works on single-cohort proposals only; this one has a income stream",
      ),
    );
    expect(() => parseAssumptions({ horizon: HORIZON_JSON, streams: [incomeJson] })).toThrow(
      "works on single-cohort proposals only",
    );
  });
});

describe("engine errors from a kind module name the stream", () => {
  it("prefixes the kind's field with its place in streams", () => {
    // Steps that take more than 100 years pass the field rules; the provision module refuses them.
    const slow = { ...provisionJson, caseload: 1e6, movesPerStep: 1, stepMonths: 12 };
    expect(() => computeAssumptions(assumptions({ streams: [incomeJson, slow] }))).toThrow(
      new EngineError(
        "out-of-range",
        "streams[1].movesPerStep",
        "moves the caseload in more than 100 years; check movesPerStep and stepMonths",
      ),
    );
  });
});

describe("cross-field rules name the field", () => {
  it("stream ids are unique", () => {
    expect(errorsOf({ streams: [incomeJson, { ...staffingJson, id: "income-max" }] })).toEqual([
      'assumptions.streams[1].id: must be unique; "income-max" is used twice',
    ]);
  });

  it("a cost names a stream the proposal has", () => {
    const investment = [{ kind: "perEvent", label: "Kit", amountPerEvent: 5, stream: "fals" }];
    expect(errorsOf({ streams: [cohortJson, incomeJson], investment })).toEqual([
      "assumptions.investment[0].stream: must name one of the proposal's streams (falls, income-max), got fals",
    ]);
    const single = JSON.parse(readFileSync(join(root, "examples/cfs-targeted-prevention.json"), "utf8"));
    single.assumptions.investment.push({
      kind: "perCase",
      label: "Pass",
      amountPerCasePerYear: 5,
      stream: "x",
    });
    expect(() => parseProposal(single)).toThrow(
      "assumptions.investment[1].stream: must name one of the proposal's streams (cohort), got x",
    );
  });

  it("streams together with single-cohort keys are contradictory; without streams those keys are required", () => {
    expect(errorsOf({ streams: [incomeJson], durationWeeks: 10, lever: "exit" })).toEqual([
      "assumptions.lever: give streams or the single-cohort fields, not both",
      "assumptions.durationWeeks: give streams or the single-cohort fields, not both",
    ]);
    expect(errorsOf({ investment: [] })).toEqual([
      "assumptions.target: is required",
      "assumptions.durationWeeks: is required",
      "assumptions.unitCost: is required",
      "assumptions.timeline: is required",
    ]);
    expect(errorsOf({ streams: [] })).toEqual(["assumptions.streams: needs at least one stream"]);
  });

  it("a percent over 100% is refused where the kind does not allow it", () => {
    const cats = addressableSpendJson.categories;
    expect(
      errorsOf({ streams: [{ ...addressableSpendJson, categories: [{ ...cats[0], reductionRate: 8 }] }] }),
    ).toEqual([
      'assumptions.streams[0].categories[0].reductionRate: must be <= 100%, got 8 (800%); for 8% write 0.08 or "8%"',
    ]);
    expect(errorsOf({ streams: [{ ...packageReviewJson, reductionRate: "120%" }] })[0]).toMatch(
      /^assumptions\.streams\[0\]\.reductionRate: must be <= 100%/,
    );
    expect(errorsOf({ streams: [{ ...cohortJson, target: { kind: "percent", value: 1.5 } }] })).toEqual([
      'assumptions.streams[0].target.value: must be <= 100% for the entry lever, got 1.5 (150%); for 1.5% write 0.015 or "1.5%"',
    ]);
    expect(errorsOf({ streams: [incomeJson], confidenceWeighting: 2 })[0]).toMatch(
      /^assumptions\.confidenceWeighting: must be <= 100%/,
    );
  });

  it("unit-cost component shares must sum to 100% inside a cohort stream", () => {
    const unitCost = {
      components: [
        { label: "Bus", share: 0.5, costPerPeriod: 20 },
        { label: "Taxi", share: 0.3, costPerPeriod: 60 },
      ],
    };
    expect(errorsOf({ streams: [{ ...cohortJson, unitCost }] })).toEqual([
      'assumptions.streams[0].unitCost.components: shares must sum to 100%, got 80%; set "Parts cover only some of the cases" (unitCost.partialShares) to yes (true) if they cover only part of the cases',
    ]);
  });

  it("dates in order: schedule points, income end, staffing phasing, existing lines", () => {
    const ramp = {
      points: [
        { date: "2027-07-01", share: 0.5 },
        { date: "2027-01-01", share: 1 },
      ],
    };
    expect(errorsOf({ streams: [{ ...reablementJson, ramp }] })).toEqual([
      "assumptions.streams[0].ramp.points[1].date: must not be before the previous point's date",
    ]);
    const items = [{ ...incomeJson.items[3], endDate: "2027-03-31" }];
    expect(errorsOf({ streams: [{ ...incomeJson, items }] })).toEqual([
      'assumptions.streams[0].items[0].endDate: must not be before "goes live" (goLiveDate)',
    ]);
    const reductions = [{ ...staffingJson.reductions[2], fullByDate: "2027-01-01" }];
    expect(errorsOf({ streams: [{ ...staffingJson, reductions }] })).toEqual([
      'assumptions.streams[0].reductions[0].fullByDate: must not be before "from" (fromDate)',
    ]);
    const line = {
      label: "L",
      amountPerYear: 1,
      firstFy: "FY28/29",
      lastFy: "FY27/28",
      treatment: "deducted",
    };
    expect(errorsOf({ streams: [incomeJson], existingMtfsLines: [line] })).toEqual([
      'assumptions.existingMtfsLines[0].lastFy: must not be before "first FY" (firstFy)',
    ]);
  });

  it("a new fee below the old one, a new provision dearer than the current one", () => {
    const items = [{ ...incomeJson.items[0], feePerUnit: 150 }];
    expect(errorsOf({ streams: [{ ...incomeJson, items }] })).toEqual([
      'assumptions.streams[0].items[0].feePerUnit: must not be below "current fee" (currentFeePerUnit)',
    ]);
    expect(errorsOf({ streams: [{ ...provisionJson, newProvisionWeeklyCost: 14000 }] })).toEqual([
      'assumptions.streams[0].newProvisionWeeklyCost: must not exceed "Weekly cost now" (currentWeeklyCost): the stream is a saving',
    ]);
  });

  it("a cohort stream's inflation rule and prices are given once", () => {
    const unitCost = { ...cohortJson.unitCost, inflationContingency: true };
    expect(errorsOf({ streams: [{ ...cohortJson, unitCost, inflationPerYear: 0.02 }] })).toEqual([
      'assumptions.streams[0].unitCost.inflationContingency: is set for the whole proposal in the multi-stream form: use "Inflation on the saving held centrally" (inflationContingency.heldCentrally) in the assumptions',
      'assumptions.streams[0].inflationPerYear: give "Inflation on the stream\'s saving" (inflationPerYear) on the stream or in the unit cost (unitCost), not both',
    ]);
  });

  it("the stepped ramp needs its share", () => {
    const timeline = { ...cohortJson.timeline, ramp: "stepped" };
    expect(errorsOf({ streams: [{ ...cohortJson, timeline }] })).toEqual([
      "assumptions.streams[0].timeline.stepShare: is required with the stepped ramp",
    ]);
    const ok = assumptions({ streams: [{ ...cohortJson, timeline: { ...timeline, stepShare: "50%" } }] });
    const s = ok.streams[0];
    expect(s.kind === "cohort" && s.timeline.stepShare?.toNumber()).toBe(0.5);
  });
});

describe("unknown keys inside a stream", () => {
  it("name the key and the nearest known one, at any depth", () => {
    expect(errorsOf({ streams: [{ ...provisionJson, movesPerSteps: 2 }] })).toEqual([
      "assumptions.streams[0].movesPerSteps: unknown field; did you mean movesPerStep?",
    ]);
    const saving = { kind: "hours", hoursPerWeek: 7, costPerHours: 25.5 };
    expect(errorsOf({ streams: [{ ...reablementJson, saving }] })[0]).toBe(
      "assumptions.streams[0].saving.costPerHours: unknown field; did you mean costPerHour?",
    );
    const cats = [{ ...addressableSpendJson.categories[0], reductionRates: 0.1 }];
    expect(errorsOf({ streams: [{ ...addressableSpendJson, categories: cats }] })[0]).toBe(
      "assumptions.streams[0].categories[0].reductionRates: unknown field; did you mean reductionRate?",
    );
    expect(errorsOf({ streams: [{ ...cohortJson, confidenceWeightng: 0.5 }] })[0]).toBe(
      "assumptions.streams[0].confidenceWeightng: unknown field; did you mean confidenceWeighting?",
    );
  });

  it("an unknown kind lists the kinds", () => {
    expect(errorsOf({ streams: [{ ...incomeJson, kind: "incomes" }] })).toEqual([
      'assumptions.streams[0].kind: must be one of cohort, addressableSpend, income, staffing, provision, packageReview, reablement, got "incomes"',
    ]);
  });
});

describe("warnings apply inside streams", () => {
  // A whole-number inflation (4 = 400% a year) is refused, not warned about (strictInput.test.ts).
  it("a weekly cost under £1, a duration over 20 years", () => {
    const r = checkProposal({
      opportunity: { name: "X" },
      assumptions: {
        horizon: HORIZON_JSON,
        streams: [
          { ...provisionJson, currentWeeklyCost: 0.5, newProvisionWeeklyCost: 0.25 },
          { ...reablementJson, durationWeeks: 2000 },
        ],
      },
    });
    expect(r.warnings.map((w) => w.field)).toEqual([
      "assumptions.streams[0].currentWeeklyCost",
      "assumptions.streams[0].newProvisionWeeklyCost",
      "assumptions.streams[1].durationWeeks",
    ]);
  });
});

describe("the single-cohort form is one cohort stream", () => {
  const files = readdirSync(join(root, "examples")).filter((f) => {
    const j = JSON.parse(readFileSync(join(root, "examples", f), "utf8"));
    return j.assumptions && !j.assumptions.streams;
  });

  it.each(files)("%s: computeAssumptions gives computeProfile's figures digit for digit", (f) => {
    const p = parseProposal(JSON.parse(readFileSync(join(root, "examples", f), "utf8")));
    if (p.assumptions.cohort === undefined) return; // uses proposal-level lines only streams express
    expect(p.assumptions.streams.map((s) => [s.kind, s.id])).toEqual([["cohort", "cohort"]]);
    expect(digits(computeAssumptions(p.assumptions).profile)).toEqual(
      digits(computeProfile(p.assumptions.cohort)),
    );
    // And back: a ProfileInput's assumptions are the same record the file gave.
    expect(digits(assumptionsOfCohort(p.assumptions.cohort))).toEqual(digits(p.assumptions));
  });

  const months = fc.integer({ min: 0, max: 18 });
  const singleArb = fc.record({
    baseline: fc.record({
      volumePerYear: fc.integer({ min: 1, max: 2000 }),
      growthPerYear: fc.constantFrom(0, 0.02, "3%"),
    }),
    target: fc.oneof(
      fc.record({ kind: fc.constant("percent"), value: fc.integer({ min: 1, max: 30 }).map((x) => x / 100) }),
      fc.record({ kind: fc.constant("countPerYear"), value: fc.integer({ min: 1, max: 50 }) }),
    ),
    lever: fc.constantFrom("entry", "exit"),
    durationWeeks: fc.integer({ min: 4, max: 300 }),
    unitCost: fc.record({
      weeklyCost: fc.integer({ min: 50, max: 5000 }),
      overlapWeeklyCost: fc.integer({ min: 0, max: 40 }),
      inflationPerYear: fc.constantFrom(0, 0.03, 0.04),
      priceBaseFy: fc.constantFrom("FY25/26", "FY26/27"),
    }),
    timeline: fc.record({
      startDate: fc.constantFrom("2026-04-01", "2026-08-01", "2027-01-15"),
      pilotMonths: months,
      rolloutMonths: months,
      leadMonths: months,
      ramp: fc.constantFrom("linear", "monthly-steps", "immediate"),
    }),
    investment: fc.constantFrom(
      [],
      [{ kind: "ongoing", label: "Team", amountPerYear: 250000, fromDate: "2026-10-01", inflates: true }],
      [{ kind: "perCase", label: "Pass", amountPerCasePerYear: 300 }],
    ),
    mtfsOverlap: fc.constantFrom(
      { kind: "none" },
      { kind: "amountPerYear", amountPerYear: 40000 },
      { kind: "weeksOfDuration", weeks: 2 },
      { kind: "amountPerWeek", amountPerWeek: 10 },
    ),
    heldCentrally: fc.boolean(),
  });

  it("a cohort written as a one-stream list gives the single-cohort form's profile", () => {
    fc.assert(
      fc.property(singleArb, ({ heldCentrally, ...a }) => {
        const single = assumptions({
          ...a,
          unitCost: { ...a.unitCost, inflationContingency: heldCentrally },
        });
        const { investment, mtfsOverlap, ...cohort } = a;
        const streams = assumptions({
          streams: [{ kind: "cohort", id: "cohort", label: "Cohort", ...cohort }],
          investment,
          mtfsOverlap,
          inflationContingency: { heldCentrally },
          prices: { inflationPerYear: a.unitCost.inflationPerYear, priceBaseFy: a.unitCost.priceBaseFy },
        });
        expect(digits(computeAssumptions(streams))).toEqual(digits(computeAssumptions(single)));
        expect(digits(computeAssumptions(single).profile)).toEqual(digits(computeProfile(single.cohort!)));
      }),
      { numRuns: 40 },
    );
  });
});
