import { execFile, execFileSync, spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Test helper: structure edits (insert/delete rows and columns) made by LibreOffice through its UNO API, so
 * defined names, formulas and merges move as a spreadsheet moves them. One headless soffice serves every call
 * of a test file (start it in beforeAll, stop it in afterAll); each call runs structureEdit.py against it.
 */

/** One structure edit on one sheet, at a 1-based row or column. */
export interface StructureEdit {
  readonly sheet: string;
  readonly op: "insertRows" | "deleteRows" | "insertColumns" | "deleteColumns";
  readonly at: number;
  readonly count: number;
}

/** A sheet renamed, as a user renames its tab (names, formulas and charts follow it). */
export interface SheetRename {
  readonly sheet: string;
  readonly op: "renameSheet";
  readonly name: string;
}

/** The system python, which has Debian's python3-uno (a pyenv python on the PATH may not). */
export const SYSTEM_PYTHON = "/usr/bin/python3";
const SCRIPT = path.join(__dirname, "structureEdit.py");

/** True when soffice and the system python's uno module are installed. */
export function hasUno(): boolean {
  try {
    execFileSync(SYSTEM_PYTHON, ["-c", "import uno"], { stdio: "ignore" });
    execFileSync("soffice", ["--version"], { stdio: "ignore", timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

export interface UnoOffice {
  /** Applies `edits` (or recalculates, with `[{ op: "recalculate" }]`) to `input`, saving .xlsx to `output`. */
  edit(
    input: string,
    output: string,
    edits: readonly (StructureEdit | SheetRename | { readonly op: "recalculate" })[],
  ): Promise<void>;
  stop(): void;
}

/**
 * Starts a headless soffice listening on a private pipe, with a throw-away profile.
 *
 * @example
 * const office = startUno(); await office.edit("in.xlsx", "out.xlsx", [{ sheet: "Programme", op: "insertRows", at: 10, count: 1 }]);
 */
export function startUno(): UnoOffice {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "uno-profile-"));
  const pipe = `mtfs_uno_${process.pid}_${Date.now()}`;
  const proc: ChildProcess = spawn(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--invisible",
      "--norestore",
      "--nologo",
      `--accept=pipe,name=${pipe};urp;`,
    ],
    { stdio: "ignore" },
  );
  const run = (args: readonly string[]): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      execFile(
        SYSTEM_PYTHON,
        [SCRIPT, "--connect", pipe, ...args],
        { timeout: 120_000 },
        (err, stdout, stderr) =>
          err
            ? reject(
                Object.assign(
                  new Error(
                    `structureEdit.py failed (signal ${String(err.signal)}, soffice ${proc.exitCode === null ? "running" : `exited ${proc.exitCode}`}): ${stderr}${stdout}${err.message}`,
                  ),
                  { signal: err.signal },
                ),
              )
            : resolve(),
      );
    });
  return {
    edit: async (input, output, edits) => {
      const args = [input, output, JSON.stringify(edits)];
      // The python side of the bridge crashes now and then (SIGSEGV, soffice unharmed): the edit is redone.
      for (let attempt = 1; ; attempt++) {
        try {
          return await run(args);
        } catch (e) {
          if (attempt >= 3 || !(e as { signal?: unknown }).signal || proc.exitCode !== null) throw e;
        }
      }
    },
    stop: () => {
      proc.kill();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
