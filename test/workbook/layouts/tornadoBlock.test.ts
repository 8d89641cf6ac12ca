import {
  movesOnlyMtfsRow,
  mtfsOnlyNote,
  parseProposal,
  proposalRiskModel,
  proposalSensitivity,
  rankedRows,
  type Sensitivity,
} from "../../../src/engine";
import { modelProposal } from "../../../src/workbook/engineLink";
import { proposalSheetLayout } from "../../../src/workbook/layouts/proposalSheet";
import { inputCaption, tornadoRowsFor } from "../../../src/workbook/layouts/tornadoBlock";
import type { LayoutCell } from "../../../src/workbook/layouts/types";
import { refreshWorkbook } from "../../../src/workbook/operations";
import { readRegister } from "../../../src/workbook/register";
import { demoWorkbook, readExample, roundTrip } from "../fixtures";

const CFS = "CFS Targeted Prevention";

function sheetOf(file: string | Record<string, unknown>, tornadoRows?: number) {
  const proposal = typeof file === "string" ? readExample(file) : file;
  const modelled = modelProposal(proposal);
  const fyLabels = modelled.profile.years.map((y) => y.label);
  return {
    proposal,
    modelled,
    layout: proposalSheetLayout({
      sheet: "S",
      proposal,
      fyLabels,
      modelled,
      fitTexts: true,
      assumptionsInWords: true,
      tornadoRows: tornadoRows ?? tornadoRowsFor(modelled.sensitivity),
    }),
  };
}

const byKey = (cells: readonly LayoutCell[], key: string): LayoutCell | undefined =>
  cells.find((c) => (c.kind === "engine" || c.kind === "formula") && c.key === key);
const valueOf = (cells: readonly LayoutCell[], key: string) => {
  const c = byKey(cells, key);
  return c && c.kind !== "input" && c.kind !== "label" ? c.value : undefined;
};

