/** @jest-environment ./test/setup/jsdomEnvironment.js */
// Fluent UI imports `scheduler`, which the lockfile nests under react-dom (webpack aliases it the same way).
jest.mock(
  "scheduler",
  () => jest.requireActual(require.resolve("scheduler", { paths: [require.resolve("react-dom")] })),
  {
    virtual: true,
  },
);
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { ENGINE } from "../../src/taskpane/engineBridge";
import type { ActiveProposal, RefreshReport } from "../../src/taskpane/host";
import { CFS, fakeHost, input, memoryStore, renderWizard, startFromCfs } from "./wizardHarness";

function millions(text: string): number {
  const m = /^(-)?£([\d,]+\.\d+)m$/.exec(text.trim());
  if (!m) throw new Error(`not £m: ${text}`);
  return (m[1] ? -1 : 1) * Number(m[2]);
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

  it("shows the engine's warning beside a value that passes but looks wrong, and still allows Finish", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    fireEvent.click(screen.getByRole("button", { name: /Costs and durations/ }));
    fireEvent.change(input("assumptions.durationWeeks"), { target: { value: "1100" } });
    expect(await screen.findByText(/1100 weeks is over 20 years; the duration is in weeks/)).toBeTruthy();
    expect(input("assumptions.durationWeeks").getAttribute("aria-invalid")).not.toBe("true");
    expect((screen.getByRole("button", { name: "Finish" }) as HTMLButtonElement).disabled).toBe(false);
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

  it("says on Finish why the sheet is not called what the opportunity is, as new does", async () => {
    const sheetNote =
      'Sheet "CFS Targeted Prevention (2)" is not named "CFS: Targeted Prevention" as the opportunity is.';
    const host = fakeHost({
      writeProposal: jest.fn(async () => ({
        sheetName: "CFS Targeted Prevention (2)",
        programmeRowAdded: true,
        sheetNote,
      })),
    });
    renderWizard(host);
    await startFromCfs();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    });
    expect(
      await screen.findByText(
        `Wrote sheet "CFS Targeted Prevention (2)" and its Programme row. ${sheetNote}`,
      ),
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
    expect(await screen.findByText("Refreshed 4 proposals: 1 change.")).toBeTruthy();
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
  it("updates a sheet renamed since it was loaded under its new name on the next Finish", async () => {
    const host = fakeHost({ readActiveProposal: async () => ({ sheet: "CFS TP", raw: CFS?.raw }) });
    // The workbook layer followed a rename: it reports the sheet's name now.
    (host.updateProposal as jest.Mock).mockImplementation(async () => ({
      sheetName: "CFS TP (renamed)",
      programmeRowAdded: false,
    }));
    renderWizard(host);
    await screen.findByText("Loaded the proposal on the active sheet for editing.");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    });
    expect(host.updateProposal).toHaveBeenLastCalledWith("CFS TP", expect.anything());
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    });
    expect(host.updateProposal).toHaveBeenLastCalledWith("CFS TP (renamed)", expect.anything());
    expect(screen.getByTestId("editing").textContent).toContain("CFS TP (renamed)");
  });

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

