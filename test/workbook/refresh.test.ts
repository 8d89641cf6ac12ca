import type * as ExcelJS from "exceljs";
import fc from "fast-check";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { sheetRef } from "../../src/workbook/address";
import { isOwned } from "../../src/workbook/layouts/types";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { addProposal, readProposal, refreshWorkbook, updateProposal } from "../../src/workbook/operations";
import { readRegister, REGISTER_SHEET } from "../../src/workbook/register";
import { demoWorkbook, plain, readExample, roundTrip } from "./fixtures";

const CFS = "CFS Targeted Prevention";

async function cfsLayout(port: ExcelJsPort) {
  const reg = await readRegister(port);
  const s = reg.proposals.find((p) => p.sheet === CFS)!;
  return proposalSheetLayout(s);
}

describe("round trip and refresh", () => {
  it("reads back every owned cell exactly as the register says it was written", async () => {
    const { wb } = await demoWorkbook();
    const { port } = await roundTrip(wb);
    const reg = await readRegister(port);
    expect(reg.owned.size).toBeGreaterThan(200);
    const bySheet = new Map<string, { address: string; written: unknown }[]>();
    for (const o of reg.owned.values()) bySheet.set(o.sheet, [...(bySheet.get(o.sheet) ?? []), o]);
    for (const [sheet, cells] of bySheet) {
      const got = await port.readCells(
        sheet,
        cells.map((c) => c.address),
      );
      cells.forEach((c, i) => {
        const w = c.written as { kind: string; formula?: string; value?: unknown };
        if (w.kind === "formula") expect(got[i].formula).toBe(w.formula);
        else expect(got[i].value).toEqual(w.value);
      });
    }
  });

  it("reads back the proposal it wrote (assumptions, triangulation and narrative)", async () => {
    const { wb } = await demoWorkbook();
    const { port } = await roundTrip(wb);
    const cfs = readExample("cfs-targeted-prevention.json");
    const back = (await readProposal(port, CFS)) as typeof cfs;
    expect(back.assumptions).toEqual(cfs.assumptions);
    // Percent strings ("26%") are written as numbers so the triangulation formulas can use them; reading
    // back keeps the stored "26%" while the cell still means it.
    const asFraction = (v: unknown): number => (typeof v === "string" ? parseFloat(v) / 100 : Number(v));
    back.triangulation.rows.forEach((row: any, i: number) => {
      const sent = cfs.triangulation.rows[i];
      expect([row.method, row.explanation]).toEqual([sent.method, sent.explanation]);
      expect(asFraction(row.percentChange)).toBeCloseTo(asFraction(sent.percentChange), 12);
    });
    expect(back.narrative.risks).toBe(cfs.narrative.risks);
    expect(await readProposal(port, "Programme")).toBeNull();
  });

  it("changes nothing when refreshed straight after writing, and nothing the second time", async () => {
    const { wb } = await demoWorkbook();
    const { port } = await roundTrip(wb);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("moves the profile and the programme totals when an assumption is edited, then is idempotent", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const layout = await cfsLayout(port);
    const target = layout.cells.find((c) => c.kind === "input" && c.path === "assumptions.target.value")!;
    back.getWorksheet(CFS)!.getCell(target.address).value = 0.12;
    const report = await refreshWorkbook(port);
    const cells = report.changes.map((c) => `${c.sheet}!${c.key}`);
    expect(cells).toEqual(
      expect.arrayContaining([`${CFS}!profile.FY29/30.cumulative`, "Programme!total.FY29/30"]),
    );
    expect(cells).toContain("Resource cost!paybackYears");
    expect(report.changes.every((c) => !c.kept)).toBe(true);
    const fy2930 = report.changes.find((c) => c.key === "profile.FY29/30.cumulative")!;
    expect(Number(fy2930.after)).toBeGreaterThan(Number(fy2930.before));
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("keeps, flags and reports a hand-edited owned cell, and takes it back once cleared", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const layout = await cfsLayout(port);
    const cell = layout.cells.find(
      (c) => c.kind === "formula" && c.key === "profile.FY29/30.cumulative",
    )!.address;
    const ws = back.getWorksheet(CFS)!;
    ws.getCell(cell).value = 999;
    // £999 reads as the money rule shows it (£1.0k below £0.1m), as the cell does.
    const report = await refreshWorkbook(port);
    expect(report.lines.filter((l) => l.kept)).toEqual([
      expect.objectContaining({ proposal: CFS, cell: `${CFS}!${cell}`, before: "£1.0k", kept: true }),
    ]);
    // The figures that read it show what the sheet computes from the user's 999 (as Excel would), and say why.
    expect(report.lines.filter((l) => !l.kept).map((l) => l.after)).toContain("£1.0k");
    expect(report.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        new RegExp(`^${CFS}!${cell} \\(FY29/30 cumulative benefit\\) is a hand edit refresh kept: `),
      ),
    ]);
    expect(ws.getCell(cell).value).toBe(999);
    expect(String(ws.getCell(cell).note)).toMatch(/edited by hand/);
    expect(ws.getCell(layout.statusAddress).value).toMatch(/1 hand-edited cell\(s\) kept/);
    // Still kept on the next refresh, with nothing else changing.
    const again = await refreshWorkbook(port);
    expect(again.changes.map((c) => c.kept)).toEqual([true]);
    ws.getCell(cell).value = null;
    const released = await refreshWorkbook(port);
    // The cell is filled again, and the figures that read it go back to the engine's.
    expect(released.changes.find((c) => c.address === cell)?.kept).toBe(false);
    expect(released.changes.every((c) => !c.kept)).toBe(true);
    expect(released.warnings).toEqual([]);
    expect((ws.getCell(cell).value as { formula: string }).formula).toMatch(/^D\d+-E\d+-F\d+-G\d+$/);
  });

  it("never overwrites a user's edit outside the owned cells (property)", async () => {
    const { wb } = await demoWorkbook();
    const buffer = await wb.xlsx.writeBuffer();
    const sheets = ["Programme", "Resource cost", "Themes", CFS, "Family Based Placements"];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            sheet: fc.constantFrom(...sheets),
            column: fc.integer({ min: 1, max: 20 }),
            row: fc.integer({ min: 1, max: 80 }),
            value: fc.oneof(fc.string({ maxLength: 12 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (edits) => {
          const { wb: w, port } = await roundTrip(await loadBuffer(buffer));
          const reg = await readRegister(port);
          const applied = new Map<string, unknown>();
          for (const e of edits) {
            const address = `${String.fromCharCode(64 + e.column)}${e.row}`;
            if (reg.owned.has(`${e.sheet}!${address}`)) continue;
            const cell = w.getWorksheet(e.sheet)!.getCell(address);
            // Inside a merged cell only its top-left cell can be typed into (ExcelJS would write there).
            if (cell.master !== cell) continue;
            cell.value = e.value;
            applied.set(`${e.sheet}!${address}`, e.value);
          }
          await refreshWorkbook(port);
          for (const [key, value] of applied) {
            const [sheet, address] = key.split("!");
            const got = w.getWorksheet(sheet)!.getCell(address).value;
            // Status cells are the add-in's own; everything else stays as the user typed it.
            const programmeSheets = ["Programme", "Resource cost", "Themes"];
            if (address === "F1" && !programmeSheets.includes(sheet)) continue;
            if (address === "M1" && sheet === "Programme") continue;
            expect(got).toEqual(value);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it("writes user text that starts with '=' as text, not as a formula", async () => {
    const { wb } = await demoWorkbook();
    const { port } = await roundTrip(wb);
    const raw = readExample("family-based-placements.json");
    await addProposal(port, {
      ...raw,
      opportunity: { ...raw.opportunity, name: "Formula text check" },
      narrative: { ...raw.narrative, risks: '=HYPERLINK("http://example.invalid")' },
    });
    const { port: again } = await roundTrip(port.workbook);
    const back = (await readProposal(again, "Formula text check")) as { narrative: { risks: string } };
    expect(back.narrative.risks).toBe('=HYPERLINK("http://example.invalid")');
    const stored = (await readRegister(again)).proposals.find((p) => p.sheet === "Formula text check")!;
    const layout = proposalSheetLayout(stored);
    const risks = layout.cells.find((c) => c.kind === "input" && c.path === "narrative.risks")!;
    const [cell] = await again.readCells("Formula text check", [risks.address]);
    expect(cell.formula).toBeUndefined();
    expect(plain(cell.value)).toBe('=HYPERLINK("http://example.invalid")');
  });

  it("links the Programme to the MTFS row: cumulative plus an inflation contingency held centrally", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const raw = readExample("cfs-targeted-prevention.json");
    const sheet = "Held centrally";
    await addProposal(port, {
      ...raw,
      opportunity: { ...raw.opportunity, name: sheet },
      assumptions: {
        ...raw.assumptions,
        unitCost: { ...raw.assumptions.unitCost, inflationContingency: true },
      },
    });
    const stored = (await readRegister(port)).proposals.find((p) => p.sheet === sheet)!;
    const layout = proposalSheetLayout(stored);
    const ws = back.getWorksheet(sheet)!;
    const at = (key: string): number => {
      const c = layout.cells.find((x) => (x.kind === "formula" || x.kind === "engine") && x.key === key)!;
      return Number(plain(ws.getCell(c.address).value));
    };
    const contingency = at("profile.FY29/30.inflationContingency");
    // CFS states 4% a year from FY26/27 prices, so FY29/30 carries three steps of inflation.
    expect(contingency).toBeGreaterThan(0);
    expect(at("profile.FY29/30.mtfsImpact")).toBeCloseTo(at("profile.FY29/30.cumulative") + contingency, 6);
    const mtfsRow = layout.mtfsRowAddress.get("FY29/30")!;
    const programme = back.getWorksheet("Programme")!;
    let linked: ExcelJS.Cell | undefined;
    programme.eachRow((row) =>
      row.eachCell((c) => {
        const f = (c.value as { formula?: string } | null)?.formula;
        if (f === `${sheetRef(sheet)}!${mtfsRow}`) linked = c;
      }),
    );
    expect(linked).toBeDefined();
    expect(Number(plain(linked!.value))).toBeCloseTo(at("profile.FY29/30.mtfsImpact"), 6);
    // The TRUE typed in the assumption cell reads back as the same setting.
    const again = await refreshWorkbook(port);
    expect(again.errors).toEqual([]);
    expect(again.changes).toEqual([]);
  });

  it("adds a proposal's row inside its directorate block, and the subtotal and total include it", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const raw = readExample("family-based-placements.json");
    const result = await addProposal(port, {
      ...raw,
      opportunity: { ...raw.opportunity, name: "FBP phase 2" },
    });
    expect(result).toEqual({ sheetName: "FBP phase 2", programmeRowAdded: true });
    const ws = back.getWorksheet("Programme")!;
    // The CFS block was rows 10–13 with its subtotal on 14; the new row is 14 and the subtotal moves to 15.
    expect(plain(ws.getCell("B14").value)).toBe("FBP phase 2");
    expect((ws.getCell("E15").value as { formula: string }).formula).toBe("SUM(E10:E14)");
    expect(String(ws.getCell("A15").value)).toMatch(/Children and Family Services/);
    expect((ws.getCell("H22").value as { formula: string }).formula).toBe("H9+H15+H17+H21");
    expect((await refreshWorkbook(port)).changes).toEqual([]);
    expect(back.getWorksheet(REGISTER_SHEET)!.state).toBe("hidden");
  });
});

async function loadBuffer(buffer: ArrayBuffer | Buffer) {
  const ExcelJS = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  return wb;
}

it("every owned cell of a proposal layout is an engine value or a formula", async () => {
  const { port } = await demoWorkbook();
  const layout = await cfsLayout(port);
  expect(layout.cells.filter(isOwned).length).toBeGreaterThan(40);
});

describe("refresh of a damaged workbook", () => {
  it("reports a deleted proposal sheet and keeps its Programme row's last figures", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const before = plain(back.getWorksheet("Programme")!.getCell("H13").value);
    back.removeWorksheet(back.getWorksheet(CFS)!.id);
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([{ proposal: CFS, message: expect.stringMatching(/missing/) }]);
    expect(plain(back.getWorksheet("Programme")!.getCell("H13").value)).toBeCloseTo(Number(before), 6);
    expect(back.getWorksheet("Programme")!.getCell("H13").formula).toBeUndefined();
  });

  it("refuses a damaged register with a WorkbookError", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    back.getWorksheet(REGISTER_SHEET)!.getCell("F2").value = "{not json";
    await expect(refreshWorkbook(port)).rejects.toMatchObject({ code: "bad-register" });
  });
});

/** An ExcelJS port that, like Excel, adjusts every formula's references to rows moved by an insert. */
class ExcelLikePort extends ExcelJsPort {
  override async insertRows(sheet: string, row: number, count: number): Promise<void> {
    await super.insertRows(sheet, row, count);
    const bump = (r: string): string => String(Number(r) >= row ? Number(r) + count : Number(r));
    this.workbook.eachSheet((ws) =>
      ws.eachRow((r) =>
        r.eachCell((cell) => {
          const v = cell.value as { formula?: string; result?: unknown } | null;
          if (!v || typeof v !== "object" || typeof v.formula !== "string") return;
          const other = (f: string): string =>
            f.replace(
              new RegExp(`${sheet}!(\\$?[A-Z]+\\$?)(\\d+)(?::(\\$?[A-Z]+\\$?)(\\d+))?`, "g"),
              (_m, c1, r1, c2, r2) => `${sheet}!${c1}${bump(r1)}${c2 ? `:${c2}${bump(r2)}` : ""}`,
            );
          // On the inserting sheet its own references move; a range on another sheet (both ends) does not.
          const formula =
            ws.name === sheet
              ? v.formula
                  .split(/((?:'[^']+'|[A-Za-z_][\w.]*)!\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)/)
                  .map((part, i) =>
                    i % 2
                      ? other(part)
                      : part.replace(
                          /(^|[^!A-Za-z$'])(\$?[A-Z]{1,2}\$?)(\d+)/g,
                          (_m, p, c, n) => `${p}${c}${bump(n)}`,
                        ),
                  )
                  .join("")
              : other(v.formula);
          if (formula !== v.formula) cell.value = { formula, result: v.result } as ExcelJS.CellFormulaValue;
        }),
      ),
    );
  }
}

it("does not take Excel's own reference adjustments on insert for hand edits", async () => {
  const { wb } = await demoWorkbook();
  const { wb: back } = await roundTrip(wb);
  const port = new ExcelLikePort(back);
  const raw = readExample("family-based-placements.json");
  await addProposal(port, { ...raw, opportunity: { ...raw.opportunity, name: "FBP phase 2" } });
  const report = await refreshWorkbook(port);
  expect(report.changes).toEqual([]);
  // Excel's adjusted formula for the Resource cost benefits row now points at the moved total.
  expect((back.getWorksheet("Resource cost")!.getCell("B9").value as { formula: string }).formula).toBe(
    "-Programme!E22",
  );
});

it("is idempotent after any valid assumption edit (property)", async () => {
  const { wb } = await demoWorkbook();
  const buffer = await wb.xlsx.writeBuffer();
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        target: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
        duration: fc.double({ min: 20, max: 250, noNaN: true }),
        weekly: fc.integer({ min: 200, max: 5000 }),
      }),
      async (edit) => {
        const { wb: w, port } = await roundTrip(await loadBuffer(buffer));
        const names = w.definedNames.model;
        const set = (name: string, value: number): void => {
          const n = names.find((x) => x.name === name)!;
          w.getWorksheet(CFS)!.getCell(n.ranges[0].split("!")[1].replace(/\$/g, "")).value = value;
        };
        set("mtfs_CFSTargetedPrevention_target_value", edit.target);
        set("mtfs_CFSTargetedPrevention_durationWeeks", edit.duration);
        set("mtfs_CFSTargetedPrevention_unitCost_weeklyCost", edit.weekly);
        const first = await refreshWorkbook(port);
        expect(first.errors).toEqual([]);
        expect(first.changes.every((c) => !c.kept)).toBe(true);
        expect((await refreshWorkbook(port)).changes).toEqual([]);
      },
    ),
    { numRuns: 8 },
  );
});

describe("updateProposal", () => {
  it("rewrites an edited proposal's inputs in place and the profile and programme follow", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const cfs = readExample("cfs-targeted-prevention.json");
    const before = plain(back.getWorksheet("Programme")!.getCell("H21").value);
    const edited = { ...cfs, assumptions: { ...cfs.assumptions, target: { kind: "percent", value: 0.12 } } };
    expect(await updateProposal(port, CFS, edited)).toEqual({ sheetName: CFS, programmeRowAdded: false });
    const back2 = (await readProposal(port, CFS)) as typeof cfs;
    expect(back2.assumptions.target.value).toBe(0.12);
    expect(Number(plain(back.getWorksheet("Programme")!.getCell("H21").value))).toBeGreaterThan(
      Number(before),
    );
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("lays the sheet out again when the proposal changes shape (fewer triangulation rows)", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const cfs = readExample("cfs-targeted-prevention.json");
    const edited = {
      ...cfs,
      triangulation: { ...cfs.triangulation, rows: cfs.triangulation.rows.slice(0, 3) },
    };
    await updateProposal(port, CFS, edited);
    const stored = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
    const layout = proposalSheetLayout(stored);
    const mtfsRow = layout.mtfsRowAddress.get("FY29/30")!;
    // The Programme row links to the moved MTFS row cell, and the old names are gone.
    expect((back.getWorksheet("Programme")!.getCell("H13").value as { formula: string }).formula).toBe(
      `'${CFS}'!${mtfsRow}`,
    );
    const names = back.definedNames.model.filter((n) => n.name.startsWith("mtfs_CFSTargetedPrevention_"));
    expect(names.every((n) => n.ranges.length === 1)).toBe(true);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
    expect(((await readProposal(port, CFS)) as typeof cfs).triangulation.rows).toHaveLength(3);
  });

  it("refuses a sheet that is not a proposal sheet", async () => {
    const { port } = await demoWorkbook();
    await expect(updateProposal(port, "Programme", {})).rejects.toMatchObject({
      code: "not-a-proposal-sheet",
    });
  });
});

describe("names and text", () => {
  it("quotes sheet names that could be read as references", () => {
    expect(sheetRef("A1")).toBe("'A1'");
    expect(sheetRef("R2C3")).toBe("'R2C3'");
    expect(sheetRef("Programme")).toBe("Programme");
    expect(sheetRef("O'Neil plan")).toBe("'O''Neil plan'");
  });

  it("refuses narrative longer than a cell holds, naming the field", async () => {
    const { port } = await demoWorkbook();
    const raw = readExample("family-based-placements.json");
    await expect(
      addProposal(port, {
        ...raw,
        opportunity: { ...raw.opportunity, name: "Long text" },
        narrative: { ...raw.narrative, risks: "x".repeat(40_000) },
      }),
    ).rejects.toMatchObject({ code: "text-too-long", message: expect.stringMatching(/^narrative\.risks: /) });
  });

  it("does not take a formula re-spelt by a spreadsheet application (quotes, $) for a hand edit", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const cell = back.getWorksheet("Resource cost")!.getCell("B9");
    const v = cell.value as { formula: string; result: number };
    cell.value = {
      formula: v.formula.replace("Programme!E21", "'Programme'!$E$21"),
      result: v.result,
    } as any;
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });
});

it("refuses to refresh a proposal sheet whose laid-out row was deleted, touching none of its cells", async () => {
  const { wb } = await demoWorkbook();
  const { wb: back, port } = await roundTrip(wb);
  const ws = back.getWorksheet(CFS)!;
  const named = (await cfsLayout(port)).cells.find((c) => c.kind === "input" && c.name)!;
  ws.spliceRows(Number(/\d+$/.exec(named.address)![0]), 1); // as a user deleting an assumption's row
  const before = JSON.stringify(ws.getSheetValues());
  const report = await refreshWorkbook(port);
  expect(report.errors).toEqual([{ proposal: CFS, message: expect.stringMatching(/deleted or moved/) }]);
  expect(report.changes.filter((c) => c.sheet === CFS)).toEqual([]);
  expect(JSON.stringify(ws.getSheetValues())).toBe(before);
});

it("flags a hand-edited Programme subtotal in the Programme's status cell and keeps it", async () => {
  const { wb } = await demoWorkbook();
  const { wb: back, port } = await roundTrip(wb);
  const ws = back.getWorksheet("Programme")!;
  ws.getCell("H9").value = 12_000_000;
  const report = await refreshWorkbook(port);
  expect(report.changes.filter((c) => c.kept).map((c) => `${c.sheet}!${c.address}`)).toEqual([
    "Programme!H9",
  ]);
  expect(ws.getCell("H9").value).toBe(12_000_000);
  expect(ws.getCell("M1").value).toBe("1 hand-edited cell(s) kept: Programme!H9 (see notes)");
  // The total adds the subtotals as they are: its cached figure follows the user's, as Excel computes it.
  const total = report.changes.find((c) => c.key === "total.FY29/30");
  const computed = Number(report.changes.find((c) => c.kept)?.after);
  expect(total?.after).toBeCloseTo(Number(total?.before) - computed + 12_000_000, 4);
  expect(report.warnings.map((w) => w.message)).toEqual([
    expect.stringMatching(
      /^Programme!H9 \(.*\) is a hand edit refresh kept: Total ER savings FY29\/30 counts it/,
    ),
  ]);
});

describe("operations on sheets whose laid-out rows moved", () => {
  it("refuses to add a proposal when a Programme row it lays out was deleted, writing nothing", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    back.getWorksheet("Programme")!.spliceRows(5, 1); // a typed Programme row, deleted by the user
    const sheets = back.worksheets.length;
    const cfs = readExample("cfs-targeted-prevention.json");
    await expect(
      addProposal(port, { ...cfs, opportunity: { ...cfs.opportunity, name: "Another" } }),
    ).rejects.toMatchObject({ code: "sheet-moved" });
    expect(back.worksheets.length).toBe(sheets);
  });

  it("refuses to lay a proposal sheet out again over rows the user inserted", async () => {
    const { wb } = await demoWorkbook();
    const { port } = await roundTrip(wb);
    await port.insertRows(CFS, 3, 1); // names move with it, as in a spreadsheet
    const cfs = readExample("cfs-targeted-prevention.json");
    const edited = {
      ...cfs,
      triangulation: { ...cfs.triangulation, rows: cfs.triangulation.rows.slice(0, 3) },
    };
    await expect(updateProposal(port, CFS, edited)).rejects.toMatchObject({ code: "sheet-moved" });
  });
});

describe("a text split over rows", () => {
  it("reads back as one text, an edit in any of its rows included, and refresh leaves its rows alone", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const layout = await cfsLayout(port);
    const parts = layout.cells.filter((c) => c.kind === "input" && c.path === "narrative.proposedSolutions");
    expect(parts.length).toBeGreaterThan(1);
    const ws = back.getWorksheet(CFS)!;
    const last = parts[parts.length - 1].address;
    ws.getCell(last).value = `${String(ws.getCell(last).value)} Added by a user.`;
    const read = (await readProposal(port, CFS)) as { narrative: { proposedSolutions: string } };
    const cfs = readExample("cfs-targeted-prevention.json");
    expect(read.narrative.proposedSolutions).toBe(
      `${cfs.narrative.proposedSolutions.trim()} Added by a user.`,
    );
    // The rows below the text are where the register says (the profile did not move onto them).
    expect((await refreshWorkbook(port)).changes).toEqual([]);
    expect(String(ws.getCell(last).value)).toMatch(/Added by a user\.$/);
  });
});

