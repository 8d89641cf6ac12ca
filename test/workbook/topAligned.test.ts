import { REGISTER_SHEET } from "../../src/workbook/register";
import { demoWorkbook, plain, roundTrip } from "./fixtures";

/**
 * A row a wrapped label can make tall: every cell in it that shows something sits at the top, level with the
 * label's first line (a figure at the row's foot read as belonging to the row below). Read back from the file,
 * as Excel and LibreOffice open it.
 */
it("aligns every written cell to the top in each row holding wrapped text, on every sheet of the demo", async () => {
  const { wb } = await roundTrip((await demoWorkbook()).wb);
  const low: string[] = [];
  let rows = 0;
  for (const ws of wb.worksheets) {
    if (ws.name === REGISTER_SHEET) continue;
    ws.eachRow((row) => {
      const cells: { address: string; top: boolean; wrap: boolean; shows: boolean }[] = [];
      row.eachCell((c) =>
        cells.push({
          address: c.address,
          top: c.alignment?.vertical === "top",
          wrap: c.alignment?.wrapText === true,
          shows: plain(c.value) !== null && plain(c.value) !== "",
        }),
      );
      if (!cells.some((c) => c.wrap)) return;
      rows++;
      for (const c of cells) if (c.shows && !c.top) low.push(`${ws.name}!${c.address}`);
    });
  }
  expect(rows).toBeGreaterThan(100);
  expect(low).toEqual([]);
});
