import { decimalOfNumber } from "./calculator";
import { EngineError } from "./errors";
import { ZERO, type Decimal } from "./money";
import { fyLabel } from "./fiscalYear";
import { reachesPlanFrom } from "./present";
import { pValues, shareAtLeast } from "./quantiles";
import { distribution, sampleChecked, seededStream, type Distribution, type RandomStream } from "./random";
import { decimalsWriter, moveInputs, type MovedInput } from "./riskInputs";
import { programmeFys, type RiskFigures, type RiskModel } from "./riskModel";
import type { FyStartYear } from "./types";

/**
 * Monte Carlo: each iteration draws every input that carries a distribution (in the order proposals, then
 * their risk entries, are listed; one seeded stream, so a seed gives the same P-values everywhere; without
 * any, the proposal's headline estimates from its confidence spread, riskModel.ts), evaluates
 * each proposal on plain numbers and adds them into the programme. Per FY of the MTFS row: P10, P50, P90
 * (PERCENTILE.INC's convention, quantiles.ts) and the probability of reaching the planned figure (the
 * deterministic MTFS row of that FY). Proposals are independent of each other; the programme adds up the
 * FYs they all cover.
 */

/** The most iterations one run takes (MTFS.SIMULATE and the CLI refuse more). */
export const MAX_ITERATIONS = 100_000;

/** Options of a run. */
export interface SimulationOptions {
  readonly iterations: number;
  /** A whole number from −2^31 to 2^31 − 1. */
  readonly seed: number;
  /** Called now and then with iterations done and the total (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** P-values of one FY of the MTFS row (£), and the chance of reaching the planned figure. */
export interface SimulatedYear {
  readonly fy: FyStartYear;
  readonly label: string;
  /** The deterministic MTFS row: the figure the MTFS books. */
  readonly planned: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  /** Share of iterations that read at or above `planned` as shown, to its £10k or £100 (0 to 1; reachesPlanFrom). */
  readonly probability: number;
}

/** A proposal's (or the programme's) simulated profile. */
export interface SimulatedProfile {
  readonly name: string;
  readonly years: readonly SimulatedYear[];
  /** The row of the last MTFS FY (the quantified opportunity's year). */
  readonly mtfsYear: SimulatedYear;
  /** Input paths drawn from a distribution (none: the proposal is a point figure). */
  readonly sampled: readonly string[];
}

/** A whole run. */
export interface Simulation {
  readonly iterations: number;
  readonly seed: number;
  readonly proposals: readonly SimulatedProfile[];
  readonly programme: SimulatedProfile;
}

function checkIterations(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_ITERATIONS) {
    throw new EngineError(
      "out-of-range",
      "iterations",
      `must be a whole number from 1 to ${MAX_ITERATIONS.toLocaleString("en-GB")}, got ${n}`,
    );
  }
}

/** A proposal's drawn inputs, resolved once: their paths, samplers and a buffer for the draws. */
interface Draws<A> {
  readonly inputs: readonly MovedInput[];
  /** Writes a draw into a copy of the assumptions (paths resolved once a run). */
  readonly write: (values: readonly Decimal[]) => A;
  /** Each input's distribution, checked once (not on every draw). */
  readonly distributions: readonly Distribution[];
  readonly values: Decimal[];
}

function drawsOf<A>(model: RiskModel<A>, inputs: readonly MovedInput[]): Draws<A> {
  return {
    inputs,
    write: decimalsWriter(
      model.assumptions,
      inputs.map((x) => x.parsedPath),
    ),
    // Only inputs with a distribution are listed.
    distributions: inputs.map((x) => distribution(x.distribution as Distribution)),
    values: inputs.map(() => ZERO),
  };
}

/** Draws one set of inputs and evaluates the proposal on them. */
function draw<A>(model: RiskModel<A>, draws: Draws<A>, stream: RandomStream): RiskFigures {
  const { values, distributions } = draws;
  for (let i = 0; i < values.length; i++)
    values[i] = decimalOfNumber(sampleChecked(stream, distributions[i]));
  try {
    return model.evaluate(draws.write(values));
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    const shown = draws.inputs.map((x, i) => `${x.path} = ${values[i].toNumber() / x.scale}`).join(", ");
    throw new EngineError(
      e.code,
      `${model.name}: ${e.field}`,
      `${e.rule} (drawn: ${shown}); narrow the distribution so every draw is a valid input`,
    );
  }
}

/** What every iteration of a run reads and fills. */
interface Run {
  readonly models: readonly RiskModel<unknown>[];
  readonly draws: readonly Draws<unknown>[];
  /** Per proposal, its planned MTFS row (the figures of a proposal with no drawn input). */
  readonly plans: readonly (readonly number[])[];
  readonly offsets: readonly number[];
  readonly perProposal: readonly Float64Array[][];
  readonly programme: readonly Float64Array[];
  readonly stream: RandomStream;
}

