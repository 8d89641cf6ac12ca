import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Test helper: opens a workbook in LibreOffice headless with "recalculate on load: always", saves it back
 * as .xlsx and returns the new file's path, so a test can read LibreOffice's own results with ExcelJS.
 * Takes 5–15 s a call: batch the checks for one file.
 */

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** True when `soffice` is on the PATH. */
export function hasLibreOffice(): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((d) => fs.existsSync(path.join(d, "soffice")));
}

/**
 * Recalculates `file` in LibreOffice and returns the path of the recalculated copy (in a temp folder).
 *
 * @example
 * const out = await recalcInLibreOffice("/tmp/demo.xlsx"); // "/tmp/lo-out-XXXX/demo.xlsx"
 */
export async function recalcInLibreOffice(file: string, convertTo = "xlsx"): Promise<string> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lo-profile-"));
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "lo-out-"));
  const input = path.resolve(file);
  await new Promise<void>((resolve, reject) => {
    execFile(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        convertTo,
        "--outdir",
        outDir,
        input,
      ],
      { timeout: 180_000 },
      (err, _stdout, stderr) =>
        err ? reject(new Error(`soffice failed: ${err.message} ${stderr}`)) : resolve(),
    );
  });
  fs.rmSync(profile, { recursive: true, force: true });
  const out = path.join(outDir, `${path.basename(input, path.extname(input))}.${convertTo.split(":")[0]}`);
  if (!fs.existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return out;
}

/** One word of a PDF page, with its box in points (pdftotext -bbox). */
export interface PdfWord {
  readonly text: string;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** One PDF page: its size in points and its words in reading order. */
export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly words: readonly PdfWord[];
}

/** True when poppler's `pdftotext` is on the PATH. */
export function hasPdfToText(): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((d) => fs.existsSync(path.join(d, "pdftotext")));
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

/**
 * The pages of a PDF with every word's box, read with `pdftotext -bbox` (poppler-utils).
 *
 * @example
 * const pages = await pdfPages("/tmp/demo.pdf"); pages[0].words[0].text // "MTFS"
 */
export async function pdfPages(pdf: string): Promise<PdfPage[]> {
  const html = await new Promise<string>((resolve, reject) =>
    execFile("pdftotext", ["-bbox", pdf, "-"], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`pdftotext failed: ${err.message} ${stderr}`)) : resolve(stdout),
    ),
  );
  return html
    .split("<page ")
    .slice(1)
    .map((chunk) => {
      const num = (re: RegExp, s: string): number => Number(re.exec(s)?.[1]);
      const words = [...chunk.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map(([, attrs, text]) => ({
        text: unescapeXml(text),
        xMin: num(/xMin="([\d.]+)"/, attrs),
        xMax: num(/xMax="([\d.]+)"/, attrs),
        yMin: num(/yMin="([\d.]+)"/, attrs),
        yMax: num(/yMax="([\d.]+)"/, attrs),
      }));
      return { width: num(/width="([\d.]+)"/, chunk), height: num(/height="([\d.]+)"/, chunk), words };
    });
}

/** One edit a user makes in LibreOffice: `typed` as typed into the cell, `text` kept as text, a `note` added. */
export interface LibreOfficeEdit {
  readonly sheet: string;
  readonly address: string;
  readonly typed?: string;
  readonly text?: string;
  readonly note?: string;
  /** Inserts this many empty rows before the address's row first (Sheet > Insert Rows). */
  readonly insertRows?: number;
}

/** A python that can import LibreOffice's uno bridge (Debian's python3-uno is built for the system python). */
export function unoPython(): string | null {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      execFileSync(python, ["-c", "import uno"], { stdio: "ignore" });
      return python;
    } catch {
      // not this one
    }
  }
  return null;
}

/**
 * Opens `file` in LibreOffice headless, makes `edits` as a user would (through the uno API), saves it as .xlsx
 * and returns the new file's path. Takes 3–15 s.
 *
 * @example
 * const out = await editInLibreOffice("/tmp/demo.xlsx", [{ sheet: "CFS Targeted Prevention", address: "B55", typed: "2026-09-01" }]);
 */
export async function editInLibreOffice(file: string, edits: readonly LibreOfficeEdit[]): Promise<string> {
  const python = unoPython();
  if (!python) throw new Error("python3-uno is not installed: run `bash scripts/install-system-deps.sh`");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lo-edit-"));
  const editsFile = path.join(dir, "edits.json");
  fs.writeFileSync(editsFile, JSON.stringify(edits));
  const out = path.join(dir, path.basename(file));
  await new Promise<void>((resolve, reject) => {
    execFile(
      python,
      [path.join(__dirname, "libreofficeEdit.py"), path.resolve(file), out, editsFile],
      { timeout: 180_000 },
      (err, _stdout, stderr) =>
        err ? reject(new Error(`LibreOffice edit failed: ${err.message} ${stderr}`)) : resolve(),
    );
  });
  if (!fs.existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return out;
}

/**
 * The size in points the body text of `pages` prints at: their commonest word height (a sheet's cells are
 * 11 pt, its titles larger, chart labels smaller) against `calibration`, the height of a word of the same
 * font printed at 11 pt and 100%.
 *
 * @example
 * printedPoints(programmePages, wordHeightAt100) // 8.2
 */
export function printedPoints(pages: readonly PdfPage[], calibration: number): number {
  const counts = new Map<number, number>();
  for (const w of pages.flatMap((p) => p.words)) {
    const h = Math.round((w.yMax - w.yMin) * 10) / 10;
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  const [commonest] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0];
  return (11 * commonest) / calibration;
}

/** A chart of a sheet as LibreOffice lays it out for print: its top and bottom, and where pages start. */
export interface ChartOnPages {
  readonly sheet: string;
  readonly name: string;
  /** 1/100 mm from the sheet's top. */
  readonly top: number;
  readonly bottom: number;
  /** The top of each row a printed page after the first starts at (manual and automatic breaks). */
  readonly breaks: readonly number[];
}

/**
 * Every chart of `file` with its sheet's page breaks, from LibreOffice's own pagination (uno): a chart is cut
 * when a page starts inside it. Takes 5–15 s.
 *
 * @example
 * (await chartsOnPages("/tmp/demo.xlsx")).filter((c) => c.breaks.some((y) => y > c.top && y < c.bottom))
 */
export async function chartsOnPages(file: string): Promise<ChartOnPages[]> {
  const python = unoPython();
  if (!python) throw new Error("python3-uno is not installed: run `bash scripts/install-system-deps.sh`");
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      python,
      [path.join(__dirname, "uno", "chartPages.py"), path.resolve(file)],
      { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (err, out, stderr) =>
        err ? reject(new Error(`LibreOffice pagination failed: ${err.message} ${stderr}`)) : resolve(out),
    );
  });
  return JSON.parse(stdout) as ChartOnPages[];
}
