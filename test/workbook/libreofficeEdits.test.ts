import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { modelProposal } from "../../src/workbook/engineLink";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { proposalSheetLayout, type ProposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { refreshWorkbook } from "../../src/workbook/operations";
import { readRegister } from "../../src/workbook/register";
import { demoWorkbook, plain, readExample, tempDir } from "./fixtures";
import {
  editInLibreOffice,
  hasLibreOffice,
  recalcInLibreOffice,
  unoPython,
  type LibreOfficeEdit,
} from "./libreoffice";

/**
 * The round trip as a user makes it: the demo workbook is opened in LibreOffice, cells are typed into there
 * (a date, 8%, a figure kept as text, a hand edit with the user's own note), the file is saved by LibreOffice,
 * and refresh reads it without an error and gives the engine's figures for what was typed.
 */

const CFS = "CFS Targeted Prevention";

// Never skipped, as the other LibreOffice suite: without it this proof is missing.
beforeAll(() => {
  if (!hasLibreOffice() || !unoPython())
    throw new Error("LibreOffice or python3-uno is missing: run `bash scripts/install-system-deps.sh`");
});

async function load(file: string): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { wb, port: new ExcelJsPort(wb) };
}

const inputAt = (layout: ProposalSheetLayout, p: string): string =>
  layout.cells.find((c) => c.kind === "input" && c.path === p)!.address;
const ownedAt = (layout: ProposalSheetLayout, key: string): string =>
  layout.cells.find((c) => (c.kind === "engine" || c.kind === "formula") && c.key === key)!.address;

it("refreshes a workbook edited and saved in LibreOffice: same figures, dropdowns and the user's note kept", async () => {
  const { port: demo } = await demoWorkbook();
  const dir = tempDir();
  const file = path.join(dir, "demo.xlsx");
  fs.writeFileSync(file, await demo.toXlsx());
  const stored = (await readRegister(demo)).proposals.find((p) => p.sheet === CFS)!;
  const layout = proposalSheetLayout(stored);
  const handEdited = ownedAt(layout, "profile.FY29/30.overlap");
  const edits: LibreOfficeEdit[] = [
    { sheet: CFS, address: inputAt(layout, "assumptions.timeline.startDate"), typed: "2026-09-01" },
    { sheet: CFS, address: inputAt(layout, "assumptions.target.value"), typed: "8%" },
    { sheet: CFS, address: inputAt(layout, "assumptions.unitCost.inflationPerYear"), typed: "4%" },
    { sheet: CFS, address: inputAt(layout, "assumptions.unitCost.weeklyCost"), text: "1,487" },
    { sheet: CFS, address: inputAt(layout, "assumptions.baseline.volumePerYear"), text: " 260 " },
    { sheet: CFS, address: inputAt(layout, "assumptions.timeline.ramp"), typed: "monthly-steps" },
    { sheet: CFS, address: handEdited, typed: "2", note: "USER why I changed this" },
  ];
  const edited = await editInLibreOffice(file, edits);

  const { wb, port } = await load(edited);
  const ws = wb.getWorksheet(CFS)!;
  // LibreOffice stored the typed date as a date, and kept every dropdown.
  expect(ws.getCell(inputAt(layout, "assumptions.timeline.startDate")).value).toEqual(
    new Date(Date.UTC(2026, 8, 1)),
  );
  for (const c of layout.cells) {
    if (c.kind === "input" && c.choices) {
      expect(ws.getCell(c.address).dataValidation?.formulae?.[0]).toBe(`"${c.choices.join(",")}"`);
    }
  }

  const report = await refreshWorkbook(port);
  expect(report.errors).toEqual([]);
  expect(report.changes.filter((c) => c.kept).map((c) => c.address)).toEqual([handEdited]);
  // The engine's figures for the proposal as typed (start a month later).
  const cfs = readExample("cfs-targeted-prevention.json");
  const expected = modelProposal({
    ...cfs,
    assumptions: { ...cfs.assumptions, timeline: { ...cfs.assumptions.timeline, startDate: "2026-09-01" } },
  }).profile;
  for (const y of expected.years) {
    const gross = await port.readCells(CFS, [ownedAt(layout, `profile.${y.label}.gross`)]);
    expect(Number(plain(gross[0].value))).toBeCloseTo(y.gross.toNumber(), 6);
  }
  expect((await port.readNotes(CFS, [handEdited]))[0]).toBe(
    "USER why I changed this\n\nMTFS Benefits: edited by hand, so refresh kept your value. " +
      `Computed value: £${(expected.years[3].overlap.toNumber() / 1e6).toFixed(2)}m. ` +
      "Clear the cell to let refresh fill it again.",
  );

  // Saved by us, opened and saved by LibreOffice again: the inputs read the same and the edit is still kept
  // with one note of ours. (LibreOffice recomputes the formulas below the kept edit from the user's figure, so
  // their cached results go back to the engine's: those are the only other changes.)
  const ours = path.join(dir, "refreshed.xlsx");
  fs.writeFileSync(ours, await port.toXlsx());
  const again = await load(await recalcInLibreOffice(ours));
  const second = await refreshWorkbook(again.port);
  expect(second.errors).toEqual([]);
  expect(second.changes.filter((c) => c.kept).map((c) => c.address)).toEqual([handEdited]);
  expect(second.changes.filter((c) => !c.kept && c.sheet === CFS && /\.(gross|costs)$/.test(c.key))).toEqual(
    [],
  );
  expect((await refreshWorkbook(again.port)).changes.map((c) => [c.address, c.kept])).toEqual([
    [handEdited, true],
  ]);
  const [note] = (await again.port.readNotes(CFS, [handEdited])) as string[];
  expect(note.startsWith("USER why I changed this")).toBe(true);
  expect(note.match(/MTFS Benefits:/g)).toHaveLength(1);
});
