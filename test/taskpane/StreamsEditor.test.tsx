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
import { fakeHost, input, renderWizard, startFromCfs } from "./wizardHarness";

function millions(el: HTMLElement): number {
  const m = /^(-)?£([\d,]+\.\d+)m/.exec((el.textContent ?? "").trim());
  if (!m) throw new Error(`not £m: ${el.textContent}`);
  return (m[1] ? -1 : 1) * Number(m[2]);
}

function streams(): HTMLElement[] {
  return within(screen.getByTestId("streams")).queryAllByRole("group", { name: /^Stream \d+:/ });
}

function legends(): string[] {
  return streams().map((s) => s.querySelector("legend")?.textContent ?? "");
}

async function toStreamsStep(): Promise<void> {
  fireEvent.click(screen.getByRole("button", { name: /Baseline and target/ }));
  await screen.findByTestId("streams");
}

function addStream(kindLabel: string): void {
  fireEvent.change(screen.getByLabelText("Kind of the new stream"), {
    target: { value: kindValue(kindLabel) },
  });
  fireEvent.click(screen.getByRole("button", { name: "Add stream" }));
}

function kindValue(label: string): string {
  const select = screen.getByLabelText("Kind of the new stream") as HTMLSelectElement;
  const option = [...select.options].find((o) => o.textContent === label);
  if (!option) throw new Error(`no kind ${label}`);
  return option.value;
}

