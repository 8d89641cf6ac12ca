import * as ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { addProposal, buildProgrammeWorkbook, refreshWorkbook } from "../../src/workbook/operations";
import { EMPTY_PROGRAMME } from "../../src/workbook/layouts/programmeConfig";
import { proposalSheetName } from "../../src/workbook/names";
import { modelProposal } from "../../src/workbook/engineLink";
import {
  DEMO_EXAMPLES,
  formulaCells,
  fullDemoWorkbook,
  plain,
  printedTotalsConfig,
  readExample,
  tempDir,
  MODELLED_EXAMPLES,
} from "./fixtures";
import { hasLibreOffice, recalcInLibreOffice } from "./libreoffice";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { readRegister } from "../../src/workbook/register";

/** The layout of a proposal sheet as the workbook's register stores it. */
async function proposalSheetLayoutOf(wb: ExcelJS.Workbook, sheet: string) {
  const stored = (await readRegister(new ExcelJsPort(wb))).proposals.find((p) => p.sheet === sheet)!;
  return proposalSheetLayout(stored);
}

/**
 * The acceptance test of the #NAME? mechanism: a spreadsheet application that is not us (LibreOffice,
 * recalculating every formula on load) gets every owned formula to the engine's value, which the writer
 * stored as the cached result. Tolerance 1e-6 relative: LibreOffice adds in binary doubles, the engine in
 * 40-digit decimals, so sums of £ amounts may differ in the last bits only.
 */

// Never skipped: without LibreOffice this proof is missing, so the suite fails and says how to install it.
beforeAll(() => {
  if (!hasLibreOffice())
    throw new Error("LibreOffice (soffice) is not installed: run `bash scripts/install-system-deps.sh`");
});

async function recalcAndCompare(
  wb: ExcelJS.Workbook,
  name: string,
): Promise<{ checked: string[]; charts: string[]; out: string }> {
  const dir = tempDir();
  const file = path.join(dir, `${name}.xlsx`);
  // Written as the CLI writes it: with the profile charts added to the package.
  fs.writeFileSync(file, await new ExcelJsPort(wb).toXlsx());
  const out = await recalcInLibreOffice(file);
  const zip = await JSZip.loadAsync(fs.readFileSync(out));
  const charts = await Promise.all(
    Object.keys(zip.files)
      .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
      .map((f) => zip.file(f)!.async("string")),
  );
  const lo = new ExcelJS.Workbook();
  await lo.xlsx.readFile(out);
  const checked: string[] = [];
  const mismatches: string[] = [];
  for (const [sheet, address, formula, engine] of formulaCells(wb)) {
    const got = plain(lo.getWorksheet(sheet)?.getCell(address).value);
    checked.push(`${sheet}!${address}`);
    const ok =
      typeof engine === "number"
        ? typeof got === "number" && Math.abs(got - engine) <= 1e-6 * Math.max(1, Math.abs(engine))
        : got === engine;
    if (!ok) mismatches.push(`${sheet}!${address} =${formula}: engine ${engine}, LibreOffice ${got}`);
  }
  expect(mismatches).toEqual([]);
  return { checked, charts, out };
}

/** The row whose column A says `caption`. */
function rowOf(ws: ExcelJS.Worksheet, caption: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (plain(ws.getCell(`A${r}`).value) === caption) return r;
  throw new Error(`no "${caption}" on ${ws.name}`);
}

