import { parseAddress } from "../../../src/workbook/address";
import { proposalSheetLayout } from "../../../src/workbook/layouts/proposalSheet";
import { NO_MEASURES } from "../../../src/workbook/layouts/profileBreakdown";
import { rowHeightFor } from "../../../src/workbook/layouts/textFit";
import { readProposal, refreshWorkbook, updateProposal } from "../../../src/workbook/operations";
import { planProposal } from "../../../src/workbook/proposals";
import { readRegister } from "../../../src/workbook/register";
import { demoWorkbook, MODELLED_EXAMPLES, readExample, roundTrip } from "../fixtures";

const CFS = "CFS Targeted Prevention";

function box(range: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b = a] = range.split(":").map(parseAddress);
  return { top: a.row, left: a.column, bottom: b.row, right: b.column };
}

const layouts = MODELLED_EXAMPLES.map((f) => planProposal(readExample(f), []).layout);

describe("proposal sheet layout: long texts", () => {
  it.each(layouts.map((l) => [l.sheet, l] as const))(
    "%s: no two merges overlap, and no layout cell hides inside a merge except as its top-left",
    (_, layout) => {
      const merges = (layout.merges ?? []).map(box);
      merges.forEach((m, i) =>
        merges.slice(i + 1).forEach((n) => {
          const overlap = m.left <= n.right && n.left <= m.right && m.top <= n.bottom && n.top <= m.bottom;
          expect(overlap).toBe(false);
        }),
      );
      for (const cell of layout.cells) {
        const { row, column } = parseAddress(cell.address);
        const inside = merges.find(
          (m) => m.top <= row && row <= m.bottom && m.left <= column && column <= m.right,
        );
        if (inside) expect([inside.top, inside.left]).toEqual([row, column]);
      }
    },
  );

  it("spans every narrative, description and explanation across to column H", () => {
    const layout = layouts[0];
    const merged = new Set((layout.merges ?? []).map((m) => m.split(":")[0]));
    const prose = layout.cells.filter(
      (c) =>
        c.kind === "input" &&
        /^(narrative\.|opportunity\.(description|existingMtfsLines)|triangulation\.rows\[\d+\]\.explanation|assumptions\..*note$)/i.test(
          c.path,
        ),
    );
    // CFS: 10 narrative fields, 2 opportunity texts, 11 explanations, 2 assumption notes (some over rows).
    expect(new Set(prose.map((c) => (c.kind === "input" ? c.path : ""))).size).toBe(25);
    for (const c of prose) {
      expect(merged.has(c.address)).toBe(true);
      expect((layout.merges ?? []).find((m) => m.startsWith(`${c.address}:`))).toMatch(/:H\d+$/);
      expect(c.style?.wrap).toBe(true);
    }
  });

  it("makes each row tall enough for its text even in a font as wide as Excel's digits", () => {
    // Upper bound on prose per width unit: one character per "0" width (Calibri prose is ~13% narrower).
    for (const layout of layouts) {
      const height = new Map((layout.rowHeights ?? []).map((h) => [h.row, h.height]));
      const span = new Map((layout.merges ?? []).map((m) => [m.split(":")[0], box(m)]));
      const widths = new Map((layout.columnWidths ?? []).map((w) => [w.column, w.width]));
      for (const c of layout.cells) {
        if (c.kind !== "input" || typeof c.value !== "string" || !c.style?.wrap) continue;
        const m = span.get(c.address) ?? box(c.address);
        let width = 0;
        for (let col = m.left; col <= m.right; col++) width += widths.get(String.fromCharCode(64 + col)) ?? 9;
        const size = c.style.fontSize ?? 11;
        const minLines = Math.ceil((c.value.length * size) / 11 / (width * 1.13));
        const need = Math.min(409, rowHeightFor(minLines, size));
        expect(height.get(parseAddress(c.address).row) ?? 15).toBeGreaterThanOrEqual(need);
      }
    }
  });

  it("splits a text too long for Excel's tallest row over the rows it needs (CFS's proposed solutions)", () => {
    const layout = layouts[0];
    const parts = (path: string) => layout.cells.filter((c) => c.kind === "input" && c.path === path);
    const solutions = parts("narrative.proposedSolutions");
    expect(solutions.length).toBeGreaterThan(1);
    expect(layout.textRows).toEqual({
      "narrative.evidence": parts("narrative.evidence").length,
      "narrative.proposedSolutions": solutions.length,
    });
    // One row after another, each in the default font and under the row limit, the whole text between them.
    const rows = solutions.map((c) => parseAddress(c.address).row);
    expect(rows).toEqual(rows.map((_, i) => rows[0] + i));
    const height = new Map((layout.rowHeights ?? []).map((h) => [h.row, h.height]));
    for (const r of rows) expect(height.get(r)).toBeLessThan(409);
    expect(layout.cells.some((c) => c.kind === "input" && c.style?.fontSize === 9)).toBe(false);
    const text = solutions.map((c) => (c.kind === "input" ? c.value : "")).join("\n");
    expect(text).toBe(readExample("cfs-targeted-prevention.json").narrative.proposedSolutions);
    // The caption is on the first row only; the layout read from the register has the same rows.
    expect(layout.cells.filter((c) => c.kind === "label" && c.text === "Proposed solutions")).toHaveLength(1);
    const stored = planProposal(readExample("cfs-targeted-prevention.json"), []).stored;
    const located = proposalSheetLayout(stored).cells.filter((c) => c.kind === "input");
    expect(located.map((c) => c.address)).toEqual(
      layout.cells.filter((c) => c.kind === "input").map((c) => c.address),
    );
  });

  it("gives the section headings and table headings the width of the table", () => {
    const layout = layouts[0];
    const headingRows = layout.cells.filter((c) => c.kind === "label" && c.style?.fill === "1F4E78");
    const sections = headingRows.filter(
      (c) =>
        c.address.startsWith("A") &&
        !headingRows.some((h) => h !== c && parseAddress(h.address).row === parseAddress(c.address).row),
    );
    expect(sections.map((c) => (c.kind === "label" ? c.text : ""))).toEqual([
      "Operational impact: triangulation",
      "Benefits profile over the MTFS (net of ongoing investment)",
      "Operational impact per FY",
      "Green Book view: real prices, discounted (from the profile above and the Parameters sheet)",
      "Gross saving by kind (each stream's cashability label; before costs and overlap)",
      "Benefit profile assumptions",
      "Sensitivity: the quantified opportunity (FY29/30) with each input at its low and high",
    ]);
    // The tornado's heading wraps in column A (repeated on each printed page; a merge over its table's A:I
    // was cut at the page's edge); the others span the sheet's A:H.
    for (const s of sections) {
      const row = parseAddress(s.address).row;
      if (s.kind === "label" && s.text.startsWith("Sensitivity")) {
        expect(s.style?.wrap).toBe(true);
        expect(layout.merges?.some((m) => m.startsWith(`${s.address}:`))).toBe(false);
      } else expect(layout.merges).toContain(`${s.address}:H${row}`);
    }
  });
});