describe("streams editor", () => {
  it("turns a single-cohort proposal into stream 1 on the first Add stream, keeping every value", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    await toStreamsStep();
    expect(streams()).toHaveLength(0);
    expect(input("assumptions.target.value").value).toBe("8");
    addStream("Income lines");
    expect(legends()).toEqual(["Stream 1: CFS Targeted Prevention", "Stream 2: Income lines"]);
    // The cohort's values are now the stream's; the single-cohort inputs are gone from the step.
    expect(input("assumptions.streams.0.target.value").value).toBe("8");
    expect(input("assumptions.streams.0.durationWeeks").value).toBe("153.1");
    expect(input("assumptions.streams.0.unitCost.weeklyCost").value).toBe("1487");
    expect(input("assumptions.streams.0.timeline.startDate").value).toBe("2026-08-01");
    expect(input("assumptions.target.value")).toBeNull();
    // The kind is a dropdown in words; the income stream starts with one income line to fill in.
    expect(
      (input("assumptions.streams.1.kind") as unknown as HTMLSelectElement).selectedOptions[0].textContent,
    ).toBe("Income lines");
    expect(input("assumptions.streams.1.items.0.feePerUnit")).not.toBeNull();
    // Costs and timeline are each stream's now: those steps say so.
    fireEvent.click(screen.getByRole("button", { name: /Costs and durations/ }));
    expect(screen.getByTestId("streams-note").textContent).toMatch(/own costs and durations/);
    expect(input("assumptions.durationWeeks")).toBeNull();
  });

  it("moves streams up and down with named buttons, focus staying on the moved stream", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    await toStreamsStep();
    addStream("Staffing reductions");
    addStream("Reablement");
    expect(legends()).toEqual([
      "Stream 1: CFS Targeted Prevention",
      "Stream 2: Staffing reductions",
      "Stream 3: Reablement",
    ]);
    const up = screen.getByRole("button", { name: "Move stream 3 (Reablement) up" });
    expect(up.tabIndex).not.toBe(-1); // reachable with Tab
    await act(async () => {
      fireEvent.click(up);
      await new Promise((r) => setTimeout(r, 5));
    });
    expect(legends()).toEqual([
      "Stream 1: CFS Targeted Prevention",
      "Stream 2: Reablement",
      "Stream 3: Staffing reductions",
    ]);
    expect(document.activeElement).toBe(
      screen.getByRole("button", { name: "Move stream 2 (Reablement) up" }),
    );
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Move stream 2 (Reablement) up" }));
      await new Promise((r) => setTimeout(r, 5));
    });
    expect(legends()[0]).toBe("Stream 1: Reablement");
    // At the top Up is disabled, so the keyboard lands on Down.
    expect(
      (screen.getByRole("button", { name: "Move stream 1 (Reablement) up" }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(document.activeElement).toBe(
      screen.getByRole("button", { name: "Move stream 1 (Reablement) down" }),
    );
    // The moved stream carries its own values.
    expect(input("assumptions.streams.1.target.value").value).toBe("8");
  });

  it("removes a stream, never the last one", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    await toStreamsStep();
    addStream("Package reviews");
    fireEvent.click(screen.getByRole("button", { name: "Remove stream 1 (CFS Targeted Prevention)" }));
    expect(legends()).toEqual(["Stream 1: Package reviews"]);
    expect((screen.getByRole("button", { name: /^Remove stream 1/ }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it("shows each kind's own fields, and lists with their own Add and Remove", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    await toStreamsStep();
    addStream("% of addressable spend");
    expect(screen.getByLabelText(/^Addressable spend \(£ a year\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add ramp point to category 1 of stream 2" }));
    expect(input("assumptions.streams.1.categories.0.ramp.points.0.share")).not.toBeNull();
    // Switching the kind switches the fields, and the stepped ramp is a choice.
    fireEvent.change(input("assumptions.streams.1.kind"), { target: { value: "provision" } });
    expect(screen.getByLabelText(/^Caseload to move/)).toBeTruthy();
    expect(input("assumptions.streams.1.categories.0.label")).toBeNull();
    // A cohort's unit-cost split: components with shares as %.
    fireEvent.click(screen.getByRole("button", { name: "Add component to stream 1" }));
    const share = input("assumptions.streams.0.unitCost.components.0.share");
    expect(share.closest("div")?.parentElement?.textContent).toMatch(/Share of cases \(%\)/);
    fireEvent.click(screen.getByRole("button", { name: "Remove component 1 of stream 1" }));
    await waitFor(() => expect(input("assumptions.streams.0.unitCost.components.0.share")).toBeNull());
  });

  it("keeps the streams in the stored draft", async () => {
    const host = fakeHost();
    const first = renderWizard(host);
    await startFromCfs();
    await toStreamsStep();
    addStream("Income lines");
    first.unmount();
    renderWizard(host);
    await toStreamsStep();
    expect(legends()).toHaveLength(2);
  });

  it("shows a stream field's problem beside it and lists it with its stream on Review", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    await toStreamsStep();
    addStream("Income lines");
    fireEvent.change(input("assumptions.streams.0.durationWeeks"), { target: { value: "-3" } });
    expect(await screen.findByText("Duration must be more than 0 weeks")).toBeTruthy();
    expect(input("assumptions.streams.0.durationWeeks").getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(input("assumptions.streams.1.items.0.feePerUnit"), { target: { value: "abc" } });
    expect(await screen.findByText("Fee per unit must be a number")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /Review and finish/ }));
    const list = within(screen.getByTestId("error-list"));
    expect(
      list.getByText("Stream 1 (CFS Targeted Prevention): Duration must be more than 0 weeks"),
    ).toBeTruthy();
    expect(list.getByText(/^Stream 2, income line 1: Fee per unit/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Finish" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("stacks the streams in the preview beside a Net column, cumulative as its caption says, the net being the single cohort's plus the income", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    // FY29/30 and FY31/32: there the £0.39m overlap (capped at the whole proposal's gross) is already in full.
    const single = ["FY29/30", "FY31/32"].map((fy) => millions(screen.getByTestId(`cumulative-${fy}`)));
    await toStreamsStep();
    addStream("Income lines");
    const set = (path: string, value: string): void => {
      fireEvent.change(input(`assumptions.streams.1.${path}`), { target: { value } });
    };
    set("label", "Room hire");
    set("id", "hire");
    set("items.0.kind", "amountPerYear");
    set("items.0.label", "Lettings");
    set("items.0.amountPerYear", "100000");
    set("items.0.goLiveDate", "2026-04-01");
    const table = await screen.findByTestId("stream-table");
    expect(within(table).getByRole("columnheader", { name: "Room hire" })).toBeTruthy();
    expect(within(table).getByRole("columnheader", { name: "CFS Targeted Prevention" })).toBeTruthy();
    // Its net column is the profile's cumulative benefit, and says so (the profile table has both bases).
    expect(within(table).getByRole("columnheader", { name: "Net" })).toBeTruthy();
    expect(table.querySelector("caption")?.textContent).toContain("Net is cumulative");
    for (const fy of ["FY29/30", "FY31/32"])
      expect(screen.getByTestId(`stream-net-${fy}`).textContent).toBe(
        screen.getByTestId(`cumulative-${fy}`).textContent,
      );
    // A flat £100,000 a year from the first day of the horizon: £0.10m in every FY.
    expect(screen.getByTestId("stream-hire-FY29/30").textContent).toBe("£0.10m");
    ["FY29/30", "FY31/32"].forEach((fy, i) =>
      expect(millions(screen.getByTestId(`cumulative-${fy}`))).toBeCloseTo(single[i] + 0.1, 2),
    );
    const chart = screen.getByTestId("profile-chart");
    expect(chart.querySelectorAll('rect[data-stream="0"]').length).toBeGreaterThan(0);
    expect(chart.querySelectorAll('rect[data-stream="1"]').length).toBe(
      chart.querySelectorAll('rect[data-stream="0"]').length,
    );
    expect(chart.getAttribute("aria-label")).toContain("Room hire £0.10m");
    // The Review summary has a line per stream.
    fireEvent.click(screen.getByRole("button", { name: /Review and finish/ }));
    const summary = within(screen.getByTestId("review-summary"));
    expect(summary.getByText("Stream 2: Room hire")).toBeTruthy();
    // Its figures sit in spans that keep each on one line: the line read as a whole.
    const line = summary.getByText("Stream 2: Room hire").nextElementSibling;
    expect(line?.textContent).toMatch(/^Income lines: £0\.10m in FY29\/30/);
  });

  it("shows the engine's warning beside a stream's field, and still allows Finish", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    await toStreamsStep();
    addStream("Income lines");
    fireEvent.click(screen.getByRole("button", { name: "Remove stream 2 (Income lines)" }));
    fireEvent.change(input("assumptions.streams.0.durationWeeks"), { target: { value: "1100" } });
    expect(
      await screen.findByText("Duration 1100 weeks is over 20 years; the duration is in weeks"),
    ).toBeTruthy();
    expect(input("assumptions.streams.0.durationWeeks").getAttribute("aria-invalid")).not.toBe("true");
    expect((screen.getByRole("button", { name: "Finish" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("hides and shows a stream's fields, saying how many problems a hidden stream has", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    await toStreamsStep();
    addStream("Income lines");
    fireEvent.change(input("assumptions.streams.0.durationWeeks"), { target: { value: "-3" } });
    await screen.findByText("Duration must be more than 0 weeks");
    const hide = screen.getByRole("button", {
      name: "Hide the fields of stream 1 (CFS Targeted Prevention)",
    });
    expect(hide.getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(hide);
    expect(input("assumptions.streams.0.durationWeeks")).toBeNull();
    expect(within(streams()[0]).getByText(/1 problem to fix$/)).toBeTruthy();
    const show = screen.getByRole("button", {
      name: "Show the fields of stream 1 (CFS Targeted Prevention)",
    });
    expect(show.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(show);
    expect(input("assumptions.streams.0.durationWeeks").value).toBe("-3");
  });

  it("lets a per-case cost name one of the streams, from a list of them", async () => {
    const host = fakeHost();
    renderWizard(host);
    await startFromCfs();
    await toStreamsStep();
    addStream("Income lines");
    fireEvent.click(screen.getByRole("button", { name: /Investment/ }));
    fireEvent.click(screen.getByRole("button", { name: "Add investment line" }));
    const rows = screen.getAllByRole("group", { name: /^investment line/ });
    const last = rows.length - 1;
    fireEvent.change(input(`assumptions.investment.${last}.kind`), { target: { value: "perCase" } });
    const stream = input(`assumptions.investment.${last}.stream`) as unknown as HTMLSelectElement;
    expect([...stream.options].map((o) => o.textContent)).toEqual([
      "(default)",
      "Stream 1: CFS Targeted Prevention",
      "Stream 2: stream2",
    ]);
    fireEvent.change(stream, { target: { value: "cohort" } });
    const draft = host.drafts.load() as { investment: Record<string, string>[] };
    expect(draft.investment[last]).toMatchObject({ kind: "perCase", stream: "cohort" });
  });
});
