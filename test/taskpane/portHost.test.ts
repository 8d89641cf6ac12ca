import { portHost } from "../../src/taskpane/portHost";
import { anchorPrefix } from "../../src/workbook/anchors";
import { WORKBOOK_OPS } from "../../src/taskpane/workbookOps";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import type { WorkbookPort } from "../../src/workbook/port";
import { readRegister } from "../../src/workbook/register";
import { failing, state } from "../workbook/failingPort";
import { demoWorkbook, readExample, renameAsExcel, roundTrip } from "../workbook/fixtures";

/** The taskpane's writes through a host: a workbook call failing part-way leaves the workbook as it was. */

const CFS = "CFS Targeted Prevention";

function host(port: WorkbookPort, active: string | null = null) {
  return portHost("excel", {
    port: () => port,
    drafts: { load: async () => null, save: async () => undefined, clear: async () => undefined } as never,
    activeSheet: async () => active,
    workbook: () => ({ id: "test", name: "test.xlsx" }),
    ops: WORKBOOK_OPS,
  });
}

const FAILED = "The workbook could not be written (GeneralException: sync failed); nothing was changed.";

describe("portHost writes are all or nothing", () => {
  it("Finish: a failure after the sheet was added removes it again and says so once", async () => {
    const { wb, port } = await demoWorkbook();
    const before = state(wb);
    const cfs = readExample("cfs-targeted-prevention.json");
    const raw = { ...cfs, opportunity: { ...cfs.opportunity, name: "CFS Second Pilot" } };
    // The 5th change is past the new sheet's cells and names, before its Programme row.
    await expect(host(failing(port, 5).port).writeProposal(raw)).rejects.toThrow(FAILED);
    expect(state(wb)).toEqual(before);
    expect(wb.getWorksheet("CFS Second Pilot")).toBeUndefined();
  });

  it("Track tab Write to workbook: the Tracking sheet and Dashboard are not left half-written", async () => {
    const { wb, port } = await demoWorkbook();
    const before = state(wb);
    const out = await host(failing(port, 4).port).track!.write(CFS, [
      { period: "2027-10", measure: "avoidedEvents", value: "1" },
      { period: "2027-11", measure: "avoidedEvents", value: "2" },
    ]);
    expect(out).toEqual({ kind: "refused", message: `Not written: ${FAILED}` });
    expect(state(wb)).toEqual(before);
  });

  it("Refresh workbook: a failure part-way rejects with the one message and changes nothing", async () => {
    const { wb: demo } = await demoWorkbook();
    const { wb, port } = await roundTrip(demo);
    const s = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
    const target = proposalSheetLayout(s).cells.find(
      (c) => c.kind === "input" && c.path === "assumptions.target.value",
    )!;
    wb.getWorksheet(CFS)!.getCell(target.address).value = 0.12;
    const before = state(wb);
    await expect(host(failing(port, 2).port).refresh(() => undefined)).rejects.toThrow(FAILED);
    expect(state(wb)).toEqual(before);
  });
});

describe("portHost Edit active sheet", () => {
  it("edits a proposal sheet renamed since the last refresh under its new name", async () => {
    const { wb: demo } = await demoWorkbook();
    const { wb, port } = await roundTrip(demo);
    const renamed = "CFS (renamed)";
    await renameAsExcel(wb, CFS, renamed);
    const active = await host(port, renamed).readActiveProposal();
    expect(active?.sheet).toBe(renamed);
    expect(await host(port).isProposalSheet(renamed)).toBe(true);
    const result = await host(port).updateProposal(renamed, active!.raw);
    expect(result.sheetName).toBe(renamed);
    expect((await readRegister(port)).proposals.map((p) => p.sheet)).toContain(renamed);
  });
});

describe("portHost Finish after a proposal sheet was renamed", () => {
  it("adds a proposal whose sheet name is the renamed sheet's old one without losing the renamed proposal", async () => {
    const { wb: demo } = await demoWorkbook();
    const { wb, port } = await roundTrip(demo);
    await renameAsExcel(wb, CFS, "Renamed CFS");
    const cfs = readExample("cfs-targeted-prevention.json");
    const other = "CFS: Targeted Prevention";
    const result = await host(port).writeProposal({
      ...cfs,
      opportunity: { ...cfs.opportunity, name: other },
    });
    const report = await host(port).refresh(() => undefined);
    expect(report.lines.filter((l) => l.warning || l.failed)).toEqual([]);
    const register = await readRegister(port);
    const sheetOf = (name: string): string[] =>
      register.proposals
        .filter((p) => (p.proposal.opportunity as { name?: unknown }).name === name)
        .map((p) => p.sheet);
    expect(sheetOf(CFS)).toEqual(["Renamed CFS"]);
    expect(sheetOf(other)).toEqual([result.sheetName]);
    expect(new Set(register.proposals.map((p) => p.sheet)).size).toBe(register.proposals.length);
    // Each sheet's anchors are its own: none points at another proposal's sheet.
    const names = await port.listNames();
    for (const p of register.proposals) {
      const anchors = names.filter((n) => n.name.startsWith(`${anchorPrefix(p.sheet)}_`));
      expect(anchors.length).toBeGreaterThan(0);
      expect(new Set(anchors.map((n) => n.sheet))).toEqual(new Set([p.sheet]));
    }
  });
});
