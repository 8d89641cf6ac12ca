/**
 * A problem with how the CLI was called or with the files it was given (unknown option, missing file, not
 * JSON). Like an EngineError it becomes exit code 2 and one line on stderr; anything else is a bug (exit 1).
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** Exit codes: 0 done, 1 unexpected failure (a bug), 2 bad usage or bad input. */
export const EXIT_OK = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_BAD_INPUT = 2;
