import * as fs from "fs";
import * as path from "path";
import { callMtfs, errorOf } from "./register";
import {
  computeProfile,
  parseProposal,
  parseTriangulationInput,
  toPounds,
  triangulate,
  type TriangulationRowResult,
} from "../../src/engine";

/**
 * Every bundled example through the formulas, compared with the engine (what the CLI prints) to the penny.
 * A proposal's assumptions are laid out as a label/value range whose labels are the JSON paths, exactly
 * as a user can paste them into a sheet.
 */
const dir = path.join(__dirname, "..", "..", "examples");
const examples = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({
    file: f,
    json: JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Record<string, any>,
  }));

/** A JSON object as label/value rows: "unitCost.weeklyCost" | 1487, "investment[0].fromDate" | "2026-12-01". */
function labelValueRows(value: unknown, prefix = ""): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => labelValueRows(v, `${prefix}[${i}]`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => labelValueRows(v, prefix === "" ? k : `${prefix}.${k}`));
  }
  return [[prefix, value]];
}

const proposals = examples.filter((e) => e.json.assumptions !== undefined);
const triangulations = examples.filter((e) => e.json.kind === "annualStarts");

it("finds the bundled examples", () => {
  expect(proposals.length).toBeGreaterThanOrEqual(3);
  expect(triangulations.length).toBeGreaterThanOrEqual(1);
});

describe.each(proposals)("examples/$file", ({ json }) => {
  const profile = computeProfile(parseProposal(json).assumptions);
  const range = labelValueRows(json.assumptions);

  it("MTFS.BENEFIT.PROFILE on its assumptions range equals the engine to the penny", () => {
    const out = callMtfs("BENEFIT.PROFILE", range, "all") as (string | number)[][];
    expect(errorOf(out)).toBeUndefined();
    expect(out[0].slice(1)).toEqual(profile.years.map((y) => y.label));
    expect(out[1].slice(1)).toEqual(profile.years.map((y) => toPounds(y.inYear)));
    expect(out[2].slice(1)).toEqual(profile.years.map((y) => toPounds(y.cumulative)));
    expect(out[3].slice(1)).toEqual(profile.years.map((y) => toPounds(y.gross)));
    expect(out[4].slice(1)).toEqual(profile.years.map((y) => toPounds(y.costs)));
    expect(out[5].slice(1)).toEqual(profile.years.map((y) => toPounds(y.overlap)));
  });

  it("MTFS.QUANTIFIED and MTFS.RUNRATE equal the engine to the penny", () => {
    expect(callMtfs("QUANTIFIED", range)).toBe(toPounds(profile.quantifiedOpportunity));
    expect(callMtfs("RUNRATE", range, null)).toBe(toPounds(profile.fullRunRate.value));
    expect(callMtfs("RUNRATE", range, "fy")).toBe(profile.fullRunRate.label);
  });
});

describe.each(triangulations)("examples/$file", ({ json }) => {
  it("MTFS.TRIANGULATE on its % column equals the engine's rounded figures", () => {
    const expected = triangulate(parseTriangulationInput(json)).rows.map((r: TriangulationRowResult) =>
      r.kind === "annualStarts"
        ? [r.annualAvoidedStarts, r.caseloadByEndOfMtfs].map((w) => (w.low.eq(w.high) ? w.low.toNumber() : w))
        : [],
    );
    const out = callMtfs(
      "TRIANGULATE",
      json.rows.map((r: { percentChange: unknown }) => [r.percentChange]),
      json.baselineStarts,
      json.mtfsCaseload,
      json.realisationFactor ?? null,
    ) as unknown[][];
    out.forEach((row, i) => {
      expected[i].forEach((e, j) => {
        if (typeof e === "number") expect(row[j]).toBe(e);
        else expect(row[j]).toBe(`${e.low.toNumber()} – ${e.high.toNumber()}`);
      });
    });
  });
});
