import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import {
  EngineError,
  checkProposal,
  computeProfile,
  decimalCalculator,
  edgeOfCare,
  parseDemandModel,
  parseEdgeOfCareSet,
  parseTriangulationInput,
  projectDemand,
  triangulate,
} from "../../src/engine";
import { computeAssumptions } from "../../src/engine/assumptions";
import { proposalSheetName } from "../../src/workbook/names";
import { EXAMPLES_DIR, readExample } from "./examples";

/**
 * Every file in examples/ parses and computes, whatever it holds (a proposal, a triangulation table, an edge
 * of care summary, a demand model, the programme). A proposal parses without warnings unless its notes say
 * why a value looks odd (a "warning" in `published.notes`), and every computed figure is finite.
 */

const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".json"));
const schemaOf = (raw: unknown): string =>
  typeof raw === "object" && raw !== null && typeof (raw as { $schema?: unknown }).$schema === "string"
    ? path.basename((raw as { $schema: string }).$schema)
    : "";

describe("every bundled example", () => {
  it("has a schema the tests know, or is the programme", () => {
    const known = new Set([
      "proposal.schema.json",
      "triangulation.schema.json",
      "edge-of-care.schema.json",
      "demand.schema.json",
    ]);
    expect(files.filter((f) => f !== "programme.json" && !known.has(schemaOf(readExample(f))))).toEqual([]);
  });

  const proposals = files.filter((f) => schemaOf(readExample(f)) === "proposal.schema.json");

  it.each(proposals)("%s parses without unexplained warnings and computes finite figures", (f) => {
    const { value, warnings } = checkProposal(readExample(f));
    if (!/warning/i.test(value.published?.notes ?? "")) expect(warnings).toEqual([]);
    const { profile, proposal } = computeAssumptions(value.assumptions);
    const figures = [
      ...proposal.years.flatMap((y) => [
        y.gross,
        y.costs,
        y.cumulative,
        y.inflationContingency,
        y.mtfsImpact,
      ]),
      ...profile.years.flatMap((y) => [y.gross, y.cumulative, y.avoidedEvents, y.caseloadReduction]),
      proposal.fullRunRate.value,
      profile.quantifiedOpportunity,
    ];
    expect(figures.filter((x) => !x.isFinite())).toEqual([]);
    expect(proposal.streams.length).toBeGreaterThan(0);
  });

  it.each(proposals.filter((f) => !("streams" in (readExample(f) as { assumptions: object }).assumptions)))(
    "%s (single-cohort form) computes the same profile through computeAssumptions as computeProfile",
    (f) => {
      const { value } = checkProposal(readExample(f));
      const viaStreams = computeAssumptions(value.assumptions).profile;
      const direct = computeProfile(value.assumptions.cohort!);
      expect(viaStreams.years.map((y) => y.cumulative.toFixed(6))).toEqual(
        direct.years.map((y) => y.cumulative.toFixed(6)),
      );
    },
  );

  const tables = files.filter((f) => schemaOf(readExample(f)) === "triangulation.schema.json");
  it.each(tables)("%s parses and triangulates", (f) => {
    expect(triangulate(parseTriangulationInput(readExample(f))).rows.length).toBeGreaterThan(0);
  });

  const edge = files.filter((f) => schemaOf(readExample(f)) === "edge-of-care.schema.json");
  it.each(edge)("%s parses and computes every programme", (f) => {
    const set = parseEdgeOfCareSet(readExample(f));
    expect(set.programmes.map((p) => edgeOfCare(p)).length).toBeGreaterThan(0);
  });

  const demand = files.filter((f) => schemaOf(readExample(f)) === "demand.schema.json");
  it.each(demand)("%s parses and projects", (f) => {
    expect(projectDemand(parseDemandModel(readExample(f)), decimalCalculator).years.length).toBeGreaterThan(
      0,
    );
  });
});

/** Every property name the proposal format defines, at any depth of its JSON Schema. */
const FORMAT_KEYS: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  const walk = (x: unknown): void => {
    if (typeof x !== "object" || x === null) return;
    const props = (x as { properties?: unknown }).properties;
    if (typeof props === "object" && props !== null) Object.keys(props).forEach((k) => names.add(k));
    Object.values(x).forEach(walk);
  };
  walk(JSON.parse(fs.readFileSync(path.join(__dirname, "../../schema/proposal.schema.json"), "utf8")));
  return names;
})();

/** Every object in a JSON value with its field path as errors name it (a.b[0].c), FY-keyed maps left out. */
function objectPaths(x: unknown, at = ""): { path: string; keys: string[] }[] {
  if (Array.isArray(x)) return x.flatMap((v, i) => objectPaths(v, `${at}[${i}]`));
  if (typeof x !== "object" || x === null) return [];
  const keys = Object.keys(x);
  const own = keys.some((k) => /^FY\d/.test(k)) ? [] : [{ path: at, keys }];
  return [
    ...own,
    ...keys.flatMap((k) => objectPaths((x as Record<string, unknown>)[k], at ? `${at}.${k}` : k)),
  ];
}

describe("the examples under strict input", () => {
  const proposals = files.filter((f) => schemaOf(readExample(f)) === "proposal.schema.json");
  const nodes = proposals.flatMap((f) => objectPaths(readExample(f)).map((n) => ({ file: f, ...n })));

  it("property: a key added anywhere in any example is refused, naming its full path", () => {
    // A key the format defines somewhere ("risk", "source", "places") may be legal at the drawn node: not a case.
    const key = fc
      .stringMatching(/^[a-z][a-zA-Z]{2,11}$/)
      .filter((k) => !k.endsWith("Note") && k !== "note" && !FORMAT_KEYS.has(k));
    expect(["risk", "source", "places", "baseline"].every((k) => FORMAT_KEYS.has(k))).toBe(true);
    fc.assert(
      fc.property(fc.constantFrom(...nodes), key, (node, k) => {
        fc.pre(!node.keys.includes(k));
        const raw = readExample(node.file) as Record<string, unknown>;
        const target = node.path
          .split(/\.|(?=\[)/)
          .filter(Boolean)
          .reduce<unknown>(
            (o, part) =>
              part.startsWith("[")
                ? (o as unknown[])[Number(part.slice(1, -1))]
                : (o as Record<string, unknown>)[part],
            raw,
          ) as Record<string, unknown>;
        target[k] = 1;
        try {
          checkProposal(raw);
        } catch (e) {
          return (
            e instanceof EngineError &&
            e.code === "unknown-field" &&
            e.field === (node.path ? `${node.path}.${k}` : k)
          );
        }
        return false;
      }),
      { numRuns: 200 },
    );
  });
});

describe("examples/programme.json links", () => {
  interface Row {
    readonly opportunity: string;
    readonly proposalSheet?: string;
    readonly example?: string;
  }
  const config = readExample("programme.json") as { directorates: readonly { rows: readonly Row[] }[] };
  const linked = config.directorates.flatMap((d) => d.rows).filter((r) => r.example || r.proposalSheet);

  it("links every modelled row to its example and the sheet the workbook names after it", () => {
    for (const r of linked) {
      expect([r.opportunity, r.example && files.includes(r.example)]).toEqual([r.opportunity, true]);
      const name = (readExample(r.example!) as { opportunity: { name: string } }).opportunity.name;
      expect([r.opportunity, r.proposalSheet]).toEqual([r.opportunity, proposalSheetName(name)]);
    }
  });

  it("links 11 rows, one per visible Appendix B proposal", () => {
    expect(linked).toHaveLength(11);
    expect(new Set(linked.map((r) => r.example)).size).toBe(11);
  });
});
