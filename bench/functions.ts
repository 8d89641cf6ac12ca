/**
 * `npm run bench` section for the formula library: 1,000 MTFS.BENEFIT.PROFILE calls through the adapter
 * (the registered function, as Excel calls it) on the CFS Targeted Prevention assumptions range, median
 * time per call; and the sizes of the minified bundles from a fresh production build, raw and gzipped:
 * functions.js (issue 14: under 150 KB), the chunks it loads on first use (src/functions/lazy.ts) and taskpane.js.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { gzipSync } from "zlib";
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
  const size = (files: string[]): string => {
    const bytes = files.map((f) => fs.readFileSync(path.join(outDir, f)));
    const raw = bytes.reduce((n, b) => n + b.length, 0);
    const gzip = bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
    return `${raw.toLocaleString("en-GB")} bytes (${gzip.toLocaleString("en-GB")} gzip)`;
  };
  const chunks = fs.readdirSync(outDir).filter((f) => /^functions-.+\.js$/.test(f));
  console.log(`functions.js (minified): ${size(["functions.js"])}; limit 150,000 bytes`);
  console.log(`functions chunks loaded on first use: ${chunks.length} files, ${size(chunks)}`);
  console.log(`taskpane.js (minified): ${size(["taskpane.js"])}`);
  fs.rmSync(outDir, { recursive: true, force: true });
}
