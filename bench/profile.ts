/**
 * Bench section "profile": the CFS Targeted Prevention profile, many times. Prints the median time per profile
 * with the engine (decimal.js) and with a plain-number (float64) implementation of the same closed-form model
 * kept only here, their ratio, and the largest difference between the two (a check that they are the same model).
 */
import * as fs from "fs";
import * as path from "path";
import { computeProfile, parseProposal, type ProfileInput } from "../src/engine";

const DAY_MS = 86_400_000;
const WEEKS_PER_YEAR = 52.18;
const DAYS_PER_YEAR = WEEKS_PER_YEAR * 7;
const DAYS_PER_MONTH = (WEEKS_PER_YEAR / 12) * 7;
const aprilFirst = (fy: number): number => Date.UTC(fy, 3, 1) / DAY_MS;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const fyOfDay = (d: number): number => {
  const date = new Date(Math.floor(d) * DAY_MS);
  return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
};

/** Float64 inputs: the CFS-shaped subset of ProfileInput (percent / count / caseload target, ongoing costs). */
export interface FloatInput {
  volume: number;
  growth: number;
  target: { kind: string; value: number };
  durationWeeks: number;
  saving: number;
  inflation: number;
  priceBaseFy: number;
  periods: number;
  start: number;
  pilotEnd: number;
  rolloutEnd: number;
  lead: number;
  ramp: string;
  costs: { amount: number; from: number }[];
  overlap: number;
  firstFy: number;
  lastFy: number;
}

export function toFloat(a: ProfileInput): FloatInput {
  const t = a.timeline;
  const start = dayOf(t.startDate);
  const pilotEnd = start + (t.designWeeks.toNumber() + t.pilotWeeks.toNumber()) * 7;
  return {
    volume: a.baseline.volumePerYear.toNumber(),
    growth: a.baseline.growthPerYear.toNumber(),
    target: { kind: a.target.kind, value: a.target.value.toNumber() },
    durationWeeks: a.durationWeeks.toNumber(),
    saving: a.unitCost.weeklyCost
      .minus(a.unitCost.alternativeWeeklyCost)
      .minus(a.unitCost.overlapWeeklyCost)
      .toNumber(),
    inflation: a.unitCost.inflationPerYear.toNumber(),
    priceBaseFy: a.unitCost.priceBaseFy,
    periods: a.unitCost.periodsPerYear.toNumber(),
    start,
    pilotEnd,
    rolloutEnd: pilotEnd + t.rolloutWeeks.toNumber() * 7,
    lead: t.leadWeeks.toNumber() * 7,
    ramp: t.ramp,
    costs: a.investment.flatMap((c) =>
      c.kind === "ongoing" ? [{ amount: c.amountPerYear.toNumber(), from: dayOf(c.fromDate) }] : [],
    ),
    overlap: a.mtfsOverlap.kind === "amountPerYear" ? a.mtfsOverlap.amountPerYear.toNumber() : 0,
    firstFy: a.horizon.firstFy,
    lastFy: a.horizon.lastFy,
  };
}

