import * as fc from "fast-check";
import { loadFormulaBook } from "../../src/workbook/cachedResults";
import { modelProposal } from "../../src/workbook/engineLink";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { isOwned } from "../../src/workbook/layouts/types";
import { refreshWorkbook } from "../../src/workbook/operations";
import { sameValue } from "../../src/workbook/ownedCells";
import type { WorkbookPort } from "../../src/workbook/port";
import { readRegister } from "../../src/workbook/register";
import { demoWorkbook, formulaCells, fullDemoWorkbook } from "./fixtures";

/**
 * On a refreshed workbook every owned formula's cached result is what the formula computes from the cells
 * (formulaValue.ts), and with nothing typed over the add-in's cells that is the engine's figure too.
 */

/** Every formula cell whose cached result is not its evaluation: "Sheet!A1 cached ≠ evaluated". */
async function disagreeing(
  port: WorkbookPort,
  cells: [string, string, string, unknown][],
): Promise<string[]> {
  const out: string[] = [];
  const books = new Map<string, Awaited<ReturnType<typeof loadFormulaBook>>>();
  for (const [sheet, address, , cached] of cells) {
    if (!books.has(sheet)) books.set(sheet, await loadFormulaBook(port, sheet, new Map()));
    const v = books.get(sheet)!.valueAt(sheet, address);
    const blank = (x: unknown): boolean => x === 0 || x === null || x === "";
    // ExcelJS keeps no cached 0 (formulaCells reads it as 0 either way).
    if (!sameValue(cached as never, v as never) && !(blank(cached) && blank(v)))
      out.push(`${sheet}!${address} ${String(cached)} ≠ ${JSON.stringify(v)}`);
  }
  return out;
}

it("evaluates every formula the demo writes: none outside the grammar, all equal to the engine's figures", async () => {
  const { wb, port } = await fullDemoWorkbook();
  const report = await refreshWorkbook(port);
  expect(report.formulasNotEvaluated).toEqual([]);
  expect(report.changes).toEqual([]);
  expect(report.warnings).toEqual([]);
  expect(await disagreeing(port, formulaCells(wb))).toEqual([]);
}, 60_000);

it("after any assumption change the cached results equal the formulas' and the engine's figures; refresh is idempotent (property)", async () => {
  const { port: base } = await demoWorkbook();
  const bytes = await base.toXlsx();
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: 100 }),
      fc.double({ min: 0.5, max: 1.5, noNaN: true }),
      async (pick, scale) => {
        const ExcelJS = await import("exceljs");
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as never);
        const { ExcelJsPort } = await import("../../src/workbook/exceljs/excelJsPort");
        const port = new ExcelJsPort(wb);
        const stored = (await readRegister(port)).proposals;
        const s = stored[pick % stored.length];
        const inputs = proposalSheetLayout(s).cells.filter(
          (c) =>
            c.kind === "input" &&
            typeof c.value === "number" &&
            c.value > 0 &&
            /target|volume|weeklyCost/.test(c.path),
        );
        const input = inputs[pick % inputs.length];
        await port.writeCells(s.sheet, [
          { address: input.address, value: Number(input.kind === "input" ? input.value : 0) * scale },
        ]);
        const report = await refreshWorkbook(port);
        expect(report.errors).toEqual([]);
        expect(report.formulasNotEvaluated).toEqual([]);
        expect(report.warnings.filter((w) => / is inside | is a hand edit /.test(w.message))).toEqual([]);
        expect(await disagreeing(port, formulaCells(wb))).toEqual([]);
        // The proposal sheets' formulas give the engine's figures (within 1e-9 relative).
        for (const p of (await readRegister(port)).proposals) {
          const layout = proposalSheetLayout({ ...p, modelled: modelProposal(p.proposal) });
          const owned = layout.cells.filter(isOwned).filter((c) => c.kind === "formula");
          const cached = await port.readCells(
            p.sheet,
            owned.map((c) => c.address),
          );
          owned.forEach((c, i) => {
            const v = cached[i].value ?? 0;
            if (!sameValue(v, c.value))
              throw new Error(`${p.sheet}!${c.address} ${String(v)} ≠ engine ${String(c.value)}`);
          });
        }
        const again = await refreshWorkbook(port);
        expect(again.changes).toEqual([]);
      },
    ),
    { numRuns: 4 },
  );
}, 180_000);
