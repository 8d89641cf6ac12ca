import fc from "fast-check";
import type * as ExcelJS from "exceljs";
import { addProposal, refreshWorkbook, updateProposal } from "../../src/workbook/operations";
import { PARAMETERS_SHEET, parametersSheetLayout } from "../../src/workbook/layouts/parametersSheet";
import { programmePositions, fyColumn } from "../../src/workbook/layouts/programmeSheet";
import { deletedParameters, readOptimismBiasTable } from "../../src/workbook/parameters";
import { demoWorkbook, plain, programmeConfig, readExample } from "./fixtures";

/** The Parameters sheet's optimism-bias table and the risk-adjusted rows it drives (issue 14, item 1). */

const num = (wb: ExcelJS.Workbook, sheet: string, address: string): number => {
  const v = plain(wb.getWorksheet(sheet)?.getCell(address).value);
  return typeof v === "number" ? v : 0;
};

describe("Parameters sheet", () => {
  it("is written with the documented defaults and read back as the default table", async () => {
    const { wb, port } = await demoWorkbook();
    expect(wb.getWorksheet(PARAMETERS_SHEET)).toBeDefined();
    const { table, problems } = await readOptimismBiasTable(port);
    expect(problems).toEqual([]);
    expect(table.byLevel.Medium.toNumber()).toBe(0.25);
    expect(table.byGrade.map((g) => g.toNumber())).toEqual([0, 0.05, 0.1, 0.2, 0.3, 0.4]);
  });

  it("refresh applies the user's table: a Medium row's benefits lose the edited share", async () => {
    const { wb, port } = await demoWorkbook();
    const pos = programmePositions({
      ...programmeConfig(),
      parametersSheet: true,
      greenBook: true,
      greenBookImplementation: true,
    });
    const last = fyColumn(3);
    // Income Maximisation (typed, Medium): 0.39m in FY29/30; the Cross-council risk row holds its term.
    const cross = pos.riskRows[3];
    const before = num(wb, "Programme", `${last}${cross}`);
    wb.getWorksheet(PARAMETERS_SHEET)!.getCell("B6").value = 0.5; // Medium: 25% → 50%
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    const after = num(wb, "Programme", `${last}${cross}`);
    // Procurement 1.48, Income 0.39 and RFO 8.00 are all Medium: 25 points more off 9.87m.
    expect(before - after).toBeCloseTo(9.87e6 * 0.25, 0);
    // The modelled Medium proposal (ITT) follows on its own sheet.
    expect(
      report.changes.some((c) => c.sheet === "Independent Travel Training" && /riskAdjusted/.test(c.key)),
    ).toBe(true);
  });

  it("refuses any share outside 0%-100% in any row: refresh, adding and editing a proposal write nothing (property)", async () => {
    const { wb, port } = await demoWorkbook();
    const cells = (): string => JSON.stringify(wb.worksheets.map((ws) => ws.getSheetValues()));
    const raw = readExample("cfs-targeted-prevention.json");
    raw.opportunity.name = "CFS Targeted Prevention 2";
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 5, max: 13 }),
        fc.oneof(
          fc.double({ min: 1.0001, max: 1e6, noNaN: true }),
          fc.double({ min: -1e6, max: -1e-6, noNaN: true }),
        ),
        async (row, share) => {
          const cell = wb.getWorksheet(PARAMETERS_SHEET)!.getCell(`B${row}`);
          const was = cell.value;
          cell.value = share;
          const before = cells();
          const report = await refreshWorkbook(port);
          expect(report.errors).toEqual([
            {
              proposal: "(parameters)",
              message: expect.stringMatching(
                new RegExp(
                  `^Parameters!B${row} \\(optimism bias, [^)]+\\): must be .*; nothing was refreshed$`,
                ),
              ),
            },
          ]);
          expect(report.changes).toEqual([]);
          await expect(addProposal(port, raw)).rejects.toMatchObject({
            code: "bad-parameters",
            message: expect.stringMatching(new RegExp(`^Parameters!B${row} .*; the proposal was not added$`)),
          });
          await expect(
            updateProposal(port, "CFS Targeted Prevention", readExample("cfs-targeted-prevention.json")),
          ).rejects.toMatchObject({
            code: "bad-parameters",
            message: expect.stringMatching(/; the proposal was not changed$/),
          });
          expect(cells()).toBe(before);
          cell.value = was;
        },
      ),
      { numRuns: 5 },
    );
  });

  it("the risk-adjusted rows are never above the unadjusted ones, whatever the table (property)", async () => {
    const { wb, port } = await demoWorkbook();
    const config = {
      ...programmeConfig(),
      parametersSheet: true,
      greenBook: true,
      greenBookImplementation: true,
    };
    const pos = programmePositions(config);
    const share = fc.double({ min: 0, max: 1, noNaN: true });
    await fc.assert(
      fc.asyncProperty(fc.array(share, { minLength: 9, maxLength: 9 }), async (shares) => {
        const sheet = wb.getWorksheet(PARAMETERS_SHEET)!;
        shares.forEach((s, i) => (sheet.getCell(`B${5 + i}`).value = s));
        const report = await refreshWorkbook(port);
        expect(report.errors).toEqual([]);
        config.fyLabels.forEach((_, i) => {
          const col = fyColumn(i);
          const raw = num(wb, "Programme", `${col}${pos.totalRow}`);
          const adjusted = num(wb, "Programme", `${col}${pos.riskTotalRow}`);
          expect(adjusted).toBeLessThanOrEqual(raw + 1e-6);
          pos.subtotalRows.forEach((r, d) =>
            expect(num(wb, "Programme", `${col}${pos.riskRows[d]}`)).toBeLessThanOrEqual(
              num(wb, "Programme", `${col}${r}`) + 1e-6,
            ),
          );
        });
      }),
      { numRuns: 6 },
    );
  });
});