describe("proposal sheet layout in a workbook", () => {
  it("writes the layout's merges and row heights, and they survive saving and reopening", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const stored = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
    const layout = proposalSheetLayout(stored);
    const ws = back.getWorksheet(CFS)!;
    expect([...ws.model.merges].sort()).toEqual([...(layout.merges ?? [])].sort());
    const full = planProposal(readExample("cfs-targeted-prevention.json"), []).layout;
    for (const h of full.rowHeights ?? []) expect(ws.getRow(h.row).height).toBe(h.height);
    // The merged texts read back whole, and refreshing changes nothing.
    const read = (await readProposal(port, CFS)) as { narrative: { proposedSolutions: string } };
    expect(read.narrative.proposedSolutions).toBe(
      readExample("cfs-targeted-prevention.json").narrative.proposedSolutions.trim(),
    );
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("moves the merges with the rows when an edited proposal changes shape", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const cfs = readExample("cfs-targeted-prevention.json");
    const edited = {
      ...cfs,
      triangulation: { ...cfs.triangulation, rows: cfs.triangulation.rows.slice(0, 3) },
    };
    await updateProposal(port, CFS, edited);
    const layout = planProposal(edited, []).layout;
    const ws = back.getWorksheet(CFS)!;
    expect([...ws.model.merges].sort()).toEqual([...(layout.merges ?? [])].sort());
    for (const h of layout.rowHeights ?? []) expect(ws.getRow(h.row).height).toBe(h.height);
    const { wb: again, port: againPort } = await roundTrip(back);
    expect(again.getWorksheet(CFS)!.model.merges.length).toBe(layout.merges?.length);
    expect((await refreshWorkbook(againPort)).changes).toEqual([]);
    expect(((await readProposal(againPort, CFS)) as typeof cfs).narrative).toEqual(
      JSON.parse(JSON.stringify(cfs.narrative), (_k, v: unknown) => (typeof v === "string" ? v.trim() : v)),
    );
  });
});

