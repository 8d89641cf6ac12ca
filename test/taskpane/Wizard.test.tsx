/** @jest-environment jsdom */
// Fluent UI imports `scheduler`, which the lockfile nests under react-dom (webpack aliases it the same way).
jest.mock(
  "scheduler",
  () => jest.requireActual(require.resolve("scheduler", { paths: [require.resolve("react-dom")] })),
  {
    virtual: true,
  },
);
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { Wizard } from "../../src/taskpane/components/Wizard";
import { ENGINE } from "../../src/taskpane/engineBridge";
import { EXAMPLES } from "../../src/taskpane/examples";
import type { ActiveProposal, DraftStore, RefreshReport, WorkbookHost } from "../../src/taskpane/host";

// jsdom has no ResizeObserver; Fluent's MessageBar only uses it to reflow long text.
(globalThis as any).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

function memoryStore(initial: unknown = null): DraftStore & { saved: unknown } {
  const store = {
    saved: initial,
    load: () => store.saved,
    save: (d: unknown) => {
      store.saved = JSON.parse(JSON.stringify(d));
    },
    clear: () => {
      store.saved = null;
    },
  };
  return store;
}

type FakeHost = WorkbookHost & { writeProposal: jest.Mock; updateProposal: jest.Mock };

function fakeHost(overrides: Partial<WorkbookHost> = {}): FakeHost {
  return {
    kind: "standalone",
    drafts: memoryStore(),
    readActiveProposal: async () => null,
    writeProposal: jest.fn(async () => ({ sheetName: "CFS Targeted Prevention", programmeRowAdded: true })),
    updateProposal: jest.fn(async (sheet: string) => ({ sheetName: sheet, programmeRowAdded: false })),
    refresh: async () => ({ proposals: 0, lines: [] }),
    ...overrides,
  } as FakeHost;
}

function renderWizard(host: WorkbookHost): ReturnType<typeof render> {
  return render(
    <FluentProvider theme={webLightTheme}>
      <Wizard host={host} engine={ENGINE} examples={EXAMPLES} />
    </FluentProvider>,
  );
}

const CFS = EXAMPLES.find((e) => e.name === "CFS Targeted Prevention");

async function startFromCfs(): Promise<void> {
  fireEvent.change(screen.getByLabelText("Start from"), { target: { value: "CFS Targeted Prevention" } });
  fireEvent.click(screen.getByRole("button", { name: "Load" }));
  await screen.findByText("Started from CFS Targeted Prevention.");
}

function millions(text: string): number {
  const m = /^(-)?£([\d,]+\.\d+)m$/.exec(text.trim());
  if (!m) throw new Error(`not £m: ${text}`);
  return (m[1] ? -1 : 1) * Number(m[2]);
}

function input(path: string): HTMLInputElement {
  return document.getElementById(`f-${path.replace(/[^A-Za-z0-9]+/g, "-")}`) as HTMLInputElement;
}

