import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import { buildProgrammeWorkbook } from "../../src/workbook/operations";
import type { CellScalar } from "../../src/workbook/port";
import { updateDashboard } from "../../src/workbook/dashboard";
import type { TrackingActual } from "../../src/workbook/layouts/trackingSheet";
import { importActuals } from "../../src/workbook/tracking";

/** Shared test fixtures for the workbook layer: the bundled programme and proposals, temp files. */

export const EXAMPLES = path.join(__dirname, "..", "..", "examples");

export function readExample(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), "utf8"));
}

export const MODELLED_EXAMPLES = [
  "cfs-targeted-prevention.json",
  "family-based-placements.json",
  "independent-travel-training.json",
];

/** The bundled programme, its rows linked only to MODELLED_EXAMPLES' sheets (the others stay typed). */
export function programmeConfig(): ProgrammeConfig {
  const config = readExample("programme.json") as ProgrammeConfig;
  return {
    ...config,
    directorates: config.directorates.map((d) => ({
      ...d,
      rows: d.rows.map((r) =>
        r.example && !MODELLED_EXAMPLES.includes(r.example)
          ? { ...r, proposalSheet: undefined, example: undefined }
          : r,
      ),
    })),
  };
}

/** The demo workbook, built in memory. */
export async function demoWorkbook(): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const wb = new ExcelJS.Workbook();
  const port = new ExcelJsPort(wb);
  await buildProgrammeWorkbook(port, programmeConfig(), MODELLED_EXAMPLES.map(readExample));
  return { wb, port };
}

/** The bundled programme as `mtfs-benefits demo` reads it: every row that names an example linked to it. */
export function demoProgrammeConfig(): ProgrammeConfig {
  return readExample("programme.json") as ProgrammeConfig;
}

/** Every example the `demo` command models: the Programme rows of examples/programme.json that name one. */
export const DEMO_EXAMPLES: readonly string[] = demoProgrammeConfig().directorates.flatMap((d) =>
  d.rows.flatMap((r) => (r.example ? [r.example] : [])),
);

/** The workbook `mtfs-benefits demo` writes: the programme with a sheet for every example row, in memory. */
export async function fullDemoWorkbook(): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const wb = new ExcelJS.Workbook();
  const port = new ExcelJsPort(wb);
  await buildProgrammeWorkbook(port, demoProgrammeConfig(), DEMO_EXAMPLES.map(readExample));
  return { wb, port };
}

export function tempDir(prefix = "mtfs-wb-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes then reads back a workbook, as a user saving and reopening it would. */
export async function roundTrip(wb: ExcelJS.Workbook): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const buffer = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer);
  return { wb: back, port: new ExcelJsPort(back) };
}

/**
 * A cell's value as a number or text. LibreOffice saves "£0.00,,\m" formats, which ExcelJS takes for dates,
 * so a Date read from LibreOffice's output is turned back into its serial number (exact to 1e-8).
 */
export function plain(v: unknown): CellScalar {
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25_569;
  if (v !== null && typeof v === "object") {
    const o = v as { result?: unknown; richText?: { text: string }[]; error?: string; text?: string };
    if ("result" in o) return plain(o.result);
    // ExcelJS drops a cached result of 0 when reading (the file says <v>0</v>).
    if ("formula" in o || "sharedFormula" in o) return 0;
    if (o.error) return o.error;
    if (o.richText) return o.richText.map((t) => t.text).join("");
    if (o.text !== undefined) return o.text;
  }
  if (v === undefined) return null;
  return v as CellScalar;
}

/** Every formula cell of a workbook with its cached result: [sheet, address, formula, result]. */
export function formulaCells(wb: ExcelJS.Workbook): [string, string, string, CellScalar][] {
  const out: [string, string, string, CellScalar][] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; result?: unknown } | null;
        if (v && typeof v === "object" && typeof v.formula === "string") {
          out.push([ws.name, cell.address, v.formula, plain(v.result ?? 0)]);
        }
      }),
    ),
  );
  return out;
}

export interface GoldenConfig extends ProgrammeConfig {
  readonly directorates: readonly (ProgrammeConfig["directorates"][number] & {
    readonly publishedSubtotalMillions: readonly number[];
  })[];
  readonly publishedTotalMillions: readonly number[];
  readonly publishedAdditionalBeyondMtfsMillions: number;
}

/** Appendix A with every row typed (no proposal sheets): the published figures only. */
export function typedConfig(): GoldenConfig {
  const config = readExample("programme.json") as GoldenConfig;
  return {
    ...config,
    directorates: config.directorates.map((d) => ({
      ...d,
      rows: d.rows.map(({ proposalSheet: _p, example: _e, ...row }) => row),
    })),
  };
}

/**
 * Table 3 from its printed totals: one typed Programme row carrying Appendix A's printed totals and one
 * resource line carrying Table 3's printed implementation totals (10.4, 13.6, 3.6, 0.5).
 */
export function printedTotalsConfig(): ProgrammeConfig {
  const base = typedConfig();
  return {
    ...base,
    directorates: [
      {
        directorate: "Printed totals",
        subtotalLabel: "Printed totals",
        rows: [
          {
            opportunity: "Total ER Savings (printed)",
            type: "",
            publishedMillions: base.publishedTotalMillions,
          },
        ],
      },
    ],
    resourceCost: {
      areas: [{ area: "Total implementation costs (printed)", amountsMillions: [10.4, 13.6, 3.6, 0.5] }],
    },
  };
}

/**
 * Renames a sheet as Excel does: the sheet's defined names and every formula that reads it follow it
 * (ExcelJS itself moves neither).
 */
export async function renameAsExcel(wb: ExcelJS.Workbook, from: string, to: string): Promise<void> {
  const port = new ExcelJsPort(wb);
  const names = (await port.listNames()).filter((n) => n.sheet === from);
  await port.deleteNames(names.map((n) => n.name));
  (wb.getWorksheet(from) as ExcelJS.Worksheet).name = to;
  await port.defineNames(names.map((n) => ({ ...n, sheet: to })));
  const spellings = [`'${from}'!`, `${from}!`];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; result?: unknown } | null;
        if (!v || typeof v !== "object" || typeof v.formula !== "string") return;
        let formula = v.formula;
        for (const s of spellings) formula = formula.split(s).join(`'${to}'!`);
        if (formula !== v.formula) cell.value = { ...v, formula } as ExcelJS.CellValue;
      }),
    ),
  );
}

/** A Tracking sheet row of CFS Targeted Prevention's actuals, as a user's CSV line gives it. */
export const cfsActual = (period: string, measure: string, value: number): TrackingActual => ({
  proposal: "CFS Targeted Prevention",
  stream: "",
  period,
  measure,
  value,
  source: "test",
});

/** The demo with two months of CFS avoided events and a quarter's saving imported, and its Dashboard. */
export async function trackedDemoWorkbook(): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const { wb, port } = await demoWorkbook();
  await importActuals(
    port,
    [
      cfsActual("2027-10", "avoidedEvents", 0),
      cfsActual("2027-11", "avoidedEvents", 1),
      cfsActual("2027-Q3", "saving", 10_000),
    ],
    { dryRun: false },
  );
  await updateDashboard(port);
  return { wb, port };
}
