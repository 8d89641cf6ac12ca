import { CliError } from "./errors";

/**
 * A small, strict argument parser: `--name value`, `--name=value`, boolean `--flag`, and positionals.
 * Unknown options are errors (one line), so a typo never silently changes what a command does.
 */

/** The options a command accepts: name → whether it takes a value. */
export type OptionSpec = Readonly<Record<string, "value" | "flag">>;

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string>>;
  readonly flags: ReadonlySet<string>;
}

/**
 * Parses argv against a spec. `--help`/`-h` is always accepted as a flag named "help".
 *
 * @example
 * parseArgs(["profile", "--input", "a.json", "--format=table"], { input: "value", format: "value" })
 * // { positionals: ["profile"], values: { input: "a.json", format: "table" }, flags: Set {} }
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const positionals: string[] = [];
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      flags.add("help");
      continue;
    }
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (kind === undefined) throw new CliError(`unknown option --${name}`);
    if (kind === "flag") {
      if (eq !== -1) throw new CliError(`option --${name} takes no value`);
      flags.add(name);
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "") throw new CliError(`option --${name} needs a value`);
    values[name] = value;
  }
  return { positionals, values, flags };
}

/**
 * One of a fixed set of values for an option, or its default.
 *
 * @example
 * choice({ format: "json" }, "format", ["json", "table"], "table") // "json"
 */
export function choice<T extends string>(
  values: Readonly<Record<string, string>>,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = values[name];
  if (v === undefined) return fallback;
  const hit = allowed.find((a) => a === v.toLowerCase());
  if (hit === undefined) throw new CliError(`--${name} must be one of ${allowed.join(", ")}, got "${v}"`);
  return hit;
}
