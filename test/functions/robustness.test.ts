import fc from "fast-check";
import { callMtfs, registered, StubCustomFunctionError } from "./register";

/**
 * Whatever a user types, a formula returns a value or an Excel error: it never throws into Excel's
 * calculation chain and never shows NaN or Infinity. The cells include what Excel really passes: 0 for an
 * empty cell on some desktop builds, 32,767-character text, numbers at Excel's limits, whole-column ranges.
 */
const LONG = 32_767;
const hostileText = fc.constantFrom(
  `${"1".repeat(LONG - 1)}x`, // backtracked in the old number pattern
  `a${" ".repeat(LONG - 2)}x`, // and in the old range pattern
  "(".repeat(LONG), // and in the label normaliser
  `1% to ${"1".repeat(LONG - 7)}x`,
  "investment[100000000].amountPerYear",
  "Investment 100000000: amountPerYear",
  "1e400",
  "-1e309",
  "NaN",
  "Infinity",
);
const cellValue = fc.oneof(
  fc.constant(null),
  fc.constant(0), // an empty cell on some desktop builds
  fc.double(), // NaN and ±Infinity included
  fc.constantFrom(9.99999999999999e307, -9.99999999999999e307, 5e-324, 1e15, 1e9),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.integer({ min: 40000, max: 60000 }), // plausible date serials
  fc.string(),
  fc.string({ minLength: 90, maxLength: 400 }),
  hostileText,
  fc.constantFrom(
    "8%",
    "FY26/27",
    "2026-08-01",
    "-9% to -30%",
    "all",
    "columns",
    "wholeYears",
    "Target %",
    "",
  ),
  fc.boolean(),
);
const label = fc.constantFrom(
  "Target %",
  "Duration",
  "Start date",
  "unitCost.weeklyCost",
  "investment[99].amountPerYear",
  "Horizon",
  "Ramp",
  "x",
  0,
);
/**
 * Long columns (65,536 rows: a few values, then empties as null or as 0), built once and shared; the full
 * 1,048,576-row column is checked in the per-function tests.
 */
const LONG_ROWS = 65_536;
const longColumns = [
  [0.26, "Target %", null],
  ["Baseline", 260, 0],
  [46235, "FY26/27", 0],
].map((head, i) =>
  Array.from({ length: LONG_ROWS }, (_, r) => [r < head.length ? head[r] : i === 0 ? null : 0]),
);
const longColumn = fc.constantFrom(...longColumns);
const argument = fc.oneof(
  { arbitrary: cellValue, weight: 6 },
  {
    arbitrary: fc.array(fc.array(cellValue, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
    weight: 2,
  },
  { arbitrary: fc.array(fc.tuple(label, cellValue), { maxLength: 6 }), weight: 2 },
  { arbitrary: longColumn, weight: 1 },
);

function isCellResult(v: unknown): boolean {
  if (v instanceof StubCustomFunctionError) return true;
  if (typeof v === "number") return Number.isFinite(v);
  // A label or "low – high" text never carries NaN or Infinity from a sum gone wrong.
  if (typeof v === "string") return !/NaN|Infinity/.test(v);
  return typeof v === "boolean";
}

function isWellFormed(result: unknown): boolean {
  if (!Array.isArray(result)) return isCellResult(result);
  return (
    result.length > 0 &&
    result.every((row) => Array.isArray(row) && row.length === result[0].length && row.every(isCellResult))
  );
}

/** Runs per function: 200 in the suite; MTFS_FUZZ_RUNS=10000 repeats the 90,000-call check (9 functions). */
const RUNS = Number(process.env.MTFS_FUZZ_RUNS ?? 200);

describe.each([...registered.keys()])("MTFS.%s", (id) => {
  it("returns a finite value or an Excel input error for any arguments", () => {
    const arity = registered.get(id)?.length ?? 0;
    fc.assert(
      fc.property(fc.array(argument, { minLength: arity, maxLength: arity }), (args) => {
        const result = callMtfs(id, ...args);
        expect(isWellFormed(result)).toBe(true);
        // Every error is the engine's reasoned input error (or a result too large for Excel), never a bug
        // caught on the way out; each but #NUM! carries its message.
        const cells = Array.isArray(result) ? result.flat() : [result];
        for (const c of cells) {
          if (!(c instanceof StubCustomFunctionError)) continue;
          expect(c.message ?? "").not.toMatch(/^unexpected error/);
          if (c.code !== "#NUM!") expect(c.message).toMatch(/: /);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