describe("Wizard draft identity", () => {
  const editingDemo = {
    ...(JSON.parse(JSON.stringify({ values: {}, investment: [], triangulationRows: [] })) as object),
    editingSheet: "CFS Targeted Prevention",
    workbook: { id: "file:demo.xlsx", name: "demo.xlsx" },
  };

  it("says plainly when the draft's workbook is not open, and does not claim to edit its sheet", async () => {
    const host = fakeHost({
      drafts: memoryStore(editingDemo),
      workbook: () => ({ id: "new:1", name: "the new workbook" }),
      isProposalSheet: async () => false,
    });
    renderWizard(host);
    expect(
      await screen.findByText(
        /This draft belongs to demo\.xlsx, which is not open\. Open it, or start the draft as a new proposal in this workbook\./,
      ),
    ).toBeTruthy();
    expect(screen.queryByTestId("editing")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Start as a new proposal here" }));
    expect(screen.queryByTestId("detached")).toBeNull();
    expect(screen.queryByTestId("editing")).toBeNull();
  });

  it("says so when the draft's sheet is no longer a proposal sheet of the workbook", async () => {
    const host = fakeHost({ drafts: memoryStore(editingDemo), isProposalSheet: async () => false });
    renderWizard({ ...host, workbook: () => ({ id: "file:demo.xlsx", name: "demo.xlsx" }) });
    expect(
      await screen.findByText(
        /was editing sheet "CFS Targeted Prevention", which is not a proposal sheet of demo\.xlsx/,
      ),
    ).toBeTruthy();
    expect(screen.queryByTestId("editing")).toBeNull();
  });

  it("keeps editing its sheet when the draft's workbook is the one open", async () => {
    const host = fakeHost({ drafts: memoryStore(editingDemo) });
    renderWizard({ ...host, workbook: () => ({ id: "file:demo.xlsx", name: "demo.xlsx" }) });
    expect((await screen.findByTestId("editing")).textContent).toContain("CFS Targeted Prevention");
    expect(screen.queryByTestId("detached")).toBeNull();
  });

  it("remembers the workbook it wrote the sheet into", async () => {
    const store = memoryStore();
    renderWizard(fakeHost({ drafts: store }));
    await startFromCfs();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    });
    expect(store.saved).toMatchObject({
      editingSheet: "CFS Targeted Prevention",
      workbook: { id: "file:programme.xlsx", name: "programme.xlsx" },
    });
  });
});

describe("Wizard form", () => {
  it("shows no 'required' errors on a blank form until a field is touched or Next is pressed", async () => {
    renderWizard(fakeHost());
    expect(screen.queryByText("Opportunity name is required")).toBeNull();
    expect(input("opportunity.name").getAttribute("aria-invalid")).not.toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(await screen.findByText("Opportunity name is required")).toBeTruthy();
  });

  it("shows a field's error once it has been typed in and cleared", async () => {
    renderWizard(fakeHost());
    fireEvent.change(input("opportunity.name"), { target: { value: "x" } });
    fireEvent.change(input("opportunity.name"), { target: { value: "" } });
    expect(await screen.findByText("Opportunity name is required")).toBeTruthy();
  });

  it("edits a monthly triangulation table (Family Based Placements) with its inputs and per-month results", async () => {
    renderWizard(fakeHost());
    fireEvent.change(screen.getByLabelText("Start from"), { target: { value: "Family Based Placements" } });
    fireEvent.click(screen.getByRole("button", { name: "Load" }));
    await screen.findByText("Started from Family Based Placements.");
    fireEvent.click(screen.getByRole("button", { name: /Baseline and target/ }));
    expect((input("triangulation.kind") as unknown as HTMLSelectElement).value).toBe("monthlyStarts");
    expect(input("triangulation.startsPerMonth").value).toBe("4.7");
    expect(input("triangulation.baselineCaseload").value).toBe("152");
    expect(input("triangulation.horizonYears").value).toBe("5");
    expect(input("triangulation.baselineStarts")).toBeNull();
    // seeds/004 line 1127: case reviews −58% → 4.7 × 58% = 2.7 children a month, 152 × 42% = 64 in 5 years.
    expect(screen.getByTestId("triangulation-result-1").textContent).toBe(
      "Children impacted a month 3; resultant caseload in 5 years 64",
    );
    expect(screen.queryByText(/Annual avoided starts/)).toBeNull();
    // The inputs are live: halving the starts halves the children a month.
    fireEvent.change(input("triangulation.startsPerMonth"), { target: { value: "2.35" } });
    expect(screen.getByTestId("triangulation-result-1").textContent).toMatch(
      /^Children impacted a month 1 – 2;/,
    );
  });

  it("summarises the proposal on the Review step before Finish", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    fireEvent.click(screen.getByRole("button", { name: /Review and finish/ }));
    const summary = within(screen.getByTestId("review-summary"));
    const value = (label: string | RegExp): string =>
      summary.getByText(label).parentElement?.querySelector("dd")?.textContent ?? "";
    expect(value("Opportunity")).toBe("CFS Targeted Prevention");
    expect(value("Directorate")).toBe("Children and Family Services");
    expect(value("Lever and target")).toBe("Fewer entries: 8% of the baseline (260 a year)");
    expect(value("Duration")).toBe("153.1 weeks");
    expect(value("Unit cost")).toMatch(/^£1,487 a week \(overlap £149\), FY26\/27 prices$/);
    expect(value("Timeline")).toMatch(/^start 1 Aug 2026; .*pilot ends .*full impact /);
    expect(value("Investment")).toMatch(/£1,500,000 a year from 1 Dec 2026/);
    expect(value(/^Quantified opportunity/)).toBe(screen.getByTestId("quantified").textContent);
    expect(value("Full run rate")).toBe(screen.getByTestId("run-rate").textContent);
    expect(value("Time to full run rate")).toBe("1.5 years");
  });

  it("says '1 year', not '1 years'", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    fireEvent.click(screen.getByRole("button", { name: /Timeline/ }));
    // Rollout 6 → 2 months: full impact 8 months sooner, about a year after the start.
    fireEvent.change(input("assumptions.timeline.pilotMonths"), { target: { value: "1.3" } });
    fireEvent.change(input("assumptions.timeline.rolloutMonths"), { target: { value: "2" } });
    await waitFor(() => expect(screen.getByTestId("time-to-run-rate").textContent).toBe("1 year"));
  });
});

