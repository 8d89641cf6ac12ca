import * as fs from "fs";
import * as path from "path";
import { callMtfs, errorOf } from "./register";
import { readFunctionDocs } from "../../src/functions/helpPage";
import { CFS_RANGE } from "./fixtures/cfsRange";

/**
 * Every rate or percentage argument of every function, called through its registered adapter with a whole
 * number typed for a percent beyond its bound (5 for 5%, or 50 where 1000% is allowed): each is refused as
 * #VALUE! naming the argument as Excel's argument help does, in the wording the CLI and the proposal sheets use
 * for a rate, and the same figure typed as a percent works.
 */

const docs = readFunctionDocs(
  fs.readFileSync(path.join(__dirname, "..", "..", "src", "functions", "functions.ts"), "utf8"),
);

/** [function, argument as the message names it, whether it is a rate a year, the call with `x` in its place]. */
const RATE_ARGUMENTS: readonly (readonly [string, string, boolean, (x: number) => unknown[]])[] = [
  ["INFLATE", "inflationPerYear", true, (x) => [5800, "FY26/27", "FY29/30", x]],
  ["CARE.AVOIDED", "inflationPerYear", true, (x) => [6, 4850, 78, 46661, null, x, null, null]],
  ["NPV", "rate", true, (x) => [[[0, 110]], [[50, 0]], x, null]],
  ["NPV", "deflators", true, (x) => [[[0, 110]], [[50, 0]], null, [[x]]]],
  ["BCR", "rate", true, (x) => [[[0, 110]], [[50, 0]], x, null]],
  ["BCR", "deflators", true, (x) => [[[0, 110]], [[50, 0]], null, [[x]]]],
  ["DISCOUNTED.PAYBACK", "rate", true, (x) => [[[0, 110]], [[50, 0]], x, null, null]],
  ["DISCOUNTED.PAYBACK", "deflators", true, (x) => [[[0, 110]], [[50, 0]], null, [[x]], null]],
  ["EDGE.OF.CARE", "successRate", false, (x) => [100, x, 38406, null, null, null, false]],
  ["EDGE.OF.CARE", "deflator", false, (x) => [100, 0.85, 38406, null, x, null, false]],
  ["RISK.ADJUST", "table (row 1)", false, (x) => [[[1.2]], "Low", [["Low", x]]]],
  ["SENSITIVITY", "high", false, (x) => [CFS_RANGE, null, x]],
  ["TRIANGULATE", "percentChange (cell 1)", false, (x) => [[[x]], 260, 734, null, null]],
  ["TRIANGULATE", "realisationFactor", false, (x) => [[[0.26]], 260, 734, x, null]],
  ["RAG", "green", false, (x) => [96, 100, x, 0.01]],
  ["RAG", "amber", false, (x) => [96, 100, 10, x]],
  // Read by the engine's parser (as `calc profile` reads them), in the same wording.
  ["BENEFIT.PROFILE", "inflationPerYear", true, (x) => profileArgs(10, x)],
  ["BENEFIT.PROFILE", "growthPerYear", true, (x) => profileArgs(11, x)],
];

/** MTFS.BENEFIT.PROFILE from a baseline volume with `x` as argument `at` (0-based). */
function profileArgs(at: number, x: number): unknown[] {
  const args: unknown[] = [[[260]], null, null, 0.08, 1487, 153.1, 46235, ...Array<null>(12).fill(null)];
  args[at] = x;
  return args;
}

/** Arguments whose bounds go beyond 100% (as fractions): there a bare number is the fraction it is. */
const UPPER_BOUND: Readonly<Record<string, number>> = {
  "SENSITIVITY high": 10,
  "RAG green": 10,
  "RAG amber": 10,
};

describe.each(RATE_ARGUMENTS)("MTFS.%s's %s", (id, name, perYear, call) => {
  const most = UPPER_BOUND[`${id} ${name}`] ?? 1;
  const x = 5 * most;

  it("refuses a whole number typed for a percent beyond its bound, naming the argument and the rule", () => {
    const e = errorOf(callMtfs(id, ...call(x)));
    expect([e?.code, e?.message]).toEqual([
      "#VALUE!",
      `${name}: must be <= ${most * 100}%${perYear ? " a year" : ""}, got ${x}, which reads as ${x * 100}%; type ${x}% or ${x / 100}`,
    ]);
  });

  it("takes the same figure typed as a percent", () => {
    expect(errorOf(callMtfs(id, ...call(x / 100)))).toBeUndefined();
  });

  it("is named as Excel's argument help names it", () => {
    const params = docs.find((d) => d.id === id)?.params.map((p) => p.name);
    expect(params).toContain(name.replace(/ \(.*\)$/, ""));
  });
});

describe("arguments whose bounds allow beyond ±100%", () => {
  /** [function, the call with the change in its place, a change the argument allows beyond ±100%]. */
  const WIDE: readonly (readonly [string, (x: number | string) => unknown[], number])[] = [
    ["SENSITIVITY", (x) => [CFS_RANGE, null, x], 1.5],
    ["SENSITIVITY", (x) => [CFS_RANGE, x, null], -1.5],
    ["TRIANGULATE", (x) => [[[x]], 260, 734, null, null], -1.5],
    ["TRIANGULATE", (x) => [[[x]], 4.7, 152, null, "monthly"], 1.5],
  ];

  it.each(WIDE)(
    "MTFS.%s reads a bare number as the fraction a cell formatted as a percentage shows",
    (id, call, x) => {
      const asText = callMtfs(id, ...call(`${x * 100}%`));
      expect(errorOf(asText)).toBeUndefined();
      expect(callMtfs(id, ...call(x))).toEqual(asText);
    },
  );

  it("keeps the whole-percent refusal on the side bounded by 100% (an annual reduction, a monthly fall)", () => {
    expect(errorOf(callMtfs("TRIANGULATE", [[1.5]], 260, 734, null, null))?.message).toBe(
      "percentChange (cell 1): must be <= 100%, got 1.5, which reads as 150%; type 1.5% or 0.015",
    );
    expect(errorOf(callMtfs("TRIANGULATE", [[-1.5]], 4.7, 152, null, "monthly"))?.message).toBe(
      "percentChange (cell 1): must be >= -100%, got -1.5, which reads as -150%; type -1.5% or -0.015",
    );
  });

  it("MTFS.RAG takes a green above 100%, typed 105% or read from a cell formatted so", () => {
    expect(callMtfs("RAG", 106, 100, 1.05, null)).toBe("Green");
    expect(callMtfs("RAG", 104, 100, 1.05, null)).toBe("Amber");
  });
});

describe("MTFS.SENSITIVITY's low", () => {
  it("refuses a negative whole number as a percent below -1000%, and takes the change typed as text", () => {
    const e = errorOf(callMtfs("SENSITIVITY", CFS_RANGE, -20, null));
    expect(e?.message).toBe("low: must be >= -1000%, got -20, which reads as -2000%; type -20% or -0.2");
    expect(errorOf(callMtfs("SENSITIVITY", CFS_RANGE, "-20%", "150%"))).toBeUndefined();
  });
});
