import * as ExcelJS from "exceljs";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import { EMPTY_PROGRAMME } from "../../src/workbook/layouts/programmeConfig";
import { programmePositions } from "../../src/workbook/layouts/programmeSheet";
import { resourceCostLayout } from "../../src/workbook/layouts/resourceCostSheet";
import { SCENARIOS_SHEET, scenariosLayout } from "../../src/workbook/layouts/scenariosSheet";
import { addProposal, buildProgrammeWorkbook, refreshWorkbook } from "../../src/workbook/operations";
import { readRegister, writeRegister } from "../../src/workbook/register";
import { scenarioDefinitions } from "../../src/workbook/scenarios";
import { anchorNameList } from "../../src/workbook/anchors";
import { writeLayout } from "../../src/workbook/ownedCells";
import { demoProgrammeConfig, plain, readExample } from "./fixtures";

/**
 * Issue 14 item 2: a programme whose stretch comes only from its proposals (a stream's stretch target) offers
 * the Stretch scenarios too, whether the workbook is written whole (demo), grown (new) or refreshed.
 */

const STRETCH = { target: { kind: "countPerYear", value: 6 } };

/** The programme with Reunification its only modelled row, without its own stretch (and, by default, no estimates). */
function onlyReunification(estimates = false): ProgrammeConfig {
  const base = demoProgrammeConfig();
  const { stretch: _stretch, ...rest } = base;
  return {
    ...rest,
    resourceCost: { ...base.resourceCost, costEstimates: estimates ? base.resourceCost.costEstimates : [] },
    directorates: base.directorates.map((d) => ({
      ...d,
      rows: d.rows.map((r) =>
        r.example === "reunification.json" ? r : { ...r, proposalSheet: undefined, example: undefined },
      ),
    })),
  };
}

function reunification(stretch: boolean): Record<string, any> {
  const p = readExample("reunification.json");
  if (stretch) p.assumptions.streams[0].stretch = STRETCH;
  return p;
}

const headings = (wb: ExcelJS.Workbook): unknown[] => {
  const ws = wb.getWorksheet(SCENARIOS_SHEET);
  if (!ws) return [];
  const out: unknown[] = [];
  for (let c = 3; plain(ws.getCell(3, c).value) !== null; c++) out.push(plain(ws.getCell(3, c).value));
  return out;
};

async function built(
  config: ProgrammeConfig,
  stretch: boolean,
): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const wb = new ExcelJS.Workbook();
  const port = new ExcelJsPort(wb);
  await buildProgrammeWorkbook(port, config, [reunification(stretch)]);
  return { wb, port };
}

/** Each scenario's FY29/30 benefit as the sheet holds it, by name. */
function lastYear(wb: ExcelJS.Workbook, config: ProgrammeConfig): Map<string, number> {
  const pos = programmePositions(config);
  const layout = scenariosLayout(config, pos, resourceCostLayout(config, pos), scenarioDefinitions(config));
  const ws = wb.getWorksheet(SCENARIOS_SHEET)!;
  return new Map(
    headings(wb).map((name, i) => [
      name as string,
      plain(ws.getCell(layout.lastYearRow, 3 + i).value) as number,
    ]),
  );
}

