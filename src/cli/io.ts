/**
 * Where the CLI writes. Commands never touch process.stdout directly, so tests run `main([...])` in-process
 * with a capturing Io (changesets style) and read back exactly what a user would see.
 */
export interface Io {
  /** Writes one block of text to standard output (a newline is added). */
  readonly out: (text: string) => void;
  /** Writes one line to standard error (a newline is added). */
  readonly err: (text: string) => void;
}

/** The real terminal. */
export const processIo: Io = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
};
