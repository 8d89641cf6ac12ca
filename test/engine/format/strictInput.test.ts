import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import * as fc from "fast-check";
import { checkProposal, parseProposal, proposalProblems } from "../../../src/engine/proposal";
import { parseAssumptions } from "../../../src/engine/parse/assumptions";
import { parseTriangulationInput } from "../../../src/engine/triangulationInput";
import { parseEdgeOfCareSet } from "../../../src/engine/edgeOfCareInput";
import { nearestKey } from "../../../src/engine/format/define";
import { EngineError } from "../../../src/engine/errors";
import { Decimal } from "../../../src/engine/money";

const root = join(__dirname, "../../..");
const example = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(join(root, "examples", name), "utf8"));
const cfs = () => example("cfs-targeted-prevention.json");

function errorOf(f: () => unknown): EngineError {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error("expected an EngineError");
}

describe("unknown keys are refused, naming the key and the nearest known one", () => {
  it("a typo'd key names the real one (not 'durationWeeks is required')", () => {
    const p = cfs();
    p.assumptions.durationWeek = p.assumptions.durationWeeks;
    delete p.assumptions.durationWeeks;
    const e = errorOf(() => parseProposal(p));
    expect(e.code).toBe("unknown-field");
    expect(e.message).toBe("assumptions.durationWeek: unknown field; did you mean durationWeeks?");
  });

  it("a key the format lacks has no suggestion when nothing is close", () => {
    const p = cfs();
    p.assumptions.optimismBias = 0.25;
    expect(errorOf(() => parseProposal(p)).message).toBe("assumptions.optimismBias: unknown field");
  });

  it("nested, in lists and in kinded blocks", () => {
    const p = cfs();
    p.assumptions.unitCost.weeklyCosts = 1;
    expect(errorOf(() => parseProposal(p)).message).toBe(
      "assumptions.unitCost.weeklyCosts: unknown field; did you mean weeklyCost?",
    );
    const q = example("independent-travel-training.json");
    q.assumptions.unitCost.components[1].shares = 0.1;
    expect(errorOf(() => parseProposal(q)).field).toBe("assumptions.unitCost.components[1].shares");
    const r = cfs();
    r.assumptions.target.perWeek = 12;
    expect(errorOf(() => parseProposal(r)).code).toBe("unknown-field");
  });

  it("triangulation and edge-of-care files are as strict", () => {
    const t = example("cfs-targeted-prevention-triangulation.json");
    t.realisationFactr = 0.5;
    expect(errorOf(() => parseTriangulationInput(t)).message).toBe(
      "realisationFactr: unknown field; did you mean realisationFactor?",
    );
    const e = example("edge-of-care-mst.json");
    e.periods[0].sucessRate = "80%";
    expect(errorOf(() => parseEdgeOfCareSet(e)).message).toBe(
      "periods[0].sucessRate: unknown field; did you mean successRate?",
    );
  });

  it("notes beside values are allowed and change nothing", () => {
    const p = cfs();
    p.assumptions.durationWeeksNote = "from the TU review";
    p.assumptions.baseline.note = "2024/25 starts";
    expect(parseProposal(p)).toEqual(parseProposal(cfs()));
  });

  it("property: any key that is not in the format is refused by its name", () => {
    const known = new Set(Object.keys(cfs().assumptions));
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 30 })
          .filter((k) => !known.has(k) && !k.endsWith("Note") && k !== "note" && k !== "__proto__"),
        (key) => {
          const p = cfs();
          p.assumptions[key] = 1;
          const e = errorOf(() => parseProposal(p));
          expect(e.code).toBe("unknown-field");
          expect(e.field).toBe(`assumptions.${key}`);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('a "__proto__" key is refused as unknown, not taken as a prototype', () => {
    const p = cfs();
    const raw = JSON.parse(
      JSON.stringify(p).replace('"assumptions":{', '"assumptions":{"__proto__":{"durationWeeks":1},'),
    );
    const e = errorOf(() => parseProposal(raw));
    expect([e.code, e.field]).toEqual(["unknown-field", "assumptions.__proto__"]);
  });

  it("nearestKey ignores case and refuses far keys", () => {
    expect(nearestKey("DURATIONweeks", ["durationWeeks"])).toBe("durationWeeks");
    expect(nearestKey("x".repeat(5000), ["durationWeeks"])).toBeUndefined();
  });

  it("the wizard gets every problem at once, unknown keys first", () => {
    const p = cfs();
    p.assumptions.durationWeeks = -3;
    p.opportunity.nam = "x";
    const r = proposalProblems(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.message)).toEqual([
        "opportunity.nam: unknown field; did you mean name?",
        "assumptions.durationWeeks: must be > 0, got -3",
      ]);
    }
  });
});

