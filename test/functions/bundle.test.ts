import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";
import { StubCustomFunctionError } from "./runtimeStub";
import { callMtfs } from "./register";
import { CFS_RANGE } from "./fixtures/cfsRange";

/**
 * Builds the production functions bundle with the project's webpack config (into a temp folder, functions
 * entry only), then loads it in a fresh VM context with a CustomFunctions stub, exactly as Excel's runtime
 * loads dist/functions.js: the bundle must register every function, answer like the sources, stay small
 * and carry no React. A second build swaps in a function whose metadata is invalid and must fail.
 */
const root = path.join(__dirname, "..", "..");
const webpack = require("webpack");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const makeConfig = require(path.join(root, "webpack.config.js"));

function functionsOnlyConfig(outDir: string, input?: string): any {
  const config = makeConfig({}, { mode: "production" });
  const entry = input ?? config.entry.functions;
  const plugins = config.plugins
    .filter((p: any) => p instanceof CustomFunctionsMetadataPlugin)
    .map((p: any) => (input ? new CustomFunctionsMetadataPlugin({ output: "functions.json", input }) : p));
  return { ...config, entry: { functions: entry }, output: { ...config.output, path: outDir }, plugins };
}

function build(config: any): Promise<any> {
  return new Promise((resolve, reject) =>
    webpack(config, (err: Error, stats: any) => (err ? reject(err) : resolve(stats))),
  );
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "mtfs-functions-"));
const registered = new Map<string, (...args: unknown[]) => unknown>();
/** Every associate call the bundle makes, repeats included. */
const associations: string[] = [];
let bundleBytes = 0;

beforeAll(async () => {
  const stats = await build(functionsOnlyConfig(outDir));
  expect(stats.hasErrors()).toBe(false);
  const code = fs.readFileSync(path.join(outDir, "functions.js"), "utf8");
  bundleBytes = Buffer.byteLength(code);
  const context = vm.createContext({
    CustomFunctions: {
      Error: StubCustomFunctionError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
      associate: (id: string, fn: (...args: unknown[]) => unknown) => {
        associations.push(id);
        registered.set(id, fn);
      },
    },
  });
  vm.runInContext(code, context);
}, 120000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe("dist/functions.js", () => {
  it("registers every function listed in the generated functions.json", () => {
    const metadata = JSON.parse(fs.readFileSync(path.join(outDir, "functions.json"), "utf8"));
    expect([...registered.keys()].sort()).toEqual(metadata.functions.map((f: any) => f.id).sort());
    expect(registered.size).toBeGreaterThanOrEqual(8);
  });

  it("associates each function exactly once", () => {
    // The metadata loader appends one associate per @customfunction; the entry used to add a second.
    expect([...associations].sort()).toEqual([...registered.keys()].sort());
  });

  it("answers from the bundle as from the sources", () => {
    expect(registered.get("FYLABEL")?.(46235)).toBe("FY26/27");
    expect(registered.get("INFLATE")?.(1000, "FY26/27", "FY28/29", 0.04)).toBeCloseTo(1081.6, 10);
    const err = registered.get("INFLATE")?.(1000, 2026, 2027, null) as StubCustomFunctionError;
    expect([err.code, err.message]).toEqual(["#N/A", "inflationPerYear: is required"]);
  });

  it("stays within its size ceiling minified and carries no React", () => {
    // Issue 14 asks for under 150 KB; not met yet. Measured 1 December 2026 (production, functions entry only):
    // 149,449 bytes before multi-stream ranges (issue 13); streams, the caption table and ranges: 172,238
    // (54,376 gzip); MTFS.SENSITIVITY/SIMULATE: 188,476 (60,168 gzip); "sideEffects": false: 185,270; the
    // formats' docs text left out: 179,540 (57,752 gzip); the demand format (issue 16): 180,817 (58,215 gzip);
    // triangulation rounding rules, stated starts and column heading, cohortKey (issue 13, cli): 184,247.
    // decimal.js is 31.7 KB of it; terser options and an ES2022 target save under 1 KB. This ceiling stops
    // growth until the rest of the gap is closed. Stream headings read in words (fixd): 185,465 after merging main;
    // with the named-kind file messages and per-kind time to full impact (fixc): 186,268; a stretch target per
    // cohort stream and MTFS.SENSITIVITY's notes naming the range label (tornado): 186,629.
    expect(bundleBytes).toBeLessThan(183 * 1024);
    const code = fs.readFileSync(path.join(outDir, "functions.js"), "utf8");
    expect(code).not.toMatch(/react\.production|__SECRET_INTERNALS|createElement\(/);
  });

  it("leaves out the formats' docs text but keeps the rules and warnings users see", () => {
    const code = fs.readFileSync(path.join(outDir, "functions.js"), "utf8");
    // FieldInfo about/default words: read only by format/describe.ts for schema/ and docs/engine.md.
    expect(code).not.toContain("events a year (starts), or the caseload for the exit lever");
    expect(code).not.toContain("first horizon FY");
    expect(code).toContain("money is in £ (not £k or £m)");
    expect(code).toContain("must be within 60 years of firstFy");
  });

  it("models and refuses assumptions from the bundle as from the sources", () => {
    // The bundle's formats are built without their docs text: parsing, rules and messages must not change.
    const bad = CFS_RANGE.map((r) => (/duration/i.test(String(r[0])) ? [r[0], -3] : r));
    for (const range of [CFS_RANGE, bad]) {
      const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
      expect(plain(registered.get("BENEFIT.PROFILE")?.(range))).toEqual(
        plain(callMtfs("BENEFIT.PROFILE", range)),
      );
    }
    expect(JSON.stringify(registered.get("BENEFIT.PROFILE")?.(bad))).toMatch(/#VALUE!.*must be > 0/);
  });
});

describe("the build", () => {
  it("fails when the functions' JSDoc cannot become valid metadata", async () => {
    const badDir = fs.mkdtempSync(path.join(os.tmpdir(), "mtfs-bad-"));
    // The metadata generator also prints its errors; they are expected here.
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const stats = await build(
        functionsOnlyConfig(badDir, path.join(__dirname, "fixtures", "badMetadata.ts")),
      );
      expect(stats.hasErrors()).toBe(true);
      expect(
        stats
          .toJson({ all: false, errors: true })
          .errors.map((e: any) => e.message)
          .join("\n"),
      ).toMatch(/does not support type/);
    } finally {
      quiet.mockRestore();
      fs.rmSync(badDir, { recursive: true, force: true });
    }
  }, 120000);
});
