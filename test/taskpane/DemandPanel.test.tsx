/** @jest-environment ./test/setup/jsdomEnvironment.js */
// Fluent UI imports `scheduler`, which the lockfile nests under react-dom (as in Wizard.test.tsx).
jest.mock(
  "scheduler",
  () => jest.requireActual(require.resolve("scheduler", { paths: [require.resolve("react-dom")] })),
  { virtual: true },
);
import * as React from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { DEMAND_DEFAULTS, DemandPanel, demandJson } from "../../src/taskpane/components/DemandPanel";
import { DEMAND_ENGINE } from "../../src/taskpane/demandBridge";
import { decimalCalculator, parseDemandModel, projectDemand } from "../../src/engine";

const panel = () =>
  render(
    <FluentProvider theme={webLightTheme}>
      <DemandPanel engine={DEMAND_ENGINE} />
    </FluentProvider>,
  );
const box = (key: string) => document.getElementById(`demand-${key}`) as HTMLInputElement;

describe("DemandPanel", () => {
  it("shows the do-nothing, with-impact and budget chart and the break-even year of the inputs", () => {
    panel();
    // The engine's own projection of the same JSON (the 500k council of the national report).
    const p = projectDemand(parseDemandModel(demandJson(DEMAND_DEFAULTS)), decimalCalculator);
    expect(p.breakEvenYear).toBe(2033);
    expect(screen.getByTestId("demand-break-even").textContent).toContain("Break-even: FY33/34");
    expect(screen.getAllByTestId("demand-budget-bar")).toHaveLength(p.years.length);
    expect(screen.getByTestId("demand-do-nothing").getAttribute("points")?.split(" ")).toHaveLength(
      p.years.length,
    );
    expect(screen.getByTestId("demand-with-impact").getAttribute("points")?.split(" ")).toHaveLength(
      p.years.length,
    );
  });

  it("recomputes as a box changes: no levers, no break-even", () => {
    panel();
    fireEvent.change(box("entriesChange"), { target: { value: "0" } });
    fireEvent.change(box("exitRateChange"), { target: { value: "0" } });
    expect(screen.getByTestId("demand-break-even").textContent).toContain("Break-even: not by FY35/36");
    // Do nothing and with impact are the same line.
    expect(screen.getByTestId("demand-with-impact").getAttribute("points")).toBe(
      screen.getByTestId("demand-do-nothing").getAttribute("points"),
    );
  });

  it("says the engine's rule beside the box it names", () => {
    panel();
    fireEvent.change(box("exitRate"), { target: { value: "150" } });
    expect(screen.getByTestId("demand-problem").textContent).toMatch(/^exitRate: /);
    expect(screen.queryByTestId("demand-chart")).toBeNull();
    fireEvent.change(box("stock"), { target: { value: "" } });
    fireEvent.change(box("exitRate"), { target: { value: "50" } });
    expect(screen.getByTestId("demand-problem").textContent).toMatch(/^stock: /);
  });
});