/**
 * Iterations from..to−1 of a run, in a plain function rather than in the generator: V8 optimises a loop inside a
 * generator only by on-stack replacement, recompiled on each new run, where this is compiled once and reused.
 */
function iterate(run: Run, from: number, to: number): void {
  const { models, draws, plans, offsets, perProposal, programme, stream } = run;
  const n = programme.length;
  for (let it = from; it < to; it++) {
    for (let k = 0; k < models.length; k++) {
      const row = draws[k].inputs.length === 0 ? plans[k] : draw(models[k], draws[k], stream).mtfs;
      const own = perProposal[k];
      for (let i = 0; i < own.length; i++) own[i][it] = row[i];
      const offset = offsets[k];
      for (let i = 0; i < n; i++) programme[i][it] += row[offset + i];
    }
  }
}

function summarise(
  name: string,
  fys: readonly FyStartYear[],
  mtfsIndex: number,
  planned: readonly number[],
  samples: readonly Float64Array[],
  sampled: readonly string[],
): SimulatedProfile {
  const years = fys.map((fy, i): SimulatedYear => {
    const values = samples[i];
    // An iteration that reads as the plan, to the unit it is shown in, has reached it (reachesPlanFrom).
    return {
      fy,
      label: fyLabel(fy),
      planned: planned[i],
      ...pValues(values),
      probability: shareAtLeast(values, reachesPlanFrom(planned[i])),
    };
  });
  return { name, years, mtfsYear: years[mtfsIndex], sampled };
}

/**
 * Simulates proposals and their programme in steps: the generator yields the iterations done after each
 * 1% (so a pane can give the UI a turn and stop on Cancel) and returns the run; `simulate` drains it, so
 * both give the same numbers for a seed.
 *
 * @example
 * const steps = simulateSteps([model], { iterations: 1000, seed: 1 });
 * let r = steps.next(); // { done: false, value: 10 }
 * while (!r.done) r = steps.next();
 * r.value.proposals[0].mtfsYear.p50 // = simulate([model], { iterations: 1000, seed: 1 }).proposals[0].mtfsYear.p50
 */
export function* simulateSteps(
  models: readonly RiskModel<unknown>[],
  options: SimulationOptions,
): Generator<number, Simulation, void> {
  checkIterations(options.iterations);
  if (models.length === 0) throw new EngineError("missing", "proposals", "must have at least one proposal");
  const stream = seededStream(options.seed);
  const n = options.iterations;
  // The programme adds up the FYs every proposal covers; each proposal keeps its own.
  const { fys, mtfsIndex, offsets } = programmeFys(models);
  // The reported planned row comes from the Decimal engine; draws run on plain numbers.
  const plans = models.map((m) => m.exact().mtfs);
  // A proposal whose risk block gives no distribution draws its headline estimates from the confidence spread.
  const inputs = models.map((m) =>
    moveInputs(m.assumptions, m.entries.some((e) => e.distribution) ? m.entries : m.defaultDraws, {
      allInputs: false,
      ...(m.confidence ? { confidence: m.confidence } : {}),
    }).filter((x) => x.distribution !== undefined),
  );
  const draws = inputs.map((x, k) => drawsOf(models[k], x));
  const perProposal = models.map((m) => m.fys.map(() => new Float64Array(n)));
  const programme = fys.map(() => new Float64Array(n));
  const run: Run = { models, draws, plans, offsets, perProposal, programme, stream };
  const step = Math.max(1, Math.floor(n / 100));
  for (let done = 0; done < n;) {
    const to = Math.min(n, done + step);
    iterate(run, done, to);
    done = to;
    options.onProgress?.(done, n);
    yield done;
  }
  const proposals = models.map((m, k) =>
    summarise(
      m.name,
      m.fys,
      m.mtfsIndex,
      plans[k],
      perProposal[k],
      inputs[k].map((x) => x.path),
    ),
  );
  const plannedTotal = fys.map((_, i) => plans.reduce((a, p, k) => a + p[offsets[k] + i], 0));
  return {
    iterations: n,
    seed: options.seed,
    proposals,
    programme: summarise(
      "Programme",
      fys,
      mtfsIndex,
      plannedTotal,
      programme,
      proposals.flatMap((p) => p.sampled.map((s) => `${p.name}: ${s}`)),
    ),
  };
}

/**
 * Simulates proposals and their programme.
 *
 * @example
 * const s = simulate([profileRiskModel("CFS", cfs, [{ path: "target.value",
 *   distribution: { kind: "triangular", low: 0.04, likely: 0.08, high: 0.1 } }])], { iterations: 1000, seed: 1 });
 * s.proposals[0].mtfsYear.p50 // the median FY29/30 MTFS figure
 */
export function simulate(models: readonly RiskModel<unknown>[], options: SimulationOptions): Simulation {
  const steps = simulateSteps(models, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
