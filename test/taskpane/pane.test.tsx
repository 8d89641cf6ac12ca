/**
 * @jest-environment ./test/setup/jsdomEnvironment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Fluent UI imports `scheduler`, which the lockfile nests under react-dom (webpack aliases it the same way).
jest.mock(
  "scheduler",
  () => jest.requireActual(require.resolve("scheduler", { paths: [require.resolve("react-dom")] })),
  { virtual: true },
);
// office-addin-mock only reads the host list from office-addin-manifest, whose ESM dependency Jest cannot load.
jest.mock("office-addin-manifest", () => ({ OfficeApp: { Excel: "excel", Outlook: "outlook" } }));
import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { OfficeMockObject } from "office-addin-mock";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { officeHost } from "../../src/taskpane/officeHost";
import { startTaskpane } from "../../src/taskpane/pane";
import { ExcelJsPort, buildProgrammeWorkbook, type ProgrammeConfig } from "../../src/workbook";

// jsdom has no ResizeObserver; Fluent's MessageBar only uses it to reflow long text.
(globalThis as any).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const EXAMPLES = path.join(__dirname, "..", "..", "examples");
const read = (f: string): unknown => JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), "utf8"));

interface FakeOffice {
  readonly office: typeof Office;
  /** Every `settings.saveAsync` call (each one clears Excel's Undo stack). */
  saves: number;
  /** Excel.run batches: reading the workbook at all. */
  runs: number;
  settings: Map<string, unknown>;
  fail: string | null;
  /** Fires Office.addin.onVisibilityModeChanged. */
  setVisibility(mode: "Taskpane" | "Hidden"): void;
}

/**
 * Office.js as the pane uses it, on office-addin-mock: document settings (saveAsync counted, optionally
 * failing), the visibility event, onReady in Excel; Excel.run over a mock whose worksheet name must be
 * loaded and synced before it is read, as in Excel.
 */
function fakeOffice(activeSheet = "Programme", host: string | null = "Excel"): FakeOffice {
  const state = {
    saves: 0,
    runs: 0,
    settings: new Map<string, unknown>(),
    fail: null as string | null,
    handler: undefined as ((args: { visibilityMode: string }) => void) | undefined,
  };
  const office = new OfficeMockObject({
    context: {
      document: {
        settings: {
          get: (k: string) => state.settings.get(k) ?? null,
          set: (k: string, v: unknown) => void state.settings.set(k, v),
          remove: (k: string) => void state.settings.delete(k),
          saveAsync: (callback?: (r: unknown) => void) => {
            state.saves += 1;
            const fail = state.fail;
            setTimeout(() =>
              callback?.(fail ? { status: "failed", error: { message: fail } } : { status: "succeeded" }),
            );
          },
        },
      },
    },
    addin: {
      onVisibilityModeChanged: async (h: (args: { visibilityMode: string }) => void) => {
        state.handler = h;
        return async () => undefined;
      },
    },
    onReady: async () => ({ host, platform: host ? "PC" : null }),
  }) as any;
  office.HostType = { Excel: "Excel" };
  office.context.document.url = "C:\\Finance\\MTFS programme.xlsx";
  const excel = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          active: { name: activeSheet },
          getActiveWorksheet(this: { active: unknown }) {
            return this.active;
          },
        },
      },
    },
  }) as any;
  (globalThis as any).Office = office;
  (globalThis as any).Excel = {
    run: async (batch: (context: unknown) => Promise<unknown>) => {
      state.runs += 1;
      return batch(excel.context);
    },
  };
  return {
    office: office as typeof Office,
    get saves() {
      return state.saves;
    },
    get runs() {
      return state.runs;
    },
    settings: state.settings,
    set fail(v: string | null) {
      state.fail = v;
    },
    get fail() {
      return state.fail;
    },
    setVisibility(mode) {
      state.handler?.({ visibilityMode: mode });
    },
  } as FakeOffice;
}

function setPageVisibility(state: "visible" | "hidden"): void {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
}

async function programmePort(): Promise<ExcelJsPort> {
  const port = new ExcelJsPort(new ExcelJS.Workbook());
  const config = read("programme.json") as ProgrammeConfig;
  const files = config.directorates.flatMap((d) => d.rows.flatMap((r) => (r.example ? [r.example] : [])));
  await buildProgrammeWorkbook(port, config, files.map(read));
  return port;
}

function input(p: string): HTMLInputElement {
  return document.getElementById(`f-${p.replace(/[^A-Za-z0-9]+/g, "-")}`) as HTMLInputElement;
}

const noHost = (): never => {
  throw new Error("no workbook host may be made without Excel");
};

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement("div");
  document.body.appendChild(root);
});
afterEach(() => {
  root.remove();
  setPageVisibility("visible");
  delete (globalThis as any).Excel;
  delete (globalThis as any).Office;
});

