/**
 * Bench section "examples": every proposal in examples/, parsed (strict input, warnings) and profiled from its
 * JSON text, as `calc profile` does. Prints the median time per parse + profile for each, the largest (most
 * streams, then the largest file) first; nothing asserts a time.
 */
import * as fs from "fs";
import * as path from "path";
import { checkProposal, computeAssumptions } from "../src/engine";

const EXAMPLES = path.join(__dirname, "..", "examples");

/** Parse and profile one proposal from its text, every stream's lines included. */
function parseAndProfile(text: string): number {
  const { value } = checkProposal(JSON.parse(text));
  return computeAssumptions(value.assumptions).proposal.streams.length;
}

function median(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeEach(runs: number, f: () => void): number[] {
  for (let i = 0; i < Math.min(50, runs); i++) f(); // warm up the JIT
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    f();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

/** The proposal examples (files with `opportunity` and `assumptions`), with their text and stream count. */
function proposals(): { file: string; text: string; streams: number }[] {
  return fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".json"))
    .flatMap((file) => {
      const text = fs.readFileSync(path.join(EXAMPLES, file), "utf8");
      const raw = JSON.parse(text) as Record<string, unknown>;
      if (raw.opportunity === undefined || raw.assumptions === undefined) return [];
      return [{ file, text, streams: parseAndProfile(text) }];
    })
    .sort((a, b) => b.streams - a.streams || b.text.length - a.text.length);
}

export function run(): void {
  const all = proposals();
  const runs = 200;
  const [largest] = all;
  if (largest === undefined) {
    console.log("no proposal examples found");
    return;
  }
  console.log(`proposal examples: ${all.length}; each parsed + profiled ${runs} times from its JSON text`);
  for (const p of all) {
    const ms = median(timeEach(runs, () => parseAndProfile(p.text)));
    const tag = p === largest ? " (largest)" : "";
    console.log(
      `${p.file}${tag}: ${p.streams} stream(s), ${(p.text.length / 1024).toFixed(1)} KiB, median parse + profile ${ms.toFixed(3)} ms`,
    );
  }
}