describe("Wizard duplicate sheet", () => {
  it("gives advice with the controls each host has (no Edit active sheet in the standalone page)", async () => {
    const { portHost } = await import("../../src/taskpane/portHost");
    const { WorkbookError } = await import("../../src/workbook/errors");
    const ops = {
      writeProposal: async () => {
        throw new WorkbookError(
          "sheet-exists",
          'a sheet named "CFS Targeted Prevention" is already in the workbook',
        );
      },
      updateProposal: async () => ({ sheetName: "", programmeRowAdded: false }),
      readProposal: async () => null,
      refresh: async () => ({ proposals: 0, lines: [] }),
    };
    const parts = {
      port: () => ({}) as never,
      drafts: memoryStore(),
      activeSheet: async () => null,
      workbook: () => ({ id: "x", name: "x" }),
      ops,
    };
    const standalone = portHost("standalone", parts).writeProposal({});
    await expect(standalone).rejects.toThrow(
      /already in the workbook\. To change that proposal, open the workbook saved/,
    );
    await expect(portHost("standalone", parts).writeProposal({})).rejects.not.toThrow(/Edit active sheet/);
    await expect(portHost("excel", parts).writeProposal({})).rejects.toThrow(/press Edit active sheet/);
  });

  it("does not offer to edit a sheet that is not a proposal, in either host", async () => {
    const { portHost } = await import("../../src/taskpane/portHost");
    const { WorkbookError } = await import("../../src/workbook/errors");
    const { sheetTakenAdvice } = await import("../../src/workbook/duplicateProposals");
    for (const holder of ["mtfs", "other"] as const) {
      const ops = {
        writeProposal: async () => {
          throw new WorkbookError("sheet-exists", 'a sheet named "Risk" is already in the workbook', holder);
        },
        updateProposal: async () => ({ sheetName: "", programmeRowAdded: false }),
        readProposal: async () => null,
        refresh: async () => ({ proposals: 0, lines: [] }),
      };
      const parts = {
        port: () => ({}) as never,
        drafts: memoryStore(),
        activeSheet: async () => null,
        workbook: () => ({ id: "x", name: "x" }),
        ops,
      };
      for (const kind of ["excel", "standalone"] as const) {
        const message = await portHost(kind, parts)
          .writeProposal({})
          .then(
            () => "",
            (e: Error) => e.message,
          );
        expect([holder, kind, message]).toEqual([
          holder,
          kind,
          `a sheet named "Risk" is already in the workbook. ${sheetTakenAdvice(holder)}`,
        ]);
      }
    }
  });
});