describe("startTaskpane without a host", () => {
  it("says plainly that the page needs Excel when office.js did not load, pointing at the standalone page", async () => {
    await act(() => startTaskpane(root, undefined, noHost));
    expect(await screen.findByText("MTFS Benefits runs inside Excel")).toBeTruthy();
    expect(screen.getByText(/could not load Office/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "standalone.html" }).getAttribute("href")).toBe(
      "standalone.html",
    );
  });

  it("says so when opened in a plain browser where Office reports no host", async () => {
    const fake = fakeOffice("Programme", null);
    await act(() => startTaskpane(root, fake.office, noHost));
    expect(await screen.findByText(/opened outside Excel/)).toBeTruthy();
    expect(fake.runs).toBe(0);
  });
});

describe("startTaskpane with the page's own notice", () => {
  it("leaves taskpane.html's static notice to say it, rather than replacing it", async () => {
    root.innerHTML = '<div role="alert" id="page-notice">Office.js could not be loaded.</div>';
    await act(() => startTaskpane(root, undefined, noHost));
    expect(root.querySelector("#page-notice")?.textContent).toBe("Office.js could not be loaded.");
    expect(screen.queryByText("MTFS Benefits runs inside Excel")).toBeNull();
  });

  it("replaces that notice with the wizard inside Excel", async () => {
    root.innerHTML = '<div role="alert" id="page-notice" style="display:none">notice</div>';
    const fake = fakeOffice();
    const port = await programmePort();
    await act(() => startTaskpane(root, fake.office, () => officeHost(port)));
    expect(await screen.findByRole("heading", { name: /Step 1 of/ })).toBeTruthy();
    expect(root.querySelector("#page-notice")).toBeNull();
  });
});

describe("startTaskpane in Excel", () => {
  it("does not build the wizard in the hidden functions runtime, and saves nothing there", async () => {
    const fake = fakeOffice();
    const port = await programmePort();
    setPageVisibility("hidden");
    const makeHost = jest.fn(() => officeHost(port));
    await act(() => startTaskpane(root, fake.office, makeHost));
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(root.querySelector("nav")).toBeNull();
    expect(makeHost).not.toHaveBeenCalled();
    expect(fake.runs).toBe(0);
    expect(fake.saves).toBe(0);
    // The user opens the pane: now the wizard is built.
    await act(async () => fake.setVisibility("Taskpane"));
    expect(await screen.findByRole("heading", { name: /Step 1 of/ })).toBeTruthy();
    expect(makeHost).toHaveBeenCalledTimes(1);
    expect(fake.saves).toBe(0);
  });

  it("saves the draft on Next only when it changed, and when the pane hides, never while typing", async () => {
    const fake = fakeOffice();
    const port = await programmePort();
    await act(() => startTaskpane(root, fake.office, () => officeHost(port)));
    await screen.findByRole("heading", { name: /Step 1 of/ });
    for (const name of ["R", "Re", "Reablement"]) {
      fireEvent.change(input("opportunity.name"), { target: { value: name } });
    }
    await act(async () => new Promise((r) => setTimeout(r, 1000)));
    expect(fake.saves).toBe(0);

    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(fake.saves).toBe(1));
    expect(JSON.parse(String(fake.settings.get("mtfs-benefits.draft"))).values["opportunity.name"]).toBe(
      "Reablement",
    );
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    expect(fake.saves).toBe(1);

    fireEvent.change(input("assumptions.durationWeeks"), { target: { value: "153.1" } });
    expect(fake.saves).toBe(1);
    // Back and the step markers move without saving, changed draft or not.
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    expect(fake.saves).toBe(1);
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(fake.saves).toBe(2));
    fireEvent.change(input("assumptions.durationWeeks"), { target: { value: "150" } });
    await act(async () => fake.setVisibility("Hidden"));
    await waitFor(() => expect(fake.saves).toBe(3));
    // Hidden, not closed: the wizard and its typing are still there when the pane shows again.
    await act(async () => fake.setVisibility("Taskpane"));
    expect(input("assumptions.durationWeeks").value).toBe("150");
    expect(fake.saves).toBe(3);
  });

  it("shows a failed save to the user instead of swallowing it", async () => {
    const fake = fakeOffice();
    const port = await programmePort();
    await act(() => startTaskpane(root, fake.office, () => officeHost(port)));
    await screen.findByRole("heading", { name: /Step 1 of/ });
    fake.fail = "The workbook is read-only.";
    fireEvent.change(input("opportunity.name"), { target: { value: "Reablement" } });
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(
      await screen.findByText(/Could not save the draft in the workbook: The workbook is read-only\./),
    ).toBeTruthy();
  });

  it("keeps the workbook's id beside the draft, saved with it (no extra saveAsync)", async () => {
    const fake = fakeOffice("CFS Targeted Prevention");
    const port = await programmePort();
    await act(() => startTaskpane(root, fake.office, () => officeHost(port)));
    await screen.findByText("Loaded the proposal on the active sheet for editing.");
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(fake.saves).toBe(1));
    const draft = JSON.parse(String(fake.settings.get("mtfs-benefits.draft")));
    expect(draft.editingSheet).toBe("CFS Targeted Prevention");
    expect(draft.workbook).toEqual({
      id: fake.settings.get("mtfs-benefits.workbook-id"),
      name: "MTFS programme.xlsx",
    });
  });
});
