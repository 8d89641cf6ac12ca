import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { isWorkbookError } from "../workbook/errors";
import type { ExcelJsPort } from "../workbook/exceljs/excelJsPort";
import { loadXlsxPreserving } from "../workbook/exceljs/packageOrigin";
import { CliError } from "./errors";

/**
 * Workbook files for the CLI: refuse locked, missing, corrupt or non-workbook files with one line, and
 * write atomically (temp file in the same folder, then rename) keeping the previous file as FILE.xlsx.bak.
 * The original is never touched until the new file is complete.
 */

/**
 * The lock ("owner") file an open spreadsheet application keeps beside `file`, if any: Excel's `~$name.xlsx`
 * or LibreOffice's `.~lock.name.xlsx#`.
 *
 * @example
 * lockFileOf("/tmp/a.xlsx") // "/tmp/.~lock.a.xlsx#" when LibreOffice has it open, else null
 */
export function lockFileOf(file: string): string | null {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const candidates = [
    path.join(dir, `~$${base}`),
    path.join(dir, `~$${base.slice(2)}`),
    path.join(dir, `.~lock.${base}#`),
  ];
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

function refuseIfLocked(file: string): void {
  const lock = lockFileOf(file);
  if (lock) {
    throw new CliError(
      `${file}: is open in a spreadsheet application (${path.basename(lock)}); close it and retry`,
    );
  }
}

/**
 * Opens an existing workbook for update; every problem is a CliError (exit code 2) naming the file.
 *
 * @example
 * const wb = await loadWorkbook("out/mtfs-programme.xlsx");
 */
export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError(`${file}: file not found`);
  }
  if (stat.isDirectory()) throw new CliError(`${file}: is a directory, expected an .xlsx workbook`);
  refuseIfLocked(file);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r+");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unknown error";
    throw new CliError(`${file}: cannot be opened for writing (${code}); is it open or read-only?`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  const buffer = fs.readFileSync(file);
  // An .xlsx is a zip: anything else (a CSV, a renamed text file) is refused before ExcelJS sees it.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new CliError(`${file}: not an .xlsx workbook`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    // The bytes are kept: saving replaces only the parts MTFS Benefits owns, the rest stays byte-identical.
    await loadXlsxPreserving(wb, buffer);
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new CliError(`${file}: not a readable .xlsx workbook (${why})`);
  }
  if (wb.worksheets.length === 0) throw new CliError(`${file}: not a readable .xlsx workbook (no sheets)`);
  return wb;
}

/**
 * Writes the port's workbook (with its profile charts) to `file` atomically; an existing file is first copied
 * to `file.bak`.
 *
 * @example
 * await saveWorkbookAtomic(port, "out/mtfs-programme.xlsx") // also leaves out/mtfs-programme.xlsx.bak
 */
export async function saveWorkbookAtomic(port: ExcelJsPort, file: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(file)) refuseIfLocked(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const data = Buffer.from(await asCliErrors(() => port.toXlsx()));
    const fd = fs.openSync(temp, "w");
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (fs.existsSync(file)) fs.copyFileSync(file, `${file}.bak`);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new CliError(`${file}: cannot write (${code})`);
    throw e;
  }
}

/**
 * Runs a workbook-layer step, turning its WorkbookError (a workbook of the wrong shape) into a CliError.
 *
 * @example
 * await asCliErrors(() => addProposal(port, raw));
 */
export async function asCliErrors<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (isWorkbookError(e)) throw new CliError(e.message);
    throw e;
  }
}
