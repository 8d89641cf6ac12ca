import * as ExcelJS from "exceljs";
import {
  simulate,
  programmeSensitivity,
  proposalRiskModel,
  proposalSensitivity,
  parseProposal,
} from "../../../src/engine";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { writeRiskSheet } from "../../../src/workbook/risk";
import { riskSheetLayout } from "../../../src/workbook/layouts/riskSheet";
import { readExample } from "../fixtures";

describe("the Risk sheet's layout (new-user trial)", () => {
  it("spans its note over the table in a row tall enough, so it neither cuts off nor overprints row 3", () => {
    const model = proposalRiskModel(parseProposal(readExample("cfs-targeted-prevention.json")));
    const layout = riskSheetLayout(simulate([model], { iterations: 50, seed: 1 }));
    expect(layout.merges).toContain("A2:F2");
    const note = layout.cells.find((c) => c.address === "A2");
    expect(note?.style?.wrap).toBe(true);
    // Two lines across A:F (110 characters wide); one line's height ran the note into the name in row 3.
    expect(layout.rowHeights?.find((h) => h.row === 2)?.height ?? 15).toBeGreaterThanOrEqual(30);
  });
});

describe("the Risk sheet's tornado", () => {
  const models = ["cfs-targeted-prevention.json", "family-based-placements.json"].map((f) =>
    proposalRiskModel(parseProposal(readExample(f))),
  );
  const run = (ms: typeof models) => simulate(ms, { iterations: 50, seed: 1 });

  it("shows the programme's tornado under the tables, each input named with its proposal, with a bar chart", () => {
    const t = programmeSensitivity(models);
    const layout = riskSheetLayout(run(models), "Risk", t);
    const input = layout.cells.find((c) => c.kind === "engine" && c.key === "risk.sensitivity.rows[0].input");
    expect(input?.kind === "engine" && input.value).toBe(
      `${t.rows[0].proposal}: Weekly unit cost (£ a week)`,
    );
    const base = layout.cells.find((c) => c.kind === "engine" && c.key === "risk.sensitivity.base");
    expect(base?.kind === "engine" && base.value).toBe(t.opportunity);
    // Below the fan chart (H4:P24) and every table, so neither covers the other.
    const first = Math.min(
      ...layout.cells
        .filter((c) => c.kind !== "label" && c.kind !== "input" && c.key.startsWith("risk.sensitivity"))
        .map((c) => Number(c.address.replace(/^[A-Z]+/, ""))),
    );
    const tables = layout.cells.filter((c) => c.kind === "engine" && /\.p50$/.test(c.key));
    expect(first).toBeGreaterThan(
      Math.max(24, ...tables.map((c) => Number(c.address.replace(/^[A-Z]+/, "")))),
    );
    expect(layout.tornadoChart?.name).toBe("MTFS tornado");
    expect(layout.chart.name).toBe("MTFS risk fan chart");
  });

  it("a re-run with fewer proposals leaves no cell or format of the earlier one behind", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await writeRiskSheet(port, run(models), "Risk", programmeSensitivity(models));
    const later = await writeRiskSheet(port, run([models[1]]), "Risk", proposalSensitivity(models[1]));
    const ws = wb.getWorksheet("Risk")!;
    const laid = new Set(later.cells.map((c) => c.address));
    const stale: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        // Laid out now, or a part of a merge the layout makes (which shows its first cell).
        if (laid.has(cell.address) || cell.master.address !== cell.address) return;
        const fill = (cell.fill as { fgColor?: unknown } | undefined)?.fgColor;
        if (cell.value !== null || fill !== undefined || cell.font?.bold) stale.push(cell.address);
      }),
    );
    expect(stale).toEqual([]);
  });
});