describe("contradictory inputs are errors", () => {
  it("weeklyCost together with components", () => {
    const p = example("independent-travel-training.json");
    p.assumptions.unitCost.weeklyCost = 250;
    const e = errorOf(() => parseProposal(p));
    expect([e.code, e.message]).toEqual([
      "contradictory",
      'assumptions.unitCost.weeklyCost: give "Weekly unit cost" (unitCost.weeklyCost) or "Unit cost part" (unitCost.components[]), not both',
    ]);
  });

  it("component shares that do not sum to 1, unless the file says they are partial", () => {
    const p = example("independent-travel-training.json");
    p.assumptions.unitCost.components[0].share = 0.2;
    const e = errorOf(() => parseProposal(p));
    expect(e.code).toBe("contradictory");
    expect(e.field).toBe("assumptions.unitCost.components");
    expect(e.rule).toMatch(/^shares must sum to 100%, got 84.9%/);
    p.assumptions.unitCost.partialShares = true;
    expect(() => parseProposal(p)).not.toThrow();
  });

  it('a percent target over 100% (the £297.52m "value": 8)', () => {
    const p = cfs();
    p.assumptions.target.value = 8;
    const e = errorOf(() => parseProposal(p));
    expect(e.code).toBe("out-of-range");
    expect(e.message).toBe(
      'assumptions.target.value: must be <= 100% for the entry lever, got 8 (800%); for 8% write 0.08 or "8%"',
    );
    p.assumptions.target.value = "8%";
    expect(parseProposal(p).assumptions.cohort!.target.value.toNumber()).toBe(0.08);
  });
});

describe("plausible-but-suspicious values give warnings, not errors", () => {
  it("none for the bundled proposals", () => {
    for (const f of readdirSync(join(root, "examples"))) {
      const j = example(f);
      if (j.assumptions) expect([f, checkProposal(j).warnings]).toEqual([f, []]);
    }
  });

  it("a weekly cost under £1 or over £50,000, a stay over 20 years", () => {
    const p = cfs();
    p.assumptions.unitCost.weeklyCost = 0.5;
    p.assumptions.durationWeeks = 1100;
    expect(checkProposal(p).warnings.map((w) => w.message)).toEqual([
      "assumptions.durationWeeks: 1100 weeks is over 20 years; the duration is in weeks",
      "assumptions.unitCost.weeklyCost: £0.5 a week is under £1; money is in £ (not £k or £m)",
    ]);
    p.assumptions.unitCost.weeklyCost = 60000;
    expect(checkProposal(p).warnings[1].message).toBe(
      "assumptions.unitCost.weeklyCost: £60000 a week is over £50,000; is it a cost per year?",
    );
  });
});

describe("a negative weekly cost: an error where it is a cost, a warning where it is netted", () => {
  it("refuses a negative weekly cost or overlap, saying what to do, also inside a cohort stream", () => {
    const p = cfs();
    p.assumptions.unitCost.weeklyCost = -1487;
    expect(errorOf(() => parseProposal(p))).toMatchObject({
      code: "out-of-range",
      message:
        "assumptions.unitCost.weeklyCost: must be >= 0, got -1487: a weekly cost cannot be negative; for a proposal that adds cases, make the target negative",
    });
    p.assumptions.unitCost.weeklyCost = 1487;
    p.assumptions.unitCost.overlapWeeklyCost = -149;
    expect(errorOf(() => parseProposal(p)).message).toBe(
      "assumptions.unitCost.overlapWeeklyCost: must be >= 0, got -149: the overlap is netted off the weekly cost: give it as a positive amount",
    );
    const streams = example("reunification.json");
    const cohort = streams.assumptions.streams.findIndex((s: { kind: string }) => s.kind === "cohort");
    expect(cohort).toBeGreaterThanOrEqual(0);
    streams.assumptions.streams[cohort].unitCost.weeklyCost = -1;
    expect(errorOf(() => parseProposal(streams)).field).toBe(
      `assumptions.streams[${cohort}].unitCost.weeklyCost`,
    );
  });

  it("warns on a negative cost of the alternative (it adds to the saving) and still models it", () => {
    const p = cfs();
    p.assumptions.unitCost.alternativeWeeklyCost = -100;
    expect(checkProposal(p).warnings.map((w) => w.message)).toEqual([
      "assumptions.unitCost.alternativeWeeklyCost: £-100 a week is negative, so it adds £100 a week to the saving; a cost of the alternative is positive (a negative one only for an alternative that brings money in)",
    ]);
    expect(parseProposal(p).assumptions.cohort!.unitCost.alternativeWeeklyCost.toNumber()).toBe(-100);
  });

  it("accepts a weekly cost of 0 and any positive one below the bound (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (x) => {
        const p = cfs();
        p.assumptions.unitCost.weeklyCost = x;
        return parseProposal(p).assumptions.cohort!.unitCost.weeklyCost.toNumber() === x;
      }),
      { numRuns: 30 },
    );
  });
});

