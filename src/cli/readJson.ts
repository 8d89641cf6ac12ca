import { readFileSync } from "fs";
import { resolve } from "path";
import { CliError } from "./errors";

/**
 * Reads and parses a JSON input file; a missing, unreadable or malformed file is one CliError line naming
 * the file (never a stack trace).
 *
 * @example
 * readJsonFile("examples/edge-of-care-mst.json") // { programme: "MST standard (STD 1 and 2)", ... }
 */
export function readJsonFile(file: string): unknown {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`${file}: file not found`);
    if (code === "EISDIR") throw new CliError(`${file}: is a directory, expected a JSON file`);
    throw new CliError(`${file}: cannot read (${code ?? "unknown error"})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : "invalid JSON";
    throw new CliError(`${file}: not valid JSON (${why})`);
  }
}
