import * as ExcelJS from "exceljs";
import fc from "fast-check";
import { fyColumn, programmePositions } from "../../src/workbook/layouts/programmeSheet";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import { resourceCostLayout } from "../../src/workbook/layouts/resourceCostSheet";
import { addProposal, refreshWorkbook } from "../../src/workbook/operations";
import { readRegister } from "../../src/workbook/register";
import { demoWorkbook, plain, readExample, roundTrip } from "./fixtures";

/**
 * A refresh in which some proposals fail must leave a workbook whose figures agree with each other: the
 * failed proposals keep every figure (sheet and Programme row), and every subtotal and total is the sum of
 * the rows shown.
 */

const PROPOSALS = [
  ["CFS Targeted Prevention", "mtfs_CFSTargetedPrevention_durationWeeks"],
  ["Family Based Placements", "mtfs_FamilyBasedPlacements_durationWeeks"],
  ["Independent Travel Training", "mtfs_IndependentTravelTraining_durationWeeks"],
] as const;

type Edit = { kind: "invalid"; value: number | string } | { kind: "valid"; value: number } | { kind: "none" };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("invalid" as const), value: fc.constantFrom<number | string>(-3, 0, "abc") }),
  fc.record({ kind: fc.constant("valid" as const), value: fc.integer({ min: 20, max: 250 }) }),
  fc.record({ kind: fc.constant("none" as const) }),
);

function addressOf(wb: ExcelJS.Workbook, name: string): string {
  const n = wb.definedNames.model.find((x) => x.name === name)!;
  return n.ranges[0].split("!")[1].replace(/\$/g, "");
}

/** Every cell of a sheet as [address, formula, cached value], the status cell left out. */
function snapshot(ws: ExcelJS.Worksheet, skip: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (skip.has(cell.address)) return;
      out.push(`${cell.address} ${cell.formula ?? ""} ${JSON.stringify(plain(cell.value))}`);
    }),
  );
  return out;
}

const value = (ws: ExcelJS.Worksheet, address: string): number =>
  Number(plain(ws.getCell(address).value) ?? 0);

it("keeps failed proposals whole and every Programme total the sum of the rows shown (property)", async () => {
  const { wb } = await demoWorkbook();
  const buffer = await wb.xlsx.writeBuffer();
  await fc.assert(
    fc.asyncProperty(fc.tuple(edit, edit, edit), async (edits) => {
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(buffer);
      const { wb: w, port } = await roundTrip(back);
      const config = (await readRegister(port)).programme as ProgrammeConfig;
      const pos = programmePositions(config);
      const programme = w.getWorksheet("Programme")!;
      const rowOf = new Map(
        pos.rows.map((p) => [config.directorates[p.d].rows[p.r].proposalSheet ?? "", p.row] as const),
      );
      const before = new Map<string, { sheet: string[]; row: string[] }>();
      PROPOSALS.forEach(([sheet, name], i) => {
        const e = edits[i];
        const ws = w.getWorksheet(sheet)!;
        if (e.kind !== "none") ws.getCell(addressOf(w, name)).value = e.value;
        const row = rowOf.get(sheet)!;
        before.set(sheet, {
          sheet: snapshot(ws, new Set(["F1"])),
          row: snapshot(programme).filter((c) => new RegExp(`^[A-Z]+${row} `).test(c)),
        });
      });

      const report = await refreshWorkbook(port);
      const failed = PROPOSALS.filter((_, i) => edits[i].kind === "invalid").map(([s]) => s);
      expect(report.errors.map((e) => e.proposal).sort()).toEqual([...failed].sort());

      for (const sheet of failed) {
        const ws = w.getWorksheet(sheet)!;
        const row = rowOf.get(sheet)!;
        expect(snapshot(ws, new Set(["F1"]))).toEqual(before.get(sheet)!.sheet);
        expect(snapshot(programme).filter((c) => new RegExp(`^[A-Z]+${row} `).test(c))).toEqual(
          before.get(sheet)!.row,
        );
      }
      config.fyLabels.forEach((_, i) => {
        const col = fyColumn(i);
        let total = 0;
        config.directorates.forEach((dir, d) => {
          const rows = pos.rows.filter((p) => p.d === d);
          const sum = rows.reduce((s, p) => s + value(programme, `${col}${p.row}`), 0);
          expect(value(programme, `${col}${pos.subtotalRows[d]}`)).toBeCloseTo(sum, 4);
          total += value(programme, `${col}${pos.subtotalRows[d]}`);
        });
        expect(value(programme, `${col}${pos.totalRow}`)).toBeCloseTo(total, 4);
      });
      // Resource cost's financial benefits are the Programme total, shown negative, per MTFS year.
      const resource = resourceCostLayout(config, pos);
      const costs = w.getWorksheet("Resource cost")!;
      config.fyLabels.slice(0, config.mtfsYears).forEach((fy, i) => {
        const cell = resource.cells.find((c) => c.kind === "formula" && c.key === `benefits.${fy}`)!;
        expect(value(costs, cell.address)).toBeCloseTo(-value(programme, `${fyColumn(i)}${pos.totalRow}`), 4);
      });
      // Every linked row shows what its proposal sheet's MTFS row holds.
      for (const [sheet] of PROPOSALS) {
        const formulas = snapshot(programme).filter((c) => c.startsWith(`E${rowOf.get(sheet)} `));
        const target = /!([A-Z]+\d+)/.exec(formulas[0])![1];
        expect(value(programme, `E${rowOf.get(sheet)}`)).toBeCloseTo(
          value(w.getWorksheet(sheet)!, target),
          4,
        );
      }
    }),
    { numRuns: 12 },
  );
});

it("keeps a failing proposal's Programme row linked when another proposal is added", async () => {
  const { wb } = await demoWorkbook();
  const { wb: w, port } = await roundTrip(wb);
  const [sheet, name] = PROPOSALS[0];
  w.getWorksheet(sheet)!.getCell(addressOf(w, name)).value = -3;
  const programme = w.getWorksheet("Programme")!;
  const before = snapshot(programme).filter((c) => /^[A-Z]+13 /.test(c));
  expect(before.some((c) => c.includes(`'${sheet}'!`))).toBe(true);
  // A new Children and Family Services row goes in above the subtotal (row 14), so CFS stays on row 13.
  const fbp = readExample("family-based-placements.json");
  await addProposal(port, { ...fbp, opportunity: { ...fbp.opportunity, name: "FBP phase 2" } });
  expect(snapshot(programme).filter((c) => /^[A-Z]+13 /.test(c))).toEqual(before);
  const sum = [10, 11, 12, 13, 14].reduce((s, r) => s + value(programme, `H${r}`), 0);
  expect(value(programme, "H15")).toBeCloseTo(sum, 4);
});