describe("a workbook without a Parameters sheet", () => {
  it("gets one when a proposal is added, so the new sheet's risk-adjusted formulas find the table", async () => {
    const { wb, port } = await demoWorkbook();
    const sheet = wb.getWorksheet(PARAMETERS_SHEET)!;
    wb.removeWorksheet(sheet.id);
    await port.deleteNames(
      (await port.listNames()).filter((n) => n.name.startsWith("MTFS_")).map((n) => n.name),
    );
    const raw = readExample("cfs-targeted-prevention.json");
    raw.opportunity.name = "CFS Targeted Prevention 2";
    await addProposal(port, raw);
    expect(wb.getWorksheet(PARAMETERS_SHEET)).toBeDefined();
    expect((await port.listNames()).map((n) => n.name)).toEqual(
      expect.arrayContaining(["MTFS_OptimismBias", "MTFS_OptimismBiasKeys"]),
    );
  });
});

describe("Parameters cells deleted", () => {
  const names = parametersSheetLayout().names;
  const uses = ["'P'!B5*(1+MTFS_DeflatorPerYear)", "INDEX(MTFS_DiscountRates,2)"];

  it("names the parameters whose cells are gone or fewer than laid out, when formulas use them", () => {
    const edited = names
      .filter((n) => n.name !== "MTFS_DeflatorPerYear")
      .map((n) => (n.name === "MTFS_DiscountRates" ? { ...n, address: "$B$20:$B$23" } : n));
    expect(deletedParameters(edited, uses)).toEqual([
      "discount rates (MTFS_DiscountRates)",
      "deflator a year (MTFS_DeflatorPerYear)",
    ]);
    // A name pointing at #REF! (as Office.js lists it) is gone too; one no formula uses is not asked for.
    const refd = names.map((n) =>
      n.name === "MTFS_DiscountRates" ? { ...n, sheet: "", address: "=#REF!" } : n,
    );
    expect(deletedParameters(refd, uses)).toEqual(["discount rates (MTFS_DiscountRates)"]);
    expect(deletedParameters([], ["SUM(B1:B3)"])).toEqual([]);
    // A row deleted from the optimism-bias table shortens both of its names.
    const shorter = (address: string): string => {
      const [from, to] = address.split(":");
      return `${from}:${to.replace(/\d+$/, (r) => String(Number(r) - 1))}`;
    };
    const lookup = ["INDEX(MTFS_OptimismBias,MATCH(C4,MTFS_OptimismBiasKeys,0))"];
    const lessBias = names.map((n) =>
      n.name.startsWith("MTFS_OptimismBias") ? { ...n, address: shorter(n.address) } : n,
    );
    expect(deletedParameters(lessBias, lookup)).toEqual([
      "optimism-bias levels (MTFS_OptimismBiasKeys)",
      "optimism-bias shares (MTFS_OptimismBias)",
    ]);
    expect(deletedParameters(names, lookup)).toEqual([]);
    expect(deletedParameters(names, uses)).toEqual([]);
  });

  it("refresh writes nothing and says why when the deflator's cell was deleted", async () => {
    const { wb, port } = await demoWorkbook();
    await port.deleteNames(["MTFS_DeflatorPerYear"]);
    const cells = (): string => JSON.stringify(wb.worksheets.map((ws) => ws.getSheetValues()));
    const before = cells();
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([
      {
        proposal: "(parameters)",
        message:
          "the Parameters sheet's cells of the deflator a year (MTFS_DeflatorPerYear) were deleted, so the formulas that use them cannot work; undo that, then refresh again; nothing was refreshed",
      },
    ]);
    expect(cells()).toBe(before);
  });
});
