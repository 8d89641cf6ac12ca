import * as ExcelJS from "exceljs";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { EMPTY_PROGRAMME } from "../../src/workbook/layouts/programmeConfig";
import {
  addProposal,
  buildProgrammeWorkbook,
  refreshWorkbook,
  updateProposal,
} from "../../src/workbook/operations";
import { WORKBOOK_CHANGES, type WorkbookPort } from "../../src/workbook/port";
import { readRegister } from "../../src/workbook/register";
import { demoWorkbook, readExample, roundTrip } from "./fixtures";

/** Write safety of addProposal/updateProposal: unique defined names, and every check before the first write. */

const CFS = "CFS Targeted Prevention";

/** The WorkbookPort calls that change a workbook. */
const WRITES = new Set<string>(WORKBOOK_CHANGES);

/** A port that records every call that changes the workbook (by method name and first argument). */
function recording(port: WorkbookPort): { port: WorkbookPort; writes: string[] } {
  const writes: string[] = [];
  const proxy = new Proxy(port, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof v !== "function" || typeof key !== "string" || !WRITES.has(key)) return v;
      return (...args: unknown[]) => {
        writes.push(`${key} ${typeof args[0] === "string" ? args[0] : ""}`.trim());
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { port: proxy, writes };
}

function named(raw: any, name: string): any {
  return { ...raw, opportunity: { ...raw.opportunity, name } };
}

describe("defined names of proposals whose sheet names slug alike", () => {
  it("gives the second proposal its own names, kept in the register, and refresh finds both", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const twin = named(readExample("cfs-targeted-prevention.json"), "CFS Targeted-Prevention");
    expect((await addProposal(port, twin)).sheetName).toBe("CFS Targeted-Prevention");
    // Before: the 31 names of the twin were appended to CFS's as second ranges.
    for (const n of back.definedNames.model) expect([n.name, n.ranges.length]).toEqual([n.name, 1]);
    const reg = await readRegister(port);
    expect(reg.proposals.find((p) => p.sheet === "CFS Targeted-Prevention")?.slug).toBe(
      "CFSTargetedPrevention_2",
    );
    const { port: reopened } = await roundTrip(back);
    const names = new Map((await reopened.listNames()).map((n) => [n.name, n]));
    for (const p of (await readRegister(reopened)).proposals) {
      for (const c of proposalSheetLayout(p).cells) {
        if (c.kind === "input" && c.name)
          expect(names.get(c.name)).toEqual({ name: c.name, sheet: p.sheet, address: c.address });
      }
    }
    const report = await refreshWorkbook(reopened);
    expect(report.errors).toEqual([]);
    expect(report.changes).toEqual([]);
  });

  it("never gives two proposals' cells the same name, ignoring case as Excel does", async () => {
    const port = new ExcelJsPort(new ExcelJS.Workbook());
    const cfs = readExample("cfs-targeted-prevention.json");
    for (const name of ["A bc", "AB c", "A-b-c", "Abc"]) await addProposal(port, named(cfs, name));
    const all = (await port.listNames()).map((n) => n.name.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
    expect((await readRegister(port)).proposals.map((p) => p.slug)).toEqual([
      "Abc",
      "ABc_2",
      "Abc_3",
      "Abc_4",
    ]);
  });

  it("steps round a defined name the user left behind under the slug (e.g. from a deleted sheet)", async () => {
    const port = new ExcelJsPort(new ExcelJS.Workbook());
    await port.addSheet("Old");
    await port.defineNames([
      { name: "mtfs_CFSTargetedPrevention_durationWeeks", sheet: "Old", address: "B2" },
    ]);
    await addProposal(port, readExample("cfs-targeted-prevention.json"));
    expect((await readRegister(port)).proposals[0].slug).toBe("CFSTargetedPrevention_2");
    expect((await refreshWorkbook(port)).errors).toEqual([]);
  });
});

describe("validate, then write", () => {
  it("writes nothing when the sheet name is taken", async () => {
    const { port: base } = await demoWorkbook();
    const { port, writes } = recording(base);
    await expect(addProposal(port, readExample("cfs-targeted-prevention.json"))).rejects.toMatchObject({
      code: "sheet-exists",
    });
    expect(writes).toEqual([]);
  });

  it("writes nothing when a text is longer than a cell holds", async () => {
    const { port: base } = await demoWorkbook();
    const { port, writes } = recording(base);
    const long = {
      ...named(readExample("cfs-targeted-prevention.json"), "Long"),
      narrative: { risks: "x".repeat(40_000) },
    };
    await expect(addProposal(port, long)).rejects.toMatchObject({ code: "text-too-long" });
    expect(writes).toEqual([]);
  });

  it("writes nothing when any other input text is longer than a cell holds (an investment label)", async () => {
    const { port: base } = await demoWorkbook();
    const { port, writes } = recording(base);
    const cfs = named(readExample("cfs-targeted-prevention.json"), "Long label");
    const investment = [{ ...cfs.assumptions.investment[0], label: "y".repeat(33_000) }];
    const long = { ...cfs, assumptions: { ...cfs.assumptions, investment } };
    await expect(addProposal(port, long)).rejects.toMatchObject({
      code: "text-too-long",
      message: expect.stringMatching(/^assumptions\.investment\[0\]\.label: is 33000 characters/),
    });
    await expect(
      updateProposal(port, CFS, { ...long, opportunity: { ...long.opportunity, name: CFS } }),
    ).rejects.toMatchObject({
      code: "text-too-long",
    });
    expect(writes).toEqual([]);
  });

  it("writes nothing when a reshaped proposal needs a defined name the workbook already has", async () => {
    const { port: base } = await demoWorkbook();
    const cfs = readExample("cfs-targeted-prevention.json");
    const second = { ...cfs.assumptions.investment[0], label: "Second line" };
    const edited = {
      ...cfs,
      assumptions: { ...cfs.assumptions, investment: [...cfs.assumptions.investment, second] },
    };
    const wanted = proposalSheetLayout({ sheet: CFS, proposal: edited, fyLabels: [] }).cells.flatMap((c) =>
      c.kind === "input" && c.name?.includes("investment_1") ? [c.name] : [],
    );
    expect(wanted.length).toBeGreaterThan(0);
    await base.defineNames([{ name: wanted[0].toUpperCase(), sheet: "Programme", address: "A1" }]);
    const { port, writes } = recording(base);
    await expect(updateProposal(port, CFS, edited)).rejects.toMatchObject({ code: "name-exists" });
    expect(writes).toEqual([]);
  });

  it("redraws the profile chart over the new rows when the sheet is laid out again", async () => {
    const { port: base } = await demoWorkbook();
    const { port, writes } = recording(base);
    const cfs = readExample("cfs-targeted-prevention.json");
    const edited = {
      ...cfs,
      triangulation: { ...cfs.triangulation, rows: cfs.triangulation.rows.slice(0, 3) },
    };
    await updateProposal(port, CFS, edited);
    expect(writes).toContain("addComboChart");
    const stored = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
    expect(proposalSheetLayout(stored).chart.categories).not.toBe(
      proposalSheetLayout({ sheet: CFS, proposal: cfs, fyLabels: stored.fyLabels }).chart.categories,
    );
  });
});

describe("the Themes sheet of a workbook built proposal by proposal", () => {
  it("lists each theme of the proposals added, with its benefit, so the total is not a misleading 0", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
    const files = [
      "cfs-targeted-prevention.json",
      "family-based-placements.json",
      "independent-travel-training.json",
    ];
    for (const f of files) await addProposal(port, readExample(f));
    const ws = wb.getWorksheet("Themes")!;
    const themes = files.map((f) => readExample(f).opportunity.theme as string);
    const listed = [3, 4, 5].map((r) => ws.getCell(`A${r}`).value);
    expect(listed).toEqual([...new Set(themes)]);
    expect(ws.getCell("A6").value).toBe("Total financial benefit");
    const er = [3, 4, 5].map((r) => Number((ws.getCell(`C${r}`).value as { result: number }).result));
    expect(er.every((x) => x !== 0)).toBe(true);
    const total = (ws.getCell("C6").value as { formula: string; result: number }).result;
    expect(total).toBeCloseTo(er[0] + er[1] + er[2], 6);
    expect((ws.getCell("C6").value as { formula: string }).formula).toBe("SUM(C3:C5)");
    // A refresh straight after changes nothing.
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });
});
