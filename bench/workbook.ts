/**
 * Workbook speed (issue 5): refresh of a generated 100-proposal workbook (engine time, in-process refresh and
 * the whole `mtfs-benefits refresh` command), and `ratio formula-grid/engine`: the CFS Targeted Prevention
 * model as a weekly grid of ordinary formulas recalculated by LibreOffice headless, against the engine
 * computing the same profile. Prints figures; asserts nothing.
 */
import { spawnSync } from "child_process";
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { computeAssumptions, parseProposal } from "../src/engine";
import { ExcelJsPort } from "../src/workbook/exceljs/excelJsPort";
import type { ProgrammeConfig } from "../src/workbook/layouts/programmeConfig";
import { buildProgrammeWorkbook, refreshWorkbook } from "../src/workbook/operations";
import { recalcInLibreOffice, hasLibreOffice } from "../test/workbook/libreoffice";

const root = path.join(__dirname, "..");
const example = (f: string): any => JSON.parse(fs.readFileSync(path.join(root, "examples", f), "utf8"));
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** 100 proposals: the three bundled examples, renamed and with their target nudged so each differs. */
function proposals(n: number): any[] {
  const bases = [
    "cfs-targeted-prevention.json",
    "family-based-placements.json",
    "independent-travel-training.json",
  ].map(example);
  return Array.from({ length: n }, (_, i) => {
    const b = bases[i % bases.length];
    return {
      ...b,
      opportunity: { ...b.opportunity, name: `${b.opportunity.name} ${String(i + 1).padStart(3, "0")}` },
    };
  });
}

function configFor(list: any[]): ProgrammeConfig {
  const byDirectorate = new Map<string, ProgrammeConfig["directorates"][number]["rows"][number][]>();
  for (const p of list) {
    const d = p.opportunity.directorate ?? "Other";
    byDirectorate.set(d, [
      ...(byDirectorate.get(d) ?? []),
      { opportunity: p.opportunity.name, type: p.opportunity.type ?? "", proposalSheet: p.opportunity.name },
    ]);
  }
  return {
    title: "Benchmark programme",
    fyLabels: ["FY26/27", "FY27/28", "FY28/29", "FY29/30", "FY30/31"],
    mtfsYears: 4,
    directorates: [...byDirectorate].map(([directorate, rows]) => ({
      directorate,
      subtotalLabel: `${directorate} ER Savings`,
      rows,
    })),
    resourceCost: { areas: [] },
    themes: [],
  };
}

async function refreshBench(dir: string): Promise<void> {
  const list = proposals(100);
  const wb = new ExcelJS.Workbook();
  let t = process.hrtime.bigint();
  await buildProgrammeWorkbook(new ExcelJsPort(wb), configFor(list), list);
  const file = path.join(dir, "bench-100.xlsx");
  await wb.xlsx.writeFile(file);
  console.log(
    `build 100-proposal workbook: ${ms(t).toFixed(0)} ms (${(fs.statSync(file).size / 1024).toFixed(0)} KiB)`,
  );

  t = process.hrtime.bigint();
  for (const p of list) computeAssumptions(parseProposal(p).assumptions);
  console.log(`engine, 100 profiles: ${ms(t).toFixed(0)} ms`);

  // Every proposal's duration is edited (+10%) so refresh has every profile to rewrite.
  const edited = new ExcelJS.Workbook();
  await edited.xlsx.readFile(file);
  for (const n of edited.definedNames.model) {
    if (!n.name.endsWith("_durationWeeks")) continue;
    const [sheet, address] = n.ranges[0].split("!");
    const cell = edited
      .getWorksheet(sheet.replace(/^'|'$/g, "").replace(/''/g, "'"))!
      .getCell(address.replace(/\$/g, ""));
    cell.value = Number(cell.value) * 1.1;
  }
  await edited.xlsx.writeFile(file);

  const back = new ExcelJS.Workbook();
  t = process.hrtime.bigint();
  await back.xlsx.readFile(file);
  const loaded = ms(t);
  t = process.hrtime.bigint();
  const report = await refreshWorkbook(new ExcelJsPort(back));
  console.log(
    `refresh in-process (100 proposals, all edited): ${ms(t).toFixed(0)} ms + ${loaded.toFixed(0)} ms to load the file; ` +
      `${report.changes.length} cells changed`,
  );

  const bin = path.join(root, "bin", "mtfs-benefits.js");
  if (!fs.existsSync(path.join(root, "lib", "cli", "index.js"))) {
    console.log("whole-command refresh: skipped (lib/ not built; run npm run build:cli)");
    return;
  }
  t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, "refresh", file], { encoding: "utf8" });
  console.log(
    `whole command \`mtfs-benefits refresh\` (100 proposals): ${ms(t).toFixed(0)} ms (exit ${r.status})`,
  );
}

/**
 * The CFS Targeted Prevention model as a finance team would grid it: one row per week with the ramp, avoided
 * starts, the box-car caseload (SUM over the last D weeks), inflation stepped each April, weekly gross,
 * investment and overlap, and SUMIFs per FY.
 */
function formulaGrid(cfs: any, copies = 1): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (let c = 0; c < copies; c++)
    addGrid(wb, cfs, c === 0 ? "Grid" : `Grid${c + 1}`, c === 0 ? "Profile" : `Profile${c + 1}`);
  return wb;
}