/** The same model in float64: piecewise quadratic F, its integral G, exact FY averages of F(t) − F(t − D). */
export function floatProfile(x: FloatInput): number[] {
  const a0 = x.pilotEnd + x.lead;
  const b0 = x.rolloutEnd + x.lead;
  const end = aprilFirst(x.lastFy + 1);
  const rateInFy = (fy: number): number => {
    const perYear =
      x.target.kind === "percent"
        ? x.volume * Math.pow(1 + x.growth, fy - x.firstFy) * x.target.value
        : x.target.kind === "countPerYear"
          ? x.target.value
          : (x.target.value * WEEKS_PER_YEAR) / x.durationWeeks;
    return perYear / DAYS_PER_YEAR;
  };
  const ramp: { from: number; to: number; s0: number; s1: number }[] = [];
  if (x.ramp === "linear" && b0 > a0) ramp.push({ from: a0, to: b0, s0: 0, s1: 1 });
  if (x.ramp === "monthly-steps" && b0 > a0) {
    const months = Math.round(((b0 - a0) / DAYS_PER_MONTH) * 1e9) / 1e9;
    for (let k = 0; k < months; k++) {
      const s = Math.min(1, k / months);
      ramp.push({ from: a0 + k * DAYS_PER_MONTH, to: a0 + (k + 1) * DAYS_PER_MONTH, s0: s, s1: s });
    }
  }
  const share = (d: number, atEnd: boolean): number => {
    for (const p of ramp) {
      if (atEnd ? d > p.from && d <= p.to : d >= p.from && d < p.to) {
        return p.s0 + ((p.s1 - p.s0) * (d - p.from)) / (p.to - p.from);
      }
    }
    return 1;
  };
  const cuts = new Set<number>([a0, end]);
  for (const p of ramp) cuts.add(p.from).add(p.to);
  for (let fy = fyOfDay(a0) + 1; aprilFirst(fy) < end; fy++) cuts.add(aprilFirst(fy));
  const pts = [...cuts].filter((d) => d >= a0 && d <= end).sort((p, q) => p - q);
  const starts: number[] = [];
  const vals: number[] = [];
  const rates: number[] = [];
  const accs: number[] = [];
  const gs: number[] = [];
  let v = 0;
  let g = 0;
  for (let i = 0; i < pts.length; i++) {
    const s = pts[i];
    const e = pts[i + 1];
    let r = 0;
    let acc = 0;
    if (e !== undefined) {
      const perDay = rateInFy(fyOfDay(s));
      r = perDay * share(s, false);
      acc = (perDay * share(e, true) - r) / (e - s);
    }
    starts.push(s);
    vals.push(v);
    rates.push(r);
    accs.push(acc);
    gs.push(g);
    if (e !== undefined) {
      const h = e - s;
      g += v * h + (r * h * h) / 2 + (acc * h * h * h) / 6;
      v += r * h + (acc * h * h) / 2;
    }
  }
  const G = (t: number): number => {
    let lo = -1;
    for (let i = 0; i < starts.length && starts[i] <= t; i++) lo = i;
    if (lo < 0) return 0;
    const h = t - starts[lo];
    return gs[lo] + vals[lo] * h + (rates[lo] * h * h) / 2 + (accs[lo] * h * h * h) / 6;
  };
  const dur = x.durationWeeks * 7;
  const out: number[] = [];
  for (let fy = x.firstFy; fy <= x.lastFy; fy++) {
    const a = aprilFirst(fy);
    const b = aprilFirst(fy + 1);
    const stock = (G(b) - G(a) - G(b - dur) + G(a - dur)) / (b - a);
    const gross = stock * x.saving * Math.pow(1 + x.inflation, fy - x.priceBaseFy) * x.periods;
    let costs = 0;
    for (const c of x.costs) costs += (c.amount * Math.max(0, b - Math.max(a, c.from))) / (b - a);
    const overlap = Math.max(0, Math.min(x.overlap, gross));
    out.push(gross - costs - overlap);
  }
  return out;
}

export function median(times: number[]): number {
  const s = [...times].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)];
}

export function timeEach(runs: number, fn: () => unknown, warmUps = Math.min(50, runs)): number[] {
  for (let i = 0; i < warmUps; i++) fn(); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

/** Runs the section and prints its figures. */
export function run(): void {
  const file = path.join(__dirname, "../examples/cfs-targeted-prevention.json");
  const input = parseProposal(JSON.parse(fs.readFileSync(file, "utf8"))).assumptions.cohort;
  if (!input) throw new Error("the bench example must be single-cohort");
  const runs = 1000;
  const decimalMs = median(timeEach(runs, () => computeProfile(input)));
  const floatInput = toFloat(input);
  const floatMs = median(timeEach(runs * 10, () => floatProfile(floatInput)));
  const engine = computeProfile(input).years.map((y) => y.cumulative.toNumber());
  const plain = floatProfile(floatInput);
  const maxDiff = Math.max(...engine.map((e, i) => Math.abs(e - plain[i])));
  console.log(`profiles run: ${runs} (CFS Targeted Prevention, ${engine.length} FYs)`);
  console.log(`median per profile: ${decimalMs.toFixed(3)} ms`);
  console.log(`median per profile (float64): ${floatMs.toFixed(4)} ms`);
  console.log(`ratio decimal/float64: ${(decimalMs / floatMs).toFixed(1)}`);
  console.log(`max |decimal − float64| per FY: £${maxDiff.toExponential(2)}`);
}
