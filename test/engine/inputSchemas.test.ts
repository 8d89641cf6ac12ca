import Ajv from "ajv";
import { readFileSync } from "fs";
import { join } from "path";

// The JSON Schemas users (and editors) validate against must accept every bundled example.
const root = join(__dirname, "../..");
const json = (p: string): unknown => JSON.parse(readFileSync(join(root, p), "utf8"));

describe("input schemas accept the bundled examples", () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const cases: readonly [string, readonly string[]][] = [
    [
      "schema/triangulation.schema.json",
      [
        "examples/cfs-targeted-prevention-triangulation.json",
        "examples/family-based-placements-triangulation.json",
      ],
    ],
    [
      "schema/edge-of-care.schema.json",
      [
        "examples/edge-of-care-mst.json",
        "examples/edge-of-care-fft.json",
        "examples/edge-of-care-all-programmes.json",
        "examples/edge-of-care-mst-fft-rollup.json",
      ],
    ],
    [
      "schema/demand.schema.json",
      ["examples/national-children-in-care.json", "examples/national-children-in-care-500k.json"],
    ],
  ];
  for (const [schema, examples] of cases) {
    const validate = ajv.compile(json(schema) as object);
    for (const example of examples) {
      it(`${schema} accepts ${example}`, () => {
        expect(validate(json(example)) ? [] : validate.errors).toEqual([]);
      });
    }
  }

  it("the triangulation schema rejects a row without a %", () => {
    const validate = new Ajv({ strict: false }).compile(json("schema/triangulation.schema.json") as object);
    expect(validate({ baselineStarts: 1, mtfsCaseload: 1, rows: [{ method: "x" }] })).toBe(false);
    // A row may state its starts instead (no baseline, no caseload column).
    expect(validate({ rows: [{ method: "x", avoidedStarts: 6.5 }] })).toBe(true);
  });

  it("the demand schema refuses an unknown key and two exit measures", () => {
    const validate = new Ajv({ strict: false }).compile(json("schema/demand.schema.json") as object);
    const base = json("examples/national-children-in-care.json") as Record<string, unknown>;
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, entriesGrowht: 0.01 })).toBe(false);
    expect(validate({ ...base, meanStayYears: 2 })).toBe(false);
  });
});
