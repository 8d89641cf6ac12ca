import * as ExcelJS from "exceljs";
import fc from "fast-check";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { setPath } from "../../src/workbook/jsonPath";
import { EMPTY_PROGRAMME } from "../../src/workbook/layouts/programmeConfig";
import { addProposal, buildProgrammeWorkbook } from "../../src/workbook/operations";
import { planProposal } from "../../src/workbook/proposals";
import { withOptionalRows } from "../../src/workbook/layouts/assumptionsBlock";
import { MODELLED_EXAMPLES, readExample } from "./fixtures";

/**
 * User text is written as text, never as a formula: every text field of a proposal (the input cells that
 * hold a string the engine does not parse) keeps a leading "=", "+", "-" or "@" through a save and reopen.
 */

interface TextField {
  readonly path: string;
  readonly address: string;
}

/** The text fields of a proposal: its string input cells that still model when they hold formula-like text. */
function textFields(raw: Record<string, unknown>): TextField[] {
  const layout = planProposal(raw, []).layout;
  const seen = new Set<string>();
  return layout.cells.flatMap((c) => {
    // A long text split over rows is one field (its first row's cell).
    if (c.kind !== "input" || typeof c.value !== "string" || seen.has(c.path)) return [];
    seen.add(c.path);
    try {
      planProposal(setPath(raw, c.path, "=1+1"), []);
      return [{ path: c.path, address: c.address }];
    } catch {
      return [];
    }
  });
}

const formulaLike = fc
  .tuple(
    fc.constantFrom("=", "+", "-", "@"),
    fc.constantFrom("SUM(A1:A3)", "1+1", "cmd|' /C calc'!A0", 'HYPERLINK("x")', " 5", ""),
  )
  .map(([lead, rest]) => `${lead}${rest}`);

it("writes every text field that starts with =, +, - or @ as text, not as a formula (property)", async () => {
  const examples = MODELLED_EXAMPLES.map((f) => readExample(f) as Record<string, unknown>);
  const fields = examples.map(textFields);
  expect(fields.reduce((n, f) => n + f.length, 0)).toBeGreaterThanOrEqual(40);
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: examples.length - 1 }),
      fc.array(formulaLike, { minLength: 60, maxLength: 60 }),
      async (which, texts) => {
        const mine = fields[which];
        let raw = examples[which];
        mine.forEach((f, i) => (raw = setPath(raw, f.path, texts[i])));
        const wb = new ExcelJS.Workbook();
        const port = new ExcelJsPort(wb);
        await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
        const { sheetName } = await addProposal(port, raw);
        const back = new ExcelJS.Workbook();
        await back.xlsx.load(Buffer.from(await port.toXlsx()) as unknown as ArrayBuffer);
        const ws = back.getWorksheet(sheetName)!;
        // Short texts take one row each, so the cells are where this proposal's own layout puts them (with the
        // blank rows addProposal gives the optional fields the JSON leaves out).
        const at = new Map(
          planProposal(withOptionalRows(raw), [])
            .layout.cells.filter((c) => c.kind === "input")
            .map((c) => [c.kind === "input" ? c.path : "", c.address]),
        );
        mine.forEach((f, i) => {
          const cell = ws.getCell(at.get(f.path)!);
          expect([f.path, cell.formula]).toEqual([f.path, undefined]);
          expect([f.path, cell.value]).toEqual([f.path, texts[i]]);
        });
      },
    ),
    { numRuns: 6 },
  );
});