describe("the proposal sheet's tornado", () => {
  it("says why an input that moves only the MTFS row has no swing, and leaves its bars at zero", () => {
    const { layout, modelled } = sheetOf("reablement.json");
    const t = modelled.sensitivity!;
    const only = t.rows.filter((r) => movesOnlyMtfsRow(t, r));
    expect(only.length).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) {
      const input = valueOf(layout.cells, `sensitivity.rows[${i}].input`);
      if (input === undefined || input === null) continue;
      const row = rankedRows(t).moving[i];
      const note = valueOf(layout.cells, `sensitivity.rows[${i}].note`);
      if (movesOnlyMtfsRow(t, row)) {
        // Short enough to print in the Note column (calc sensitivity adds the MTFS row at each end).
        expect(note).toBe(mtfsOnlyNote(t, row));
        expect(note).toBe("moves only the MTFS row");
        // The chart's series: no bar either side.
        expect(valueOf(layout.cells, `sensitivity.rows[${i}].changeAtLow`)).toBe(0);
        expect(valueOf(layout.cells, `sensitivity.rows[${i}].changeAtHigh`)).toBe(0);
      } else expect(String(note ?? "")).not.toMatch(/MTFS row/);
    }
  });

  it("names each input as its assumption cell is captioned on the sheet, largest swing first", () => {
    const { layout, modelled } = sheetOf("cfs-targeted-prevention.json");
    const captions = new Set(layout.cells.flatMap((c) => (c.kind === "input" && c.label ? [c.label] : [])));
    const inputs = Array.from({ length: 10 }, (_, i) =>
      valueOf(layout.cells, `sensitivity.rows[${i}].input`),
    );
    expect(inputs[0]).toBe("Weekly unit cost (£ a week)");
    expect(inputs).toContain("Lead time before impact (months)");
    for (const x of inputs) expect(captions).toContain(x);
    const swings = Array.from({ length: 10 }, (_, i) =>
      valueOf(layout.cells, `sensitivity.rows[${i}].swing`),
    );
    expect(swings).toEqual([...(swings as number[])].sort((a, b) => b - a));
    // The figures are the engine's tornado (ends in months where the sheet states months).
    const t = modelled.sensitivity!;
    expect(valueOf(layout.cells, "sensitivity.base")).toBe(t.opportunity);
    expect(valueOf(layout.cells, "sensitivity.rows[0].atHigh")).toBe(t.rows[0].opportunityAtHigh);
    const lead = inputs.indexOf("Lead time before impact (months)");
    expect(valueOf(layout.cells, `sensitivity.rows[${lead}].low`)).toBeCloseTo(7.65, 9);
  });

  it("swings about the quantified opportunity cell, with the swing and the changes as formulas", () => {
    const { layout } = sheetOf("cfs-targeted-prevention.json");
    const quantified = byKey(layout.cells, "quantifiedOpportunity")!;
    const base = byKey(layout.cells, "sensitivity.base")!;
    expect(base.kind === "formula" && base.formula).toBe(quantified.address);
    const swing = byKey(layout.cells, "sensitivity.rows[0].swing")!;
    const r = swing.address.replace(/^[A-Z]+/, "");
    expect(swing.kind === "formula" && swing.formula).toBe(`IF(A${r}="","",ROUND(ABS(E${r}-D${r}),2))`);
    const low = byKey(layout.cells, "sensitivity.rows[0].changeAtLow")!;
    expect(low.kind === "formula" && low.formula).toBe(
      `IF(A${r}="","",ROUND(D${r}-${"$B$" + base.address.slice(1)},2))`,
    );
    // An input that moves nothing changes the figure by exactly 0 (pennies), not by float noise.
    const rows = Array.from({ length: 10 }, (_, i) =>
      byKey(layout.cells, `sensitivity.rows[${i}].changeAtLow`),
    );
    for (const c of rows) {
      const v = c && (c.kind === "formula" ? c.value : undefined);
      if (typeof v === "number") expect(Math.round(v * 100) / 100).toBe(v);
    }
    expect(layout.tornadoChart?.categories).toBe(`A${r}:A${Number(r) + 9}`);
    expect(layout.tornadoChart?.series.map((s) => s.values)).toEqual([
      `G${r}:G${Number(r) + 9}`,
      `H${r}:H${Number(r) + 9}`,
    ]);
  });

  it("prefixes a stream's inputs with the stream, and says when a default end was held at a bound", () => {
    const { layout } = sheetOf("reablement.json");
    const inputs = Array.from({ length: 8 }, (_, i) => valueOf(layout.cells, `sensitivity.rows[${i}].input`));
    expect(inputs).toContain("Stream 1: Weekly saving per person (£ a week)");
    expect(inputs).toContain("Existing MTFS line 1: amount (£ a year)");
    for (const x of inputs) expect(String(x)).not.toMatch(/\[\d+\]|\.\w/);
    const notes = Array.from({ length: 8 }, (_, i) => valueOf(layout.cells, `sensitivity.rows[${i}].note`));
    // The default +10% of a share of 1 is held at 1 rather than refused (issue 14).
    // And inflation on the stream's saving moves only the MTFS row: its swing of 0 says why.
    expect(notes.filter((n) => n !== null && n !== undefined)).toEqual([
      "high held at 1 (a share)",
      "moves only the MTFS row",
    ]);
    // No engine paths ("streams[0].x"); a £m figure's decimal point is not one.
    for (const n of notes) expect(String(n)).not.toMatch(/\[\d+\]|\.[A-Za-z]/);
  });

  it("names the field a held end's bound comes from as the sheet names inputs (a fee and its current fee)", () => {
    const { layout } = sheetOf("income-maximisation.json");
    const notes = Array.from({ length: 10 }, (_, i) => valueOf(layout.cells, `sensitivity.rows[${i}].note`));
    const held = notes.filter((n): n is string => typeof n === "string" && n !== "");
    expect(held.length).toBeGreaterThan(0);
    for (const n of held) {
      expect(n).toMatch(/^(low|high) held at [\d.]+ \(must not be (below|above) Stream 1: /);
      expect(n).not.toMatch(/\[\d+\]|[A-Za-z]\.\w/);
    }
  });

  it("keeps a block's rows as laid out: fewer inputs leave blank rows, a sheet written before has none", () => {
    const n = rankedRows(modelProposal(readExample("family-based-placements.json")).sensitivity!).moving
      .length;
    const { layout } = sheetOf("family-based-placements.json", n + 2);
    expect(valueOf(layout.cells, `sensitivity.rows[${n}].input`)).toBeNull();
    expect(valueOf(layout.cells, `sensitivity.rows[${n + 1}].swing`)).toBe("");
    expect(valueOf(layout.cells, `sensitivity.rows[${n - 1}].swing`)).toEqual(expect.any(Number));
    const old = sheetOf("family-based-placements.json", 0).layout;
    expect(
      old.cells.some((c) => c.kind !== "label" && c.kind !== "input" && c.key.startsWith("sensitivity")),
    ).toBe(false);
    expect(old.tornadoChart).toBeUndefined();
  });

  it("leaves inputs that change nothing out of the rows and the chart, and names them in one line", () => {
    // Under a count target the baseline's volume moves nothing (the trial's step-down; CFS has no growth).
    const raw = readExample("cfs-targeted-prevention.json");
    raw.assumptions.target = { kind: "countPerYear", value: 20 };
    const { layout, modelled } = sheetOf(raw);
    const t: Sensitivity = modelled.sensitivity!;
    const { moving, unmoved } = rankedRows(t);
    expect(unmoved.map((r) => r.input)).toContain("baseline.volumePerYear");
    const shown = Array.from({ length: moving.length }, (_, i) =>
      valueOf(layout.cells, `sensitivity.rows[${i}].input`),
    );
    expect(shown).not.toContain("Baseline volume (a year)");
    // Every row shown moves the figure, and the block has no row for the others.
    for (let i = 0; i < moving.length; i++)
      expect(valueOf(layout.cells, `sensitivity.rows[${i}].swing`)).toBeGreaterThan(0);
    expect(byKey(layout.cells, `sensitivity.rows[${moving.length}].input`)).toBeUndefined();
    const line = byKey(layout.cells, "sensitivity.unmoved")!;
    const last = byKey(layout.cells, `sensitivity.rows[${moving.length - 1}].input`)!;
    const row = (c: LayoutCell) => Number(c.address.replace(/^[A-Z]+/, ""));
    // Beside the base figure, over the table's header (a row every block already has).
    expect(row(line)).toBe(row(byKey(layout.cells, "sensitivity.base")!));
    expect(line.kind === "engine" && line.value).toMatch(
      new RegExp(`^${unmoved.length} inputs change nothing at their low or high`),
    );
    if (unmoved.length <= 3) expect(line.kind === "engine" && line.value).toMatch(/Baseline/);
    expect(layout.tornadoChart?.categories).toBe(`A${row(last) - moving.length + 1}:A${row(last)}`);
  });

  it("follows an edited assumption on refresh, then changes nothing", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const stored = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
    expect(stored.tornadoRows).toBe(10);
    const layout = proposalSheetLayout(stored);
    const cost = layout.cells.find(
      (c) => c.kind === "input" && c.path === "assumptions.unitCost.weeklyCost",
    )!;
    back.getWorksheet(CFS)!.getCell(cost.address).value = 2000;
    const report = await refreshWorkbook(port);
    const top = report.changes.find((c) => c.sheet === CFS && c.key === "sensitivity.rows[0].atHigh");
    const edited = readExample("cfs-targeted-prevention.json");
    edited.assumptions.unitCost.weeklyCost = 2000;
    const t = proposalSensitivity(proposalRiskModel(parseProposal(edited)));
    expect(top?.after).toBeCloseTo(t.rows[0].opportunityAtHigh, 2);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });
});

describe("inputCaption", () => {
  it("falls back to the engine's caption for a path the sheet does not show", () => {
    expect(inputCaption("durationWeeks", new Map())).toBe("Average duration (weeks)");
    expect(
      inputCaption("assumptions.target.value", new Map([["assumptions.target.value", "Target (%)"]])),
    ).toBe("Target (%)");
  });
});
