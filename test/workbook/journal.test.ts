import * as ExcelJS from "exceljs";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { loadXlsxPreserving, packageOrigin } from "../../src/workbook/exceljs/packageOrigin";
import fc from "fast-check";
import { enterActuals } from "../../src/workbook/enterActuals";
import { NOT_UNDONE, atomically } from "../../src/workbook/journal";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { addProposal, refreshWorkbook, updateProposal } from "../../src/workbook/operations";
import { WORKBOOK_CHANGES, type WorkbookChange, type WorkbookPort } from "../../src/workbook/port";
import { readRegister } from "../../src/workbook/register";
import { failing, state } from "./failingPort";
import { demoWorkbook, readExample, roundTrip } from "./fixtures";

/**
 * Nothing is lost: a workbook call failing part-way through a write (the wizard's proposal sheet, refresh,
 * actuals, an edited proposal) leaves every cell, sheet, name and note as it was, and says so once.
 */

const CFS = "CFS Targeted Prevention";

type Write = (port: WorkbookPort) => Promise<unknown>;

const WRITES: Record<string, () => Promise<{ wb: ExcelJS.Workbook; port: WorkbookPort; write: Write }>> = {
  "the wizard's new proposal sheet and its Programme row": async () => {
    const { wb, port } = await demoWorkbook();
    const cfs = readExample("cfs-targeted-prevention.json");
    const raw = { ...cfs, opportunity: { ...cfs.opportunity, name: "CFS Second Pilot" } };
    return { wb, port, write: (p) => addProposal(p, raw) };
  },
  "refresh after an assumption is edited": async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const s = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
    const target = proposalSheetLayout(s).cells.find(
      (c) => c.kind === "input" && c.path === "assumptions.target.value",
    )!;
    back.getWorksheet(CFS)!.getCell(target.address).value = 0.12;
    return { wb: back, port, write: (p) => refreshWorkbook(p) };
  },
  "an edited proposal (Edit active sheet)": async () => {
    const { wb, port } = await demoWorkbook();
    const raw = readExample("cfs-targeted-prevention.json");
    const edited = { ...raw, assumptions: { ...raw.assumptions, durationWeeks: 40 } };
    return { wb, port, write: (p) => updateProposal(p, CFS, edited) };
  },
  "an edit that reshapes the proposal sheet (one more investment line)": async () => {
    const { wb, port } = await demoWorkbook();
    const raw = readExample("cfs-targeted-prevention.json");
    const second = { ...raw.assumptions.investment[0], label: "Second line" };
    const edited = {
      ...raw,
      assumptions: { ...raw.assumptions, investment: [...raw.assumptions.investment, second] },
    };
    return { wb, port, write: (p) => updateProposal(p, CFS, edited) };
  },
  "actuals written from the Track tab": async () => {
    const { wb, port } = await demoWorkbook();
    const actuals = ["2027-10", "2027-11"].map((period) => ({
      proposal: CFS,
      stream: "",
      period,
      measure: "avoidedEvents",
      value: 1,
      source: "test",
    }));
    return {
      wb,
      port,
      write: (p) => enterActuals(p, actuals, { where: (k) => `actual ${k + 1}`, dryRun: false }),
    };
  },
};

