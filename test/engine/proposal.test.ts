import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { EngineError, parseProposal } from "../../src/engine";

const root = path.join(__dirname, "../..");
const readJson = (rel: string): unknown => JSON.parse(fs.readFileSync(path.join(root, rel), "utf8"));
const EXAMPLES = [
  "cfs-targeted-prevention.json",
  "family-based-placements.json",
  "independent-travel-training.json",
];

function validator(): (data: unknown) => boolean {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(readJson("schema/triangulation.schema.json") as object);
  const validate = ajv.compile(readJson("schema/proposal.schema.json") as object);
  return (data) => {
    const ok = validate(data);
    if (!ok) console.error(JSON.stringify(validate.errors, null, 1));
    return ok;
  };
}

function codeOf(raw: unknown): string | undefined {
  try {
    parseProposal(raw);
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return undefined;
}

describe("proposal examples", () => {
  const validate = validator();
  it.each(EXAMPLES)("%s is valid against the JSON Schema and the parser", (name) => {
    const raw = readJson(`examples/${name}`);
    expect(validate(raw)).toBe(true);
    expect(() => parseProposal(raw)).not.toThrow();
  });

  it("keeps the CFS narrative, 11 triangulation rows and published figures", () => {
    const p = parseProposal(readJson("examples/cfs-targeted-prevention.json"));
    expect(p.opportunity.confidence?.level).toBe("Low");
    expect(p.triangulation?.rows).toHaveLength(11);
    expect(p.narrative.lgrImpact).toMatch(/LGR/);
    expect(p.published?.cumulative.map((c) => c.label)).toEqual([
      "FY26/27",
      "FY27/28",
      "FY28/29",
      "FY29/30",
      "FY30/31",
      "FY31/32",
    ]);
  });
});

describe("parseProposal", () => {
  const minimal = {
    opportunity: { name: "X" },
    assumptions: {
      baseline: { volumePerYear: 100 },
      target: { kind: "percent", value: "8%" },
      durationWeeks: 52,
      unitCost: { weeklyCost: "1,000" },
      timeline: { startDate: "2026-08-01", pilotMonths: 2 },
    },
  };

  it("accepts the minimal proposal and applies the documented defaults", () => {
    const p = parseProposal(minimal);
    const a = p.assumptions.cohort!;
    expect(a.target.value.toNumber()).toBe(0.08);
    expect(a.lever).toBe("entry");
    expect(a.unitCost.periodsPerYear.toNumber()).toBe(52.18);
    expect(a.unitCost.priceBaseFy).toBe(2026);
    expect(a.timeline.ramp).toBe("linear");
    expect(a.mtfsOverlap).toEqual({ kind: "none" });
    expect(a.horizon).toEqual({ firstFy: 2026, lastFy: 2031, mtfsLastFy: 2029 });
  });

  it("validates the minimal proposal against the schema too, and the schema rejects what the parser rejects", () => {
    const validate = validator();
    expect(validate(minimal)).toBe(true);
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect(validate({ ...minimal, opportunity: {} })).toBe(false);
    expect(
      validate({ ...minimal, assumptions: { ...minimal.assumptions, target: { kind: "lots", value: 1 } } }),
    ).toBe(false);
    expect(validate({ ...minimal, assumptions: { ...minimal.assumptions, lever: "sideways" } })).toBe(false);
    quiet.mockRestore();
  });

  it("names missing, mistyped and out-of-range fields by code", () => {
    expect(codeOf({ ...minimal, opportunity: {} })).toBe("missing");
    expect(codeOf({ ...minimal, assumptions: { ...minimal.assumptions, durationWeeks: "soon" } })).toBe(
      "invalid-type",
    );
    expect(codeOf({ ...minimal, assumptions: { ...minimal.assumptions, durationWeeks: 0 } })).toBe(
      "out-of-range",
    );
    expect(codeOf({ ...minimal, assumptions: { ...minimal.assumptions, lever: "sideways" } })).toBe(
      "unknown-option",
    );
    const timeline = { ...minimal.assumptions.timeline, startDate: "2026-13-01" };
    expect(codeOf({ ...minimal, assumptions: { ...minimal.assumptions, timeline } })).toBe("invalid-date");
    expect(codeOf(42)).toBe("invalid-type");
  });

  it("rejects a phase given both in months and weeks", () => {
    const timeline = { ...minimal.assumptions.timeline, pilotWeeks: 3 };
    expect(() => parseProposal({ ...minimal, assumptions: { ...minimal.assumptions, timeline } })).toThrow(
      "assumptions.timeline.pilotWeeks: give pilotMonths or pilotWeeks, not both",
    );
  });

  it("annualises a count stated per block of weeks", () => {
    const target = { kind: "countPerYear", value: 10, perWeeks: 12, cohortSize: 61 };
    const p = parseProposal({ ...minimal, assumptions: { ...minimal.assumptions, target } });
    expect(p.assumptions.cohort!.target.value.toNumber()).toBeCloseTo((10 * 52.18) / 12, 12);
  });
});
