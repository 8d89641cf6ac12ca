/**
 * `npm run bench` section for the formula library: 1,000 MTFS.BENEFIT.PROFILE calls through the adapter
 * (the registered function, as Excel calls it) on the CFS Targeted Prevention assumptions range, median
 * time per call; and the size of the minified functions bundle (from a fresh production build).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { CFS_RANGE } from "../test/functions/fixtures/cfsRange";

const root = path.join(__dirname, "..");

/** Minimal CustomFunctions runtime for the entry's registerFunctions in Node. */
function installRuntime(registered: Map<string, (...args: unknown[]) => unknown>): void {
  class RuntimeError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  (globalThis as any).CustomFunctions = {
    Error: RuntimeError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
    associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function run(): void {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  installRuntime(registered);
  require("../src/functions/index").registerFunctions((globalThis as any).CustomFunctions);
  const profile = registered.get("BENEFIT.PROFILE");
  if (!profile) throw new Error("MTFS.BENEFIT.PROFILE is not registered");

  for (let i = 0; i < 50; i++) profile(CFS_RANGE); // warm-up: JIT and module initialisation
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    profile(CFS_RANGE);
    times.push(performance.now() - t0);
  }
  console.log(`MTFS.BENEFIT.PROFILE, 1,000 calls: median ${median(times).toFixed(3)} ms/call`);

  // Always a fresh production build in a temporary folder: dist/ may hold a development build.
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "mtfs-bundle-"));
  execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules", "webpack", "bin", "webpack.js"),
      "--mode",
      "production",
      "--output-path",
      outDir,
    ],
    { cwd: root, stdio: "ignore" },
  );
  const bundle = path.join(outDir, "functions.js");
  console.log(`functions bundle (minified): ${fs.statSync(bundle).size} bytes (production build)`);
  fs.rmSync(outDir, { recursive: true, force: true });
}
