/**
 * Cell adapters loaded on first use, in the functions bundle only (issue 14: functions.js under 150 KB). For each
 * module with a stand-in in src/functions/lazy/ (same file name), webpack.config.js hands functions.ts the
 * stand-in instead of the module; jest, the CLI and the bench import the modules as they are. A stand-in's
 * functions answer synchronously once the family's chunk has loaded, and with a Promise of the same answer until
 * then: `scalar` and `grid` (invoke.ts) wait for it, and Excel shows #BUSY! for that moment. Every function is
 * still associated when functions.js runs, before any await, as Excel's shared runtime requires.
 */

/** The names of a module's exported functions. */
type FunctionKeys<M> = { [K in keyof M]: M[K] extends (...args: never[]) => unknown ? K : never }[keyof M];

/** A module loaded on first use (see the file comment). */
export interface LazyModule<M> {
  /** A stand-in for the module's function `name`, typed as it (its first calls may answer with a Promise). */
  fn<K extends FunctionKeys<M>>(name: K): M[K];
  /** Loads the module once; a failed load is tried again on the next call. */
  load(): Promise<M>;
}

/**
 * A chunk that would not load: names the family (and why, for the console); toCellError (errors.ts) makes it
 * the cell's #VALUE! with a message saying how to retry.
 */
export class ChunkLoadError extends Error {
  constructor(
    /** The functions the chunk holds ("MTFS.SIMULATE and MTFS.SENSITIVITY"). */
    readonly family: string,
    /** The loader's own message ("Loading chunk 7 failed."). */
    readonly why: string,
  ) {
    super(`the ${family} functions could not be loaded (${why})`);
    this.name = "ChunkLoadError";
  }
}

/**
 * A module fetched with `load` (a webpack `import()`) when one of its functions is first called.
 *
 * @example
 * const risk = lazyModule("MTFS.SIMULATE and MTFS.SENSITIVITY", () => import("./riskCells"));
 * const simulateCells = risk.fn("simulateCells"); // simulateCells(...) is a Promise until the chunk is in
 */
export function lazyModule<M>(family: string, load: () => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  const get = (): Promise<M> =>
    (loading ??= load().then(
      (m) => (loaded = m),
      (e: unknown) => {
        loading = undefined;
        const why = e instanceof Error ? e.message : String(e);
        throw new ChunkLoadError(family, why);
      },
    ));
  return {
    load: get,
    fn: <K extends FunctionKeys<M>>(name: K): M[K] => {
      const call = (m: M, args: unknown[]): unknown => (m[name] as (...a: unknown[]) => unknown)(...args);
      const stand = (...args: unknown[]): unknown =>
        loaded ? call(loaded, args) : get().then((m) => call(m, args));
      return stand as M[K];
    },
  };
}
