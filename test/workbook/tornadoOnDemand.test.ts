jest.mock("../../src/engine/proposalTornado", () => {
  const actual = jest.requireActual<typeof import("../../src/engine/proposalTornado")>(
    "../../src/engine/proposalTornado",
  );
  return { ...actual, proposalTornado: jest.fn(actual.proposalTornado) };
});
import type * as ExcelJS from "exceljs";
import { proposalTornado } from "../../src/engine/proposalTornado";
import { modelProposal } from "../../src/workbook/engineLink";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { addProposal, refreshWorkbook } from "../../src/workbook/operations";
import { readRegister, writeRegister } from "../../src/workbook/register";
import type { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { demoWorkbook, readExample } from "./fixtures";

/** Each tornado computed (tens of model runs), by proposal name. */
const computed = proposalTornado as jest.MockedFunction<typeof proposalTornado>;
const names = (): string[] => computed.mock.calls.map(([p]) => p.opportunity.name);

/** Changes the weekly cost on a proposal sheet, so the proposal read back is one no tornado was computed for. */
async function editCost(wb: ExcelJS.Workbook, port: ExcelJsPort, sheet: string, cost: number): Promise<void> {
  const stored = (await readRegister(port)).proposals.find((p) => p.sheet === sheet)!;
  const cell = proposalSheetLayout(stored).cells.find(
    (c) => c.kind === "input" && /unitCost\.weeklyCost$/.test(c.path),
  )!;
  wb.getWorksheet(sheet)!.getCell(cell.address).value = cost;
}

describe("the tornado is computed only where a sheet shows it", () => {
  beforeEach(() => computed.mockClear());

  it("is computed when first read, then remembered", () => {
    const cfs = readExample("cfs-targeted-prevention.json");
    cfs.assumptions.unitCost.weeklyCost = 1234;
    const modelled = modelProposal(cfs);
    expect(names()).toEqual([]);
    expect(modelled.sensitivity?.rows.length).toBeGreaterThan(0);
    expect(modelled.sensitivity?.rows.length).toBeGreaterThan(0);
    expect(names()).toEqual(["CFS Targeted Prevention"]);
  });

  it("is not computed by a refresh of a sheet without a tornado block", async () => {
    const { wb, port } = await demoWorkbook();
    const register = await readRegister(port);
    // A sheet written before the tornado block: its register entry has no tornadoRows.
    const proposals = register.proposals.map((p) =>
      p.sheet === "CFS Targeted Prevention" ? { ...p, tornadoRows: undefined } : p,
    );
    await writeRegister(port, { ...register, proposals });
    await editCost(wb, port, "CFS Targeted Prevention", 1390);
    computed.mockClear();
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    expect(names()).toEqual([]);
  });

  it("is not computed for the other proposals the Programme links when a proposal is added", async () => {
    const { wb, port } = await demoWorkbook();
    await editCost(wb, port, "CFS Targeted Prevention", 1410);
    computed.mockClear();
    await addProposal(port, readExample("reunification.json"));
    // The new sheet's own tornado (its block's rows), not the linked CFS sheet's.
    expect(names()).toEqual(["Reunification"]);
  });
});