describe("updateProposal with a text that needs fewer or more rows", () => {
  it("lays the sheet out again, records the new rows, and reads back what was written", async () => {
    const { wb } = await demoWorkbook();
    const { port } = await roundTrip(wb);
    const cfs = readExample("cfs-targeted-prevention.json");
    const short = { ...cfs, narrative: { ...cfs.narrative, proposedSolutions: "One short paragraph." } };
    await updateProposal(port, CFS, short);
    let stored = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
    expect(stored.textRows?.["narrative.proposedSolutions"]).toBeUndefined();
    let back = (await readProposal(port, CFS)) as typeof cfs;
    expect(back.narrative.proposedSolutions).toBe("One short paragraph.");
    expect(back.narrative.risks).toBe(cfs.narrative.risks);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
    // And back to the long text: split again over the rows it needs.
    await updateProposal(port, CFS, cfs);
    stored = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
    expect(stored.textRows?.["narrative.proposedSolutions"]).toBeGreaterThan(1);
    back = (await readProposal(port, CFS)) as typeof cfs;
    expect(back.narrative.proposedSolutions).toBe(cfs.narrative.proposedSolutions.trim());
    expect(back.assumptions).toEqual(cfs.assumptions);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });
});

describe("blank timing inputs", () => {
  it("warns on every refresh while a cleared pilot or lead time reads as 0, and computes the figures", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const layout = await cfsLayout(port);
    const input = (path: string) =>
      layout.cells.find((c) => c.kind === "input" && c.path === `assumptions.timeline.${path}`)!;
    const pilot = input("pilotMonths");
    const lead = input("leadMonths");
    const ws = back.getWorksheet(CFS)!;
    ws.getCell(pilot.address).value = null;
    ws.getCell(lead.address).value = null;
    const expected = [pilot, lead].map(
      (c) =>
        `${sheetRef(CFS)}!${c.address} ${c.kind === "input" ? c.label : ""}: the cell is blank, so it is read as 0 months; type 0 to silence this`,
    );
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual(expected.map((message) => ({ proposal: CFS, message })));
    // Read as 0 months: the saving comes sooner, so the figures move.
    expect(report.changes.some((c) => c.sheet === CFS && c.key === "profile.FY27/28.cumulative")).toBe(true);
    // Still blank, still said, with nothing else changing.
    const again = await refreshWorkbook(port);
    expect(again.changes).toEqual([]);
    expect(again.warnings.map((w) => w.message)).toEqual(expected);
    // A typed 0 says it is meant: the same figures, and no word.
    ws.getCell(pilot.address).value = 0;
    ws.getCell(lead.address).value = 0;
    const typed = await refreshWorkbook(port);
    expect(typed.warnings).toEqual([]);
    expect(typed.changes.filter((c) => c.sheet === CFS && c.key?.startsWith("profile."))).toEqual([]);
  });

  it("does not warn about the optional rows a new sheet writes blank", async () => {
    const { port } = await roundTrip((await demoWorkbook()).wb);
    const cfs = readExample("cfs-targeted-prevention.json");
    const { designMonths: _design, ...timeline } = cfs.assumptions.timeline;
    await addProposal(port, {
      ...cfs,
      opportunity: { ...cfs.opportunity, name: "Without a design phase" },
      assumptions: { ...cfs.assumptions, timeline },
    });
    const report = await refreshWorkbook(port);
    expect(report.warnings).toEqual([]);
  });
});