describe("atomically (a write that fails part-way leaves the workbook as it was)", () => {
  for (const [what, make] of Object.entries(WRITES)) {
    it(`undoes ${what} whichever call fails (property)`, async () => {
      const probe = await make();
      const counting = failing(probe.port, 0);
      await atomically(counting.port, probe.write);
      const calls = counting.count();
      expect(calls).toBeGreaterThan(1);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: calls }), async (failAt) => {
          const { wb, port, write } = await make();
          const before = state(wb);
          const err = await atomically(failing(port, failAt).port, write).then(
            () => null,
            (e: unknown) => e,
          );
          expect(err).toMatchObject({
            code: "write-failed",
            message:
              "The workbook could not be written (GeneralException: sync failed); nothing was changed.",
          });
          expect(state(wb)).toEqual(before);
        }),
        { numRuns: 4, examples: [[1], [calls]] },
      );
    });
  }

  it("saves a workbook opened from a file as it was after a new sheet and its Programme row were undone", async () => {
    const { wb: demo } = await demoWorkbook();
    const wb = new ExcelJS.Workbook();
    await loadXlsxPreserving(wb, new Uint8Array(await demo.xlsx.writeBuffer()));
    const port = new ExcelJsPort(wb);
    const before = state(wb);
    const cfs = readExample("cfs-targeted-prevention.json");
    const raw = { ...cfs, opportunity: { ...cfs.opportunity, name: "CFS Second Pilot" } };
    // Past the Programme's inserted row and its names, before the row's cells.
    await expect(atomically(failing(port, 16).port, (p) => addProposal(p, raw))).rejects.toMatchObject({
      code: "write-failed",
    });
    expect(packageOrigin(wb)?.edits.added.size).toBe(0);
    expect(packageOrigin(wb)?.edits.insertedRows.get("Programme") ?? []).toEqual([]);
    // Read back as the product reads a file: plain ExcelJS drops location-only (internal) links on load.
    const saved = new ExcelJS.Workbook();
    await loadXlsxPreserving(saved, await port.toXlsx());
    expect(state(saved)).toEqual(before);
  });

  it("puts back a merge it split and the cells of one it made, in a sheet that was there", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = "Title";
    ws.getCell("E5").value = "Kept";
    ws.mergeCells("E5:G5");
    const port = new ExcelJsPort(wb);
    const before = state(wb);
    const write = async (p: WorkbookPort): Promise<void> => {
      await p.mergeCells("S", ["A1:C1"]);
      await p.unmergeCells("S", ["E5:H5"]); // a run wider than the merge: only E5:G5 is merged again
      await p.writeCells("S", [{ address: "F5", value: "inside" }]);
    };
    for (const failAt of [2, 3]) {
      await expect(atomically(failing(port, failAt).port, write)).rejects.toMatchObject({
        message: "The workbook could not be written (GeneralException: sync failed); nothing was changed.",
      });
      expect(state(wb)).toEqual(before);
    }
  });

  it("undoes calls a failed sync applied in part: a sheet added, names defined or deleted", async () => {
    type Partly = (port: WorkbookPort) => Promise<void>;
    // Each call does some of its work, then throws, as a context.sync() failing after queued operations.
    const partly: Record<string, Partly> = {
      addSheet: async (p) => {
        await p.addSheet("New");
      },
      defineNames: async (p) => {
        await p.defineNames([{ name: "First", sheet: "Programme", address: "A1" }]);
      },
      deleteNames: async (p) => {
        const [first] = await p.listNames();
        await p.deleteNames([first.name]);
      },
    };
    for (const [call, half] of Object.entries(partly)) {
      const { wb, port } = await demoWorkbook();
      const before = state(wb);
      const names = (await port.listNames()).map((n) => n.name);
      const broken = new Proxy(port, {
        get(target, key, receiver) {
          if (key !== call) return Reflect.get(target, key, receiver) as unknown;
          return async () => {
            await half(target);
            throw new Error("GeneralException: sync failed");
          };
        },
      });
      const write = async (p: WorkbookPort): Promise<void> => {
        if (call === "addSheet") await p.addSheet("New");
        if (call === "defineNames")
          await p.defineNames([
            { name: "First", sheet: "Programme", address: "A1" },
            { name: "Second", sheet: "Programme", address: "A2" },
          ]);
        if (call === "deleteNames") await p.deleteNames(names.slice(0, 2));
      };
      await expect(atomically(broken, write)).rejects.toMatchObject({
        message: "The workbook could not be written (GeneralException: sync failed); nothing was changed.",
      });
      expect([call, state(wb)]).toEqual([call, before]);
    }
  });

  it("undoes every changing call of the port's one list, but those it says it does not", async () => {
    // One call of each (a Record: a call added to the list needs its entry here), on a sheet that was there.
    const calls: Record<WorkbookChange, Write> = {
      addSheet: (p) => p.addSheet("New"),
      hideSheet: (p) => p.hideSheet("S"),
      writeCells: (p) => p.writeCells("S", [{ address: "A1", value: "over", style: { bold: true } }]),
      // Below the cells: ExcelJS's spliceRows drops the notes of the rows it shifts (and its undo's).
      insertRows: (p) => p.insertRows("S", 5, 2),
      setColumnWidths: (p) => p.setColumnWidths("S", [{ column: "A", width: 30 }]),
      mergeCells: (p) => p.mergeCells("S", ["A1:B2"]),
      unmergeCells: (p) => p.unmergeCells("S", ["C4:F4"]),
      clearRanges: (p) => p.clearRanges("S", ["A1:C4"]),
      setRowHeights: (p) => p.setRowHeights("S", [{ row: 1, height: 40 }]),
      setRowBreaks: (p) => p.setRowBreaks("S", [20], []),
      defineNames: (p) => p.defineNames([{ name: "Added", sheet: "S", address: "A1" }]),
      deleteNames: (p) => p.deleteNames(["Kept"]),
      setNote: (p) => p.setNote("S", "A1", "a note"),
      setNotes: (p) => p.setNotes("S", [{ address: "B2", text: "replaced" }]),
      deleteNote: (p) => p.deleteNote("S", "B2"),
      setListValidations: (p) => p.setListValidations("S", [{ address: "A1", choices: ["x"] }]),
      addComboChart: (p) =>
        p.addComboChart({
          sheet: "S",
          title: "T",
          categories: "A1:A2",
          bars: { name: "b", values: "B1:B2" },
          line: { name: "l", values: "C1:C2" },
          from: "H1",
          to: "M10",
        }),
      addBarChart: (p) =>
        p.addBarChart({
          sheet: "S",
          name: "N",
          title: "T",
          categories: "A1:A2",
          series: [{ name: "b", values: "B1:B2" }],
          from: "H1",
          to: "M10",
        }),
    };
    expect(Object.keys(calls).sort()).toEqual([...WORKBOOK_CHANGES].sort());
    const notUndone = new Set<string>(NOT_UNDONE);
    for (const call of WORKBOOK_CHANGES.filter((c) => !notUndone.has(c))) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = "Title";
      ws.getCell("B2").value = 2;
      ws.getCell("B2").note = "kept";
      ws.getCell("C4").value = "Merged";
      ws.mergeCells("C4:E4");
      wb.definedNames.add("S!$A$1", "Kept");
      const port = new ExcelJsPort(wb);
      const before = state(wb);
      await expect(
        atomically(failing(port, 2).port, async (p) => {
          await calls[call](p);
          await p.writeCells("S", [{ address: "Z1", value: "the call after" }]);
        }),
      ).rejects.toMatchObject({ code: "write-failed" });
      expect([call, state(wb)]).toEqual([call, before]);
    }
  });

  it("rethrows the workbook layer's own errors as they were, after undoing", async () => {
    const { wb, port } = await demoWorkbook();
    const before = state(wb);
    const raw = readExample("cfs-targeted-prevention.json");
    await expect(atomically(port, (p) => addProposal(p, raw))).rejects.toMatchObject({
      code: "sheet-exists",
    });
    expect(state(wb)).toEqual(before);
  });
});