describe("Stretch scenarios from the proposals alone", () => {
  it("the writer adds a Scenarios sheet with the Stretch columns, and none without any stretch", async () => {
    const config = onlyReunification();
    const plainBook = await built(config, false);
    expect(plainBook.wb.getWorksheet(SCENARIOS_SHEET)).toBeUndefined();
    const { wb, port } = await built(config, true);
    expect(headings(wb)).toEqual(["Confident", "Stretch", "50% of stretch"]);
    const stored = (await readRegister(port)).programme as ProgrammeConfig;
    expect(stored.proposalStretch).toBe(true);
    const m = lastYear(wb, stored);
    expect(m.get("Stretch")! - m.get("Confident")!).toBeGreaterThan(1000);
    expect(m.get("50% of stretch")! - m.get("Confident")!).toBeCloseTo(
      (m.get("Stretch")! - m.get("Confident")!) / 2,
      6,
    );
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("new (addProposal into a fresh workbook) adds the sheet when the proposal states a stretch", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
    expect(wb.getWorksheet(SCENARIOS_SHEET)).toBeUndefined();
    await addProposal(port, readExample("cfs-targeted-prevention.json"));
    expect(wb.getWorksheet(SCENARIOS_SHEET)).toBeUndefined();
    const result = await addProposal(port, reunification(true));
    expect(result.programmeRowAdded).toBe(true);
    expect(headings(wb)).toEqual(["Confident", "Stretch", "50% of stretch"]);
    const m = lastYear(wb, (await readRegister(port)).programme as ProgrammeConfig);
    expect(m.get("Stretch")! - m.get("Confident")!).toBeGreaterThan(1000);
    const again = await refreshWorkbook(port);
    expect(again.errors).toEqual([]);
    expect(again.changes).toEqual([]);
  });

  it("refresh adds the Stretch columns to an existing sheet, keeping typed shares, and is idempotent", async () => {
    const config = onlyReunification(true);
    const { wb, port } = await built(config, true);
    await asWrittenBefore(port, wb, true);
    expect(headings(wb)).toEqual(["Confident", "Medium costs"]);
    const ws = () => wb.getWorksheet(SCENARIOS_SHEET)!;
    ws().getCell("D4").value = 0.25; // Medium costs with a quarter of the stretch
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    expect(headings(wb)).toEqual(["Confident", "Stretch", "50% of stretch", "Medium costs"]);
    expect(plain(ws().getCell("F4").value)).toBe(0.25);
    expect(plain(ws().getCell("D4").value)).toBe(1);
    const stored = (await readRegister(port)).programme as ProgrammeConfig;
    expect(stored.proposalStretch).toBe(true);
    const m = lastYear(wb, stored);
    const stretch = m.get("Stretch")! - m.get("Confident")!;
    expect(stretch).toBeGreaterThan(1000);
    expect(m.get("Medium costs")! - m.get("Confident")!).toBeCloseTo(0.25 * stretch, 4);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
    expect(headings(wb)).toEqual(["Confident", "Stretch", "50% of stretch", "Medium costs"]);
  });

  it("refresh adds the whole sheet to a workbook written without one", async () => {
    const { wb, port } = await built(onlyReunification(), true);
    await asWrittenBefore(port, wb, false);
    expect(wb.getWorksheet(SCENARIOS_SHEET)).toBeUndefined();
    const dry = await refreshWorkbook(port, { dryRun: true });
    expect(dry.errors).toEqual([]);
    expect(wb.getWorksheet(SCENARIOS_SHEET)).toBeUndefined();
    expect((await refreshWorkbook(port)).errors).toEqual([]);
    expect(headings(wb)).toEqual(["Confident", "Stretch", "50% of stretch"]);
    const m = lastYear(wb, (await readRegister(port)).programme as ProgrammeConfig);
    expect(m.get("Stretch")! - m.get("Confident")!).toBeGreaterThan(1000);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });
});

/**
 * The workbook as the writer before this fix left it: the programme config without `proposalStretch`, and its
 * Scenarios sheet laid out from the programme's own choices only (`withSheet`: Confident and the cost
 * estimates), or none.
 */
async function asWrittenBefore(port: ExcelJsPort, wb: ExcelJS.Workbook, withSheet: boolean): Promise<void> {
  const register = await readRegister(port);
  const { proposalStretch: _p, scenariosSheet: _s, ...rest } = register.programme as ProgrammeConfig;
  const old: ProgrammeConfig = withSheet ? { ...rest, scenariosSheet: true } : rest;
  const owned = new Map([...register.owned].filter(([, o]) => o.sheet !== SCENARIOS_SHEET));
  const layoutOf = (c: ProgrammeConfig) => {
    const pos = programmePositions(c);
    return scenariosLayout(c, pos, resourceCostLayout(c, pos), scenarioDefinitions(c));
  };
  await port.deleteNames(anchorNameList(layoutOf(register.programme as ProgrammeConfig)));
  wb.removeWorksheet(wb.getWorksheet(SCENARIOS_SHEET)!.id);
  if (withSheet) await writeLayout(port, layoutOf(old), "programme", owned);
  await writeRegister(port, { ...register, owned, programme: old });
}
