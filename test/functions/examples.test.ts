import * as fs from "fs";
import * as path from "path";
import { callMtfs, errorOf } from "./register";
import { main } from "../../src/cli";
import {
  computeProfile,
  edgeOfCare,
  parseEdgeOfCareInput,
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

// Single-cohort files only: computeProfile needs `.cohort`; the multi-stream examples run in
// test/engine/examples.test.ts (their ranges are the sheet's multi-stream layout, docs/functions.md).
const proposals = examples.filter(
  (e) => e.json.assumptions !== undefined && e.json.assumptions.streams === undefined,
);
const triangulations = examples.filter(
  (e) => e.json.kind === "annualStarts" || e.json.kind === "monthlyStarts",
);
// Edge-of-care summaries whose annual target is stated by its drivers with one deflator rate (or none).
const edgeTargets = examples.filter(
  (e) =>
    e.json.target?.averageAnnualPlacementCost !== undefined &&
    typeof e.json.target.targetingDeflator !== "object",
);

it("finds the bundled examples", () => {
  expect(proposals.length).toBeGreaterThanOrEqual(3);
  expect(triangulations.length).toBeGreaterThanOrEqual(1);
  expect(edgeTargets.length).toBeGreaterThanOrEqual(2);
});

describe.each(proposals)("examples/$file", ({ file, json }) => {
  const profile = computeProfile(parseProposal(json).assumptions.cohort!);
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

  it("MTFS.BENEFIT.PROFILE equals `mtfs-benefits calc profile --format json` to the penny", async () => {
    let stdout = "";
    const code = await main(["calc", "profile", "--input", path.join(dir, file), "--format", "json"], {
      out: (t) => void (stdout += t),
      err: () => undefined,
    });
    expect(code).toBe(0);
    const cli = JSON.parse(stdout) as {
      years: Record<string, number | string>[];
      quantifiedOpportunity: number;
    };
    const out = callMtfs("BENEFIT.PROFILE", range, "all") as (string | number)[][];
    const row = (label: string): (string | number)[] => out.find((r) => r[0] === label)?.slice(1) ?? [];
    expect(row("In-year spend reduction")).toEqual(cli.years.map((y) => y.inYear));
    expect(row("Cumulative benefit")).toEqual(cli.years.map((y) => y.cumulative));
    expect(row("Gross saving")).toEqual(cli.years.map((y) => y.gross));
    expect(row("Costs")).toEqual(cli.years.map((y) => y.costs));
    expect(row("MTFS overlap")).toEqual(cli.years.map((y) => y.overlap));
    expect(callMtfs("QUANTIFIED", range)).toBe(cli.quantifiedOpportunity);
  });

  it("MTFS.QUANTIFIED and MTFS.RUNRATE equal the engine to the penny", () => {
    expect(callMtfs("QUANTIFIED", range)).toBe(toPounds(profile.quantifiedOpportunity));
    expect(callMtfs("RUNRATE", range, null)).toBe(toPounds(profile.fullRunRate.value));
    expect(callMtfs("RUNRATE", range, "fy")).toBe(profile.fullRunRate.label);
  });
});

describe.each(triangulations)("examples/$file", ({ json }) => {
  it("MTFS.TRIANGULATE on its % column equals the engine's rounded figures", () => {
    const cell = (w: {
      low: { toNumber(): number; eq(x: unknown): boolean };
      high: { toNumber(): number };
    }) => (w.low.eq(w.high) ? w.low.toNumber() : `${w.low.toNumber()} – ${w.high.toNumber()}`);
    const expected = triangulate(parseTriangulationInput(json)).rows.map((r: TriangulationRowResult) =>
      r.kind === "annualStarts"
        ? [cell(r.annualAvoidedStarts), cell(r.caseloadByEndOfMtfs!)]
        : [cell(r.childrenPerMonth), cell(r.caseloadInHorizon!)],
    );
    const column = json.rows.map((r: { percentChange: unknown }) => [r.percentChange]);
    const out =
      json.kind === "annualStarts"
        ? callMtfs(
            "TRIANGULATE",
            column,
            json.baselineStarts,
            json.mtfsCaseload,
            json.realisationFactor ?? null,
            null,
          )
        : callMtfs("TRIANGULATE", column, json.startsPerMonth, json.baselineCaseload, null, "monthly");
    expect(out).toEqual(expected);
  });
});

describe.each(edgeTargets)("examples/$file", ({ json }) => {
  it("MTFS.EDGE.OF.CARE on the annual target's drivers equals the engine's target row", () => {
    const target = edgeOfCare(parseEdgeOfCareInput(json)).target;
    const t = json.target;
    const out = callMtfs(
      "EDGE.OF.CARE",
      t.childrenStarted,
      t.successRate,
      t.averageAnnualPlacementCost,
      t.placementYears,
      t.targetingDeflator ?? null,
      t.interventionCost,
      false,
    );
    expect(out).toEqual([
      [
        target?.cumulativeGross.toNumber(),
        target?.postDeflatorCumulative.toNumber(),
        target?.net?.toNumber(),
        target?.inYearDiversions.toNumber(),
      ],
    ]);
  });
});
