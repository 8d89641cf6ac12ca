import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { readRegister } from "../../src/workbook/register";
import { updateProposal } from "../../src/workbook/operations";
import { demoWorkbook, readExample } from "./fixtures";

/**
 * A proposal sheet's printed pages start at its charts (the profile's table and chart, the tornado's block and
 * chart); laid out afresh in another shape, the breaks move with the charts and a break the user put inside or
 * below the sheet's rows stays.
 */
const CFS = "CFS Targeted Prevention";

it("moves a reshaped proposal sheet's page breaks with its charts and keeps the user's below", async () => {
  const { wb, port } = await demoWorkbook();
  const breaks = (): number[] =>
    (wb.getWorksheet(CFS) as unknown as { rowBreaks: { id: number }[] }).rowBreaks.map((b) => b.id + 1);
  const chartRows = (l: ReturnType<typeof proposalSheetLayout>): number[] =>
    [l.chart, ...(l.tornadoChart ? [l.tornadoChart] : [])].map((c) => Number(/\d+$/.exec(c.from)?.[0]));
  const stored = () => readRegister(port).then((r) => r.proposals.find((p) => p.sheet === CFS)!);
  const before = proposalSheetLayout(await stored());
  expect(chartRows(before)).toHaveLength(2);
  expect(breaks()).toEqual(chartRows(before));
  // The user's own: one inside the sheet's rows (where neither layout has a chart), one below them.
  const inside = chartRows(before)[0] + 1;
  await port.setRowBreaks(CFS, [inside, 400], []);

  // Two fewer triangulation rows: every block below the triangulation moves up two rows.
  const raw = readExample("cfs-targeted-prevention.json") as { triangulation: { rows: unknown[] } };
  await updateProposal(port, CFS, {
    ...raw,
    triangulation: { ...raw.triangulation, rows: raw.triangulation.rows.slice(0, -2) },
  });
  const after = proposalSheetLayout(await stored());
  expect(chartRows(after)).not.toEqual(chartRows(before));
  expect(chartRows(after)).not.toContain(inside);
  expect(breaks()).toEqual([...chartRows(after), inside, 400].sort((a, b) => a - b));
});
