/** @jest-environment ./test/setup/jsdomEnvironment.js */
// Fluent UI imports `scheduler`, which the lockfile nests under react-dom (webpack aliases it the same way).
jest.mock(
  "scheduler",
  () => jest.requireActual(require.resolve("scheduler", { paths: [require.resolve("react-dom")] })),
  { virtual: true },
);
import * as React from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { readFileSync } from "fs";
import { join } from "path";
import { TrackTab } from "../../src/taskpane/components/TrackTab";
import { actualsFromCsv, trackMeasures, trackView } from "../../src/taskpane/trackBridge";
import { Decimal, QUARTER_YEAR, describeReprofile, parseProposal, reprofile } from "../../src/engine";

const cfs: unknown = JSON.parse(
  readFileSync(join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8"),
);

function renderTab(raw: unknown = cfs) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <TrackTab raw={raw} track={trackView} fromCsv={actualsFromCsv} measures={trackMeasures} />
    </FluentProvider>,
  );
}

function type(i: number, period: string, value: string): void {
  fireEvent.change(screen.getByTestId(`actual-${i}-period`), { target: { value: period } });
  fireEvent.change(screen.getByTestId(`actual-${i}-value`), { target: { value } });
}

describe("TrackTab", () => {
  it("says whose year a quarter's label gives, and still takes a quarter typed as before", () => {
    renderTab();
    expect(screen.getByTestId("track-tab").textContent).toContain(
      `fiscal quarter “2027-Q3” (${QUARTER_YEAR}).`,
    );
    type(0, "2027-Q4", "0");
    expect(screen.getByTestId("track-rag-avoidedEvents").textContent).toMatch(/^(Green|Amber|Red)$/);
  });

  it("shows variance, RAG, forecast, slippage and a proposed reprofile for a quarter of avoided events", () => {
    renderTab();
    expect(screen.getByTestId("track-problem").textContent).toMatch(/Enter an actual/);
    type(0, "2027-10", "0");
    fireEvent.click(screen.getByTestId("add-actual"));
    type(1, "2027-11", "0");
    fireEvent.click(screen.getByTestId("add-actual"));
    type(2, "2027-12", "1");
    expect(screen.getByTestId("track-variance-avoidedEvents").textContent).toBe("-1.19");
    expect(screen.getByTestId("track-rag-avoidedEvents").textContent).toBe("Red");
    expect(screen.getByTestId("track-forecast").textContent).toMatch(
      /^Forecast cumulative benefit FY27\/28: /,
    );
    expect(screen.getByTestId("track-slippage").textContent).toMatch(/months behind the plan/);
    expect(screen.getByTestId("track-reprofile").textContent).toMatch(/a later start: \d+ days/);
  });

  it("says beside the preview's reprofile from one month that it is indicative only, in the engine's words", () => {
    renderTab();
    type(0, "2027-12", "0");
    const a = parseProposal(cfs).assumptions.cohort!;
    const r = reprofile(a, [{ period: "2027-12", value: new Decimal(0) }]);
    expect(r.indicativeNote).toMatch(/^the reprofile is indicative only: 1 period \(2027-12\)/);
    // Said once, in the note: the reading is the CLI's "Proposed:" line, whose warning is the same note.
    expect(screen.getByTestId("track-reprofile").textContent).toBe(
      `Proposed reprofile: ${describeReprofile(r)}`,
    );
    expect(screen.getByTestId("track-reprofile").textContent).not.toMatch(/indicative/);
    expect(screen.getByTestId("track-reprofile-note").textContent).toBe(`T${r.indicativeNote!.slice(1)}.`);
  });

  it("keeps each money figure of the forecast lines on one line (a 320 px pane breaks after a minus)", () => {
    renderTab();
    type(0, "2027-12", "0");
    const forecast = screen.getByTestId("track-forecast");
    const figures = [...forecast.querySelectorAll(".mtfs-figure")].map((f) => f.textContent);
    // "-£1.50m (plan …)": each figure whole in its span, the line's words unchanged.
    expect(figures.length).toBe(2);
    expect(figures.every((f) => /^-?£\d[\d,]*\.\d+[mk]$/.test(f ?? ""))).toBe(true);
    expect(forecast.textContent).toContain(figures.join(" (plan ").concat(")"));
    const mtfs = screen.getByTestId("track-mtfs");
    expect(mtfs.querySelectorAll(".mtfs-figure").length).toBe(mtfs.textContent!.split(", ").length);
  });

  it("says what is wrong with an actual instead of failing", () => {
    renderTab();
    type(0, "2027-13", "1");
    expect(screen.getByTestId("track-problem").textContent).toMatch(/^period: must be a month/);
    type(0, "2027-10", "lots");
    expect(screen.getByTestId("track-problem").textContent).toMatch(/value must be a number, got "lots"/);
  });

  it("takes a quarter of actuals from a pasted CSV, as track import reads it, for this proposal only", () => {
    renderTab();
    const csv = [
      "proposal,stream,period,measure,value",
      "CFS Targeted Prevention,,2027-10,avoidedEvents,0",
      "CFS Targeted Prevention,,2027-11,avoidedEvents,0",
      "CFS Targeted Prevention,,2027-12,avoidedEvents,1",
      "Family Based Placements,,2027-12,avoidedEvents,1",
    ].join("\n");
    fireEvent.change(screen.getByTestId("actuals-csv"), { target: { value: csv } });
    fireEvent.click(screen.getByTestId("use-csv"));
    expect(screen.getByTestId("csv-note").textContent).toBe(
      "3 actuals for this proposal; 1 for other proposals left out",
    );
    expect(screen.getByTestId("track-rag-avoidedEvents").textContent).toBe("Red");
    expect(screen.getByTestId("track-variance-avoidedEvents").textContent).toBe("-1.19");
  });

  it("shows a bad CSV line by number and keeps the rows", () => {
    renderTab();
    fireEvent.change(screen.getByTestId("actuals-csv"), {
      target: { value: "proposal,period,measure,value\nCFS Targeted Prevention,2027-13,avoidedEvents,1" },
    });
    fireEvent.click(screen.getByTestId("use-csv"));
    expect(screen.getByTestId("csv-note").textContent).toMatch(
      /^pasted CSV: 1 bad line; no actuals were taken/,
    );
    expect(screen.getAllByTestId("csv-problem").map((p) => p.textContent)).toEqual([
      expect.stringMatching(/^line 2: period: must be a month/),
    ]);
  });

  it("lists every bad line of a pasted CSV at once, in line order", () => {
    renderTab();
    const csv = [
      "proposal,period,measure,value",
      "CFS Targeted Prevention,2027-10,avoidedEvents,lots",
      "CFS Targeted Prevention,2027-11,avoidedEvents,0",
      "CFS Targeted Prevention,2027-13,avoidedEvents,1",
    ].join("\n");
    fireEvent.change(screen.getByTestId("actuals-csv"), { target: { value: csv } });
    fireEvent.click(screen.getByTestId("use-csv"));
    expect(screen.getByTestId("csv-note").textContent).toMatch(/^pasted CSV: 2 bad lines;/);
    expect(screen.getAllByTestId("csv-problem").map((p) => p.textContent)).toEqual([
      'line 2: value: must be a number, got "lots"',
      expect.stringMatching(/^line 4: period: must be a month/),
    ]);
    // Nothing was taken: the grid is as it was.
    expect((screen.getByTestId("actual-0-period") as HTMLInputElement).value).toBe("");
  });

  it("offers the chosen stream's own measures in words, and shows the measure in words", async () => {
    renderTab();
    fireEvent.click(screen.getByTestId("actual-0-measure"));
    const options = (await screen.findAllByRole("option")).map((o) => o.textContent);
    expect(options).toEqual(["Saving (£)", "Avoided events", "Caseload reduction"]);
    fireEvent.click(screen.getByRole("option", { name: "Caseload reduction" }));
    type(0, "2027-10", "1");
    expect(screen.getByTestId("track-line-caseloadReduction").textContent).toMatch(/^Caseload reduction/);
  });

  it("offers a stream of another kind its KPIs, not avoided events", async () => {
    const raw: unknown = JSON.parse(
      readFileSync(join(__dirname, "../../examples/income-maximisation.json"), "utf8"),
    );
    renderTab(raw);
    fireEvent.change(screen.getByTestId("actual-0-stream"), { target: { value: "fees" } });
    fireEvent.click(screen.getByTestId("actual-0-measure"));
    const options = (await screen.findAllByRole("option")).map((o) => o.textContent);
    expect(options).toEqual(["Saving (£)", "Units charged at the new fees"]);
  });

  it("says a CSV file it could not read could not be read, rather than nothing", async () => {
    renderTab();
    const unreadable = { name: "actuals.csv", text: () => Promise.reject(new Error("NotReadableError")) };
    const input = screen.getByTestId("csv-file");
    Object.defineProperty(input, "files", { value: [unreadable] });
    fireEvent.change(input);
    expect((await screen.findByTestId("csv-note")).textContent).toBe(
      "Could not read actuals.csv: NotReadableError",
    );
  });
});
