import * as ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { isWorkbookError } from "../workbook/errors";
import { ExcelJsPort } from "../workbook/exceljs/excelJsPort";
import { loadXlsxPreserving } from "../workbook/exceljs/packageOrigin";
import { guardExcelJsKeys } from "../workbook/exceljs/safeKeys";
import { EMPTY_PROGRAMME } from "../workbook/layouts/programmeConfig";
import { buildProgrammeWorkbook } from "../workbook/operations";
import { hasRegister, NOT_AN_MTFS_WORKBOOK } from "../workbook/register";
import { CliError } from "./errors";
import { checkFileSize, checkWorkbookSize } from "./zipLimits";

/**
 * Workbook files for the CLI: refuse locked, missing, corrupt, too large or non-workbook files with one
 * line, and write atomically (temp file beside the real file, then rename) keeping the previous file as
 * FILE.xlsx.bak. The original is never touched until the new file is complete.
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
 * Refuses a workbook name that does not end in .xlsx (what Excel would open), before anything is written.
 *
 * @example
 * requireXlsxName("x.csv", "--into") // throws CliError "--into x.csv: a workbook name must end in .xlsx"
 */
export function requireXlsxName(file: string, option: string): void {
  if (!/\.xlsx$/i.test(file)) {
    throw new CliError(`${option} ${file}: a workbook name must end in .xlsx`);
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
  // Refused before it is read whole (the zip's own parts are checked next, before ExcelJS unpacks them).
  checkFileSize(stat.size, file);
  const buffer = fs.readFileSync(file);
  // An .xlsx is a zip: anything else (a CSV, a renamed text file) is refused before ExcelJS sees it.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new CliError(`${file}: not an .xlsx workbook`);
  }
  checkWorkbookSize(buffer, file);
  const wb = new ExcelJS.Workbook();
  guardExcelJsKeys(wb);
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
 * The file a write to `file` must replace: the target of a symlink (followed to the end), else `file`.
 *
 * @example
 * realTarget("out/link.xlsx") // "/shared/programme.xlsx" when out/link.xlsx links there
 */
export function realTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file); // absent (or a dangling link's own path): written as a new file
  }
}

function writeSynced(file: string, data: Buffer, mode: number): void {
  const fd = fs.openSync(file, "w", mode);
  try {
    fs.fchmodSync(fd, mode); // the umask does not apply to an explicit chmod
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the renames are still atomic.
  }
}

/**
 * Writes the port's workbook (with its profile charts) to `file` atomically: the new file is written and
 * synced beside the real file (a symlink is written through to its target, which keeps its mode), the
 * previous file is copied to `FILE.bak` the same way (temp copy, sync, rename), then the new file is renamed
 * over it. A crash at any moment leaves the file old or new and the backup whole. Resolves to the backup's
 * path when there was a file to keep; a folder or file it cannot write is a CliError naming the reason.
 *
 * @example
 * await saveWorkbookAtomic(port, "out/mtfs-programme.xlsx") // also leaves out/mtfs-programme.xlsx.bak
 * await saveWorkbookAtomic(port, "out/mtfs-programme.xlsx", "keep") // "…/out/mtfs-programme.xlsx.2.bak" the second time
 */
export async function saveWorkbookAtomic(
  port: ExcelJsPort,
  file: string,
  backups: Backups = "replace",
): Promise<string | undefined> {
  return writeXlsxAtomic(await asCliErrors(() => port.toXlsx()), file, backups);
}

/**
 * What a write does with an earlier backup: "replace" it (a refresh or `new` changes a workbook in place, so
 * the file before this run is the one worth keeping), or "keep" every one (`demo` replaces the whole
 * workbook, so a second run must not lose the user's file kept by the first: FILE.bak, then FILE.2.bak, ...).
 */
export type Backups = "replace" | "keep";

/** The backup path for `real`: FILE.bak, or under "keep" the first of FILE.bak, FILE.2.bak, ... not taken. */
function backupPath(real: string, backups: Backups): string {
  if (backups === "replace" || !fs.existsSync(`${real}.bak`)) return `${real}.bak`;
  for (let n = 2; ; n++) if (!fs.existsSync(`${real}.${n}.bak`)) return `${real}.${n}.bak`;
}

