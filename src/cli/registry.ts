import type { Command } from "./command";
import { calc } from "./commands/calc";

/**
 * Every CLI command, in the order `--help` lists them. Registering a command is one import and one entry.
 */
export const COMMANDS: readonly Command[] = [calc];