describe("Wizard", () => {
  it("previews the published CFS Targeted Prevention profile when started from the bundled example", async () => {
    expect(CFS).toBeDefined();
    renderWizard(fakeHost());
    await startFromCfs();
    // seeds/000 benefits profile (~line 98–104), £m; tolerance £0.03m is the engine's documented tolerance
    // for this proposal (rounded published figures, inferred phasing conventions).
    const published: readonly [string, number, number][] = [
      ["FY26/27", -0.5, -0.5],
      ["FY27/28", -1.0, -1.5],
      ["FY28/29", 0.93, -0.57],
      ["FY29/30", 1.69, 1.12],
    ];
    for (const [fy, inYear, cumulative] of published) {
      expect(
        Math.abs(millions(screen.getByTestId(`in-year-${fy}`).textContent ?? "") - inYear),
      ).toBeLessThanOrEqual(0.03);
      expect(
        Math.abs(millions(screen.getByTestId(`cumulative-${fy}`).textContent ?? "") - cumulative),
      ).toBeLessThanOrEqual(0.03);
    }
    expect(Math.abs(millions(screen.getByTestId("quantified").textContent ?? "") - 1.12)).toBeLessThanOrEqual(
      0.03,
    );
    // Full run rate £3.30m in FY31/32 (seeds/000 line ~9), same tolerance.
    const runRate = screen.getByTestId("run-rate").textContent ?? "";
    expect(runRate).toMatch(/in FY31\/32$/);
    expect(Math.abs(millions(runRate.replace(/ in .*$/, "")) - 3.3)).toBeLessThanOrEqual(0.03);
    expect((screen.getByRole("button", { name: "Finish" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows the rule in words beside an invalid field and disables Finish", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    fireEvent.click(screen.getByRole("button", { name: /Costs and durations/ }));
    fireEvent.change(input("assumptions.durationWeeks"), { target: { value: "-3" } });
    expect(await screen.findByText("Duration must be more than 0 weeks")).toBeTruthy();
    expect(input("assumptions.durationWeeks").getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByRole("button", { name: "Finish" }) as HTMLButtonElement).disabled).toBe(true);
    // The preview keeps the last valid figures and says so.
    expect(screen.getByText(/Showing the last valid inputs/)).toBeTruthy();
    fireEvent.change(input("assumptions.durationWeeks"), { target: { value: "153.1" } });
    await waitFor(() =>
      expect((screen.getByRole("button", { name: "Finish" }) as HTMLButtonElement).disabled).toBe(false),
    );
  });

  it("lists every problem at once on the review step, not only the first the parser meets", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    fireEvent.click(screen.getByRole("button", { name: /Costs and durations/ }));
    fireEvent.change(input("assumptions.durationWeeks"), { target: { value: "0" } });
    fireEvent.change(input("assumptions.unitCost.weeklyCost"), { target: { value: "abc" } });
    fireEvent.click(screen.getByRole("button", { name: /Opportunity/ }));
    fireEvent.change(input("opportunity.name"), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: /Review and finish/ }));
    const list = within(screen.getByTestId("error-list"));
    expect(list.getByText("Duration must be more than 0 weeks")).toBeTruthy();
    expect(list.getByText("Weekly unit cost must be a number")).toBeTruthy();
    expect(list.getByText("Opportunity name is required")).toBeTruthy();
  });

  it("keeps what was typed in the draft store and restores it when reopened", async () => {
    const host = fakeHost();
    const first = renderWizard(host);
    fireEvent.change(input("opportunity.name"), { target: { value: "Reablement" } });
    first.unmount();
    renderWizard(host);
    expect(input("opportunity.name").value).toBe("Reablement");
  });

  it("loads the proposal on the active sheet for editing", async () => {
    renderWizard(
      fakeHost({ readActiveProposal: async () => ({ sheet: "CFS Targeted Prevention", raw: CFS?.raw }) }),
    );
    await screen.findByText("Loaded the proposal on the active sheet for editing.");
    expect(input("opportunity.name").value).toBe("CFS Targeted Prevention");
  });

  it("writes the proposal through the host on Finish", async () => {
    const host = fakeHost();
    renderWizard(host);
    await startFromCfs();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    });
    expect(host.writeProposal).toHaveBeenCalledTimes(1);
    const raw = host.writeProposal.mock.calls[0][0];
    // What is written parses to the same assumptions as the example itself.
    expect(ENGINE.parse(raw).proposal.assumptions).toEqual(ENGINE.parse(CFS?.raw).proposal.assumptions);
    expect(
      await screen.findByText('Wrote sheet "CFS Targeted Prevention" and its Programme row.'),
    ).toBeTruthy();
  });

  it("runs Refresh workbook with progress and shows the change report", async () => {
    let finishRefresh: (r: RefreshReport) => void = () => undefined;
    const host = fakeHost({
      refresh: (onProgress) => {
        onProgress(1, 4);
        return new Promise<RefreshReport>((resolve) => {
          finishRefresh = resolve;
        });
      },
    });
    renderWizard(host);
    fireEvent.click(screen.getByRole("button", { name: "Refresh workbook" }));
    expect(await screen.findByRole("progressbar", { name: "Refresh progress" })).toBeTruthy();
    await act(async () =>
      finishRefresh({
        proposals: 4,
        lines: [{ proposal: "CFS Targeted Prevention", cell: "C20", before: "1.10", after: "1.12" }],
      }),
    );
    expect(await screen.findByText(/Refreshed 4 proposal\(s\): 1 change\(s\)\./)).toBeTruthy();
    expect(screen.getByText(/CFS Targeted Prevention C20: 1.10 → 1.12/)).toBeTruthy();
  });
});

describe("Wizard drafts", () => {
  it("undoes loading an example, so typing is never lost", async () => {
    renderWizard(fakeHost());
    fireEvent.change(input("opportunity.name"), { target: { value: "My own proposal" } });
    await startFromCfs();
    expect(input("opportunity.name").value).toBe("CFS Targeted Prevention");
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(input("opportunity.name").value).toBe("My own proposal");
  });
});

describe("Wizard preview", () => {
  it("shows the time to full run rate the programme table prints for CFS (1.5 years, seeds/004 Appendix A)", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    // Rounded to 0.1 year for display; Appendix A prints "1.5 years" for CFS Targeted Prevention.
    expect(screen.getByTestId("time-to-run-rate").textContent).toBe("1.5 years");
  });
});

describe("Wizard in Excel", () => {
  it("loads the proposal of the sheet the user has moved to with Edit active sheet", async () => {
    let active: ActiveProposal | null = null;
    renderWizard(fakeHost({ kind: "excel", readActiveProposal: async () => active }));
    fireEvent.click(screen.getByRole("button", { name: "Edit active sheet" }));
    expect(await screen.findByText("The active sheet is not a proposal sheet.")).toBeTruthy();
    active = { sheet: "CFS Targeted Prevention", raw: CFS?.raw };
    fireEvent.click(screen.getByRole("button", { name: "Edit active sheet" }));
    await screen.findByText("Loaded the proposal on the active sheet for editing.");
    expect(input("opportunity.name").value).toBe("CFS Targeted Prevention");
  });
});

describe("Wizard editing an existing sheet", () => {
  it("updates the sheet it was loaded from, and can save as a new proposal instead", async () => {
    const host = fakeHost({ readActiveProposal: async () => ({ sheet: "CFS TP (edited)", raw: CFS?.raw }) });
    renderWizard(host);
    await screen.findByText("Loaded the proposal on the active sheet for editing.");
    expect(screen.getByTestId("editing").textContent).toContain("CFS TP (edited)");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    });
    expect(host.updateProposal).toHaveBeenCalledWith("CFS TP (edited)", expect.anything());
    expect(host.writeProposal).not.toHaveBeenCalled();
    expect(await screen.findByText('Updated sheet "CFS TP (edited)".')).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Save as a new proposal instead" }));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    });
    expect(host.writeProposal).toHaveBeenCalledTimes(1);
  });

  it("updates the sheet it has just written when finished again", async () => {
    const host = fakeHost();
    renderWizard(host);
    await startFromCfs();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    });
    expect(host.writeProposal).toHaveBeenCalledTimes(1);
    expect(host.updateProposal).toHaveBeenCalledWith("CFS Targeted Prevention", expect.anything());
  });
});
