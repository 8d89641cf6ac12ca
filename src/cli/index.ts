import { isEngineError } from "../engine";
import type { Command } from "./command";
import { CliError, EXIT_BAD_INPUT, EXIT_OK, EXIT_UNEXPECTED } from "./errors";
import { processIo, type Io } from "./io";
import * as commandTable from "./commands";

/**
 * The `mtfs-benefits` command line. `bin/mtfs-benefits.js` calls `main(process.argv.slice(2))`; tests call
 * it in-process with a capturing Io. One catch here is the only place errors become exit codes:
 * EngineError and CliError → 2 and one line on stderr; anything else → 1 and a short message, never a
 * stack trace.
 */

export type { Command } from "./command";
export type { Io } from "./io";

/**
 * Every command. To register one, add `export { name } from "./name";` to `src/cli/commands/index.ts`
 * (one line); the type below checks that each export is a Command.
 */
export const COMMANDS: readonly Command[] = Object.values(commandTable);

const VERSION = "0.1.0";

function topHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: mtfs-benefits <command> [options]",
    "",
    "Benefits proposals for the council's MTFS: profiles, triangulation, edge of care and workbooks.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `mtfs-benefits <command> --help` for a command's options. Docs: docs/cli.md",
  ].join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Runs the CLI and resolves to the exit code.
 *
 * @example
 * await main(["calc", "triangulation", "--input", "examples/cfs-targeted-prevention-triangulation.json"]) // 0
 * await main(["calc", "profile", "--input", "missing.json"]) // 2, stderr "mtfs-benefits: missing.json: file not found"
 */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  commands = COMMANDS,
): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      const target = name === "help" ? commands.find((c) => c.name === rest[0]) : undefined;
      io.out(target === undefined ? topHelp(commands) : target.help);
      return EXIT_OK;
    }
    if (name === "--version" || name === "-v") {
      io.out(VERSION);
      return EXIT_OK;
    }
    const command = commands.find((c) => c.name === name);
    if (command === undefined) {
      throw new CliError(`unknown command "${name}"; run mtfs-benefits --help`);
    }
    return await command.run(rest, io);
  } catch (e) {
    if (isEngineError(e) || e instanceof CliError) {
      io.err(`mtfs-benefits: ${oneLine(e.message)}`);
      return EXIT_BAD_INPUT;
    }
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.err(`mtfs-benefits: unexpected error (${oneLine(why)}); please report it`);
    return EXIT_UNEXPECTED;
  }
}