/**
 * saveWorkbookAtomic unless the workbook it would write holds the same parts, byte for byte, as `file` now
 * (a refresh that changed nothing): then the file and its .bak are left untouched. True when it wrote.
 *
 * @example
 * await saveWorkbookIfChanged(port, "out/mtfs-programme.xlsx") // false after a refresh that changed nothing
 */
export async function saveWorkbookIfChanged(port: ExcelJsPort, file: string): Promise<boolean> {
  const bytes = await asCliErrors(() => port.toXlsx());
  const real = realTarget(file);
  if (fs.existsSync(real) && (await samePackage(bytes, fs.readFileSync(real)))) return false;
  await writeXlsxAtomic(bytes, file);
  return true;
}

/** Two .xlsx packages with the same parts and the same bytes in each (zip timestamps and order aside). */
async function samePackage(a: Uint8Array, b: Uint8Array): Promise<boolean> {
  const [za, zb] = await Promise.all([JSZip.loadAsync(a), JSZip.loadAsync(b)]);
  const files = (z: JSZip): string[] =>
    Object.keys(z.files)
      .filter((n) => !z.files[n].dir)
      .sort();
  const names = files(za);
  if (names.join("\n") !== files(zb).join("\n")) return false;
  for (const n of names) {
    const [x, y] = await Promise.all([za.files[n].async("nodebuffer"), zb.files[n].async("nodebuffer")]);
    if (!x.equals(y)) return false;
  }
  return true;
}

async function writeXlsxAtomic(
  bytes: Uint8Array,
  file: string,
  backups: Backups = "replace",
): Promise<string | undefined> {
  const real = realTarget(file);
  const dir = path.dirname(real);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unknown error";
    throw new CliError(`${file}: cannot create its folder ${path.dirname(file)} (${code})`);
  }
  const existing = fs.existsSync(real) ? fs.statSync(real) : undefined;
  if (existing) {
    refuseIfLocked(file);
    if (real !== path.resolve(file)) refuseIfLocked(real);
  }
  const mode = existing ? existing.mode & 0o7777 : 0o666 & ~process.umask();
  const temp = path.join(dir, `.${path.basename(real)}.${process.pid}.tmp`);
  const backup = backupPath(real, backups);
  const backupTemp = `${backup}.${process.pid}.tmp`;
  try {
    writeSynced(temp, Buffer.from(bytes), mode);
    if (existing) {
      writeSynced(backupTemp, fs.readFileSync(real), mode);
      fs.renameSync(backupTemp, backup);
    }
    fs.renameSync(temp, real);
    syncDir(dir);
    return existing ? backup : undefined;
  } catch (e) {
    fs.rmSync(temp, { force: true });
    fs.rmSync(backupTemp, { force: true });
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

/**
 * The MTFS workbook at `file` opened for writing, or undefined when there is no file: what every command that
 * writes a workbook checks first. A file it cannot write (read-only, locked, not an .xlsx) is refused as
 * loadWorkbook does, and a workbook MTFS Benefits did not make (no _mtfs register) is refused, naming `option`.
 *
 * @example
 * await openMtfsWorkbookIfAny("mine.xlsx", "--out") // throws "mine.xlsx is not an MTFS Benefits workbook …; give --out a new file name"
 */
export async function openMtfsWorkbookIfAny(file: string, option: string): Promise<ExcelJsPort | undefined> {
  if (!fs.existsSync(file)) return undefined;
  const port = new ExcelJsPort(await loadWorkbook(file));
  // Rewriting someone else's file could lose what it holds.
  if (!(await hasRegister(port))) {
    throw new CliError(`${file} is ${NOT_AN_MTFS_WORKBOOK}; give ${option} a new file name`);
  }
  return port;
}

/**
 * The MTFS workbook `file` for adding a sheet to (`--xlsx`), or a new one with an empty Programme (as `new`
 * makes) when there is no such file. A workbook MTFS Benefits did not make is refused, as `new --into` does.
 *
 * @example
 * const port = await openOrCreateMtfsWorkbook("out/mtfs.xlsx"); // then write a sheet, saveWorkbookAtomic(port, file)
 */
export async function openOrCreateMtfsWorkbook(file: string, option = "--xlsx"): Promise<ExcelJsPort> {
  const existing = await openMtfsWorkbookIfAny(file, option);
  if (existing) return existing;
  const wb = new ExcelJS.Workbook();
  wb.creator = "MTFS Benefits";
  const port = new ExcelJsPort(wb);
  await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
  return port;
}
