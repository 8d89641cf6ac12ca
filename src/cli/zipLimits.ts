import * as zlib from "zlib";
import { CliError } from "./errors";

/**
 * Size limits for the workbooks the CLI opens, checked on the zip itself before ExcelJS reads it whole (a
 * 1 MB zip can hold 500 MB of sheet XML, and millions of cells exhaust memory). Each part is inflated with a
 * cap, so a zip whose headers under-state its sizes is caught too. Documented in docs/cli.md.
 */

/** The limits a workbook must keep within (numbers, so tests may pass smaller ones). */
export interface WorkbookLimits {
  readonly fileBytes: number;
  readonly unpackedBytes: number;
  readonly cells: number;
}

export const WORKBOOK_LIMITS: WorkbookLimits = {
  /** The .xlsx file itself. */
  fileBytes: 50 * 1024 * 1024,
  /** All parts unpacked (sheet XML, shared strings, drawings...). */
  unpackedBytes: 200 * 1024 * 1024,
  /** Cells over all worksheets (`<c>` elements). */
  cells: 1_000_000,
};

const MB = 1024 * 1024;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

function centralDirectory(zip: Buffer, file: string): Entry[] {
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (after an optional comment).
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new CliError(`${file}: not a readable .xlsx workbook (no zip directory)`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) {
      throw new CliError(`${file}: not a readable .xlsx workbook (damaged zip directory)`);
    }
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function countCells(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf("<c"); i >= 0; i = xml.indexOf("<c", i + 2)) {
    const next = xml[i + 2];
    if (next === 0x20 || next === 0x3e || next === 0x2f) n++; // "<c ", "<c>", "<c/"
  }
  return n;
}

function tooLarge(file: string, what: string, limit: string): CliError {
  return new CliError(`${file}: too large to open safely (${what}; the limit is ${limit}); see docs/cli.md`);
}

/**
 * Refuses (CliError, exit 2) a file over the size limit, from its size alone (before it is read).
 *
 * @example
 * checkFileSize(fs.statSync(f).size, f)
 */
export function checkFileSize(bytes: number, file: string, limits: WorkbookLimits = WORKBOOK_LIMITS): void {
  if (bytes > limits.fileBytes) {
    throw tooLarge(file, `${(bytes / MB).toFixed(1)} MB`, `${limits.fileBytes / MB} MB`);
  }
}

/**
 * Refuses (CliError, exit 2) a workbook whose file, unpacked parts or cell count exceed WORKBOOK_LIMITS.
 *
 * @example
 * checkWorkbookSize(fs.readFileSync("big.xlsx"), "big.xlsx")
 * // throws "big.xlsx: too large to open safely (524 MB unpacked; the limit is 200 MB)"
 */
export function checkWorkbookSize(zip: Buffer, file: string, limits: WorkbookLimits = WORKBOOK_LIMITS): void {
  checkFileSize(zip.length, file, limits);
  const unpackedLimit = `${limits.unpackedBytes / MB} MB`;
  const overUnpacked = (): CliError => tooLarge(file, `over ${unpackedLimit} unpacked`, unpackedLimit);
  let unpacked = 0;
  let cells = 0;
  for (const e of centralDirectory(zip, file)) {
    // ZIP64 (a part or an offset over 4 GB) is far beyond the limits anyway.
    if (e.compressedSize === 0xffffffff || e.localOffset === 0xffffffff) {
      throw tooLarge(file, "a part over 4 GB", unpackedLimit);
    }
    const at = e.localOffset;
    if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) {
      throw new CliError(`${file}: not a readable .xlsx workbook (damaged zip entry ${e.name})`);
    }
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const data = zip.subarray(start, start + e.compressedSize);
    const budget = limits.unpackedBytes - unpacked;
    let part: Buffer;
    try {
      part = e.method === 0 ? data : zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, budget + 1) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw overUnpacked();
      throw new CliError(`${file}: not a readable .xlsx workbook (damaged zip entry ${e.name})`);
    }
    unpacked += part.length;
    if (unpacked > limits.unpackedBytes) throw overUnpacked();
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) {
      cells += countCells(part);
      if (cells > limits.cells) {
        throw tooLarge(
          file,
          `over ${limits.cells.toLocaleString("en-GB")} cells`,
          `${limits.cells.toLocaleString("en-GB")} cells`,
        );
      }
    }
  }
}
