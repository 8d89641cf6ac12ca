import * as ExcelJS from "exceljs";
import {
  simulate,
  programmeSensitivity,
  proposalRiskModel,
  proposalSensitivity,
  parseProposal,
  proposalTornado,
  proposalTornadoModel,
} from "../../../src/engine";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { writeRiskSheet } from "../../../src/workbook/risk";
import { riskSheetLayout } from "../../../src/workbook/layouts/riskSheet";
import { readExample } from "../fixtures";
import { readRegister, writeRegister } from "../../../src/workbook/register";
import {
  INPUT_PERCENT_FORMAT,
  MILLIONS_FORMAT,
  SMALL_MONEY_FORMAT,
  isOwned,
} from "../../../src/workbook/layouts/types";

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

describe("the Risk sheet's small figures", () => {
  it("shows Independent Travel Training's FY26/27 P-values in £k, so they differ where £m showed -£0.05m four times", async () => {
    const model = proposalRiskModel(parseProposal(readExample("independent-travel-training.json")));
    const wb = new ExcelJS.Workbook();
    const layout = await writeRiskSheet(new ExcelJsPort(wb), simulate([model], { iterations: 500, seed: 1 }));
    const ws = wb.getWorksheet("Risk")!;
    const at = (fy: string, what: string): ExcelJS.Cell => {
      const cell = layout.cells.find((c) => isOwned(c) && c.key === `risk.0.${fy}.${what}`);
      return ws.getCell(cell!.address);
    };
    const first = ["planned", "p10", "p50", "p90"].map((w) => at("FY26/27", w));
    expect(first.map((c) => c.numFmt)).toEqual(first.map(() => SMALL_MONEY_FORMAT));
    expect(first.every((c) => (c.value as number) < -50_000 && (c.value as number) > -60_000)).toBe(true);
    expect(at("FY29/30", "p50").numFmt).toBe(MILLIONS_FORMAT);
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
    // Below every table and the fan chart under them, so neither covers the other.
    const rowOf = (address: string): number => Number(address.replace(/^[A-Z]+/, ""));
    const tornadoRows = layout.cells
      .filter((c) => c.kind !== "label" && c.kind !== "input" && c.key.startsWith("risk.sensitivity"))
      .map((c) => rowOf(c.address));
    const tables = layout.cells.filter((c) => c.kind === "engine" && /\.p50$/.test(c.key));
    const lastTableRow = Math.max(...tables.map((c) => rowOf(c.address)));
    // Each chart under its tables (beside them, the sheet printed one page across at about 5 pt).
    expect(rowOf(layout.chart.from)).toBeGreaterThan(lastTableRow);
    expect(Math.min(...tornadoRows)).toBeGreaterThan(rowOf(layout.chart.to));
    expect(rowOf(layout.tornadoChart!.from)).toBeGreaterThan(Math.max(...tornadoRows));
    expect(layout.tornadoChart?.name).toBe("MTFS tornado");
    expect(layout.chart.name).toBe("MTFS risk fan chart");
  });

  it("starts a printed page at each chart, and a re-run moves those breaks, keeping the user's inside and below", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    const first = await writeRiskSheet(port, run(models), "Risk", programmeSensitivity(models));
    const chartRows = (l: typeof first): number[] =>
      [l.chart, l.tornadoChart!].map((c) => Number(/\d+$/.exec(c.from)?.[0]));
    expect(first.pageBreaks).toEqual(chartRows(first));
    const breaks = (): number[] =>
      (wb.getWorksheet("Risk") as unknown as { rowBreaks: { id: number }[] }).rowBreaks.map((b) => b.id + 1);
    expect(breaks()).toEqual(chartRows(first));
    // The user's own: one inside the sheet's rows (not where either run puts a chart), one below them.
    const inside = chartRows(first)[0] + 1;
    await port.setRowBreaks("Risk", [inside, 500], []);
    const later = await writeRiskSheet(port, run([models[1]]), "Risk", proposalSensitivity(models[1]));
    expect(chartRows(later)).not.toEqual(chartRows(first));
    expect(chartRows(later)).not.toContain(inside);
    expect(breaks()).toEqual([...new Set([...chartRows(later), inside, 500])].sort((a, b) => a - b));
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

  it("a re-run empties only the cells the earlier run wrote: the user's note, format and merge stay", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await writeRiskSheet(port, run(models), "Risk", programmeSensitivity(models));
    const ws = wb.getWorksheet("Risk")!;
    // Beside the tables, in columns the earlier run cleared wholesale (A–I down to its last row).
    ws.getCell("G5").value = "check with finance";
    ws.getCell("G6").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    ws.getCell("G6").font = { italic: true };
    ws.mergeCells("G8:H8");
    ws.getCell("G8").value = "my merged note";
    await writeRiskSheet(port, run([models[1]]), "Risk", proposalSensitivity(models[1]));
    expect(ws.getCell("G5").value).toBe("check with finance");
    expect((ws.getCell("G6").fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe("FFFFFF00");
    expect(ws.getCell("G6").font?.italic).toBe(true);
    expect(ws.getCell("H8").master.address).toBe("G8");
    expect(ws.getCell("G8").value).toBe("my merged note");
  });

  it("clears a Risk sheet written before its labels were recorded as it did then", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    const first = await writeRiskSheet(port, run(models), "Risk", programmeSensitivity(models));
    // The register as an earlier version left it: the figures only.
    const register = await readRegister(port);
    const figures = new Set(first.cells.filter(isOwned).map((c) => c.address));
    const owned = new Map(
      [...register.owned].filter(([, r]) => r.sheet !== "Risk" || figures.has(r.address)),
    );
    await writeRegister(port, { ...register, owned });
    const later = await writeRiskSheet(port, run([models[1]]), "Risk", proposalSensitivity(models[1]));
    const laid = new Set(later.cells.map((c) => c.address));
    const stale: string[] = [];
    wb.getWorksheet("Risk")!.eachRow((row) =>
      row.eachCell((cell) => {
        if (!laid.has(cell.address) && cell.master.address === cell.address && cell.value !== null)
          stale.push(cell.address);
      }),
    );
    expect(stale).toEqual([]);
    expect((await readRegister(port)).owned.get("Risk!A1")?.written).toEqual({
      kind: "value",
      value: "Risk: Monte Carlo of the MTFS row",
    });
  });
});

describe("the Risk sheet's tornado in the proposals' own units (issue 14)", () => {
  const raw = readExample("cfs-targeted-prevention.json");
  const proposal = parseProposal(raw);
  const sim = simulate([proposalRiskModel(proposal)], { iterations: 20, seed: 1 });
  const rowOf = (layout: ReturnType<typeof riskSheetLayout>, caption: string) => {
    const input = layout.cells.find(
      (c) => c.kind === "engine" && /\.input$/.test(c.key) && c.value === caption,
    );
    const k = input?.kind === "engine" ? input.key.replace(/\.input$/, "") : "";
    return (end: string) => layout.cells.find((c) => c.kind === "engine" && c.key === `${k}.${end}`);
  };

  it("shows a percent target in % and timeline lengths in months, as the proposal sheet does", () => {
    const model = proposalTornadoModel(proposal, raw);
    const layout = riskSheetLayout(
      sim,
      undefined,
      proposalTornado(proposal, raw),
      new Map([["", model.assumptions]]),
    );
    const target = rowOf(layout, "Target (% of starts)");
    expect(target("low")?.numberFormat).toBe(INPUT_PERCENT_FORMAT);
    expect(target("high")?.numberFormat).toBe(INPUT_PERCENT_FORMAT);
    const lead = rowOf(layout, "Lead time before impact (months)");
    const low = lead("low");
    expect(low?.kind === "engine" ? low.value : NaN).toBeCloseTo(7.65, 6);
  });

  it("names a programme's inputs by each proposal's own target kind", () => {
    const fbpRaw = readExample("family-based-placements.json");
    const fbp = parseProposal(fbpRaw);
    const models = [proposalTornadoModel(proposal, raw), proposalTornadoModel(fbp, fbpRaw)];
    const layout = riskSheetLayout(
      simulate([proposalRiskModel(proposal), proposalRiskModel(fbp)], { iterations: 20, seed: 1 }),
      undefined,
      programmeSensitivity(models),
      new Map(models.map((m) => [m.name, m.assumptions])),
    );
    const target = rowOf(layout, `${proposal.opportunity.name}: Target (% of starts)`);
    expect(target("low")?.numberFormat).toBe(INPUT_PERCENT_FORMAT);
  });
});

describe("the Risk sheet says what it covers and reads as the CLI (new-user trial)", () => {
  const files = ["cfs-targeted-prevention.json", "cfs-commissioning-for-the-future.json"];
  const raws = files.map((f) => readExample(f));
  const proposals = raws.map((r) => parseProposal(r));
  const models = proposals.map((p, i) => proposalTornadoModel(p, raws[i]));
  const layout = riskSheetLayout(
    simulate(
      proposals.map((p) => proposalRiskModel(p)),
      { iterations: 20, seed: 1 },
    ),
    undefined,
    programmeSensitivity(models),
    new Map(models.map((m) => [m.name, m.assumptions])),
  );
  const text = (address: string): unknown => {
    const c = layout.cells.find((x) => x.address === address);
    return c?.kind === "label" ? c.text : c?.kind === "engine" ? c.value : undefined;
  };

  it("orders P10, P50, P90 left to right, as `simulate` prints them, and the chart follows", () => {
    expect(["B4", "C4", "D4", "E4"].map(text)).toEqual(["Planned", "P10", "P50", "P90"]);
    const c5 = layout.cells.find((c) => c.address === "C5");
    expect(c5?.kind === "engine" && c5.key).toBe("risk.0.FY26/27.p10");
    // Series in the columns' order (the Office port names them by column), so the legend reads as the table.
    const series = [layout.chart.bars, layout.chart.line, ...(layout.chart.moreLines ?? [])];
    expect(series.map((l) => `${l.name} ${l.values[0]}`)).toEqual(["Planned B", "P10 C", "P50 D", "P90 E"]);
  });

  it("says the programme table is the modelled proposals only and the tornado's base is net, not the MTFS row", () => {
    expect(text("A3")).toMatch(/^Programme: the 2 modelled proposals simulated here only/);
    const base = layout.cells.find((c) => c.kind === "label" && /^Base: /.test(c.text));
    expect(base?.kind === "label" && base.text).toMatch(/net benefit, not the MTFS row/);
  });

  it("words a one-stream proposal's input without 'Stream 1:' and fits it in column A, unit and all", () => {
    const inputs = layout.cells.filter((c) => c.kind === "engine" && /\.input$/.test(c.key));
    const cfs = inputs.find((c) => c.kind === "engine" && /new provision/.test(String(c.value)));
    expect(cfs?.kind === "engine" && cfs.value).toBe(
      "CFS – Commissioning for the Future: Weekly cost in the new provision (£ a week)",
    );
    const width = layout.columnWidths?.find((w) => w.column === "A")?.width ?? 0;
    // Calibri 11 prose is about 1.1 characters per width unit (textFit.ts); wrapped beyond the cap (60, so the
    // tornado's columns print one page across at 8 pt or more).
    const longest = Math.max(...inputs.map((c) => (c.kind === "engine" ? String(c.value).length : 0)));
    expect(width * 1.1).toBeGreaterThanOrEqual(Math.min(longest, 60 * 1.1));
    expect(inputs.every((c) => c.style?.wrap === true)).toBe(true);
  });
});
