import type { Io } from "./io";

/**
 * One CLI command. Each lives in its own module under commands/ and is exported once from commands/index.ts;
 * `run` gets the arguments after the command name and returns the exit code.
 */
export interface Command {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  readonly run: (argv: readonly string[], io: Io) => Promise<number>;
}