describe("proposal sheet captions", () => {
  it.each(layouts.map((l) => [l.sheet, l] as const))(
    "%s: every row caption is words, not a JSON path",
    (_, layout) => {
      const paths = layout.cells.filter(
        (c) => c.kind === "label" && c.address.startsWith("A") && /^[a-z]\w*(\.|\[\d+\])/.test(c.text),
      );
      expect(paths.map((c) => (c.kind === "label" ? c.text : ""))).toEqual([]);
    },
  );
});

describe("proposal sheet figures as a new user reads them", () => {
  const procurement = planProposal(readExample("procurement-and-third-party-spend.json"), []).layout;

  it("shows a typed percent as typed (2.97%, not 3.0%) and a share-realised measure as a percent", () => {
    const reduction = procurement.cells.find((c) => c.kind === "input" && /\.reductionRate$/.test(c.path));
    expect(reduction).toMatchObject({ type: "percent", numberFormat: "0.0#%" });
    const heading = procurement.cells.find(
      (c) => c.kind === "label" && /^Share of the full saving realised/.test(c.text),
    );
    expect(heading).toMatchObject({ text: "Share of the full saving realised (%)" });
    const share = procurement.cells.filter(
      (c) =>
        c.kind === "engine" &&
        c.address.startsWith(heading!.address.replace(/\d+$/, "")) &&
        /^streams\./.test(c.key),
    );
    expect(share.length).toBeGreaterThan(0);
    for (const c of share)
      expect([c.address, c.kind === "engine" && c.numberFormat]).toEqual([c.address, "0.0%"]);
  });
});

describe("proposal sheet figures without float noise", () => {
  it("writes a settled year's in-year spend reduction as 0 to the penny, not -£0.00m (Reablement FY30/31)", () => {
    const layout = planProposal(readExample("reablement.json"), []).layout;
    const inYear = layout.cells.filter((c) => c.kind === "formula" && /^profile\..*\.inYear$/.test(c.key));
    const settled = inYear.find((c) => c.kind === "formula" && c.key === "profile.FY30/31.inYear");
    // The engine's two equal cumulatives differed by -4e-33: the £m format showed "-£0.00m".
    expect(settled).toMatchObject({ formula: expect.stringMatching(/^ROUND\(C\d+-C\d+,2\)$/), value: 0 });
    for (const c of inYear.slice(1)) {
      expect(c.kind === "formula" && c.formula).toMatch(/^ROUND\(C\d+-C\d+,2\)$/);
      const v = c.kind === "formula" ? (c.value as number) : NaN;
      expect(Math.round(v * 100) / 100).toBe(v);
    }
  });
});

