import type * as ExcelJS from "exceljs";
import { refreshWorkbook } from "../../src/workbook/operations";
import { SCENARIOS_SHEET, scenariosLayout } from "../../src/workbook/layouts/scenariosSheet";
import { programmePositions } from "../../src/workbook/layouts/programmeSheet";
import { resourceCostLayout } from "../../src/workbook/layouts/resourceCostSheet";
import { scenarioDefinitions } from "../../src/workbook/scenarios";
import * as ExcelJSLib from "exceljs";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { buildProgrammeWorkbook } from "../../src/workbook/operations";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import { NO_COSTS_TEXT } from "../../src/engine";
import {
  demoProgrammeConfig,
  demoWorkbook,
  MODELLED_EXAMPLES,
  plain,
  programmeConfig,
  readExample,
} from "./fixtures";

/** The Scenarios sheet of the demo workbook (issue 14, item 2): side by side, inputs only. */

const config = { ...programmeConfig(), parametersSheet: true, scenariosSheet: true };
const pos = programmePositions(config);
const layout = scenariosLayout(config, pos, resourceCostLayout(config, pos), scenarioDefinitions(config));
const value = (wb: ExcelJS.Workbook, address: string): unknown =>
  plain(wb.getWorksheet(SCENARIOS_SHEET)?.getCell(address).value);

describe("Scenarios sheet", () => {
  it("shows the report's scenarios side by side with their figures", async () => {
    const { wb } = await demoWorkbook();
    const heads = ["C", "D", "E", "F"].map((c) => value(wb, `${c}3`));
    expect(heads).toEqual(["Confident", "Stretch", "50% of stretch", "Medium costs"]);
    const m = (address: string): number => (value(wb, address) as number) / 1e6;
    // Paragraph 22: the stretch adds £26.3m to the (modelled) confident FY29/30; 42 ii: Medium costs £21m.
    expect(m(`D${layout.lastYearRow}`) - m(`C${layout.lastYearRow}`)).toBeCloseTo(26.3, 6);
    expect(m(`F${layout.costTotalRow}`)).toBeCloseTo(21, 6);
    expect(value(wb, `F${layout.paybackRow}`) as number).toBeLessThan(3);
  });

  it("a share of the stretch typed on the sheet is refreshed into its column's figures", async () => {
    const { wb, port } = await demoWorkbook();
    const before = value(wb, `E${layout.totalBenefitRow}`) as number;
    wb.getWorksheet(SCENARIOS_SHEET)!.getCell(`E${layout.shareRow}`).value = 0.25;
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    const after = value(wb, `E${layout.totalBenefitRow}`) as number;
    const full = value(wb, `D${layout.totalBenefitRow}`) as number;
    const confident = value(wb, `C${layout.totalBenefitRow}`) as number;
    expect(after).toBeCloseTo(confident + 0.25 * (full - confident), 0);
    expect(after).toBeLessThan(before);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("takes a multi-stream proposal's per-stream stretch into the Stretch column", async () => {
    // Only Reunification (a cohort stream in the multi-stream form) is modelled; the other rows stay typed.
    const base = demoProgrammeConfig();
    const only: ProgrammeConfig = {
      ...base,
      directorates: base.directorates.map((d) => ({
        ...d,
        rows: d.rows.map((r) =>
          r.example === "reunification.json" ? r : { ...r, proposalSheet: undefined, example: undefined },
        ),
      })),
    };
    const extra = async (stretch?: unknown): Promise<number> => {
      const proposal = readExample("reunification.json");
      if (stretch) proposal.assumptions.streams[0].stretch = stretch;
      const wb = new ExcelJSLib.Workbook();
      await buildProgrammeWorkbook(new ExcelJsPort(wb), only, [proposal]);
      const m = (address: string): number => value(wb, address) as number;
      return m(`D${layout.lastYearRow}`) - m(`C${layout.lastYearRow}`);
    };
    const stated = await extra();
    const withStream = await extra({ target: { kind: "countPerYear", value: 6 } });
    expect(withStream).toBeGreaterThan(stated + 1000);
  });
});

describe("Scenarios sheet without implementation costs", () => {
  it("reads its payback as n/a (no costs), not a zero payback, and refreshes to the same", async () => {
    const base = programmeConfig();
    const free: ProgrammeConfig = {
      ...base,
      resourceCost: {
        ...base.resourceCost,
        areas: base.resourceCost.areas.map((a) => ({
          ...a,
          amountsMillions: a.amountsMillions.map(() => null),
        })),
        costEstimates: [],
      },
    };
    const wb = new ExcelJSLib.Workbook();
    const port = new ExcelJsPort(wb);
    const config = { ...free, scenariosSheet: true };
    await buildProgrammeWorkbook(port, config, MODELLED_EXAMPLES.map(readExample));
    const at = programmePositions(config);
    const definitions = scenarioDefinitions(config);
    const row = scenariosLayout(config, at, resourceCostLayout(config, at), definitions).paybackRow;
    const columns = definitions.map((_, i) => String.fromCharCode("C".charCodeAt(0) + i));
    expect(columns.length).toBeGreaterThan(1);
    // The words the wizard's Green Book panel and `calc scenarios` use for a payback with no costs.
    for (const c of columns) expect(value(wb, `${c}${row}`)).toBe(NO_COSTS_TEXT);
    // The Resource cost sheet's own payback follows the same rule.
    const resource = resourceCostLayout(config, at);
    const resourcePayback = () =>
      plain(wb.getWorksheet(resource.sheet)?.getCell(resource.paybackAddress).value);
    expect(resourcePayback()).toBe(NO_COSTS_TEXT);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
    for (const c of columns) expect(value(wb, `${c}${row}`)).toBe(NO_COSTS_TEXT);
    expect(resourcePayback()).toBe(NO_COSTS_TEXT);
  });
});