function addGrid(wb: ExcelJS.Workbook, cfs: any, gridName: string, profileName: string): void {
  const a = cfs.assumptions;
  const ws = wb.addWorksheet(gridName);
  const weeksPerMonth = 52.18 / 12;
  const start = Date.UTC(2026, 7, 1);
  const rampStartWeek =
    (a.timeline.designMonths + a.timeline.pilotMonths + a.timeline.leadMonths) * weeksPerMonth;
  const rampEndWeek = rampStartWeek + a.timeline.rolloutMonths * weeksPerMonth;
  const duration = Math.round(a.durationWeeks);
  const weeks = 6 * 53;
  ws.addRow([
    "Week",
    "Date",
    "FY",
    "Ramp",
    "Avoided",
    "Caseload",
    "Inflation",
    "Gross",
    "Cost",
    "Overlap",
    "Net",
  ]);
  const p = {
    starts: a.baseline.volumePerYear,
    pct: a.target.value,
    weekly: a.unitCost.weeklyCost - a.unitCost.overlapWeeklyCost,
    infl: a.unitCost.inflationPerYear,
    invest: a.investment[0].amountPerYear,
    overlap: a.mtfsOverlap.amountPerYear,
  };
  for (let w = 0; w < weeks; w++) {
    const r = w + 2;
    const first = Math.max(2, r - duration + 1);
    ws.addRow([
      w,
      new Date(start + w * 7 * 86_400_000),
      { formula: `IF(MONTH(B${r})>=4,YEAR(B${r}),YEAR(B${r})-1)` },
      { formula: `MAX(0,MIN(1,(A${r}-${rampStartWeek})/${rampEndWeek - rampStartWeek}))` },
      { formula: `${p.starts}*${p.pct}/52.18*D${r}` },
      { formula: `SUM(E${first}:E${r})` },
      { formula: `(1+${p.infl})^(C${r}-2026)` },
      { formula: `F${r}*${p.weekly}*G${r}` },
      { formula: `IF(B${r}>=DATE(2026,12,1),${p.invest}/52.18,0)` },
      { formula: `MIN(H${r},${p.overlap}/52.18)` },
      { formula: `H${r}-I${r}-J${r}` },
    ]);
  }
  const sums = wb.addWorksheet(profileName);
  sums.addRow(["FY", "Cumulative benefit"]);
  for (let fy = 2026; fy <= 2031; fy++) {
    const g = gridName;
    sums.addRow([fy, { formula: `SUMIF(${g}!C2:C${weeks + 1},A${fy - 2024},${g}!K2:K${weeks + 1})` }]);
  }
}

async function ratioBench(dir: string): Promise<void> {
  const cfs = example("cfs-targeted-prevention.json");
  const runs = 50;
  let t = process.hrtime.bigint();
  let last = computeAssumptions(parseProposal(cfs).assumptions).profile;
  for (let i = 1; i < runs; i++) last = computeAssumptions(parseProposal(cfs).assumptions).profile;
  const engine = ms(t) / runs;
  if (!hasLibreOffice()) {
    console.log(`engine CFS profile: ${engine.toFixed(2)} ms; formula grid skipped (no soffice)`);
    return;
  }
  const grid = path.join(dir, "cfs-grid.xlsx");
  await formulaGrid(cfs).xlsx.writeFile(grid);
  const empty = path.join(dir, "empty.xlsx");
  const e = new ExcelJS.Workbook();
  e.addWorksheet("Empty").getCell("A1").value = 1;
  await e.xlsx.writeFile(empty);
  // LibreOffice's start-up is most of a headless call: time an empty workbook too and subtract it.
  t = process.hrtime.bigint();
  await recalcInLibreOffice(empty);
  const startup = ms(t);
  t = process.hrtime.bigint();
  const out = await recalcInLibreOffice(grid);
  const withGrid = ms(t);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(out);
  const v = back.getWorksheet("Profile")!.getCell("B5").value as { result?: number };
  console.log(
    `formula grid (${6 * 53} weeks × 11 columns) FY29/30 = £${((v.result ?? 0) / 1e6).toFixed(2)}m; ` +
      `engine FY29/30 = £${last.years[3].cumulative.div(1e6).toFixed(2)}m`,
  );
  console.log(
    `LibreOffice headless: ${withGrid.toFixed(0)} ms with the grid, ${startup.toFixed(0)} ms for an empty workbook; ` +
      `engine: ${engine.toFixed(2)} ms per profile`,
  );
  console.log(`ratio formula-grid/engine: ${(withGrid / engine).toFixed(0)} (whole LibreOffice call)`);
  // One grid recalculates faster than LibreOffice starts, so also time 50 grids against 50 profiles.
  const many = path.join(dir, "cfs-grid-50.xlsx");
  await formulaGrid(cfs, 50).xlsx.writeFile(many);
  t = process.hrtime.bigint();
  await recalcInLibreOffice(many);
  const with50 = ms(t);
  const net50 = Math.max(0, with50 - startup);
  console.log(
    `50 grids: ${with50.toFixed(0)} ms (${net50.toFixed(0)} ms after start-up) vs engine ${(engine * 50).toFixed(0)} ms; ` +
      `ratio formula-grid/engine, start-up excluded: ${(net50 / (engine * 50)).toFixed(0)}`,
  );
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mtfs-bench-wb-"));
  try {
    await refreshBench(dir);
    await ratioBench(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) run();
