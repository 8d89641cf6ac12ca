import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { readRegister } from "../../src/workbook/register";
import { updateProposal } from "../../src/workbook/operations";
import { demoWorkbook, plain, readExample } from "./fixtures";

/**
 * A proposal sheet written before the tornado block's heading and note wrapped in column A still holds their
 * A:I merges. Laid out afresh (the proposal changed shape), those old merges are split first, so the block's
 * cells below them are written into their own cells, not into an old merge's top-left cell.
 */
const CFS = "CFS Targeted Prevention";

it("splits an earlier version's tornado merges before a reshaped proposal is written", async () => {
  const { wb, port } = await demoWorkbook();
  const stored = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
  const before = proposalSheetLayout(stored);
  expect(before.formerMerges?.length).toBe(2);
  // As that earlier version left the sheet: the heading and note merged across A:I.
  const ws = wb.getWorksheet(CFS)!;
  for (const range of before.formerMerges!) ws.mergeCells(range);

  // Two fewer triangulation rows: every block below the triangulation moves up two rows.
  const raw = readExample("cfs-targeted-prevention.json") as {
    triangulation: { rows: unknown[] };
  };
  const shorter = {
    ...raw,
    triangulation: { ...raw.triangulation, rows: raw.triangulation.rows.slice(0, -2) },
  };
  await updateProposal(port, CFS, shorter);

  const after = proposalSheetLayout((await readRegister(port)).proposals.find((p) => p.sheet === CFS)!);
  const labels = after.cells.flatMap((c) =>
    c.kind === "label" && /^[A-I]\d+$/.test(c.address) ? [{ address: c.address, text: c.text }] : [],
  );
  // From the tornado block's heading down (the rows the old merges now cross).
  const rowOf = (a: string) => Number(a.replace(/^[A-Z]+/, ""));
  const heading = labels.find((l) => l.text.startsWith("Sensitivity:"))!;
  const below = labels.filter((l) => rowOf(l.address) >= rowOf(heading.address));
  expect(below.length).toBeGreaterThan(10);
  // Every label of the new layout reads as laid out (none swallowed by an old merge or overwritten).
  const wrong = below.filter((c) => plain(ws.getCell(c.address).value) !== c.text).map((c) => c.address);
  expect(wrong).toEqual([]);
});
