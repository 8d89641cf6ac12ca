import fc from "fast-check";
import { callMtfs, registered, StubCustomFunctionError } from "./register";

/**
 * Whatever a user types, a formula returns a value or an Excel error: it never throws into Excel's
 * calculation chain and never shows NaN or Infinity.
 */
const cellValue = fc.oneof(
  fc.constant(null),
  fc.double(),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.integer({ min: 40000, max: 60000 }), // plausible date serials
  fc.string(),
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
const argument = fc.oneof(
  cellValue,
  fc.array(fc.array(cellValue, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  fc.array(
    fc.tuple(fc.constantFrom("Target %", "Duration", "Start date", "unitCost.weeklyCost", "x"), cellValue),
    {
      maxLength: 6,
    },
  ),
);

function isCellResult(v: unknown): boolean {
  if (v instanceof StubCustomFunctionError) return true;
  if (typeof v === "number") return Number.isFinite(v);
  return typeof v === "string" || typeof v === "boolean";
}

function isWellFormed(result: unknown): boolean {
  if (!Array.isArray(result)) return isCellResult(result);
  return (
    result.length > 0 &&
    result.every((row) => Array.isArray(row) && row.length === result[0].length && row.every(isCellResult))
  );
}

describe.each([...registered.keys()])("MTFS.%s", (id) => {
  it("returns a finite value or an Excel input error for any arguments", () => {
    const arity = registered.get(id)?.length ?? 0;
    fc.assert(
      fc.property(fc.array(argument, { minLength: arity, maxLength: arity }), (args) => {
        const result = callMtfs(id, ...args);
        expect(isWellFormed(result)).toBe(true);
        // Every error is the engine's reasoned input error, never a bug caught on the way out.
        const cells = Array.isArray(result) ? result.flat() : [result];
        for (const c of cells) {
          if (c instanceof StubCustomFunctionError) expect(c.message ?? "").not.toMatch(/^unexpected error/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
