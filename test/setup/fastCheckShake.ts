/**
 * Shake mode (`npm run test:shake`, FC_SHAKE=1): jest maps "fast-check" to this module, so every property
 * runs at the seed FC_SEED with FC_RUNS_FACTOR times its usual runs, and a loop over seeds finds draws that
 * fail by chance before CI does. Ordinary runs never load it (jest.config.js) and keep fast-check's own seed.
 */
// The real package by its file path, which the "^fast-check$" mapping does not catch (its exports hide lib/).
const real = require("../../node_modules/fast-check/lib/cjs/fast-check.js") as typeof import("fast-check");

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const factor = Math.max(1, Number(process.env.FC_RUNS_FACTOR ?? 1));
real.configureGlobal({ seed, numRuns: 100 * factor });

type Params = Parameters<typeof real.assert>[1];
// A property's own numRuns wins over the global config: scale it too; a property's fixed seed is kept.
const assert = ((property: Parameters<typeof real.assert>[0], params?: Params) =>
  real.assert(property, {
    ...params,
    seed: params?.seed ?? seed,
    numRuns: (params?.numRuns ?? 100) * factor,
  } as Params)) as typeof real.assert;

const shaken: Record<string, unknown> = { ...real, assert };
// The module jest hands out for "fast-check", to default and namespace imports alike.
shaken.default = shaken;
Object.defineProperty(shaken, "__esModule", { value: true });
module.exports = shaken;

export {}; // a module, so its names stay out of the test files' global scope
