import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { parseProposal } from "../../src/engine";
import { officeHost } from "../../src/taskpane/officeHost";
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
});
