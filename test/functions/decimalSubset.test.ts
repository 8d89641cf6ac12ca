import * as fs from "fs";
import * as path from "path";

/**
 * scripts/decimalSubsetLoader.js builds every bundle with decimal.js less the methods no source calls. A source
 * that starts calling one would find it missing in the add-in alone (jest and the CLI use the whole library), so
 * this fails first; and the loader refuses a decimal.js whose dropped methods it cannot find.
 */
const root = path.join(__dirname, "..", "..");
const { decimalSubset, DROPPED_METHODS, DROPPED_STATICS, LN10_DIGITS } = require(
  path.join(root, "scripts", "decimalSubsetLoader.js"),
);
const original = fs.readFileSync(require.resolve("decimal.js/decimal.mjs"), "utf8");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

it("drops only methods no source under src/ calls", () => {
  const methods = [...DROPPED_METHODS].join("|");
  const statics = [...DROPPED_STATICS].join("|");
  // Math.sin, Math.random and the like are not decimal.js; anything else named so is taken as a call.
  const call = new RegExp(`(?<!Math)\\.(${methods})\\(|Decimal\\.(${statics})\\b`);
  const calls = sources(path.join(root, "src")).flatMap((file) =>
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => call.test(line))
      .map((line) => `${path.relative(root, file)}: ${line.trim()}`),
  );
  expect(calls).toEqual([]);
});

it("finds every method it drops in this decimal.js, and keeps the rest of the file line for line", () => {
  const { code, missing } = decimalSubset(original);
  expect(missing).toEqual([]);
  expect(code.split("\n")).toHaveLength(original.split("\n").length);
  expect(code).not.toMatch(/P\.cos = |Decimal\.random = random|^PI = new Decimal/m);
  expect(code).toMatch(/P\.toPower = P\.pow = function/);
  expect(code).toMatch(/Decimal\.max = max;/);
});

it("reports the methods it cannot find (a decimal.js release that has changed)", () => {
  const renamed = original.replace("P.hyperbolicCosine = P.cosh = function", "P.coshOf = function");
  expect(decimalSubset(renamed).missing).toEqual(["P.cosh", "P.hyperbolicCosine"]);
});

it("leaves every kept method working: the subset computes as decimal.js does", () => {
  // The kept code is decimal.js's own, unchanged: run the subset module and compare a few methods' answers.
  const { code } = decimalSubset(original);
  const cjs = code
    .replace(/^export var Decimal = /m, "var Decimal = exports.Decimal = ")
    .replace(/^export default Decimal;$/m, "");
  const sandbox: { exports: Record<string, any> } = { exports: {} };
  new Function("exports", "crypto", cjs)(sandbox.exports, undefined);
  const Subset = sandbox.exports.Decimal;
  const { Decimal } = require("decimal.js");
  const cases: [string, (D: any) => string][] = [
    ["pow", (D) => new D("1.04").pow("2.5").toString()],
    ["sqrt", (D) => new D(2).sqrt().toString()],
    ["log", (D) => new D(1000.5).log().toString()],
    ["div", (D) => new D(1).div(3).toFixed(15)],
    ["toDecimalPlaces", (D) => new D("2.345").toDecimalPlaces(2, D.ROUND_HALF_UP).toString()],
    ["max", (D) => D.max(1, "2.5", -3).toString()],
    ["hex string", (D) => new D("0x1f").toString()],
    // LN10 is shortened: ln, log and a non-integer pow still agree at 40 significant digits (the engine's).
    ["ln at 40 digits", (D) => D.clone({ precision: 40 }).ln(7).toString()],
    ["log at 40 digits", (D) => D.clone({ precision: 40 }).log(123.456, 7).toString()],
    ["pow at 40 digits", (D) => new (D.clone({ precision: 40 }))("1.035").pow("0.5").toString()],
  ];
  for (const [name, f] of cases) expect([name, f(Subset)]).toEqual([name, f(Decimal)]);
  expect(typeof Subset.prototype.cos).toBe("undefined");
  // Beyond the kept digits decimal.js's own precision error is thrown, as it is past the full 1,025.
  expect(() => Subset.clone({ precision: LN10_DIGITS + 50 }).ln(7)).toThrow(/precision limit exceeded/i);
  expect(() => Decimal.clone({ precision: LN10_DIGITS + 50 }).ln(7)).not.toThrow();
});
