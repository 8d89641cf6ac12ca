import type * as ExcelJS from "exceljs";
import fc from "fast-check";
import { proposalSheetLayout, type ProposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { readProposal, refreshWorkbook, updateProposal } from "../../src/workbook/operations";
import { readRegister } from "../../src/workbook/register";
import type { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { demoWorkbook, plain, readExample, roundTrip } from "./fixtures";

/**
 * The round trip of values users edit: what Excel and LibreOffice store in our input cells (a date serial or
 * Date, 8% as 0.08 or as text, figures kept as text) reads back as the same proposal, and refresh neither
 * fails nor moves a figure; dropdowns, notes on hand-edited cells, and errors that point at cells.
 */

const CFS = "CFS Targeted Prevention";

async function layoutOf(port: ExcelJsPort, sheet = CFS): Promise<ProposalSheetLayout> {
  const s = (await readRegister(port)).proposals.find((p) => p.sheet === sheet)!;
  return proposalSheetLayout(s);
}

function inputAt(layout: ProposalSheetLayout, path: string): string {
  const c = layout.cells.find((x) => x.kind === "input" && x.path === path);
  if (!c) throw new Error(`no input cell for ${path}`);
  return c.address;
}

function ownedAt(layout: ProposalSheetLayout, key: string): string {
  const c = layout.cells.find((x) => (x.kind === "engine" || x.kind === "formula") && x.key === key);
  if (!c) throw new Error(`no owned cell for ${key}`);
  return c.address;
}

/** The demo workbook as a user has it: saved, reopened, edited with `edit`, saved and reopened again. */
async function editedDemo(
  edit: (ws: ExcelJS.Worksheet, layout: ProposalSheetLayout) => void,
): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort; layout: ProposalSheetLayout }> {
  const { wb } = await demoWorkbook();
  const first = await roundTrip(wb);
  const layout = await layoutOf(first.port);
  edit(first.wb.getWorksheet(CFS)!, layout);
  const { wb: back, port } = await roundTrip(first.wb);
  return { wb: back, port, layout };
}

describe("values as users leave them", () => {
  it("writes dates as real date cells with a date format", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const layout = await layoutOf(port);
    for (const path of ["assumptions.timeline.startDate", "assumptions.investment[0].fromDate"]) {
      const cell = back.getWorksheet(CFS)!.getCell(inputAt(layout, path));
      expect(cell.value).toBeInstanceOf(Date);
      expect(cell.numFmt).toBe("yyyy-mm-dd");
    }
    expect(back.getWorksheet(CFS)!.getCell(inputAt(layout, "assumptions.timeline.startDate")).value).toEqual(
      new Date(Date.UTC(2026, 7, 1)),
    );
  });

  it("refreshes without a change when the same values come back as Excel and LibreOffice store them", async () => {
    const cfs = readExample("cfs-targeted-prevention.json");
    const { port } = await editedDemo((ws, layout) => {
      const at = (path: string) => ws.getCell(inputAt(layout, path));
      // A typed date whose format was lost: just the serial.
      at("assumptions.timeline.startDate").value = 46235;
      at("assumptions.timeline.startDate").numFmt = "General";
      at("assumptions.investment[0].fromDate").value = new Date(Date.UTC(2026, 11, 1));
      at("assumptions.target.value").value = "8%";
      at("assumptions.unitCost.inflationPerYear").value = " 4 %";
      at("assumptions.unitCost.weeklyCost").value = "£1,487";
      at("assumptions.baseline.volumePerYear").value = " 260 ";
      at("assumptions.mtfsOverlap.amountPerYear").value = "390,000";
      at("triangulation.mtfsCaseload").value = "734";
      at("triangulation.rows[1].percentChange").value = "26%";
    });
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    expect(report.changes).toEqual([]);
    const back = (await readProposal(port, CFS)) as typeof cfs;
    expect(back.assumptions).toEqual(cfs.assumptions);
    // The typed "26%" means the example's stored "26%", which is kept.
    expect(back.triangulation.rows[1].percentChange).toBe(cfs.triangulation.rows[1].percentChange);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("moves the profile for a date typed as a serial, as for the same date typed as text", async () => {
    const asSerial = await editedDemo((ws, layout) => {
      ws.getCell(inputAt(layout, "assumptions.timeline.startDate")).value = 46266; // 2026-09-01
    });
    const asText = await editedDemo((ws, layout) => {
      ws.getCell(inputAt(layout, "assumptions.timeline.startDate")).value = "2026-09-01";
    });
    const a = await refreshWorkbook(asSerial.port);
    const b = await refreshWorkbook(asText.port);
    expect(a.errors).toEqual([]);
    expect(a.changes.length).toBeGreaterThan(0);
    expect(a.lines).toEqual(b.lines);
    expect((await refreshWorkbook(asSerial.port)).changes).toEqual([]);
  });

  it("refuses a bare 8 in a target percent cell (800%) once, naming it, not warned about again (issue 13)", async () => {
    const { wb, port, layout } = await editedDemo((ws, l) => {
      // What LibreOffice stores when 8 is entered into a 0.0% cell.
      ws.getCell(inputAt(l, "assumptions.target.value")).value = 8;
    });
    const cell = inputAt(layout, "assumptions.target.value");
    const report = await refreshWorkbook(port);
    // A percent target over 100% is more than the entry lever allows: the £297.52m of a bare 8.
    const error = `'${CFS}'!${cell} Target (% of starts): must be <= 100% for the entry lever, got 8 (800%); for 8% write 0.08 or "8%"`;
    expect(report.errors).toEqual([{ proposal: CFS, message: error }]);
    // The refusal already says what the cell holds: the percent warning at that cell is not added.
    expect(report.warnings).toEqual([]);
    expect(plain(wb.getWorksheet(CFS)!.getCell(layout.statusAddress).value)).toBe(`Not refreshed: ${error}`);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
    const fixed = await editedDemo((ws, l) => {
      ws.getCell(inputAt(l, "assumptions.target.value")).value = "8%";
    });
    expect((await refreshWorkbook(fixed.port)).warnings).toEqual([]);
  });

  it("reports an inflation typed as 3.36 (336%) once, as its cell's refusal", async () => {
    const { port, layout } = await editedDemo((ws, l) => {
      ws.getCell(inputAt(l, "assumptions.unitCost.inflationPerYear")).value = 3.36;
    });
    const cell = `'${CFS}'!${inputAt(layout, "assumptions.unitCost.inflationPerYear")} `;
    const report = await refreshWorkbook(port, { dryRun: true });
    const named = [...report.errors, ...report.warnings].filter((m) => m.message.startsWith(cell));
    expect(named).toEqual([{ proposal: CFS, message: expect.stringContaining("336%") }]);
    expect(report.errors).toContainEqual(named[0]);
  });

  it("keeps the percent warning beside another cell's refusal", async () => {
    // Both are refused by the engine, which stops at the first: the other cell is still warned about.
    const { port, layout } = await editedDemo((ws, l) => {
      ws.getCell(inputAt(l, "assumptions.unitCost.inflationPerYear")).value = 3.36;
      ws.getCell(inputAt(l, "assumptions.baseline.growthPerYear")).value = 8;
    });
    const cells = ["assumptions.unitCost.inflationPerYear", "assumptions.baseline.growthPerYear"].map(
      (path) => `'${CFS}'!${inputAt(layout, path)} `,
    );
    const report = await refreshWorkbook(port, { dryRun: true });
    expect(report.errors.map((e) => e.proposal)).toEqual([CFS]);
    const refused = cells.filter((c) => report.errors[0].message.startsWith(c));
    const warned = cells.filter((c) => report.warnings.some((w) => w.message.startsWith(c)));
    expect(refused).toHaveLength(1);
    expect(warned).toEqual(cells.filter((c) => !refused.includes(c)));
  });

  it("lists the engine's input warnings at their cells in the report and the status cell", async () => {
    const { wb, port, layout } = await editedDemo((ws, l) => {
      ws.getCell(inputAt(l, "assumptions.durationWeeks")).value = 1100;
    });
    const cell = inputAt(layout, "assumptions.durationWeeks");
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([
      {
        proposal: CFS,
        message: `'${CFS}'!${cell} Average duration (weeks): 1100 weeks is over 20 years; the duration is in weeks`,
      },
    ]);
    expect(plain(wb.getWorksheet(CFS)!.getCell(layout.statusAddress).value)).toContain(
      `check '${CFS}'!${cell} Average duration (weeks): 1100 weeks is over 20 years`,
    );
  });

  it("writes back what it read without changing a cell (dates stay date cells)", async () => {
    const { port, wb } = await editedDemo((ws, layout) => {
      ws.getCell(inputAt(layout, "assumptions.timeline.startDate")).value = 46266;
      ws.getCell(inputAt(layout, "assumptions.unitCost.weeklyCost")).value = "£1,487";
    });
    await refreshWorkbook(port);
    const raw = await readProposal(port, CFS);
    const ws = wb.getWorksheet(CFS)!;
    await updateProposal(port, CFS, raw);
    const layout = await layoutOf(port);
    expect(ws.getCell(inputAt(layout, "assumptions.timeline.startDate")).value).toEqual(
      new Date(Date.UTC(2026, 8, 1)),
    );
    expect(ws.getCell(inputAt(layout, "assumptions.unitCost.weeklyCost")).value).toBe(1487);
    const values = JSON.stringify(ws.getSheetValues());
    await updateProposal(port, CFS, await readProposal(port, CFS));
    expect(JSON.stringify(ws.getSheetValues())).toBe(values);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("is idempotent after an edit in any of the stored forms (property)", async () => {
    const { wb } = await demoWorkbook();
    const buffer = await wb.xlsx.writeBuffer();
    const dayForms = (days: number) =>
      fc.constantFrom<unknown>(
        46235 + days,
        new Date(Date.UTC(2026, 7, 1 + days)),
        new Date(Date.UTC(2026, 7, 1 + days)).toISOString().slice(0, 10),
      );
    const percentForms = (p: number) => fc.constantFrom<unknown>(p / 100, `${p}%`, ` ${p} % `);
    const figureForms = (n: number) =>
      fc.constantFrom<unknown>(n, `£${n.toLocaleString("en-GB")}`, ` ${n} `, n.toLocaleString("en-GB"));
    const edit = fc.record({
      start: fc.integer({ min: 0, max: 400 }).chain(dayForms),
      target: fc.integer({ min: 1, max: 30 }).chain(percentForms),
      weekly: fc.integer({ min: 200, max: 5000 }).chain(figureForms),
    });
    await fc.assert(
      fc.asyncProperty(edit, async (e) => {
        const ExcelJS = await import("exceljs");
        const w = new ExcelJS.Workbook();
        await w.xlsx.load(buffer);
        const first = await roundTrip(w);
        const layout = await layoutOf(first.port);
        const ws = first.wb.getWorksheet(CFS)!;
        const set = (path: string, v: unknown) => {
          ws.getCell(inputAt(layout, path)).value = v as ExcelJS.CellValue;
        };
        set("assumptions.timeline.startDate", e.start);
        set("assumptions.target.value", e.target);
        set("assumptions.unitCost.weeklyCost", e.weekly);
        const { port } = await roundTrip(first.wb);
        const once = await refreshWorkbook(port);
        expect(once.errors).toEqual([]);
        expect(once.changes.every((c) => !c.kept)).toBe(true);
        expect((await refreshWorkbook(port)).changes).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });
});

describe("dropdowns", () => {
  it("offers every field with a fixed set of values as a list, and the file keeps it", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const layout = await layoutOf(port);
    const ws = back.getWorksheet(CFS)!;
    const list = (path: string) => ws.getCell(inputAt(layout, path)).dataValidation;
    // The assumptions' dropdowns show words (issue 13); the reader takes them back to the codes.
    expect(list("assumptions.lever")).toMatchObject({
      type: "list",
      formulae: ['"fewer starts (entry),leave early (exit)"'],
    });
    expect(list("assumptions.timeline.ramp").formulae).toEqual([
      '"evenly (linear),in monthly steps,at once (immediate),a share then full (stepped)"',
    ]);
    expect(list("assumptions.target.kind").formulae).toEqual([
      '"% of the baseline,a number a year,a caseload reduction"',
    ]);
    expect(list("assumptions.mtfsOverlap.kind").formulae).toEqual([
      '"none,£ a year,£ a week,weeks of each stay"',
    ]);
    expect(list("assumptions.mtfsOverlap.capAtGross").formulae).toEqual(['"TRUE,FALSE"']);
    expect(list("assumptions.investment[0].kind").formulae).toEqual([
      '"ongoing (a year),one-off,per case a year,phased by FY,per event"',
    ]);
    expect(list("opportunity.confidence.level").formulae).toEqual(['"High,Medium,Low"']);
    expect(list("triangulation.kind").formulae).toEqual(['"annualStarts,monthlyStarts"']);
    expect(list("assumptions.lever")).toMatchObject({
      showErrorMessage: true,
      error: "Lever: choose one of fewer starts (entry), leave early (exit)",
    });
    expect(list("assumptions.durationWeeks")).toBeUndefined();
  });

  it("every choice offered is one the engine takes (and a value outside them is refused)", async () => {
    const { port } = await demoWorkbook();
    const cfs = readExample("cfs-targeted-prevention.json");
    const layout = await layoutOf(port);
    const { setPath } = await import("../../src/workbook/jsonPath");
    const { parseProposal } = await import("../../src/engine");
    let checked = 0;
    for (const c of layout.cells) {
      if (c.kind !== "input" || !c.choices || c.type === "boolean") continue;
      checked++;
      // Each choice parses as far as its own field goes (a switched kind may then want other fields).
      for (const choice of c.choices) {
        try {
          parseProposal(setPath(cfs, c.path, c.codes?.[choice.toLowerCase()] ?? choice));
        } catch (e) {
          expect((e as { field: string }).field).not.toBe(c.path);
        }
      }
      expect(() => parseProposal(setPath(cfs, c.path, "not-a-choice"))).toThrow(
        expect.objectContaining({ code: "unknown-option", field: c.path }),
      );
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });

  it("moves the dropdowns with the cells when the proposal changes shape", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const before = await layoutOf(port);
    const cfs = readExample("cfs-targeted-prevention.json");
    await updateProposal(port, CFS, {
      ...cfs,
      triangulation: { ...cfs.triangulation, rows: cfs.triangulation.rows.slice(0, 3) },
    });
    const after = await layoutOf(port);
    const ws = (await roundTrip(back)).wb.getWorksheet(CFS)!;
    const listed = new Set(after.cells.flatMap((c) => (c.kind === "input" && c.choices ? [c.address] : [])));
    for (const c of before.cells) {
      if (c.kind === "input" && c.choices && !listed.has(c.address)) {
        expect(ws.getCell(c.address).dataValidation).toBeUndefined();
      }
    }
    expect(ws.getCell(inputAt(after, "assumptions.lever")).dataValidation?.formulae).toEqual([
      '"fewer starts (entry),leave early (exit)"',
    ]);
  });
});

describe("notes on hand-edited cells", () => {
  it("keeps the user's note, adds ours after it with the computed £m, and takes only ours away", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const layout = await layoutOf(port);
    const address = ownedAt(layout, "profile.FY29/30.cumulative");
    const ws = back.getWorksheet(CFS)!;
    ws.getCell(address).value = 999;
    ws.getCell(address).note = "USER why I changed this";
    await refreshWorkbook(port);
    const { wb: again, port: againPort } = await roundTrip(back);
    const note = () => String(again.getWorksheet(CFS)!.getCell(address).note);
    expect(note()).toBe(
      "USER why I changed this\n\nMTFS Benefits: edited by hand, so refresh kept your value. " +
        "Computed value: £1.10m. Clear the cell to let refresh fill it again.",
    );
    // A second refresh leaves the note as it is.
    await refreshWorkbook(againPort);
    expect(note()).toMatch(/^USER why I changed this\n\nMTFS Benefits: [^]*again\.$/);
    expect(note().match(/MTFS Benefits/g)).toHaveLength(1);
    again.getWorksheet(CFS)!.getCell(address).value = null;
    await refreshWorkbook(againPort);
    expect(note()).toBe("USER why I changed this");
  });

  it("removes our note altogether when it was the only one", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const layout = await layoutOf(port);
    const address = ownedAt(layout, "fullRunRate.value");
    const ws = back.getWorksheet(CFS)!;
    ws.getCell(address).value = 5;
    await refreshWorkbook(port);
    expect(String(ws.getCell(address).note)).toMatch(/^MTFS Benefits: .*Computed value: £3\.29m\./);
    ws.getCell(address).value = null;
    await refreshWorkbook(port);
    const { wb: saved } = await roundTrip(back);
    expect(saved.getWorksheet(CFS)!.getCell(address).note).toBeUndefined();
  });
});

describe("errors point at cells", () => {
  it("names the cell and its caption in the report and the status cell", async () => {
    const { wb, port, layout } = await editedDemo((ws, l) => {
      ws.getCell(inputAt(l, "assumptions.durationWeeks")).value = -3;
    });
    const report = await refreshWorkbook(port);
    const cell = inputAt(layout, "assumptions.durationWeeks");
    const message = `'${CFS}'!${cell} Average duration (weeks): must be > 0, got -3`;
    expect(report.errors).toEqual([{ proposal: CFS, message }]);
    expect(plain(wb.getWorksheet(CFS)!.getCell(layout.statusAddress).value)).toBe(
      `Not refreshed: ${message}`,
    );
  });

  it("refuses dd/mm and spelt-out date text, saying to type YYYY-MM-DD or enter an Excel date", async () => {
    for (const text of ["01/10/2027", "1 October 2027"]) {
      const { port, layout } = await editedDemo((ws, l) => {
        ws.getCell(inputAt(l, "assumptions.timeline.startDate")).value = text;
      });
      const start = inputAt(layout, "assumptions.timeline.startDate");
      expect((await refreshWorkbook(port)).errors[0].message).toBe(
        `'${CFS}'!${start} Project start (date): must be a date YYYY-MM-DD, got "${text}"; ` +
          "or enter it as an Excel date (a date cell)",
      );
    }
  });

  it("names a date cell that holds no date, and a cleared required cell", async () => {
    const { port, layout } = await editedDemo((ws, l) => {
      ws.getCell(inputAt(l, "assumptions.timeline.startDate")).value = "next spring";
    });
    const start = inputAt(layout, "assumptions.timeline.startDate");
    expect((await refreshWorkbook(port)).errors[0].message).toBe(
      `'${CFS}'!${start} Project start (date): must be a date YYYY-MM-DD, got "next spring"; ` +
        "or enter it as an Excel date (a date cell)",
    );
    const level = await editedDemo((ws, l) => {
      ws.getCell(inputAt(l, "opportunity.confidence.level")).value = "Fair";
    });
    expect((await refreshWorkbook(level.port)).errors[0].message).toBe(
      `'${CFS}'!${inputAt(level.layout, "opportunity.confidence.level")} Confidence level of value: ` +
        'must be one of High, Medium, Low, got "Fair"',
    );
    const tri = await editedDemo((ws, l) => {
      ws.getCell(inputAt(l, "triangulation.rows[1].percentChange")).value = "about a quarter";
    });
    const pct = inputAt(tri.layout, "triangulation.rows[1].percentChange");
    expect((await refreshWorkbook(tri.port)).errors[0].message).toMatch(
      new RegExp(`^'${CFS}'!${pct} Triangulation row 2: % change achievable: `),
    );
    const cleared = await editedDemo((ws, l) => {
      ws.getCell(inputAt(l, "assumptions.unitCost.weeklyCost")).value = null;
    });
    const weekly = inputAt(cleared.layout, "assumptions.unitCost.weeklyCost");
    expect((await refreshWorkbook(cleared.port)).errors[0].message).toBe(
      `'${CFS}'!${weekly} Weekly unit cost (£ a week): is required`,
    );
  });
});

describe("true/false settings (new-user trial)", () => {
  it("show as TRUE/FALSE with their dropdown, no 'yes/no' unit, and a FALSE typed over TRUE reads back", async () => {
    const sheet = "Reablement";
    const { Workbook } = await import("exceljs");
    const { ExcelJsPort } = await import("../../src/workbook/exceljs/excelJsPort");
    const { EMPTY_PROGRAMME } = await import("../../src/workbook/layouts/programmeConfig");
    const { addProposal, buildProgrammeWorkbook } = await import("../../src/workbook/operations");
    const wb = new Workbook();
    const built = new ExcelJsPort(wb);
    await buildProgrammeWorkbook(built, EMPTY_PROGRAMME, []);
    await addProposal(built, readExample("reablement.json"));
    const first = await roundTrip(wb);
    const layout = await layoutOf(first.port, sheet);
    const ws = first.wb.getWorksheet(sheet)!;
    const booleans = layout.cells.flatMap((c) => (c.kind === "input" && c.type === "boolean" ? [c] : []));
    expect(booleans.length).toBeGreaterThan(0);
    for (const c of booleans) {
      const cell = ws.getCell(c.address);
      // LibreOffice shows a boolean under General as 1: the format words it there as Excel does.
      expect([c.path, cell.numFmt]).toEqual([c.path, '"TRUE";"TRUE";"FALSE"']);
      expect([c.path, cell.dataValidation?.formulae]).toEqual([c.path, ['"TRUE,FALSE"']]);
      const row = c.address.replace(/^[A-Z]+/, "");
      expect([c.path, plain(ws.getCell(`C${row}`).value)]).toEqual([c.path, null]);
    }
    const capped = booleans.find((c) => c.path === "assumptions.existingMtfsLines[0].capAtGross")!;
    expect(plain(ws.getCell(capped.address).value)).toBe(true);
    ws.getCell(capped.address).value = false;
    const { port } = await roundTrip(first.wb);
    const read = (await readProposal(port, sheet)) as {
      assumptions: { existingMtfsLines: { capAtGross: unknown }[] };
    };
    expect(read.assumptions.existingMtfsLines[0].capAtGross).toBe(false);
  });
});
