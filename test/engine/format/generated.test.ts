import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { proposalFormat } from "../../../src/engine/format/proposalFormat";
import { triangulationFormat } from "../../../src/engine/format/triangulationFormat";
import { edgeOfCareProgrammeFormat, edgeOfCareSetFormat } from "../../../src/engine/format/edgeOfCareFormat";
import { demandFormat } from "../../../src/engine/format/demandFormat";
import { fieldRows, fieldTable, toJsonSchema } from "../../../src/engine/format/describe";
import { STREAM_KINDS } from "../../../src/engine/choices";

/**
 * schema/*.schema.json and the field tables in docs/engine.md are generated from the one definition of each
 * input format (src/engine/format/). This test regenerates them and fails when a committed file differs;
 * `npm run schema` (UPDATE_SCHEMA=1, then Prettier) rewrites them.
 */
const root = path.join(__dirname, "../../..");
const BASE = "https://mtfs-benefits.example/schema/";

const schemas: readonly [string, string, string, Record<string, unknown>][] = [
  [
    "proposal.schema.json",
    "MTFS Benefits proposal",
    'A benefits proposal in the words of the Benefits Proposal template. Money in £ (not £m), rates as fractions or percent strings, dates ISO, FY as "FY26/27". Any other key is refused. Generated from src/engine/format/proposalFormat.ts (npm run schema); do not edit.',
    toJsonSchema(proposalFormat),
  ],
  [
    "triangulation.schema.json",
    "MTFS Benefits triangulation table",
    "A triangulation table (stand-alone, or a proposal's triangulation block). Generated from src/engine/format/triangulationFormat.ts (npm run schema); do not edit.",
    toJsonSchema(triangulationFormat),
  ],
  [
    "edge-of-care.schema.json",
    "MTFS Benefits edge-of-care summaries",
    "One edge-of-care programme, or a set to roll up. Generated from src/engine/format/edgeOfCareFormat.ts (npm run schema); do not edit.",
    { anyOf: [toJsonSchema(edgeOfCareProgrammeFormat), toJsonSchema(edgeOfCareSetFormat)] },
  ],
  [
    "demand.schema.json",
    "MTFS Benefits demand model",
    "A stock-flow demand model (children in care): stock, entries and exits per financial year, a do-nothing projection from trends, spend = stock × unit cost against a budget line, and two phased levers. Used by `mtfs-benefits calc demand`, MTFS.DEMAND and a cohort stream's demand baseline. Money in £ a year; rates as fractions or percent strings; years as FY labels or start years. Give one of exitRate, meanStayYears, exits and one of unitCost, spend. Generated from src/engine/format/demandFormat.ts (npm run schema); do not edit.",
    toJsonSchema(demandFormat),
  ],
];

/** The text with each table row reduced to its trimmed cells (separator rows to "---"). */
function tableCells(text: string): string[] {
  return text.split("\n").map((line) =>
    line.startsWith("|")
      ? line
          .split(/(?<!\\)\|/)
          .map((c) => c.trim())
          .map((c) => (/^:?-+:?$/.test(c) ? "---" : c))
          .join("|")
      : line,
  );
}

describe("generated from the format definitions", () => {
  for (const [file, title, description, body] of schemas) {
    it(`schema/${file} is in step with its definition`, () => {
      const generated = {
        $schema: "http://json-schema.org/draft-07/schema#",
        $id: BASE + file,
        title,
        description,
        ...body,
      };
      const target = path.join(root, "schema", file);
      // Compared as JSON, so the file's layout is Prettier's (npm run schema formats it).
      if (process.env.UPDATE_SCHEMA) fs.writeFileSync(target, `${JSON.stringify(generated, null, 2)}\n`);
      expect(JSON.parse(fs.readFileSync(target, "utf8"))).toEqual(generated);
    });
  }

  it("the proposal schema accepts every bundled proposal and refuses an unknown key", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(fs.readFileSync(path.join(root, "schema/proposal.schema.json"), "utf8")),
    );
    for (const f of fs.readdirSync(path.join(root, "examples"))) {
      const j = JSON.parse(fs.readFileSync(path.join(root, "examples", f), "utf8"));
      if (!j.assumptions) continue;
      expect([f, validate(j) ? [] : validate.errors]).toEqual([f, []]);
      j.assumptions.durationWeek = 1;
      expect(validate(j)).toBe(false);
    }
  });

  it("the demand schema accepts both bundled demand models and refuses an unknown key", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(fs.readFileSync(path.join(root, "schema/demand.schema.json"), "utf8")),
    );
    for (const f of ["national-children-in-care.json", "national-children-in-care-500k.json"]) {
      const j = JSON.parse(fs.readFileSync(path.join(root, "examples", f), "utf8"));
      expect([f, validate(j) ? [] : validate.errors]).toEqual([f, []]);
      j.entriesGrowht = 0.01;
      expect(validate(j)).toBe(false);
    }
  });

  it("gives every FY field a rule that says what it takes, not a bare example", () => {
    const fyRows = fieldRows(proposalFormat, "").filter((r) => r.type === "FY");
    expect(fyRows.length).toBeGreaterThan(0);
    for (const r of fyRows) expect([r.path, r.rule]).toEqual([r.path, "a FY: FY26/27 or 2026"]);
  });

  it("docs/engine.md's field tables are in step with the definitions", () => {
    const file = path.join(root, "docs", "engine.md");
    const doc = fs.readFileSync(file, "utf8");
    // The proposal's own table, then one per stream kind with paths inside the stream.
    const proposalRows = fieldRows(proposalFormat, "");
    const inStream = (kind: string) => `assumptions.streams[](${kind}).`;
    const streamTables = Object.fromEntries(
      STREAM_KINDS.map((kind) => [
        `stream-${kind}`,
        fieldTable(
          proposalRows
            .filter((r) => r.path.startsWith(inStream(kind)))
            .map((r) => ({ ...r, path: r.path.slice(inStream(kind).length) })),
        ),
      ]),
    );
    const tables: Record<string, string> = {
      proposal: fieldTable(proposalRows.filter((r) => !r.path.startsWith("assumptions.streams[]("))),
      ...streamTables,
      triangulation: fieldTable(fieldRows(triangulationFormat, "")),
      "edge-of-care": fieldTable([
        ...fieldRows(edgeOfCareProgrammeFormat, ""),
        ...fieldRows(edgeOfCareSetFormat, "").filter((r) => !r.path.startsWith("programmes[].")),
      ]),
      demand: fieldTable(fieldRows(demandFormat, "")),
    };
    let next = doc;
    for (const [name, table] of Object.entries(tables)) {
      const re = new RegExp(`(<!-- fields:${name}:start -->\\n)[\\s\\S]*?(<!-- fields:${name}:end -->)`);
      expect(re.test(next)).toBe(true);
      next = next.replace(re, (_m, a: string, b: string) => `${a}\n${table}\n\n${b}`);
    }
    if (process.env.UPDATE_SCHEMA) {
      fs.writeFileSync(file, next);
      return;
    }
    // Compared cell by cell, so Prettier's column alignment of the committed tables does not matter.
    expect(tableCells(doc)).toEqual(tableCells(next));
  });
});
