import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";
import { StubCustomFunctionError } from "./runtimeStub";

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

  it("is under 180 KB minified and carries no React", () => {
    // Measured 1 December 2026: 149,449 bytes before multi-stream ranges (issue 13); reading streams adds the
    // stream kinds (computeAssumptions, +10.9 KB) and the sheet's caption table (+11.5 KB): 171,830 bytes.
    expect(bundleBytes).toBeLessThan(180 * 1024);
    const code = fs.readFileSync(path.join(outDir, "functions.js"), "utf8");
    expect(code).not.toMatch(/react\.production|__SECRET_INTERNALS|createElement\(/);
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
