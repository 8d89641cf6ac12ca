/**
 * Bench section "demand": the national children-in-care projection (12 years, both lines) on the two
 * number backends of one model. Prints the median time per projection on each, their ratio, and the largest
 * relative difference between them.
 */
import * as fs from "fs";
import * as path from "path";
import { decimalCalculator, numberCalculator, parseDemandModel, projectDemand } from "../src/engine";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeEach(f: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

/** Prints the figures. */
export function run(): void {
  const file = path.join(__dirname, "..", "examples", "national-children-in-care.json");
  const model = parseDemandModel(JSON.parse(fs.readFileSync(file, "utf8")));
  const decimalMs = timeEach(() => projectDemand(model, decimalCalculator), 300);
  const numberMs = timeEach(() => projectDemand(model, numberCalculator), 3000);
  const d = projectDemand(model, decimalCalculator);
  const f = projectDemand(model, numberCalculator);
  const diff = Math.max(
    ...d.years.map(
      (y, i) =>
        Math.abs(f.years[i].withImpact.spend - y.withImpact.spend.toNumber()) / y.withImpact.spend.toNumber(),
    ),
  );
  console.log(`decimal.js: ${decimalMs.toFixed(3)} ms per projection; float64: ${numberMs.toFixed(4)} ms`);
  console.log(
    `ratio decimal/float64: ${(decimalMs / numberMs).toFixed(0)}; largest relative difference ${diff.toExponential(1)}`,
  );
}
