import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { readProposal, refreshWorkbook, updateProposal } from "../../src/workbook/operations";
import { readRegister } from "../../src/workbook/register";
import { plain, readExample } from "./fixtures";

/**
 * A workbook written before the assumptions were laid out in words (issue 13): `mtfs-benefits new` of
 * independent-travel-training.json by the code of commit 0171405, one row per JSON path. It must keep
 * refreshing where its cells are.
 */
const FIXTURE = path.join(__dirname, "fixtures", "legacy-path-captions.xlsx");
const ITT = "Independent Travel Training";

async function legacy(): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(FIXTURE) as unknown as ArrayBuffer);
  return { wb, port: new ExcelJsPort(wb) };
}

describe("a proposal sheet written with path captions (before issue 13)", () => {
  it("reads back its proposal, and refreshes without a change", async () => {
    const { port } = await legacy();
    const stored = (await readRegister(port)).proposals[0];
    expect(stored.assumptionsInWords).toBeUndefined();
    const back = (await readProposal(port, ITT)) as { assumptions: unknown };
    expect(back.assumptions).toEqual(readExample("independent-travel-training.json").assumptions);
    const report = await refreshWorkbook(port);
    expect([report.errors, report.changes]).toEqual([[], []]);
  });

  it("recomputes from its old cells: a duration typed into B38 moves the profile", async () => {
    const { wb, port } = await legacy();
    const ws = wb.getWorksheet(ITT)!;
    expect(plain(ws.getCell("A38").value)).toBe("Average duration (weeks)");
    const layout = proposalSheetLayout((await readRegister(port)).proposals[0]);
    expect(
      layout.cells.find((c) => c.kind === "input" && c.path === "assumptions.durationWeeks")?.address,
    ).toBe("B38");
    ws.getCell("B38").value = 100;
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    expect(report.changes.length).toBeGreaterThan(0);
    // Its captions, written by the old code, stay as they are: refresh writes only owned cells.
    expect(plain(ws.getCell("A33").value)).toBe("Target value");
    expect(
      ((await readProposal(port, ITT)) as { assumptions: { durationWeeks: number } }).assumptions
        .durationWeeks,
    ).toBe(100);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("is laid out in words when the proposal is updated", async () => {
    const { wb, port } = await legacy();
    const itt = readExample("independent-travel-training.json");
    await updateProposal(port, ITT, itt);
    const stored = (await readRegister(port)).proposals[0];
    expect(stored.assumptionsInWords).toBe(true);
    const layout = proposalSheetLayout(stored);
    const duration = layout.cells.find((c) => c.kind === "input" && c.path === "assumptions.durationWeeks")!;
    const r = duration.address.slice(1);
    expect(plain(wb.getWorksheet(ITT)!.getCell(`A${r}`).value)).toBe("Average duration");
    expect(plain(wb.getWorksheet(ITT)!.getCell(`C${r}`).value)).toBe("weeks");
    expect(((await readProposal(port, ITT)) as { assumptions: unknown }).assumptions).toEqual(
      itt.assumptions,
    );
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });
});