describe("the first FY's in-year spend reduction", () => {
  it("is its cumulative to the penny, so a first FY of −£0.0001 reads as zero, not -£0.0k", () => {
    for (const layout of layouts) {
      const first = layout.cells.find((c) => c.kind === "formula" && /^profile\.[^.]+\.inYear$/.test(c.key));
      if (first?.kind !== "formula") throw new Error(`${layout.sheet}: no in-year row`);
      const r = first.address.replace(/^[A-Z]+/, "");
      expect([layout.sheet, first.formula]).toEqual([layout.sheet, `ROUND(C${r},2)`]);
      const cumulative = layout.cells.find((c) => c.address === `C${r}`);
      const raw = cumulative?.kind === "formula" ? cumulative.value : null;
      if (typeof raw !== "number") expect(first.value).toBe(raw);
      else {
        const v = first.value as number;
        expect([layout.sheet, Math.round(v * 100) / 100]).toEqual([layout.sheet, v]);
        expect(Math.abs(v - raw)).toBeLessThanOrEqual(0.005);
      }
    }
  });
});

describe("proposal sheet assumptions in words (issue 13)", () => {
  const itt = planProposal(readExample("independent-travel-training.json"), []).layout;
  const at = (path: string) => itt.cells.find((c) => c.kind === "input" && c.path === path)!;
  const row = (address: string) => address.replace(/^[A-Z]+/, "");
  const inRow = (r: string, column: string) => itt.cells.find((c) => c.address === `${column}${r}`);

  it("captions each assumption in words with its unit beside the value, not its JSON path", () => {
    const cases: [string, string, string | undefined][] = [
      ["assumptions.durationWeeks", "Average duration", "weeks"],
      ["assumptions.unitCost.components[0].share", "Unit cost part 1: share of the cases", "% of cases"],
      ["assumptions.unitCost.components[0].costPerPeriod", "Unit cost part 1: saving per case", "£ a period"],
      ["assumptions.target.value", "Target", "cases per 12 weeks"],
      ["assumptions.investment[1].toDate", "Investment 2: to", "date (inclusive)"],
      ["assumptions.unitCost.components[0].label", "Unit cost part 1: what it is", undefined],
    ];
    for (const [path, caption, unit] of cases) {
      const r = row(at(path).address);
      expect([path, (inRow(r, "A") as { text?: string }).text]).toEqual([path, caption]);
      const u = inRow(r, "C");
      const shown = u?.kind === "engine" ? u.value : u?.kind === "label" ? u.text : undefined;
      expect([path, shown]).toEqual([path, unit]);
    }
  });

  it("shows a share as %, a date as a date, and choice codes as words in a dropdown", () => {
    // As typed: 0.0#% shows 2.97% as 2.97% (0.0% showed 3.0%) and 8% as 8.0%.
    expect(at("assumptions.unitCost.components[0].share")).toMatchObject({
      type: "percent",
      numberFormat: "0.0#%",
    });
    expect(at("assumptions.timeline.startDate")).toMatchObject({ type: "date", numberFormat: "yyyy-mm-dd" });
    expect(at("assumptions.target.kind")).toMatchObject({
      type: "choice",
      value: "a number a year",
      choices: ["% of the baseline", "a number a year", "a caseload reduction"],
      codes: { "a number a year": "countPerYear" },
    });
    expect(at("assumptions.unitCost.components[0].costPerPeriod").numberFormat).toBe(
      '"£"#,##0.00;-"£"#,##0.00',
    );
  });

  it("puts each note in the note column of its field's row, as a named input", () => {
    const note = at("assumptions.durationNote");
    expect(note.address).toBe(`D${row(at("assumptions.durationWeeks").address)}`);
    expect(note).toMatchObject({ name: "mtfs_IndependentTravelTraining_durationNote", type: "text" });
    expect(at("assumptions.target.note").address.startsWith("D")).toBe(true);
    // No note has a row of its own: every row's column A is a field's caption.
    expect(
      itt.cells.filter((c) => c.kind === "label" && c.address.startsWith("A") && /note$/i.test(c.text)),
    ).toEqual([]);
  });

  it("keeps one defined name per field, as sheets written before have them", () => {
    expect((at("assumptions.unitCost.components[2].share") as { name?: string }).name).toBe(
      "mtfs_IndependentTravelTraining_unitCost_components_2_share",
    );
  });

  it("refreshes a unit that follows the values: a target switched to a count reads 'cases a year'", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const reg = await readRegister(port);
    const layout = proposalSheetLayout(reg.proposals.find((p) => p.sheet === CFS)!);
    const cell = (path: string) => layout.cells.find((c) => c.kind === "input" && c.path === path)!.address;
    const ws = back.getWorksheet(CFS)!;
    const unit = `C${cell("assumptions.target.value").slice(1)}`;
    expect(ws.getCell(unit).value).toBe("% of starts");
    ws.getCell(cell("assumptions.target.kind")).value = "a number a year";
    ws.getCell(cell("assumptions.target.value")).value = 12;
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    expect(ws.getCell(unit).value).toBe("cases a year");
    expect(report.changes.find((c) => c.address === unit)).toMatchObject({
      before: "% of starts",
      kept: false,
    });
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("reads a sheet in words back to the proposal's codes and values, and refreshes it without a change", async () => {
    const { wb } = await demoWorkbook();
    const { port } = await roundTrip(wb);
    for (const file of MODELLED_EXAMPLES) {
      const json = readExample(file);
      const back = (await readProposal(port, json.opportunity.name)) as typeof json;
      expect(back.assumptions).toEqual(json.assumptions);
    }
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });
});

describe("proposal sheet operational measures", () => {
  it("leaves out a measure the stream's inputs do not drive, as the CLI does (traded services' units charged)", () => {
    const planned = planProposal(readExample("income-maximisation.json"), []);
    const headings = planned.layout.cells.flatMap((c) =>
      c.kind === "label" && /\(units\)$/.test(c.text) ? [c.text] : [],
    );
    // Fees and charges charge units; the traded services' column read 0.0 in every FY beside £114,500.
    expect(headings).toEqual(["Units charged at the new fees (units)"]);
    expect(Object.values(planned.stored.measureColumns ?? {}).map((v) => v.length)).toEqual([1, 0]);
  });

  it("keeps its measure columns on refresh, fixed in the register when the sheet was laid out", async () => {
    const { port } = await demoWorkbook();
    const { addProposal } = await import("../../../src/workbook/operations");
    await addProposal(port, readExample("income-maximisation.json"));
    const stored = (await readRegister(port)).proposals.find((p) => p.sheet === "Income Maximisation");
    expect(Object.values(stored?.measureColumns ?? {}).map((v) => v.length)).toEqual([1, 0]);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });
});

describe("proposal sheet layout: a proposal that drives no measure", () => {
  it("says so in one line under 'Operational impact per FY', not a table of FYs without columns", () => {
    const layout = planProposal(readExample("resident-focused-organisation.json"), []).layout;
    const heading = layout.cells.find((c) => c.kind === "label" && c.text === "Operational impact per FY")!;
    const row = parseAddress(heading.address).row;
    const below = layout.cells.filter((c) => parseAddress(c.address).row === row + 1);
    expect(below.map((c) => (c.kind === "label" ? c.text : c.kind))).toEqual([NO_MEASURES]);
    // The FY rows that followed are blank: the cells below the section are where they were.
    const fys = planProposal(readExample("resident-focused-organisation.json"), []).stored.fyLabels;
    const rows = new Set(layout.cells.map((c) => parseAddress(c.address).row));
    for (let r = row + 2; r <= row + 1 + fys.length; r++) expect(rows.has(r)).toBe(false);
  });
});

describe("proposal sheet layout: the profile chart", () => {
  it.each(layouts.map((l) => [l.sheet, l] as const))(
    "%s: leaves two empty columns beside the tables it sits by, where a user's note runs on (not under it)",
    (_, layout) => {
      const from = parseAddress(layout.chart.from);
      const to = parseAddress(layout.chart.to);
      const beside = layout.cells
        .map((c) => parseAddress(c.address))
        .filter((a) => a.row >= from.row && a.row <= to.row);
      const lastUsed = Math.max(...beside.map((a) => a.column));
      expect(from.column).toBeGreaterThanOrEqual(lastUsed + 3);
    },
  );
});
