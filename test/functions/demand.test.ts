import { readFileSync } from "fs";
import { join } from "path";
import { callMtfs, errorOf } from "./register";
import fc from "fast-check";
import { DEMAND_RANGE } from "./fixtures/demandRange";
import { decimalCalculator, fyLabel, parseDemandModel, projectDemand, toPounds } from "../../src/engine";

const example = JSON.parse(
  readFileSync(join(__dirname, "../../examples/national-children-in-care.json"), "utf8"),
) as Record<string, unknown>;

/** The example as a sheet would hold it: plain labels, phasing rows, and a notes column. */
const range: unknown[][] = [
  ["Assumption", "Value", "Notes"],
  ["Name", example.name, ""],
  ["Base year", "2024/25", ""],
  ["End year", 2035, "2035/36 as a start year"],
  ["Report from", "FY26/27", ""],
  ["Children in care", 26700, "stated"],
  ["Entries", 14465, "inferred"],
  ["Entries growth", "0.8796%", ""],
  ["Exit rate", 0.5377, ""],
  ["Spend (£)", 3.27e9, ""],
  ["Unit cost inflation", 0.02531, ""],
  ["Budget", 2.7e9, ""],
  ["Budget growth", "3.399%", ""],
  ["Entries change", "-14.5%", ""],
  ["Exit rate change", 0.022, ""],
  ["Exit lag (years)", 1, ""],
  ["Phasing 2027/28", 0, ""],
  ["Phasing 2028/29", "50%", ""],
  ["Phasing 2029/30", 1, ""],
  [null, null, null],
];

describe("MTFS.DEMAND", () => {
  const engine = projectDemand(parseDemandModel(example), decimalCalculator);

  it("spills the years of the example's projection, equal to the engine (what calc demand prints)", () => {
    const grid = callMtfs("DEMAND", range, null, null, null) as (string | number)[][];
    expect(grid[0]).toEqual(["£", ...engine.years.map((y) => y.label)]);
    const row = (label: string) => grid.find((r) => r[0] === label)?.slice(1);
    expect(row("Do-nothing spend")).toEqual(engine.years.map((y) => toPounds(y.doNothing.spend)));
    expect(row("With-impact spend")).toEqual(engine.years.map((y) => toPounds(y.withImpact.spend)));
    expect(row("Budget")).toEqual(engine.years.map((y) => toPounds(y.budget)));
    expect(row("Stock (with impact)")).toEqual(engine.years.map((y) => y.withImpact.stock.toNumber()));
  });

  it("gives one headline figure, with the levers scaled for the half-impact scenario", () => {
    expect(callMtfs("DEMAND", range, "breakEvenYear", null, null)).toEqual([
      [fyLabel(engine.breakEvenYear!)],
    ]);
    expect(callMtfs("DEMAND", range, "cumulativeBenefit", null, null)).toEqual([
      [toPounds(engine.cumulativeBenefit)],
    ]);
    const half = callMtfs("DEMAND", range, "cumulativeBenefit", null, 0.5) as number[][];
    expect(half[0][0] / toPounds(engine.cumulativeBenefit)).toBeGreaterThan(0.45);
    expect(half[0][0] / toPounds(engine.cumulativeBenefit)).toBeLessThan(0.55);
    const e = errorOf(callMtfs("DEMAND", range, "breakEvenYear", null, 0.5));
    expect([e?.code, e?.message]).toEqual(["#N/A", "result: spend never falls within budget"]);
  });

  it("reads 'Entries 2030/31' and 'Exit rate 2031/32' rows as stated values, in any row order", () => {
    const stated = [...range, ["Exit rate 2031/32", 0.6, ""], ["Entries 2030/31", 16000, ""]];
    const grid = callMtfs("DEMAND", stated, null, "columns", null) as (string | number)[][];
    const model = parseDemandModel({
      ...example,
      entriesByYear: [{ year: 2030, entries: 16000 }],
      exitRateByYear: [{ year: 2031, exitRate: 0.6 }],
    });
    const expected = projectDemand(model, decimalCalculator);
    const withImpact = grid[0].indexOf("With-impact spend");
    expect(grid.slice(1).map((r) => r[withImpact])).toEqual(
      expected.years.map((y) => toPounds(y.withImpact.spend)),
    );
    const bad = errorOf(callMtfs("DEMAND", [...range, ["Exit rate 2031/32", 2, ""]], null, null, null));
    expect(bad?.message).toBe('model "Exit rate 2031/32" (row 21): must be <= 1, got 2');
  });

  it("turns the years down with orientation columns", () => {
    const grid = callMtfs("DEMAND", range, null, "columns", null) as (string | number)[][];
    expect(grid.map((r) => r[0])).toEqual(["£", ...engine.years.map((y) => y.label)]);
  });

  it("accepts the JSON keys as labels", () => {
    const json = range.map((r) => r.slice());
    json[5][0] = "stock";
    json[14][0] = "levers.exitRateChange";
    expect(callMtfs("DEMAND", json, "cumulativeBenefit", null, null)).toEqual(
      callMtfs("DEMAND", range, "cumulativeBenefit", null, null),
    );
  });

  it("names the row of an unknown label or a bad value as #VALUE!", () => {
    const typo = [...range, ["Budget grwoth", 0.03, ""]];
    const e = errorOf(callMtfs("DEMAND", typo, null, null, null));
    expect([e?.code, e?.message]).toEqual(["#VALUE!", 'model row 21: "Budget grwoth" is not a demand label']);
    const bad = range.map((r) => (r[0] === "Exit rate" ? ["Exit rate", 2, ""] : r));
    const b = errorOf(callMtfs("DEMAND", bad, null, null, null));
    expect([b?.code, b?.message]).toEqual(["#VALUE!", 'model "Exit rate" (row 9): must be <= 1, got 2']);
    const r = errorOf(callMtfs("DEMAND", range, "everything", null, null));
    expect(r?.code).toBe("#VALUE!");
  });
});

describe("MTFS.DEMAND robustness", () => {
  const hostile = fc.oneof(
    fc.constant(null),
    fc.constant(0),
    fc.double(),
    fc.string(),
    fc.constantFrom("1e400", "NaN", "-Infinity", "2.2%", "FY26/27", "(".repeat(32_767), "all"),
    fc.boolean(),
  );
  const hostileLabel = fc.constantFrom(
    "Phasing 1e400",
    "Phasing FY99/00",
    "Entries 2030/31",
    "Exit rate 12345",
    "Entries 2099/00",
    "levers.phasing[0].share",
    "(".repeat(32_767),
  );

  it("one row's value or label replaced by anything gives figures or an Excel input error with a message", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: DEMAND_RANGE.length - 1 }),
        hostile,
        hostileLabel,
        fc.boolean(),
        (i, v, l, relabel) => {
          const rows = DEMAND_RANGE.map((r, j) => (j === i ? [relabel ? l : r[0], v] : r));
          const out = callMtfs("DEMAND", rows, null, null, null) as unknown[][];
          for (const c of out.flat()) {
            if (typeof c === "number") expect(Number.isFinite(c)).toBe(true);
            else if (typeof c !== "string") {
              const e = errorOf(c);
              expect(e?.message ?? "").toMatch(/: /);
              expect(e?.message ?? "").not.toMatch(/^unexpected error/);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
