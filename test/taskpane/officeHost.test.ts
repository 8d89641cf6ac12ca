import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { parseProposal } from "../../src/engine";
import { officeHost } from "../../src/taskpane/officeHost";
import { trackOps } from "../../src/taskpane/trackBridge";
import { OfficePort } from "../../src/workbook/office/officePort";
import { roundTrip } from "../workbook/fixtures";
import { readOnlyExcelRun } from "../workbook/office/readOnlyExcel";
import { ExcelJsPort, buildProgrammeWorkbook, type ProgrammeConfig } from "../../src/workbook";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");
const read = (f: string): unknown => JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), "utf8"));

/** Just enough of Office.js for the host: the active worksheet's name and the document settings. */
function fakeOffice(activeSheet: string): Map<string, unknown> {
  const settings = new Map<string, unknown>();
  const sheet = { name: activeSheet, load: () => undefined };
  (globalThis as any).Excel = {
    run: async (batch: (context: unknown) => Promise<unknown>) =>
      batch({ workbook: { worksheets: { getActiveWorksheet: () => sheet } }, sync: async () => undefined }),
  };
  (globalThis as any).Office = {
    context: {
      document: {
        settings: {
          get: (k: string) => settings.get(k) ?? null,
          set: (k: string, v: unknown) => settings.set(k, v),
          remove: (k: string) => settings.delete(k),
          saveAsync: (callback?: (r: { status: string }) => void) => callback?.({ status: "succeeded" }),
        },
      },
    },
  };
  return settings;
}

afterEach(() => {
  delete (globalThis as any).Excel;
  delete (globalThis as any).Office;
});

async function programmeWorkbook(): Promise<ExcelJsPort> {
  const port = new ExcelJsPort(new ExcelJS.Workbook());
  const config = read("programme.json") as ProgrammeConfig;
  const files = config.directorates.flatMap((d) => d.rows.flatMap((r) => (r.example ? [r.example] : [])));
  await buildProgrammeWorkbook(port, config, files.map(read));
  return port;
}

describe("officeHost", () => {
  it("loads the proposal on the active worksheet for editing", async () => {
    fakeOffice("CFS Targeted Prevention");
    const host = officeHost(await programmeWorkbook());
    const active = await host.readActiveProposal();
    expect(active?.sheet).toBe("CFS Targeted Prevention");
    expect(parseProposal(active?.raw).assumptions).toEqual(
      parseProposal(read("cfs-targeted-prevention.json")).assumptions,
    );
  });

  it("loads nothing when the active worksheet is not a proposal sheet", async () => {
    fakeOffice("Programme");
    const host = officeHost(await programmeWorkbook());
    await expect(host.readActiveProposal()).resolves.toBeNull();
  });

  it("keeps the draft in the document's settings once persisted", async () => {
    const settings = fakeOffice("Programme");
    const host = officeHost(new ExcelJsPort(new ExcelJS.Workbook()));
    host.drafts.save({ values: { "opportunity.name": "Reablement" } });
    expect(settings.get("mtfs-benefits.draft")).toBeUndefined();
    await host.drafts.persist();
    expect(settings.get("mtfs-benefits.draft")).toBe(
      JSON.stringify({ values: { "opportunity.name": "Reablement" } }),
    );
    expect(host.drafts.load()).toEqual({ values: { "opportunity.name": "Reablement" } });
  });

  it("names the workbook after its file and keeps one id for it", () => {
    const settings = fakeOffice("Programme");
    (globalThis as any).Office.context.document.url =
      "https://council.sharepoint.com/sites/fin/MTFS%202026.xlsx?web=1";
    const host = officeHost(new ExcelJsPort(new ExcelJS.Workbook()));
    const first = host.workbook();
    expect(first.name).toBe("MTFS 2026.xlsx");
    expect(host.workbook().id).toBe(first.id);
    expect(settings.get("mtfs-benefits.workbook-id")).toBe(first.id);
  });

  it("writes actuals to the workbook's Tracking sheet and reads them back with what they show", async () => {
    fakeOffice("CFS Targeted Prevention");
    const port = await programmeWorkbook();
    const host = officeHost(port);
    const quarter = ["2027-10", "2027-11", "2027-12"].map((period, k) => ({
      period,
      measure: "avoidedEvents",
      value: k === 2 ? "1" : "0",
    }));
    const written = await host.track?.write("CFS Targeted Prevention", quarter);
    expect(written).toMatchObject({ kind: "written", conflicts: [] });
    const back = await host.track?.read("CFS Targeted Prevention");
    expect(back?.kind === "sheet" && back.actuals.map((a) => [a.period, a.value, a.source])).toEqual([
      ["2027-10", "0", "typed in the Track tab"],
      ["2027-11", "0", "typed in the Track tab"],
      ["2027-12", "1", "typed in the Track tab"],
    ]);
    expect(back?.kind === "sheet" && back.view.kind === "tracked" && back.view.lines[0].rag).toBe("Red");
    expect((await port.listSheets()).map((s) => s.name)).toEqual(
      expect.arrayContaining(["Tracking", "Dashboard"]),
    );
  });

  it("reads the Tracking sheet through the Office.js adapter as through ExcelJS", async () => {
    const port = await programmeWorkbook();
    const ops = trackOps(() => port);
    await ops.write("CFS Targeted Prevention", [
      { period: "2027-Q3", measure: "avoidedEvents", value: "1" },
      { period: "2027-Q3", measure: "saving", value: "£10,000" },
    ]);
    // Saved and opened in Excel: the Office.js port reads what Excel reports (values as Office.js gives them).
    const { wb } = await roundTrip(port.workbook);
    const inExcel = await trackOps(() => new OfficePort(readOnlyExcelRun(wb))).read(
      "CFS Targeted Prevention",
    );
    expect(inExcel).toEqual(await ops.read("CFS Targeted Prevention"));
    expect(inExcel.kind === "sheet" && inExcel.actuals.length).toBe(2);
  });

  it("writes a multi-stream proposal's actuals per stream and shows each stream's line and the £ total", async () => {
    const port = await programmeWorkbook();
    const ops = trackOps(() => port);
    const rows = [
      { period: "2026-Q3", measure: "saving", value: "5000", stream: "fees" },
      { period: "2026-Q3", measure: "saving", value: "2000", stream: "traded" },
    ];
    expect(await ops.write("Income Maximisation", rows)).toMatchObject({ kind: "written", conflicts: [] });
    const back = await ops.read("Income Maximisation");
    expect(back.kind === "sheet" && back.actuals.map((a) => [a.stream, a.value])).toEqual([
      ["fees", "5000"],
      ["traded", "2000"],
    ]);
    const lines = back.kind === "sheet" && back.view.kind === "tracked" ? back.view.lines : [];
    expect(lines.map((l) => [l.stream, l.measure])).toEqual([
      ["fees", "saving"],
      ["traded", "saving"],
      [undefined, "saving"],
    ]);
    // A stream the proposal does not have is refused, and nothing is written.
    const refused = await ops.write("Income Maximisation", [{ ...rows[0], period: "2026-Q4", stream: "x" }]);
    expect(refused).toMatchObject({
      kind: "refused",
      message: expect.stringMatching(/^Not written: actual 1: stream: /),
    });
    const after = await ops.read("Income Maximisation");
    expect(after.kind === "sheet" && after.actuals.length).toBe(2);
  });
});