describe("every example still parses", () => {
  for (const f of readdirSync(join(root, "examples"))) {
    it(f, () => {
      const j = example(f);
      if (j.assumptions) expect(() => parseProposal(j)).not.toThrow();
      else if (j.rows) expect(() => parseTriangulationInput(j)).not.toThrow();
      else if (j.periods || j.programmes) expect(() => parseEdgeOfCareSet(j)).not.toThrow();
    });
  }
  it("parseAssumptions alone keeps its prefix", () => {
    expect(errorOf(() => parseAssumptions({ ...cfs().assumptions, lever: "sideways" })).message).toBe(
      'assumptions.lever: must be one of entry, exit, got "sideways"',
    );
  });
});

describe("a rate a year over 100% (trial 4: Reunification inflation 3.36)", () => {
  const reunification = (): { assumptions: { streams: { unitCost: Record<string, unknown> }[] } } =>
    JSON.parse(readFileSync(join(__dirname, "../../../examples/reunification.json"), "utf8"));

  it("refuses it, naming the field and what was meant", () => {
    const p = reunification();
    p.assumptions.streams[0].unitCost.inflationPerYear = 3.36;
    expect(() => parseProposal(p)).toThrow(
      /streams\[0\]\.unitCost\.inflationPerYear: must be <= 100% a year, got 3\.36, which reads as 336%; type 3\.36% or 0\.0336/,
    );
  });

  it("accepts any rate a year from above -100% to 100%, typed as a fraction or a percent", () => {
    fc.assert(
      fc.property(fc.integer({ min: -9999, max: 10000 }), (bp) => {
        const p = reunification();
        p.assumptions.streams[0].unitCost.inflationPerYear = bp / 10000;
        expect(() => parseProposal(p)).not.toThrow();
        p.assumptions.streams[0].unitCost.inflationPerYear = `${bp / 100}%`;
        expect(() => parseProposal(p)).not.toThrow();
      }),
      { numRuns: 30 },
    );
  });

  it("refuses baseline growth typed as a whole percent exactly as it refuses inflation typed so (trial: growth 2)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 101, max: 100000 }), (hundredths) => {
        const bare = hundredths / 100;
        const growth = cfs();
        growth.assumptions.baseline.growthPerYear = bare;
        const inflation = cfs();
        inflation.assumptions.unitCost.inflationPerYear = bare;
        const rule = (p: unknown): string => errorOf(() => parseProposal(p)).message.replace(/^[^:]+: /, "");
        expect(rule(growth)).toBe(rule(inflation));
        expect(rule(growth)).toContain(`which reads as ${new Decimal(bare).times(100).toString()}%`);
      }),
      { numRuns: 30 },
    );
  });

  it("refuses a package review's caseload growth typed as a whole percent as it refuses baseline growth (2 for 2%)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 101, max: 100000 }), (hundredths) => {
        const bare = hundredths / 100;
        const review = example("maximising-independence-for-working-age-adults.json");
        expect(review.assumptions.streams[0].kind).toBe("packageReview");
        review.assumptions.streams[0].growthPerYear = bare;
        const growth = cfs();
        growth.assumptions.baseline.growthPerYear = bare;
        const e = errorOf(() => parseProposal(review));
        expect([e.code, e.field]).toEqual(["out-of-range", "assumptions.streams[0].growthPerYear"]);
        const rule = (x: EngineError): string => x.message.replace(/^[^:]+: /, "");
        expect(rule(e)).toBe(rule(errorOf(() => parseProposal(growth))));
      }),
      { numRuns: 30 },
    );
  });

  it("still accepts a package review's caseload growth from 0 to 100% a year, and refuses a fall", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (bp) => {
        const review = example("maximising-independence-for-working-age-adults.json");
        review.assumptions.streams[0].growthPerYear = `${bp / 100}%`;
        expect(() => parseProposal(review)).not.toThrow();
      }),
      { numRuns: 20 },
    );
    const falling = example("maximising-independence-for-working-age-adults.json");
    falling.assumptions.streams[0].growthPerYear = -0.01;
    expect(errorOf(() => parseProposal(falling)).code).toBe("out-of-range");
  });
});