describe("LibreOffice recalculation", () => {
  it("recalculates every formula of the demo workbook (every modelled proposal) to the engine's value", async () => {
    const { wb } = await fullDemoWorkbook();
    const { checked, charts, out } = await recalcAndCompare(wb, "demo");
    // LibreOffice read (and saved back) one combo chart per proposal sheet: in-year bars, cumulative line.
    // The 11 proposals of the seeds' Appendix B whose text is given, one sheet and chart each.
    expect(DEMO_EXAMPLES).toHaveLength(11);
    // Each sheet has its tornado too (horizontal bars), whose swing and change formulas are checked below.
    expect(charts).toHaveLength(2 * DEMO_EXAMPLES.length);
    // Every modelled proposal's sheet had its formulas checked.
    for (const file of DEMO_EXAMPLES) {
      const sheet = proposalSheetName(
        (readExample(file) as { opportunity: { name: string } }).opportunity.name,
      );
      expect(checked.filter((c) => c.startsWith(`${sheet}!`)).length).toBeGreaterThan(10);
    }
    const combos = charts.filter((c) => c.includes("<c:lineChart>"));
    expect(combos).toHaveLength(DEMO_EXAMPLES.length);
    for (const c of combos) expect(c).toMatch(/<c:barChart>[\s\S]*<c:lineChart>/);
    const tornadoes = charts.filter((c) => /<c:barDir val="bar"\/>/.test(c));
    expect(tornadoes).toHaveLength(DEMO_EXAMPLES.length);
    // Every kind of computed block was among the checked cells.
    const programme = wb.getWorksheet("Programme")!;
    const total = checked.filter((c) => c.startsWith("Programme!")).length;
    expect(total).toBeGreaterThan(30);
    expect(checked).toEqual(
      expect.arrayContaining(["Resource cost!B11", "Resource cost!E10", "Themes!C10", "Programme!I22"]),
    );
    expect(programme.getCell("A21").value).toBe("Total ER Savings");
    expect(checked.some((c) => c.startsWith("CFS Targeted Prevention!"))).toBe(true);
    const tornado = (await proposalSheetLayoutOf(wb, "CFS Targeted Prevention")).cells.filter(
      (c) => c.kind === "formula" && c.key.startsWith("sensitivity."),
    );
    expect(tornado.length).toBeGreaterThan(30);
    for (const c of tornado) expect(checked).toContain(`CFS Targeted Prevention!${c.address}`);

    // The file LibreOffice saved refreshes without a change and without taking its formats for hand edits.
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.readFile(out);
    // LibreOffice keeps the merged cells the long texts sit in.
    const merges = (w: ExcelJS.Workbook) =>
      [...w.getWorksheet("CFS Targeted Prevention")!.model.merges].sort();
    expect(merges(saved)).toEqual(merges(wb));
    expect(merges(saved).length).toBeGreaterThan(20);
    // Issue 14: the Green Book figures LibreOffice recalculated are the engine's (profileGreenBook), and Excel's own
    // NPV() on the same real flows (year 0 added undiscounted) gives the same NPV, on every sheet and the Programme.
    const besideCaption = (sheet: string, caption: string, column = "B"): number => {
      const ws = saved.getWorksheet(sheet)!;
      for (let r = 1; r <= ws.rowCount; r++)
        if (plain(ws.getCell(`A${r}`).value) === caption)
          return Number(plain(ws.getCell(`${column}${r}`).value));
      throw new Error(`no "${caption}" on ${sheet}`);
    };
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    const CHECK = "Check: the same NPV by Excel's NPV() (year 0 added undiscounted)";
    for (const file of DEMO_EXAMPLES) {
      const raw = readExample(file) as { opportunity: { name: string } };
      const sheet = proposalSheetName(raw.opportunity.name);
      const npv = modelProposal(raw).greenBook.npv.toNumber();
      expect([sheet, close(besideCaption(sheet, "Net present value (NPV)"), npv)]).toEqual([sheet, true]);
      expect([sheet, close(besideCaption(sheet, CHECK), npv)]).toEqual([sheet, true]);
    }
    const programmeNpv = besideCaption("Programme", "Net present value (NPV)", "E");
    expect(close(besideCaption("Programme", CHECK, "E"), programmeNpv)).toBe(true);
    expect(checked).toContain(`Programme!E${rowOf(programme, "Net present value (NPV)")}`);
    const port = new ExcelJsPort(saved);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
    const name = saved.definedNames.model.find((n) => n.name === "mtfs_CFSTargetedPrevention_target_value")!;
    saved
      .getWorksheet("CFS Targeted Prevention")!
      .getCell(name.ranges[0].split("!")[1].replace(/\$/g, "")).value = 0.1;
    const edited = await refreshWorkbook(port);
    expect(edited.changes.length).toBeGreaterThan(5);
    expect(edited.changes.filter((c) => c.kept)).toEqual([]);
  });

  it("recalculates Table 3's cashflow 10.0, 19.4, 6.2, −20.5 and payback 3.23 from its printed totals", async () => {
    const wb = new ExcelJS.Workbook();
    await buildProgrammeWorkbook(new ExcelJsPort(wb), printedTotalsConfig(), []);
    const { out } = await recalcAndCompare(wb, "table3");
    const lo = new ExcelJS.Workbook();
    await lo.xlsx.readFile(out);
    const ws = lo.getWorksheet("Resource cost")!;
    // Areas: one row (3); totals 4, benefits 5, cashflow 6, payback 7.
    const cashflow = ["B6", "C6", "D6", "E6"].map((a) => Number(plain(ws.getCell(a).value)) / 1e6);
    cashflow.forEach((c, i) => expect(c).toBeCloseTo([10.0, 19.4, 6.2, -20.5][i], 9));
    expect(Number(plain(ws.getCell("B7").value))).toBeCloseTo(3 + 6.2 / 26.7, 9);
  });

  it("recalculates a workbook grown by `new` (rows inserted into directorate blocks) to the engine's value", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
    for (const f of MODELLED_EXAMPLES) await addProposal(port, readExample(f));
    // A second proposal in an existing directorate block.
    const extra = readExample("family-based-placements.json");
    await addProposal(port, { ...extra, opportunity: { ...extra.opportunity, name: "FBP variant" } });
    // A sheet name that slugs like another's: its defined names must not turn the first one's into #VALUE!.
    // Its triangulation rounds up (ROUNDUP formulas), and one row states its starts.
    const cfs = readExample("cfs-targeted-prevention.json");
    const rows = [...cfs.triangulation.rows, { method: "Stated", avoidedStarts: 30 }];
    await addProposal(port, {
      ...cfs,
      opportunity: { ...cfs.opportunity, name: "CFS Targeted-Prevention" },
      triangulation: { ...cfs.triangulation, rounding: "ceil", rows },
    });
    const { checked } = await recalcAndCompare(wb, "grown");
    expect(checked.filter((c) => c.startsWith("CFS Targeted-Prevention!")).length).toBeGreaterThan(20);
    const roundUp = formulaCells(wb).filter(
      ([sheet, , f]) => sheet === "CFS Targeted-Prevention" && /^ROUNDUP\(/.test(f),
    );
    expect(roundUp.length).toBeGreaterThan(10);
    expect(checked.filter((c) => c.startsWith("Programme!")).length).toBeGreaterThan(20);
    // The Programme's Green Book block moved down with the rows inserted above it and still sums every sheet's.
    const programme = wb.getWorksheet("Programme")!;
    expect(checked).toContain(`Programme!E${rowOf(programme, "Net present value (NPV)")}`);
    expect(plain(programme.getCell(`E${rowOf(programme, "Proposals included")}`).value)).toBe(
      MODELLED_EXAMPLES.length + 2,
    );
    // The Themes sheet gained a row per theme of the proposals added (SUMIF and totals over them).
    expect(checked.filter((c) => c.startsWith("Themes!")).length).toBeGreaterThan(6);
  });
});

describe("LibreOffice recalculation of a multi-stream proposal sheet (issue 13)", () => {
  it("recalculates its profile (existing lines deducted and added back) and weightings to the engine's value", async () => {
    const { multiStreamProposal, MULTI_STREAM_NAME } = await import("./multiStream");
    const { modelProposal } = await import("../../src/workbook/engineLink");
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
    await addProposal(port, multiStreamProposal());
    const { checked, out } = await recalcAndCompare(wb, "multi-stream");
    const mine = checked.filter((c) => c.startsWith(`${MULTI_STREAM_NAME}!`));
    // In-year, cumulative and MTFS row per FY, and the target's evidence × weighting.
    const years = modelProposal(multiStreamProposal()).proposal.years;
    expect(mine.length).toBeGreaterThanOrEqual(3 * years.length + 1);
    expect(years.some((y) => !y.addedBack.isZero())).toBe(true);
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.readFile(out);
    expect((await refreshWorkbook(new ExcelJsPort(saved))).changes).toEqual([]);
  });
});
