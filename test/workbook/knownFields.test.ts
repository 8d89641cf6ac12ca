import * as fs from "fs";
import * as path from "path";
import { knownFields, type FieldSchema } from "../../src/workbook/knownFields";
import { EXAMPLES, MODELLED_EXAMPLES, readExample } from "./fixtures";

const SCHEMAS = new Map(
  ["proposal.schema.json", "triangulation.schema.json"].map((f) => [
    f,
    JSON.parse(fs.readFileSync(path.join(EXAMPLES, "..", "schema", f), "utf8")) as FieldSchema,
  ]),
);
const proposalSchema = SCHEMAS.get("proposal.schema.json")!;

describe("knownFields", () => {
  it.each(MODELLED_EXAMPLES)("keeps every field of %s (the schema defines them all)", (file) => {
    const raw = readExample(file);
    expect(knownFields(raw, proposalSchema, SCHEMAS)).toEqual(raw);
  });

  it("drops fields the schema does not define, at any depth, and keeps map keys", () => {
    const raw = readExample("cfs-targeted-prevention.json");
    const junk = {
      ...raw,
      notes: "x".repeat(1000),
      opportunity: { ...raw.opportunity, secret: { a: 1 } },
      assumptions: {
        ...raw.assumptions,
        extra: 5,
        investment: [{ ...raw.assumptions.investment[0], more: 1 }],
      },
      triangulation: { ...raw.triangulation, rows: [{ ...raw.triangulation.rows[0], colour: "red" }] },
      published: { cumulative: { "FY26/27": 1 }, stray: 2 },
    };
    const got = knownFields(junk, proposalSchema, SCHEMAS) as typeof raw;
    expect(got.notes).toBeUndefined();
    expect(got.opportunity).toEqual(raw.opportunity);
    expect(got.assumptions.extra).toBeUndefined();
    expect(got.assumptions.investment).toEqual([raw.assumptions.investment[0]]);
    expect(got.triangulation.rows).toEqual([raw.triangulation.rows[0]]);
    expect(got.published).toEqual({ cumulative: { "FY26/27": 1 } });
  });

  it("never turns a '__proto__' key into a prototype", () => {
    const raw = JSON.parse('{"published":{"cumulative":{"__proto__":{"polluted":1}}},"__proto__":{"x":1}}');
    const got = knownFields(raw, proposalSchema, SCHEMAS) as { published: { cumulative: object } };
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(got.published.cumulative)).toBe(Object.prototype);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });
});
