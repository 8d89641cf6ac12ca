/** @jest-environment ./test/setup/jsdomEnvironment.js */
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
import { SimulationPanel } from "../../src/taskpane/components/SimulationPanel";
import type { RiskEngine } from "../../src/taskpane/riskBridge";
import {
  formatMoney,
  moneyScale,
  parseProposal,
  proposalRiskModel,
  proposalSensitivity,
  proposalTornado,
  rankedRows,
  riskAdjustedProfile,
  computeAssumptions,
  grossByCashability,
} from "../../src/engine";
import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import { join } from "path";
import { CFS, fakeHost, input, renderWizard, startFromCfs } from "./wizardHarness";

/** Opens a preview section (`<details>`) as a click on its summary does in a browser. */
function openSection(testId: string): HTMLElement {
  const details = screen.getByTestId(testId) as HTMLDetailsElement;
  act(() => {
    details.open = true;
    fireEvent(details, new Event("toggle"));
  });
  return details;
}

function setBox(panel: HTMLElement, label: string, value: string): void {
  fireEvent.change(within(panel).getByLabelText(label), { target: { value } });
}

const cfs = parseProposal(CFS!.raw);

describe("preview risk panels", () => {
  it("shows the risk-adjusted MTFS row, the Green Book figures and the gross by kind from the engine", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    const panel = screen.getByTestId("appraisal-panel");
    const { profile } = computeAssumptions(cfs.assumptions);
    const risk = riskAdjustedProfile(profile, cfs.opportunity.confidence!.level);
    for (const y of risk.years) {
      expect(within(panel).getByTestId(`mtfs-${y.label}`).textContent).toBe(formatMoney(y.mtfsImpact));
      expect(within(panel).getByTestId(`risk-adjusted-${y.label}`).textContent).toBe(
        formatMoney(y.riskAdjusted),
      );
    }
    // CFS's first risk-adjusted year is under £0.1m: in £k, and the caption says the table mixes the two.
    expect(risk.years.some((y) => moneyScale(y.riskAdjusted) === "k")).toBe(true);
    expect(within(panel).getByTestId("scenario-table").querySelector("caption")?.textContent).toBe(
      "MTFS row and scenarios (£m, or £k below £0.1m)",
    );
    expect(within(panel).getByTestId("scenario-note").textContent).toMatch(
      new RegExp(`${cfs.opportunity.confidence!.level} confidence, optimism bias \\d+% off the benefits`),
    );
    expect(within(panel).getByTestId("npv").textContent).toMatch(/^-?£\d+\.\d\dm$/);
    expect(within(panel).getByTestId("payback").textContent).toMatch(/years$|^not within/);
    // A cohort is cost avoidance (the national report's label): said, not counted as cashable.
    expect(within(panel).getByTestId("cashability-table").textContent).toMatch(/Cost avoidance/);
  });

  it("shows the stretch scenario the draft states beside the MTFS row", async () => {
    const withStretch = {
      ...(CFS!.raw as Record<string, unknown>),
      assumptions: {
        ...((CFS!.raw as { assumptions: Record<string, unknown> }).assumptions ?? {}),
        stretch: { target: { kind: "percent", value: "10%" } },
      },
    };
    const host = fakeHost({
      readActiveProposal: async () => ({ sheet: "CFS Targeted Prevention", raw: withStretch }),
    });
    renderWizard(host);
    const panel = await screen.findByTestId("appraisal-panel");
    const stretched = computeAssumptions({
      ...cfs.assumptions,
      cohort: { ...cfs.assumptions.cohort!, target: parseProposal(withStretch).assumptions.stretch!.target },
      streams: parseProposal(withStretch).assumptions.streams.map((s) =>
        s.kind === "cohort" ? { ...s, target: parseProposal(withStretch).assumptions.stretch!.target } : s,
      ),
    }).profile;
    await waitFor(() => expect(within(panel).getByTestId("stretch-FY29/30")).toBeTruthy());
    expect(within(panel).getByTestId("stretch-FY29/30").textContent).toBe(
      formatMoney(stretched.years[3].mtfsImpact),
    );
  });

  it("shows the tornado with every input in words, its ±10% ends and the engine's swing, largest first", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    const panel = openSection("sensitivity-panel");
    // The tornado a proposal sheet and `simulate --xlsx` show (the timeline moved in the months the draft states).
    const t = proposalTornado(cfs, CFS!.raw);
    const rows = within(panel).getAllByRole("row").slice(1);
    // Every input that moves the figure; the ones that change nothing are counted beneath instead.
    const { moving, unmoved } = rankedRows(t);
    expect(rows).toHaveLength(moving.length);
    expect(unmoved.length).toBeGreaterThan(0);
    expect(within(panel).getByTestId("sensitivity-unmoved").textContent).toMatch(
      new RegExp(`^${unmoved.length} inputs? change`),
    );
    moving.forEach((r, i) => {
      const cells = within(rows[i]).getAllByRole("cell");
      const name = within(rows[i]).getByTestId(`input-${r.input}`).textContent ?? "";
      // In words: no engine path left in the label.
      expect(name).not.toContain(r.input);
      expect(name).not.toMatch(/\[\d+\]|Weeks\b|[a-z][A-Z]/);
      expect(cells[0].textContent).toBe(formatMoney(r.opportunityAtLow));
      expect(cells[1].textContent).toBe(formatMoney(r.opportunityAtHigh));
      expect(cells[2].textContent).toBe(formatMoney(r.swing));
    });
    expect(within(rows[0]).getByTestId("input-unitCost.weeklyCost").textContent).toBe("Weekly unit cost *");
    expect(within(rows[0]).getByTestId("ends-unitCost.weeklyCost").textContent).toBe(
      "£1,338.30 a week to £1,635.70 a week",
    );
    expect(within(panel).getByTestId("sensitivity-base").textContent).toBe(formatMoney(t.opportunity));
    // Some swings are under £0.1m (in £k): the caption and the chart's description say so by each figure's unit.
    expect(t.rows.some((r) => moneyScale(r.swing) === "k")).toBe(true);
    expect(within(panel).getByTestId("sensitivity-table").querySelector("caption")?.textContent).toBe(
      "Sensitivity, largest swing first (£m, or £k below £0.1m)",
    );
    const described = within(panel).getByTestId("tornado-chart").getAttribute("aria-label") ?? "";
    expect(described).not.toContain("(£m)");
    expect(described).toContain(`${formatMoney(t.rows[0].opportunityAtLow)} at low`);
    expect(within(panel).getByTestId("tornado-chart").querySelectorAll("g[data-input]")).toHaveLength(8);
  });

  it("uses the draft's risk ranges for the tornado's ends when it states them", async () => {
    const withRisk = {
      ...(CFS!.raw as Record<string, unknown>),
      risk: { inputs: [{ path: "target.value", low: "5%", high: "9%" }] },
    };
    renderWizard(
      fakeHost({ readActiveProposal: async () => ({ sheet: "CFS Targeted Prevention", raw: withRisk }) }),
    );
    await screen.findByTestId("sensitivity-panel");
    const panel = openSection("sensitivity-panel");
    const row = (await within(panel).findAllByRole("row")).find(
      (r) => r.getAttribute("data-input") === "target.value",
    )!;
    expect(within(row).getByTestId("input-target.value").textContent).toBe("Target");
    expect(within(row).getByTestId("ends-target.value").textContent).toBe("5% to 9%");
  });

  it("simulates with the CLI's numbers for the same seed, showing P10/P50/P90, the fan and the chance of the plan", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    const panel = openSection("simulation-panel");
    setBox(panel, "Iterations", "300");
    setBox(panel, "Seed", "42");
    fireEvent.click(within(panel).getByRole("button", { name: "Run" }));
    const table = await within(panel).findByTestId("simulation-table", {}, { timeout: 20_000 });
    // The CLI as a user runs it (lib/, built by `npm run build:cli`).
    const root = join(__dirname, "../..");
    const stdout = execFileSync(
      process.execPath,
      [
        "bin/mtfs-benefits.js",
        "simulate",
        "--input",
        "examples/cfs-targeted-prevention.json",
        "--iterations",
        "300",
        "--seed",
        "42",
        "--format",
        "json",
      ],
      { cwd: root, encoding: "utf8" },
    );
    const json = JSON.parse(stdout) as {
      proposals: { years: { fy: string; p10: number; p50: number; p90: number; probability: number }[] }[];
    };
    for (const y of json.proposals[0].years) {
      const label = y.fy.replace(" ", "");
      expect(within(table).getByTestId(`p10-${label}`).textContent).toBe(formatMoney(y.p10));
      expect(within(table).getByTestId(`p50-${label}`).textContent).toBe(formatMoney(y.p50));
      expect(within(table).getByTestId(`p90-${label}`).textContent).toBe(formatMoney(y.p90));
    }
    const last = json.proposals[0].years.find((y) => y.fy.replace(" ", "") === "FY29/30")!;
    expect(within(panel).getByTestId("simulation-probability").textContent).toContain(
      `FY29/30: ${Math.round(last.probability * 100)}%`,
    );
    expect(within(panel).getByTestId("fan-chart")).toBeTruthy();
    // Typing a narrative leaves the run current; changing an input marks it out of date.
    fireEvent.click(screen.getByRole("button", { name: /Narrative/ }));
    fireEvent.change(input("narrative.risks"), { target: { value: "Partner engagement." } });
    expect(within(panel).queryByText("The inputs changed since this run: Run again to update.")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /Baseline and target/ }));
    fireEvent.change(input("assumptions.target.value"), { target: { value: "9" } });
    expect(
      await within(panel).findByText("The inputs changed since this run: Run again to update."),
    ).toBeTruthy();
  }, 60_000);

  it("shows progress while it runs and stops on Cancel, keeping the keyboard on the buttons", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    const panel = openSection("simulation-panel");
    setBox(panel, "Iterations", "20,000");
    // As from the keyboard: focus on Run, then press it.
    const runButton = within(panel).getByRole("button", { name: "Run" });
    runButton.focus();
    fireEvent.click(runButton);
    const bar = await within(panel).findByRole("progressbar");
    await waitFor(() => expect(within(panel).getByText(/^[1-9][\d,]* of 20,000 iterations$/)).toBeTruthy());
    expect(Number(bar.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
    const cancel = within(panel).getByRole("button", { name: "Cancel" });
    expect(document.activeElement).toBe(cancel);
    fireEvent.click(cancel);
    expect(await within(panel).findByTestId("simulation-cancelled")).toBeTruthy();
    expect(within(panel).queryByTestId("simulation-table")).toBeNull();
    expect(within(panel).queryByRole("progressbar")).toBeNull();
    expect(document.activeElement).toBe(within(panel).getByRole("button", { name: "Run" }));
  }, 60_000);

  it("shows a saving-streams proposal's cashable split and names its stream inputs by stream", async () => {
    const raw = JSON.parse(
      readFileSync(join(__dirname, "../../examples/income-maximisation.json"), "utf8"),
    ) as unknown;
    const proposal = parseProposal(raw);
    renderWizard(fakeHost({ readActiveProposal: async () => ({ sheet: proposal.opportunity.name, raw }) }));
    const appraisal = await screen.findByTestId("appraisal-panel");
    const kinds = grossByCashability(computeAssumptions(proposal.assumptions).proposal);
    await waitFor(() => expect(within(appraisal).getByTestId(`cashable-${kinds[0].label}`)).toBeTruthy());
    for (const y of kinds) {
      expect(within(appraisal).getByTestId(`cashable-${y.label}`).textContent).toBe(formatMoney(y.cashable));
    }
    expect(within(appraisal).queryByText("Cost avoidance")).toBeNull();
    const panel = openSection("sensitivity-panel");
    const t = proposalSensitivity(proposalRiskModel(proposal));
    const first = t.rows[0];
    const k = Number(/^streams\[(\d+)\]/.exec(first.input)![1]);
    expect(within(panel).getByTestId(`input-${first.input}`).textContent).toMatch(
      new RegExp(`^Stream ${k + 1} \\(`),
    );
  });

  it("says what is wrong with the iterations and the seed beside their boxes", async () => {
    renderWizard(fakeHost());
    await startFromCfs();
    const panel = openSection("simulation-panel");
    setBox(panel, "Iterations", "0");
    fireEvent.click(within(panel).getByRole("button", { name: "Run" }));
    expect(
      await within(panel).findByText(/^Iterations must be a whole number from 1 to 100,000, got 0$/),
    ).toBeTruthy();
    setBox(panel, "Iterations", "100");
    setBox(panel, "Seed", "1.5");
    fireEvent.click(within(panel).getByRole("button", { name: "Run" }));
    expect(await within(panel).findByText('Seed must be a whole number, got "1.5"')).toBeTruthy();
    expect(within(panel).getByLabelText("Seed").getAttribute("aria-invalid")).toBe("true");
  });

  it("says a refusal of the draft's inputs as a general message, not under Iterations", async () => {
    const engine = {
      simulate: async () => ({
        ok: false as const,
        field: "target.value",
        rule: "must be at least 0, got -0.2",
        label: "Target",
      }),
    } as unknown as RiskEngine<null>;
    render(
      <FluentProvider theme={webLightTheme}>
        <SimulationPanel subject={null} runKey="k" engine={engine} />
      </FluentProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    expect((await screen.findByTestId("simulation-problem")).textContent).toBe(
      "The simulation cannot run: Target must be at least 0, got -0.2",
    );
    expect(screen.getByLabelText("Iterations").getAttribute("aria-invalid")).not.toBe("true");
  });
});
