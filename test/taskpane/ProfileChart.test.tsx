/** @jest-environment ./test/setup/jsdomEnvironment.js */
import * as React from "react";
import { render } from "@testing-library/react";
import { ProfileChart } from "../../src/taskpane/components/ProfileChart";
import type { PreviewRow } from "../../src/taskpane/preview/previewModel";

function row(label: string, inYear: number, cumulative: number, withinMtfs = true): PreviewRow {
  return {
    fy: 2000 + Number(label.slice(2, 4)),
    label,
    inYearMillions: inYear,
    cumulativeMillions: cumulative,
    inYearText: `£${inYear}m`,
    cumulativeText: `£${cumulative}m`,
    withinMtfs,
  };
}

const ROWS = [
  row("FY26/27", -0.5, -0.5),
  row("FY27/28", -1, -1.5),
  row("FY28/29", 0.93, -0.57),
  row("FY30/31", 1.67, 2.79, false),
];

function zeroLineY(svg: SVGElement): number {
  const zero = [...svg.querySelectorAll("text")].find(
    (t) => t.textContent === "0" || t.textContent === "0.0",
  );
  return Number(zero?.getAttribute("y")) - 3;
}

describe("ProfileChart", () => {
  it("draws one in-year bar per FY and one cumulative point per FY", () => {
    const { container } = render(<ProfileChart rows={ROWS} />);
    expect(container.querySelectorAll("rect")).toHaveLength(ROWS.length);
    expect(container.querySelector("polyline")?.getAttribute("points")?.split(" ")).toHaveLength(ROWS.length);
  });

  it("hangs net costs below the zero line and savings above it", () => {
    const { container } = render(<ProfileChart rows={ROWS} />);
    const svg = container.querySelector("svg") as SVGElement;
    const zero = zeroLineY(svg);
    const bars = [...container.querySelectorAll("rect")].map((r) => ({
      top: Number(r.getAttribute("y")),
      bottom: Number(r.getAttribute("y")) + Number(r.getAttribute("height")),
    }));
    expect(bars[0].top).toBeCloseTo(zero, 5); // −0.50: starts at zero, goes down
    expect(bars[1].bottom - bars[1].top).toBeCloseTo(2 * (bars[0].bottom - bars[0].top), 5); // −1.00 is twice as tall
    expect(bars[2].bottom).toBeCloseTo(zero, 5); // +0.93: ends at zero, goes up
  });

  it("describes every figure for screen readers", () => {
    const { container } = render(<ProfileChart rows={ROWS} />);
    const label = container.querySelector("svg")?.getAttribute("aria-label") ?? "";
    expect(label).toContain("FY28/29 in-year £0.93m, cumulative £-0.57m");
    expect(container.querySelector("svg")?.getAttribute("role")).toBe("img");
  });

  it("labels the y-axis in £m, above the tick labels", () => {
    const { container } = render(<ProfileChart rows={ROWS} />);
    const texts = [...container.querySelectorAll("svg > text")];
    const unit = texts.find((t) => t.textContent === "£m");
    expect(unit).toBeDefined();
    const tickYs = [...container.querySelectorAll("g > text")]
      .filter((t) => /^-?\d/.test(t.textContent ?? ""))
      .map((t) => Number(t.getAttribute("y")));
    // Above the highest tick label, so it never overlaps a number.
    expect(Number(unit?.getAttribute("y"))).toBeLessThan(Math.min(...tickYs) - 6);
  });
});

describe("ProfileChart with saving streams", () => {
  const STREAMS = [
    {
      id: "falls",
      label: "Falls",
      millions: [0.2, 0.5, 1, 1],
      texts: ["£0.20m", "£0.50m", "£1.00m", "£1.00m"],
    },
    {
      id: "fees",
      label: "Fees",
      millions: [0.1, -0.25, 0.5, 0.5],
      texts: ["£0.10m", "-£0.25m", "£0.50m", "£0.50m"],
    },
  ];

  function segments(container: HTMLElement, stream: number) {
    return [...container.querySelectorAll(`rect[data-stream="${stream}"]`)].map((r) => ({
      top: Number(r.getAttribute("y")),
      bottom: Number(r.getAttribute("y")) + Number(r.getAttribute("height")),
    }));
  }

  it("stacks one bar segment per stream and FY, each stream above the one before", () => {
    const { container } = render(<ProfileChart rows={ROWS} streams={STREAMS} />);
    expect(container.querySelectorAll("rect")).toHaveLength(ROWS.length * STREAMS.length);
    const zero = zeroLineY(container.querySelector("svg") as SVGElement);
    const falls = segments(container, 0);
    const fees = segments(container, 1);
    expect(falls[0].bottom).toBeCloseTo(zero, 5);
    expect(fees[0].bottom).toBeCloseTo(falls[0].top, 5); // FY26/27: fees sit on top of falls
    expect(fees[0].bottom - fees[0].top).toBeCloseTo((falls[0].bottom - falls[0].top) / 2, 5);
    expect(fees[1].top).toBeCloseTo(zero, 5); // FY27/28: a negative stream hangs below zero
    // The net line is still one point per FY.
    expect(container.querySelector("polyline")?.getAttribute("points")?.split(" ")).toHaveLength(ROWS.length);
  });

  it("describes every stream's figure and the net for screen readers", () => {
    const { container } = render(<ProfileChart rows={ROWS} streams={STREAMS} />);
    const label = container.querySelector("svg")?.getAttribute("aria-label") ?? "";
    expect(label).toContain("FY27/28: Falls £0.50m, Fees -£0.25m, net cumulative £-1.5m");
  });
});
