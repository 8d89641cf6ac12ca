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
  const text = readTextFile(file, "JSON").replace(/^\uFEFF/, "");
  // A sheet saved as CSV is a likely mistake: say so rather than quote JSON.parse about its first comma.
  if (/\.csv$/i.test(file) && !/^\s*[[{]/.test(text)) {
    throw new CliError(`${file}: is a CSV file, not JSON (the input format is in schema/ and examples/)`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    // JSON.parse quotes the start of the file, line breaks included: keep them escaped so it stays one line.
    const why = e instanceof Error ? e.message.replace(/\r?\n/g, "\\n") : "invalid JSON";
    throw new CliError(`${file}: not valid JSON (${why})`);
  }
}

/**
 * Reads a UTF-8 text input file (JSON, CSV); a missing, unreadable or binary file is one CliError line.
 *
 * @example
 * readTextFile("actuals.csv", "CSV") // "proposal,period,measure,value\n…"
 */
export function readTextFile(file: string, what: string): string {
  const path = resolve(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`${file}: file not found`);
    if (code === "EISDIR") throw new CliError(`${file}: is a directory, expected a ${what} file`);
    throw new CliError(`${file}: cannot read (${code ?? "unknown error"})`);
  }
  // A workbook (a zip) or another binary file is named as such, not quoted byte by byte.
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    throw new CliError(`${file}: is an .xlsx workbook, not a ${what} file`);
  }
  if (bytes.includes(0)) throw new CliError(`${file}: is a binary file, not ${what}`);
  return bytes.toString("utf8");
}

/**
 * Refuses a programme file (examples/programme.json: directorates, resource cost, themes) given where
 * `expected` is wanted, naming it, rather than reporting the first field it lacks.
 *
 * @example
 * refuseProgrammeFile(readJsonFile("examples/programme.json"), "examples/programme.json", "a proposal")
 * // throws "examples/programme.json: is a programme file (Programme rows, resource cost, themes), not a proposal"
 */
export function refuseProgrammeFile(raw: unknown, file: string, expected: string): void {
  const o =
    raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (Array.isArray(o.directorates) && Array.isArray(o.fyLabels)) {
    throw new CliError(
      `${file}: is a programme file (Programme rows, resource cost, themes), not ${expected}`,
    );
  }
}
