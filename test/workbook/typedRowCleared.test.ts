import { anchorNames, placeLayout } from "../../src/workbook/anchors";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import { refreshWorkbook } from "../../src/workbook/operations";
import { programmeLayouts } from "../../src/workbook/programme";
import { readRegister } from "../../src/workbook/register";
import { demoWorkbook } from "./fixtures";

/**
 * A typed Programme row the user no longer wants (the new-user trial deleted one and all three programme
 * sheets were refused, the message naming an internal anchor): the refusal says which row in words and how to
 * drop it, and clearing its cells, the supported way, refreshes cleanly.
 */

async function typedRow() {
  const { wb } = await demoWorkbook();
  const port = new ExcelJsPort(wb);
  const config = (await readRegister(port)).programme as ProgrammeConfig;
  const [layout] = programmeLayouts(config);
  const flat = config.directorates.flatMap((dir, d) => dir.rows.map((row, r) => ({ row, d, r })));
  const typed = flat.find((x) => !x.row.proposalSheet);
  if (!typed) throw new Error("the demo programme has no typed row");
  const base = `directorates[${typed.d}].rows[${typed.r}].`;
  const inputs = layout.cells.filter((c) => c.kind === "input" && c.path.startsWith(base));
  const row = Number(/\d+$/.exec(inputs[0].address)?.[0]);
  return { port, layout, typed: typed.row, inputs, row };
}

describe("a typed Programme row", () => {
  it("deleted: the refusal names it in words and says how to drop a typed row", async () => {
    const { layout, typed, row } = await typedRow();
    const names = new Map(
      anchorNames(layout)
        .filter((n) => !n.name.endsWith(`_r${row}`))
        .map((n) => [n.name, n]),
    );
    const placed = placeLayout(layout, names);
    expect("message" in placed && placed.message).toBe(
      `row ${row} as laid out ("${typed.opportunity}", a typed row) was deleted; undo that, then refresh again; to drop a typed row, clear its cells (name, type and figures) instead of deleting the row: a cleared row adds nothing`,
    );
    expect("message" in placed && placed.message).not.toMatch(/_mtfs|anchor/);
  });

  it("cleared instead: refresh accepts it (nothing kept, nothing refused) and the totals drop its figures", async () => {
    const { port, inputs } = await typedRow();
    await refreshWorkbook(port);
    await port.writeCells(
      "Programme",
      inputs.map((c) => ({ address: c.address, value: null })),
    );
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    expect(report.changes.filter((c) => c.kept)).toEqual([]);
    expect(report.changes.length).toBeGreaterThan(0);
    const again = await refreshWorkbook(port);
    expect(again.errors).toEqual([]);
    expect(again.changes).toEqual([]);
  });
});
